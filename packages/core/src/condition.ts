import { isEmpty } from './answers.js';
import { ageOn, daysBetween, isIsoDate, nextDay, shiftDate } from './dates.js';
import type {
  Condition,
  DateOperand,
  DateShift,
  FieldCondition,
  FieldRef,
  JsonValue,
  NumberOperand,
  RangeKeys,
  RowCount,
} from './definition.js';
import type { OperatorDefinition } from './formats.js';

/** Condition operators added by packs, by name. */
export type Operators = ReadonlyMap<string, OperatorDefinition>;

/**
 * What a condition reads: field values (already normalised, hidden fields absent) and today's
 * date. Rows of a group get a scope of their own whose lookups fall back to the whole dossier.
 */
export interface ConditionScope {
  value(fieldId: string): unknown;
  /** Today's civil date, `YYYY-MM-DD`, from the injected clock. */
  readonly today: string;
  /** Operators added by packs (`vnPersonalIdMatches`, …). */
  readonly operators?: Operators;
}

/**
 * Evaluates a condition. There is no `eval` here: the condition is data, read operator by
 * operator, so it runs under a strict Content-Security-Policy.
 *
 * A field that is empty or hidden makes every comparison on it false (`filled: false` and
 * `notEquals` true), so a condition never holds by accident of a missing answer.
 *
 * For a `checkboxes` field (an array of chosen values), `equals: v` holds when `v` is among the
 * chosen values and `in: [...]` when any chosen value is in the list.
 *
 * @example
 * evaluate({ field: 'fatherDetermined', equals: 'yes' }, scopeOf({ fatherDetermined: 'yes' }, '2025-09-01'));
 */
export function evaluate(condition: Condition, scope: ConditionScope): boolean {
  if ('all' in condition) return condition.all.every((inner) => evaluate(inner, scope));
  if ('any' in condition) return condition.any.some((inner) => evaluate(inner, scope));
  if ('not' in condition) return !evaluate(condition.not, scope);
  return evaluateField(condition, scope);
}

function evaluateField(condition: FieldCondition, scope: ConditionScope): boolean {
  const value = scope.value(condition.field);
  const c = condition as FieldCondition & Record<string, unknown>;
  if ('equals' in c) return matches(value, resolve(c.equals as JsonValue | FieldRef, scope));
  if ('notEquals' in c) return !matches(value, resolve(c.notEquals as JsonValue | FieldRef, scope));
  if ('in' in c) return (c.in as JsonValue[]).some((candidate) => matches(value, candidate));
  if ('filled' in c) return !isEmpty(value) === c.filled;
  for (const op of ['lt', 'lte', 'gt', 'gte'] as const) {
    if (!(op in c)) continue;
    const other = resolve(c[op] as NumberOperand, scope);
    return isNumber(value) && isNumber(other) && ORDER[op](value - other);
  }
  for (const [op, order] of DATE_ORDER) {
    if (!(op in c)) continue;
    const other = dateOperand(c[op] as DateOperand, scope);
    // ISO dates compare correctly as strings.
    return (
      isIsoDate(value) && isIsoDate(other) && ORDER[order](value < other ? -1 : +(value > other))
    );
  }
  if ('ageAtLeast' in c || 'ageUnder' in c) {
    // The age on a date of the dossier (the marriage, the application), or today.
    const on = 'on' in c ? dateOperand(c.on as DateOperand, scope) : scope.today;
    if (!isIsoDate(value) || !isIsoDate(on)) return false;
    const age = ageOn(value, on);
    return 'ageAtLeast' in c ? age >= (c.ageAtLeast as number) : age < (c.ageUnder as number);
  }
  if ('daysAgoOver' in c)
    return isIsoDate(value) && daysBetween(value, scope.today) > (c.daysAgoOver as number);
  if ('every' in c)
    return rows(value).every((row) => evaluate(c.every as Condition, rowScope(row, scope)));
  if ('some' in c)
    return rows(value).some((row) => evaluate(c.some as Condition, rowScope(row, scope)));
  if ('rows' in c) {
    const count = rows(value).length;
    return Object.entries(c.rows as RowCount).every(([op, n]) => ORDER[op as Order](count - n));
  }
  if ('unique' in c) return repeatedRow(value, c.unique as string) < 0;
  if ('noOverlap' in c) return periodsFit(value, c.noOverlap as RangeKeys, scope, 'overlap');
  if ('noGaps' in c) return periodsFit(value, c.noGaps as RangeKeys, scope, 'gap');
  for (const [name, operand] of Object.entries(c)) {
    const operator = name === 'field' ? undefined : scope.operators?.get(name);
    if (operator) return operator.evaluate(value, operand, (id) => scope.value(id), scope.today);
  }
  // The linter rejects unknown operators; a definition that skipped it fails closed.
  return false;
}

/** Whether a condition operand names another field. */
export function isFieldRef(operand: unknown): operand is FieldRef {
  return (
    operand !== null &&
    typeof operand === 'object' &&
    !Array.isArray(operand) &&
    Object.keys(operand).length === 1 &&
    typeof (operand as FieldRef).field === 'string'
  );
}

/** How the difference of two values (or the sign of a comparison) meets each operator. */
const ORDER = {
  equals: (d: number) => d === 0,
  lt: (d: number) => d < 0,
  lte: (d: number) => d <= 0,
  gt: (d: number) => d > 0,
  gte: (d: number) => d >= 0,
};
type Order = keyof typeof ORDER;

const DATE_ORDER = [
  ['before', 'lt'],
  ['after', 'gt'],
  ['onOrBefore', 'lte'],
  ['onOrAfter', 'gte'],
] as const;

function resolve(operand: JsonValue | FieldRef, scope: ConditionScope): unknown {
  return isFieldRef(operand) ? scope.value(operand.field) : operand;
}

function matches(value: unknown, expected: unknown): boolean {
  if (isEmpty(value)) return false;
  if (Array.isArray(value)) {
    return Array.isArray(expected)
      ? value.length === expected.length && value.every((item, i) => item === expected[i])
      : value.includes(expected);
  }
  return value === expected;
}

/**
 * The date an operand stands for: a literal, today, another field's answer, or one of those two
 * moved by `plus`. An empty or invalid field gives no date, so the comparison does not hold.
 */
function dateOperand(operand: DateOperand, scope: ConditionScope): unknown {
  if (typeof operand === 'string') return operand === 'today' ? scope.today : operand;
  const start = 'today' in operand ? scope.today : scope.value(operand.field);
  const plus = (operand as { plus?: DateShift }).plus;
  return plus && isIsoDate(start) ? shiftDate(start, plus) : start;
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function rows(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter((row) => row !== null && typeof row === 'object') : [];
}

/**
 * The index of the first row of a group whose `key` repeats an earlier row's answer, or -1: where
 * a failed `unique` rule puts its error. Rows that leave the field empty are not compared; text is
 * compared as kept (NFC, trimmed).
 */
export function repeatedRow(value: unknown, key: string): number {
  const seen = new Set<string>();
  return rows(value).findIndex(
    (row) => !isEmpty(row[key]) && seen.size === seen.add(JSON.stringify(row[key])).size,
  );
}

/** A scope for one row of a group: the row's own fields first, then the whole dossier. */
export function rowScope(row: Record<string, unknown>, parent: ConditionScope): ConditionScope {
  return {
    today: parent.today,
    operators: parent.operators,
    value: (fieldId) => (Object.hasOwn(row, fieldId) ? row[fieldId] : parent.value(fieldId)),
  };
}

/**
 * Checks the periods in a group's rows, sorted by start. A period may start on the day the
 * previous one ends (people move on a day); an empty end means "until today". Rows with a
 * missing or invalid start, or that end before they start, are left to other checks.
 */
function periodsFit(
  value: unknown,
  keys: RangeKeys,
  scope: ConditionScope,
  forbid: 'overlap' | 'gap',
): boolean {
  const periods = rows(value)
    .map((row) => ({
      from: row[keys.from],
      to: isEmpty(row[keys.to]) ? scope.today : row[keys.to],
    }))
    // A row that ends before it starts is a typo for its own rule to report ("to" after
    // "from"); counting it here too would give the citizen three messages for one mistake.
    .filter(
      (period): period is { from: string; to: string } =>
        isIsoDate(period.from) && isIsoDate(period.to) && period.to >= period.from,
    )
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  for (let i = 1; i < periods.length; i++) {
    const previous = periods[i - 1]!;
    const current = periods[i]!;
    if (forbid === 'overlap' && current.from < previous.to) return false;
    if (forbid === 'gap' && current.from > nextDay(previous.to)) return false;
  }
  return true;
}

/**
 * Every field id a condition reads, including `{"field": …}` operands and the fields inside
 * `every`/`some` (which may be row fields of the group).
 */
export function conditionFields(
  condition: Condition,
  into: Set<string> = new Set(),
  operators?: Operators,
): Set<string> {
  if ('all' in condition) condition.all.forEach((inner) => conditionFields(inner, into, operators));
  else if ('any' in condition)
    condition.any.forEach((inner) => conditionFields(inner, into, operators));
  else if ('not' in condition) conditionFields(condition.not, into, operators);
  else {
    into.add(condition.field);
    for (const [key, operand] of Object.entries(condition)) {
      if (key === 'field') continue;
      // {"field": "b"}, or a date worked out from one: {"field": "dob", "plus": {…}}.
      const named = (operand as { field?: unknown } | null)?.field;
      if (typeof named === 'string' && key !== 'every' && key !== 'some') into.add(named);
      if (key === 'unique' && typeof operand === 'string') into.add(operand);
      if ((key === 'every' || key === 'some') && operand && typeof operand === 'object') {
        conditionFields(operand as Condition, into, operators);
      }
      for (const id of operators?.get(key)?.fields?.(operand) ?? []) into.add(id);
      if (key === 'noOverlap' || key === 'noGaps') {
        const range = operand as RangeKeys;
        into.add(range.from).add(range.to);
      }
    }
  }
  return into;
}
