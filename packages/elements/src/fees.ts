import { html, nothing } from 'lit';
import { type Fees, type Text, interpolate } from '@motcua/core';
import type { UiStrings } from './strings.js';

/** An amount in đồng as a citizen reads it: "16.000 đồng", or "16.000 VND" in English. */
export function money(amount: number, locale: string): string {
  // Whole đồng grouped by "." as vi-VN writes them, without Intl: the first NumberFormat of a
  // page loads the locale's data, a few hundred ms at CPU ×4 on the way to the review page.
  const number = Number.isSafeInteger(amount)
    ? String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, '.')
    : new Intl.NumberFormat('vi-VN').format(amount);
  return locale === 'en' ? `${number} VND` : `${number} đồng`;
}

/**
 * The fees that apply, each with how it is reached ("2 × 8.000 đồng = 16.000 đồng") and its note
 * (the 60-day limit of a birth registration, an amount not yet checked), then the total: drawn
 * on the review page and the confirmation from `procedure.fees`, as the server's receipt is, so
 * the citizen reads the same sum everywhere. A fee whose amount the officer will say is named,
 * never shown as free, and the total then says it is not final.
 */
export function renderFees(
  fees: Fees,
  strings: UiStrings,
  locale: string,
  text: (value: Text | undefined) => string,
) {
  if (fees.lines.length === 0) return nothing;
  const amount = (value: number) => (value === 0 ? strings.free : money(value, locale));
  return html`<h2 class="heading-m">${strings.feesTitle}</h2>
    <ul class="list fees">
      ${fees.lines.map(
        (line) =>
          html`<li>
            ${text(line.label)}:
            ${
              line.amount === undefined
                ? strings.feeToBeTold
                : line.quantity > 1
                  ? `${line.quantity} × ${money(line.unitAmount!, locale)} = ${money(line.amount, locale)}`
                  : amount(line.amount)
            }
            ${line.note ? html`<br /><span class="hint">${text(line.note)}</span>` : nothing}
          </li>`,
      )}
    </ul>
    <p class="body fees__total">
      <strong
        >${interpolate(fees.complete ? strings.feeTotal : strings.feeTotalKnown, {
          amount: money(fees.total, locale),
        })}</strong
      >
    </p>`;
}
