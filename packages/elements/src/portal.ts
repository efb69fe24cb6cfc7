// What only portal mode needs, loaded by `import()` when a portal page starts (a kiosk never
// loads it): the device's storage for drafts and the outbox, the draft helpers, their words, and
// the pages and notices of drafts and "save for later". Kept out of the runtime every page loads.
import { type TemplateResult, html, nothing } from 'lit';
import { type SessionSnapshot, interpolate } from '@motcua/core';
import { type DraftStrings, draftStringsFor } from './draft-strings.js';
import type { Draft } from './persistence.js';

export type { Draft, OutboxEntry, Persistence } from './persistence.js';
export { openPersistence } from './persistence.js';
export { carryOver, labelsOf, resumeLink, withoutFiles } from './drafts.js';
export { draftStringsFor };

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
