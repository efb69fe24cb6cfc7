import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import standaloneCodeModule from 'ajv/dist/standalone/index.js';
import type { FieldDefinition, ProcedureDefinition } from '../definition.js';
import type { DefinitionIssue } from '../errors.js';
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

let sharedAjv: Ajv | undefined;
/** Validators by their schema's JSON: a server or a test loads the same schemas again. */
const compiled = new Map<string, ValidateFunction>();

/**
 * Compiles every field schema in-process (Node): the validators `loadProcedure` uses. One Ajv
 * serves every load, as compiling its meta-schema costs more than a procedure's own schemas;
 * each schema is removed from it once compiled, so that it does not grow. A schema with an `$id`
 * gets an Ajv of its own: Ajv keeps nested ids, and two schemas' ids would clash.
 */
export function compileValidators(definition: ProcedureDefinition): SchemaValidators {
  const validators: Record<string, ValidateFunction> = {};
  for (const entry of fieldSchemas(definition)) {
    const key = JSON.stringify(entry.schema);
    let validate = compiled.get(key);
    if (!validate) {
      const ajv = key.includes('"$id"') ? createAjv() : (sharedAjv ??= createAjv());
      try {
        validate = ajv.compile(entry.schema);
      } finally {
        ajv.removeSchema(entry.schema);
      }
      if (compiled.size >= 1000) compiled.clear();
      compiled.set(key, validate);
    }
    validators[entry.key] = validate;
  }
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

// ---------------------------------------------------------------------------------------------
// Recursive `$ref`s: Ajv compiles `{"$ref": "#"}` happily, and the validator then calls itself
// until the stack overflows, on every answer. Checked on each field's schema as it is compiled
// (`fieldSchema`: the type's own constraint with the author's fragment under `allOf`).

type Json = Record<string, unknown>;

const isJsonObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const escapeSegment = (segment: string): string => segment.replace(/~/g, '~0').replace(/\//g, '~1');

/** The value a `#/a/b` reference names inside `resource`, or `undefined` when there is none. */
function resolveLocal(ref: string, resource: unknown): unknown {
  if (ref === '#') return resource;
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = resource;
  for (const raw of ref.slice(2).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    } catch {
      return undefined;
    }
    if (Array.isArray(node)) node = node[Number(segment)];
    else if (isJsonObject(node) && Object.hasOwn(node, segment)) node = node[segment];
    else return undefined;
  }
  return node;
}

/**
 * The pointer (inside `schema`) of a `$ref` through which the schema refers to itself, directly
 * or through other references, or `undefined` when it does not. Linear in the schema's size and
 * without recursion, so a long chain of references cannot overflow the stack either.
 */
export function recursiveRef(schema: unknown): string | undefined {
  if (typeof schema !== 'object' || schema === null) return undefined;
  // Where each schema object sits, and the resource (`$id`) its "#" references resolve in.
  const places = new Map<object, { path: string; resource: object }>();
  const queue: [object, string, object][] = [[schema, '', schema]];
  for (let next = 0; next < queue.length; next++) {
    const [node, path, outer] = queue[next]!;
    if (places.has(node)) continue;
    const resource = isJsonObject(node) && typeof node.$id === 'string' ? node : outer;
    places.set(node, { path, resource });
    // Values of `const` or `enum` too: a reference may point into them, and Ajv then reads
    // them as schemas.
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === 'object' && value !== null) {
        queue.push([value, `${path}/${escapeSegment(key)}`, resource]);
      }
    }
  }
  // Depth-first over "contains" and "refers to"; meeting an open node again is a cycle, and a
  // cycle always goes through a reference, since the schema itself is a tree.
  const edges = (node: object): [object, string | undefined][] => {
    const out: [object, string | undefined][] = [];
    for (const value of Object.values(node)) {
      if (typeof value === 'object' && value !== null) out.push([value, undefined]);
    }
    if (isJsonObject(node) && typeof node.$ref === 'string') {
      const place = places.get(node)!;
      const target = resolveLocal(node.$ref, place.resource);
      if (typeof target === 'object' && target !== null) out.push([target, `${place.path}/$ref`]);
    }
    return out;
  };
  const open = new Set<object>();
  const done = new Set<object>();
  const stack: {
    node: object;
    via: string | undefined;
    out: [object, string | undefined][];
    next: number;
  }[] = [{ node: schema, via: undefined, out: edges(schema), next: 0 }];
  open.add(schema);
  while (stack.length > 0) {
    const frame = stack.at(-1)!;
    const edge = frame.out[frame.next++];
    if (!edge) {
      open.delete(frame.node);
      done.add(frame.node);
      stack.pop();
      continue;
    }
    const [child, ref] = edge;
    if (done.has(child)) continue;
    if (open.has(child)) {
      if (ref !== undefined) return ref;
      // Blame the last reference taken on the way round the cycle.
      for (let i = stack.length - 1; i >= 0 && stack[i]!.node !== child; i--) {
        if (stack[i]!.via !== undefined) return stack[i]!.via;
      }
      continue;
    }
    open.add(child);
    stack.push({ node: child, via: ref, out: edges(child), next: 0 });
  }
  return undefined;
}

/** Keywords whose values are data, not schemas: an `$id` inside them names nothing. */
const DATA_KEYWORDS = new Set(['const', 'enum', 'default', 'examples']);

/**
 * The pointer (inside `fragment`) of an `$id`, or `undefined`. A field's schema stands alone, and
 * an `$id` would let a `$ref` reach the schema by name (`{"$id": "urn:x", "allOf": [{"$ref":
 * "urn:x"}]}`), a recursion that the local references `recursiveRef` follows do not show.
 */
export function schemaIdPointer(fragment: unknown): string | undefined {
  const queue: [unknown, string][] = [[fragment, '']];
  for (let next = 0; next < queue.length; next++) {
    const [node, path] = queue[next]!;
    if (Array.isArray(node)) {
      node.forEach((item, index) => queue.push([item, `${path}/${index}`]));
    } else if (isJsonObject(node)) {
      if (Object.hasOwn(node, '$id')) return `${path}/$id`;
      for (const [key, value] of Object.entries(node)) {
        if (!DATA_KEYWORDS.has(key)) queue.push([value, `${path}/${escapeSegment(key)}`]);
      }
    }
  }
  return undefined;
}

/**
 * A definition error for every field whose `schema` names itself with an `$id`, and for every
 * field whose `schema` refers to itself through `$ref`, read
 * defensively (the definition may have other problems, which the linter reports). The schema
 * checked is the one compiled: the field type's own constraint with the fragment under `allOf`,
 * so `"#"` is the whole of it.
 */
export function recursiveRefIssues(json: unknown): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  const visit = (nodes: unknown, pointer: string): void => {
    if (!Array.isArray(nodes)) return;
    nodes.forEach((node, index) => {
      if (!isJsonObject(node)) return;
      const at = `${pointer}/${index}`;
      const id = isJsonObject(node.schema) ? schemaIdPointer(node.schema) : undefined;
      if (id !== undefined) {
        issues.push({
          pointer: `${at}/schema${id}`,
          message: `"$id" names the schema for others to refer to, but a field's schema stands alone and nothing may refer to it: remove the "$id"`,
        });
      } else if (isJsonObject(node.schema)) {
        const options = Array.isArray(node.options) ? node.options.filter(isJsonObject) : undefined;
        const field = { ...node, options } as unknown as FieldDefinition;
        const compiled = fieldSchema(field);
        const wrapped = compiled !== node.schema;
        const ref = compiled === undefined ? undefined : recursiveRef(compiled);
        if (ref !== undefined) {
          // Inside the fragment when it is wrapped: drop the "/allOf/0" the wrapping added.
          const inner = wrapped && ref.startsWith('/allOf/0/') ? ref.slice('/allOf/0'.length) : ref;
          const target = JSON.stringify(String(resolveRef(compiled, ref)));
          issues.push({
            pointer: `${at}/schema${inner}`,
            message: `"$ref" ${target} makes the schema refer to itself, so checking an answer would never end; a field's schema cannot be recursive: write the constraints out instead`,
          });
        }
      }
      visit(node.fields, `${at}/fields`);
    });
  };
  if (isJsonObject(json) && Array.isArray(json.steps)) {
    json.steps.forEach((step, index) => {
      if (isJsonObject(step)) visit(step.fields, `/steps/${index}/fields`);
    });
  }
  return issues;
}

/** The `$ref` string at a pointer that `recursiveRef` returned. */
function resolveRef(schema: unknown, pointer: string): unknown {
  let node = schema;
  for (const segment of pointer.slice(1).split('/')) {
    const key = segment.replace(/~1/g, '/').replace(/~0/g, '~');
    node = isJsonObject(node) || Array.isArray(node) ? (node as Json)[key] : undefined;
  }
  return node;
}
