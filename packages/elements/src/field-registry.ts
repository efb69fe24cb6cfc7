import { type TemplateResult, html, nothing } from 'lit';
import {
  type AnswerValue,
  type FieldDefinition,
  type Text,
  type ValidationError,
  interpolate,
} from '@motcua/core';
import type { UiStrings } from './strings.js';

/** A place in an address list: a province or a commune, by its code in the data. */
export interface AddressPlace {
  code: string;
  name: string;
  /** How the place reads in a list, e.g. "Xã Ea H'Leo"; `name` when absent. */
  label?: string;
}

/**
 * Where `address` fields get their places: a country pack supplies it (for Vietnam, the 34
 * provinces and 3,321 communes of `@motcua/vn/address`, loaded one province at a time).
 */
export interface AddressData {
  provinces(): Promise<readonly AddressPlace[]>;
  communes(provinceCode: string): Promise<readonly AddressPlace[]>;
  /** Filters places by what the citizen typed; a plain match without diacritics by default. */
  search?(places: readonly AddressPlace[], query: string): AddressPlace[];
  /** The data notice shown under the field (source, version, date). */
  notice?: string;
  /**
   * The date the list is current as of (dd/mm/yyyy): the notice then reads "Danh mục đơn vị
   * hành chính cập nhật …" in the page's language, instead of `notice`.
   */
  updated?: string;
  /**
   * Where an old (pre-merger) unit the citizen typed is now, within a province: the new places,
   * each with how it was called (`formerly`, e.g. "Phường 12, Quận Gò Vấp"). Papers issued
   * before the merger stay valid, so people read old addresses off their cards.
   */
  formerly?(
    query: string,
    provinceCode: string,
  ): Promise<readonly (AddressPlace & { formerly: string })[]>;
}

/**
 * Everything a field renderer needs. A renderer returns the whole field (label or legend, hint,
 * error and control) so that they share one shadow root and `aria-describedby` works.
 */
export interface FieldContext {
  field: FieldDefinition;
  /** The answer path: the field id, or `members.0.fullName` inside a group's rows. */
  path: string;
  /** The DOM id of the field's first control; the error summary links here. */
  id: string;
  hintId: string;
  errorId: string;
  /** Ids for `aria-describedby`: the hint and the error, when shown. */
  describedBy: string | undefined;
  value: AnswerValue;
  /** The error shown for this field, if any. Errors of rows are under `errors` too. */
  error: ValidationError | undefined;
  /** A warning shown for this field: odd but maybe right; Continue again goes on. */
  warning?: ValidationError | undefined;
  warningId?: string;
  /**
   * The label of the earlier question this answer was filled from (a `prefill`), while the
   * citizen has not changed it: said under the hint, for them to confirm.
   */
  prefilledFrom?: string | undefined;
  /** Every error on screen, for groups whose rows have fields of their own. */
  errors: readonly ValidationError[];
  required: boolean;
  /** Whether the label is the page's `h1` (a one-question page, as GOV.UK does). */
  isPageHeading: boolean;
  locale: string;
  mode: 'portal' | 'kiosk';
  /** The keyboard the field's format asks for (`numeric` for an ID number), if it names one. */
  inputMode?: string | undefined;
  /**
   * For `file` fields in kiosk mode, where the field and the host (`filesAtCounter`) allow a
   * walk-in to bring the paper instead of uploading (`{ paper: true }`): the choice's words,
   * "Tôi sẽ mang bản giấy đến quầy". Absent where there is no such choice.
   */
  paperChoice?: string;
  strings: UiStrings;
  /** Picks the text of the current locale. */
  text(value: Text | undefined): string;
  /** Stores an answer (at this field's path unless another path is given). */
  set(value: AnswerValue, path?: string): void;
  /** Places for `address` fields, when the host gave the element a data source. */
  addressData: AddressData | undefined;
  /**
   * Data a renderer loads once per element (an address list): the value once loaded, and
   * `undefined` meanwhile; the element renders again when it arrives.
   */
  resource<T>(key: string, load: () => Promise<T>): T | undefined;
  /** Renders another field, e.g. a row field inside a group. */
  renderField(field: FieldDefinition, path: string): TemplateResult;
  /**
   * Whether a row field is shown and required, given the answers so far. `path` is the row
   * field's full path, e.g. `members.0.fullName`.
   */
  rowFieldState(field: FieldDefinition, path: string): { visible: boolean; required: boolean };
}

/** Renders one field type. */
export type FieldRenderer = (context: FieldContext) => TemplateResult;

const renderers = new Map<string, FieldRenderer>();

/**
 * Registers how a field type renders: a built-in type can be replaced, and a new type added
 * (its answers are then checked by the definition's `schema` and `format` only).
 *
 * @example
 * registerField('text', (context) => fieldShell(context, html`<input id=${context.id} …>`));
 */
export function registerField(type: string, renderer: FieldRenderer): void {
  renderers.set(type, renderer);
}

/** The renderer of a field type, if one is registered. */
export function fieldRenderer(type: string): FieldRenderer | undefined {
  return renderers.get(type);
}

/** Renderers of built-in types that few pages show (address, file, group): loaded when needed. */
const loaders = new Map<string, () => Promise<FieldRenderer>>();
const loading = new Map<string, Promise<void>>();

/**
 * Registers where the renderer of `type` is loaded from when a page first needs it, so that
 * its code is not on the way to the first input of a procedure that does not ask it. A renderer
 * registered with {@link registerField} (before or after) always wins.
 *
 * @internal
 */
export function registerFieldLoader(type: string, load: () => Promise<FieldRenderer>): void {
  loaders.set(type, load);
}

/**
 * Loads the renderer of `type` if it is one loaded on demand and not there yet; settles once
 * {@link fieldRenderer} has it. `undefined` when there is nothing to load (the renderer is
 * there, or the type has none). A failed load is forgotten, so the next call tries again.
 *
 * @internal
 */
export function loadFieldRenderer(type: string): Promise<void> | undefined {
  if (renderers.has(type)) return undefined;
  const load = loaders.get(type);
  if (!load) return undefined;
  let pending = loading.get(type);
  if (!pending) {
    pending = load().then(
      (renderer) => {
        loading.delete(type);
        if (!renderers.has(type)) renderers.set(type, renderer);
      },
      (error: unknown) => {
        loading.delete(type);
        throw error;
      },
    );
    loading.set(type, pending);
  }
  return pending;
}

/** The label of a field with its "(không bắt buộc)" marker for optional fields. */
function labelText(context: FieldContext): TemplateResult {
  const { field, required, strings, text } = context;
  return html`${text(field.label)}${required ? nothing : html` <span class="optional">${strings.optional}</span>`}`;
}

/**
 * The hint, the example and the error (or warning) of a field, in the order GOV.UK places them.
 * A problem whose `params.suggestion` is a text (the name meant by one typed in raw Telex, from
 * the Vietnam pack) comes with a button that puts it in: one tap, not retyping with an input
 * method the citizen may not have. Focus then goes back to the input, which keeps the page's
 * place for a screen reader as the button goes away.
 */
function hintAndError(context: FieldContext): TemplateResult {
  const { field, hintId, errorId, error, strings, text } = context;
  const hint = text(field.hint);
  const example = text(field.example);
  const suggestion = (error ?? context.warning)?.params.suggestion;
  const from = context.prefilledFrom;
  return html`${
    hint || example || from
      ? html`<div class="hint" id=${hintId}>
          ${hint}${hint && example ? html`<br />` : nothing}${
            example ? html`<span class="example">${strings.example}: ${example}</span>` : nothing
          }${
            from
              ? html`${hint || example ? html`<br />` : nothing}<strong
                    >${interpolate(strings.prefilled, { label: from })}</strong
                  >`
              : nothing
          }
        </div>`
      : nothing
  }
  ${
    error
      ? html`<p class="error-message" id=${errorId}>
          <span class="visually-hidden">${strings.errorPrefix}</span> ${error.message}
        </p>`
      : nothing
  }
  ${
    context.warning && !error
      ? html`<p class="warning-message" id=${context.warningId ?? nothing}>
          <strong>${strings.warningPrefix}</strong> ${context.warning.message}
        </p>`
      : nothing
  }
  ${
    typeof suggestion === 'string'
      ? html`<button
          class="button button--secondary"
          type="button"
          @click=${(event: Event) => {
            context.set(suggestion);
            ((event.target as Element).getRootNode() as ShadowRoot)
              .getElementById(context.id)
              ?.focus();
          }}
        >
          ${strings.useSuggestion}: ${suggestion}
        </button>`
      : nothing
  }`;
}

/**
 * A field with one control and a `<label>`: text, number, email, select… With
 * `isPageHeading`, the label sits inside the page's `h1`.
 */
export function fieldShell(context: FieldContext, control: TemplateResult): TemplateResult {
  const label = html`<label class="label" for=${context.id}>${labelText(context)}</label>`;
  return html`<div class="field ${context.error ? 'field--error' : ''}" data-field=${context.path}>
    ${context.isPageHeading ? html`<h1 class="label-wrapper" tabindex="-1">${label}</h1>` : label}
    ${hintAndError(context)} ${control}
  </div>`;
}

/**
 * A field of several controls in a `<fieldset>` with a `<legend>`: radios, checkboxes, the
 * three parts of a date, a group's rows. With `isPageHeading`, the legend holds the `h1`.
 */
export function fieldsetShell(context: FieldContext, controls: TemplateResult): TemplateResult {
  const legend = context.isPageHeading
    ? html`<legend class="legend legend--heading">
        <h1 tabindex="-1">${labelText(context)}</h1>
      </legend>`
    : html`<legend class="legend">${labelText(context)}</legend>`;
  return html`<div class="field ${context.error ? 'field--error' : ''}" data-field=${context.path}>
    <fieldset aria-describedby=${context.describedBy ?? nothing}>
      ${legend} ${hintAndError(context)} ${controls}
    </fieldset>
  </div>`;
}
