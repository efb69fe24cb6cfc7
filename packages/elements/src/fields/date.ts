import { type TemplateResult, html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import type { AnswerValue } from '@motcua/core';
import { type FieldContext, fieldsetShell } from '../field-registry.js';
import { autocomplete } from '../privacy.js';

type Part = 'day' | 'month' | 'year';

const PARTS: readonly Part[] = ['day', 'month', 'year'];

/** The three parts as the citizen typed them, or as an ISO date (a prefilled answer) reads. */
export function dateParts(value: AnswerValue): Record<Part, string> {
  if (typeof value === 'string') {
    const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
    if (iso) return { day: iso[3]!, month: iso[2]!, year: iso[1]! };
  } else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const parts = value as Partial<Record<Part, unknown>>;
    const text = (part: unknown) => (part === undefined || part === null ? '' : String(part));
    return { day: text(parts.day), month: text(parts.month), year: text(parts.year) };
  }
  return { day: '', month: '', year: '' };
}

/**
 * The parts to highlight. The engine names the missing parts (`missing: "month-year"`) and a
 * year that is not four digits; otherwise it cannot tell which part is wrong, so all three are.
 */
function partsInError(context: FieldContext): ReadonlySet<Part> {
  const error = context.error;
  if (!error) return new Set();
  if (error.code === 'date') {
    const { missing, reason } = error.params as { missing?: unknown; reason?: unknown };
    if (typeof missing === 'string') {
      const named = PARTS.filter((part) => missing.split('-').includes(part));
      if (named.length > 0) return new Set(named);
    }
    if (reason === 'year-digits') return new Set(['year']);
  }
  return new Set(PARTS);
}

/**
 * Browsers offer the citizen's own birthday for `bday-*`: worth it only for a date of birth
 * (WCAG 1.3.5), and off elsewhere so an appointment date is not filled with a birthday.
 */
function autocompleteFor(context: FieldContext, part: Part): string {
  return /^(requester|applicant).*(birth|dob)/i.test(context.field.id) ? `bday-${part}` : 'off';
}

/**
 * Renders a `date` field as GOV.UK's date input: day, month and year in three boxes, never a
 * date picker (pickers are hard with a screen reader and for a date decades back). The value
 * is `{day, month, year}` exactly as typed; the engine reports missing parts and impossible
 * dates on Continue.
 */
export function renderDate(context: FieldContext): TemplateResult {
  const parts = dateParts(context.value);
  const inError = partsInError(context);
  const ids: Record<Part, string> = {
    day: context.id,
    month: `${context.id}-month`,
    year: `${context.id}-year`,
  };
  const labels: Record<Part, string> = {
    day: context.strings.day,
    month: context.strings.month,
    year: context.strings.year,
  };
  // Read the three boxes from the DOM so that a part typed before the host re-renders is kept.
  const store = (input: HTMLInputElement) => {
    const group = input.closest('.date-input');
    const boxes = group ? group.querySelectorAll<HTMLInputElement>('.date-input__input') : [];
    const next = { ...parts };
    boxes.forEach((box, index) => {
      const part = PARTS[index];
      if (part) next[part] = box.value;
    });
    context.set(next);
  };
  // GOV.UK sizes each box for what it holds: two digits, two digits, four digits.
  const inputClass = (part: Part) =>
    `date-input__input date-input__input--${part === 'year' ? 4 : 2}` +
    (inError.has(part) ? ' date-input__input--error' : '');
  return fieldsetShell(
    context,
    html`<div class="date-input">
      ${PARTS.map(
        (part) =>
          html`<div class="date-input__item">
            <label class="date-input__label" for=${ids[part]}>${labels[part]}</label>
            <input
              class=${inputClass(part)}
              id=${ids[part]}
              name=${`${context.path}-${part}`}
              type="text"
              inputmode="numeric"
              autocomplete=${autocomplete(context.mode, autocompleteFor(context, part))}
              spellcheck="false"
              aria-invalid=${inError.has(part) ? 'true' : nothing}
              .value=${live(parts[part])}
              @input=${(event: InputEvent) => {
                // Digits typed through Telex or VNI may arrive in a composition; see text-input.
                if (!event.isComposing) store(event.target as HTMLInputElement);
              }}
              @compositionend=${(event: CompositionEvent) =>
                store(event.target as HTMLInputElement)}
            />
          </div>`,
      )}
    </div>`,
  );
}
