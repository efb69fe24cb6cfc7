import { type ReactiveElement, type TemplateResult, css, html, nothing } from 'lit';
import { type ChildPart, Directive, directive } from 'lit/directive.js';
import {
  type Answers,
  type Clock,
  type Procedure,
  type SessionSnapshot,
  type Text,
  interpolate,
} from '@motcua/core';
import { renderFees } from './fees.js';
import { formatAnswer } from './format-answer.js';
import { receiptCode } from './receipt.js';
import type { UiStrings } from './strings.js';
// The words these pages show come with them (the runtime has the first page's).
import './strings-later.js';

/**
 * The review ("check your answers") and confirmation pages of `<motcua-procedure>`: a chunk of
 * their own, which the element fetches once the first page is drawn, so that their code is not
 * on the way to the first input and Continue to review never waits on the network.
 *
 * @module
 */

/**
 * Their styles, which the element adds to its shadow root when this chunk comes. An answer off
 * screen is neither styled nor laid out until scrolled to (`content-visibility: auto`): a review
 * of 200 answers is drawn as fast as one of 20, and its rows stay in the accessibility tree, in
 * find-in-page and in the tab order. A row not drawn yet counts as 6em, more than most rows
 * take, so that its neighbours never overlap it when a tool measures it unseen. On paper, all of
 * them.
 */
export const reviewStyles = css`
  .review .summary-list__row {
    content-visibility: auto;
    contain-intrinsic-size: auto 6em;
  }
  /* All of them in the rehearsal, whose stage is never on screen: styled and laid out once. */
  .rehearsal .summary-list__row {
    content-visibility: visible;
  }
  /* Lists (checkboxes, files, rows) come as lines; only the answer's own text keeps them. */
  .pre-line {
    white-space: pre-line;
  }
  .panel {
    background: var(--_success);
    color: #ffffff;
    padding: 1.25em;
    text-align: center;
    margin-bottom: 1.5em;
  }
  .panel__title {
    color: #ffffff;
  }
  .dossier-code {
    font-size: 1.5em;
    letter-spacing: 0.05em;
  }
  @media print {
    .review .summary-list__row {
      content-visibility: visible;
    }
    .panel {
      background: none;
      color: #000000;
      border: 3px solid #000000;
    }
    .panel__title {
      color: #000000;
    }
  }
`;

/** What the pages need of the element. */
export interface ReviewView {
  procedure: Procedure;
  locale: string;
  /** Where the element files dossiers, for fees that differ by channel. */
  channel: 'kiosk' | 'online';
  /** "Today" for fees, as the session reads it: a late registration depends on it. */
  clock: Clock | undefined;
  text(value: Text | undefined): string;
  placeName(level: 'province' | 'commune', code: string, provinceCode: string): string | undefined;
  change(stepId: string, field: string): void;
  send(): void;
  reset(): void;
  draftNotices(): TemplateResult | typeof nothing;
  draftActions(snapshot: SessionSnapshot): TemplateResult | typeof nothing;
}

export function renderReview(
  view: ReviewView,
  snapshot: SessionSnapshot,
  strings: UiStrings,
): TemplateResult {
  const procedure = view.procedure;
  const answers = snapshot.answers;
  const submitting = snapshot.status === 'submitting';
  const steps = procedure.applicableSteps(answers).map((step) => ({
    step,
    fields: procedure.visibleFields(step.id, answers),
  }));
  // A long review comes in two frames: the steps that fill a screen, then the rest.
  let rows = 0;
  const first =
    steps.reduce((all, { fields }) => all + fields.length, 0) > AT_ONCE
      ? steps.findIndex(({ fields }) => (rows += fields.length) >= FIRST_ROWS) + 1
      : steps.length;
  const section = ({ step, fields }: (typeof steps)[number]) =>
    html`<h2 class="heading-m">${view.text(step.title)}</h2>
      <dl class="summary-list">
        ${fields.map((field) => {
          const shown = formatAnswer(field, answers[field.id], {
            locale: view.locale,
            strings,
            isVisible: (path) => procedure.isVisible(path, answers),
            placeName: view.placeName,
          });
          const label = view.text(field.label);
          return html`<div class="summary-list__row">
            <dt class="summary-list__key">${label}</dt>
            <dd class="summary-list__value">
              ${
                shown
                  ? html`<span class="pre-line">${shown}</span>`
                  : html`<span class="hint">${strings.notProvided}</span>`
              }
            </dd>
            <dd class="summary-list__actions">
              <button
                class="link-button"
                type="button"
                ?disabled=${submitting}
                @click=${() => view.change(step.id, field.id)}
              >
                ${strings.change}<span class="visually-hidden"> ${label}</span>
              </button>
            </dd>
          </div>`;
        })}
      </dl>`;
  return html`<div class="review">
    ${view.draftNotices()}
    ${
      // Not the citizen's error: a blue box that says the dossier was not sent, why when the
      // server said (its problem's detail), that nothing was lost, and what to do.
      snapshot.submitError
        ? html`<div class="error-summary error-summary--service" role="alert" tabindex="-1">
            <h2 class="error-summary__title">${strings.sendFailedTitle}</h2>
            ${snapshot.submitError.detail ? html`<p>${snapshot.submitError.message}</p>` : nothing}
            <p>${strings.sendFailedNext}</p>
          </div>`
        : nothing
    }
    <h1 class="heading-l" tabindex="-1">${strings.reviewTitle}</h1>
    <p class="body">${strings.reviewIntro}</p>
    ${steps.slice(0, first).map(section)}
    ${first < steps.length ? later(steps.slice(first).map(section)) : nothing}
    ${renderDocuments(view, answers, strings, true)} ${renderAllFees(view, answers, strings)}
    <button
      class="button"
      part="button"
      type="button"
      ?disabled=${submitting}
      aria-disabled=${submitting ? 'true' : nothing}
      @click=${view.send}
    >
      ${submitting ? strings.submitting : snapshot.submitError ? strings.retry : strings.submit}
    </button>
    ${submitting ? nothing : view.draftActions(snapshot)}
  </div>`;
}

/** A review of more answers than this comes in two frames. */
const AT_ONCE = 40;
/** Its first frame: the steps up to the one that reaches this many answers. */
const FIRST_ROWS = 20;

/**
 * What `later(value)` stands for draws nothing the first time, then `value` (and what it is on
 * each render after) once the frame with the rest of the page is on screen: the host is asked
 * to render again after that frame. Its place is kept for the page's life, so a page that stays
 * (a review marked as sending) keeps all of it. In the rehearsal's stage it stays empty.
 */
class Later extends Directive {
  #shown = false;
  #asked = false;

  render(value: unknown): unknown {
    return value;
  }

  override update(part: ChildPart, [value]: [unknown]): unknown {
    if (this.#shown) return value;
    if (!this.#asked) {
      this.#asked = true;
      const host = part.options?.host as ReactiveElement | undefined;
      requestAnimationFrame(() =>
        setTimeout(() => {
          this.#shown = true;
          // Not for a page gone, or drawn elsewhere (the rehearsal's, out of sight).
          if (host && part.parentNode.getRootNode() === host.renderRoot) host.requestUpdate();
        }),
      );
    }
    return nothing;
  }
}

const later = directive(Later);

/**
 * The papers to bring: the procedure's documents for these answers, then the files the citizen
 * chose to bring on paper instead of uploading. A paper that is one of the documents already
 * (the birth notice asked for, then uploaded or brought) is marked there, not listed twice.
 */
function renderDocuments(view: ReviewView, answers: Answers, strings: UiStrings, intro: boolean) {
  const procedure = view.procedure;
  const onPaper = (label: string) => interpolate(strings.paperToBring, { label });
  const titles = procedure.documents(answers).map((doc) => view.text(doc.title));
  const papers = procedure.papers(answers).map((paper) => view.text(paper.label));
  const all = [
    ...titles.map((title) => (papers.includes(title) ? onPaper(title) : title)),
    ...papers.filter((label) => !titles.includes(label)).map(onPaper),
  ];
  return all.length > 0
    ? html`<h2 class="heading-m">${strings.documentsTitle}</h2>
        ${intro ? html`<p class="body">${strings.documentsIntro}</p>` : nothing}
        <ul class="list">
          ${all.map((item) => html`<li>${item}</li>`)}
        </ul>`
    : nothing;
}

function renderAllFees(view: ReviewView, answers: Answers, strings: UiStrings) {
  // "Today" from the element's clock, like the session's: a late registration depends on it.
  const fees = view.procedure.fees(answers, {
    channel: view.channel,
    clock: view.clock,
  });
  return renderFees(fees, strings, view.locale, view.text);
}

export function renderConfirmation(
  view: ReviewView,
  snapshot: SessionSnapshot,
  strings: UiStrings,
): TemplateResult {
  const procedure = view.procedure;
  const definition = procedure.definition;
  const time = definition.processingTime;
  return html`<div class="confirmation">
    <div class="panel">
      <h1 class="panel__title" tabindex="-1">${strings.submittedTitle}</h1>
      <p class="panel__body">
        ${strings.dossierCode}<br /><strong class="dossier-code"
          >${receiptCode(snapshot.receipt)}</strong
        >
      </p>
    </div>
    <h2 class="heading-m">${strings.whatNext}</h2>
    <p class="body">
      ${interpolate(strings.nextSteps, {
        agency: view.text(definition.agency?.name) || view.text(definition.title),
      })}
    </p>
    ${
      time
        ? html`<p class="body">
            ${strings.processingTime}:
            ${
              time.workingDays === 0
                ? strings.sameDay
                : interpolate(strings.workingDays, { count: time.workingDays })
            }${time.note ? html`. ${view.text(time.note)}` : nothing}
          </p>`
        : nothing
    }
    ${renderDocuments(view, snapshot.answers, strings, false)}
    ${renderAllFees(view, snapshot.answers, strings)}
    <div class="button-group no-print">
      <button class="button button--secondary" type="button" @click=${() => window.print()}>
        ${strings.print}
      </button>
      <button class="button button--secondary" type="button" @click=${view.reset}>
        ${strings.startAgain}
      </button>
    </div>
  </div>`;
}
