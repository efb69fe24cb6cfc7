// After Send: the slip the citizen takes to the counter (procedure, name, date and time, dossier
// code with a QR code to look it up, papers to bring, fees, counter and queue number), and the
// declaration (tờ khai) filled from the answers, to print and sign. Loaded only once a dossier
// is sent, so the first page stays light. Print styles (80 mm receipt printers and A4) are in
// kiosk.css: nothing of the kiosk's chrome prints.
import { formatAnswer, html, nothing, stringsFor } from './motcua.js';
import { kioskFees, localized, money, papersToBring } from './finder.js';
import { fill } from './strings.js';

/**
 * @typedef {import('./strings.js').KioskStrings} KioskStrings
 * @typedef {import('./finder.js').Text} Text
 * @typedef {{
 *   dossierCode: string, accessCode: string, receivedAt: string,
 *   procedure: { id: string, title: Text },
 *   documents?: { id: string, title: Text }[], papers?: { field: string, label: Text }[],
 *   fees?: { id: string, label: Text, amount?: number, channel?: string }[],
 *   processingTime?: { workingDays: number, note?: Text },
 * }} Receipt
 * @typedef {{ state: 'pending' } | { state: 'failed' } | { state: 'ready', number: number, counter: string }} Ticket
 */

const TIME_ZONE = 'Asia/Ho_Chi_Minh';

/**
 * A moment as the citizen reads it, in Vietnam's time: "30/11/2026 lúc 09:05".
 *
 * @param {string} iso
 * @param {string} locale
 */
export function dateTime(iso, locale) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: TIME_ZONE,
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(iso))
      .map((part) => [part.type, part.value]),
  );
  const date = `${parts.day}/${parts.month}/${parts.year}`;
  const time = `${parts.hour}:${parts.minute}`;
  return locale === 'en' ? `${date} at ${time}` : `${date} lúc ${time}`;
}

/**
 * The link in the QR code: the site's status page, with the code and its access code in the
 * fragment (never sent to a server, so never in a log), and `lang=en` when the citizen used the
 * kiosk in English, so that their phone opens the page in English too.
 *
 * @param {Receipt} receipt
 * @param {string} base the page's URL
 * @param {string} [locale]
 */
export function statusLink(receipt, base, locale = 'vi') {
  const url = new URL('status.html', base);
  url.hash = new URLSearchParams({
    code: receipt.dossierCode,
    access: receipt.accessCode,
    ...(locale === 'en' && { lang: 'en' }),
  }).toString();
  return url.href;
}

/**
 * The slip.
 *
 * @param {{ t: KioskStrings, locale: string, receipt: Receipt, applicant: string, ticket: Ticket,
 *   counterName: string, site: string, qr: unknown, lookup: string, hasDeclaration: boolean,
 *   onPrint(): void, onDeclaration(): void, onFinish(): void }} view
 *   `lookup`: the status page's address without the codes, printed beside the QR code (or in
 *   its place when the runtime has no QR encoder)
 */
export function slip(view) {
  const { t, locale, receipt } = view;
  const text = (/** @type {Text | undefined} */ value) => localized(value, locale);
  const fees = kioskFees(receipt.fees ?? []);
  const total = fees.reduce((sum, fee) => sum + (fee.amount ?? 0), 0);
  const amount = (/** @type {number | undefined} */ value) =>
    value === undefined ? t.feesNote : value === 0 ? t.free : money(value, locale);
  const time = receipt.processingTime;
  const ticket = view.ticket;
  return html`<section class="screen slip" aria-labelledby="slip-title">
    <div class="slip__paper" id="slip">
      <p class="slip__caption">${t.slipCaption}</p>
      <h1 class="slip__title" id="slip-title" tabindex="-1">${t.slipTitle}</h1>
      ${view.site ? html`<p class="slip__site" id="slip-site">${view.site}</p>` : nothing}
      <div class="slip__ticket" id="slip-ticket">
        ${
          ticket.state === 'ready'
            ? html`<p class="slip__ticket-label">${t.ticket}</p>
                <p class="slip__ticket-number" id="ticket-number">${ticket.number}</p>
                <p class="slip__ticket-counter" id="ticket-counter">
                  ${fill(t.ticketAt, { counter: view.counterName })}
                </p>`
            : ticket.state === 'failed'
              ? html`<p class="slip__ticket-failed">
                  ${fill(t.ticketFailed, { counter: view.counterName })}
                </p>`
              : html`<p class="hint">${t.ticketPending}</p>`
        }
      </div>
      <p class="slip__lead no-print">${fill(t.slipLead, { counter: view.counterName })}</p>
      <dl class="slip__facts">
        <div>
          <dt>${t.procedure}</dt>
          <dd id="slip-procedure">${text(receipt.procedure.title)}</dd>
        </div>
        ${
          view.applicant
            ? html`<div>
                <dt>${t.applicant}</dt>
                <dd id="slip-applicant">${view.applicant}</dd>
              </div>`
            : nothing
        }
        <div>
          <dt>${t.sentAt}</dt>
          <dd id="slip-time">${dateTime(receipt.receivedAt, locale)}</dd>
        </div>
        <div>
          <dt>${t.dossierCode}</dt>
          <dd class="slip__code" id="slip-code">${receipt.dossierCode}</dd>
        </div>
        <div>
          <dt>${t.accessCode}</dt>
          <dd class="slip__code" id="slip-access">${receipt.accessCode}</dd>
        </div>
        ${
          time
            ? html`<div>
                <dt>${t.processing}</dt>
                <dd>
                  ${
                    time.workingDays === 0
                      ? t.sameDay
                      : fill(t.workingDays, { count: time.workingDays })
                  }
                </dd>
              </div>`
            : nothing
        }
      </dl>
      ${
        view.qr
          ? html`<figure class="slip__qr" id="slip-qr">
              <div
                class="slip__qr-image"
                role="img"
                aria-label=${fill(t.qrAlt, { code: receipt.dossierCode })}
              >
                ${view.qr}
              </div>
              <figcaption>${t.qrLabel}</figcaption>
            </figure>`
          : nothing
      }
      <p class="slip__link" id="slip-lookup">${fill(t.lookupAt, { url: view.lookup })}</p>
      <h2 class="slip__heading">${t.papersToBring}</h2>
      <ul class="slip__list" id="slip-papers">
        ${papersToBring(receipt, locale).map(
          (paper) =>
            html`<li class=${paper.onPaper ? 'slip__paper-copy' : ''}>
              ${paper.title}${
                paper.onPaper ? html` <span class="slip__note">(${t.paperCopy})</span>` : nothing
              }
            </li>`,
        )}
      </ul>
      <h2 class="slip__heading">${t.fees}</h2>
      <ul class="slip__list" id="slip-fees">
        ${fees.map((fee) => html`<li>${text(fee.label)}: ${amount(fee.amount)}</li>`)}
      </ul>
      <p class="slip__total" id="slip-total">
        <strong>${t.feeTotal}: ${amount(total)}</strong>
      </p>
      <p class="slip__note">${t.feesNote}</p>
    </div>
    <div class="button-group no-print">
      <button class="button" id="print-slip" type="button" @click=${view.onPrint}>
        ${t.printSlip}
      </button>
      ${
        view.hasDeclaration
          ? html`<button
              class="button button--secondary"
              id="show-declaration"
              type="button"
              @click=${view.onDeclaration}
            >
              ${t.viewDeclaration}
            </button>`
          : nothing
      }
    </div>
    <p class="no-print">${t.finishNote}</p>
    <button
      class="button button--finish no-print"
      id="finish"
      type="button"
      @click=${view.onFinish}
    >
      ${t.finish}
    </button>
  </section>`;
}

/**
 * @typedef {{ label: Text, field: string } | { text: Text }} DeclarationRow
 * @typedef {{ title: Text, intro?: Text, sections: { heading: Text, rows: DeclarationRow[] }[], signature: Text }} Declaration
 * @typedef {{ field(path: string): any, isVisible(path: string, answers: unknown): boolean }} ProcedureLike
 */

/**
 * A section's rows as a list of answers, broken where a fixed text stands between them (a
 * `<dl>` may hold only its rows: axe's definition-list rule).
 *
 * @param {DeclarationRow[]} rows
 * @returns {({ label: Text, field: string }[] | { text: Text })[]}
 */
function runs(rows) {
  /** @type {({ label: Text, field: string }[] | { text: Text })[]} */
  const found = [];
  for (const row of rows) {
    const last = found.at(-1);
    if ('text' in row) found.push(row);
    else if (Array.isArray(last)) last.push(row);
    else found.push([row]);
  }
  return found;
}

/**
 * The filled declaration, as a page to print on A4 and sign: the national heading, the
 * template's sections with each answer under its label, the place and date, the signature.
 *
 * @param {{ t: KioskStrings, locale: string, state: 'loading' | 'failed' | 'ready',
 *   template: Declaration | undefined, procedure: ProcedureLike | undefined,
 *   answers: Record<string, unknown>, applicant: string, place: string, date: string,
 *   placeName?: (level: 'province' | 'commune', code: string, province: string) => string | undefined,
 *   onPrint(): void, onBack(): void, onFinish(): void }} view
 */
export function declaration(view) {
  const { t, locale } = view;
  const text = (/** @type {Text | undefined} */ value) => localized(value, locale);
  const strings = stringsFor(locale);
  const value = (/** @type {string} */ path) => {
    const field = view.procedure?.field(path);
    if (!field) return '';
    return formatAnswer(field, /** @type {any} */ (view.answers)[path], {
      locale,
      strings,
      isVisible: (inner) => view.procedure?.isVisible(inner, view.answers) ?? true,
      placeName: view.placeName,
    });
  };
  // Rows of questions the citizen was never asked ("Dân tộc (ghi cụ thể)" after "Kinh") are
  // left out, as a clerk filling the paper by hand would.
  const shown = (/** @type {DeclarationRow} */ row) =>
    !('field' in row) || (view.procedure?.isVisible(row.field, view.answers) ?? true);
  const [year, month, day] = view.date.split('-');
  const template = view.template;
  return html`<section class="screen declaration" aria-labelledby="declaration-title">
    <button class="back-link no-print" type="button" @click=${view.onBack}>${t.backToSlip}</button>
    <p class="caption no-print">${t.declarationCaption}</p>
    ${
      view.state === 'ready' && template
        ? html`<p class="lead no-print">${t.declarationLead}</p>
            <div class="button-group no-print">
              <button class="button" id="print-declaration" type="button" @click=${view.onPrint}>
                ${t.printDeclaration}
              </button>
            </div>
            <article class="form-paper" id="declaration">
              <header class="form-paper__nation">
                <p class="form-paper__state">${t.nation}</p>
                <p class="form-paper__motto">${t.motto}</p>
              </header>
              <h1 class="form-paper__title" id="declaration-title" tabindex="-1">
                ${text(template.title)}
              </h1>
              ${template.intro ? html`<p class="form-paper__intro">${text(template.intro)}</p>` : nothing}
              ${template.sections.map(
                (section) =>
                  html`<h2 class="form-paper__heading">${text(section.heading)}</h2>
                    ${runs(section.rows.filter(shown)).map((run) =>
                      'text' in run
                        ? html`<p class="form-paper__text">${text(run.text)}</p>`
                        : html`<dl class="form-paper__rows">
                            ${run.map(
                              (row) =>
                                html`<div class="form-paper__row">
                                  <dt>${text(row.label)}:</dt>
                                  <dd>${value(row.field) || t.notGiven}</dd>
                                </div>`,
                            )}
                          </dl>`,
                    )}`,
              )}
              <div class="form-paper__sign">
                <p class="form-paper__date">
                  ${fill(t.placeDate, { place: view.place, day, month, year })}
                </p>
                <p class="form-paper__signature">${text(template.signature)}</p>
                <p class="form-paper__signer">${view.applicant}</p>
              </div>
            </article>`
        : view.state === 'failed'
          ? html`<h1 id="declaration-title" tabindex="-1">${t.declarationCaption}</h1>
              <p class="lead" role="alert">${t.declarationFailed}</p>`
          : html`<h1 id="declaration-title" tabindex="-1">${t.declarationCaption}</h1>
              <p class="hint">${t.loading}</p>`
    }
    <button class="button button--finish no-print" type="button" @click=${view.onFinish}>
      ${t.finish}
    </button>
  </section>`;
}
