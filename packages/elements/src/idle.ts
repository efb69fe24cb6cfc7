import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Clock } from '@motcua/core';

/**
 * What counts as someone at the screen. Each is composed, so it reaches the host from inside
 * its shadow root; listened to in the capture phase, so a handler that stops it cannot hide it.
 * Not `focusin`: the element moves focus itself (to each new page's heading), which is no sign
 * of a person.
 */
const ACTIVITY = ['pointerdown', 'keydown', 'input', 'wheel'] as const;

/** What {@link IdleController} asks of the element it watches. */
export interface IdleOptions {
  /** Milliseconds without activity before the question; 0 or less turns the watch off. */
  after(): number;
  /** Milliseconds the question waits for an answer before everything is wiped. */
  grace(): number;
  clock(): Clock;
  /** Whether anything of a citizen is there to lose (answers, files, a confirmation). */
  holdsCitizenData(): boolean;
  /** Forgets everything of the citizen. */
  wipe(): void;
}

/**
 * A shared kiosk's guard: after a while with no one touching the form, ask "are you still
 * there?", and if no one answers, wipe every answer so the next person sees nothing of the last.
 * A form with nothing in it is wiped without asking (a kiosk host goes back to its start page).
 * Timers come from the element's clock, so tests advance time instead of waiting.
 */
export class IdleController implements ReactiveController {
  /** Whether the "are you still there?" question is on screen. */
  warning = false;
  readonly #host: ReactiveControllerHost & EventTarget;
  readonly #options: IdleOptions;
  /** The pending timer, and the clock it was set on (the host's clock may change). */
  #timer: { id: unknown; clock: Clock } | undefined;

  constructor(host: ReactiveControllerHost & EventTarget, options: IdleOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {
    for (const type of ACTIVITY) {
      this.#host.addEventListener(type, this.#activity, { capture: true, passive: true });
    }
    this.restart();
  }

  hostDisconnected(): void {
    for (const type of ACTIVITY) this.#host.removeEventListener(type, this.#activity, true);
    this.#clear();
    this.warning = false;
  }

  /** Starts counting again from now (or stops, when the watch is off). */
  restart(): void {
    this.#clear();
    if (this.#options.after() > 0) this.#set(this.#idle, this.#options.after());
  }

  /** The citizen answered the question: keep everything and count again. */
  stillHere(): void {
    this.warning = false;
    this.#host.requestUpdate();
    this.restart();
  }

  #activity = (): void => {
    // While the question is up, only its button answers it: a stray touch does not.
    if (!this.warning) this.restart();
  };

  #idle = (): void => {
    this.#timer = undefined;
    if (!this.#options.holdsCitizenData()) {
      // Nothing to guard until someone touches the screen again.
      this.#options.wipe();
      return;
    }
    this.warning = true;
    this.#host.requestUpdate();
    this.#set(this.#expire, this.#options.grace());
  };

  #expire = (): void => {
    this.#timer = undefined;
    this.warning = false;
    this.#options.wipe();
    this.#host.requestUpdate();
  };

  #set(fn: () => void, ms: number): void {
    const clock = this.#options.clock();
    this.#timer = { id: clock.setTimeout(fn, ms), clock };
  }

  #clear(): void {
    this.#timer?.clock.clearTimeout(this.#timer.id);
    this.#timer = undefined;
  }
}
