import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import standaloneCodeModule from 'ajv/dist/standalone/index.js';
import type { FieldDefinition, ProcedureDefinition } from '../definition.js';
import type { SchemaValidators } from '../procedure.js';
import { fieldSchema } from './field-schema.js';

// ajv-formats and ajv's standalone entry are CommonJS with a `default` export property.
/** ajv-formats' `addFormats`, unwrapped from its CommonJS default. */
export const addFormats =
  (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule;
const standaloneCode =
  (standaloneCodeModule as unknown as { default?: typeof standaloneCodeModule }).default ??
  standaloneCodeModule;

/** One field schema to compile, under the key the engine looks its validator up by. */
export interface FieldSchemaEntry {
  key: string;
  pointer: string;
  schema: Record<string, unknown>;
}

/**
 * Every field schema of a procedure, keyed as the engine looks them up: `childName`, and
 * `members.fullName` for a field in a group's rows.
 */
export function fieldSchemas(definition: ProcedureDefinition): FieldSchemaEntry[] {
  const entries: FieldSchemaEntry[] = [];
  const visit = (field: FieldDefinition, key: string, pointer: string) => {
    const schema = fieldSchema(field);
    if (schema) entries.push({ key, pointer, schema });
    field.fields?.forEach((inner, index) =>
      visit(inner, `${key}.${inner.id}`, `${pointer}/fields/${index}`),
    );
  };
  definition.steps.forEach((step, s) =>
    step.fields.forEach((field, f) => visit(field, field.id, `/steps/${s}/fields/${f}`)),
  );
  return entries;
}

/**
 * An Ajv instance set up as motcua uses it: strict (unknown keywords are author mistakes),
 * Unicode-aware patterns, formats from ajv-formats, and source kept for standalone output.
 */
export function createAjv(): Ajv {
  const ajv = new Ajv({ strict: true, allErrors: false, code: { source: true, esm: true } });
  addFormats(ajv);
  return ajv;
}

/** Compiles every field schema in-process (Node): the validators `loadProcedure` uses. */
export function compileValidators(definition: ProcedureDefinition): SchemaValidators {
  const ajv = createAjv();
  const validators: Record<string, ValidateFunction> = {};
  for (const entry of fieldSchemas(definition)) validators[entry.key] = ajv.compile(entry.schema);
  return validators;
}

/**
 * The same validators as standalone ES module source, exporting `v0`, `v1`, …; `names` maps each
 * field key to its export. The source still `require`s Ajv's runtime helpers: bundle it.
 */
export function standaloneValidators(definition: ProcedureDefinition): {
  source: string;
  names: Map<string, string>;
} {
  const ajv = createAjv();
  const names = new Map<string, string>();
  const exports: Record<string, string> = {};
  fieldSchemas(definition).forEach((entry, index) => {
    const name = `v${index}`;
    ajv.addSchema(entry.schema, name);
    names.set(entry.key, name);
    exports[name] = name;
  });
  const source = names.size > 0 ? standaloneCode(ajv, exports) : 'export {};';
  return { source, names };
}
