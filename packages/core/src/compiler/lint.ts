import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { checkSync } from 'recheck';
import { isIsoDate } from '../dates.js';
import { FIELD_OPERATORS, FIELD_TYPES } from '../definition.js';
import type { FieldDefinition, FieldOperator, FieldType } from '../definition.js';
import type { DefinitionIssue } from '../errors.js';
import type { OperatorDefinition } from '../formats.js';
import { addFormats, recursiveRef, schemaIdPointer } from './ajv.js';
import { fieldSchema } from './field-schema.js';
import { cardIssues } from './lint-card.js';
import { closest, didYouMean } from './suggest.js';

/** Options of {@link lintDefinition}. */
export interface LintOptions {
  /** Named formats the procedure may use besides the built-in `email` and `phone` (from packs). */
  formats?: Iterable<string>;
  /** Condition operators added by packs, by name (their `fields` name the fields they read). */
  operators?: { readonly [name: string]: OperatorDefinition };
}

/**
 * Every problem in a procedure definition, each with a JSON Pointer and a message that says how
 * to fix it; an empty array when there is none. Structure is checked against
 * `schema/procedure.schema.json`; then ids, field types, conditions, rules, formats and `schema`
 * fragments are checked against each other, as far as the structure allows, so an author sees
 * every problem in one pass.
 *
 * @example
 * lintDefinition(JSON.parse(source), { formats: ['vn-personal-id'] });
 * // [{ pointer: '/steps/0/fields/1/type', message: 'unknown field type "dat" (did you mean "date"?); use one of text, …' }]
 */
export function lintDefinition(json: unknown, options: LintOptions = {}): DefinitionIssue[] {
  const formats = new Set(['email', 'phone', ...(options.formats ?? [])]);
  const model = buildModel(json);
  model.operators = new Map(Object.entries(options.operators ?? {}));
  return settle(json, [
    ...structuralIssues(json, model),
    ...forbiddenKeyIssues(json, ''),
    ...forbiddenIdIssues(model),
    ...duplicateIssues(model),
    ...model.fields.flatMap((entry) => [
      ...misplacedPropertyIssues(entry),
      ...missingByTypeIssues(entry),
      ...rowLimitIssues(entry),
      ...dateLimitIssues(entry),
      ...formatIssues(entry, formats),
      ...messageKeyIssues(entry, formats),
    ]),
    ...schemaIssues(model),
    ...model.fields.flatMap(patternIssues),
    ...model.sites.flatMap((site) =>
      checkCondition(site.node, site.pointer, model, scopeOf(site, model)),
    ),
    ...ruleFieldIssues(model),
    ...rowRuleIssues(model),
    ...ruleMessageIssues(model),
    ...feePerIssues(model),
    ...prefillIssues(model),
    ...togetherIssues(model),
    ...timeZoneIssues(model.root),
    ...cardIssues(json),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Findings

/**
 * An issue while linting. A superseding issue hides every other issue at or under its pointer:
 * "remove this property" makes whatever is wrong inside it moot.
 */
interface Finding extends DefinitionIssue {
  supersedes?: boolean;
}

function issue(pointer: string, message: string, supersedes = false): Finding {
  return supersedes ? { pointer, message, supersedes } : { pointer, message };
}

function settle(json: unknown, findings: Finding[]): DefinitionIssue[] {
  const superseding = new Set(findings.filter((f) => f.supersedes).map((f) => f.pointer));
  const seen = new Set<string>();
  const kept: DefinitionIssue[] = [];
  for (const finding of findings) {
    const hidden = withinAny(finding.pointer, superseding);
    if (hidden && !finding.supersedes) continue;
    const key = `${finding.pointer}\n${finding.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push({ pointer: finding.pointer, message: finding.message });
  }
  // Authors read top to bottom, so issues come in the order their places appear in the file.
  const order = documentOrder(json);
  const position = (pointer: string): number => order.get(pointer) ?? Infinity;
  return kept.sort((a, b) => position(a.pointer) - position(b.pointer));
}

function documentOrder(json: unknown): Map<string, number> {
  const order = new Map<string, number>();
  const visit = (value: unknown, pointer: string): void => {
    order.set(pointer, order.size);
    if (Array.isArray(value)) value.forEach((item, index) => visit(item, join(pointer, index)));
    else if (isObject(value))
      for (const key of Object.keys(value)) visit(value[key], join(pointer, key));
  };
  visit(json, '');
  return order;
}

// ---------------------------------------------------------------------------------------------
// JSON helpers

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function has(node: Json, key: string): boolean {
  return Object.hasOwn(node, key);
}

/** Appends one segment to a JSON Pointer, escaping `~` and `/` (RFC 6901). */
function join(pointer: string, segment: string | number): string {
  return `${pointer}/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/**
 * Whether the pointer is one of `bases` or under one: a look-up per ancestor, not a scan of
 * `bases` per pointer, which was quadratic on a definition with thousands of issues.
 */
function withinAny(pointer: string, bases: ReadonlySet<string>): boolean {
  if (bases.size === 0) return false;
  for (let end = pointer.length; end >= 0; end = pointer.lastIndexOf('/', end - 1)) {
    if (bases.has(pointer.slice(0, end))) return true;
    if (end === 0) break;
  }
  return false;
}

function quoted(values: readonly unknown[]): string {
  const parts = values.map((value) => JSON.stringify(value));
  return parts.length <= 1
    ? parts.join('')
    : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

function isFieldRef(value: unknown): value is { field: string } {
  return isObject(value) && Object.keys(value).length === 1 && typeof value.field === 'string';
}

// ---------------------------------------------------------------------------------------------
// The model: fields, steps and condition sites in definition order, read defensively

interface StepEntry {
  index: number;
  id: string | undefined;
}

interface FieldEntry {
  id: string | undefined;
  pointer: string;
  node: Json;
  /** `undefined` when the type is missing or unknown (the structural layer reports that). */
  type: FieldType | undefined;
  /** Position in definition order: a group comes just before its row fields. */
  order: number;
  step: StepEntry;
  /** The group whose rows hold this field. */
  group: FieldEntry | undefined;
  rows: Map<string, FieldEntry>;
}

/** Where a condition sits, which decides the fields it may use. */
type Holder =
  | { kind: 'step'; step: StepEntry }
  | { kind: 'field'; field: FieldEntry }
  | { kind: 'anywhere' }
  /** A rule with `each`: its conditions read the group's rows first. */
  | { kind: 'rows'; group: string };

interface ConditionSite {
  pointer: string;
  node: unknown;
  holder: Holder;
}

interface Model {
  root: Json | undefined;
  fields: FieldEntry[];
  /** Fields asked directly on a step, by id (first occurrence). */
  topLevel: Map<string, FieldEntry>;
  /** Every field, rows included, by id (first occurrence). */
  byId: Map<string, FieldEntry>;
  sites: ConditionSite[];
  /** Operators added by packs. */
  operators: Map<string, OperatorDefinition>;
}

const LISTS_WITH_CONDITIONS: readonly { list: string; keys: readonly string[] }[] = [
  { list: 'documents', keys: ['when'] },
  { list: 'fees', keys: ['when'] },
  { list: 'rules', keys: ['when', 'assert'] },
];

function buildModel(json: unknown): Model {
  const root = isObject(json) ? json : undefined;
  const model: Model = {
    root,
    fields: [],
    topLevel: new Map(),
    byId: new Map(),
    sites: [],
    operators: new Map(),
  };
  const steps = root && Array.isArray(root.steps) ? root.steps : [];
  steps.forEach((node, index) => {
    if (!isObject(node)) return;
    const pointer = join('/steps', index);
    const step: StepEntry = { index, id: typeof node.id === 'string' ? node.id : undefined };
    if (has(node, 'when')) {
      model.sites.push({
        pointer: join(pointer, 'when'),
        node: node.when,
        holder: { kind: 'step', step },
      });
    }
    if (Array.isArray(node.fields)) {
      addFields(model, node.fields, join(pointer, 'fields'), step, undefined);
    }
  });
  for (const { list, keys } of LISTS_WITH_CONDITIONS) {
    const items = root && Array.isArray(root[list]) ? (root[list] as unknown[]) : [];
    items.forEach((node, index) => {
      if (!isObject(node)) return;
      for (const key of keys) {
        if (has(node, key)) {
          model.sites.push({
            pointer: join(join(`/${list}`, index), key),
            node: node[key],
            holder:
              list === 'rules' && typeof node.each === 'string'
                ? { kind: 'rows', group: node.each }
                : { kind: 'anywhere' },
          });
        }
      }
    });
  }
  return model;
}

/** A custom field type, rendered by the page's own renderer: `x-signature`. */
const CUSTOM_TYPE = /^x-[a-z][a-z0-9-]*$/;

function addFields(
  model: Model,
  nodes: unknown[],
  pointer: string,
  step: StepEntry,
  group: FieldEntry | undefined,
): void {
  nodes.forEach((node, index) => {
    if (!isObject(node)) return;
    const type =
      (FIELD_TYPES as readonly unknown[]).includes(node.type) ||
      (typeof node.type === 'string' && CUSTOM_TYPE.test(node.type))
        ? (node.type as FieldType)
        : undefined;
    const entry: FieldEntry = {
      id: typeof node.id === 'string' ? node.id : undefined,
      pointer: join(pointer, index),
      node,
      type,
      order: model.fields.length,
      step,
      group,
      rows: new Map(),
    };
    model.fields.push(entry);
    if (entry.id !== undefined) {
      const scope = group ? group.rows : model.topLevel;
      if (!scope.has(entry.id)) scope.set(entry.id, entry);
      if (!model.byId.has(entry.id)) model.byId.set(entry.id, entry);
    }
    for (const key of ['when', 'requiredWhen']) {
      if (has(node, key)) {
        model.sites.push({
          pointer: join(entry.pointer, key),
          node: node[key],
          holder: { kind: 'field', field: entry },
        });
      }
    }
    if (isObject(node.prefill) && has(node.prefill, 'when')) {
      model.sites.push({
        pointer: join(join(entry.pointer, 'prefill'), 'when'),
        node: node.prefill.when,
        holder: { kind: 'field', field: entry },
      });
    }
    addOptionSites(model, entry);
    // Rows of a field whose type is unknown are still read, so their conditions are checked.
    if (Array.isArray(node.fields) && (type === 'group' || type === undefined)) {
      addFields(model, node.fields, join(entry.pointer, 'fields'), step, entry);
    }
  });
}

/** An option's `when` reads what its field's own `when` may: answers given before the field. */
function addOptionSites(model: Model, entry: FieldEntry): void {
  const options = Array.isArray(entry.node.options) ? entry.node.options : [];
  options.forEach((option, index) => {
    if (!isObject(option) || !has(option, 'when')) return;
    model.sites.push({
      pointer: join(join(join(entry.pointer, 'options'), index), 'when'),
      node: option.when,
      holder: { kind: 'field', field: entry },
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Structure: Ajv against the published schema, its errors rewritten to say how to fix them

const require = createRequire(import.meta.url);
// Resolved through the package's own exports, so this works from src/ and from a built dist/.
const procedureSchema = require('@motcua/core/schema/procedure.schema.json') as {
  $defs: Record<string, unknown>;
};

let procedureValidator: ValidateFunction | undefined;

function validateProcedure(json: unknown): ErrorObject[] {
  procedureValidator ??= compileProcedureSchema();
  return procedureValidator(json) ? [] : [...(procedureValidator.errors ?? [])];
}

function compileProcedureSchema(): ValidateFunction {
  // verbose: errors carry the failing data and schema, which the messages below quote.
  const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true });
  addFormats(ajv);
  return ajv.compile(procedureSchema);
}

function structuralIssues(json: unknown, model: Model): Finding[] {
  const errors = validateProcedure(json);
  // Texts and conditions get their own checkers: Ajv's view of a failed anyOf/oneOf is one error
  // per branch, which tells an author nothing.
  const textErrors = errors.filter(
    (e) => e.keyword === 'anyOf' && e.parentSchema === procedureSchema.$defs.text,
  );
  const zones = new Set([
    ...model.sites.map((site) => site.pointer),
    ...textErrors.map((e) => e.instancePath),
  ]);
  const rest = errors.filter((e) => !withinAny(e.instancePath, zones));
  return [
    ...textErrors.flatMap((e) => textIssues(e.data, e.instancePath)),
    ...translateAjvErrors(rest),
  ];
}

const TEXT_SHAPE = 'must be a string or an object like {"vi": "…", "en": "…"}';

function textIssues(value: unknown, pointer: string): Finding[] {
  if (!isObject(value)) return [issue(pointer, TEXT_SHAPE)];
  const findings: Finding[] = [];
  if (!has(value, 'vi')) {
    findings.push(
      issue(pointer, `missing "vi": the Vietnamese text is required, like {"vi": "…", "en": "…"}`),
    );
  }
  for (const [locale, text] of Object.entries(value)) {
    if (typeof text !== 'string') {
      findings.push(issue(join(pointer, locale), `must be a string: the text in "${locale}"`));
    }
  }
  return findings;
}

/** One message per pointer: the most telling error there wins, missing properties are merged. */
function translateAjvErrors(errors: readonly ErrorObject[], base = ''): Finding[] {
  const missing = new Map<string, string[]>();
  const ranked: { rank: number; finding: Finding }[] = [];
  for (const error of errors) {
    if (error.keyword === 'required') {
      const list = missing.get(error.instancePath) ?? [];
      list.push(String(error.params.missingProperty));
      missing.set(error.instancePath, list);
      continue;
    }
    const translate = AJV_MESSAGES[error.keyword];
    const rank = translate ? Object.keys(AJV_MESSAGES).indexOf(error.keyword) : Infinity;
    const pointer = base + error.instancePath;
    ranked.push({
      rank,
      finding: translate
        ? translate(error, pointer)
        : issue(pointer, error.message ?? 'is not valid'),
    });
  }
  // `"lable"` next to a missing `"label"` is one mistake, reported once with its "did you mean".
  for (const error of errors) {
    if (error.keyword !== 'additionalProperties') continue;
    const suggestion = closest(String(error.params.additionalProperty), knownProperties(error));
    const names = missing.get(error.instancePath);
    if (names && suggestion) {
      missing.set(
        error.instancePath,
        names.filter((name) => name !== suggestion),
      );
    }
  }
  for (const [path, names] of missing) {
    if (names.length > 0) {
      ranked.push({ rank: -1, finding: issue(base + path, missingMessage(base + path, names)) });
    }
  }
  const best = new Map<string, { rank: number; finding: Finding }>();
  for (const candidate of ranked) {
    const current = best.get(candidate.finding.pointer);
    if (!current || candidate.rank < current.rank) best.set(candidate.finding.pointer, candidate);
  }
  return [...best.values()].map(({ finding }) => finding);
}

/** Ajv keyword → message, in order of preference when several fail at the same place. */
const AJV_MESSAGES: Record<string, (error: ErrorObject, pointer: string) => Finding> = {
  additionalProperties: (error, pointer) => {
    const name = String(error.params.additionalProperty);
    const known = knownProperties(error);
    const suggestion = closest(name, known);
    const fix = suggestion
      ? ` (did you mean "${suggestion}"?)`
      : `; remove it, or use one of: ${known.join(', ')}`;
    return issue(join(pointer, name), `unknown property "${name}"${fix}`);
  },
  enum: (error, pointer) => {
    const allowed = (error.params.allowedValues as unknown[]).map(String);
    const value = error.data;
    const hint = typeof value === 'string' ? didYouMean(value, allowed) : '';
    const what =
      lastSegment(pointer) !== 'type'
        ? 'value'
        : kindOf(parentOf(pointer)) === 'field'
          ? 'field type'
          : 'JSON Schema type';
    const custom = what === 'field type' ? ', or a custom type named like "x-signature"' : '';
    return issue(
      pointer,
      `unknown ${what} ${JSON.stringify(value)}${hint}; use one of ${allowed.join(', ')}${custom}`,
    );
  },
  format: (error, pointer) =>
    issue(
      pointer,
      error.params.format === 'uri'
        ? 'must be a full web address, like "https://dichvucong.gov.vn"'
        : `must be a valid ${String(error.params.format)}`,
    ),
  pattern: (error, pointer) =>
    issue(
      pointer,
      PATTERN_MESSAGES[String(error.params.pattern)] ??
        `must match ${String(error.params.pattern)}`,
    ),
  minItems: (error, pointer) =>
    issue(
      pointer,
      MIN_ITEMS_MESSAGES[`${kindOf(parentOf(pointer))}.${lastSegment(pointer)}`] ??
        `must have at least ${String(error.params.limit)} item(s)`,
    ),
  minimum: (error, pointer) => issue(pointer, `must be ${String(error.params.limit)} or more`),
  type: (error, pointer) => issue(pointer, typeMessage(error, pointer)),
};

function knownProperties(error: ErrorObject): string[] {
  return Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
}

const PATTERN_MESSAGES: Record<string, string> = {
  '^[A-Za-z][A-Za-z0-9_-]*$':
    'must be an id: a letter, then letters, digits, "_" or "-", like "childName"',
  '^\\d+\\.\\d+\\.\\d+(?:[-+][0-9A-Za-z.+-]+)?$': 'must be a version like "1.0.0"',
};

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  array: 'an array',
  object: 'an object',
  null: 'null',
};

function typeMessage(error: ErrorObject, pointer: string): string {
  if (pointer === '') return 'the definition must be a JSON object';
  const types = String(error.params.type).split(',');
  const wanted = `must be ${types.map((type) => TYPE_NAMES[type] ?? type).join(' or ')}`;
  const hint =
    ITEM_SHAPES[kindOf(pointer)] ??
    TYPE_HINTS[`${kindOf(parentOf(pointer))}.${lastSegment(pointer)}`];
  return hint ? `${wanted}: ${hint}` : wanted;
}

/** What one item of each list looks like, for an item that is not an object at all. */
const ITEM_SHAPES: Record<string, string> = {
  step: 'a step, like {"id": "…", "title": "…", "fields": […]}',
  field: 'a field, like {"id": "…", "type": "text", "label": "…"}',
  option: 'a choice, like {"value": "…", "label": "…"}',
  rule: 'a rule, like {"id": "…", "assert": {…}, "fields": ["…"], "message": "…"}',
  document: 'a document, like {"id": "…", "title": "…"}',
  fee: 'a fee, like {"id": "…", "label": "…", "amount": 0}',
  legalBasis: 'a law, decree or circular, like {"id": "…", "title": "…"}',
};

const TYPE_HINTS: Record<string, string> = {
  'field.schema': 'a JSON Schema fragment like {"maxLength": 100}',
  'field.messages': 'texts by error code, like {"maxLength": {"vi": "…", "en": "…"}}',
  'procedure.steps': 'the pages of the journey, like [{"id": "…", "title": "…", "fields": […]}]',
  'step.fields': 'the questions on the page, like [{"id": "…", "type": "text", "label": "…"}]',
  'field.options': 'the choices, like [{"value": "…", "label": "…"}]',
  'rule.fields': 'field ids, like ["childName"]',
};

const MIN_ITEMS_MESSAGES: Record<string, string> = {
  'procedure.steps': 'a procedure needs at least one step',
  'step.fields': 'a step needs at least one field',
  'field.fields': 'a group needs at least one field in its rows',
  'field.options': 'add at least one choice, like {"value": "…", "label": "…"}',
  'field.accept':
    'list at least one media type or extension, like "application/pdf" or ".jpg", or remove "accept"',
  'rule.fields': 'a rule needs at least one field: the one the citizen should change',
};

const REQUIRED_HINTS: Record<string, string> = {
  'procedure.id': 'a short stable id, like "birth-registration"',
  'procedure.version': 'the version of this definition, like "1.0.0"',
  'procedure.title': 'the name citizens see, like {"vi": "…", "en": "…"}',
  'procedure.steps': 'a procedure needs at least one step',
  'step.id': 'a short id, unique among the steps, like "child"',
  'step.title': 'the heading of the page',
  'step.fields': 'a step needs at least one field',
  'field.id': 'the key of the answer, like "childName"',
  'field.type': `one of ${FIELD_TYPES.join(', ')}`,
  'field.label': 'the question the citizen reads',
  'option.value': 'the value stored in the answer',
  'option.label': 'the text the citizen reads',
  'rule.id': 'a short id, unique among the rules',
  'rule.assert': 'the condition that must hold',
  'rule.fields': 'the fields the rule is about, the one the citizen should change first',
  'rule.message': 'what the citizen reads when the rule fails',
  'document.id': 'a short id, unique among the documents',
  'document.title': 'the name of the document',
  'fee.id': 'a short id, unique among the fees',
  'fee.label': 'what the fee is for',
  'legalBasis.id': 'a short id, like "luat-ho-tich-2014"',
  'legalBasis.title': 'the name of the law, decree or circular',
  'agency.name': 'the name of the agency',
  'processingTime.workingDays': 'working days, 0 for the same day',
};

function missingMessage(pointer: string, names: string[]): string {
  if (names.length > 1) return `missing required properties ${quoted(names)}`;
  const hint = REQUIRED_HINTS[`${kindOf(pointer)}.${names[0]}`];
  return `missing required property "${names[0]}"${hint ? `: ${hint}` : ''}`;
}

function segments(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/');
}

function lastSegment(pointer: string): string {
  return pointer.slice(pointer.lastIndexOf('/') + 1);
}

function parentOf(pointer: string): string {
  return pointer.slice(0, pointer.lastIndexOf('/'));
}

const LIST_ITEM_KINDS: Record<string, string> = {
  steps: 'step',
  rules: 'rule',
  documents: 'document',
  fees: 'fee',
  legalBasis: 'legalBasis',
};

/** What the object at a pointer is (`step`, `field`, …), read from the shape of the pointer. */
function kindOf(pointer: string): string {
  const path = segments(pointer);
  if (path.length === 0) return 'procedure';
  const [list = '', index = ''] = path.slice(-2);
  if (path.length === 1) return list === 'agency' || list === 'processingTime' ? list : '';
  if (!/^\d+$/.test(index)) return '';
  if (path[0] === 'steps' && path.length > 2) {
    return list === 'fields' ? 'field' : list === 'options' ? 'option' : '';
  }
  return path.length === 2 ? (LIST_ITEM_KINDS[list] ?? '') : '';
}

// ---------------------------------------------------------------------------------------------
// Keys and ids that could reach Object.prototype

const FORBIDDEN_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

function forbiddenKeyIssues(value: unknown, pointer: string): Finding[] {
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => forbiddenKeyIssues(item, join(pointer, index)));
  }
  if (!isObject(value)) return [];
  // Reflect.ownKeys, not `in`: JSON.parse makes "__proto__" an own key without touching the prototype.
  return Reflect.ownKeys(value).flatMap((key) => {
    if (typeof key !== 'string') return [];
    const here = join(pointer, key);
    const found = FORBIDDEN_NAMES.has(key)
      ? [
          issue(
            here,
            `the key "${key}" is not allowed (it could pollute object prototypes); rename it`,
            true,
          ),
        ]
      : [];
    return [...found, ...forbiddenKeyIssues(value[key], here)];
  });
}

/** The lists whose items carry an id, and what an item is called in messages. */
const ID_LISTS: readonly { list: string; noun: string }[] = [
  { list: 'steps', noun: 'step' },
  { list: 'rules', noun: 'rule' },
  { list: 'documents', noun: 'document' },
  { list: 'fees', noun: 'fee' },
  { list: 'legalBasis', noun: 'legal basis' },
];

interface IdSite {
  id: string;
  pointer: string;
}

function idSites(model: Model): { noun: string; sites: IdSite[] }[] {
  const fieldSites = model.fields.flatMap((entry) =>
    entry.id === undefined ? [] : [{ id: entry.id, pointer: entry.pointer }],
  );
  const lists = ID_LISTS.map(({ list, noun }) => {
    const items =
      model.root && Array.isArray(model.root[list]) ? (model.root[list] as unknown[]) : [];
    const sites = items.flatMap((node, index) =>
      isObject(node) && typeof node.id === 'string'
        ? [{ id: node.id, pointer: join(`/${list}`, index) }]
        : [],
    );
    return { noun, sites };
  });
  return [{ noun: 'field', sites: fieldSites }, ...lists];
}

function forbiddenIdIssues(model: Model): Finding[] {
  return idSites(model).flatMap(({ sites }) =>
    sites
      .filter((site) => FORBIDDEN_NAMES.has(site.id))
      .map((site) =>
        issue(
          join(site.pointer, 'id'),
          `the id "${site.id}" is not allowed (it could pollute object prototypes); rename it`,
          true,
        ),
      ),
  );
}

function duplicateIssues(model: Model): Finding[] {
  const findings = idSites(model).flatMap(({ noun, sites }) =>
    duplicatesIn(sites, (site, first) =>
      issue(
        join(site.pointer, 'id'),
        `duplicate ${noun} id "${site.id}": already used at ${first.pointer}; ${noun} ids must be unique in a procedure`,
      ),
    ),
  );
  for (const entry of model.fields) {
    const options = Array.isArray(entry.node.options) ? entry.node.options : [];
    const sites = options.flatMap((option, index) =>
      isObject(option) && typeof option.value === 'string'
        ? [{ id: option.value, pointer: join(join(entry.pointer, 'options'), index) }]
        : [],
    );
    findings.push(
      ...duplicatesIn(sites, (site, first) =>
        issue(
          join(site.pointer, 'value'),
          `duplicate option value "${site.id}": already used at ${first.pointer}; option values must be unique within a field`,
        ),
      ),
    );
  }
  return findings;
}

function duplicatesIn(
  sites: IdSite[],
  report: (site: IdSite, first: IdSite) => Finding,
): Finding[] {
  const first = new Map<string, IdSite>();
  const findings: Finding[] = [];
  for (const site of sites) {
    const earlier = first.get(site.id);
    if (earlier) findings.push(report(site, earlier));
    else first.set(site.id, site);
  }
  return findings;
}

// ---------------------------------------------------------------------------------------------
// Fields: properties that belong to their type

const CHOICE_TYPES: readonly FieldType[] = ['select', 'radio', 'checkboxes'];

/** Properties that only some field types use. */
const TYPE_ONLY_PROPERTIES: readonly {
  properties: readonly string[];
  types: readonly FieldType[];
  users: string;
}[] = [
  { properties: ['options'], types: CHOICE_TYPES, users: 'select, radio and checkboxes fields' },
  {
    properties: ['fields', 'minRows', 'maxRows', 'itemLabel'],
    types: ['group'],
    users: 'group fields',
  },
  {
    properties: ['accept', 'maxSize', 'maxFiles', 'paper'],
    types: ['file'],
    users: 'file fields',
  },
  { properties: ['min', 'max'], types: ['date', 'year'], users: 'date and year fields' },
  { properties: ['detail'], types: ['address'], users: 'address fields' },
];

function misplacedPropertyIssues(entry: FieldEntry): Finding[] {
  const type = entry.type;
  if (type === undefined) return [];
  return TYPE_ONLY_PROPERTIES.flatMap(({ properties, types, users }) =>
    types.includes(type)
      ? []
      : properties
          .filter((property) => has(entry.node, property))
          .map((property) =>
            issue(
              join(entry.pointer, property),
              `"${property}" is only used by ${users}; remove it from this ${type} field`,
              true,
            ),
          ),
  );
}

/** Properties some field types cannot do without. */
const TYPE_NEEDS: readonly { property: string; types: readonly FieldType[]; why: string }[] = [
  {
    property: 'options',
    types: CHOICE_TYPES,
    why: 'the choices, like [{"value": "…", "label": "…"}]',
  },
  { property: 'fields', types: ['group'], why: 'the questions asked for each row' },
];

function missingByTypeIssues(entry: FieldEntry): Finding[] {
  const type = entry.type;
  if (type === undefined) return [];
  return TYPE_NEEDS.filter(
    ({ property, types }) => types.includes(type) && !has(entry.node, property),
  ).map(({ property, why }) => issue(entry.pointer, `a ${type} field needs "${property}": ${why}`));
}

function rowLimitIssues(entry: FieldEntry): Finding[] {
  const { minRows, maxRows } = entry.node;
  if (entry.type !== 'group' || !Number.isInteger(minRows) || !Number.isInteger(maxRows)) return [];
  if ((minRows as number) <= (maxRows as number)) return [];
  return [
    issue(
      join(entry.pointer, 'minRows'),
      `"minRows" (${String(minRows)}) is more than "maxRows" (${String(maxRows)}); lower "minRows" or raise "maxRows"`,
    ),
  ];
}

/** How `min` and `max` are written for the field types that use them. */
const LIMIT_FORMS: Partial<
  Record<FieldType, { valid: (value: unknown) => boolean; example: string }>
> = {
  date: {
    valid: (value) => value === 'today' || isIsoDate(value),
    example: 'an ISO date like "2025-07-01" or "today"',
  },
  year: {
    valid: (value) => value === 'today' || Number.isInteger(value),
    example: 'a year like 1990, or "today"',
  },
};

function dateLimitIssues(entry: FieldEntry): Finding[] {
  const form = entry.type && LIMIT_FORMS[entry.type];
  if (!form) return [];
  const findings: Finding[] = [];
  for (const key of ['min', 'max']) {
    const value = entry.node[key];
    // Values of the wrong JSON type are reported by the structural layer.
    if (!has(entry.node, key) || (typeof value !== 'string' && typeof value !== 'number')) continue;
    if (!form.valid(value)) {
      findings.push(issue(join(entry.pointer, key), `"${key}" must be ${form.example}`));
    }
  }
  const { min, max } = entry.node;
  const literal = (value: unknown): boolean => value !== 'today' && form.valid(value);
  if (
    findings.length === 0 &&
    literal(min) &&
    literal(max) &&
    (min as string | number) > (max as string | number)
  ) {
    findings.push(
      issue(
        join(entry.pointer, 'min'),
        `"min" (${String(min)}) is after "max" (${String(max)}); swap them`,
      ),
    );
  }
  return findings;
}

function formatIssues(entry: FieldEntry, formats: ReadonlySet<string>): Finding[] {
  const format = entry.node.format;
  if (typeof format !== 'string' || formats.has(format)) return [];
  return [
    issue(
      join(entry.pointer, 'format'),
      `unknown format "${format}"${didYouMean(format, formats)}; add the pack that provides it to loadProcedure({packs})`,
    ),
  ];
}

// ---------------------------------------------------------------------------------------------
// Fields: `schema` fragments compile with Ajv

function fragmentAjv(): Ajv {
  // The draft and strictness `createAjv` (ajv.ts) compiles field schemas with, so lint rejects
  // exactly what loading would; strict turns a misspelt keyword into an error, not a no-op.
  const ajv = new Ajv({ strict: true, allErrors: true, verbose: true });
  addFormats(ajv);
  return ajv;
}

/**
 * Every `pattern` in a field's schema, checked for super-linear backtracking (ReDoS) by recheck:
 * `(a+)+$` takes seconds on a 30-character answer, on the server and in the page that runs the
 * same regex. A vulnerable pattern is a definition error, with the answer that stalls it.
 */
function patternIssues(entry: FieldEntry): Finding[] {
  const found: Finding[] = [];
  const visit = (node: unknown, pointer: string): void => {
    if (Array.isArray(node)) node.forEach((item, index) => visit(item, join(pointer, index)));
    if (!isObject(node)) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'pattern' && typeof value === 'string') {
        const at = join(pointer, key);
        const verdict = safeCheck(value);
        if (verdict) found.push(issue(at, verdict));
      } else visit(value, join(pointer, key));
    }
  };
  visit(entry.node.schema, join(entry.pointer, 'schema'));
  return found;
}

// recheck takes tens of milliseconds a pattern; a server or a build loads the same ones again.
const patternVerdicts = new Map<string, string | undefined>();

/** Why a pattern may not be used, or `undefined` when it runs in linear time. */
function safeCheck(pattern: string): string | undefined {
  if (patternVerdicts.has(pattern)) return patternVerdicts.get(pattern);
  if (patternVerdicts.size >= 1000) patternVerdicts.clear();
  const verdict = checkPattern(pattern);
  patternVerdicts.set(pattern, verdict);
  return verdict;
}

function checkPattern(pattern: string): string | undefined {
  let verdict: ReturnType<typeof checkSync>;
  try {
    // Ajv compiles patterns with the "u" flag. The verdict is recheck's count of steps, never
    // the clock: with its default time limits a pattern it fuzzes (one with a lookahead) was
    // found "polynomial" on a loaded machine and safe on an idle one, so a server sometimes
    // refused a procedure it had loaded before. Only the whole check keeps a time limit.
    verdict = checkSync(pattern, 'u', {
      timeout: 10_000,
      attackTimeout: null,
      incubationTimeout: null,
      seedingTimeout: null,
    });
  } catch {
    return undefined; // Not a regex recheck reads: Ajv's own check reports an invalid one.
  }
  if (verdict.status !== 'vulnerable') return undefined;
  const growth = verdict.complexity.type === 'exponential' ? 'exponential' : 'polynomial';
  return (
    `the pattern can take ${growth} time on some answers, e.g. ${verdict.attack.pattern}: an ` +
    'answer of a few dozen characters would stall the server and the page. Rewrite it without ' +
    'a repetition inside a repetition or two repetitions that can match the same text (e.g. ' +
    '"^[a-z]+( [a-z]+)*$" instead of "^([a-z]+ ?)*$")'
  );
}

let sharedFragmentAjv: Ajv | undefined;
/** Field schemas known to compile, by their JSON: a server or a build checks the same again. */
const compiledSchemas = new Set<string>();

function schemaIssues(model: Model): Finding[] {
  // One Ajv for every definition linted: compiling the meta-schema is most of the cost. Each
  // field's schema is removed again after it compiles; a fragment with an `$id` of its own gets
  // an Ajv of its own, as Ajv keeps nested ids and would see two fields' ids clash.
  return model.fields.flatMap((entry) => {
    const fragment = entry.node.schema;
    if (!isObject(fragment) || entry.type === undefined) return [];
    const ajv = JSON.stringify(fragment).includes('"$id"')
      ? fragmentAjv()
      : (sharedFragmentAjv ??= fragmentAjv());
    return fragmentIssues(ajv, entry, fragment, entry.type);
  });
}

function fragmentIssues(ajv: Ajv, entry: FieldEntry, fragment: Json, type: FieldType): Finding[] {
  const pointer = join(entry.pointer, 'schema');
  if (!ajv.validateSchema(fragment)) return translateAjvErrors(ajv.errors ?? [], pointer);
  const options = Array.isArray(entry.node.options)
    ? entry.node.options.filter(isObject)
    : undefined;
  const schema = fieldSchema({ ...entry.node, type, options } as unknown as FieldDefinition);
  // A schema that refers to itself is reported by recursiveRefIssues (ajv.ts); Ajv may recurse
  // until the stack overflows compiling it, which is slow and says nothing useful.
  // So is an `$id` (schemaIdPointer), through which a `$ref` may name the schema it is in.
  if (!schema || schemaIdPointer(fragment) !== undefined || recursiveRef(schema) !== undefined) {
    return [];
  }
  const key = JSON.stringify(schema);
  if (compiledSchemas.has(key)) return [];
  try {
    ajv.compile(schema);
    if (compiledSchemas.size >= 1000) compiledSchemas.clear();
    compiledSchemas.add(key);
    return [];
  } catch (error) {
    return [issue(pointer, compileMessage(error, type, ajv))];
  } finally {
    ajv.removeSchema(schema);
  }
}

/** Ajv's compile failures, rewritten; each entry matches Ajv's own message text. */
const COMPILE_MESSAGES: readonly [
  RegExp,
  (match: RegExpExecArray, type: FieldType, ajv: Ajv) => string,
][] = [
  [
    /required property "([^"]*)" is not defined/,
    ([, name = '']) =>
      `"required" names "${name}", which "properties" does not describe; add "properties": {"${name}": {…}}`,
  ],
  [
    /unknown keyword: "([^"]*)"/,
    ([, keyword = ''], _type, ajv) => {
      const known = Object.keys(ajv.RULES.all);
      const hint = closest(keyword, known);
      return `unknown JSON Schema keyword "${keyword}"${hint ? ` (did you mean "${hint}"?)` : '; remove it'}`;
    },
  ],
  [
    /^Invalid regular expression: .*: ([^:]+)$/,
    ([, reason = '']) => `"pattern" is not a valid regular expression: ${reason}`,
  ],
  [
    /unknown format "([^"]*)"/,
    ([, format = ''], _type, ajv) =>
      `unknown JSON Schema format "${format}"${didYouMean(format, Object.keys(ajv.formats))}; for a named format such as "vn-personal-id", use the field's "format" instead`,
  ],
  [
    /missing type "(\w+)" for keyword "([^"]*)"/,
    ([, valueType = '', keyword = ''], type) =>
      `"${keyword}" only applies to ${valueType} values, which a ${type} field does not hold; remove it`,
  ],
  [
    /type "(\w+)" not allowed by context "([^"]*)"/,
    ([, wanted = '', context = ''], type) =>
      `"type": "${wanted}" can never match the values of a ${type} field (${context}); remove it, or change the field's "type"`,
  ],
  [
    /can't resolve reference (\S+)/,
    ([, ref = '']) =>
      `"$ref" ${JSON.stringify(ref)} cannot be resolved; a field's schema cannot refer to other schemas`,
  ],
];

function compileMessage(error: unknown, type: FieldType, ajv: Ajv): string {
  const message = error instanceof Error ? error.message : String(error);
  for (const [pattern, describe] of COMPILE_MESSAGES) {
    const match = pattern.exec(message);
    if (match) return describe(match, type, ajv);
  }
  return `the JSON Schema fragment does not compile: ${message}`;
}

// ---------------------------------------------------------------------------------------------
// Conditions: shape, then the fields they name

const COMBINATORS = ['all', 'any', 'not'] as const;
const CONDITION_KEYS: readonly string[] = [...COMBINATORS, 'field', 'on', ...FIELD_OPERATORS];
const CONDITION_SHAPE =
  'a condition must be an object like {"field": "…", "equals": …}, or {"all": […]}, {"any": […]} or {"not": {…}}';

/**
 * What a condition may name. `undefined` means the shape is checked but not the fields: the
 * condition sits somewhere whose fields are unknown (inside `every` of a field that is no group).
 */
interface Scope {
  /** The group whose row fields are looked up first (then the top-level fields). */
  rows?: FieldEntry;
  /** Why a field cannot be used at this point of the journey, or `undefined` when it can. */
  tooLate?: (target: FieldEntry) => string | undefined;
}

function scopeOf(site: ConditionSite, model: Model): Scope | undefined {
  const holder = site.holder;
  if (holder.kind === 'anywhere') return {};
  if (holder.kind === 'rows') {
    // An `each` that names no group is reported by rowRuleIssues; the shape is still checked.
    const group = model.topLevel.get(holder.group);
    return group?.type === 'group' ? { rows: group } : undefined;
  }
  if (holder.kind === 'step') return { tooLate: (target) => stepTooLate(holder.step, target) };
  return { rows: holder.field.group, tooLate: (target) => fieldTooLate(holder.field, target) };
}

function stepName(step: StepEntry): string {
  return step.id === undefined ? `step ${step.index + 1}` : JSON.stringify(step.id);
}

function stepTooLate(step: StepEntry, target: FieldEntry): string | undefined {
  if (target.step.index < step.index) return undefined;
  const where =
    target.step.index === step.index
      ? 'on this step itself'
      : `on a later step (${stepName(target.step)})`;
  return (
    `this condition can never hold when it is checked: "${target.id}" is asked ${where}; ` +
    `a step's condition may only use answers from earlier steps, so ask "${target.id}" on an earlier step or drop it from this condition`
  );
}

function fieldTooLate(field: FieldEntry, target: FieldEntry): string | undefined {
  if (target.order < field.order) return undefined;
  const where =
    target === field
      ? 'is this field itself'
      : target.step.index > field.step.index
        ? `is asked on a later step (${stepName(target.step)})`
        : 'is asked after this field';
  return (
    `this condition can never hold when it is checked: "${target.id}" ${where}; ` +
    `conditions may only use answers given before, so ask "${target.id}" earlier or drop it from this condition`
  );
}

function checkCondition(
  node: unknown,
  pointer: string,
  model: Model,
  scope: Scope | undefined,
): Finding[] {
  if (!isObject(node)) return [issue(pointer, CONDITION_SHAPE)];
  const keys = Object.keys(node);
  const unknown = keys.filter((key) => !CONDITION_KEYS.includes(key) && !model.operators.has(key));
  if (unknown.length > 0) {
    return unknown.map((key) => issue(join(pointer, key), unknownConditionKey(key, model)));
  }
  const combinator = COMBINATORS.find((key) => has(node, key));
  return combinator
    ? checkCombinator(node, pointer, combinator, model, scope)
    : checkFieldCondition(node, pointer, model, scope);
}

function unknownConditionKey(key: string, model: Model): string {
  const known = [...CONDITION_KEYS, ...model.operators.keys()];
  const suggestion = closest(key, known);
  if (suggestion === 'field') return `unknown key "${key}" (did you mean "field"?)`;
  const fix = suggestion
    ? ` (did you mean "${suggestion}"?)`
    : `; use one of ${[...FIELD_OPERATORS, ...model.operators.keys()].join(', ')}, or add the pack that provides "${key}"`;
  return `unknown operator "${key}"${fix}`;
}

function checkCombinator(
  node: Json,
  pointer: string,
  combinator: (typeof COMBINATORS)[number],
  model: Model,
  scope: Scope | undefined,
): Finding[] {
  const others = Object.keys(node).filter((key) => key !== combinator);
  if (others.length > 0) {
    return [
      issue(
        pointer,
        `"${combinator}" must be the only key of its condition, found also ${quoted(others)}; to combine conditions, list them in {"all": […]}`,
      ),
    ];
  }
  const inner = node[combinator];
  const innerPointer = join(pointer, combinator);
  if (combinator === 'not') return checkCondition(inner, innerPointer, model, scope);
  if (!Array.isArray(inner) || inner.length === 0) {
    return [
      issue(
        innerPointer,
        `"${combinator}" must be a non-empty array of conditions, like [{"field": "…", "equals": …}]`,
      ),
    ];
  }
  return inner.flatMap((item, index) =>
    checkCondition(item, join(innerPointer, index), model, scope),
  );
}

type OperandCheck = (operator: string, operand: unknown) => string | undefined;

const anyValue: OperandCheck = () => undefined;
const nonEmptyList: OperandCheck = (op, value) =>
  Array.isArray(value) && value.length > 0
    ? undefined
    : `"${op}" must be a non-empty array of values`;
const trueOrFalse: OperandCheck = (op, value) =>
  typeof value === 'boolean' ? undefined : `"${op}" must be true or false`;
const numberOperand: OperandCheck = (op, value) =>
  typeof value === 'number' || isFieldRef(value)
    ? undefined
    : `"${op}" must be a number or {"field": "…"}`;
const dateOperand: OperandCheck = (op, value) =>
  value === 'today' ||
  isIsoDate(value) ||
  (isObject(value) && (typeof value.field === 'string' || value.today === true))
    ? undefined
    : `"${op}" must be an ISO date like "2025-07-01", "today", or {"field": "…"}`;
const wholeYears: OperandCheck = (op, value) =>
  Number.isInteger(value) && (value as number) >= 0
    ? undefined
    : `"${op}" must be a whole number of years`;
const wholeDays: OperandCheck = (op, value) =>
  Number.isInteger(value) && (value as number) >= 0
    ? undefined
    : `"${op}" must be a whole number of days`;
// The inner condition is checked on its own, with the group's rows in scope.
const nestedCondition: OperandCheck = () => undefined;
const rowCount: OperandCheck = (op, value) =>
  isObject(value) && Object.keys(value).length > 0
    ? undefined
    : `"${op}" must be like {"gte": 1}: bounds on the number of rows, among ${ROW_BOUNDS.join(', ')}`;
const rowFieldName: OperandCheck = (op, value) =>
  typeof value === 'string' && value !== ''
    ? undefined
    : `"${op}" must be the id of a field of the group's rows, like "personalId"`;
const rangeKeys: OperandCheck = (op, value) =>
  isObject(value) &&
  Object.keys(value).length === 2 &&
  typeof value.from === 'string' &&
  typeof value.to === 'string'
    ? undefined
    : `"${op}" must be like {"from": "…", "to": "…"}: the start and end date fields of each row`;

const NUMBER_FIELDS = { types: ['number', 'year'], noun: 'a number or year field' } as const;
const DATE_FIELDS = { types: ['date'], noun: 'a date field' } as const;
const GROUP_FIELDS = { types: ['group'], noun: 'a group field' } as const;

/** Each operator: the shape of its operand, and the field types it works on. */
const OPERATORS: Record<
  FieldOperator,
  { operand: OperandCheck; fields?: { types: readonly FieldType[]; noun: string } }
> = {
  equals: { operand: anyValue },
  notEquals: { operand: anyValue },
  in: { operand: nonEmptyList },
  filled: { operand: trueOrFalse },
  lt: { operand: numberOperand, fields: NUMBER_FIELDS },
  lte: { operand: numberOperand, fields: NUMBER_FIELDS },
  gt: { operand: numberOperand, fields: NUMBER_FIELDS },
  gte: { operand: numberOperand, fields: NUMBER_FIELDS },
  before: { operand: dateOperand, fields: DATE_FIELDS },
  after: { operand: dateOperand, fields: DATE_FIELDS },
  onOrBefore: { operand: dateOperand, fields: DATE_FIELDS },
  onOrAfter: { operand: dateOperand, fields: DATE_FIELDS },
  ageAtLeast: { operand: wholeYears, fields: DATE_FIELDS },
  ageUnder: { operand: wholeYears, fields: DATE_FIELDS },
  daysAgoOver: { operand: wholeDays, fields: DATE_FIELDS },
  every: { operand: nestedCondition, fields: GROUP_FIELDS },
  some: { operand: nestedCondition, fields: GROUP_FIELDS },
  rows: { operand: rowCount, fields: GROUP_FIELDS },
  unique: { operand: rowFieldName, fields: GROUP_FIELDS },
  noOverlap: { operand: rangeKeys, fields: GROUP_FIELDS },
  noGaps: { operand: rangeKeys, fields: GROUP_FIELDS },
};

function isOperator(key: string): key is FieldOperator {
  return (FIELD_OPERATORS as readonly string[]).includes(key);
}

function checkFieldCondition(
  node: Json,
  pointer: string,
  model: Model,
  scope: Scope | undefined,
): Finding[] {
  const packOperators = Object.keys(node).filter((key) => model.operators.has(key));
  if (packOperators.length > 0)
    return checkPackCondition(node, pointer, packOperators, model, scope);
  const operators = Object.keys(node).filter(isOperator);
  if (!has(node, 'field')) {
    const [op] = operators;
    return [
      issue(
        pointer,
        op
          ? `missing "field": name the field that "${op}" tests, like {"field": "…", "${op}": …}`
          : CONDITION_SHAPE,
      ),
    ];
  }
  if (typeof node.field !== 'string') {
    return [issue(join(pointer, 'field'), '"field" must be the id of a field, like "childName"')];
  }
  const [op] = operators;
  if (op === undefined) {
    return [
      issue(
        pointer,
        `a condition needs one operator besides "field"; use one of ${FIELD_OPERATORS.join(', ')}`,
      ),
    ];
  }
  if (operators.length > 1) {
    return [
      issue(
        pointer,
        `a condition needs exactly one operator besides "field", found ${quoted(operators)}; to test several things, list conditions in {"all": […]}`,
      ),
    ];
  }
  const operand = node[op];
  const shape = OPERATORS[op].operand(op, operand);
  if (shape) return [issue(join(pointer, op), shape)];
  const details = operandDetailIssues(node, op, pointer);
  if (details.length > 0) return details;

  const { findings, group } = scope
    ? checkFieldUse(node.field, op, operand, pointer, model, scope)
    : { findings: [] };
  if (scope && has(node, 'on')) {
    findings.push(...onRefIssues(node.on, join(pointer, 'on'), model, scope));
  }
  if (op === 'every' || op === 'some') {
    // Row fields of the group are answered together with the group, so they are never too late.
    const inner: Scope | undefined =
      group && scope ? { rows: group, tooLate: exceptRowsOf(group, scope.tooLate) } : undefined;
    findings.push(...checkCondition(operand, join(pointer, op), model, inner));
  }
  return findings;
}

/**
 * A condition with a pack's operator: one operator, a field that exists and is answered in
 * time, and the same for every field its operand names. The operand's shape is the pack's.
 */
function checkPackCondition(
  node: Json,
  pointer: string,
  operators: string[],
  model: Model,
  scope: Scope | undefined,
): Finding[] {
  const others = Object.keys(node).filter((key) => key !== 'field');
  if (others.length > 1) {
    return [
      issue(
        pointer,
        `a condition needs exactly one operator besides "field", found ${quoted(others)}; to test several things, list conditions in {"all": […]}`,
      ),
    ];
  }
  if (typeof node.field !== 'string') {
    return [issue(join(pointer, 'field'), '"field" must be the id of a field, like "childName"')];
  }
  const name = operators[0]!;
  const problems = packOperandIssues(model.operators.get(name), node[name], join(pointer, name));
  if (problems.length > 0 || !scope) return problems;
  const named = model.operators.get(name)?.fields?.(node[name]) ?? [];
  return [
    { id: node.field, at: join(pointer, 'field') },
    ...named.map((id) => ({ id, at: join(pointer, name) })),
  ].flatMap(({ id, at }) => {
    const resolved = resolveField(id, model, scope);
    return 'problem' in resolved ? [issue(at, resolved.problem)] : [];
  });
}

function exceptRowsOf(group: FieldEntry, tooLate: Scope['tooLate']): Scope['tooLate'] {
  return tooLate && ((target) => (target.group === group ? undefined : tooLate(target)));
}

type Resolved = { entry: FieldEntry } | { problem: string };

function resolveField(id: string, model: Model, scope: Scope): Resolved {
  const entry = scope.rows?.rows.get(id) ?? model.topLevel.get(id);
  if (entry) {
    const problem = scope.tooLate?.(entry);
    return problem ? { problem } : { entry };
  }
  const row = model.byId.get(id);
  if (row?.group?.id !== undefined) {
    const group = row.group.id;
    return {
      problem: `"${id}" is a field of the rows of "${group}"; test the rows with {"field": "${group}", "some": {"field": "${id}", …}} or "every"`,
    };
  }
  const candidates = [...(scope.rows?.rows.keys() ?? []), ...model.topLevel.keys()];
  return { problem: `unknown field "${id}"${didYouMean(id, candidates)}` };
}

/** Checks the fields a well-shaped field condition names; returns the group for `every`/`some`. */
function checkFieldUse(
  id: string,
  op: FieldOperator,
  operand: unknown,
  pointer: string,
  model: Model,
  scope: Scope,
): { findings: Finding[]; group?: FieldEntry } {
  const resolved = resolveField(id, model, scope);
  if ('problem' in resolved) return { findings: [issue(join(pointer, 'field'), resolved.problem)] };
  const target = resolved.entry;
  const needs = OPERATORS[op].fields;
  if (needs && target.type !== undefined && !needs.types.includes(target.type)) {
    return {
      findings: [
        issue(
          join(pointer, op),
          `"${op}" needs ${needs.noun}, but "${id}" is a ${target.type} field`,
        ),
      ],
    };
  }
  const operandPointer = join(pointer, op);
  const findings = [
    ...operandRefIssues(op, operand, operandPointer, model, scope),
    ...optionIssues(op, operand, operandPointer, target),
    ...rangeKeyIssues(op, operand, operandPointer, target),
    ...uniqueKeyIssues(op, operand, operandPointer, target),
  ];
  return { findings, group: target.type === 'group' ? target : undefined };
}

/** `{"field": "y"}` operands: y must exist, be asked in time, and fit the operator. */
function operandRefIssues(
  op: FieldOperator,
  operand: unknown,
  pointer: string,
  model: Model,
  scope: Scope,
): Finding[] {
  if (op === 'every' || op === 'some') return [];
  // A field reference, or a date worked out from a field: {"field": "dob", "plus": {…}}.
  const id = isFieldRef(operand)
    ? operand.field
    : DATE_OPERATORS.has(op) && isObject(operand) && typeof operand.field === 'string'
      ? operand.field
      : undefined;
  if (id === undefined) return [];
  const here = join(pointer, 'field');
  const resolved = resolveField(id, model, scope);
  if ('problem' in resolved) return [issue(here, resolved.problem)];
  const needs = OPERATORS[op].fields;
  const type = resolved.entry.type;
  if (needs && type !== undefined && !needs.types.includes(type)) {
    return [
      issue(here, `"${op}" compares with "${id}", which is a ${type} field; use ${needs.noun}`),
    ];
  }
  return [];
}

/**
 * `equals` / `notEquals` / `in` on a choice field must use its option values (on `checkboxes`
 * they test whether a value is among the chosen ones, so the same holds).
 */
function optionIssues(
  op: FieldOperator,
  operand: unknown,
  pointer: string,
  target: FieldEntry,
): Finding[] {
  if (target.type === undefined || !CHOICE_TYPES.includes(target.type)) return [];
  const values = optionValues(target);
  if (values.size === 0) return [];
  const notAnOption = (value: unknown, at: string): Finding[] =>
    typeof value === 'string' && values.has(value)
      ? []
      : [
          issue(
            at,
            `"${op}" value ${JSON.stringify(value)} is not an option of "${target.id}" (options: ${listed(values)})`,
          ),
        ];
  if ((op === 'equals' || op === 'notEquals') && !isFieldRef(operand)) {
    return notAnOption(operand, pointer);
  }
  if (op === 'in' && Array.isArray(operand)) {
    return operand.flatMap((value, index) => notAnOption(value, join(pointer, index)));
  }
  return [];
}

// Read once per field, not once per condition naming it: thousands of conditions on a field
// with thousands of options were quadratic.
const optionValueCache = new WeakMap<FieldEntry, ReadonlySet<string>>();

function optionValues(target: FieldEntry): ReadonlySet<string> {
  let values = optionValueCache.get(target);
  if (!values) {
    const options = Array.isArray(target.node.options) ? target.node.options : [];
    values = new Set(
      options.flatMap((option) =>
        isObject(option) && typeof option.value === 'string' ? [option.value] : [],
      ),
    );
    optionValueCache.set(target, values);
  }
  return values;
}

/** The first values, quoted, and how many more: a message need not list thousands of options. */
function listed(values: ReadonlySet<string>, most = 20): string {
  const shown = [...values].slice(0, most).map((v) => JSON.stringify(v));
  return values.size > most
    ? `${shown.join(', ')} and ${values.size - most} more`
    : shown.join(', ');
}

/** `noOverlap` / `noGaps`: `from` and `to` must be date fields of the group's rows. */
function rangeKeyIssues(
  op: FieldOperator,
  operand: unknown,
  pointer: string,
  group: FieldEntry,
): Finding[] {
  if ((op !== 'noOverlap' && op !== 'noGaps') || group.type !== 'group' || !isObject(operand)) {
    return [];
  }
  return ['from', 'to'].flatMap((key) => {
    const id = String(operand[key]);
    const row = group.rows.get(id);
    const here = join(pointer, key);
    if (!row) {
      return [
        issue(
          here,
          `unknown field "${id}" in the rows of "${group.id}"${didYouMean(id, group.rows.keys())}`,
        ),
      ];
    }
    if (row.type !== undefined && row.type !== 'date') {
      return [
        issue(
          here,
          `"${key}" must be a date field of the rows of "${group.id}", but "${id}" is a ${row.type} field`,
        ),
      ];
    }
    return [];
  });
}

// ---------------------------------------------------------------------------------------------
// Rules and procedure-wide settings

function ruleFieldIssues(model: Model): Finding[] {
  const rules = model.root && Array.isArray(model.root.rules) ? model.root.rules : [];
  return rules.flatMap((rule, index) => {
    if (!isObject(rule) || !Array.isArray(rule.fields)) return [];
    const pointer = join(join('/rules', index), 'fields');
    return rule.fields.flatMap((id, position) =>
      typeof id !== 'string' || model.byId.has(id)
        ? []
        : [
            issue(
              join(pointer, position),
              `unknown field "${id}"${didYouMean(id, model.byId.keys())}`,
            ),
          ],
    );
  });
}

/**
 * A per-unit fee counts the answer of a number field asked directly on a step (not a row of a
 * group): copies, pages, people.
 */
function feePerIssues(model: Model): Finding[] {
  const fees = model.root && Array.isArray(model.root.fees) ? model.root.fees : [];
  return fees.flatMap((fee, index) => {
    const per = isObject(fee) && isObject(fee.per) ? fee.per : undefined;
    if (!per) return [];
    const at = join(join('/fees', index), 'per');
    const findings = (['field', 'times'] as const).flatMap((key) => {
      const id = per[key];
      if (typeof id !== 'string') return [];
      const pointer = join(at, key);
      const entry = model.topLevel.get(id);
      if (!entry) {
        const inRow = model.byId.has(id)
          ? ` is a field of a group's rows; name`
          : ' is unknown; name';
        return [
          issue(
            pointer,
            `"${id}"${inRow} a number field asked directly on a step${didYouMean(id, model.topLevel.keys())}`,
          ),
        ];
      }
      return entry.type === 'number' || entry.type === undefined
        ? []
        : [
            issue(
              pointer,
              key === 'field'
                ? `"${id}" is a ${entry.type} field; a fee is counted per unit of a number field (type "number"), such as a count of copies`
                : `"${id}" is a ${entry.type} field; a fee's count is multiplied by the answer of a number field (type "number"), such as a count of copies`,
            ),
          ];
    });
    const from = typeof per.from === 'number' ? per.from : 1;
    // An upTo below 1 is the schema's to report.
    if (typeof per.upTo === 'number' && per.upTo >= 1 && per.upTo < from) {
      findings.push(
        issue(
          join(at, 'upTo'),
          `"upTo" ${per.upTo} is before "from" ${from}, so the fee would never count a unit; make "upTo" at least ${from}`,
        ),
      );
    }
    if (per.times !== undefined && per.times === per.field) {
      findings.push(
        issue(
          join(at, 'times'),
          `"times" names "${String(per.field)}", the field the fee already counts; name the other number, such as the count of copies`,
        ),
      );
    }
    return findings;
  });
}

/**
 * A prefill copies an answer asked before the field, directly on a step (not in a group's rows),
 * of a type whose answer the field can hold.
 */
function prefillIssues(model: Model): Finding[] {
  return model.fields.flatMap((entry) => {
    const prefill = entry.node.prefill;
    const id = isObject(prefill) ? prefill.from : undefined;
    if (typeof id !== 'string') return [];
    const pointer = join(join(entry.pointer, 'prefill'), 'from');
    const source = model.topLevel.get(id);
    const problem = entry.group
      ? "a field in a group's rows cannot be prefilled; prefill a field asked directly on a step"
      : !source
        ? `"${id}" is ${model.byId.has(id) ? "a field of a group's rows" : 'unknown'}; name a field asked directly on a step${didYouMean(id, model.topLevel.keys())}`
        : source === entry || source.order > entry.order
          ? `"${id}" is not asked before "${entry.id}"; a field can only start from an answer given earlier`
          : source.type !== entry.type && source.type !== undefined && entry.type !== undefined
            ? `"${id}" is a ${source.type} field and "${entry.id}" a ${entry.type} field; a prefill copies an answer of the same type`
            : undefined;
    return problem ? [issue(pointer, problem)] : [];
  });
}

/**
 * `together` joins fields of one step on one page; the same name on another step, or on a
 * group's row field, would do nothing, which is a slip rather than an intent.
 */
function togetherIssues(model: Model): Finding[] {
  const firstStep = new Map<string, StepEntry>();
  return model.fields.flatMap((entry) => {
    const name = entry.node.together;
    if (typeof name !== 'string') return [];
    const pointer = join(entry.pointer, 'together');
    if (entry.group) {
      return [
        issue(
          pointer,
          `a row field of a group shares its row's page already; remove "together" (the group is one question)`,
        ),
      ];
    }
    const first = firstStep.get(name);
    if (!first) firstStep.set(name, entry.step);
    return first && first !== entry.step
      ? [
          issue(
            pointer,
            `"${name}" is used on the step "${first.id}" too; fields share a page only within one step, so give this step's fields a name of their own`,
          ),
        ]
      : [];
  });
}

function timeZoneIssues(root: Json | undefined): Finding[] {
  const timeZone = root?.timeZone;
  if (typeof timeZone !== 'string') return [];
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return [];
  } catch {
    return [
      issue(
        '/timeZone',
        `unknown time zone "${timeZone}"; use an IANA name like "Asia/Ho_Chi_Minh"`,
      ),
    ];
  }
}

// ---------------------------------------------------------------------------------------------
// Dates worked out, row counts, unique rows, row rules, pack operands, rule messages

const DATE_OPERATORS: ReadonlySet<string> = new Set(['before', 'after', 'onOrBefore', 'onOrAfter']);
const AGE_OPERATORS: ReadonlySet<string> = new Set(['ageAtLeast', 'ageUnder']);
const ROW_BOUNDS = ['equals', 'lt', 'lte', 'gt', 'gte'] as const;
const SHIFT_UNITS = ['years', 'months', 'days'] as const;

/**
 * The inside of operands whose outer shape is right: a date worked out (`plus`), the bounds of
 * `rows`, and `on` beside an age; each problem at its own key.
 */
function operandDetailIssues(node: Json, op: FieldOperator, pointer: string): Finding[] {
  const at = join(pointer, op);
  const found: Finding[] = [];
  if (DATE_OPERATORS.has(op)) found.push(...dateExpressionIssues(node[op], at));
  if (op === 'rows') found.push(...rowCountIssues(node[op], at));
  if (has(node, 'on')) {
    const on = join(pointer, 'on');
    if (!AGE_OPERATORS.has(op)) {
      found.push(
        issue(
          on,
          `"on" gives the date an age is counted on, so it goes with "ageAtLeast" or "ageUnder"; remove it, or compare dates with "onOrBefore" or "onOrAfter"`,
        ),
      );
    } else {
      const shape = dateOperand('on', node.on);
      found.push(...(shape ? [issue(on, shape)] : dateExpressionIssues(node.on, on)));
    }
  }
  return found;
}

/** `{"field": "dob", "plus": {"years": 14}}` or `{"today": true, "plus": {"days": -30}}`. */
function dateExpressionIssues(operand: unknown, pointer: string): Finding[] {
  if (!isObject(operand) || isFieldRef(operand)) return [];
  const start = typeof operand.field === 'string' ? 'field' : 'today';
  const found = Object.keys(operand)
    .filter((key) => key !== start && key !== 'plus')
    .map((key) =>
      issue(
        join(pointer, key),
        `unknown key "${key}"${didYouMean(key, [start, 'plus'])}; a date worked out is {"${start}": …, "plus": {"years": …, "months": …, "days": …}}`,
      ),
    );
  if (start === 'today' && operand.today !== true) {
    found.push(issue(join(pointer, 'today'), '"today" must be true'));
  }
  if (!has(operand, 'plus')) {
    if (start === 'today')
      found.push(issue(pointer, 'write "today" for today itself, or add "plus"'));
    return found;
  }
  const plus = operand.plus;
  const here = join(pointer, 'plus');
  if (!isObject(plus) || Object.keys(plus).length === 0) {
    return [
      ...found,
      issue(here, '"plus" must be like {"years": 14} or {"days": -30}: whole years, months, days'),
    ];
  }
  for (const [key, value] of Object.entries(plus)) {
    if (!(SHIFT_UNITS as readonly string[]).includes(key)) {
      found.push(
        issue(
          join(here, key),
          `unknown unit "${key}"${didYouMean(key, SHIFT_UNITS)}; use ${SHIFT_UNITS.join(', ')}`,
        ),
      );
    } else if (!Number.isInteger(value)) {
      found.push(
        issue(join(here, key), `"${key}" must be a whole number (negative to go back in time)`),
      );
    }
  }
  return found;
}

function rowCountIssues(operand: unknown, pointer: string): Finding[] {
  if (!isObject(operand)) return [];
  return Object.entries(operand).flatMap(([key, value]) => {
    if (!(ROW_BOUNDS as readonly string[]).includes(key)) {
      return [
        issue(
          join(pointer, key),
          `unknown bound "${key}"${didYouMean(key, ROW_BOUNDS)}; use ${ROW_BOUNDS.join(', ')}`,
        ),
      ];
    }
    return Number.isInteger(value) && (value as number) >= 0
      ? []
      : [issue(join(pointer, key), `"${key}" must be a whole number of rows, like 1`)];
  });
}

/** `unique` names a field of the group's rows. */
function uniqueKeyIssues(
  op: FieldOperator,
  operand: unknown,
  pointer: string,
  group: FieldEntry,
): Finding[] {
  if (op !== 'unique' || group.type !== 'group' || typeof operand !== 'string') return [];
  return group.rows.has(operand)
    ? []
    : [
        issue(
          pointer,
          `unknown field "${operand}" in the rows of "${group.id}"${didYouMean(operand, group.rows.keys())}`,
        ),
      ];
}

/** A pack operator checks its own operand; each problem lands under the operand's pointer. */
function packOperandIssues(
  operator: OperatorDefinition | undefined,
  operand: unknown,
  pointer: string,
): Finding[] {
  const problems = operator?.checkOperand?.(operand) ?? [];
  return [
    ...problems.map((problem) => issue(`${pointer}${problem.pointer ?? ''}`, problem.message)),
    ...operandSchemaIssues(operator?.operandSchema, operand, pointer),
  ];
}

const operandValidators = new WeakMap<object, ValidateFunction>();

/** An operand checked against the operator's JSON Schema, each error at its own key. */
function operandSchemaIssues(
  schema: Record<string, unknown> | undefined,
  operand: unknown,
  pointer: string,
): Finding[] {
  if (!schema) return [];
  let validate = operandValidators.get(schema);
  if (!validate) operandValidators.set(schema, (validate = fragmentAjv().compile(schema)));
  if (validate(operand)) return [];
  return (validate.errors ?? []).map((error) => {
    const at = `${pointer}${error.instancePath}`;
    const known = Object.keys(
      (error.parentSchema as { properties?: object } | undefined)?.properties ?? {},
    );
    if (error.keyword === 'additionalProperties') {
      const key = String(error.params.additionalProperty);
      return issue(
        join(at, key),
        `unknown key "${key}"${didYouMean(key, known)}; use ${known.join(', ')}`,
      );
    }
    if (error.keyword === 'minProperties' && known.length > 0) {
      return issue(at, `name at least one of ${known.join(', ')}`);
    }
    return issue(at, error.message ?? 'is not the shape this operator takes');
  });
}

/**
 * A rule with `each` names a group asked on a step; its error goes to a field of the rows, so
 * the first of `fields` must be one (the others may be row fields or dossier fields).
 */
function rowRuleIssues(model: Model): Finding[] {
  const rules = model.root && Array.isArray(model.root.rules) ? model.root.rules : [];
  return rules.flatMap((rule, index) => {
    if (!isObject(rule) || !has(rule, 'each')) return [];
    const pointer = join('/rules', index);
    const id = rule.each;
    const group = typeof id === 'string' ? model.topLevel.get(id) : undefined;
    if (!group || group.type !== 'group') {
      const groups = model.fields.filter((entry) => entry.type === 'group' && !entry.group);
      const known = groups.flatMap((entry) => (entry.id === undefined ? [] : [entry.id]));
      const what =
        typeof id !== 'string'
          ? '"each" must be the id of a group field'
          : group
            ? `"${id}" is a ${group.type ?? 'field'} field; "each" names a group field, whose rows the rule checks one by one`
            : `unknown group "${id}"${didYouMean(id, known)}`;
      return [issue(join(pointer, 'each'), what)];
    }
    const fields = Array.isArray(rule.fields) ? rule.fields : [];
    const first = fields[0];
    if (typeof first !== 'string' || group.rows.has(first)) return [];
    return [
      issue(
        join(join(pointer, 'fields'), 0),
        `"${first}" is not a field of the rows of "${group.id}"; the first field of a rule with "each" is the row field the error is shown on${didYouMean(first, group.rows.keys())}`,
      ),
    ];
  });
}

/**
 * A rule says what the citizen reads when it fails; it may leave that to a pack operator that
 * brings its own message, when `assert` is that operator alone.
 */
function ruleMessageIssues(model: Model): Finding[] {
  const rules = model.root && Array.isArray(model.root.rules) ? model.root.rules : [];
  return rules.flatMap((rule, index) => {
    if (!isObject(rule) || has(rule, 'message')) return [];
    const assert = rule.assert;
    const brought =
      isObject(assert) &&
      Object.keys(assert).some((key) => model.operators.get(key)?.message !== undefined);
    return brought
      ? []
      : [
          issue(
            join('/rules', index),
            'missing required property "message": what the citizen reads when the rule fails',
          ),
        ];
  });
}

// ---------------------------------------------------------------------------------------------
// The keys of a field's messages: codes the field can give

/** Codes a field of each type can give besides those of its `schema` and its format. */
const TYPE_CODES: Partial<Record<FieldType, readonly string[]>> = {
  number: ['number', 'integer'],
  year: ['year', 'yearMin', 'yearMax'],
  date: ['date', 'dateMin', 'dateMax'],
  select: ['enum', 'option'],
  radio: ['enum', 'option'],
  checkboxes: ['enum', 'option', 'uniqueItems'],
  email: ['email'],
  phone: ['phone'],
  file: ['fileType', 'fileSize', 'fileCount', 'paperNotAllowed'],
  address: ['address'],
  group: ['minRows', 'maxRows'],
};

/**
 * A `messages` key is a code the field can give (`maxLength`), or one with its variant
 * (`required.choice`, `date.missing-year`): any other is an override nobody will ever read,
 * most often a typo. A format's codes are its name and `name.…` (`vn-personal-id.cmnd`).
 */
function messageKeyIssues(entry: FieldEntry, formats: ReadonlySet<string>): Finding[] {
  const messages = entry.node.messages;
  if (!isObject(messages) || entry.type === undefined) return [];
  const node = entry.node;
  const schema = isObject(node.schema) ? node.schema : {};
  const canBeRequired =
    node.required === true ||
    has(node, 'requiredWhen') ||
    (entry.type === 'group' && typeof node.minRows === 'number' && node.minRows > 0);
  const codes = new Set<string>(['type', ...(TYPE_CODES[entry.type] ?? [])]);
  if (canBeRequired) codes.add('required');
  for (const keyword of Object.keys(schema)) codes.add(keyword);
  const format =
    typeof node.format === 'string'
      ? node.format
      : entry.type === 'email' || entry.type === 'phone'
        ? entry.type
        : undefined;
  // A pack may answer for a built-in format with its own codes (`phone` gives `vn-phone.…`).
  const formatCodes = format === undefined ? [] : [format, ...formats];
  const known = (key: string) => {
    const base = key.split('.')[0]!;
    return codes.has(base) || formatCodes.includes(base);
  };
  return Object.keys(messages).flatMap((key) => {
    // A message that is no text is reported as such first: one problem at a time.
    const text = messages[key];
    if (known(key) || (typeof text !== 'string' && !isObject(text))) return [];
    const candidates = [...codes, ...(format === undefined ? [] : [format])];
    const why =
      key.split('.')[0] === 'required'
        ? '; this field is never required: make it "required" or give it "requiredWhen", or remove this message'
        : `; its codes are ${candidates.join(', ')}`;
    return [
      issue(
        join(join(entry.pointer, 'messages'), key),
        `"${key}" is no code this field can give${didYouMean(key, candidates)}${why}`,
      ),
    ];
  });
}

/** `"on": {"field": "marriageDate"}` beside an age names a date field asked in time. */
function onRefIssues(on: unknown, pointer: string, model: Model, scope: Scope): Finding[] {
  if (!isObject(on) || typeof on.field !== 'string') return [];
  const here = join(pointer, 'field');
  const resolved = resolveField(on.field, model, scope);
  if ('problem' in resolved) return [issue(here, resolved.problem)];
  const type = resolved.entry.type;
  return type === undefined || type === 'date'
    ? []
    : [
        issue(
          here,
          `an age is counted on a date, but "${on.field}" is a ${type} field; name a date field`,
        ),
      ];
}
