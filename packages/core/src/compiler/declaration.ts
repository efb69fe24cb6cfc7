import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { DeclarationTemplate, FieldDefinition, ProcedureDefinition } from '../definition.js';
import { type DefinitionIssue, DefinitionError } from '../errors.js';
import { closest } from './suggest.js';

const require = createRequire(import.meta.url);
// Resolved through the package's own exports, so this works from src/ and from a built dist/.
const declarationSchema = require('@motcua/core/schema/declaration.schema.json') as {
  $defs: Record<string, unknown>;
};

let validator: ValidateFunction | undefined;

const TEXT_SHAPE = 'must be a string or an object like {"vi": "…", "en": "…"}';
const ROW_SHAPE =
  'a row is either {"label": "…", "field": "childName"} (a field\'s answer) or {"text": "…"} (a fixed sentence), not both';
const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  array: 'an array',
  object: 'an object',
};

/**
 * Every problem in a declaration template (`<id>.declaration.json`) of a procedure, each with a
 * JSON Pointer and what to do; an empty array when there is none. The shape is checked against
 * `schema/declaration.schema.json`, and every `field` must be a field asked directly on a step
 * of `definition` (a group prints its rows, so a field inside a group's rows is named by its
 * group).
 *
 * @example
 * lintDeclaration({ title: 'Tờ khai', sections: [{ heading: 'Trẻ', rows: [{ label: 'Họ tên', field: 'chilName' }] }], signature: 'Người khai' }, definition);
 * // [{ pointer: '/sections/0/rows/0/field', message: 'no field "chilName" in the procedure (did you mean "childName"?); …' }]
 */
export function lintDeclaration(json: unknown, definition: ProcedureDefinition): DefinitionIssue[] {
  validator ??= new Ajv2020({
    allErrors: true,
    strict: true,
    // The row's oneOf names "text" and "label" inside `not`, where strict mode wants them declared.
    strictRequired: false,
    verbose: true,
  }).compile(declarationSchema);
  const issues = validator(json) ? [] : structureIssues(validator.errors ?? []);
  return inDocumentOrder(json, [...issues, ...fieldIssues(json, definition)]);
}

/**
 * Issues in the order their places appear in the file, as authors read it; a missing property
 * sorts at the end of the object that lacks it.
 */
function inDocumentOrder(json: unknown, issues: DefinitionIssue[]): DefinitionIssue[] {
  const order = new Map<string, number>();
  const visit = (value: unknown, pointer: string): void => {
    order.set(pointer, order.size);
    if (Array.isArray(value)) value.forEach((item, index) => visit(item, `${pointer}/${index}`));
    else if (value !== null && typeof value === 'object')
      for (const [key, item] of Object.entries(value)) visit(item, `${pointer}/${key}`);
    order.set(`${pointer}/\u0000end`, order.size);
  };
  visit(json, '');
  const position = (pointer: string): number =>
    order.get(pointer) ??
    order.get(`${pointer.slice(0, pointer.lastIndexOf('/'))}/\u0000end`) ??
    Infinity;
  return issues
    .map((issue, index) => ({ issue, index }))
    .sort((a, b) => position(a.issue.pointer) - position(b.issue.pointer) || a.index - b.index)
    .map(({ issue }) => issue);
}

/**
 * Checks a declaration template against its procedure and returns it typed.
 *
 * @throws {DefinitionError} listing every problem, each with a JSON Pointer and how to fix it.
 * @example
 * const template = checkDeclaration(JSON.parse(text), procedure.definition, { source: 'birth-registration.declaration.json' });
 */
export function checkDeclaration(
  json: unknown,
  definition: ProcedureDefinition,
  options: { source?: string } = {},
): DeclarationTemplate {
  const issues = lintDeclaration(json, definition);
  if (issues.length > 0) throw new DefinitionError(issues, options.source, 'the declaration');
  return json as DeclarationTemplate;
}

function structureIssues(errors: readonly ErrorObject[]): DefinitionIssue[] {
  const found = new Map<string, string>();
  const add = (pointer: string, message: string) => {
    if (!found.has(pointer)) found.set(pointer, message);
  };
  const isText = (error: ErrorObject) =>
    error.keyword === 'anyOf' && error.parentSchema === declarationSchema.$defs.text;
  const texts = errors.filter(isText).map((error) => error.instancePath);
  const inText = (error: ErrorObject) =>
    texts.some(
      (pointer) => error.instancePath.startsWith(`${pointer}/`) || error.instancePath === pointer,
    );
  // A row that is neither shape fails oneOf, its branches' `required` and `not`: one message.
  const rowShape = (error: ErrorObject) =>
    /\/rows\/\d+$/.test(error.instancePath) &&
    ['oneOf', 'not', 'required', 'anyOf'].includes(error.keyword);
  for (const pointer of texts) add(pointer, TEXT_SHAPE);
  for (const error of errors) {
    if (isText(error) || inText(error)) continue;
    const pointer = error.instancePath;
    if (rowShape(error)) {
      add(pointer, ROW_SHAPE);
      continue;
    }
    switch (error.keyword) {
      case 'required':
        add(
          `${pointer}/${String(error.params.missingProperty)}`,
          `missing required property "${String(error.params.missingProperty)}"`,
        );
        break;
      case 'additionalProperties': {
        const name = String(error.params.additionalProperty);
        const known = Object.keys(
          (error.parentSchema as { properties?: object } | undefined)?.properties ?? {},
        );
        const hint = closest(name, known);
        add(
          `${pointer}/${name}`,
          `unknown property "${name}"${hint ? ` (did you mean "${hint}"?)` : `; use one of: ${known.join(', ')}`}`,
        );
        break;
      }
      case 'type':
        add(
          pointer || '/',
          pointer === ''
            ? 'the declaration must be a JSON object'
            : `must be ${TYPE_NAMES[String(error.params.type)] ?? String(error.params.type)}`,
        );
        break;
      case 'minItems':
        add(
          pointer,
          pointer.endsWith('/rows')
            ? 'a section needs at least one row'
            : 'a declaration needs at least one section',
        );
        break;
      case 'pattern':
        add(pointer, 'must be a field id, like "childName"');
        break;
      default:
        add(pointer, error.message ?? 'is not valid');
    }
  }
  return [...found].map(([pointer, message]) => ({
    pointer: pointer === '/' ? '' : pointer,
    message,
  }));
}

function fieldIssues(json: unknown, definition: ProcedureDefinition): DefinitionIssue[] {
  const topLevel = new Set<string>();
  const inRows = new Map<string, string>();
  const visitRows = (group: FieldDefinition, fields: readonly FieldDefinition[]) => {
    for (const field of fields) {
      inRows.set(field.id, group.id);
      visitRows(group, field.fields ?? []);
    }
  };
  for (const step of definition.steps) {
    for (const field of step.fields) {
      topLevel.add(field.id);
      visitRows(field, field.fields ?? []);
    }
  }
  const sections = (json as { sections?: unknown } | null)?.sections;
  if (!Array.isArray(sections)) return [];
  const issues: DefinitionIssue[] = [];
  sections.forEach((section: unknown, s) => {
    const rows = (section as { rows?: unknown } | null)?.rows;
    if (!Array.isArray(rows)) return;
    rows.forEach((row: unknown, r) => {
      const id = (row as { field?: unknown } | null)?.field;
      if (typeof id !== 'string' || topLevel.has(id)) return;
      const pointer = `/sections/${s}/rows/${r}/field`;
      const group = inRows.get(id);
      if (group !== undefined) {
        issues.push({
          pointer,
          message: `"${id}" is asked in the rows of the group "${group}"; name the group ("field": "${group}"), which prints every row`,
        });
        return;
      }
      const hint = closest(id, topLevel);
      issues.push({
        pointer,
        message: `no field "${id}" in the procedure "${definition.id}"${hint ? ` (did you mean "${hint}"?)` : ''}; use the id of a field asked on one of its steps`,
      });
    });
  });
  return issues;
}
