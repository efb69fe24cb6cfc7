import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ProcedureDefinition } from '@motcua/core';

/** The birth registration definition shipped with the examples. */
export function birthRegistration(): ProcedureDefinition {
  const url = new URL(
    '../../../examples/procedures/birth-registration.procedure.json',
    import.meta.url,
  );
  return JSON.parse(readFileSync(fileURLToPath(url), 'utf8')) as ProcedureDefinition;
}

/**
 * A small procedure with every field type, for unit tests of the engine and the elements
 * (`every-field.procedure.json`, beside this file).
 */
export function everyField(): ProcedureDefinition {
  const url = new URL('./every-field.procedure.json', import.meta.url);
  return JSON.parse(readFileSync(fileURLToPath(url), 'utf8')) as ProcedureDefinition;
}
