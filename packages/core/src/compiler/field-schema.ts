import type { FieldDefinition, JsonValue } from '../definition.js';

/** A JSON Schema, as plain data. */
export type Schema = Record<string, JsonValue>;

/**
 * The JSON Schema the value of a field is checked against by Ajv, after the engine has
 * normalised it (trimmed, NFC, numbers parsed, dates made ISO): the field type's own constraint,
 * its options, and the author's `schema` fragment. Requiredness, named formats, date limits,
 * files and group rows are checked by the engine itself, not here.
 *
 * Returns `undefined` for a field with nothing for Ajv to check.
 */
export function fieldSchema(field: FieldDefinition): Schema | undefined {
  const base = baseSchema(field);
  const fragment = field.schema;
  if (!fragment || Object.keys(fragment).length === 0) return base;
  if (!base) return fragment;
  return { ...base, allOf: [fragment] };
}

function baseSchema(field: FieldDefinition): Schema | undefined {
  const values = (field.options ?? []).map((option) => option.value);
  switch (field.type) {
    case 'text':
    case 'textarea':
    case 'email':
    case 'phone':
    case 'date':
      return { type: 'string' };
    case 'number':
      return { type: 'number' };
    case 'year':
      return { type: 'integer' };
    case 'select':
    case 'radio':
      return { type: 'string', enum: values };
    case 'checkbox':
      return { type: 'boolean' };
    case 'checkboxes':
      return { type: 'array', items: { type: 'string', enum: values }, uniqueItems: true };
    default:
      // file and group are checked by the engine; custom `x-` types only by their fragment.
      return undefined;
  }
}
