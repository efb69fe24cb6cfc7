import {
  type ReactiveController,
  type ReactiveControllerHost,
  type TemplateResult,
  html,
  nothing,
} from 'lit';
import { type Clock, interpolate } from '@motcua/core';
import type { UiStrings } from './strings.js';

/** The element an {@link IdleController} watches: it draws the question in its render root. */
export type IdleHost = ReactiveControllerHost & EventTarget & { readonly renderRoot: ParentNode };

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
 * How often, at most, the screen reader hears the time left while the question waits. The
 * dialog's opening already says the whole question; a live region that changed every second
 * would talk over it and over the button the citizen is trying to find, so the time left is
 * spoken again only every 20 seconds (WCAG 2.2.1 asks for a warning, not a running commentary).
 */
export const SPOKEN_COUNTDOWN_EVERY_MS = 20_000;

/**
 * A shared kiosk's guard: after a while with no one touching the form, ask "are you still
 * there?", and if no one answers, wipe every answer so the next person sees nothing of the last.
 * A form with nothing in it is wiped without asking (a kiosk host goes back to its start page).
 * Timers come from the element's clock, so tests advance time instead of waiting.
 */
export class IdleController implements ReactiveController {
  /** Whether the "are you still there?" question is on screen. */
  warning = false;
  /** While the question is on screen: whole seconds left before the wipe, shown each second. */
  secondsLeft = 0;
  /**
   * While the question is on screen: the seconds left as last given to the screen reader, at most
   * every {@link SPOKEN_COUNTDOWN_EVERY_MS}; `undefined` until the first time (the dialog's
   * opening says it).
   */
  spokenSecondsLeft: number | undefined;
  readonly #host: IdleHost;
  readonly #options: IdleOptions;
  /** The pending timer, and the clock it was set on (the host's clock may change). */
  #timer: { id: unknown; clock: Clock } | undefined;
  /** When the unanswered question wipes, and when the time left was last spoken (clock ms). */
  #deadline = 0;
  #spokenAt = 0;

  constructor(host: IdleHost, options: IdleOptions) {
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
    this.cancel();
  }

  /** The question, once drawn, opens as a modal with focus on its button. */
  hostUpdated(): void {
    const question = this.#host.renderRoot.querySelector<HTMLDialogElement>('dialog.idle');
    if (question && !question.open) {
      question.showModal();
      question.querySelector<HTMLElement>('button')?.focus();
    }
  }

  /**
   * "Are you still there?" while it is asked: a modal dialog, so that focus and screen readers go
   * to it alone (opened by {@link hostUpdated}). Escape means "still here", never "wipe".
   */
  question(strings: UiStrings): TemplateResult | typeof nothing {
    if (!this.warning) return nothing;
    return html`<dialog
      class="idle"
      aria-labelledby="idle-title"
      aria-describedby="idle-body idle-countdown"
      @cancel=${(event: Event) => {
        event.preventDefault();
        this.stillHere();
      }}
    >
      <h2 class="heading-m" id="idle-title">${strings.idleTitle}</h2>
      <p class="body" id="idle-body">${strings.idleBody}</p>
      <p class="idle__countdown" id="idle-countdown" role="timer">
        ${interpolate(strings.idleCountdown, { seconds: this.secondsLeft })}
      </p>
      <p class="visually-hidden" role="status" aria-live="polite">
        ${
          this.spokenSecondsLeft === undefined
            ? nothing
            : interpolate(strings.idleCountdownSpoken, { seconds: this.spokenSecondsLeft })
        }
      </p>
      <button class="button" type="button" @click=${() => this.stillHere()}>
        ${strings.idleContinue}
      </button>
    </dialog>`;
  }

  /**
   * Takes the question away and stops counting until the next touch or key: the citizen's data
   * was just wiped another way (the page was left), so there is nothing to guard.
   */
  cancel(): void {
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
    const now = this.#options.clock().now();
    this.warning = true;
    this.#deadline = now + this.#options.grace();
    this.#spokenAt = now;
    this.spokenSecondsLeft = undefined;
    this.#tick();
  };

  /**
   * Counts down on whole seconds left, so the number on screen changes once a second even when a
   * timer fires late, and wipes at the deadline.
   */
  #tick = (): void => {
    this.#timer = undefined;
    const now = this.#options.clock().now();
    const left = this.#deadline - now;
    if (left <= 0) {
      this.#expire();
      return;
    }
    this.secondsLeft = Math.ceil(left / 1000);
    if (now - this.#spokenAt >= SPOKEN_COUNTDOWN_EVERY_MS) {
      this.spokenSecondsLeft = this.secondsLeft;
      this.#spokenAt = now;
    }
    this.#host.requestUpdate();
    this.#set(this.#tick, left % 1000 || 1000);
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
