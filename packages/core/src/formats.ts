import type { Text } from './definition.js';
import type { MessageCatalog, ErrorParams } from './messages.js';

/**
 * What a format says of a value it rejects: a code (the format's name by default) and params.
 * A `warning` is shown and can be confirmed past (an unknown province code on an old card); an
 * error (the default) must be fixed.
 */
export interface FormatFailure {
  code?: string;
  params?: ErrorParams;
  severity?: 'error' | 'warning';
}

/**
 * A condition operator a pack adds, used as `{"field": "personalId", "<name>": operand}`. Like
 * the built-in ones it is plain code, never `eval`.
 */
export interface OperatorDefinition {
  /**
   * Whether the condition holds for the field's value. `read` gives other fields' values
   * (normalised; hidden ones absent) and `today` the civil date.
   */
  evaluate(
    value: unknown,
    operand: unknown,
    read: (fieldId: string) => unknown,
    today: string,
  ): boolean;
  /** The field ids the operand names, so rules are checked once they are answered. */
  fields?(operand: unknown): string[];
  /**
   * What is wrong with an operand as written in a definition, or nothing: the linter reports each
   * problem at its place (`pointer` under the operand, e.g. `/birthDat`), so a mistyped key is a
   * definition error and never a condition that quietly passes.
   */
  checkOperand?(operand: unknown): OperandProblem[];
  /**
   * The shape of the operand as a JSON Schema, checked by the linter (in Node, never in the page):
   * the cheaper way to the same end, e.g. `{"type": "object", "additionalProperties": false,
   * "properties": {…}}` makes a mistyped key an error with "did you mean".
   */
  operandSchema?: Record<string, unknown>;
  /**
   * The message of a rule that asserts this operator and writes none of its own, in plain words
   * that say what to do (`{"vi": "…", "en": "…"}`).
   */
  message?: Text;
}

/** A problem with a pack operator's operand: where under the operand, and how to fix it. */
export interface OperandProblem {
  /** A JSON Pointer relative to the operand (`/birthDat`); empty for the operand itself. */
  pointer?: string;
  message: string;
}

/**
 * A named format: how to tidy a value the way people type it, and how to check it. Formats run
 * as plain code in the page (not through Ajv), so packs can add them without `eval`.
 *
 * @example
 * const postcode: FormatDefinition = {
 *   normalize: (value) => value.replace(/\s+/g, ''),
 *   validate: (value) => /^\d{5}$/.test(value),
 * };
 */
export interface FormatDefinition {
  /** Tidies a text value before it is checked and stored (e.g. strip spaces from a phone). */
  normalize?(value: string): string;
  /** `true` when the value is acceptable; `false` or a failure with a code and params when not. */
  validate(value: string): boolean | FormatFailure;
  /**
   * The keyboard a phone or the kiosk's on-screen keyboard should show for it (the HTML
   * `inputmode`): `numeric` for digits alone (an ID number, a postal code), `tel` for a phone.
   */
  inputMode?: 'numeric' | 'decimal' | 'tel' | 'email' | 'text';
}

/**
 * A pack plugs country- or agency-specific knowledge into core: named formats and messages
 * (for example `@motcua/vn` adds `vn-personal-id`). Core stays country-neutral.
 */
export interface Pack {
  /** A short name, e.g. `vn`. */
  name: string;
  /**
   * The module specifier a compiled procedure imports this pack from (its default export, or
   * an export named `pack`), e.g. `@motcua/vn/pack`. Required for packs used by `compileToModule`.
   */
  module?: string;
  formats?: { [name: string]: FormatDefinition };
  /** Condition operators, e.g. `vnPersonalIdMatches`. */
  operators?: { [name: string]: OperatorDefinition };
  /** Messages by locale and code; a format's failure code looks its message up here. */
  messages?: MessageCatalog;
}

const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const SEPARATORS = /[\s.\-()]/g;

/**
 * Formats every procedure may use. `email` and `phone` are deliberately loose and
 * country-neutral; a pack can add stricter ones (such as `vn-phone`).
 */
export const builtinFormats: { readonly [name: string]: FormatDefinition } = {
  email: {
    normalize: (value) => value.trim(),
    validate: (value) => EMAIL.test(value),
  },
  phone: {
    normalize: (value) => value.replace(SEPARATORS, ''),
    validate: (value) => /^\+?\d{8,15}$/.test(value),
  },
};
