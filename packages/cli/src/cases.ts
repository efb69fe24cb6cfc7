import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isDeepStrictEqual } from 'node:util';
import {
  type Clock,
  type Condition,
  type ConditionScope,
  DEFAULT_LOCALE,
  type DefinitionIssue,
  FIELD_OPERATORS,
  type FeeChannel,
  type FieldDefinition,
  MotcuaError,
  type OperatorDefinition,
  type Pack,
  type Procedure,
  type RuleDefinition,
  type ValidationError,
  conditionFields,
  createManualClock,
  evaluate,
  formatMessage,
  rowScope,
  todayIn,
} from '@motcua/core';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';

/** An error or warning as a case file records it: no message, so cases hold in every locale. */
export interface CaseFinding {
  /** The field it is reported on; a row field as `members.0.fullName`. */
  field: string;
  code: string;
  /** For code `rule`, the rule's id. */
  rule?: string;
}

/** One example case: a citizen's answers, and what the engine must say of them. */
export interface ExampleCase {
  name: string;
  answers: Record<string, unknown>;
  valid: boolean;
  /** Every error, in the order the engine lists them (the order of the fields). */
  errors: CaseFinding[];
  /** Every warning; none when left out. */
  warnings?: CaseFinding[];
  /** The steps asked, by id, in order (`procedure.applicableSteps`); not checked when left out. */
  steps?: string[];
  documents: string[];
  /** Where the dossier is filed, for fees that differ by channel; `online` when left out. */
  channel?: FeeChannel;
  /** The fees charged on the case's channel, by id; not checked when left out. */
  fees?: string[];
  /** Their total in đồng, per-unit fees counted; not checked when left out. */
  feeTotal?: number;
  /** False when a fee's amount is left to the officer; true when left out (checked with `feeTotal`). */
  feesComplete?: boolean;
  /** Fields that must not be in the submitted answers. */
  absent?: string[];
}

/** A procedure's example cases, kept beside its definition as `<id>.cases.json`. */
export interface CaseFile {
  $schema?: string;
  $comment?: string;
  /** The id of the procedure the cases are for. */
  procedure: string;
  /** The date the cases are judged on, `YYYY-MM-DD`, in Vietnam time. */
  today: string;
  cases: ExampleCase[];
}

/**
 * Thrown by {@link readCaseFile} and {@link checkCaseFile} when a case file is not JSON or
 * breaks `cases.schema.json`; `issues` lists every problem, each with a JSON Pointer.
 */
export class CaseFileError extends MotcuaError {
  readonly issues: readonly DefinitionIssue[];

  constructor(issues: readonly DefinitionIssue[], source?: string) {
    const where = source ? `${source}: ` : '';
    const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
    super(
      `${where}the case file has ${count}:\n` +
        issues.map((issue) => `  ${issue.pointer || '/'}: ${issue.message}`).join('\n'),
    );
    this.name = 'CaseFileError';
    this.issues = issues;
  }
}

/** Where {@link readCaseFile} finds the published schema, in the source tree and when built. */
// By the package's own name, so it holds wherever rollup puts this module (dist/ or dist/chunks/).
const SCHEMA_PATH = createRequire(import.meta.url).resolve('@motcua/cli/schema/cases.schema.json');
let validator: ValidateFunction | undefined;

/**
 * Reads a case file and checks it against `cases.schema.json` (and that every case has its own
 * name).
 *
 * @throws {CaseFileError} naming the file and every problem, with how to fix it.
 * @example
 * const cases = await readCaseFile('procedures/birth-registration.cases.json');
 */
export async function readCaseFile(path: string, source = path): Promise<CaseFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message =
      code === 'ENOENT'
        ? 'no such file; write the cases there, or give their file with --cases'
        : `cannot be read (${code ?? (error as Error).message}); check that the file can be read`;
    throw new CaseFileError([{ pointer: '', message }], source);
  }
  return checkCaseFile(parseJson(text, source), source);
}

/**
 * Checks an already parsed case file against `cases.schema.json` and returns it typed.
 *
 * @throws {CaseFileError} listing every problem with its JSON Pointer.
 * @example
 * const cases = checkCaseFile(JSON.parse(text), 'birth-registration.cases.json');
 */
export function checkCaseFile(json: unknown, source?: string): CaseFile {
  validator ??= new Ajv2020({ allErrors: true, verbose: true, strict: true }).compile(
    JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as object,
  );
  if (!validator(json)) {
    throw new CaseFileError(schemaIssues(validator.errors ?? []), source);
  }
  const file = json as CaseFile;
  const named = new Map<string, number>();
  const issues: DefinitionIssue[] = [];
  file.cases.forEach((example, index) => {
    const first = named.get(example.name);
    if (first === undefined) named.set(example.name, index);
    else {
      issues.push({
        pointer: `/cases/${index}/name`,
        message: `"${example.name}" is also the name of /cases/${first}; give each case its own name, so a failure names one case`,
      });
    }
  });
  if (issues.length > 0) throw new CaseFileError(issues, source);
  return file;
}

function parseJson(text: string, source: string): unknown {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch (error) {
    const reason = (error as Error).message;
    const position = /at position (\d+)/.exec(reason);
    const before = body.slice(0, position ? Number(position[1]) : body.length).split(/\r\n|\r|\n/);
    const at = `line ${before.length}, column ${(before[before.length - 1]?.length ?? 0) + 1}`;
    const what = reason.replace(/ in JSON at position \d+.*$/, '').replace(/ \(line \d+.*\)$/, '');
    throw new CaseFileError(
      [
        {
          pointer: '',
          message: `not valid JSON (${what}, ${at}); check commas, quotes and brackets`,
        },
      ],
      source,
    );
  }
}

/** What to write for a key that is missing, by key. */
const MISSING: Record<string, string> = {
  procedure: 'add "procedure": the "id" of the definition the cases are for',
  today: 'add "today": the date the cases are judged on, e.g. "2025-09-01"',
  cases: 'add "cases": [ … ], the example cases',
  name: 'add "name": what the case shows, in a sentence',
  answers: 'add "answers": { … }, the answers by field id',
  valid: 'add "valid": true or false',
  errors: 'add "errors": [] when the case has none, or the errors the engine must give',
  documents: 'add "documents": [ … ], the ids of the documents to bring',
  field: 'add "field": the id of the field the error is reported on',
  code: 'add "code": the error code, e.g. "required"',
};

/** How a key's value must look, for a pattern it breaks. */
const SHAPES: Record<string, string> = {
  today: 'must be a date written YYYY-MM-DD, e.g. "2025-09-01"',
};

function schemaIssues(errors: readonly ErrorObject[]): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  for (const error of errors) {
    const issue = schemaIssue(error);
    if (!issues.some((seen) => seen.pointer === issue.pointer && seen.message === issue.message))
      issues.push(issue);
  }
  return issues;
}

function schemaIssue(error: ErrorObject): DefinitionIssue {
  const at = error.instancePath;
  const key = at.slice(at.lastIndexOf('/') + 1);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': {
      const missing = String(params.missingProperty);
      return {
        pointer: at,
        message: `"${missing}" is missing; ${MISSING[missing] ?? `add "${missing}"`}`,
      };
    }
    case 'additionalProperties': {
      const extra = String(params.additionalProperty);
      const known = Object.keys(
        (error.parentSchema as { properties?: object } | undefined)?.properties ?? {},
      );
      const near = closest(extra, known);
      return {
        pointer: `${at}/${escapePointer(extra)}`,
        message: near
          ? `unknown key "${extra}" (did you mean "${near}"?)`
          : `unknown key "${extra}"; the keys are ${known.map((name) => `"${name}"`).join(', ')}`,
      };
    }
    case 'type':
      return {
        pointer: at,
        message: `must be ${article(String(params.type))}, not ${describe(error.data)}`,
      };
    case 'enum':
      return {
        pointer: at,
        message: `must be one of ${(params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(', ')}, not ${describe(error.data)}`,
      };
    case 'pattern':
      return {
        pointer: at,
        message: `${SHAPES[key] ?? 'must be an id: letters, digits, "_" and "-", starting with a letter'}, not ${describe(error.data)}`,
      };
    case 'minItems':
      return { pointer: at, message: 'must not be empty; add at least one case' };
    default:
      return { pointer: at, message: error.message ?? error.keyword };
  }
}

function article(type: string): string {
  const names: Record<string, string> = {
    boolean: 'true or false',
    integer: 'a whole number',
    number: 'a number',
    string: 'a string',
    array: 'an array [ … ]',
    object: 'an object { … }',
  };
  return names[type] ?? type;
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The closest name within two edits, for "did you mean". */
function closest(word: string, names: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const name of names) {
    const distance = editDistance(word.toLowerCase(), name.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [name, distance];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The clock a case file's cases are judged by: 09:00 in Vietnam on its `today`, so ages and
 * "today" limits give the same results on every machine and every day.
 */
export function caseClock(caseFile: Pick<CaseFile, 'today'>): Clock {
  return createManualClock(`${caseFile.today}T09:00:00+07:00`);
}

/** What the engine says of one case, in the shape a case file records. */
export interface CaseOutcome {
  valid: boolean;
  steps: string[];
  errors: CaseFinding[];
  warnings: CaseFinding[];
  documents: string[];
  fees: string[];
  feeTotal: number;
  feesComplete: boolean;
  /** The fields in the submitted (pruned) answers. */
  submitted: string[];
}

/** One case run: `diff` has one line a key where the engine said something else. */
export interface CaseResult {
  name: string;
  passed: boolean;
  /**
   * What differs, one line a key, e.g. `errors: expected [childName required] but got
   * [childName required, motherName vn-person-name]`; empty when the case passes.
   */
  diff: string[];
  /** What the engine said; absent when it threw (the diff then says what it threw). */
  outcome?: CaseOutcome;
}

/** Options of {@link runCases} and {@link coverage}. */
export interface CaseOptions {
  /** Where "today" is read; 09:00 in Vietnam on the case file's `today` by default. */
  clock?: Pick<Clock, 'now'>;
}

/**
 * Runs every case of a case file against a procedure and says, for each, what differs from
 * what the case expects.
 *
 * @throws {MotcuaError} when the case file is for another procedure.
 * @example
 * const results = runCases(procedure, await readCaseFile('birth-registration.cases.json'));
 * for (const result of results) if (!result.passed) console.log(result.name, result.diff);
 */
export function runCases(
  procedure: Procedure,
  caseFile: CaseFile,
  options: CaseOptions = {},
): CaseResult[] {
  assertSameProcedure(procedure, caseFile);
  const clock = options.clock ?? caseClock(caseFile);
  return caseFile.cases.map((example) => {
    let outcome: CaseOutcome;
    try {
      outcome = outcomeOf(procedure, example, clock);
    } catch (error) {
      return {
        name: example.name,
        passed: false,
        diff: [`the engine threw: ${(error as Error).message}`],
      };
    }
    const diff = differences(example, outcome);
    return { name: example.name, passed: diff.length === 0, diff, outcome };
  });
}

function assertSameProcedure(procedure: Procedure, caseFile: CaseFile): void {
  if (caseFile.procedure !== procedure.id) {
    throw new MotcuaError(
      `the cases are for "${caseFile.procedure}" but the definition is "${procedure.id}"; give the cases of "${procedure.id}", or set "procedure": "${procedure.id}" in the case file`,
    );
  }
}

function outcomeOf(
  procedure: Procedure,
  example: ExampleCase,
  clock: Pick<Clock, 'now'>,
): CaseOutcome {
  const { answers } = example;
  const result = procedure.validate(answers, { clock });
  const fees = procedure.fees(answers, { clock, channel: example.channel });
  return {
    valid: result.valid,
    steps: procedure.applicableSteps(answers, { clock }).map((step) => step.id),
    errors: findings(result.errors),
    warnings: findings(result.warnings),
    documents: procedure.documents(answers, { clock }).map((document) => document.id),
    fees: fees.lines.map((line) => line.id),
    feeTotal: fees.total,
    feesComplete: fees.complete,
    submitted: Object.keys(result.answers),
  };
}

function findings(errors: readonly ValidationError[]): CaseFinding[] {
  return errors.map((error) =>
    error.code === 'rule'
      ? { field: error.field, code: error.code, rule: String(error.params.rule) }
      : { field: error.field, code: error.code },
  );
}

function differences(example: ExampleCase, outcome: CaseOutcome): string[] {
  const diff: string[] = [];
  const compare = <T>(key: string, expected: T, actual: T, show: (value: T) => string) => {
    if (!isDeepStrictEqual(expected, actual))
      diff.push(`${key}: expected ${show(expected)} but got ${show(actual)}`);
  };
  const ids = (list: readonly string[]) => `[${list.join(', ')}]`;
  const found = (list: readonly CaseFinding[]) =>
    `[${list.map((item) => [item.field, item.code, item.rule ?? ''].join(' ').trim()).join(', ')}]`;
  // A finding written with extra keys, or `rule` on a code that has none, compares by what the
  // engine reports.
  const recorded = (list: readonly CaseFinding[]) =>
    list.map(({ field, code, rule }) =>
      rule === undefined ? { field, code } : { field, code, rule },
    );

  compare('valid', example.valid, outcome.valid, String);
  if (example.steps !== undefined) compare('steps', example.steps, outcome.steps, ids);
  compare('errors', recorded(example.errors), outcome.errors, found);
  compare('warnings', recorded(example.warnings ?? []), outcome.warnings, found);
  compare('documents', example.documents, outcome.documents, ids);
  if (example.fees !== undefined) compare('fees', example.fees, outcome.fees, ids);
  if (example.feeTotal !== undefined)
    compare('feeTotal', example.feeTotal, outcome.feeTotal, String);
  if (example.feeTotal !== undefined || example.feesComplete !== undefined) {
    compare('feesComplete', example.feesComplete ?? true, outcome.feesComplete, String);
  }
  const submitted = (example.absent ?? []).filter((id) => outcome.submitted.includes(id));
  if (submitted.length > 0) {
    diff.push(
      `absent: expected ${ids(example.absent ?? [])} left out but got ${ids(submitted)} submitted`,
    );
  }
  return diff;
}

/** What {@link coverage} counts, in the order it reports them. */
export const COVERAGE_CATEGORIES = [
  'steps',
  'when',
  'requiredWhen',
  'rules',
  'documents',
  'fees',
  'messages',
] as const;

/**
 * A kind of thing the cases should exercise: `steps` visited; each `when` (of steps, fields,
 * documents, fees, rules) true in one case and false in another; each `requiredWhen` likewise;
 * `rules` passing and failing; `documents` needed (and, when conditional, not needed); `fees`
 * applying (and, when they depend on the case, not applying); `messages` shown.
 */
export type CoverageCategory = (typeof COVERAGE_CATEGORIES)[number];

/** Something no case exercises: where it is in the definition, and what never happens. */
export interface Uncovered {
  category: CoverageCategory;
  /** A JSON Pointer into the definition, e.g. `/steps/2/when`. */
  pointer: string;
  /** What no case shows, e.g. `never false`, `never passes`, `never visited`. */
  gap: string;
}

/** How much of one category the cases exercise. */
export interface CategoryCoverage {
  category: CoverageCategory;
  covered: number;
  total: number;
  /** `covered / total` as a percentage; 100 when there is nothing to cover. */
  percent: number;
}

/** What {@link coverage} finds: counts per category and overall, and every gap. */
export interface CoverageReport {
  categories: CategoryCoverage[];
  covered: number;
  total: number;
  percent: number;
  /** Each gap, by category in {@link COVERAGE_CATEGORIES} order, then in the definition's. */
  uncovered: Uncovered[];
}

/** Options of {@link coverage}. */
export interface CoverageOptions extends CaseOptions {
  /**
   * The packs the procedure was loaded with: rules' and fees' conditions that use a pack's
   * operators are evaluated with them.
   */
  packs?: readonly Pack[];
}

/** `Uncovered` printed as the command prints it: `/steps/2/when (never false)`. */
export function formatUncovered(item: Uncovered): string {
  return `${item.pointer} (${item.gap})`;
}

interface Target extends Uncovered {
  hit: boolean;
}

/**
 * Says what no case of a case file exercises: steps never visited, conditions never true or
 * never false, rules never passing or never failing, documents and fees never needed (or
 * always), field and rule messages never shown. A rule passes in a case where it is checked
 * (its fields are shown and its inputs have no errors of their own), its `when` holds, and it
 * does not fail.
 *
 * @throws {MotcuaError} when a rule's or fee's condition uses an operator of a pack not given.
 * @example
 * const report = coverage(procedure, cases, { packs: [vn] });
 * console.log(`${report.percent}%`, report.uncovered.map(formatUncovered));
 */
export function coverage(
  procedure: Procedure,
  caseFile: CaseFile,
  options: CoverageOptions = {},
): CoverageReport {
  assertSameProcedure(procedure, caseFile);
  const clock = options.clock ?? caseClock(caseFile);
  const definition = procedure.definition;
  const operators = new Map<string, OperatorDefinition>();
  for (const pack of options.packs ?? []) {
    for (const [name, operator] of Object.entries(pack.operators ?? {}))
      operators.set(name, operator);
  }

  const targets = new Map<string, Target>();
  const target = (category: CoverageCategory, pointer: string, gap: string) =>
    targets.set(`${pointer} ${gap}`, { category, pointer, gap, hit: false });
  const hit = (pointer: string, gap: string) => {
    const found = targets.get(`${pointer} ${gap}`);
    if (found) found.hit = true;
  };
  const condition = (pointer: string, holds: boolean) =>
    hit(`${pointer}/when`, holds ? 'never true' : 'never false');
  const whenTargets = (owner: { when?: Condition }, pointer: string) => {
    if (!owner.when) return;
    target('when', `${pointer}/when`, 'never true');
    target('when', `${pointer}/when`, 'never false');
  };

  // Fields by definition object, for messages: an error names a field by path, and
  // procedure.field() finds the definition a path points to.
  const fieldPointers = new Map<FieldDefinition, string>();
  const visitField = (field: FieldDefinition, pointer: string) => {
    fieldPointers.set(field, pointer);
    whenTargets(field, pointer);
    // With `required: true` the engine never reads `requiredWhen`.
    if (field.requiredWhen && field.required !== true) {
      target('requiredWhen', `${pointer}/requiredWhen`, 'never true');
      target('requiredWhen', `${pointer}/requiredWhen`, 'never false');
    }
    for (const key of Object.keys(field.messages ?? {}))
      target('messages', `${pointer}/messages/${escapePointer(key)}`, 'never shown');
    field.fields?.forEach((inner, index) => visitField(inner, `${pointer}/fields/${index}`));
  };
  definition.steps.forEach((step, s) => {
    target('steps', `/steps/${s}`, 'never visited');
    whenTargets(step, `/steps/${s}`);
    step.fields.forEach((field, f) => visitField(field, `/steps/${s}/fields/${f}`));
  });
  const rules = (definition.rules ?? []).map((rule, index) => {
    const pointer = `/rules/${index}`;
    whenTargets(rule, pointer);
    target('rules', pointer, 'never passes');
    target('rules', pointer, 'never fails');
    target('messages', `${pointer}/message`, 'never shown');
    requireOperators(rule.when, `${pointer}/when`, operators);
    requireOperators(rule.assert, `${pointer}/assert`, operators);
    const inputs = new Set(rule.fields);
    if (rule.when) conditionFields(rule.when, inputs, operators);
    conditionFields(rule.assert, inputs, operators);
    return { rule, pointer, inputs };
  });
  (definition.documents ?? []).forEach((document, index) => {
    whenTargets(document, `/documents/${index}`);
    target('documents', `/documents/${index}`, 'never needed');
    if (document.when) target('documents', `/documents/${index}`, 'always needed');
  });
  (definition.fees ?? []).forEach((fee, index) => {
    whenTargets(fee, `/fees/${index}`);
    requireOperators(fee.when, `/fees/${index}/when`, operators);
    target('fees', `/fees/${index}`, 'never applies');
    const dependsOnCase =
      fee.when !== undefined ||
      fee.per !== undefined ||
      (fee.channel !== undefined && fee.channel !== 'any');
    if (dependsOnCase) target('fees', `/fees/${index}`, 'always applies');
  });

  const timeZone = definition.timeZone ?? 'Asia/Ho_Chi_Minh';
  for (const example of caseFile.cases) {
    const { answers } = example;
    const check = { clock };
    const asked = procedure.applicableSteps(answers, check);
    const shown = new Set(
      asked.flatMap((step) => procedure.visibleFields(step.id, answers, check).map((f) => f.id)),
    );
    const result = procedure.validate(answers, check);
    const fieldErrors = result.errors.filter((error) => error.code !== 'rule');

    definition.steps.forEach((step, s) => {
      const visited = asked.includes(step);
      if (visited) hit(`/steps/${s}`, 'never visited');
      if (step.when) condition(`/steps/${s}`, visited);
      // A field's `when` and `requiredWhen` are read only on a step that is asked.
      if (!visited) return;
      step.fields.forEach((field, f) => {
        const pointer = `/steps/${s}/fields/${f}`;
        const visible = shown.has(field.id);
        if (field.when) condition(pointer, visible);
        if (visible) requiredWhenSeen(field, field.id, pointer);
        if (!visible || field.type !== 'group' || !Array.isArray(answers[field.id])) return;
        // A group whose value has an error of its own may not have had its rows checked.
        if (fieldErrors.some((error) => error.field === field.id)) return;
        (answers[field.id] as unknown[]).forEach((_row, r) => {
          field.fields?.forEach((inner, i) => {
            const path = `${field.id}.${r}.${inner.id}`;
            const rowVisible = procedure.isVisible(path, answers, check);
            if (inner.when) condition(`${pointer}/fields/${i}`, rowVisible);
            if (rowVisible) requiredWhenSeen(inner, path, `${pointer}/fields/${i}`);
          });
        });
      });
    });

    function requiredWhenSeen(field: FieldDefinition, path: string, pointer: string): void {
      if (!field.requiredWhen || field.required === true) return;
      const required = procedure.isRequired(path, answers, check);
      hit(`${pointer}/requiredWhen`, required ? 'never true' : 'never false');
    }

    const values = result.answers;
    const scope: ConditionScope = {
      today: todayIn(clock, timeZone),
      operators,
      value: (id) => values[id],
    };
    const failed = new Set(
      [...result.errors, ...result.warnings]
        .filter((error) => error.code === 'rule')
        .map((error) => String(error.params.rule)),
    );
    for (const { rule, pointer, inputs } of rules) {
      const fails = failed.has(rule.id);
      if (fails) {
        hit(pointer, 'never fails');
        hit(`${pointer}/message`, 'never shown');
      }
      if (rule.each !== undefined) {
        eachRowSeen(rule, pointer, inputs);
        continue;
      }
      // A rule's `when` counts in every case, as a document's does: a reviewer proves "an adult
      // needs no consent" with an adult, whose consent question is not even asked.
      const holds = !rule.when || evaluate(rule.when, scope);
      if (rule.when) condition(pointer, holds);
      // As the engine: a rule about a hidden field does not apply, and a rule waits until its
      // inputs have no errors of their own; only a rule checked can pass.
      const checked =
        rule.fields.every((id) => shown.has(id)) &&
        ![...inputs].some((id) =>
          fieldErrors.some((error) => error.field === id || error.field.startsWith(`${id}.`)),
        );
      if (checked && holds && !fails) hit(pointer, 'never passes');
    }

    // A rule with `each` is checked row by row, as the engine does: its `when` counts for each
    // row of the group shown, and it passes in a row where it is checked (the row's fields it
    // names are shown, its inputs have no errors of their own there), `when` holds, and that row
    // has no error of the rule.
    function eachRowSeen(rule: RuleDefinition, pointer: string, inputs: Set<string>): void {
      const each = rule.each!;
      const rows = values[each];
      if (!shown.has(each) || !Array.isArray(rows)) return;
      const rowIds = new Set(procedure.field(each)?.fields?.map((inner) => inner.id) ?? []);
      rows.forEach((row, index) => {
        if (row === null || typeof row !== 'object') return;
        const record = row as Record<string, unknown>;
        const at = (id: string) => (rowIds.has(id) ? `${each}.${index}.${id}` : id);
        // The row's fields first, then the dossier's: the engine's own row scope.
        const holds = !rule.when || evaluate(rule.when, rowScope(record, scope));
        if (rule.when) condition(pointer, holds);
        const rowFails = [...result.errors, ...result.warnings].some(
          (error) =>
            error.code === 'rule' &&
            error.params.rule === rule.id &&
            error.field === at(rule.fields[0]!),
        );
        const checked =
          rule.fields.every((id) => procedure.isVisible(at(id), answers, check)) &&
          ![...inputs]
            .filter((id) => id !== each)
            .some((id) =>
              fieldErrors.some(
                (error) => error.field === at(id) || error.field.startsWith(`${at(id)}.`),
              ),
            );
        if (checked && holds && !rowFails) hit(pointer, 'never passes');
      });
    }

    const needed = procedure.documents(answers, check);
    (definition.documents ?? []).forEach((document, index) => {
      const isNeeded = needed.includes(document);
      hit(`/documents/${index}`, isNeeded ? 'never needed' : 'always needed');
      if (document.when) condition(`/documents/${index}`, isNeeded);
    });

    const charged = procedure.fees(answers, { ...check, channel: example.channel });
    (definition.fees ?? []).forEach((fee, index) => {
      const applies = charged.lines.some((line) => line.id === fee.id);
      hit(`/fees/${index}`, applies ? 'never applies' : 'always applies');
      if (fee.when) condition(`/fees/${index}`, evaluate(fee.when, scope));
    });

    for (const error of [...result.errors, ...result.warnings]) {
      const field = error.code === 'rule' ? undefined : procedure.field(error.field);
      const pointer = field && fieldPointers.get(field);
      if (!field?.messages || pointer === undefined) continue;
      for (const [key, text] of Object.entries(field.messages)) {
        if (key !== error.code && !key.startsWith(`${error.code}.`)) continue;
        // The override was shown when the message, built from it alone, is the one the engine
        // gave: this tells `date.missing-day` from `date`, whose choice rests on the params.
        const variant = key === error.code ? undefined : key.slice(error.code.length + 1);
        const alone = { ...field, messages: { [key]: text } };
        const message = formatMessage(
          { code: error.code, params: error.params, field: alone, variant },
          DEFAULT_LOCALE,
          [],
        );
        if (message === error.message)
          hit(`${pointer}/messages/${escapePointer(key)}`, 'never shown');
      }
    }
  }

  const all = [...targets.values()];
  const categories = COVERAGE_CATEGORIES.map((category) => {
    const mine = all.filter((item) => item.category === category);
    const covered = mine.filter((item) => item.hit).length;
    return { category, covered, total: mine.length, percent: percentOf(covered, mine.length) };
  });
  const covered = all.filter((item) => item.hit).length;
  const uncovered = COVERAGE_CATEGORIES.flatMap((category) =>
    all
      .filter((item) => item.category === category && !item.hit)
      .map(({ category: kind, pointer, gap }) => ({ category: kind, pointer, gap })),
  );
  return {
    categories,
    covered,
    total: all.length,
    percent: percentOf(covered, all.length),
    uncovered,
  };
}

function percentOf(covered: number, total: number): number {
  return total === 0 ? 100 : (covered / total) * 100;
}

const BUILT_IN = new Set<string>(['field', ...FIELD_OPERATORS]);

/** Fails loudly where a missing pack would make a condition silently false. */
function requireOperators(
  condition: Condition | undefined,
  pointer: string,
  operators: ReadonlyMap<string, OperatorDefinition>,
): void {
  if (!condition) return;
  if ('all' in condition || 'any' in condition) {
    const inner = 'all' in condition ? condition.all : condition.any;
    inner.forEach((item) => requireOperators(item, pointer, operators));
    return;
  }
  if ('not' in condition) return requireOperators(condition.not, pointer, operators);
  for (const [key, operand] of Object.entries(condition)) {
    if ((key === 'every' || key === 'some') && operand && typeof operand === 'object') {
      requireOperators(operand as Condition, pointer, operators);
    } else if (!BUILT_IN.has(key) && !operators.has(key)) {
      throw new MotcuaError(
        `${pointer} uses the operator "${key}", which no pack given provides; pass the pack the procedure was loaded with: coverage(procedure, cases, { packs })`,
      );
    }
  }
}
