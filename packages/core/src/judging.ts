/**
 * What a procedure works out only once its checks are here: which rules fail, the fees and the
 * papers to bring, and every message in words. Plain functions of what the answers resolved to;
 * `procedure.ts` calls them through `judge.ts`, so that a page's runtime can load them with the
 * checks instead of before the first page.
 *
 * @internal
 * @module
 */
import { type Answers, FORBIDDEN_KEYS, isPaperAnswer } from './answers.js';
import { conditionFields, evaluate, repeatedRow, rowScope } from './condition.js';
import type {
  Fee,
  FeeChannel,
  FeePer,
  FieldDefinition,
  ProcedureDefinition,
  RuleDefinition,
  StepDefinition,
} from './definition.js';
import { MotcuaError } from './errors.js';
import { defaultMessages } from './default-messages.js';
import type { OperatorDefinition } from './formats.js';
import { type MessageCatalog, formatMessage } from './messages.js';
import type {
  Failure,
  FeeLine,
  Fees,
  Issue,
  PaperToBring,
  ProcedureChecks,
  Resolution,
  SchemaValidators,
  StepCheck,
  TextsOverlay,
  ValidationError,
} from './procedure.js';
import { localize } from './text.js';

/** What the messages of a procedure are written from. */
export interface MessageContext {
  readonly rules: readonly RuleDefinition[];
  readonly operators: ReadonlyMap<string, OperatorDefinition>;
  /** The packs' catalogues, looked up before the default messages (which come last). */
  readonly catalogs: readonly MessageCatalog[];
  field(path: string): FieldDefinition | undefined;
  /** Where an error's field comes in the form: errors are listed in that order. */
  order(path: string): number;
}

/** The fees charged on `channel` for what the answers resolved to. */
export function feesOf(
  fees: readonly Fee[],
  { scope, values }: Resolution,
  channel: FeeChannel,
): Fees {
  const lines: FeeLine[] = [];
  for (const fee of fees) {
    if (!chargedOn(fee, channel) || (fee.when && !evaluate(fee.when, scope))) continue;
    const quantity = fee.per ? unitsOf(fee.per, values) : 1;
    // A per-unit fee with nothing to count (no copies asked, none past the free ones) is not
    // charged at all, rather than shown as "0 đồng" beside a label that says "per copy".
    if (quantity === 0) continue;
    const line: FeeLine = { id: fee.id, label: fee.label, quantity };
    if (fee.note !== undefined) line.note = fee.note;
    if (fee.amount !== undefined) {
      line.unitAmount = fee.amount;
      line.amount = fee.amount * quantity;
    }
    lines.push(line);
  }
  return {
    channel,
    lines,
    total: lines.reduce((sum, line) => sum + (line.amount ?? 0), 0),
    complete: lines.every((line) => line.amount !== undefined),
    currency: 'VND',
  };
}

function chargedOn(fee: Fee, channel: FeeChannel): boolean {
  const on = fee.channel ?? 'any';
  return on === 'any' || on === channel || (Array.isArray(on) && on.includes(channel));
}

/**
 * The units a per-unit fee counts: the whole units of `per.field`'s answer from the `from`-th to
 * the `upTo`-th, times the whole units of `per.times`'s answer when it names a field.
 */
function unitsOf(
  { field, from = 1, upTo = Infinity, times }: FeePer,
  values: Readonly<Record<string, unknown>>,
): number {
  const count = (id: string) => {
    const value = values[id];
    return Number.isFinite(value) ? Math.max(0, Math.floor(value as number)) : 0;
  };
  return Math.max(0, Math.min(count(field), upTo) - from + 1) * (times ? count(times) : 1);
}

/** The files the citizen chose to bring on paper, in the order of the form. */
export function papersOf({ steps, values }: Resolution): PaperToBring[] {
  const found: PaperToBring[] = [];
  const visit = (fields: readonly FieldDefinition[], kept: Answers, prefix: string) => {
    for (const field of fields) {
      const value = kept[field.id];
      if (field.type === 'file' && field.paper !== false && isPaperAnswer(value)) {
        found.push({ field: `${prefix}${field.id}`, label: field.label });
      } else if (field.type === 'group' && Array.isArray(value)) {
        (value as Answers[]).forEach((row, index) =>
          visit(field.fields ?? [], row, `${prefix}${field.id}.${index}.`),
        );
      }
    }
  };
  for (const step of steps as readonly StepDefinition[]) visit(step.fields, values, '');
  return found;
}

/**
 * The rules that fail on these answers. `fields` are the procedure's top-level fields by id,
 * `inputsOf` every field each rule reads. A rule with `each` is checked row by row, each row's
 * fields read first, its error put on the row's field the citizen should change
 * (`members.2.dateOfBirth`); other rules once, on the whole dossier.
 */
export function ruleIssues(
  rules: readonly RuleDefinition[],
  resolution: Resolution,
  fields: ReadonlyMap<string, FieldDefinition>,
  inputsOf: ReadonlyMap<RuleDefinition, ReadonlySet<string>>,
): Issue[] {
  const found: Issue[] = [];
  for (const rule of rules) {
    const { each } = rule;
    const rowIds = new Set(each ? fields.get(each)?.fields?.map((inner) => inner.id) : []);
    const inputs = [...(inputsOf.get(rule) ?? [])];
    const scopes = !each
      ? [resolution.scope]
      : resolution.visible.has(each)
        ? (resolution.seenRows.get(each) ?? []).map((row) => rowScope(row, resolution.scope))
        : [];
    scopes.forEach((scope, index) => {
      const at = (id: string) => (rowIds.has(id) ? `${each}.${index}.${id}` : id);
      // Hidden means absent: a rule about a field the citizen was not asked does not apply.
      // A rule reading a value that has an error of its own waits until that error is fixed
      // (for a row, one of that row's: the other rows are still checked).
      if (!rule.fields.every((id) => resolution.visible.has(at(id)))) return;
      if (inputs.some((id) => id !== each && hasIssueAt(resolution.issues, at(id)))) return;
      if (rule.when && !evaluate(rule.when, scope)) return;
      if (evaluate(rule.assert, scope)) return;
      // A failed `unique`: the error goes on the first row that repeats an earlier one, at the
      // answer to change (`members.1.personalId`), not on the whole group.
      const { unique, field } = rule.assert as { unique?: string; field?: string };
      const repeat = !each && unique ? repeatedRow(scope.value(field!), unique) : -1;
      const issue: Issue = {
        field: repeat < 0 ? at(rule.fields[0]!) : `${field}.${repeat}.${unique}`,
        code: 'rule',
        params: { rule: rule.id },
      };
      if (rule.severity === 'warning') issue.severity = 'warning';
      found.push(issue);
    });
  }
  return found;
}

function hasIssueAt(issues: Map<string, Issue>, id: string): boolean {
  for (const path of issues.keys()) if (path === id || path.startsWith(`${id}.`)) return true;
  return false;
}

/** Errors and warnings apart, each in the order of the form, with their messages. */
export function splitIssues(
  issues: readonly Issue[],
  locale: string,
  context: MessageContext,
): StepCheck {
  return {
    errors: finish(
      issues.filter((issue) => issue.severity !== 'warning'),
      locale,
      context,
    ),
    warnings: finish(
      issues.filter((issue) => issue.severity === 'warning'),
      locale,
      context,
    ),
  };
}

/** Errors are listed in the order the fields appear, as the error summary must be. */
function finish(issues: Issue[], locale: string, context: MessageContext): ValidationError[] {
  const order = (issue: Issue) => context.order(issue.field);
  return issues
    .map((issue, sequence) => ({ issue, sequence }))
    .sort((a, b) => order(a.issue) - order(b.issue) || a.sequence - b.sequence)
    .map(({ issue: { severity: _severity, ...issue } }) => ({
      ...issue,
      message: messageOf(issue, locale, context),
    }));
}

/** An error's message in `locale`: the rule's own, the field's, a pack's or the default. */
export function messageOf(issue: Issue, locale: string, context: MessageContext): string {
  if (issue.code === 'rule') {
    const rule = context.rules.find((candidate) => candidate.id === issue.params.rule);
    // A rule may leave its message to the pack operator it asserts.
    const text =
      rule &&
      (rule.message ??
        Object.keys(rule.assert)
          .map((key) => context.operators.get(key)?.message)
          .find(Boolean));
    if (text !== undefined)
      return formatMessage({ code: 'rule', params: issue.params, text }, locale);
  }
  const field = context.field(issue.field);
  const params = { ...issue.params };
  if (issue.code === 'option') {
    const option = field?.options?.find((candidate) => candidate.value === params.value);
    params.option = localize(option?.label, locale);
  }
  return formatMessage(
    { code: issue.code, params, field, variant: variantOf(issue, field) },
    locale,
    [...context.catalogs, defaultMessages],
  );
}

/** Which wording of a code fits this field: "Chọn" for a choice, "Tải lên" for a file, … */
function variantOf(issue: Failure, field: FieldDefinition | undefined): string | undefined {
  const { code, params } = issue;
  if (code === 'required') return field && requiredVariant(field);
  if (code === 'address' && typeof params.missing === 'string') return `missing-${params.missing}`;
  if (code === 'date') {
    if (typeof params.missing === 'string') return `missing-${params.missing}`;
    return typeof params.reason === 'string' ? params.reason : undefined;
  }
  if (code === 'pattern' && field?.example !== undefined) return 'example';
  if (params.relative === 'today') return 'today';
  return undefined;
}

/**
 * The wording of the `required` message the engine picks for a field: `question` for a label that
 * asks a question ("Chọn bạn là gì của trẻ?" reads badly: it gets "Trả lời câu hỏi “…”"),
 * `choice`, `checkbox`, `checkboxes`, `file`, `group`, or the plain one.
 */
export function requiredVariant(field: FieldDefinition): string | undefined {
  if (localize(field.label).trim().endsWith('?')) return 'question';
  switch (field.type) {
    case 'select':
    case 'radio':
      return 'choice';
    case 'checkbox':
    case 'checkboxes':
    case 'file':
    case 'group':
      return field.type;
    default:
      return undefined;
  }
}

/** What {@link takeIn} fills in of a procedure, and reads. */
export interface TakingIn {
  readonly operators: ReadonlyMap<string, OperatorDefinition>;
  readonly validators: SchemaValidators;
  /** Its top-level fields. */
  readonly fields: Iterable<FieldDefinition>;
  /** The step of each top-level field, by index. */
  readonly fieldStep: ReadonlyMap<string, number>;
  readonly ruleInputs: Map<RuleDefinition, Set<string>>;
  readonly ruleStep: Map<RuleDefinition, number>;
}

/**
 * What a procedure takes in once its checks and this code are both here: the rest of its
 * definition (what a module made by `motcua build` carries with its checks: fees, papers,
 * rules…), its texts in other locales, and where each rule is checked (the step after which all
 * its inputs are given).
 *
 * @throws {MotcuaError} when a field with a schema has no validator.
 */
export function takeIn(
  definition: ProcedureDefinition,
  checks: ProcedureChecks,
  procedure: TakingIn,
): void {
  const written = definition as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(checks.definition ?? {})) {
    if (!FORBIDDEN_KEYS.has(key) && !Object.hasOwn(written, key)) written[key] = value;
  }
  for (const [locale, texts] of Object.entries(checks.texts ?? {})) {
    addTexts(definition, texts, locale);
  }
  for (const rule of definition.rules ?? []) {
    const inputs = new Set(rule.fields);
    if (rule.each !== undefined) inputs.add(rule.each);
    if (rule.when) conditionFields(rule.when, inputs, procedure.operators);
    conditionFields(rule.assert, inputs, procedure.operators);
    procedure.ruleInputs.set(rule, inputs);
    let last = 0;
    for (const id of inputs) last = Math.max(last, procedure.fieldStep.get(id) ?? 0);
    procedure.ruleStep.set(rule, last);
  }
  const missing: string[] = [];
  const visit = (field: FieldDefinition, key: string) => {
    if (field.schema && Object.keys(field.schema).length > 0 && !procedure.validators[key])
      missing.push(key);
    for (const inner of field.fields ?? []) visit(inner, `${key}.${inner.id}`);
  };
  for (const field of procedure.fields) visit(field, field.id);
  if (missing.length > 0) {
    throw new MotcuaError(
      `createProcedure: no compiled validator for ${missing.map((key) => `"${key}"`).join(', ')}; ` +
        'load the definition with loadProcedure() from @motcua/core/compiler, or import the module made by compileToModule()',
    );
  }
}

/** Whether `value` is a text by locale (`{"vi": "…", "en": "…"}`), not another object. */
export function isLocalized(value: object): value is { [locale: string]: string } {
  const entries = Object.entries(value);
  return (
    typeof (value as { vi?: unknown }).vi === 'string' &&
    entries.every(
      ([key, text]) => /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(key) && typeof text === 'string',
    )
  );
}

/** Puts back texts of `locale` that the compiler's `splitTexts` took out of a definition. */
export function addTexts(definition: object, texts: TextsOverlay, locale: string): void {
  const put = (target: unknown, part: TextsOverlay): void => {
    if (part === null || typeof part === 'string' || target === null || typeof target !== 'object')
      return;
    for (const [key, item] of Object.entries(part)) {
      if (FORBIDDEN_KEYS.has(key) || item === null || !Object.hasOwn(target, key)) continue;
      const place = (target as Record<string, unknown>)[key];
      if (typeof item !== 'string') put(place, item);
      else if (place !== null && typeof place === 'object' && isLocalized(place)) {
        (place as Record<string, string>)[locale] = item;
      }
    }
  };
  put(definition, texts);
}
