// What only kiosk mode needs, loaded by `import()` when a kiosk starts (a portal never loads it):
// read-aloud ("Nghe"), the on-screen Vietnamese keyboard ("Bàn phím") and the guard against a
// form left unused ("Bạn vẫn đang làm hồ sơ chứ?"), with their words and styles. Kept out of the
// runtime every page loads.
import {
  type ReactiveController,
  type ReactiveControllerHost,
  type TemplateResult,
  html,
  nothing,
} from 'lit';
import { type Clock, type Session, localize, systemClock } from '@motcua/core';
import { IdleController } from './idle.js';
import {
  type KeyboardTarget,
  OnScreenKeyboard,
  type TextControl,
  isTextControl,
} from './keyboard.js';
import { type KioskStrings, kioskStringsFor } from './kiosk-strings.js';
import { kioskStyles } from './kiosk-styles.js';
import { type SpeechEngine, pageSpeech, voiceFor, webSpeech } from './read-aloud.js';
import type { CardScan } from './card-scan.js';
import './strings-later.js';
import { addStyles } from './add-styles.js';

export type { SpeechEngine, SpeechVoice } from './read-aloud.js';

/** What the kiosk tools read from `<motcua-procedure>`. */
export interface KioskHost extends ReactiveControllerHost, HTMLElement {
  readonly locale: string;
  readonly mode: 'portal' | 'kiosk';
  readonly session: Session | undefined;
  readonly speech: SpeechEngine | null | undefined;
  readonly renderRoot: HTMLElement | DocumentFragment;
  /** The element's live region. */
  announcement: string;
  /** Seconds without a touch or key before "are you still there?"; 0 or less: never. */
  readonly idleTimeout: number;
  /** Seconds the question waits for an answer before the wipe. */
  readonly idleWarning: number;
  readonly clock: Clock | undefined;
}

/** What the kiosk tools ask of the element beyond {@link KioskHost}. */
export interface KioskHooks {
  /** Whether anything of a citizen is there to lose (answers, files, a confirmation). */
  holdsCitizenData(): boolean;
  /** Wipes everything of the citizen: the kiosk was left unused. */
  wipeIdle(): void;
}

let browserSpeech: SpeechEngine | null | undefined;

/** The browser's speech synthesis, where there is one. */
function defaultSpeech(): SpeechEngine | null {
  browserSpeech ??= 'speechSynthesis' in globalThis ? webSpeech(globalThis.speechSynthesis) : null;
  return browserSpeech;
}

/** Digits or spaces only, as the example of an ID number or a phone is written. */
const DIGITS = /^[\d\s]+$/;

/**
 * Read-aloud, the on-screen keyboard and the idle guard of one kiosk element: the buttons they
 * add to its toolbar, the keyboard inside its form, the question of a form left unused, and what
 * they forget when the page changes or the kiosk is wiped (speech stops, the keyboard closes).
 */
export class KioskTools implements ReactiveController {
  readonly keyboard = new OnScreenKeyboard();
  /** The guard against a form left half-filled on a shared screen. */
  readonly idle: IdleController;
  readonly #host: KioskHost;
  #root: HTMLElement | DocumentFragment | undefined;
  /** The engine the voices are watched on, and how to stop watching. */
  #engine: SpeechEngine | null = null;
  #unwatch: (() => void) | undefined;
  /** The page the tools were last drawn for: speech and the keyboard's offer belong to it. */
  #page = '';
  #controls: TextControl[] = [];
  #target: TextControl | undefined;
  #composing = false;
  /** `inputmode` of the controls silenced while the keyboard is open, to put back after. */
  readonly #inputModes = new WeakMap<TextControl, string | null>();
  /** "Quét thẻ Căn cước": a chunk of its own, fetched when the procedure maps the card. */
  #card: CardScan | undefined;
  #cardLoading: Promise<void> | undefined;

  constructor(host: KioskHost, hooks: KioskHooks) {
    this.#host = host;
    host.addController(this);
    this.idle = new IdleController(host, {
      after: () => (host.mode === 'kiosk' ? Math.max(0, host.idleTimeout) * 1000 : 0),
      grace: () => Math.max(1, host.idleWarning) * 1000,
      clock: () => host.clock ?? systemClock,
      holdsCitizenData: hooks.holdsCitizenData,
      wipe: hooks.wipeIdle,
    });
  }

  hostConnected(): void {
    const root = this.#host.renderRoot;
    addStyles(root, kioskStyles);
    // On the shadow root, not the host: focus moving between two fields of the same shadow root
    // never reaches the host (retargeted, both ends are the host, so the event stops at the root).
    this.#root = root;
    root.addEventListener('focusin', this.#focusin);
    root.addEventListener('compositionstart', this.#compositionstart);
    root.addEventListener('compositionend', this.#compositionend);
    this.#host.addEventListener('motcua-reset', this.#wiped);
  }

  hostDisconnected(): void {
    this.#root?.removeEventListener('focusin', this.#focusin);
    this.#root?.removeEventListener('compositionstart', this.#compositionstart);
    this.#root?.removeEventListener('compositionend', this.#compositionend);
    this.#root = undefined;
    this.#host.removeEventListener('motcua-reset', this.#wiped);
    this.#watch(null);
    this.#forget();
  }

  /** The card scan's offer, panel and notes (card-scan.ts), once its chunk is there. */
  get card(): CardScan | undefined {
    return this.#host.mode === 'kiosk' ? this.#card : undefined;
  }

  hostUpdate(): void {
    const host = this.#host;
    this.#watch(host.mode === 'kiosk' ? this.#speech() : null);
    if (host.mode === 'kiosk' && host.session?.procedure.definition.card && !this.#cardLoading) {
      this.#cardLoading = import('./card-scan.js').then(
        (module) => {
          this.#card = new module.CardScan(host);
          host.requestUpdate();
        },
        (error: unknown) =>
          console.error('<motcua-procedure>: could not load card-scan.js:', error),
      );
    }
    const snapshot = host.session?.snapshot;
    const page = `${snapshot?.status}|${snapshot?.step?.id}|${host.locale}`;
    if (page !== this.#page) {
      // What was being read, and the marks offered, belonged to the page before.
      this.#page = page;
      this.#speech()?.cancel();
      this.#target = undefined;
      this.keyboard.reset();
    }
  }

  hostUpdated(): void {
    const root = this.#host.renderRoot;
    const controls = Array.from(root.querySelectorAll('input, textarea')).filter(isTextControl);
    let changed = controls.length !== this.#controls.length;
    this.#controls = controls;
    const open = this.#keyboardShown();
    for (const control of controls) this.#silence(control, open);
    if (open) {
      const target = this.#target && controls.includes(this.#target) ? this.#target : controls[0];
      changed ||= target !== this.#target;
      this.#target = target;
    }
    if (changed) this.#host.requestUpdate();
  }

  /** The kiosk's own words, in the page's language. */
  strings(): KioskStrings {
    return kioskStringsFor(this.#host.locale);
  }

  /** "Nghe" where a voice speaks the page's language, and "Bàn phím" where there is text to type. */
  toolbar(): TemplateResult | typeof nothing {
    const host = this.#host;
    const snapshot = host.session?.snapshot;
    if (host.mode !== 'kiosk' || snapshot?.status !== 'filling') return nothing;
    const strings = kioskStringsFor(host.locale);
    const voice = voiceFor(this.#speech()?.voices() ?? [], host.locale);
    return html`${
      voice
        ? html`<button class="toolbar__button" type="button" @click=${() => this.read()}>
            ${strings.listen}
          </button>`
        : nothing
    }
    ${
      this.#controls.length > 0
        ? html`<button
            class="toolbar__button"
            type="button"
            aria-pressed=${this.keyboard.open ? 'true' : 'false'}
            @click=${() => {
              this.keyboard.open = !this.keyboard.open;
              // It types into the field last touched, or the page's first.
              this.#target ??= this.#controls[0];
              host.requestUpdate();
            }}
          >
            ${strings.keyboard}
          </button>`
        : nothing
    }`;
  }

  /** The keyboard, when open, for the field it types into (the one last touched, or the first). */
  renderKeyboard(): TemplateResult | typeof nothing {
    const target = this.#keyboardShown() && this.#target && this.#describe(this.#target);
    if (!target) return nothing;
    return this.keyboard.render(target, kioskStringsFor(this.#host.locale), this.#keepFocus, () =>
      this.#host.requestUpdate(),
    );
  }

  /** Reads the page aloud from the start, stopping whatever was being read. */
  read(): void {
    const host = this.#host;
    const engine = this.#speech();
    const voice = engine && voiceFor(engine.voices(), host.locale);
    const session = host.session;
    if (!engine || !voice || !session) return;
    engine.cancel();
    for (const part of pageSpeech(session.procedure, session.snapshot)) engine.speak(part, voice);
  }

  #keyboardShown(): boolean {
    return (
      this.keyboard.open &&
      this.#host.mode === 'kiosk' &&
      this.#host.session?.snapshot.status === 'filling'
    );
  }

  #speech(): SpeechEngine | null {
    const speech = this.#host.speech;
    return speech === undefined ? defaultSpeech() : speech;
  }

  /** Voices arrive late (Chromium fills them after `voiceschanged`): "Nghe" shows when they do. */
  #watch(engine: SpeechEngine | null): void {
    if (engine === this.#engine) return;
    this.#unwatch?.();
    this.#unwatch = engine?.onVoicesChanged(() => this.#host.requestUpdate());
    this.#engine = engine;
  }

  /**
   * While the on-screen keyboard is open, the device's own touch keyboard stays down
   * (`inputmode="none"`): two keyboards would cover the question. The field's own `inputmode` is
   * put back when it closes.
   */
  #silence(control: TextControl, silent: boolean): void {
    if (silent && !this.#inputModes.has(control)) {
      this.#inputModes.set(control, control.getAttribute('inputmode'));
      control.setAttribute('inputmode', 'none');
    } else if (!silent && this.#inputModes.has(control)) {
      const mode = this.#inputModes.get(control);
      if (mode == null) control.removeAttribute('inputmode');
      else control.setAttribute('inputmode', mode);
      this.#inputModes.delete(control);
    }
  }

  /** The field a control belongs to, its part, and whether it wants digits. */
  #describe(control: TextControl): KeyboardTarget {
    const host = this.#host;
    const path = control.closest<HTMLElement>('[data-field]')?.dataset.field;
    const field = path === undefined ? undefined : host.session?.procedure.field(path);
    const question = localize(field?.label, host.locale);
    const part = (control.labels?.[0]?.textContent ?? '').replace(/\s+/g, ' ').trim();
    const label = !part || part.includes(question) ? question || part : `${question} – ${part}`;
    const mode = this.#inputModes.has(control)
      ? this.#inputModes.get(control)
      : control.getAttribute('inputmode');
    // Elements know no country's formats: digits are for controls that ask for them (a phone,
    // a year, a count, a field whose pattern takes digits alone: see text-input.ts), or a field
    // whose example is a number, where "ABC" still gives letters in case the example misleads.
    const digits =
      control.type === 'tel' || mode === 'numeric' || mode === 'decimal'
        ? 'only'
        : field?.type === 'text' && DIGITS.test(localize(field.example, host.locale))
          ? 'switchable'
          : false;
    return { control, label, digits };
  }

  #keepFocus = (event: Event): void => {
    if (!this.#composing) event.preventDefault();
  };

  #focusin = (event: Event): void => {
    const control = event.composedPath()[0];
    if (!isTextControl(control) || control === this.#target) return;
    if (!this.#controls.includes(control)) return;
    this.#target = control;
    this.keyboard.retarget();
    if (this.keyboard.open) this.#host.requestUpdate();
  };

  #compositionstart = (): void => {
    this.#composing = true;
  };

  #compositionend = (): void => {
    this.#composing = false;
  };

  /** A wipe: nothing of the citizen is read on, and the next person finds the keyboard closed. */
  #wiped = (): void => {
    this.#forget();
    this.keyboard.open = false;
  };

  #forget(): void {
    this.#card?.forget();
    this.#speech()?.cancel();
    this.#target = undefined;
    this.#composing = false;
    this.keyboard.reset();
  }
}

/**
 * Adds read-aloud, the on-screen keyboard and the idle guard to a kiosk element. The guard counts
 * from now.
 *
 * @example
 * const tools = attachKiosk(element, { holdsCitizenData, wipeIdle });
 * html`<div class="toolbar">${tools.toolbar()}</div>${tools.idle.question(strings)}`;
 */
export function attachKiosk(host: KioskHost, hooks: KioskHooks): KioskTools {
  return new KioskTools(host, hooks);
}
