import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ProcedureDefinition } from '@motcua/core';

/**
 * The birth registration definition shipped with the examples, without the Vietnam pack's
 * formats (its names are checked with `vn-person-name`): core knows no country, and the pack's
 * own tests load the definition whole.
 */
export function birthRegistration(): ProcedureDefinition {
  const url = new URL(
    '../../../examples/procedures/birth-registration.procedure.json',
    import.meta.url,
  );
  return withoutPackFormats(JSON.parse(readFileSync(fileURLToPath(url), 'utf8')));
}

/** A definition with the `vn-*` formats of its fields taken out. */
export function withoutPackFormats(definition: ProcedureDefinition): ProcedureDefinition {
  for (const step of definition.steps) {
    for (const field of step.fields) if (field.format?.startsWith('vn-')) delete field.format;
  }
  return definition;
}

/**
 * A small procedure with every field type, for unit tests of the engine and the elements
 * (`every-field.procedure.json`, beside this file).
 */
export function everyField(): ProcedureDefinition {
  const url = new URL('./every-field.procedure.json', import.meta.url);
  return JSON.parse(readFileSync(fileURLToPath(url), 'utf8')) as ProcedureDefinition;
}
