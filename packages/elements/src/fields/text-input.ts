import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { type FieldContext, fieldShell } from '../field-registry.js';
import { autocomplete } from '../privacy.js';

/**
 * Input handlers that store what the citizen types without disturbing an input method: Telex
 * and VNI compose "đ", "ế"… through composition events, and a value written back mid-
 * composition breaks the word (seen with Unikey and the Windows Vietnamese keyboard in
 * Chromium). Nothing is stored while composing; `compositionend` stores the composed text.
 */
export function textInputHandlers(context: FieldContext) {
  return {
    onInput: (event: InputEvent) => {
      if (event.isComposing) return;
      context.set((event.target as HTMLInputElement | HTMLTextAreaElement).value);
    },
    onCompositionEnd: (event: CompositionEvent) => {
      context.set((event.target as HTMLInputElement | HTMLTextAreaElement).value);
    },
  };
}

/** What the browser should offer for each type: keyboard, autofill, spelling. */
const INPUT_TRAITS: Record<
  string,
  { type: string; inputmode?: string; autocomplete?: string; spellcheck?: boolean; width?: string }
> = {
  text: { type: 'text' },
  email: { type: 'email', autocomplete: 'email', spellcheck: false },
  // `type=tel` shows the number pad on phones while allowing spaces and "+84".
  phone: { type: 'tel', autocomplete: 'tel', spellcheck: false, width: 'input--20' },
  // GOV.UK: `type=number` is unreliable (scroll changes values, no leading zeros); use text with
  // a numeric keyboard and let the engine parse.
  number: { type: 'text', inputmode: 'decimal', spellcheck: false, width: 'input--5' },
  year: { type: 'text', inputmode: 'numeric', spellcheck: false, width: 'input--4' },
};

/**
 * A pattern that takes digits alone, as an ID number's or a code's does (`^[0-9]{12}$`,
 * `^\d{9}(\d{3})?$`): such a field gets the numeric keypad on phones, and digits on the kiosk's
 * on-screen keyboard, which follows `inputmode`.
 */
const DIGITS_ONLY = /^\^?(?:\[0-9\]|\\d|\{\d+(?:,\d*)?\}|[+*?()])+\$?$/;

/** Renders `text`, `email`, `phone`, `number` and `year` fields: one input each. */
export function renderTextInput(context: FieldContext) {
  const traits = INPUT_TRAITS[context.field.type] ?? INPUT_TRAITS.text!;
  const pattern = context.field.schema?.pattern;
  const inputmode =
    context.inputMode ??
    traits.inputmode ??
    (context.field.type === 'text' && typeof pattern === 'string' && DIGITS_ONLY.test(pattern)
      ? 'numeric'
      : undefined);
  const { onInput, onCompositionEnd } = textInputHandlers(context);
  const value = context.value === undefined || context.value === null ? '' : String(context.value);
  return fieldShell(
    context,
    html`<input
      class="input ${traits.width ?? ''} ${context.error ? 'input--error' : ''}"
      id=${context.id}
      name=${context.path}
      type=${traits.type}
      inputmode=${inputmode ?? nothing}
      autocomplete=${autocomplete(context.mode, traits.autocomplete ?? 'off')}
      spellcheck=${traits.spellcheck === false ? 'false' : nothing}
      aria-describedby=${context.describedBy ?? nothing}
      aria-invalid=${context.error ? 'true' : nothing}
      .value=${live(value)}
      @input=${onInput}
      @compositionend=${onCompositionEnd}
    />`,
  );
}

/** Renders a `textarea` field. */
export function renderTextarea(context: FieldContext) {
  const { onInput, onCompositionEnd } = textInputHandlers(context);
  const value = typeof context.value === 'string' ? context.value : '';
  return fieldShell(
    context,
    html`<textarea
      class="textarea ${context.error ? 'input--error' : ''}"
      id=${context.id}
      name=${context.path}
      rows="4"
      autocomplete=${autocomplete(context.mode)}
      aria-describedby=${context.describedBy ?? nothing}
      aria-invalid=${context.error ? 'true' : nothing}
      .value=${live(value)}
      @input=${onInput}
      @compositionend=${onCompositionEnd}
    ></textarea>`,
  );
}
