// Kiosk privacy. A kiosk at the one-stop counter is used by one citizen after another, so kiosk
// mode keeps nothing of anyone: no IndexedDB, localStorage, sessionStorage, cookie, Cache Storage
// or history state ever holds an answer (the element writes none in kiosk mode; only portal mode
// opens persistence.ts), the browser is told not to remember what was typed, and every trace in
// memory and on screen is wiped when the kiosk is left unused or the page is left.
import { type ReactiveController, type ReactiveControllerHost, nothing } from 'lit';

/**
 * The `autocomplete` attribute of a form control. In kiosk mode it is always `off`, on every
 * input, select and textarea, deliberately: a browser remembers what is typed into a form and
 * offers it again, so on a shared device the next citizen would be offered the last one's name,
 * ID number, phone and address; `off` also keeps the browser from restoring a control's state
 * (Firefox restores ticked boxes and radios across reloads unless told `off`). The cost, no
 * autofill of the citizen's own details, is no cost on a device that is not theirs. In portal
 * mode the control keeps what it asks for (`email`, `tel`, `bday-day`…), or no attribute.
 *
 * @example
 * html`<input autocomplete=${autocomplete(context.mode, 'email')} …>`;
 */
export function autocomplete(mode: 'portal' | 'kiosk', portal?: string): string | typeof nothing {
  return mode === 'kiosk' ? 'off' : (portal ?? nothing);
}

/** What {@link KioskPrivacy} asks of the element it guards. */
export interface KioskPrivacyOptions {
  /** Whether the element is in kiosk mode now. */
  active(): boolean;
  /** Forgets everything of the citizen, as an idle wipe does. */
  wipe(): void;
}

/** What counts as the next person's first action: they type, choose, or press something. */
const ACTION = ['input', 'change', 'click'] as const;

/**
 * Wipes a kiosk's form when the page is left (`pagehide`) and again when it is shown from the
 * back/forward cache (`pageshow` with `persisted`): Back after the kiosk's browser went elsewhere
 * would otherwise bring the last citizen's page back whole, answers, chosen files and all. The
 * wipe on `pagehide` is the one that matters (the page goes into the cache already empty); the
 * one on `pageshow` catches a page that was frozen before its listeners ran.
 *
 * Also holds the notice the start page shows after a wipe ("what the previous person entered
 * has been deleted"), until the next person's first action.
 */
export class KioskPrivacy implements ReactiveController {
  /** Whether the start page says that the previous person's answers were deleted. */
  notice = false;
  readonly #host: ReactiveControllerHost & EventTarget;
  readonly #options: KioskPrivacyOptions;

  constructor(host: ReactiveControllerHost & EventTarget, options: KioskPrivacyOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** Called from the element's `connectedCallback`. */
  hostConnected(): void {
    window.addEventListener('pagehide', this.#pagehide);
    window.addEventListener('pageshow', this.#pageshow);
    for (const type of ACTION) {
      this.#host.addEventListener(type, this.#dismiss, { capture: true, passive: true });
    }
  }

  /** Called from the element's `disconnectedCallback`. */
  hostDisconnected(): void {
    window.removeEventListener('pagehide', this.#pagehide);
    window.removeEventListener('pageshow', this.#pageshow);
    for (const type of ACTION) this.#host.removeEventListener(type, this.#dismiss, true);
    this.notice = false;
  }

  /** Shows the notice on the start page, until the next action. */
  showNotice(): void {
    this.notice = true;
    this.#host.requestUpdate();
  }

  #pagehide = (): void => {
    if (this.#options.active()) this.#options.wipe();
  };

  #pageshow = (event: PageTransitionEvent): void => {
    if (event.persisted && this.#options.active()) this.#options.wipe();
  };

  #dismiss = (): void => {
    if (!this.notice) return;
    this.notice = false;
    this.#host.requestUpdate();
  };
}
