/**
 * Plain sentences about a procedure definition, for the people who own its rules: a condition
 * as "khi “Nhận kết quả” là “Qua bưu điện”", a field's constraints as "tối đa 100 ký tự", the
 * messages a citizen can see. Used by `motcua docs` and `motcua graph`; any command may reuse it.
 *
 * Every sentence names fields by their labels and values by their option labels, never by ids,
 * and comes out in NFC, so a reviewer can compare it with the law word for word.
 *
 * @module
 */
import {
  type Condition,
  type FieldCondition,
  type FieldDefinition,
  type FieldRef,
  type JsonValue,
  type MessageCatalog,
  type Pack,
  type ProcedureDefinition,
  type RangeKeys,
  type Text,
  builtinFormats,
  defaultMessages,
  formatDate,
  formatMessage,
  localize,
} from '@motcua/core';
import { isFieldRef, requiredVariant } from '@motcua/core/compiler';

/** The locales sentences are written in; any other falls back to Vietnamese. */
export type DescribeLocale = 'vi' | 'en';

/**
 * What sentences are made from: a definition, or a definition with the packs it uses (a
 * `Procedure` from `loadProcedure` fits too). Packs give the words of their formats and the
 * messages of their codes.
 */
export type DescribeSource =
  | ProcedureDefinition
  | { readonly definition: ProcedureDefinition; readonly packs?: readonly Pack[] };

/** A message a citizen can see on a field, with the code that shows it. */
export interface FieldMessage {
  /** The error code, with its variant: `required.choice`, `maxLength`, `vn-personal-id.cmnd`. */
  code: string;
  /** The message as the citizen reads it; a value known only then is `…`. */
  text: string;
  /** Whether the definition words it (`messages` of the field) rather than the defaults. */
  own: boolean;
}

/**
 * A condition as a sentence, starting with "khi" (en "when"): field ids become their labels
 * and option values their option labels.
 *
 * @example
 * describeCondition({ field: 'delivery', equals: 'post' }, definition, 'vi');
 * // 'khi “Nhận kết quả” là “Qua bưu điện”'
 */
export function describeCondition(
  condition: Condition,
  source: DescribeSource,
  locale: string = 'vi',
): string {
  const words = wordsFor(locale);
  return nfc(words.when(clause(condition, contextOf(source, locale), false)));
}

/**
 * A condition as a bare clause, without "khi": what a rule asserts ("“Quốc tịch” là “Việt
 * Nam”"), or a label on a flow's edge.
 *
 * @example
 * describeClause({ field: 'copies', lte: 10 }, definition, 'en'); // '“Copies” is at most 10'
 */
export function describeClause(
  condition: Condition,
  source: DescribeSource,
  locale: string = 'vi',
): string {
  return nfc(clause(condition, contextOf(source, locale), false));
}

/**
 * Whether a field must be answered, as words: "Bắt buộc", "Không bắt buộc", or "Bắt buộc khi …".
 *
 * @example
 * describeRequirement(field, definition, 'en'); // 'Required when “Fee” is “Student”'
 */
export function describeRequirement(
  field: FieldDefinition,
  source: DescribeSource,
  locale: string = 'vi',
): string {
  const words = wordsFor(locale);
  if (field.required === true || (field.type === 'group' && (field.minRows ?? 0) > 0)) {
    return words.required;
  }
  if (field.requiredWhen !== undefined) {
    return `${words.required} ${describeCondition(field.requiredWhen, source, locale)}`;
  }
  return words.optional;
}

/**
 * Every constraint on a field's answer, one plain phrase each: its format ("12 chữ số"), length,
 * range, dates ("không sau hôm nay"), files, rows and options (leave them out with
 * `{options: false}` to list them apart, with their hints). Requiredness and `when` are not
 * constraints: see {@link describeRequirement} and {@link describeCondition}.
 *
 * @example
 * describeConstraints({ id: 'name', type: 'text', label: 'Họ và tên', schema: { maxLength: 100 } }, definition, 'vi');
 * // ['tối đa 100 ký tự']
 */
export function describeConstraints(
  field: FieldDefinition,
  source: DescribeSource,
  locale: string = 'vi',
  { options = true }: { options?: boolean } = {},
): string[] {
  const context = contextOf(source, locale);
  const { words } = context;
  const found: string[] = [];
  const format = formatName(field);
  if (format !== undefined) found.push(context.formatWords(format));
  const schema = field.schema ?? {};
  if (schema.type === 'integer') found.push(words.integer);
  const minLength = numberOf(schema.minLength);
  const maxLength = numberOf(schema.maxLength);
  if (minLength !== undefined || maxLength !== undefined) {
    found.push(words.length(minLength, maxLength));
  }
  if (typeof schema.pattern === 'string') found.push(words.pattern(schema.pattern));
  const minimum = numberOf(schema.minimum);
  const maximum = numberOf(schema.maximum);
  if (minimum !== undefined || maximum !== undefined) {
    found.push(words.range(context.number(minimum), context.number(maximum)));
  }
  const above = numberOf(schema.exclusiveMinimum);
  if (above !== undefined) found.push(words.above(context.number(above)));
  const below = numberOf(schema.exclusiveMaximum);
  if (below !== undefined) found.push(words.below(context.number(below)));
  const multipleOf = numberOf(schema.multipleOf);
  if (multipleOf !== undefined) found.push(words.multipleOf(context.number(multipleOf)));
  if (field.type === 'date' || field.type === 'year') {
    const kind = field.type;
    if (field.min !== undefined) found.push(words.notBefore(context.limit(field.min, kind)));
    if (field.max !== undefined) found.push(words.notAfter(context.limit(field.max, kind)));
  }
  if (field.type === 'checkboxes') {
    const minItems = numberOf(schema.minItems);
    const maxItems = numberOf(schema.maxItems);
    if (minItems !== undefined || maxItems !== undefined) {
      found.push(words.items(minItems, maxItems));
    }
  }
  if (field.type === 'file') {
    if (field.accept && field.accept.length > 0) {
      found.push(words.fileTypes(list(fileTypeNames(field.accept), words.or)));
    }
    if (field.maxSize !== undefined) found.push(words.fileSize(context.bytes(field.maxSize)));
    found.push(words.fileCount(field.maxFiles ?? 1));
    found.push(field.paper === false ? words.noPaper : words.paper);
  }
  if (field.type === 'address') found.push(words.address(field.detail !== false));
  if (field.type === 'group') {
    const item = localize(field.itemLabel, locale).trim() || words.row;
    if (field.minRows !== undefined || field.maxRows !== undefined) {
      found.push(words.rows(field.minRows, field.maxRows, item));
    }
  }
  if (options && field.options && field.options.length > 0) {
    const labels = field.options.map((option) => quote(localize(option.label, locale)));
    found.push(
      field.type === 'checkboxes'
        ? words.chooseSome(list(labels, words.and))
        : words.chooseOne(list(labels, words.or)),
    );
  }
  return found.map(nfc);
}

/**
 * Every message a citizen can see on this field: for each error code its checks can produce,
 * the field's own wording (`messages`) or the default one (the packs' catalogs first, as the
 * engine looks them up), and any of the field's own messages for other codes. Rule messages
 * are the rule's (see the definition's `rules`).
 *
 * @example
 * describeMessages(field, { definition, packs: [vn] }, 'vi');
 * // [{ code: 'required', text: 'Nhập họ và tên', own: false }, …]
 */
export function describeMessages(
  field: FieldDefinition,
  source: DescribeSource,
  locale: string = 'vi',
): FieldMessage[] {
  const context = contextOf(source, locale);
  const codes = possibleCodes(field, context);
  for (const code of Object.keys(field.messages ?? {})) {
    if (!codes.some((entry) => entry.key === code || entry.code === code)) {
      codes.push({ key: code, code, params: {} });
    }
  }
  return codes.map(({ key, code, variant, params }) => {
    // The engine takes the field's wording for the variant, then for the plain code.
    const own = field.messages?.[key] ?? field.messages?.[code];
    const text = formatMessage({ code, params, field, variant }, locale, context.catalogs);
    return {
      code: key,
      // A value known only when the citizen answers ({province}, {prefix}) reads as "…".
      text: nfc(text.replace(/\{\w+\}/g, '…')),
      own: own !== undefined,
    };
  });
}

/** The field ids a definition names, rows of groups included, with the group of a row field. */
export function fieldIndex(
  definition: ProcedureDefinition,
): ReadonlyMap<string, { field: FieldDefinition; group?: FieldDefinition }> {
  const index = new Map<string, { field: FieldDefinition; group?: FieldDefinition }>();
  const visit = (fields: readonly FieldDefinition[], group?: FieldDefinition) => {
    for (const field of fields) {
      index.set(field.id, group ? { field, group } : { field });
      if (field.fields) visit(field.fields, field);
    }
  };
  for (const step of definition.steps) visit(step.fields);
  return index;
}

// ————————————————————————————————————————————————————————————————————————————
// Conditions

interface Context {
  locale: string;
  words: Words;
  definition: ProcedureDefinition;
  packs: readonly Pack[];
  catalogs: readonly MessageCatalog[];
  field(id: string): FieldDefinition | undefined;
  label(id: string): string;
  value(value: JsonValue, field: FieldDefinition | undefined): string;
  number(value: number | undefined): string;
  bytes(value: number): string;
  limit(value: string | number, kind: 'date' | 'year'): string;
  formatWords(name: string): string;
}

function contextOf(source: DescribeSource, locale: string): Context {
  const definition = 'definition' in source ? source.definition : source;
  const packs = 'definition' in source ? (source.packs ?? []) : [];
  const words = wordsFor(locale);
  const index = fieldIndex(definition);
  const numbers = new Intl.NumberFormat(locale === 'en' ? 'en' : 'vi');
  const catalogs = [
    ...packs.flatMap((pack) => (pack.messages ? [pack.messages] : [])),
    defaultMessages,
  ];
  const field = (id: string) => index.get(id)?.field;
  return {
    locale,
    words,
    definition,
    packs,
    catalogs,
    field,
    label: (id) => quote(localize(field(id)?.label, locale).trim() || id),
    value(value, target) {
      if (typeof value === 'string') {
        const option = target?.options?.find((candidate) => candidate.value === value);
        if (option) return quote(localize(option.label, locale));
        if (target?.type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
          return words.onDate(formatDate(value));
        }
        return quote(value);
      }
      if (typeof value === 'number') return numbers.format(value);
      if (typeof value === 'boolean') return quote(value ? words.yes : words.no);
      if (value === null) return quote(words.nothing);
      if (Array.isArray(value))
        return list(
          value.map((item) => this.value(item, target)),
          words.and,
        );
      return quote(JSON.stringify(value));
    },
    number: (value) => (value === undefined ? '' : numbers.format(value)),
    bytes: (value) => bytesText(value, locale),
    limit(value, kind) {
      if (value === 'today') return kind === 'date' ? words.today : words.thisYear;
      if (kind === 'date' && typeof value === 'string') return words.onDate(formatDate(value));
      return kind === 'year' ? words.inYear(String(value)) : String(value);
    },
    formatWords(name) {
      return words.format(knownFormat(name, packs), name);
    },
  };
}

/** Makes a condition a clause; `negated` says it the other way round, as `not` asks. */
function clause(condition: Condition, context: Context, negated: boolean): string {
  const { words } = context;
  if ('not' in condition) return clause(condition.not, context, !negated);
  if ('all' in condition || 'any' in condition) {
    const isAll = 'all' in condition;
    const items = isAll ? condition.all : (condition as { any: Condition[] }).any;
    // Said the other way round, "all" becomes "any" of the opposites (De Morgan).
    const joinsWithAnd = isAll !== negated;
    const parts = items.map((inner) => {
      const text = clause(inner, context, negated);
      return needsBrackets(inner, joinsWithAnd, negated) ? `(${text})` : text;
    });
    if (parts.length === 1) return parts[0] ?? '';
    return list(parts, joinsWithAnd ? words.and : words.or);
  }
  return fieldClause(condition, context, negated);
}

/** A combination inside a combination of the other kind is put in brackets. */
function needsBrackets(inner: Condition, parentJoinsWithAnd: boolean, negated: boolean): boolean {
  let node = inner;
  let flip = negated;
  while ('not' in node) {
    node = node.not;
    flip = !flip;
  }
  if ('all' in node) return node.all.length > 1 && !flip !== parentJoinsWithAnd;
  if ('any' in node) return node.any.length > 1 && flip !== parentJoinsWithAnd;
  return false;
}

function fieldClause(condition: FieldCondition, context: Context, negated: boolean): string {
  const { words } = context;
  const c = condition as FieldCondition & Record<string, unknown>;
  const field = context.field(condition.field);
  const label = context.label(condition.field);
  const operand = (value: unknown): string =>
    isFieldRef(value) ? context.label(value.field) : context.value(value as JsonValue, field);

  if ('equals' in c || 'notEquals' in c) {
    const expected = ('equals' in c ? c.equals : c.notEquals) as JsonValue | FieldRef;
    const same = 'equals' in c ? !negated : negated;
    if (isFieldRef(expected)) {
      return same ? words.same(label, operand(expected)) : words.differs(label, operand(expected));
    }
    if (field?.type === 'checkbox' && typeof expected === 'boolean') {
      return expected === same ? words.ticked(label) : words.notTicked(label);
    }
    if (field?.type === 'checkboxes' && !Array.isArray(expected)) {
      return same
        ? words.includes(label, operand(expected))
        : words.excludes(label, operand(expected));
    }
    return same ? words.is(label, operand(expected)) : words.isNot(label, operand(expected));
  }
  if ('in' in c) {
    const values = (c.in as JsonValue[]).map((value) => context.value(value, field));
    const choices = list(values, words.or);
    if (field?.type === 'checkboxes') {
      return negated ? words.excludes(label, choices) : words.includes(label, choices);
    }
    if (values.length === 1)
      return negated ? words.isNot(label, choices) : words.is(label, choices);
    return negated ? words.isNoneOf(label, choices) : words.is(label, choices);
  }
  if ('filled' in c) {
    const filled = (c.filled === true) !== negated;
    return words.filled(label, answerKind(field), filled);
  }
  for (const operator of ['lt', 'lte', 'gt', 'gte'] as const) {
    if (!(operator in c)) continue;
    const value = c[operator];
    const flipped = negated ? OPPOSITE[operator] : operator;
    return words.compare(label, flipped, operand(value), isFieldRef(value));
  }
  for (const operator of ['before', 'after', 'onOrBefore', 'onOrAfter'] as const) {
    if (!(operator in c)) continue;
    return words.date(label, operator, dateText(c[operator], context), negated);
  }
  if ('ageAtLeast' in c || 'ageUnder' in c) {
    const atLeast = 'ageAtLeast' in c ? !negated : negated;
    const years = context.number(('ageAtLeast' in c ? c.ageAtLeast : c.ageUnder) as number);
    const on = 'on' in c ? dateText(c.on, context) : undefined;
    return atLeast ? words.ageAtLeast(label, years, on) : words.ageUnder(label, years, on);
  }
  if ('rows' in c) {
    const item = localize(field?.itemLabel, context.locale).trim() || words.row;
    const bounds = Object.entries(c.rows as Record<string, number>).map(
      ([bound, count]) => [bound, context.number(count)] as [RowBound, string],
    );
    return words.rowCount(label, item, bounds, negated);
  }
  if ('unique' in c) {
    const item = localize(field?.itemLabel, context.locale).trim() || words.row;
    return words.unique(label, item, context.label(c.unique as string), negated);
  }
  if ('daysAgoOver' in c) {
    return words.daysAgoOver(label, context.number(c.daysAgoOver as number), negated);
  }
  if ('every' in c || 'some' in c) {
    const every = 'every' in c ? !negated : negated;
    const inner = clause(('every' in c ? c.every : c.some) as Condition, context, negated);
    const item = localize(field?.itemLabel, context.locale).trim() || words.row;
    return every ? words.every(label, item, inner) : words.some(label, item, inner);
  }
  if ('noOverlap' in c || 'noGaps' in c) {
    const keys = ('noOverlap' in c ? c.noOverlap : c.noGaps) as RangeKeys;
    const kind = 'noOverlap' in c ? 'overlap' : 'gap';
    return words.periods(label, context.label(keys.from), context.label(keys.to), kind, negated);
  }
  const name = Object.keys(c).find((key) => key !== 'field') ?? '';
  return words.operator(label, name, operatorDetails(c[name], context), negated);
}

const OPPOSITE = { lt: 'gte', lte: 'gt', gt: 'lte', gte: 'lt' } as const;

/** A bound on a group's number of rows, for `rows`. */
type RowBound = 'equals' | 'lt' | 'lte' | 'gt' | 'gte';

/**
 * A date operand as words: a date, today, another field, or one of those moved by `plus`
 * ("14 năm sau “Ngày sinh”", "30 days before today").
 */
function dateText(value: unknown, context: Context): string {
  const { words } = context;
  if (value === 'today') return words.today;
  if (typeof value === 'string') return words.onDate(formatDate(value));
  const operand = (value ?? {}) as { field?: string; today?: boolean; plus?: DateShiftWords };
  const base = typeof operand.field === 'string' ? context.label(operand.field) : words.today;
  if (!operand.plus) return base;
  const parts = (['years', 'months', 'days'] as const).flatMap((unit) => {
    const amount = operand.plus?.[unit];
    return typeof amount === 'number' && amount !== 0 ? [{ unit, amount }] : [];
  });
  if (parts.length === 0) return base;
  const later = parts.filter((part) => part.amount > 0);
  const earlier = parts.filter((part) => part.amount < 0);
  const amounts = (list: typeof parts) =>
    list.map((part) => words.duration(context.number(Math.abs(part.amount)), part.unit)).join(' ');
  if (earlier.length === 0) return words.shifted(amounts(later), 'after', base);
  if (later.length === 0) return words.shifted(amounts(earlier), 'before', base);
  return words.shifted(amounts(earlier), 'before', words.shifted(amounts(later), 'after', base));
}

type DateShiftWords = { years?: number; months?: number; days?: number };

/** A pack operator's operand, its field ids said as labels: "birthDate: “Ngày sinh”". */
function operatorDetails(operand: unknown, context: Context): string {
  if (operand === null || typeof operand !== 'object' || Array.isArray(operand)) {
    return operand === undefined || operand === true
      ? ''
      : context.value(operand as JsonValue, undefined);
  }
  return Object.entries(operand as Record<string, unknown>)
    .map(([key, value]) => {
      const shown =
        typeof value === 'string' && context.field(value)
          ? context.label(value)
          : context.value(value as JsonValue, undefined);
      return `${key}: ${shown}`;
    })
    .join(', ');
}

type AnswerKind = 'text' | 'choice' | 'file' | 'group';

function answerKind(field: FieldDefinition | undefined): AnswerKind {
  switch (field?.type) {
    case 'select':
    case 'radio':
    case 'checkbox':
    case 'checkboxes':
      return 'choice';
    case 'file':
      return 'file';
    case 'group':
      return 'group';
    default:
      return 'text';
  }
}

// ————————————————————————————————————————————————————————————————————————————
// Messages

interface CodeEntry {
  /** The code as a reviewer reads it, with the variant: `required.choice`. */
  key: string;
  code: string;
  variant?: string;
  params: Record<string, string | number | boolean>;
}

/**
 * The codes the engine's checks can give this field (see `#checkField` in core's procedure.ts),
 * each with the variant the engine would pick for it.
 */
function possibleCodes(field: FieldDefinition, context: Context): CodeEntry[] {
  const codes: CodeEntry[] = [];
  const add = (code: string, params: CodeEntry['params'] = {}, variant?: string) =>
    codes.push({
      key: variant ? `${code}.${variant}` : code,
      code,
      params,
      ...(variant && { variant }),
    });
  const schema = field.schema ?? {};
  const required =
    field.required === true ||
    field.requiredWhen !== undefined ||
    (field.type === 'group' && (field.minRows ?? 0) > 0);
  if (required) add('required', {}, requiredVariant(field));

  switch (field.type) {
    case 'number':
      add(schema.type === 'integer' ? 'integer' : 'number');
      break;
    case 'year':
      add('year');
      break;
    case 'date':
      add('date');
      for (const missing of ['day', 'month', 'year', 'day-month', 'day-year', 'month-year']) {
        add('date', { missing }, `missing-${missing}`);
      }
      add('date', {}, 'year-digits');
      break;
    case 'address':
      add('address', {}, 'missing-province');
      add('address', {}, 'missing-commune');
      if (field.detail !== false) add('address', {}, 'missing-detail');
      break;
    case 'file':
      if (field.accept && field.accept.length > 0) {
        add('fileType', { types: fileTypeNames(field.accept).join(', ') });
      }
      if (field.maxSize !== undefined) add('fileSize', { limit: field.maxSize });
      add('fileCount', { limit: field.maxFiles ?? 1 });
      if (field.paper === false) add('paperNotAllowed');
      break;
    case 'group':
      if (field.minRows !== undefined && field.minRows > 0)
        add('minRows', { limit: field.minRows });
      if (field.maxRows !== undefined) add('maxRows', { limit: field.maxRows });
      break;
    default:
      break;
  }

  const format = formatName(field);
  if (format !== undefined) {
    const name = aliasOf(format, context.packs);
    const keys = new Set<string>();
    for (const catalog of context.catalogs) {
      for (const key of Object.keys(catalog[context.locale] ?? catalog.vi ?? {})) {
        if (key === name || key.startsWith(`${name}.`)) keys.add(key);
      }
    }
    if (keys.size === 0) keys.add(format);
    for (const key of keys) codes.push({ key, code: key, params: {} });
  }

  for (const keyword of [
    'minLength',
    'maxLength',
    'minimum',
    'maximum',
    'exclusiveMinimum',
    'exclusiveMaximum',
    'multipleOf',
    'minItems',
    'maxItems',
  ]) {
    const limit = numberOf(schema[keyword]);
    if (limit !== undefined) add(keyword, { limit });
  }
  if (typeof schema.pattern === 'string') {
    add('pattern', {}, field.example !== undefined ? 'example' : undefined);
  }
  if (
    (field.type === 'select' || field.type === 'radio' || field.type === 'checkboxes') &&
    field.options
  ) {
    add('enum');
  }
  if (field.type === 'date' || field.type === 'year') {
    const prefix = field.type;
    if (field.min !== undefined) {
      const today = field.min === 'today';
      add(`${prefix}Min`, { limit: today ? 'today' : field.min }, today ? 'today' : undefined);
    }
    if (field.max !== undefined) {
      const today = field.max === 'today';
      add(`${prefix}Max`, { limit: today ? 'today' : field.max }, today ? 'today' : undefined);
    }
  }
  return codes;
}

/** The format a field is checked with: its own, or `email`/`phone` for those types. */
function formatName(field: FieldDefinition): string | undefined {
  return (
    field.format ?? (field.type === 'email' || field.type === 'phone' ? field.type : undefined)
  );
}

/**
 * The name a format's messages are filed under. A pack may put one of its formats under a
 * built-in name too (the Vietnam pack checks every `phone` as a `vn-phone`); its codes then
 * carry the pack's name.
 */
function aliasOf(name: string, packs: readonly Pack[]): string {
  for (const pack of [...packs].reverse()) {
    const format = pack.formats?.[name];
    if (!format || format === builtinFormats[name]) continue;
    const alias = Object.entries(pack.formats ?? {}).find(
      ([other, definition]) => other !== name && definition === format,
    );
    return alias ? alias[0] : name;
  }
  return name;
}

// ————————————————————————————————————————————————————————————————————————————
// Formats

/** Plain words for the formats motcua knows, by locale. */
const FORMAT_WORDS: Record<string, { vi: string; en: string }> = {
  email: {
    vi: 'địa chỉ email, ví dụ ten@example.com',
    en: 'an email address, like name@example.com',
  },
  phone: {
    vi: 'số điện thoại gồm 8 đến 15 chữ số, có thể bắt đầu bằng +',
    en: 'a phone number of 8 to 15 digits, which may start with +',
  },
  'vn-personal-id': {
    vi: '12 chữ số (số định danh cá nhân in trên thẻ Căn cước)',
    en: '12 digits (the personal ID number printed on the Citizen Identity card)',
  },
  'vn-phone': {
    vi: 'số điện thoại Việt Nam: số di động 10 chữ số bắt đầu bằng 03, 05, 07, 08 hoặc 09, hoặc số cố định có mã vùng',
    en: 'a Vietnamese phone number: a 10-digit mobile number starting with 03, 05, 07, 08 or 09, or a landline with its area code',
  },
  'vn-tax-code': {
    vi: 'mã số thuế 10 chữ số, hoặc 13 chữ số nếu là chi nhánh (có chữ số kiểm tra)',
    en: 'a tax code of 10 digits, or 13 for a branch (with a check digit)',
  },
  'vn-tax-code-or-id': {
    vi: 'mã số thuế 10 hoặc 13 chữ số, hoặc số định danh cá nhân 12 chữ số',
    en: 'a tax code of 10 or 13 digits, or a 12-digit personal ID number',
  },
  'vn-postal-code': { vi: '5 chữ số (mã bưu chính)', en: '5 digits (a postal code)' },
  'vn-person-name': {
    vi: "họ tên: chỉ chữ cái, dấu cách, dấu nháy đơn (') và dấu gạch ngang (-)",
    en: "a name: letters, spaces, apostrophes (') and hyphens (-) only",
  },
  'vn-date-text': {
    vi: 'ngày có thật, viết theo dạng ngày/tháng/năm',
    en: 'a real date, written day/month/year',
  },
};

/**
 * The words for a format, or `undefined` for one no table knows. A pack's format registered
 * under a built-in name (the Vietnam pack's `phone` is its `vn-phone`) is said as the pack's.
 */
function knownFormat(name: string, packs: readonly Pack[]): { vi: string; en: string } | undefined {
  return FORMAT_WORDS[aliasOf(name, packs)] ?? FORMAT_WORDS[name];
}

const MEDIA_NAMES: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPG',
  'image/png': 'PNG',
  'image/heic': 'HEIC',
  'image/webp': 'WEBP',
};

/** Accepted file types as people name them: PDF, JPG, PNG (as the engine's message does). */
function fileTypeNames(accept: readonly string[]): string[] {
  return [
    ...new Set(
      accept.map(
        (accepted) => MEDIA_NAMES[accepted] ?? accepted.replace(/^\.|^.*\//, '').toUpperCase(),
      ),
    ),
  ];
}

/** A file size as people read it: "5 MB", "1,5 MB" in Vietnamese, "300 KB". */
function bytesText(bytes: number, locale: string): string {
  const [unit, size] =
    bytes >= 1024 * 1024 ? ['MB', bytes / (1024 * 1024)] : ['KB', Math.max(1, bytes / 1024)];
  return `${new Intl.NumberFormat(locale === 'en' ? 'en' : 'vi', { maximumFractionDigits: 1 }).format(size)} ${unit}`;
}

/**
 * A simple pattern in words: one character class repeated a set number of times, such as
 * `^[0-9]{12}$` ("12 chữ số"); `undefined` for anything else.
 */
function patternWords(
  pattern: string,
): { count: string; kind: 'digits' | 'letters' | 'alnum' } | undefined {
  const match =
    /^\^(\\d|\[0-9\]|\[A-Za-z0-9\]|\[a-zA-Z0-9\]|\[A-Z0-9\]|\[A-Za-z\]|\[a-zA-Z\])\{(\d+)(?:,(\d+))?\}\$$/.exec(
      pattern,
    );
  if (!match) return undefined;
  const [, set = '', from = '', to] = match;
  const kind = /0-9|\\d/.test(set)
    ? /[A-Za-z]/.test(set.replace('\\d', ''))
      ? 'alnum'
      : 'digits'
    : 'letters';
  return { count: to === undefined ? from : `${from}–${to}`, kind };
}

// ————————————————————————————————————————————————————————————————————————————
// Words

/** The phrases of one locale. `label` arguments are quoted already. */
interface Words {
  when(clause: string): string;
  and: string;
  or: string;
  yes: string;
  no: string;
  nothing: string;
  today: string;
  thisYear: string;
  row: string;
  required: string;
  optional: string;
  onDate(date: string): string;
  inYear(year: string): string;
  is(label: string, value: string): string;
  isNot(label: string, value: string): string;
  isNoneOf(label: string, values: string): string;
  same(label: string, other: string): string;
  differs(label: string, other: string): string;
  includes(label: string, values: string): string;
  excludes(label: string, values: string): string;
  ticked(label: string): string;
  notTicked(label: string): string;
  filled(label: string, kind: AnswerKind, filled: boolean): string;
  compare(
    label: string,
    operator: 'lt' | 'lte' | 'gt' | 'gte',
    value: string,
    field: boolean,
  ): string;
  date(
    label: string,
    operator: 'before' | 'after' | 'onOrBefore' | 'onOrAfter',
    other: string,
    negated: boolean,
  ): string;
  duration(amount: string, unit: 'years' | 'months' | 'days'): string;
  shifted(amount: string, direction: 'before' | 'after', base: string): string;
  ageAtLeast(label: string, years: string, on?: string): string;
  ageUnder(label: string, years: string, on?: string): string;
  rowCount(label: string, item: string, bounds: [RowBound, string][], negated: boolean): string;
  unique(label: string, item: string, rowField: string, negated: boolean): string;
  daysAgoOver(label: string, days: string, negated: boolean): string;
  every(label: string, item: string, inner: string): string;
  some(label: string, item: string, inner: string): string;
  periods(
    label: string,
    from: string,
    to: string,
    kind: 'overlap' | 'gap',
    negated: boolean,
  ): string;
  operator(label: string, name: string, details: string, negated: boolean): string;
  format(words: { vi: string; en: string } | undefined, name: string): string;
  integer: string;
  length(min: number | undefined, max: number | undefined): string;
  pattern(pattern: string): string;
  range(min: string, max: string): string;
  above(limit: string): string;
  below(limit: string): string;
  multipleOf(limit: string): string;
  notBefore(limit: string): string;
  notAfter(limit: string): string;
  items(min: number | undefined, max: number | undefined): string;
  fileTypes(types: string): string;
  fileSize(size: string): string;
  fileCount(count: number): string;
  paper: string;
  noPaper: string;
  address(detail: boolean): string;
  rows(min: number | undefined, max: number | undefined, item: string): string;
  chooseOne(options: string): string;
  chooseSome(options: string): string;
}

const VI: Words = {
  when: (text) => `khi ${text}`,
  and: 'và',
  or: 'hoặc',
  yes: 'có',
  no: 'không',
  nothing: 'trống',
  today: 'hôm nay',
  thisYear: 'năm nay',
  row: 'dòng',
  required: 'Bắt buộc',
  optional: 'Không bắt buộc',
  onDate: (date) => `ngày ${date}`,
  inYear: (year) => `năm ${year}`,
  is: (label, value) => `${label} là ${value}`,
  isNot: (label, value) => `${label} không phải là ${value}`,
  isNoneOf: (label, values) => `${label} không phải là ${values}`,
  same: (label, other) => `${label} trùng với ${other}`,
  differs: (label, other) => `${label} khác ${other}`,
  includes: (label, values) => `${label} có chọn ${values}`,
  excludes: (label, values) => `${label} không chọn ${values}`,
  ticked: (label) => `ô ${label} được đánh dấu`,
  notTicked: (label) => `ô ${label} không được đánh dấu`,
  filled(label, kind, filled) {
    const said = {
      text: ['đã được điền', 'để trống'],
      choice: ['đã được chọn', 'chưa được chọn'],
      file: ['đã có tệp', 'chưa có tệp'],
      group: ['có ít nhất một dòng', 'không có dòng nào'],
    }[kind];
    return `${label} ${filled ? said[0] : said[1]}`;
  },
  compare(label, operator, value, field) {
    if (operator === 'lt') return `${label} nhỏ hơn ${value}`;
    if (operator === 'gt') return `${label} lớn hơn ${value}`;
    if (operator === 'lte')
      return field ? `${label} nhỏ hơn hoặc bằng ${value}` : `${label} không quá ${value}`;
    return field ? `${label} lớn hơn hoặc bằng ${value}` : `${label} từ ${value} trở lên`;
  },
  date: (label, operator, other, negated) =>
    `${label} ${negated ? 'không ' : ''}${VI_DATE_OPERATORS[operator]} ${other}`,
  duration: (amount, unit) => `${amount} ${{ years: 'năm', months: 'tháng', days: 'ngày' }[unit]}`,
  shifted: (amount, direction, base) =>
    `${amount} ${direction === 'after' ? 'sau' : 'trước'} ${base}`,
  ageAtLeast: (label, years, on) =>
    `tuổi tính theo ${label}${on ? ` vào ${on}` : ''} đã đủ ${years}`,
  ageUnder: (label, years, on) =>
    `tuổi tính theo ${label}${on ? ` vào ${on}` : ''} chưa đủ ${years}`,
  rowCount(label, item, bounds, negated) {
    const said = (bound: RowBound, count: string) =>
      ({
        equals: `là ${count}`,
        lt: `ít hơn ${count}`,
        lte: `không quá ${count}`,
        gt: `nhiều hơn ${count}`,
        gte: `từ ${count} trở lên`,
      })[bound];
    const parts = bounds.map(([bound, count]) =>
      negated
        ? bound === 'equals'
          ? `khác ${count}`
          : said(OPPOSITE[bound], count)
        : said(bound, count),
    );
    return `số ${item} trong ${label} ${list(parts, negated ? 'hoặc' : 'và')}`;
  },
  unique: (label, item, rowField, negated) =>
    negated
      ? `có hai ${item} trong ${label} trùng ${rowField}`
      : `không có hai ${item} nào trong ${label} trùng ${rowField}`,
  daysAgoOver: (label, days, negated) =>
    `${label} cách hôm nay ${negated ? 'không quá' : 'hơn'} ${days} ngày`,
  every: (label, item, inner) => `ở mọi ${item} trong ${label}, ${inner}`,
  some: (label, item, inner) => `ở ít nhất một ${item} trong ${label}, ${inner}`,
  periods(label, from, to, kind, negated) {
    const periods = `các khoảng thời gian từ ${from} đến ${to} trong ${label}`;
    if (kind === 'overlap') return `${periods} ${negated ? 'có trùng nhau' : 'không trùng nhau'}`;
    return `${periods} ${negated ? 'có chỗ bị hở' : 'nối liền nhau, không có chỗ hở'}`;
  },
  operator: (label, name, details, negated) =>
    `${label} ${negated ? 'không đạt' : 'đạt'} phép kiểm tra “${name}”${details ? ` (${details})` : ''}`,
  format: (words, name) => words?.vi ?? `đúng định dạng “${name}”`,
  integer: 'số nguyên',
  length(min, max) {
    if (min !== undefined && max !== undefined) return `từ ${min} đến ${max} ký tự`;
    return min !== undefined ? `ít nhất ${min} ký tự` : `tối đa ${max} ký tự`;
  },
  pattern(pattern) {
    const simple = patternWords(pattern);
    if (!simple) return `khớp mẫu ${pattern} (biểu thức chính quy)`;
    const count = simple.count.replace('–', ' đến ');
    const kind = { digits: 'chữ số', letters: 'chữ cái', alnum: 'chữ cái hoặc chữ số' }[
      simple.kind
    ];
    return `${count} ${kind}, không có dấu cách`;
  },
  range(min, max) {
    if (min && max) return `từ ${min} đến ${max}`;
    return min ? `không nhỏ hơn ${min}` : `không lớn hơn ${max}`;
  },
  above: (limit) => `lớn hơn ${limit}`,
  below: (limit) => `nhỏ hơn ${limit}`,
  multipleOf: (limit) => `bội số của ${limit}`,
  notBefore: (limit) => `không trước ${limit}`,
  notAfter: (limit) => `không sau ${limit}`,
  items(min, max) {
    if (min !== undefined && max !== undefined) return `chọn từ ${min} đến ${max} mục`;
    return min !== undefined ? `chọn ít nhất ${min} mục` : `chọn tối đa ${max} mục`;
  },
  fileTypes: (types) => `tệp ${types}`,
  fileSize: (size) => `mỗi tệp không quá ${size}`,
  fileCount: (count) => (count === 1 ? 'một tệp' : `tối đa ${count} tệp`),
  paper: 'ở máy tự phục vụ, có thể chọn mang bản giấy đến quầy thay cho tệp',
  noPaper: 'phải tải tệp lên, không nhận bản giấy mang đến quầy',
  address: (detail) =>
    detail
      ? 'gồm tỉnh, thành phố; xã, phường, đặc khu; và số nhà, tên đường, thôn, xóm'
      : 'gồm tỉnh, thành phố và xã, phường, đặc khu',
  rows(min, max, item) {
    if (min !== undefined && min > 0 && max !== undefined) return `từ ${min} đến ${max} ${item}`;
    if (max !== undefined) return `tối đa ${max} ${item}`;
    return `ít nhất ${min} ${item}`;
  },
  chooseOne: (options) => `chọn một trong: ${options}`,
  chooseSome: (options) => `chọn một hoặc nhiều trong: ${options}`,
};

const EN: Words = {
  when: (text) => `when ${text}`,
  and: 'and',
  or: 'or',
  yes: 'yes',
  no: 'no',
  nothing: 'empty',
  today: 'today',
  thisYear: 'this year',
  row: 'row',
  required: 'Required',
  optional: 'Optional',
  onDate: (date) => date,
  inYear: (year) => year,
  is: (label, value) => `${label} is ${value}`,
  isNot: (label, value) => `${label} is not ${value}`,
  isNoneOf: (label, values) => `${label} is not ${values}`,
  same: (label, other) => `${label} is the same as ${other}`,
  differs: (label, other) => `${label} is different from ${other}`,
  includes: (label, values) => `${label} includes ${values}`,
  excludes: (label, values) => `${label} does not include ${values}`,
  ticked: (label) => `${label} is ticked`,
  notTicked: (label) => `${label} is not ticked`,
  filled(label, kind, filled) {
    const said = {
      text: ['is filled in', 'is left empty'],
      choice: ['is chosen', 'is not chosen'],
      file: ['has a file', 'has no file'],
      group: ['has at least one row', 'has no rows'],
    }[kind];
    return `${label} ${filled ? said[0] : said[1]}`;
  },
  compare(label, operator, value) {
    const said = { lt: 'less than', lte: 'at most', gt: 'more than', gte: 'at least' }[operator];
    return `${label} is ${said} ${value}`;
  },
  date: (label, operator, other, negated) =>
    `${label} is ${negated ? 'not ' : ''}${EN_DATE_OPERATORS[operator]} ${other}`,
  duration: (amount, unit) => `${amount} ${amount === '1' ? unit.slice(0, -1) : unit}`,
  shifted: (amount, direction, base) => `${amount} ${direction} ${base}`,
  ageAtLeast: (label, years, on) =>
    `the age by ${label}${on ? ` on ${on}` : ''} is ${years} or over`,
  ageUnder: (label, years, on) => `the age by ${label}${on ? ` on ${on}` : ''} is under ${years}`,
  rowCount(label, item, bounds, negated) {
    const said = (bound: RowBound, count: string) =>
      ({
        equals: count,
        lt: `less than ${count}`,
        lte: `at most ${count}`,
        gt: `more than ${count}`,
        gte: `at least ${count}`,
      })[bound];
    const parts = bounds.map(([bound, count]) =>
      negated
        ? bound === 'equals'
          ? `not ${count}`
          : said(OPPOSITE[bound], count)
        : said(bound, count),
    );
    return `the number of ${item}s in ${label} is ${list(parts, negated ? 'or' : 'and')}`;
  },
  unique: (label, item, rowField, negated) =>
    negated
      ? `two ${item}s in ${label} have the same ${rowField}`
      : `no two ${item}s in ${label} have the same ${rowField}`,
  daysAgoOver: (label, days, negated) =>
    `${label} is ${negated ? 'not ' : ''}more than ${days} days before today`,
  every: (label, item, inner) => `in every ${item} of ${label}, ${inner}`,
  some: (label, item, inner) => `in at least one ${item} of ${label}, ${inner}`,
  periods(label, from, to, kind, negated) {
    const periods = `the periods from ${from} to ${to} in ${label}`;
    if (kind === 'overlap') return `${periods} ${negated ? 'overlap' : 'do not overlap'}`;
    return `${periods} ${negated ? 'have a gap' : 'follow on with no gap'}`;
  },
  operator: (label, name, details, negated) =>
    `${label} ${negated ? 'does not pass' : 'passes'} the check “${name}”${details ? ` (${details})` : ''}`,
  format: (words, name) => words?.en ?? `in the “${name}” format`,
  integer: 'a whole number',
  length(min, max) {
    if (min !== undefined && max !== undefined) return `${min} to ${max} characters`;
    return min !== undefined ? `at least ${min} characters` : `at most ${max} characters`;
  },
  pattern(pattern) {
    const simple = patternWords(pattern);
    if (!simple) return `matches the pattern ${pattern} (a regular expression)`;
    const count = simple.count.replace('–', ' to ');
    const kind = { digits: 'digits', letters: 'letters', alnum: 'letters or digits' }[simple.kind];
    return `${count} ${kind}, with no spaces`;
  },
  range(min, max) {
    if (min && max) return `from ${min} to ${max}`;
    return min ? `at least ${min}` : `at most ${max}`;
  },
  above: (limit) => `more than ${limit}`,
  below: (limit) => `less than ${limit}`,
  multipleOf: (limit) => `a multiple of ${limit}`,
  notBefore: (limit) => `not before ${limit}`,
  notAfter: (limit) => `not after ${limit}`,
  items(min, max) {
    if (min !== undefined && max !== undefined) return `choose ${min} to ${max} options`;
    return min !== undefined ? `choose at least ${min} options` : `choose at most ${max} options`;
  },
  fileTypes: (types) => `a ${types} file`,
  fileSize: (size) => `each file up to ${size}`,
  fileCount: (count) => (count === 1 ? 'one file' : `up to ${count} files`),
  paper: 'at a kiosk, the paper may be brought to the counter instead of a file',
  noPaper: 'the file must be uploaded; a paper copy brought to the counter is not accepted',
  address: (detail) =>
    detail
      ? 'province or city; commune, ward or special zone; and house number, street, village or hamlet'
      : 'province or city, and commune, ward or special zone',
  rows(min, max, item) {
    const items = (count: number) => `${item}${count === 1 ? '' : 's'}`;
    if (min !== undefined && min > 0 && max !== undefined) return `${min} to ${max} ${items(max)}`;
    if (max !== undefined) return `up to ${max} ${items(max)}`;
    return `at least ${min} ${items(min ?? 0)}`;
  },
  chooseOne: (options) => `one of: ${options}`,
  chooseSome: (options) => `one or more of: ${options}`,
};

const VI_DATE_OPERATORS = {
  before: 'trước',
  after: 'sau',
  onOrBefore: 'vào hoặc trước',
  onOrAfter: 'vào hoặc sau',
} as const;

const EN_DATE_OPERATORS = {
  before: 'before',
  after: 'after',
  onOrBefore: 'on or before',
  onOrAfter: 'on or after',
} as const;

function wordsFor(locale: string): Words {
  return locale === 'en' ? EN : VI;
}

// ————————————————————————————————————————————————————————————————————————————
// Helpers

/** “…”: the quotes Vietnamese and English both use around a label or an answer. */
export function quote(text: string): string {
  return `“${text.trim()}”`;
}

/** "A, B và C" / "A, B or C". */
function list(items: readonly string[], conjunction: string): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

function numberOf(value: JsonValue | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function nfc(text: string): string {
  return text.normalize('NFC');
}

/** A Text in a locale, NFC, trimmed: what every page shows. */
export function textIn(text: Text | undefined, locale: string): string {
  return nfc(localize(text, locale).trim());
}
