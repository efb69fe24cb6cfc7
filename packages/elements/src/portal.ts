// What only portal mode needs, loaded by `import()` when a portal page starts (a kiosk never
// loads it): the device's storage for drafts and the outbox, the draft helpers, their words, the
// pages and notices of drafts and "save for later", and what runs them for the element
// (PortalDrafts). Kept out of the runtime every page loads.
import { type ReactiveControllerHost, type TemplateResult, html, nothing } from 'lit';
import {
  type Answers,
  type Clock,
  type Session,
  type SessionSnapshot,
  interpolate,
  systemClock,
} from '@motcua/core';
import { type DraftStrings, draftStringsFor } from './draft-strings.js';
import { draftStyles } from './draft-styles.js';
import { carryOver, labelsOf, resumeLink, withoutFiles } from './drafts.js';
import { type Draft, type OutboxEntry, type Persistence, openPersistence } from './persistence.js';
import { addStyles } from './add-styles.js';

export type { Draft, OutboxEntry, Persistence } from './persistence.js';
export { openPersistence } from './persistence.js';
export { carryOver, labelsOf, resumeLink, withoutFiles } from './drafts.js';
export { draftStringsFor };

/** What the drafts read and set on `<motcua-procedure>`. */
export interface PortalHost extends ReactiveControllerHost, HTMLElement {
  readonly locale: string;
  readonly mode: 'portal' | 'kiosk';
  readonly persist: 'device' | 'none';
  readonly endpoint: string | undefined;
  readonly draftsEndpoint: string | undefined;
  readonly clock: Clock | undefined;
  readonly session: Session | undefined;
  readonly renderRoot: HTMLElement | DocumentFragment;
  /** A resume code to open; set by the "open by code" form. */
  resumeCode: string | undefined;
  /** The element's live region. */
  announcement: string;
}

/** What the drafts ask of the element beyond {@link PortalHost}. */
export interface PortalHooks {
  /**
   * Starts the session again from `answers`, and moves through the steps they complete, to
   * `step` (`null`: the review page).
   */
  resume(answers: Answers, step: string | null): Promise<void>;
  /** Sends again a dossier found in the outbox, with its key and its files. */
  resend(pending: OutboxEntry): void;
  /** Focus goes to the page's heading at the next render. */
  focusHeading(): void;
}

/**
 * Drafts and the outbox of one portal element: the look on this device for a draft to offer or a
 * dossier sent but never acknowledged, the answers saved as they are typed, "save to continue
 * later" and "open by code" on the server, and the pages and notices they show.
 */
export class PortalDrafts {
  /** Opening a draft saved on the server: its answers replace the page's. */
  restoring = false;
  /** A draft found on this device, offered before the form. */
  offer: Draft | undefined;
  /** Labels of a draft's answers that a newer version of the procedure no longer asks. */
  dropped: readonly string[] = [];
  /** Notices above the form: the device cannot save, a saved draft was opened, a code failed. */
  notice: DraftView['notice'];
  /** "Save to continue later": saving, failed, or the code to show. */
  saved:
    | { state: 'saving' | 'failed' }
    | { state: 'saved'; resumeCode: string; expiresAt: string; link: string }
    | undefined;
  /** The QR encoder, once loaded (only when a draft is saved for later). */
  qr: ((text: string) => unknown) | undefined;
  readonly #host: PortalHost;
  readonly #hooks: PortalHooks;
  #store: Persistence | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Set once the citizen chose (or there was no draft): from then on answers are saved. */
  #ready = false;

  constructor(host: PortalHost, hooks: PortalHooks) {
    this.#host = host;
    this.#hooks = hooks;
    addStyles(host.renderRoot, draftStyles);
  }

  /** Portal mode keeps drafts and the outbox on the device, unless `persist="none"`. */
  get #persists(): boolean {
    return this.#host.mode !== 'kiosk' && this.#host.persist !== 'none';
  }

  #update(): void {
    this.#host.requestUpdate();
  }

  /** A new citizen's session: nothing offered or saved yet, and nothing saved until the look. */
  started(): void {
    this.#ready = false;
    this.offer = undefined;
    this.dropped = [];
    this.saved = undefined;
    this.#update();
  }

  /**
   * The look for `session`, once its first page is drawn: open a saved draft by its resume code,
   * or look on this device for a dossier sent but never acknowledged (sent again, with its key)
   * or a draft to offer. Nothing is saved until it is done, so that a draft found is never
   * overwritten by the new page.
   */
  async restore(session: Session): Promise<void> {
    const host = this.#host;
    if (host.session !== session) return;
    if (host.resumeCode) return this.openSaved(host.resumeCode);
    if (!this.#persists) {
      this.#ready = true;
      return;
    }
    const store = (this.#store ??= openPersistence(() => {
      this.notice = 'storage';
      this.#update();
    }));
    const id = session.procedure.id;
    const pending = await store.getOutbox(id);
    const draft = pending ? undefined : await store.getDraft(id);
    if (host.session !== session) return;
    if (pending) {
      // Sent before a reload or a crash and never acknowledged: send it again with its own key,
      // so it lands on the receipt the server gave (or gives now), and is never stored twice.
      await this.#hooks.resume(pending.answers, null);
      this.#ready = true;
      host.announcement = draftStringsFor(host.locale).resuming;
      this.#hooks.resend(pending);
      return;
    }
    if (draft && Object.keys(draft.answers).length > 0) {
      this.offer = draft;
      this.#update();
    } else this.#ready = true;
  }

  /** The answers changed, or the page: saved after a pause, so typing is not slowed. */
  changed(pageChanged: boolean): void {
    if (pageChanged && this.notice === 'storage') this.notice = undefined;
    if (!this.#persists || !this.#ready || !this.#store) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#save(), 400);
  }

  #save(): void {
    const session = this.#host.session;
    const store = this.#store;
    if (!session || !store) return;
    const { snapshot, procedure } = session;
    if (snapshot.status === 'submitted' || snapshot.status === 'submitting') return;
    const answers = withoutFiles(procedure, snapshot.answers);
    if (Object.keys(answers).length === 0) {
      void store.deleteDraft(procedure.id);
      return;
    }
    void store.putDraft(procedure.id, {
      version: procedure.version,
      answers,
      step: snapshot.step?.id ?? null,
      labels: labelsOf(procedure, answers),
      savedAt: (this.#host.clock ?? systemClock).now(),
    });
  }

  /** A citizen who starts again leaves no draft or pending dossier behind. */
  forget(): void {
    clearTimeout(this.#timer);
    const id = this.#host.session?.procedure.id;
    if (id && this.#store) {
      void this.#store.deleteDraft(id);
      void this.#store.deleteOutbox(id);
    }
    this.dropped = [];
    this.notice = undefined;
    this.saved = undefined;
  }

  /**
   * Portal mode: the dossier written down before it leaves, so that a reload or a crash while
   * sending resumes it with the same key. Settles once written (at once without a store).
   */
  async keep(entry: Omit<OutboxEntry, 'version' | 'savedAt'>): Promise<void> {
    clearTimeout(this.#timer);
    const procedure = this.#host.session?.procedure;
    if (!this.#persists || !procedure) return;
    await this.#store?.putOutbox(procedure.id, {
      ...entry,
      version: procedure.version,
      savedAt: (this.#host.clock ?? systemClock).now(),
    });
  }

  /** The server has the dossier: its outbox entry and its draft go. */
  async sent(id: string): Promise<void> {
    await this.#store?.deleteOutbox(id);
    await this.#store?.deleteDraft(id);
  }

  /** "Tiếp tục hồ sơ đang làm": the draft's answers, as far as this version can use them. */
  #continueDraft = (): void => {
    const draft = this.offer;
    const procedure = this.#host.session?.procedure;
    if (!draft || !procedure) return;
    this.offer = undefined;
    const { answers, dropped } = carryOver(
      procedure,
      draft.answers,
      draft.labels,
      this.#host.locale,
    );
    this.dropped = draft.version === procedure.version ? [] : dropped;
    void this.#hooks.resume(answers, draft.step);
    this.#ready = true;
    this.#hooks.focusHeading();
    this.#update();
  };

  /** "Làm lại từ đầu": the draft is deleted. */
  #discardDraft = (): void => {
    const id = this.#host.session?.procedure.id;
    this.offer = undefined;
    if (id) void this.#store?.deleteDraft(id);
    this.#ready = true;
    this.#hooks.focusHeading();
    this.#update();
  };

  /** Where drafts go for another device: `drafts-endpoint`, or `drafts` beside `endpoint`. */
  #url(): string | undefined {
    const { draftsEndpoint, endpoint } = this.#host;
    const base = draftsEndpoint ?? (endpoint ? './drafts' : undefined);
    if (!base) return undefined;
    return new URL(base, draftsEndpoint ? document.baseURI : new URL(endpoint!, document.baseURI))
      .href;
  }

  /** "Lưu để làm tiếp sau": the answers to the server's draft store, for a resume code. */
  #saveForLater = async (): Promise<void> => {
    const host = this.#host;
    const session = host.session;
    const url = this.#url();
    if (!session || !url) return;
    this.saved = { state: 'saving' };
    this.#update();
    try {
      const { snapshot, procedure } = session;
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-language': host.locale },
        body: JSON.stringify({
          procedure: procedure.id,
          version: procedure.version,
          answers: withoutFiles(procedure, snapshot.answers),
          ...(snapshot.step && { step: snapshot.step.id }),
          locale: host.locale,
        }),
      });
      if (!response.ok) throw new Error(`${url} answered ${response.status}`);
      const saved = (await response.json()) as { resumeCode: string; expiresAt: string };
      // The QR encoder is loaded only now: most citizens never need it.
      this.qr ??= (await import('./qr.js')).qrCode;
      this.saved = {
        state: 'saved',
        resumeCode: saved.resumeCode,
        expiresAt: saved.expiresAt,
        link: resumeLink(saved.resumeCode, location.href),
      };
      this.#hooks.focusHeading();
    } catch (error) {
      console.error('<motcua-procedure>: could not save the draft:', error);
      this.saved = { state: 'failed' };
    }
    this.#update();
  };

  /** Opens a draft saved on the server, by its resume code. */
  async openSaved(code: string): Promise<void> {
    const host = this.#host;
    const session = host.session;
    const url = this.#url();
    if (!session || !url) return;
    this.restoring = true;
    this.#update();
    let draft: { procedure: string; version: string; answers: Answers; step?: string } | undefined;
    try {
      const response = await fetch(`${url}/${encodeURIComponent(code.trim())}`, {
        headers: { 'accept-language': host.locale },
      });
      if (response.ok) draft = (await response.json()) as typeof draft;
    } catch (error) {
      console.error('<motcua-procedure>: could not open the saved draft:', error);
    }
    if (host.session !== session) return;
    this.restoring = false;
    this.#ready = true;
    this.#hooks.focusHeading();
    this.#update();
    if (!draft || draft.procedure !== session.procedure.id) {
      this.notice = 'not-found';
      return;
    }
    const { answers, dropped } = carryOver(session.procedure, draft.answers, {}, host.locale);
    this.dropped = draft.version === session.procedure.version ? [] : dropped;
    void this.#hooks.resume(answers, draft.step ?? null);
    this.notice = 'opened';
    host.announcement = draftStringsFor(host.locale).draftOpened;
  }

  /** The page in place of the form: a draft offered, or the code of one saved for later. */
  page(): TemplateResult | undefined {
    if (this.offer) return draftOffer(this.#view(), this.offer);
    if (this.saved?.state === 'saved') return savedPage(this.#view(), this.saved);
    return undefined;
  }

  /** Notices above a page. */
  notices(): TemplateResult {
    return draftNotices(this.#view());
  }

  /** "Save to continue later" and "open by code". */
  actions(snapshot: SessionSnapshot): TemplateResult {
    return draftActions(this.#view(), snapshot);
  }

  #view(): DraftView {
    const host = this.#host;
    return {
      locale: host.locale,
      timeZone: host.session?.procedure.definition.timeZone ?? 'Asia/Ho_Chi_Minh',
      notice: this.notice,
      dropped: this.dropped,
      saving:
        this.saved?.state === 'saving' || this.saved?.state === 'failed'
          ? this.saved.state
          : undefined,
      canSave: host.mode !== 'kiosk' && this.#url() !== undefined,
      qr: this.qr,
      continueDraft: this.#continueDraft,
      discardDraft: this.#discardDraft,
      saveForLater: () => void this.#saveForLater(),
      openCode: (code) => (host.resumeCode = code),
      closeSaved: () => {
        this.saved = undefined;
        this.#hooks.focusHeading();
        this.#update();
      },
    };
  }
}

/**
 * Adds drafts and the outbox to a portal element, with their styles.
 *
 * @example
 * const drafts = attachPortal(element, { resume, resend, focusHeading });
 * void drafts.restore(element.session);
 */
export function attachPortal(host: PortalHost, hooks: PortalHooks): PortalDrafts {
  return new PortalDrafts(host, hooks);
}

/** What the draft pages show and do, handed over by the element. */
export interface DraftView {
  locale: string;
  timeZone: string;
  /** Notices above the page. */
  notice: 'storage' | 'opened' | 'not-found' | undefined;
  dropped: readonly string[];
  saving: 'saving' | 'failed' | undefined;
  /** Where "save to continue later" posts; without it the action is not offered. */
  canSave: boolean;
  /** The QR encoder, once loaded. */
  qr: ((text: string) => unknown) | undefined;
  continueDraft: () => void;
  discardDraft: () => void;
  saveForLater: () => void;
  openCode: (code: string) => void;
  closeSaved: () => void;
}

function dateTime(view: DraftView, time: number | string, style: Intl.DateTimeFormatOptions) {
  return new Intl.DateTimeFormat(view.locale === 'en' ? 'en-GB' : 'vi-VN', {
    ...style,
    timeZone: view.timeZone,
  }).format(new Date(time));
}

/** A draft on this device: continue it, or start again (GOV.UK's question page). */
export function draftOffer(view: DraftView, draft: Draft): TemplateResult {
  const words = draftStringsFor(view.locale);
  const time = dateTime(view, draft.savedAt, { dateStyle: 'short', timeStyle: 'short' });
  return html`<div class="draft-offer">
    <h1 class="heading-l" tabindex="-1">${words.offerTitle}</h1>
    <p class="body">${interpolate(words.offerBody, { time })}</p>
    <div class="button-group">
      <button class="button" part="button" type="button" @click=${view.continueDraft}>
        ${words.offerContinue}
      </button>
      <button class="button button--secondary" type="button" @click=${view.discardDraft}>
        ${words.offerRestart}
      </button>
    </div>
  </div>`;
}

/** The resume code of a draft saved for later: large, with its QR code and its last day. */
export function savedPage(
  view: DraftView,
  saved: { resumeCode: string; expiresAt: string; link: string },
): TemplateResult {
  const words = draftStringsFor(view.locale);
  const date = dateTime(view, saved.expiresAt, { dateStyle: 'long' });
  return html`<div class="saved-draft">
    <h1 class="heading-l" tabindex="-1">${words.savedTitle}</h1>
    <p class="body">${words.savedBody}</p>
    <p class="body">
      ${words.savedCode}<br /><strong class="resume-code">${saved.resumeCode}</strong>
    </p>
    <figure class="qr-figure" role="img" aria-label=${words.savedQr}>
      ${view.qr?.(saved.link) ?? nothing}
    </figure>
    <p class="body">${interpolate(words.savedExpires, { date })}</p>
    <button class="button" part="button" type="button" @click=${view.closeSaved}>
      ${words.savedBack}
    </button>
  </div>`;
}

/** What the citizen must know before the page: unsaved device, opened draft, dropped answers. */
export function draftNotices(view: DraftView): TemplateResult {
  const words: DraftStrings = draftStringsFor(view.locale);
  const notices: TemplateResult[] = [];
  const say = (text: string) => notices.push(html`<p class="body">${text}</p>`);
  if (view.notice === 'storage') say(words.storageUnavailable);
  if (view.notice === 'opened') say(words.draftOpened);
  if (view.notice === 'not-found') say(words.codeNotFound);
  if (view.dropped.length > 0) {
    notices.push(
      html`<h2 class="heading-m">${words.droppedTitle}</h2>
        <p class="body">${interpolate(words.droppedBody, { fields: view.dropped.join(', ') })}</p>`,
    );
  }
  if (view.saving === 'failed') say(words.saveFailed);
  return notices.length > 0 ? html`<div class="notice" role="status">${notices}</div>` : html``;
}

/** Save for another device, and, on the first page, open a saved draft by its code. */
export function draftActions(view: DraftView, snapshot: SessionSnapshot): TemplateResult {
  if (!view.canSave) return html``;
  const words = draftStringsFor(view.locale);
  const saving = view.saving === 'saving';
  const first = snapshot.status === 'filling' && snapshot.stepIndex === 0;
  return html`<div class="draft-actions no-print">
    <button class="link-button" type="button" ?disabled=${saving} @click=${view.saveForLater}>
      ${saving ? words.saving : words.saveForLater}
    </button>
    ${
      first
        ? html`<details class="details">
            <summary class="details__summary">${words.haveCode}</summary>
            <form
              class="details__text"
              novalidate
              @submit=${(event: Event) => {
                event.preventDefault();
                const input = (event.target as HTMLFormElement).elements.namedItem('resume');
                const code = (input as HTMLInputElement | null)?.value.trim();
                if (code) view.openCode(code);
              }}
            >
              <label class="label" for="resume-code">${words.codeLabel}</label>
              <div class="hint" id="resume-code-hint">${words.codeHint}</div>
              <input
                class="input input--20"
                id="resume-code"
                name="resume"
                autocomplete="off"
                autocapitalize="characters"
                spellcheck="false"
                aria-describedby="resume-code-hint"
              />
              <button class="button button--secondary" type="submit">${words.openDraft}</button>
            </form>
          </details>`
        : nothing
    }
  </div>`;
}
