import { LitElement, type PropertyValues, type TemplateResult, html, nothing } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import {
  type AnswerValue,
  type Answers,
  type Clock,
  type FieldDefinition,
  type Procedure,
  type SendContext,
  type SendDossier,
  type Session,
  type SessionSnapshot,
  type StepDefinition,
  type Text,
  type ValidationError,
  DEFAULT_LOCALE,
  interpolate,
  localize,
  startSession,
} from '@motcua/core';
import * as engine from './engine.js';
import {
  type AddressData,
  type AddressPlace,
  type FieldContext,
  fieldRenderer,
  loadFieldRenderer,
} from './field-registry.js';
import { registerBuiltinFields } from './fields/index.js';
import { KioskPrivacy } from './privacy.js';
import { elementStyles } from './styles.js';
import { addStyles } from './add-styles.js';
import { fieldStyles } from './fields/styles.js';
import { loadStrings, stringsFor, type UiStrings, uiStrings } from './strings.js';
import { loadPost, newIdempotencyKey, postDossier } from './submit.js';
import { receiptCode } from './receipt.js';
import type { ReviewView } from './review.js';
import type { PortalDrafts } from './portal.js';
import type { KioskTools, SpeechEngine } from './kiosk.js';

/** The review and confirmation pages, loaded once the first page is drawn. */
type ReviewPages = typeof import('./review.js');

registerBuiltinFields();

/** Details of `motcua-step-change`. */
export interface StepChangeDetail {
  status: SessionSnapshot['status'];
  step: string | null;
  index: number;
  count: number;
}

/** The events `<motcua-procedure>` dispatches: all bubble and cross shadow roots. */
export interface MotcuaEventMap {
  'motcua-step-change': CustomEvent<StepChangeDetail>;
  'motcua-submit': CustomEvent<{ answers: Answers; key: string }>;
  'motcua-submitted': CustomEvent<{ receipt: unknown; answers: Answers }>;
  'motcua-failed': CustomEvent<{ message: string; cause: string | undefined }>;
  'motcua-help': CustomEvent<{ step: string | null; status: SessionSnapshot['status'] }>;
  'motcua-reset': CustomEvent<{ reason: 'reset' | 'idle' | 'pagehide'; hadData: boolean }>;
}

/** In the element's set of chunks that failed to load: the review pages (not a field type). */
const REVIEW = Symbol('review');

/** How long a kiosk waits to ask again for its chunk (with the idle guard) after a failure. */
const KIOSK_RETRY_MS = 3000;

/** What takes focus for a field: its first control. */
const CONTROL = 'input:not([hidden]),select,textarea,button';

/** A DOM id for a field path: `members.0.fullName` → `f-members-0-fullName`. */
export function fieldDomId(path: string): string {
  return `f-${path.replace(/\./g, '-')}`;
}

/**
 * The citizen's guided form for one procedure: one step per page, an error summary that takes
 * focus, "check your answers", and a confirmation with the dossier code — after the GOV.UK
 * Design System, in Vietnamese first.
 *
 * Kiosk mode (`mode="kiosk"`) is for a shared device and keeps nothing of anyone: no IndexedDB,
 * localStorage, sessionStorage, cookie, Cache Storage or history state ever holds an answer, and
 * every input, select and textarea has `autocomplete="off"`, deliberately, because a browser
 * would otherwise offer the last citizen's name, ID number or phone to the next one. Left unused,
 * it asks "are you still there?" with a visible countdown, then wipes: answers, errors, chosen
 * files, the engine's session (a new one starts), every rendered node of the shadow DOM (made
 * anew, so no control keeps a value), a send in flight, and focus and scroll go back to the top.
 * It wipes the same way when the page is left (`pagehide`) and when it comes back from the
 * back/forward cache, and then tells the next person that the previous one's answers were
 * deleted.
 *
 * A host restyles it with the `--motcua-*` custom properties and the `page`, `button` and
 * `toolbar` parts. High contrast (`contrast="high"`) sets the text, link, hint, error, success
 * and background colours to white and yellow on black, over the host's, so that each stays at
 * least 7:1.
 *
 * @summary A procedure, one step at a time.
 * @fires motcua-step-change - a new page is shown (a step, review, or the confirmation)
 * @fires motcua-submit - the answers are about to be sent; `detail.key` is the dossier's
 *   idempotency key, the same for every retry of it
 * @fires motcua-submitted - the server accepted the dossier; `detail.receipt` is its answer,
 *   `detail.answers` the answers sent (hidden ones left out)
 * @fires motcua-failed - sending failed; the answers are kept and the citizen can retry
 * @fires motcua-help - the citizen asked for help (a kiosk calls the volunteer); in kiosk mode
 *   the element says at once that staff were told, until the next page
 * @fires motcua-reset - every answer was forgotten: `detail.reason` is `reset` (the citizen
 *   started again, or the host called `reset()`), `idle` (a kiosk left unused was wiped) or
 *   `pagehide` (a kiosk's page was left, or shown again from the back/forward cache);
 *   `detail.hadData` is whether anything of the citizen was there (answers, files, a receipt)
 * @prop lang - the language of the page and its messages: `vi` (default) or `en`, switched by
 *   the citizen with the toolbar's language button (the element sets its own `lang`); any other
 *   value counts as `vi`
 * @slot field-{id} - a question of a type with no renderer registered: the host puts its own
 *   control in the light DOM with `slot="field-<field id>"`, and it shows where the question is
 * @csspart page - the element's whole page: toolbar, back link, the step, review or confirmation
 * @csspart button - the main buttons: Continue, Send, and the draft pages' main action
 * @csspart toolbar - the language switch, and in kiosk mode the contrast and text-size switches
 * @cssprop [--motcua-font-size=19px] - body text size; every size is in em of it, so the
 *   text-size switch scales it all (22px by default in kiosk mode)
 * @cssprop [--motcua-font-family=system-ui, 'Segoe UI', Roboto, Arial, sans-serif] - the type
 * @cssprop [--motcua-color-text=#0b0c0c] - text and control borders
 * @cssprop [--motcua-color-brand=#1d70b8] - links, link-like buttons (Change) and notices' borders
 * @cssprop [--motcua-color-focus=#ffdd00] - the focus highlight
 * @cssprop [--motcua-color-error=#d4351c] - error messages and the borders of fields in error
 * @cssprop [--motcua-color-hint=#505a5f] - hints under questions
 * @cssprop [--motcua-color-success=#00703c] - the main buttons and the confirmation panel
 * @cssprop [--motcua-color-background=#ffffff] - the page and the inputs' background
 * @cssprop [--motcua-color-border=var(--motcua-color-text)] - borders of inputs, selects and
 *   boxes
 * @cssprop [--motcua-space=5px] - the base spacing between field controls
 */
export class MotcuaProcedure extends LitElement {
  /** Styles of the element and its fields. */
  static override styles = [elementStyles, fieldStyles];

  // Lit's properties without decorators: esbuild lowers standard decorators, and with them every
  // #private field of the class, to helper calls (about a kilobyte of the runtime).
  static override properties = {
    src: {},
    procedure: { attribute: false },
    mode: { reflect: true },
    perPage: { attribute: 'per-page' },
    endpoint: {},
    submit: { attribute: false },
    answers: { attribute: false },
    idleTimeout: { type: Number, attribute: 'idle-timeout' },
    idleWarning: { type: Number, attribute: 'idle-warning' },
    clock: { attribute: false },
    addressData: { attribute: false },
    contrast: { reflect: true },
    textSize: { attribute: 'text-size', reflect: true },
    persist: {},
    draftsEndpoint: { attribute: 'drafts-endpoint' },
    resumeCode: { attribute: 'resume-code' },
    filesAtCounter: {
      attribute: 'files-at-counter',
      converter: { fromAttribute: (value: string | null) => value !== 'false' },
    },
    confirmation: {},
    speech: { attribute: false },
    snapshot: { state: true },
    loadError: { state: true },
    announcement: { state: true },
    helpAsked: { state: true },
  };

  /** The URL of a procedure module made by the compiler; its default export is the procedure. */
  declare src: string | undefined;

  /** The procedure to run, when the host has it already (instead of `src`). */
  declare procedure: Procedure | undefined;

  /**
   * `portal` (default) or `kiosk`: larger type and targets, contrast and text-size switches, and
   * nothing kept of the citizen (see the class description).
   */
  declare mode: 'portal' | 'kiosk';

  /**
   * What one page asks: `question` (one at a time, for citizens with little IT skill) or `step`
   * (a step's questions together). One question in kiosk mode and a step in portal mode unless
   * set, e.g. `per-page="step"` for a volunteer's tablet.
   */
  declare perPage: 'step' | 'question' | undefined;

  /** Where to POST the dossier (see `postDossier`), when no `submit` function is given. */
  declare endpoint: string | undefined;

  /** Sends the dossier and resolves with the server's receipt; rejects when not accepted. */
  declare submit: SendDossier | undefined;

  /**
   * Answers to start from (a draft, or what an account already knows). In kiosk mode a wipe sets
   * it back to `undefined`, as it does `resumeCode`: they came from the citizen who left.
   */
  declare answers: Record<string, unknown> | undefined;

  /**
   * Kiosk mode only: seconds without a touch or a key before the element asks "are you still
   * there?" (120 by default; 0 turns it off). Unanswered, the question wipes every answer.
   */
  declare idleTimeout: number;

  /** Kiosk mode only: seconds the "are you still there?" question waits before wiping (30). */
  declare idleWarning: number;

  /** Where "today" and timers come from (tests pass a fixed clock). */
  declare clock: Clock | undefined;

  /** Places for `address` fields (for Vietnam, from `@motcua/vn/address`). */
  declare addressData: AddressData | undefined;

  /** High contrast, switched by the citizen in kiosk mode, or set by the host. */
  declare contrast: 'normal' | 'high';

  /** Text size, switched by the citizen in kiosk mode, or set by the host. */
  declare textSize: 'normal' | 'large';

  /**
   * Portal mode: `device` (default) keeps the answers on this device as they are typed (IndexedDB)
   * and the dossier being sent until the server has it, so a reload or a crash loses nothing;
   * `none` keeps nothing. Kiosk mode never keeps anything: the screen is shared.
   */
  declare persist: 'device' | 'none';

  /** Where drafts are saved for another device: by default `drafts` beside `endpoint`. */
  declare draftsEndpoint: string | undefined;

  /**
   * A resume code from "save to continue later" (a host reads it from its URL, where the QR code
   * puts it as `?resume=`): the saved draft is opened when the procedure is loaded.
   */
  declare resumeCode: string | undefined;

  /**
   * Kiosk mode: whether a walk-in may answer a file question "Tôi sẽ mang bản giấy đến quầy"
   * (`{ paper: true }`) instead of uploading, where the field allows it (true by default; the
   * site's setting; `files-at-counter="false"` turns it off).
   */
  declare filesAtCounter: boolean;

  /**
   * `element` (default): after Send the element shows the dossier code and what comes next;
   * `host`: it shows nothing, and the host draws its own page (a kiosk's printed slip) on
   * `motcua-submitted`.
   */
  declare confirmation: 'element' | 'host';

  /**
   * Kiosk mode: what "Nghe" reads aloud with. By default the browser's `speechSynthesis`; the
   * button shows only where a voice speaks the page's language. `null` turns read-aloud off.
   */
  declare speech: SpeechEngine | null | undefined;

  declare snapshot: SessionSnapshot | undefined;
  declare loadError: string | undefined;
  declare announcement: string;
  /** Kiosk mode: "Cần trợ giúp" was pressed on this page; the element says staff were told. */
  declare helpAsked: boolean;

  #session: Session | undefined;
  #unsubscribe: (() => void) | undefined;
  #loaded: Promise<void> | undefined;
  #pendingFocus: string | undefined;
  /** `#pendingFocus` names a field: focus its first control (a group's rows are a `div`). */
  #focusControl = false;
  #titleBeforeErrors: string | undefined;
  /**
   * The dossier being sent: its one idempotency key, made at the citizen's first Send and kept
   * for every retry of these answers; a new dossier (reset, "Làm hồ sơ mới", or answers changed
   * after a failed send) gets a new one.
   */
  #intent: { key: string; fingerprint: string } | undefined;
  /** Stops a send in flight when the citizen's session ends (reset, idle wipe, removal). */
  #sending: AbortController | undefined;
  /** Portal mode: this device's storage for drafts and the outbox. */
  /** Portal mode: drafts and the outbox, once their chunk is loaded. */
  #drafts: PortalDrafts | undefined;
  #portalLoading: Promise<PortalDrafts | undefined> | undefined;
  /** Kiosk mode: read-aloud and the on-screen keyboard, once their chunk is loaded. */
  #kiosk: KioskTools | undefined;
  #kioskLoading: Promise<void> | undefined;
  /** Settles when the look for a draft or an unsent dossier is done. */
  #restored: Promise<void> = Promise.resolve();
  readonly #files = new Map<string, File[]>();
  readonly #resources = new Map<string, { value?: unknown }>();

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang' && old !== value) this.#followLang();
  }

  /**
   * The locale in use: the element's `lang` (Vietnamese by default) once its texts are here. The
   * element's English words are a chunk of their own, and a procedure made by `motcua build`
   * has its English with its checks: until they have come, the page stays in the language it
   * was in (a page that starts in English draws nothing for that moment), and `updateComplete`
   * settles once it is drawn in English.
   */
  get locale(): string {
    return this.#locale;
  }

  #locale = 'vi';
  /** The locale `lang` asks for, loaded or not. */
  get #wanted(): string {
    return this.lang === 'en' ? 'en' : 'vi';
  }

  /** A switch of locale waiting for its texts, or undefined. */
  #switching: Promise<void> | undefined;

  /**
   * Switches to the locale `lang` asks for once its texts are here: the element's words (English
   * is a chunk of the runtime) and the procedure's (a module made by `motcua build` has them
   * with its checks: `procedure.load()`). Called again when a procedure starts.
   */
  #followLang(): void {
    const wanted = this.#wanted;
    const procedure = this.#session?.procedure;
    const textsHere = wanted === DEFAULT_LOCALE || !procedure || procedure.loaded;
    const use = () => {
      if (this.#wanted !== wanted) return;
      this.#locale = wanted;
      this.#session?.setLocale(wanted);
      this.requestUpdate();
    };
    if (uiStrings[wanted] && textsHere) {
      if (wanted !== this.#locale) use();
      return;
    }
    const switching = Promise.all([loadStrings(wanted), textsHere ? undefined : procedure.load()])
      .then(use, (error: unknown) => {
        // Stays in the language it was in; the switch can be pressed again.
        console.error(`<motcua-procedure>: could not load the texts in ${wanted}:`, error);
        if (this.#wanted === wanted && this.#locale !== wanted) this.lang = this.#locale;
      })
      .finally(() => {
        if (this.#switching === switching) this.#switching = undefined;
        this.#waiting.delete(switching);
        this.requestUpdate();
      });
    this.#switching = switching;
    this.#waiting.add(switching);
    this.requestUpdate();
  }

  /**
   * The running session, once the procedure is loaded. Its first page is there before XState
   * (a chunk fetched once that page is drawn): `await element.updateComplete`, or
   * `session.ready`, before reaching for `session.actor`.
   */
  get session(): Session | undefined {
    return this.#session;
  }

  /**
   * The files the citizen chose, by answer path (`birthNotice`, `members.0.photo`). The answers
   * hold only their name, type and size; a host uploads these bytes with the dossier.
   */
  get files(): ReadonlyMap<string, readonly File[]> {
    return this.#files;
  }

  /**
   * Settles once the procedure named by `src` is loaded (or failed to load) and, in portal mode,
   * this device has been looked at for a draft or a dossier left unsent: then the first page is
   * on screen. In kiosk mode, once the kiosk's tools have come too (read-aloud, the keyboard and
   * the idle guard, which counts from then: a chunk fetched after the first page is drawn).
   */
  get loaded(): Promise<void> {
    return (this.#loaded ?? Promise.resolve()).then(() => this.#restored);
  }

  /** Forgets every answer and starts again, leaving nothing of the citizen on screen. */
  reset(): void {
    this.#forget('reset');
  }

  #forget(reason: 'reset' | 'idle' | 'pagehide'): void {
    const hadData = this.#holdsCitizenData();
    this.#intent = undefined;
    this.#drafts?.forget();
    this.#sending?.abort();
    this.#sending = undefined;
    this.#files.clear();
    this.helpAsked = false;
    if (this.mode === 'kiosk') this.#startAfresh();
    else this.#session?.reset();
    this.#restoreTitle();
    // render() keys the page on this: every node of the shadow DOM is made anew, so no control
    // keeps a typed value, a chosen file or any state its template does not bind.
    this.#generation++;
    this.#pendingFocus = 'heading';
    this.requestUpdate();
    this.#emit('motcua-reset', { reason, hadData });
  }

  /** Bumped by every wipe; render() keys the page on it. */
  #generation = 0;

  /**
   * Kiosk mode: a new engine session, so that not even the old actor's snapshot outlives the
   * citizen, without the answers or resume code the host was given for them; and back to the top.
   */
  #startAfresh(): void {
    const procedure = this.#session?.procedure;
    const before = this.snapshot;
    this.answers = undefined;
    this.resumeCode = undefined;
    if (procedure) {
      this.#stop();
      this.#start(procedure);
    }
    const after = this.snapshot;
    if (before && after && (before.status !== after.status || before.step?.id !== after.step?.id)) {
      this.announcement = this.#pageAnnouncement(after, stringsFor(after.locale));
    }
    window.scrollTo({ top: 0, left: 0, behavior: 'instant' });
  }

  /** A kiosk wiped without being asked: it says so, to whoever is there and to the next person. */
  #wipe(reason: 'idle' | 'pagehide'): void {
    // Say so only when something was there: an untouched form is simply started again.
    const had = this.#holdsCitizenData();
    this.#kiosk?.idle.cancel();
    this.#forget(reason);
    if (!had) return;
    const strings = stringsFor(this.locale);
    this.announcement = reason === 'idle' ? strings.idleWiped : strings.previousSessionCleared;
    this.#privacy.showNotice();
  }

  /** Kiosk mode: wipes when the page is left or shown again from the back/forward cache. */
  readonly #privacy = new KioskPrivacy(this, {
    active: () => this.mode === 'kiosk',
    wipe: () => this.#wipe('pagehide'),
  });

  #holdsCitizenData(): boolean {
    const snapshot = this.#session?.snapshot;
    return (
      this.#files.size > 0 ||
      (snapshot !== undefined &&
        (snapshot.status !== 'filling' || Object.keys(snapshot.answers).length > 0))
    );
  }

  constructor() {
    super();
    this.mode = 'portal';
    this.idleTimeout = 120;
    this.idleWarning = 30;
    this.contrast = 'normal';
    this.textSize = 'normal';
    this.persist = 'device';
    this.filesAtCounter = true;
    this.confirmation = 'element';
    this.announcement = '';
    this.helpAsked = false;
    this.addEventListener('motcua-file', (event) => {
      const { path, files } = (event as CustomEvent<{ path: string; files: File[] }>).detail;
      if (files.length > 0) this.#files.set(path, [...files]);
      else this.#files.delete(path);
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.procedure && !this.#session) this.#start(this.procedure);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#sending?.abort();
    this.#stop();
    this.#restoreTitle();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('src') && this.src) this.#loaded = this.#load(this.src);
    if (changed.has('procedure') && this.procedure) this.#start(this.procedure);
    // A page is a step or a question: a session started with the other starts again.
    else if (this.#session && this.#startedAs !== this.#perPage) {
      this.#start(this.#session.procedure, this.#session.snapshot.answers);
    } else if (changed.has('resumeCode') && this.resumeCode && this.#session) {
      const code = this.resumeCode;
      void this.#loadPortal().then((drafts) => drafts?.openSaved(code));
    }
    if (changed.has('mode') || changed.has('idleTimeout')) this.#kiosk?.idle.restart();
  }

  /**
   * Settles once the page is drawn in full: the kiosk tools look at the fields a render made and
   * draw the keyboard for them in a second render, in the same task, before the page is painted.
   */
  protected override async getUpdateComplete(): Promise<boolean> {
    let complete = await super.getUpdateComplete();
    // The machine too: a page drawn before XState came takes Continue once it has.
    const session = this.#session;
    if (session) {
      await session.ready.catch(() => {});
      complete = await super.getUpdateComplete();
    }
    for (let pass = 0; !complete && pass < 4; pass++) complete = await super.getUpdateComplete();
    // A page that waits on a chunk (a renderer loaded on demand) is drawn in full once it came.
    while (this.#waiting.size > 0) {
      await Promise.allSettled([...this.#waiting]);
      complete = await super.getUpdateComplete();
    }
    return complete;
  }

  /** The procedure whose renderers to fetch once its first page is drawn. */
  #prefetch: Procedure | undefined;
  /** Settles {@link #firstPageDrawn} of the session started last. */
  #drawn: (() => void) | undefined;
  /** Settles once the session's first page is drawn (the chunks it does not need wait for it). */
  #firstPageDrawn: Promise<void> = Promise.resolve();

  /** Chunks the page on screen waits for: `updateComplete` settles after them. */
  readonly #waiting = new Set<Promise<unknown>>();
  /**
   * Field types whose renderer failed to load on this page, and {@link REVIEW} for the review
   * pages: said on the page, and tried again on the next.
   */
  readonly #unloaded = new Set<string | symbol>();

  /** Renders again once `loading` settles; `failed` first if it failed (logged). */
  #await(loading: Promise<unknown>, failed: () => void): void {
    if (this.#waiting.has(loading)) return;
    this.#waiting.add(loading);
    loading
      .catch((error: unknown) => {
        failed();
        console.error('<motcua-procedure>: could not load a field renderer:', error);
      })
      .finally(() => {
        this.#waiting.delete(loading);
        this.requestUpdate();
      });
  }

  /** Its first page not drawn yet, the page waits for the texts of the locale it starts in. */
  get #startsInOtherLocale(): boolean {
    return this.#prefetch !== undefined && this.#switching !== undefined;
  }

  protected override updated(): void {
    if (this.#prefetch && this.#session && !this.#drafts?.restoring && !this.#startsInOtherLocale) {
      if (this.renderRoot.querySelector('input,select,textarea')) mark('motcua:first-input');
      // Once the first page is drawn: the renderers its later pages need, the review and the
      // code that sends, so that neither Continue nor Send waits on the network for them; and
      // the portal's or the kiosk's chunk, so that none of them competes with the first page
      // for the network. (XState's chunk waits for it too: see #start.)
      const types = fieldTypes(this.#prefetch.definition.steps.flatMap((step) => step.fields));
      const drawn = this.#drawn;
      this.#prefetch = undefined;
      const session = this.#session;
      setTimeout(() => {
        drawn?.();
        const renderers = [...types].map((type) => loadFieldRenderer(type)?.catch(() => {}));
        this.#reviewPages();
        if (this.endpoint && !this.submit) loadPost().catch(() => {});
        // Then, while the citizen reads, the later pages drawn once out of sight (rehearsal.ts).
        Promise.all([session.ready, this.#reviewLoading, ...renderers])
          .then(() => import('./rehearsal.js'))
          .then(({ rehearse }) =>
            // Not for a citizen gone (the element reset or removed) while the chunks came.
            this.#session === session
              ? rehearse(
                  this.renderRoot as ShadowRoot,
                  this,
                  this.#rehearsal(),
                  () => this.#session === session && this.isConnected,
                )
              : undefined,
          )
          // Nothing is lost without it: Continue draws each page the first time.
          .catch((error: unknown) => console.error('<motcua-procedure>: rehearsal:', error));
      });
    }
    if (this.#pendingFocus === undefined) return;
    const target = this.#pendingFocus;
    this.#pendingFocus = undefined;
    // A page whose question is one box ("Tôi cam kết…") has its label as the heading, after the
    // box: focus goes to the box, which says the heading, so Tab does not skip past it.
    // After "Thử lại", the heading of the page that came, or the button if it failed again.
    let element =
      target === 'heading' || target === 'retried'
        ? ((this.renderRoot.querySelector('.checkboxes__heading')
            ?.previousElementSibling as HTMLElement | null) ??
          this.renderRoot.querySelector<HTMLElement>('h1, .load-failed__retry'))
        : this.renderRoot.querySelector<HTMLElement>(
            target === 'summary'
              ? '.error-summary'
              : target === 'warnings'
                ? '.warning-summary'
                : `#${target}`,
          );
    // The page's heading may be a question whose renderer is still on its way (one question
    // per page), or the page tried again after a failed load: focus waits for the render that
    // draws it.
    if (!element && (this.#waiting.size > 0 || target === 'retried')) {
      this.#pendingFocus = target;
      return;
    }
    if (this.#focusControl && element && !element.matches(CONTROL)) {
      element = element.querySelector<HTMLElement>(CONTROL);
    }
    this.#focusControl = false;
    element?.focus();
  }

  async #load(src: string): Promise<void> {
    this.loadError = undefined;
    try {
      // import() resolves against this module's URL; a host writes `src` relative to its page.
      const url = new URL(src, document.baseURI).href;
      // A module built for pages (`motcua build`, the server) runs on the engine registered
      // here and imports its own only when there is none: one copy even in a bundled app. The
      // key and its number are @motcua/core's compiler's (module.ts); they change together.
      (globalThis as Record<symbol, unknown>)[Symbol.for('motcua.runtime@1')] ??= engine;
      const module = (await import(/* @vite-ignore */ url)) as { default?: Procedure };
      mark('motcua:procedure-loaded');
      if (!module.default || typeof module.default.validate !== 'function') {
        throw new Error(`${src} has no procedure as its default export`);
      }
      if (this.src === src) this.procedure = module.default;
    } catch (error) {
      this.loadError = (error as Error).message;
      console.error(`<motcua-procedure>: could not load ${src}:`, error);
    }
  }

  #start(procedure: Procedure, answers: unknown = this.answers): void {
    if (this.#session?.procedure === procedure && answers === this.answers) return;
    this.#stop();
    this.#firstPageDrawn = new Promise((resolve) => (this.#drawn = resolve));
    // The first page is drawn before XState: its chunk loads once that page is (issue 15).
    const session = startSession(procedure, {
      locale: this.locale,
      answers,
      clock: this.clock,
      perPage: (this.#startedAs = this.#perPage),
      after: this.#firstPageDrawn,
    });
    this.#session = session;
    mark('motcua:session-started');
    session.ready.then(
      () => {
        if (this.#session === session) this.#running = session;
      },
      (error: unknown) => {
        if (this.#session !== session) return;
        this.loadError = (error as Error).message;
        console.error('<motcua-procedure>: could not load the form’s state machine:', error);
      },
    );
    this.#prefetch = procedure;
    // A page in English waits for the procedure's English texts, which come with its checks.
    this.#followLang();
    let previous = session.snapshot;
    this.snapshot = previous;
    this.#unsubscribe = session.subscribe((next) => {
      this.#changed(previous, next);
      previous = next;
      this.snapshot = next;
    });
    this.#emitStepChange(previous);
    if (answers === this.answers) this.#afterStart(session);
  }

  #startedAs: string | undefined;

  get #perPage() {
    return this.perPage ?? (this.mode === 'kiosk' ? 'question' : 'step');
  }

  /**
   * A new citizen's session: in portal mode, open a saved draft by its resume code, or look on
   * this device for a dossier sent but never acknowledged (sent again, with its key) or a draft
   * to offer (portal.ts). The first page does not wait for the look (the portal chunk and a few
   * milliseconds of IndexedDB), so the first input is as fast as without drafts.
   */
  #afterStart(session: Session): void {
    this.#drafts?.started();
    // A kiosk is shared: no draft, no outbox on the device, no saving for later.
    this.#restored =
      this.mode === 'kiosk'
        ? this.#firstPageDrawn.then(() => this.#loadKiosk())
        : this.#firstPageDrawn
            .then(() => this.#loadPortal())
            .then((drafts) => drafts?.restore(session));
  }

  /** Loads the portal module once; without it (the chunk failed to load) nothing is kept. */
  #loadPortal(): Promise<PortalDrafts | undefined> {
    this.#portalLoading ??= import('./portal.js').then(
      (portal) => {
        // Drawn again with the drafts' notices and actions, before `loaded` settles.
        this.requestUpdate();
        return (this.#drafts = portal.attachPortal(this, {
          resume: async (answers, step) => {
            this.#start(this.#session!.procedure, answers);
            await this.#advance(step);
          },
          resend: (pending) => {
            this.#files.clear();
            for (const [path, files] of pending.files) this.#files.set(path, files);
            this.#intent = { key: pending.key, fingerprint: pending.fingerprint };
            void this.#send();
          },
          focusHeading: () => (this.#pendingFocus = 'heading'),
        }));
      },
      (error: unknown) => {
        console.error('<motcua-procedure>: could not load drafts (portal.js):', error);
        return undefined;
      },
    );
    return this.#portalLoading;
  }

  /**
   * Loads the kiosk's tools and words once: read-aloud, the keyboard, the paper choice, the help
   * notice and the idle guard (which counts from then). Without them (the chunk failed to load)
   * the form still works, still sends `motcua-help` and still wipes when the page is left; the
   * chunk is asked for again every few seconds while the kiosk is on screen, so that the idle
   * guard comes as soon as the network is back.
   */
  #loadKiosk(): Promise<void> {
    this.#kioskLoading ??= import('./kiosk.js').then(
      (kiosk) => {
        this.#kiosk = kiosk.attachKiosk(this, {
          holdsCitizenData: () => this.#holdsCitizenData(),
          wipeIdle: () => this.#wipe('idle'),
        });
        this.requestUpdate();
      },
      (error: unknown) => {
        this.#kioskLoading = undefined;
        console.error(
          '<motcua-procedure>: could not load read-aloud, the keyboard and the idle guard (kiosk.js):',
          error,
        );
        setTimeout(() => {
          if (this.mode === 'kiosk' && this.isConnected) void this.#loadKiosk();
        }, KIOSK_RETRY_MS);
      },
    );
    return this.#kioskLoading;
  }

  /**
   * Moves through the steps the answers already complete, to `target` (a step id, or `null` for
   * the review page); stops at the first step that still needs something.
   */
  async #advance(target: string | null): Promise<void> {
    const session = this.#session;
    if (!session) return;
    // Continue is the machine's: on a page drawn before XState came, it waits for it.
    await session.ready.catch(() => {});
    if (this.#session !== session) return;
    const stays = (after: SessionSnapshot, at: SessionSnapshot) =>
      after.status === 'filling' && after.step === at.step && after.page === at.page;
    for (let guard = 0; guard < 5000; guard++) {
      const at = session.snapshot;
      if (at.status !== 'filling' || !at.step || at.step.id === target) return;
      if (session.procedure.validateStep(at.step.id, at.answers).length > 0) return;
      let after = session.next();
      // Warnings stop the first Continue; the citizen confirmed them when they were given.
      if (stays(after, at)) after = session.next();
      if (stays(after, at)) return;
    }
  }

  #stop(): void {
    // A session stopped before its first page was drawn lets what waited for it go on (each
    // step of it checks that its session is still the element's).
    this.#drawn?.();
    this.#drawn = undefined;
    this.#unsubscribe?.();
    this.#session?.stop();
    this.#session = undefined;
  }

  /** Focus, announcements, page title and events follow what changed. */
  #changed(before: SessionSnapshot, after: SessionSnapshot): void {
    const strings = stringsFor(after.locale);
    const stepChanged = before.status !== after.status || before.step?.id !== after.step?.id;
    const pageChanged = stepChanged || before.page !== after.page;
    // Help asked stays over a step's questions, while the volunteer is on the way.
    if (stepChanged) this.helpAsked = false;
    if (pageChanged) {
      this.#unloaded.clear();
      this.#pendingFocus = 'heading';
      this.announcement = this.#pageAnnouncement(after, strings);
      this.#emitStepChange(after);
    }
    const newErrors = after.errors.length > 0 && after.errors !== before.errors;
    if (newErrors && (pageChanged || before.errors.length === 0 || this.#continued)) {
      this.#pendingFocus = 'summary';
    } else if (after.warnings.length > 0 && after.warnings !== before.warnings && this.#continued) {
      this.#pendingFocus = 'warnings';
    }
    this.#continued = false;
    if (after.answers !== before.answers || pageChanged) this.#drafts?.changed(pageChanged);
    if (after.errors.length > 0 || after.submitError) this.#markTitle(strings);
    else this.#restoreTitle();
    if (after.status === 'submitted' && before.status !== 'submitted') {
      this.#emit('motcua-submitted', {
        receipt: after.receipt,
        answers: this.#session!.procedure.validate(after.answers).answers,
      });
    }
    if (after.status === 'failed' && before.status !== 'failed') {
      // The problem box takes focus, as the error summary does (GOV.UK).
      this.#pendingFocus = 'summary';
      this.#emit('motcua-failed', {
        message: after.submitError?.message ?? '',
        cause: after.submitError?.cause,
      });
    }
  }

  #continued = false;

  #pageAnnouncement(snapshot: SessionSnapshot, strings: UiStrings): string {
    if (snapshot.status === 'filling' && snapshot.step) {
      return interpolate(strings.stepAnnouncement, {
        index: snapshot.stepIndex + 1,
        title: localize(snapshot.step.title, snapshot.locale),
      });
    }
    if (snapshot.status === 'review') return strings.reviewAnnouncement;
    if (snapshot.status === 'submitted') {
      return interpolate(strings.submittedAnnouncement, { code: receiptCode(snapshot.receipt) });
    }
    return '';
  }

  /** The page title says there is an error, in the citizen's language (GOV.UK pattern). */
  #markTitle(strings: UiStrings): void {
    if (typeof document === 'undefined') return;
    this.#titleBeforeErrors ??= document.title;
    document.title = strings.titleErrorPrefix + this.#titleBeforeErrors;
  }

  #restoreTitle(): void {
    if (this.#titleBeforeErrors === undefined) return;
    document.title = this.#titleBeforeErrors;
    this.#titleBeforeErrors = undefined;
  }

  #emit<K extends keyof MotcuaEventMap>(type: K, detail: MotcuaEventMap[K]['detail']): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  #emitStepChange(snapshot: SessionSnapshot): void {
    this.#emit('motcua-step-change', {
      status: snapshot.status,
      step: snapshot.step?.id ?? null,
      index: snapshot.stepIndex,
      count: snapshot.stepCount,
    });
  }

  /** Stores an answer; a path inside a group's rows updates that row. */
  #set(path: string, value: AnswerValue): void {
    const session = this.#session;
    if (!session) return;
    const [groupId, index, rowField] = path.split('.');
    if (rowField === undefined || groupId === undefined || index === undefined) {
      session.set(path, value);
      return;
    }
    const current = session.snapshot.answers[groupId];
    const rows = Array.isArray(current) ? [...(current as Answers[])] : [];
    rows[Number(index)] = { ...(rows[Number(index)] ?? {}), [rowField]: value };
    session.set(groupId, rows);
  }

  #continue(event: Event): void {
    event.preventDefault();
    const session = this.#session;
    if (!session) return;
    // Pressed before the machine came (its chunk loads once the first page is drawn): that one
    // Continue waits for it, the button says so, and pressing again adds none, so no step goes
    // by unseen.
    if (this.#continuing === session) return;
    this.#continued = true;
    session.next();
    if (this.#running === session) return;
    this.#continuing = session;
    this.requestUpdate();
    void session.ready
      .catch(() => {})
      .finally(() => {
        if (this.#continuing !== session) return;
        this.#continuing = undefined;
        this.requestUpdate();
      });
  }

  /** The session whose machine runs (see {@link startSession}). */
  #running: Session | undefined;
  /** The session whose Continue waits for its machine. */
  #continuing: Session | undefined;

  #back(): void {
    this.#session?.back();
  }

  /** A part of the form that did not load (a bad network), and the button that tries again. */
  #renderLoadFailed(strings: UiStrings): TemplateResult {
    const typed = Object.keys(this.#session?.snapshot.answers ?? {}).length > 0;
    return html`<div role="alert">
        <p class="error-message">${strings.loadFailed}</p>
        ${typed ? html`<p class="body">${strings.loadFailedKept}</p>` : nothing}
      </div>
      <button
        class="button button--secondary load-failed__retry"
        type="button"
        @click=${this.#retry}
      >
        ${strings.tryAgain}
      </button>`;
  }

  /**
   * "Thử lại": what failed to load is asked for again, and nothing the citizen typed is lost:
   * the procedure named by `src`; the form's machine and checks, for which the session starts
   * again from the answers it had (its machine never ran, so it was on its first page); a
   * field's renderer or the review page, drawn again. Focus goes to the page's heading.
   */
  #retry = (): void => {
    this.#unloaded.clear();
    const session = this.#session;
    if (this.loadError !== undefined) {
      this.loadError = undefined;
      if (session && this.#running !== session) {
        this.#start(session.procedure, session.snapshot.answers);
      } else if (!session && this.src) {
        void this.#load(this.src);
      }
    }
    this.#pendingFocus = 'retried';
    this.requestUpdate();
  };

  async #send(): Promise<void> {
    const session = this.#session;
    // A second click while sending is the same Send, not a second dossier.
    if (!session || session.snapshot.status === 'submitting') return;
    const send =
      this.submit ??
      (this.endpoint ? postDossier(this.endpoint, { channel: this.#channel }) : undefined);
    if (!send) {
      console.error(
        '<motcua-procedure>: nothing to send the dossier with; set the `submit` property or the `endpoint` attribute',
      );
    }
    const answers = session.procedure.validate(session.snapshot.answers).answers;
    const fingerprint = JSON.stringify([
      answers,
      [...this.#files].map(([path, files]) => [path, files.map((f) => [f.name, f.size])]),
    ]);
    if (this.#intent?.fingerprint !== fingerprint) {
      this.#intent = { key: newIdempotencyKey(), fingerprint };
    }
    const { key } = this.#intent;
    this.#emit('motcua-submit', { answers, key });
    const sending = (this.#sending = new AbortController());
    const context = { key, locale: this.locale, files: this.#files, signal: sending.signal };
    const { procedure } = session;
    // Portal mode: the dossier is written down before it leaves, so a reload or a crash while
    // sending resumes it with the same key (kiosk mode keeps it in memory only).
    const written = this.#drafts?.keep({
      key,
      fingerprint,
      answers: session.snapshot.answers,
      files: [...this.#files].map(([path, files]) => [path, [...files]]),
      locale: this.locale,
    });
    const after = await session.submit(
      send &&
        (async (pruned, of) => {
          // Written down before the request leaves; "Đang gửi hồ sơ…" shows meanwhile.
          await written;
          return send(pruned, of, context as SendContext);
        }),
    );
    if (this.#sending === sending) this.#sending = undefined;
    if (after.status === 'submitted') await this.#drafts?.sent(procedure.id);
  }

  #switchLanguage(): void {
    this.lang = this.locale === 'vi' ? 'en' : 'vi';
  }

  protected override render(): TemplateResult {
    const strings = stringsFor(this.locale);
    const snapshot = this.snapshot;
    let body: TemplateResult | undefined;
    let draftPage: TemplateResult | undefined;
    if (this.loadError) body = this.#renderLoadFailed(strings);
    else if (this.#startsInOtherLocale) {
      // Nothing in the language the page does not start in: its words are a moment away.
    } else if (!snapshot || !this.#session || this.#drafts?.restoring) {
      body = html`<p class="hint">${strings.loading}</p>`;
    } else if ((draftPage = this.#drafts?.page())) {
      body = draftPage;
    } else if (snapshot.status === 'filling') body = this.#renderStep(snapshot, strings);
    else if (snapshot.status === 'submitted') {
      // The host draws its own page after Send (a kiosk's slip): the element steps aside, but
      // for its "are you still there?" question.
      if (this.confirmation !== 'host') body = this.#renderReviewPage(snapshot, strings);
    } else body = this.#renderReviewPage(snapshot, strings);
    // Keyed on the wipe count: a wipe renders every node anew; the live region stays, so that
    // what it says about the wipe is spoken (a new live region's first words often are not).
    return html`<div class="page" part="page" lang=${this.locale}>
      ${keyed(
        this.#generation,
        html`${body && this.#renderToolbar(strings)}
        ${
          snapshot?.canGoBack &&
          body &&
          snapshot.status !== 'submitting' &&
          !draftPage &&
          !this.#drafts?.restoring
            ? html`<button class="back-link" type="button" @click=${this.#back}>
                ${strings.back}
              </button>`
            : nothing
        }
        ${
          this.#privacy.notice
            ? html`<p class="privacy-notice">${strings.previousSessionCleared}</p>`
            : nothing
        }
        ${body} ${this.#kiosk?.idle.question(strings)}`,
      )}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
    </div>`;
  }

  /** Notices above a page (portal mode): nothing until the portal module is loaded. */
  #renderDraftNotices(): TemplateResult | typeof nothing {
    return this.#drafts?.notices() ?? nothing;
  }

  /** "Save to continue later" and "open by code" (portal mode). */
  #renderDraftActions(snapshot: SessionSnapshot): TemplateResult | typeof nothing {
    return this.#drafts?.actions(snapshot) ?? nothing;
  }

  #renderToolbar(strings: UiStrings): TemplateResult {
    const kiosk = this.mode === 'kiosk';
    return html`<div class="toolbar" part="toolbar">
        <button
          class="toolbar__button"
          type="button"
          lang=${this.locale === 'vi' ? 'en' : 'vi'}
          @click=${this.#switchLanguage}
        >
          ${strings.languageSwitch}
        </button>
        ${
          kiosk
            ? html`<button
                  class="toolbar__button"
                  type="button"
                  aria-pressed=${this.contrast === 'high' ? 'true' : 'false'}
                  @click=${() => (this.contrast = this.contrast === 'high' ? 'normal' : 'high')}
                >
                  ${strings.highContrast}
                </button>
                <button
                  class="toolbar__button"
                  type="button"
                  aria-pressed=${this.textSize === 'large' ? 'true' : 'false'}
                  @click=${() => (this.textSize = this.textSize === 'large' ? 'normal' : 'large')}
                >
                  ${strings.textSize}
                </button>
                ${this.#kiosk?.toolbar()}`
            : nothing
        }
        <button
          class="toolbar__button"
          type="button"
          @click=${() => {
            // A kiosk says at once that someone is coming: the citizen must not wonder whether
            // the press did anything (the host sends the request on the event).
            this.helpAsked = kiosk;
            this.#emit('motcua-help', {
              step: this.snapshot?.step?.id ?? null,
              status: this.snapshot?.status ?? 'filling',
            });
          }}
        >
          ${strings.help}
        </button>
      </div>
      ${
        // A live region there before its words, so that screen readers say them when they come.
        kiosk
          ? html`<div role="status">
              ${
                this.helpAsked && this.#kiosk
                  ? html`<p class="help-notice">${this.#kiosk.strings().helpAsked}</p>`
                  : nothing
              }
            </div>`
          : nothing
      }`;
  }

  #text = (value: Text | undefined) => localize(value, this.locale);

  #renderErrorSummary(errors: readonly ValidationError[], strings: UiStrings): TemplateResult {
    if (errors.length === 0) return html``;
    const procedure = this.#session!.procedure;
    const onStep = this.snapshot?.step?.id;
    return html`<div class="error-summary" tabindex="-1" aria-labelledby="error-summary-title">
      <h2 class="error-summary__title" id="error-summary-title">${strings.errorSummaryTitle}</h2>
      <ul class="error-summary__list">
        ${errors.map((error) => {
          const step = procedure.stepOf(error.field);
          const elsewhere = step && step.id !== onStep ? step : undefined;
          return html`<li>
            <a
              href=${`#${fieldDomId(error.field)}`}
              @click=${(event: Event) => this.#followError(event, error, elsewhere)}
              >${error.message}${
                elsewhere
                  ? html` ${interpolate(strings.otherStepError, { step: this.#text(elsewhere.title) })}`
                  : nothing
              }</a
            >
          </li>`;
        })}
      </ul>
    </div>`;
  }

  /**
   * Things that look wrong but may be right (an ID card from an unusual province, a name
   * written without diacritics): listed like errors, with how to go on. Continue confirms.
   */
  #renderWarningSummary(warnings: readonly ValidationError[], strings: UiStrings): TemplateResult {
    if (warnings.length === 0) return html``;
    const procedure = this.#session!.procedure;
    const elsewhere = (warning: ValidationError) => {
      const step = procedure.stepOf(warning.field);
      return step && step.id !== this.snapshot?.step?.id ? step : undefined;
    };
    return html`<div class="warning-summary" tabindex="-1" aria-labelledby="warning-summary-title">
      <h2 class="error-summary__title" id="warning-summary-title">
        ${strings.warningSummaryTitle}
      </h2>
      <ul class="error-summary__list">
        ${warnings.map(
          (warning) =>
            html`<li>
              <a
                href=${`#${fieldDomId(warning.field)}`}
                @click=${(event: Event) => this.#followError(event, warning, elsewhere(warning))}
                >${warning.message}</a
              >
            </li>`,
        )}
      </ul>
      <p class="body">${strings.warningSummaryHint}</p>
    </div>`;
  }

  /**
   * "Thay đổi" on review: the field's page, with focus on the answer to change (its first control
   * in a group or a radio set), not on the page's h1; the live region still says which page.
   */
  #change(stepId: string, field: string): void {
    this.#session?.edit(stepId, field);
    this.#pendingFocus = fieldDomId(field);
    this.#focusControl = true;
  }

  /** An error summary link moves focus to the field; to its page first, when it is elsewhere. */
  #followError(event: Event, error: ValidationError, elsewhere: StepDefinition | undefined): void {
    event.preventDefault();
    const id = fieldDomId(error.field);
    const target = this.renderRoot.querySelector<HTMLElement>(`#${id}`);
    // On another step, or on another page of this one (one question per page).
    const step = elsewhere ?? (target ? undefined : this.#session?.procedure.stepOf(error.field));
    if (step) {
      this.#session?.edit(step.id, error.field);
      this.#pendingFocus = id;
      this.requestUpdate();
      return;
    }
    target?.scrollIntoView({ block: 'center' });
    target?.focus();
  }

  #fieldContext(
    field: FieldDefinition,
    path: string,
    isPageHeading: boolean,
    snapshot: SessionSnapshot,
  ): FieldContext {
    const procedure = this.#session!.procedure;
    const id = fieldDomId(path);
    const error = snapshot.errors.find((candidate) => candidate.field === path);
    const warning = snapshot.warnings.find((candidate) => candidate.field === path);
    const hintId = `${id}-hint`;
    const errorId = `${id}-error`;
    const warningId = `${id}-warning`;
    const hasHint = field.hint !== undefined || field.example !== undefined;
    const value = this.#valueAt(snapshot.answers, path);
    const describedBy = [
      hasHint ? hintId : '',
      this.#kiosk?.card?.note(path, value) ? `${id}-card` : '',
      error ? errorId : '',
      warning && !error ? warningId : '',
    ]
      .filter(Boolean)
      .join(' ');
    return {
      // Options with a `when` are offered while it holds: the page shows only those.
      field: field.options?.some((option) => option.when)
        ? { ...field, options: procedure.offeredOptions(path, snapshot.answers) }
        : field,
      path,
      id,
      hintId,
      errorId,
      describedBy: describedBy || undefined,
      value,
      error,
      warning,
      warningId,
      prefilledFrom: snapshot.prefilled.includes(path)
        ? this.#text(procedure.field(field.prefill!.from)?.label)
        : undefined,
      errors: snapshot.errors,
      required: procedure.isRequired(path, snapshot.answers),
      isPageHeading,
      locale: this.locale,
      mode: this.mode,
      inputMode: procedure.inputMode(field.format ?? field.type),
      paperChoice:
        this.mode === 'kiosk' && this.filesAtCounter && field.paper !== false
          ? this.#kiosk?.strings().bringPaper
          : undefined,
      strings: stringsFor(this.locale),
      text: this.#text,
      set: (next, at = path) => this.#set(at, next),
      addressData: this.addressData,
      resource: (key, load) => this.#resource(key, load),
      renderField: (inner, innerPath) => this.#renderField(inner, innerPath, false, snapshot),
      rowFieldState: (_inner, innerPath) => ({
        visible: procedure.isVisible(innerPath, snapshot.answers),
        required: procedure.isRequired(innerPath, snapshot.answers),
      }),
    };
  }

  /** Loads once per element; renders again when the data arrives. */
  #resource<T>(key: string, load: () => Promise<T>): T | undefined {
    const known = this.#resources.get(key);
    if (known) return known.value as T | undefined;
    const entry: { value?: unknown } = {};
    this.#resources.set(key, entry);
    load().then(
      (value) => {
        entry.value = value;
        this.requestUpdate();
      },
      (error: unknown) => {
        // Forget the failure so that the next render tries again.
        this.#resources.delete(key);
        console.error(`<motcua-procedure>: could not load ${key}:`, error);
      },
    );
    return undefined;
  }

  /** A province's or commune's name from the lists already loaded for address fields. */
  #placeName = (level: 'province' | 'commune', code: string, provinceCode: string) => {
    const key = level === 'province' ? 'address:provinces' : `address:communes:${provinceCode}`;
    const places = this.#resources.get(key)?.value as readonly AddressPlace[] | undefined;
    const place = places?.find((candidate) => candidate.code === code);
    return place && (place.label ?? place.name);
  };

  #valueAt(answers: Answers, path: string): AnswerValue {
    const [head, index, rowField] = path.split('.');
    const value = answers[head ?? ''];
    if (rowField === undefined) return value;
    const row = Array.isArray(value) ? (value as Answers[])[Number(index)] : undefined;
    return row?.[rowField];
  }

  #renderField(
    field: FieldDefinition,
    path: string,
    isPageHeading: boolean,
    snapshot = this.snapshot!,
  ): TemplateResult {
    const renderer = fieldRenderer(field.type);
    const context = this.#fieldContext(field, path, isPageHeading, snapshot);
    // Kiosk: an answer filled from the citizen's card says so, until it is changed.
    const note = this.#kiosk?.card?.hint(context.id, path, context.value);
    if (renderer) return note ? html`${renderer(context)}${note}` : renderer(context);
    // A built-in renderer loaded on demand (address, file, group), usually fetched already
    // while the citizen read the first page: drawn again once it is there.
    const strings = stringsFor(this.locale);
    // Failed once on this page (a bad network): said, and tried again on the next page.
    if (this.#unloaded.has(field.type)) return this.#renderLoadFailed(strings);
    const loading = loadFieldRenderer(field.type);
    if (loading) {
      this.#await(loading, () => this.#unloaded.add(field.type));
      return html`<p class="hint">${strings.loading}</p>`;
    }
    // A custom type with no renderer: the host projects its own control into a named slot.
    return html`<slot name=${`field-${field.id}`}></slot>`;
  }

  /**
   * The pages the rehearsal draws (rehearsal.ts): every step with all its fields, then review,
   * with no answer (nothing of the citizen's is drawn, even out of sight), as Continue will draw
   * them; each step's answers are judged once as well.
   */
  #rehearsal(): (() => TemplateResult)[] {
    const none = { ...this.snapshot!, answers: {}, errors: [], warnings: [], prefilled: [] };
    const procedure = this.#session!.procedure;
    return [
      ...procedure.definition.steps.map((step) => () => {
        // The step's answers judged once too, as Continue judges them (validators, rules).
        procedure.checkStep(step.id, none.answers);
        return html`<form class="step">
          <h1 class="heading-l">${this.#text(step.title)}</h1>
          ${step.fields.map((field) =>
            this.#renderField(field, field.id, this.#startedAs === 'question', {
              ...none,
              step,
            }),
          )}
        </form>`;
      }),
      () =>
        this.#review!.renderReview(
          this.#reviewView(),
          { ...none, status: 'review', step: null },
          stringsFor(this.locale),
        ),
    ];
  }

  #renderStep(snapshot: SessionSnapshot, strings: UiStrings): TemplateResult {
    // Kiosk: "Quét thẻ Căn cước" opened, its panel (card-scan.ts) stands in for the page.
    const cardPanel = this.#kiosk?.card?.panel();
    if (cardPanel) return cardPanel;
    const step = snapshot.step!;
    const fields = snapshot.fields;
    // GOV.UK: a page with one question uses the question as its heading.
    const onePage = fields.length === 1 && fields[0]!.type !== 'group';
    const progress = interpolate(strings.progress, { index: snapshot.stepIndex + 1 });
    const busy = this.#continuing === this.#session ? 'true' : nothing;
    return html`${this.#renderDraftNotices()} ${this.#kiosk?.card?.offer()}
      <form class="step" novalidate @submit=${this.#continue}>
        ${this.#renderErrorSummary(snapshot.errors, strings)}
        ${snapshot.errors.length === 0 ? this.#renderWarningSummary(snapshot.warnings, strings) : nothing}
        <p class="caption">${progress}${onePage ? html` · ${this.#text(step.title)}` : nothing}</p>
        ${onePage ? nothing : html`<h1 class="heading-l" tabindex="-1">${this.#text(step.title)}</h1>`}
        ${step.description && snapshot.page === 0 ? html`<p class="body">${this.#text(step.description)}</p>` : nothing}
        ${fields.map((field) => this.#renderField(field, field.id, onePage))}
        ${this.#kiosk?.renderKeyboard()}
        <button class="button" part="button" type="submit" aria-disabled=${busy}>
          ${strings.continue}
        </button>
      </form>
      ${this.#renderDraftActions(snapshot)}`;
  }

  /** Review, or the confirmation once sent: from review.js, "Loading…" until it is there. */
  #renderReviewPage(snapshot: SessionSnapshot, strings: UiStrings): TemplateResult {
    if (this.#unloaded.has(REVIEW)) return this.#renderLoadFailed(strings);
    const pages = this.#reviewPages();
    if (!pages) return html`<p class="hint">${strings.loading}</p>`;
    return snapshot.status === 'submitted'
      ? pages.renderConfirmation(this.#reviewView(), snapshot, strings)
      : pages.renderReview(this.#reviewView(), snapshot, strings);
  }

  /** Where this element files dossiers, for fees that differ by channel. */
  get #channel() {
    return this.mode === 'kiosk' ? 'kiosk' : 'online';
  }

  /** What the review and confirmation pages (review.js, loaded on demand) need of the element. */
  #reviewView(): ReviewView {
    return {
      procedure: this.#session!.procedure,
      locale: this.locale,
      channel: this.#channel,
      clock: this.clock,
      text: this.#text,
      placeName: this.#placeName,
      change: (step, field) => this.#change(step, field),
      send: () => void this.#send(),
      reset: () => this.reset(),
      draftNotices: () => this.#renderDraftNotices(),
      draftActions: (snapshot) => this.#renderDraftActions(snapshot),
    };
  }

  /** The review pages' module, loaded once the first page is drawn, or when first needed. */
  #reviewPages(): ReviewPages | undefined {
    if (this.#review) return this.#review;
    this.#reviewLoading ??= import('./review.js').then((module) => {
      addStyles(this.renderRoot, module.reviewStyles);
      return (this.#review = module);
    });
    this.#await(this.#reviewLoading, () => {
      this.#reviewLoading = undefined;
      this.#unloaded.add(REVIEW);
    });
    return undefined;
  }

  #review: ReviewPages | undefined;
  #reviewLoading: Promise<ReviewPages> | undefined;
}

/** Every field type in `fields`, with those of groups' rows. */
function fieldTypes(fields: readonly FieldDefinition[], into = new Set<string>()): Set<string> {
  for (const field of fields) {
    into.add(field.type);
    if (field.fields) fieldTypes(field.fields, into);
  }
  return into;
}

const marked = new Set<string>();

/**
 * A user-timing mark, for `npm run bench` and a browser's performance panel: where the time to
 * the first input goes (`motcua:procedure-loaded`, `motcua:session-started`,
 * `motcua:first-input`). Once a page each, so that a kiosk's day fills no buffer.
 */
function mark(name: string): void {
  if (marked.has(name)) return;
  marked.add(name);
  globalThis.performance?.mark?.(name);
}

declare global {
  // Typed `addEventListener('motcua-submitted', …)` on any element: the events bubble and
  // are composed, so hosts listen on an ancestor too.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementEventMap extends MotcuaEventMap {}
}
