import { type TemplateResult, html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import type { Option } from '@motcua/core';
import { type FieldContext, fieldShell, fieldsetShell } from '../field-registry.js';
import { autocomplete } from '../privacy.js';

/**
 * GOV.UK sets two radios side by side only when both answers are short ("Có"/"Không",
 * "Nam"/"Nữ"); longer ones wrap badly on a phone and are read more easily stacked.
 */
const INLINE_LABEL_LENGTH = 12;

/** The DOM id of an option's control: the first is the field's own id, the target of errors. */
function optionId(context: FieldContext, index: number): string {
  return index === 0 ? context.id : `${context.id}-${index}`;
}

/** Per-option hint ids end in `-item-hint` so they cannot meet the field's `-hint`. */
function optionHintId(context: FieldContext, index: number): string {
  return `${optionId(context, index)}-item-hint`;
}

function optionHint(context: FieldContext, option: Option, index: number, block: string) {
  const hint = context.text(option.hint);
  return hint
    ? html`<div class="hint ${block}__hint" id=${optionHintId(context, index)}>${hint}</div>`
    : nothing;
}

/** Renders a `radio` field: one answer among a few, in a fieldset whose legend is the question. */
export function renderRadios(context: FieldContext): TemplateResult {
  const options = context.field.options ?? [];
  const inline =
    options.length === 2 &&
    options.every((option) => Array.from(context.text(option.label)).length <= INLINE_LABEL_LENGTH);
  return fieldsetShell(
    context,
    html`<div class="radios ${inline ? 'radios--inline' : ''}">
      ${options.map((option, index) => {
        const id = optionId(context, index);
        return html`<div class="radios__item">
          <input
            class="radios__input"
            id=${id}
            name=${context.path}
            type="radio"
            value=${option.value}
            autocomplete=${autocomplete(context.mode)}
            aria-describedby=${option.hint ? optionHintId(context, index) : nothing}
            aria-invalid=${context.error ? 'true' : nothing}
            .checked=${live(context.value === option.value)}
            @change=${() => context.set(option.value)}
          />
          <label class="radios__label" for=${id}>${context.text(option.label)}</label>
          ${optionHint(context, option, index, 'radios')}
        </div>`;
      })}
    </div>`,
  );
}

/** Renders a `checkboxes` field: any number of answers; the value is the chosen ones in order. */
export function renderCheckboxes(context: FieldContext): TemplateResult {
  const options = context.field.options ?? [];
  const chosen = new Set(Array.isArray(context.value) ? (context.value as readonly unknown[]) : []);
  // Read every box of this field from the DOM, not from `context.value`: the value a template
  // closed over may be a render behind when two boxes change before the host re-renders.
  const onChange = (event: Event) => {
    const list = (event.target as Element).closest('.checkboxes');
    const boxes = list
      ? Array.from(list.querySelectorAll<HTMLInputElement>('.checkboxes__input'))
      : [];
    context.set(boxes.filter((box) => box.checked).map((box) => box.value));
  };
  return fieldsetShell(
    context,
    html`<div class="checkboxes">
      ${options.map((option, index) => {
        const id = optionId(context, index);
        return html`<div class="checkboxes__item">
          <input
            class="checkboxes__input"
            id=${id}
            name=${context.path}
            type="checkbox"
            value=${option.value}
            autocomplete=${autocomplete(context.mode)}
            aria-describedby=${option.hint ? optionHintId(context, index) : nothing}
            aria-invalid=${context.error ? 'true' : nothing}
            .checked=${live(chosen.has(option.value))}
            @change=${onChange}
          />
          <label class="checkboxes__label" for=${id}>${context.text(option.label)}</label>
          ${optionHint(context, option, index, 'checkboxes')}
        </div>`;
      })}
    </div>`,
  );
}

/**
 * A single checkbox whose label is the question ("Tôi cam đoan…"), without a fieldset: GOV.UK
 * wraps one checkbox in a fieldset only when a separate question is asked above it. The error
 * sits above the box and the hint under its label, as GOV.UK places them; the control must
 * carry `context.describedBy`. With `isPageHeading`, the label is the page's `h1`.
 */
export function checkboxShell(context: FieldContext, control: TemplateResult): TemplateResult {
  const { field, required, strings, error } = context;
  const label = html`<label class="checkboxes__label" for=${context.id}
    >${context.text(field.label)}${
      required ? nothing : html` <span class="optional">${strings.optional}</span>`
    }</label
  >`;
  const hint = context.text(field.hint);
  const example = context.text(field.example);
  return html`<div class="field ${error ? 'field--error' : ''}" data-field=${context.path}>
    ${
      error
        ? html`<p class="error-message" id=${context.errorId}>
            <span class="visually-hidden">${strings.errorPrefix}</span> ${error.message}
          </p>`
        : nothing
    }
    <div class="checkboxes">
      <div class="checkboxes__item">
        ${control}
        ${
          context.isPageHeading
            ? html`<h1 class="checkboxes__heading" tabindex="-1">${label}</h1>`
            : label
        }
        ${
          hint || example
            ? html`<div class="hint checkboxes__hint" id=${context.hintId}>
                ${hint}${hint && example ? html`<br />` : nothing}${
                  example
                    ? html`<span class="example">${context.strings.example}: ${example}</span>`
                    : nothing
                }
              </div>`
            : nothing
        }
      </div>
    </div>
  </div>`;
}

/** Renders a `checkbox` field: one box, ticked or not; the value is a boolean. */
export function renderCheckbox(context: FieldContext): TemplateResult {
  return checkboxShell(
    context,
    html`<input
      class="checkboxes__input"
      id=${context.id}
      name=${context.path}
      type="checkbox"
      autocomplete=${autocomplete(context.mode)}
      aria-describedby=${context.describedBy ?? nothing}
      aria-invalid=${context.error ? 'true' : nothing}
      .checked=${live(context.value === true)}
      @change=${(event: Event) => context.set((event.target as HTMLInputElement).checked)}
    />`,
  );
}

/**
 * Renders a `select` field. GOV.UK prefers radios for fewer than about eight choices, but a
 * procedure may list 63 provinces; the first, empty option keeps "nothing chosen yet" honest.
 */
export function renderSelect(context: FieldContext): TemplateResult {
  const options = context.field.options ?? [];
  const value = typeof context.value === 'string' ? context.value : '';
  // `.selected` on each option, not `.value` on the select: Lit sets the select's properties
  // before it renders the options, so a first render would find nothing to select.
  return fieldShell(
    context,
    html`<select
      class="select ${context.error ? 'select--error' : ''}"
      id=${context.id}
      name=${context.path}
      autocomplete=${autocomplete(context.mode)}
      aria-describedby=${context.describedBy ?? nothing}
      aria-invalid=${context.error ? 'true' : nothing}
      @change=${(event: Event) => context.set((event.target as HTMLSelectElement).value)}
    >
      <option value="" .selected=${live(value === '')}>${context.strings.selectPlaceholder}</option>
      ${options.map(
        (option) =>
          html`<option value=${option.value} .selected=${live(value === option.value)}>
            ${context.text(option.label)}
          </option>`,
      )}
    </select>`,
  );
}
