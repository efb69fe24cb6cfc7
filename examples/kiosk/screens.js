// The kiosk's screens before the form, as Lit templates: the header, the welcome screen with
// the finder, a situation's questions, "not handled here", the start page, and the two
// questions of a shared screen (wipe? still there?). Values are always text: Lit writes them
// as text nodes and attributes, so no HTML string reaches the DOM and Trusted Types hold.
import { html, nothing } from './motcua.js';
import { feesFor, localized, money, papersFor } from './finder.js';
import { fill } from './strings.js';

/**
 * @typedef {import('./strings.js').KioskStrings} KioskStrings
 * @typedef {import('./finder.js').CatalogueProcedure & {
 *   description?: import('./finder.js').Text, audience?: import('./finder.js').Text,
 *   online?: 'full' | 'partial' | 'counter', agency?: { name?: import('./finder.js').Text },
 *   processingTime?: { workingDays: number, note?: import('./finder.js').Text },
 *   hasDeclaration?: boolean, module: string,
 * }} Entry
 */

/**
 * The bar at the top: the site's name, "Về trang đầu" away from the welcome screen, and the
 * screen's switches and "Cần trợ giúp" (the form has its own, in the same words).
 *
 * @param {{ t: KioskStrings, site?: { name?: import('./finder.js').Text }, locale: string,
 *   screen: string, bilingual: boolean, contrast: string, textSize: string, help: string,
 *   onHome(): void, onLanguage(): void, onContrast(): void, onTextSize(): void, onHelp(): void }} view
 */
export function header(view) {
  const { t } = view;
  const inForm = view.screen === 'form';
  return html`<div class="kiosk-header__bar">
      <p class="kiosk-header__name">
        <span>${t.kiosk}</span>${
          view.site?.name
            ? html`<span class="kiosk-header__site"
                >${localized(view.site.name, view.locale)}</span
              >`
            : nothing
        }
      </p>
      ${
        view.screen === 'welcome' || view.screen === 'loading'
          ? nothing
          : html`<button
              class="kiosk-header__restart"
              id="restart"
              type="button"
              @click=${view.onHome}
            >
              ${t.restart}
            </button>`
      }
    </div>
    ${
      inForm
        ? nothing
        : html`<div class="toolbar" role="group" aria-label=${t.tools}>
            ${
              view.bilingual
                ? html`<button
                    class="toolbar__button"
                    id="language"
                    type="button"
                    lang=${view.locale === 'vi' ? 'en' : 'vi'}
                    @click=${view.onLanguage}
                  >
                    ${t.languageSwitch}
                  </button>`
                : nothing
            }
            <button
              class="toolbar__button"
              id="contrast"
              type="button"
              aria-pressed=${view.contrast === 'high' ? 'true' : 'false'}
              @click=${view.onContrast}
            >
              ${t.highContrast}
            </button>
            <button
              class="toolbar__button"
              id="text-size"
              type="button"
              aria-pressed=${view.textSize === 'large' ? 'true' : 'false'}
              @click=${view.onTextSize}
            >
              ${t.textSize}
            </button>
            <button
              class="toolbar__button toolbar__help"
              id="help"
              type="button"
              @click=${view.onHelp}
            >
              ${t.help}
            </button>
          </div>`
    }
    ${
      inForm
        ? nothing
        : html`<p class="help-status" id="help-status" role="status">
            ${view.help === 'sent' ? t.helpSent : view.help === 'failed' ? t.helpFailed : nothing}
          </p>`
    }`;
}

/**
 * One procedure as a big button: its title, and where it is handed in.
 *
 * @param {Entry} entry
 * @param {{ t: KioskStrings, locale: string, counterName(id: string): string, onOpen(id: string): void }} view
 */
function procedureButton(entry, view) {
  const counter = view.counterName(entry.id);
  const agency = localized(entry.agency?.name, view.locale);
  return html`<li>
    <button
      class="choice"
      type="button"
      data-procedure=${entry.id}
      @click=${() => view.onOpen(entry.id)}
    >
      <span class="choice__title">${localized(entry.title, view.locale)}</span>
      <span class="choice__note"
        >${[counter ? fill(view.t.counter, { counter }) : '', agency].filter(Boolean).join(' · ')}</span
      >
    </button>
  </li>`;
}

/**
 * The welcome screen: the search box and its results, the situations, every procedure of the
 * site, and what the kiosk keeps (nothing).
 *
 * @param {{ t: KioskStrings, locale: string, cleared: boolean, query: string,
 *   results: ReturnType<typeof import('./finder.js').search> | undefined,
 *   procedures: Entry[], events: import('./finder.js').LifeEvent[],
 *   site: { openingHours?: import('./finder.js').Text } | undefined,
 *   counterName(id: string): string, onQuery(value: string): void, onSearch(): void,
 *   onOpen(id: string): void, onEvent(id: string): void }} view
 */
export function welcome(view) {
  const { t, locale } = view;
  const results = view.results;
  const found = results
    ? results.procedures.length + results.elsewhere.length + results.events.length
    : 0;
  /** @param {InputEvent} event */
  const typed = (event) => {
    // Not while an input method composes a syllable: the text is not final yet.
    if (event.isComposing) return;
    view.onQuery(/** @type {HTMLInputElement} */ (event.target).value);
  };
  return html`<section class="screen welcome" aria-labelledby="welcome-title">
    ${view.cleared ? html`<p class="cleared" id="cleared">${t.cleared}</p>` : nothing}
    <h1 id="welcome-title" tabindex="-1">${t.welcomeTitle}</h1>
    <p class="lead">${t.welcomeLead}</p>
    <form
      class="search"
      role="search"
      @submit=${(/** @type {Event} */ event) => {
        event.preventDefault();
        view.onSearch();
      }}
    >
      <label class="search__label" for="search">${t.searchLabel}</label>
      <p class="hint" id="search-hint">${t.searchHint}</p>
      <div class="search__row">
        <input
          class="search__input"
          id="search"
          type="search"
          autocomplete="off"
          autocapitalize="off"
          spellcheck="false"
          aria-describedby="search-hint"
          .value=${view.query}
          @input=${typed}
          @compositionend=${(/** @type {CompositionEvent} */ event) =>
            view.onQuery(/** @type {HTMLInputElement} */ (event.target).value)}
        />
        <button class="button search__button" type="submit">${t.searchButton}</button>
      </div>
    </form>
    <div class="results" id="results" ?hidden=${!results}>
      <h2 class="visually-hidden">${t.resultsTitle}</h2>
      <p class="results__count" id="results-count" role="status" tabindex="-1">
        ${
          results
            ? fill(found === 1 ? t.resultsCountOne : found > 0 ? t.resultsCount : t.noResults, {
                count: found,
                query: view.query.trim(),
              })
            : nothing
        }
      </p>
      ${
        results && results.procedures.length > 0
          ? html`<ul class="choices" id="found-procedures">
              ${results.procedures.map((entry) => procedureButton(/** @type {Entry} */ (entry), view))}
            </ul>`
          : nothing
      }
      ${
        results && results.events.length > 0
          ? html`<ul class="choices">
              ${results.events.map(
                (event) =>
                  html`<li>
                    <button
                      class="choice choice--event"
                      type="button"
                      data-event=${event.id}
                      @click=${() => view.onEvent(event.id)}
                    >
                      <span class="choice__title">${localized(event.title, locale)}</span>
                    </button>
                  </li>`,
              )}
            </ul>`
          : nothing
      }
      ${
        results && results.elsewhere.length > 0
          ? html`<ul class="elsewhere" id="found-elsewhere">
              ${results.elsewhere.map(
                (place) =>
                  html`<li class="elsewhere__item">
                    <p class="elsewhere__title">
                      ${localized(place.title, locale)}
                      <span class="tag">${t.elsewhere}</span>
                    </p>
                    <p class="elsewhere__where">
                      ${fill(t.elsewhereWhere, { where: localized(place.where, locale) })}
                    </p>
                  </li>`,
              )}
            </ul>`
          : nothing
      }
    </div>
    <h2>${t.lifeEventsTitle}</h2>
    <ul class="choices choices--events" id="events">
      ${view.events.map(
        (event) =>
          html`<li>
            <button
              class="choice choice--event"
              type="button"
              data-event=${event.id}
              @click=${() => view.onEvent(event.id)}
            >
              <span class="choice__title">${localized(event.title, locale)}</span>
            </button>
          </li>`,
      )}
    </ul>
    <h2>${t.proceduresTitle}</h2>
    <ul class="choices" id="procedures">
      ${view.procedures.map((entry) => procedureButton(entry, view))}
    </ul>
    <p class="privacy">${t.privacy}</p>
    ${
      view.site?.openingHours
        ? html`<p class="opening-hours">
            <strong>${t.openingHours}:</strong> ${localized(view.site.openingHours, locale)}
          </p>`
        : nothing
    }
  </section>`;
}

/**
 * A situation's question, with its options as big buttons.
 *
 * @param {{ t: KioskStrings, locale: string, event: import('./finder.js').LifeEvent,
 *   question: import('./finder.js').Text, options: import('./finder.js').Choice[],
 *   index: number, count: number, onChoose(index: number): void, onBack(): void }} view
 */
export function eventQuestion(view) {
  const { t, locale } = view;
  return html`<section class="screen" aria-labelledby="event-title">
    <button class="back-link" type="button" @click=${view.onBack}>${t.eventBack}</button>
    <p class="caption">
      ${localized(view.event.title, locale)} ·
      ${fill(t.eventStep, { index: view.index, count: view.count })}
    </p>
    <h1 id="event-title" tabindex="-1">${localized(view.question, locale)}</h1>
    <ul class="choices" id="event-options">
      ${view.options.map(
        (option, index) =>
          html`<li>
            <button class="choice" type="button" @click=${() => view.onChoose(index)}>
              <span class="choice__title">${localized(option.label, locale)}</span>
            </button>
          </li>`,
      )}
    </ul>
  </section>`;
}

/**
 * A procedure this kiosk does not handle: where to go instead, when the site says.
 *
 * @param {{ t: KioskStrings, locale: string, title: import('./finder.js').Text | undefined,
 *   places: import('./finder.js').Elsewhere[], onBack(): void }} view
 */
export function notHere(view) {
  const { t, locale } = view;
  return html`<section class="screen" aria-labelledby="not-here-title">
    <button class="back-link" type="button" @click=${view.onBack}>${t.chooseAnother}</button>
    <h1 id="not-here-title" tabindex="-1">
      ${fill(t.notHere, { title: localized(view.title, locale) })}
    </h1>
    ${
      view.places.length > 0
        ? html`<ul class="elsewhere" id="not-here-places">
            ${view.places.map(
              (place) =>
                html`<li class="elsewhere__item">
                  <p class="elsewhere__title">${localized(place.title, locale)}</p>
                  <p class="elsewhere__where">
                    ${fill(t.goThere, { where: localized(place.where, locale) })}
                  </p>
                </li>`,
            )}
          </ul>`
        : html`<p class="lead">${t.notHereAsk}</p>`
    }
    <button class="button button--secondary" type="button" @click=${view.onBack}>
      ${t.chooseAnother}
    </button>
  </section>`;
}

/**
 * The start page of a procedure, before its first question: what it is for, who may file it,
 * where, the fee as far as known, the time, whether it can be done online, the papers to have
 * (refined by up to two of the form's own questions), and how to do it at home next time.
 *
 * @param {{ t: KioskStrings, locale: string, entry: Entry, site: { name?: import('./finder.js').Text } | undefined,
 *   counter: string, procedure: import('./finder.js').ProcedureLike | undefined,
 *   questions: import('./finder.js').Field[], answers: Record<string, string>,
 *   onAnswer(id: string, value: string): void, onStart(): void, onBack(): void }} view
 */
export function startPage(view) {
  const { t, locale, entry, procedure } = view;
  const text = (/** @type {import('./finder.js').Text | undefined} */ value) =>
    localized(value, locale);
  const papers = procedure ? papersFor(procedure, view.answers) : undefined;
  const fees = procedure ? feesFor(procedure, view.answers) : undefined;
  const time = entry.processingTime;
  return html`<section class="screen start" aria-labelledby="start-title">
    <button class="back-link" type="button" @click=${view.onBack}>${t.chooseAnother}</button>
    <p class="caption">${t.startCaption}</p>
    <h1 id="start-title" tabindex="-1">${text(entry.title)}</h1>
    ${entry.description ? html`<p class="lead">${text(entry.description)}</p>` : nothing}
    <dl class="facts">
      ${
        entry.audience
          ? html`<div class="facts__row">
              <dt>${t.startWho}</dt>
              <dd>${text(entry.audience)}</dd>
            </div>`
          : nothing
      }
      <div class="facts__row">
        <dt>${t.startWhere}</dt>
        <dd id="start-counter">
          ${fill(t.startWhereCounter, {
            counter: view.counter,
            site: text(view.site?.name),
            agency: text(entry.agency?.name),
          })}
        </dd>
      </div>
      <div class="facts__row">
        <dt>${t.startFee}</dt>
        <dd id="start-fee">${fees ? feeLines(fees, t, locale) : t.loading}</dd>
      </div>
      ${
        time
          ? html`<div class="facts__row">
              <dt>${t.startTime}</dt>
              <dd>
                ${
                  time.workingDays === 0
                    ? t.sameDay
                    : fill(t.workingDays, { count: time.workingDays })
                }${time.note ? html`. ${text(time.note)}` : nothing}
              </dd>
            </div>`
          : nothing
      }
      ${
        entry.online
          ? html`<div class="facts__row">
              <dt>${t.startOnline}</dt>
              <dd id="start-online">${t.online[entry.online]}</dd>
            </div>`
          : nothing
      }
    </dl>
    <h2>${t.startPapers}</h2>
    ${
      view.questions.length > 0
        ? html`<div class="early">
            <p>${t.startAsk}</p>
            ${view.questions.map(
              (field) =>
                html`<fieldset class="early__question" id=${`early-${field.id}`}>
                  <legend>${text(field.label)}</legend>
                  <div class="radios">
                    ${(field.options ?? []).map(
                      (option) =>
                        html`<div class="radio">
                          <input
                            type="radio"
                            id=${`early-${field.id}-${option.value}`}
                            name=${`early-${field.id}`}
                            .value=${option.value}
                            .checked=${view.answers[field.id] === option.value}
                            autocomplete="off"
                            @change=${() => view.onAnswer(field.id, option.value)}
                          />
                          <label for=${`early-${field.id}-${option.value}`}
                            >${text(option.label)}</label
                          >
                        </div>`,
                    )}
                  </div>
                </fieldset>`,
            )}
          </div>`
        : nothing
    }
    <p>${t.startPapersIntro}</p>
    ${
      papers
        ? html`<ul class="list papers" id="start-papers">
              ${papers.needed.map(
                (doc) =>
                  html`<li>
                    <strong>${text(doc.title)}</strong>${
                      doc.description
                        ? html`<br /><span class="hint">${text(doc.description)}</span>`
                        : nothing
                    }
                  </li>`,
              )}
            </ul>
            ${
              papers.maybe.length > 0
                ? html`<p>${t.startPapersMaybe}</p>
                    <ul class="list papers" id="start-papers-maybe">
                      ${papers.maybe.map(
                        (doc) =>
                          html`<li>
                            <strong>${text(doc.title)}</strong>${
                              doc.description
                                ? html`<br /><span class="hint">${text(doc.description)}</span>`
                                : nothing
                            }
                          </li>`,
                      )}
                    </ul>`
                : nothing
            }`
        : html`<p class="hint">${t.loading}</p>`
    }
    <aside class="inset" aria-labelledby="vneid-title">
      <h2 id="vneid-title">${t.vneidTitle}</h2>
      <p>${t.vneidNote}</p>
    </aside>
    <button class="button" id="start" type="button" ?disabled=${!procedure} @click=${view.onStart}>
      ${t.startButton}
    </button>
  </section>`;
}

/**
 * @param {ReturnType<typeof feesFor>} fees
 * @param {KioskStrings} t
 * @param {string} locale
 */
function feeLines(fees, t, locale) {
  // No amount: set by the province, and the officer says it (a late birth registration).
  const amount = (/** @type {number | undefined} */ value) =>
    value === undefined ? t.feesNote : value === 0 ? t.free : money(value, locale);
  if (fees.applying.length === 0 && fees.maybe.length === 0) return t.free;
  return html`<ul class="fees">
      ${fees.applying.map(
        (fee) => html`<li>${localized(fee.label, locale)}: ${amount(fee.amount)}</li>`,
      )}
      ${fees.maybe.map(
        (fee) =>
          html`<li>
            ${localized(fee.label, locale)}: ${amount(fee.amount)} (${t.startFeeDepends})
          </li>`,
      )}
    </ul>
    ${
      fees.total !== undefined && fees.applying.length > 1
        ? html`<p class="fees__total">${fill(t.startFeeTotal, { amount: amount(fees.total) })}</p>`
        : nothing
    }
    <p class="hint">${t.startFeeNote}</p>`;
}

/**
 * "Xoá hết thông tin và về trang đầu?": asked before a half-filled form is wiped.
 *
 * @param {{ t: KioskStrings, onYes(): void, onNo(): void }} view
 */
export function confirmDialog(view) {
  const { t } = view;
  return html`<dialog
    id="confirm-restart"
    aria-labelledby="confirm-title"
    aria-describedby="confirm-body"
    @cancel=${(/** @type {Event} */ event) => {
      event.preventDefault();
      view.onNo();
    }}
  >
    <h2 id="confirm-title">${t.confirmTitle}</h2>
    <p id="confirm-body">${t.confirmBody}</p>
    <div class="dialog-buttons">
      <button type="button" class="button button--warning" id="confirm-yes" @click=${view.onYes}>
        ${t.confirmYes}
      </button>
      <button
        type="button"
        class="button button--secondary"
        id="confirm-no"
        data-default
        @click=${view.onNo}
      >
        ${t.confirmNo}
      </button>
    </div>
  </dialog>`;
}

/**
 * "Bạn vẫn đang dùng máy chứ?": the kiosk's own screens left unused (the form asks its own).
 *
 * @param {{ t: KioskStrings, seconds: number, onStay(): void }} view
 */
export function idleDialog(view) {
  const { t } = view;
  return html`<dialog
    id="idle"
    aria-labelledby="idle-title"
    aria-describedby="idle-body idle-countdown"
    @cancel=${(/** @type {Event} */ event) => {
      // Escape means "still here", never "wipe".
      event.preventDefault();
      view.onStay();
    }}
  >
    <h2 id="idle-title">${t.idleTitle}</h2>
    <p id="idle-body">${t.idleBody}</p>
    <p class="idle__countdown" id="idle-countdown" role="timer">
      ${view.seconds === 1 ? t.idleCountdownOne : fill(t.idleCountdown, { seconds: view.seconds })}
    </p>
    <button type="button" class="button" id="idle-stay" @click=${view.onStay}>
      ${t.idleContinue}
    </button>
  </dialog>`;
}
