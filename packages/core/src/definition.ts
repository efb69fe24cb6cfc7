/**
 * The procedure definition: the reviewable JSON document an agency writes for one
 * administrative procedure. `schema/procedure.schema.json` is the published JSON Schema of
 * these types; keep the two in step.
 *
 * @module
 */

/** A locale motcua ships messages for. More may be added by packs. */
export type Locale = 'vi' | 'en';

/**
 * A user-facing string: either one plain string (used for every locale) or one text per
 * locale. Vietnamese is the default and the fallback.
 */
export type Text = string | { vi: string; en?: string; [locale: string]: string | undefined };

/** A JSON value, as stored in answers and compared by conditions. */
export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A reference to the value of another field, used wherever a condition compares two fields. */
export interface FieldRef {
  field: string;
}

/**
 * A date operand: an ISO date `YYYY-MM-DD`, the word `"today"`, another date field, or a date
 * worked out from a field or from today: `{"field": "dob", "plus": {"years": 14}}` (the 14th
 * birthday), `{"today": true, "plus": {"days": -30}}` (30 days ago).
 */
export type DateOperand = string | FieldRef | DateExpression;

/** A date worked out from another date field, or from today, moved by `plus`. */
export type DateExpression =
  { field: string; plus?: DateShift } | { today: true; plus?: DateShift };

/**
 * Whole years, months and days to add to a date; negative ones go back. Years and months are
 * added first, clamped to the month's last day (29 February + 1 year is 28 February), then days.
 */
export interface DateShift {
  years?: number;
  months?: number;
  days?: number;
}

/** How many rows a group has, for `rows`: every bound given must hold. */
export interface RowCount {
  equals?: number;
  lt?: number;
  lte?: number;
  gt?: number;
  gte?: number;
}

/** A number operand: a literal number or another number field. */
export type NumberOperand = number | FieldRef;

/**
 * A condition: a small typed data language, interpreted without `eval`, used by every `when`,
 * `requiredWhen` and rule. Each comparison names one field; combinators nest.
 *
 * @example
 * { "all": [ { "field": "fatherKnown", "equals": true }, { "field": "fatherName", "filled": true } ] }
 */
export type Condition =
  { all: Condition[] } | { any: Condition[] } | { not: Condition } | FieldCondition;

/** A comparison on one field. Exactly one operator key is present besides `field`. */
export type FieldCondition = { field: string } & (
  | { equals: JsonValue | FieldRef }
  | { notEquals: JsonValue | FieldRef }
  | { in: JsonValue[] }
  | { filled: boolean }
  | { lt: NumberOperand }
  | { lte: NumberOperand }
  | { gt: NumberOperand }
  | { gte: NumberOperand }
  | { before: DateOperand }
  | { after: DateOperand }
  | { onOrBefore: DateOperand }
  | { onOrAfter: DateOperand }
  | { ageAtLeast: number; on?: DateOperand }
  | { ageUnder: number; on?: DateOperand }
  | { daysAgoOver: number }
  | { every: Condition }
  | { some: Condition }
  | { rows: RowCount }
  | { unique: string }
  | { noOverlap: RangeKeys }
  | { noGaps: RangeKeys }
);

/**
 * The two date fields of a repeatable group's rows that make a period, for `noOverlap` and
 * `noGaps` (for example a residence history).
 */
export interface RangeKeys {
  from: string;
  to: string;
}

/** Every operator a field condition may use, in the order reviewers read them. */
export const FIELD_OPERATORS = [
  'equals',
  'notEquals',
  'in',
  'filled',
  'lt',
  'lte',
  'gt',
  'gte',
  'before',
  'after',
  'onOrBefore',
  'onOrAfter',
  'ageAtLeast',
  'ageUnder',
  'daysAgoOver',
  'every',
  'some',
  'rows',
  'unique',
  'noOverlap',
  'noGaps',
] as const;

/** An operator of a field condition. */
export type FieldOperator = (typeof FIELD_OPERATORS)[number];

/** Every field type the engine knows. */
export const FIELD_TYPES = [
  'text',
  'textarea',
  'number',
  'date',
  'year',
  'select',
  'radio',
  'checkbox',
  'checkboxes',
  'email',
  'phone',
  'file',
  'group',
  'address',
] as const;

/**
 * A field type: a built-in one, or a custom type named `x-…` (for example `x-signature`) that
 * the page renders with `registerField`; the engine checks its answer by `schema` and `format`
 * only.
 */
export type FieldType = (typeof FIELD_TYPES)[number] | `x-${string}`;

/** One choice of a `select`, `radio` or `checkboxes` field. */
export interface Option {
  value: string;
  label: Text;
  hint?: Text;
  /**
   * Offered only when this condition holds (read like the field's own `when`: answers given
   * before the field, the row's fields first in a group). An answer naming an option that is
   * not offered is the error `option`.
   */
  when?: Condition;
}

/** A field: one question the citizen answers. */
export interface FieldDefinition {
  /** Unique in the whole procedure, rows of groups included; letters, digits, `_`, `-`. */
  id: string;
  type: FieldType;
  label: Text;
  hint?: Text;
  /** An example answer shown to the citizen, e.g. `"Nguyễn Văn An"`. */
  example?: Text;
  required?: boolean;
  /** Required only when this condition holds (ignored when `required` is true). */
  requiredWhen?: Condition;
  /** Shown (and validated, and submitted) only when this condition holds. */
  when?: Condition;
  /** A named format (`email`, `phone`, or one a pack adds, such as `vn-personal-id`). */
  format?: string;
  /** Extra constraints on the value, as a JSON Schema fragment (run by Ajv). */
  schema?: Record<string, JsonValue>;
  /** Per-code message overrides, e.g. `{"maxLength": {"vi": "...", "en": "..."}}`. */
  messages?: Record<string, Text>;
  /** Choices, for `select`, `radio` and `checkboxes`. */
  options?: Option[];
  /** Earliest allowed: for `date` an ISO date, for `year` a whole number; or `"today"`. */
  min?: string | number;
  /** Latest allowed: for `date` an ISO date, for `year` a whole number; or `"today"`. */
  max?: string | number;
  /** Accepted media types or extensions, for `file`, e.g. `["application/pdf", ".jpg"]`. */
  accept?: string[];
  /** Largest size of one file in bytes, for `file`. */
  maxSize?: number;
  /** Most files the citizen may attach, for `file` (default 1). */
  maxFiles?: number;
  /**
   * For `file`: whether a citizen at a kiosk may answer "I will bring the paper to the counter"
   * (`{"paper": true}`) instead of uploading it. True by default; `false` where the agency needs
   * the file itself (the answer `{"paper": true}` is then the error `paperNotAllowed`).
   */
  paper?: boolean;
  /**
   * For `address`: whether the house number, street, hamlet line is asked (default true).
   * `false` for a place named by its commune and province alone, such as a home town.
   */
  detail?: boolean;
  /** The fields of one row, for `group`. */
  fields?: FieldDefinition[];
  /** Fewest and most rows, for `group`. */
  minRows?: number;
  maxRows?: number;
  /** The noun for one row, for `group` (e.g. "thành viên"), used by "Thêm thành viên". */
  itemLabel?: Text;
  /**
   * Where a page shows one question at a time (the kiosk), fields of a step with the same
   * `together` name share one page: a name's parts, or a choice and its "other" box.
   */
  together?: string;
  /**
   * An answer given earlier that this field starts from, shown for the citizen to confirm and
   * never hidden: `{"from": "requesterName", "when": {"field": "requesterRelationship",
   * "equals": "mother"}}` fills the mother's name from the requester's when she is the one
   * registering. It fills an empty answer on entering the step, follows the source while the
   * citizen has not changed it, and is taken back when `when` stops holding.
   */
  prefill?: Prefill;
}

/** See {@link FieldDefinition.prefill}. */
export interface Prefill {
  /** The field (not in a group) whose answer is copied. */
  from: string;
  when?: Condition;
}

/** A step: one page of the journey. */
export interface StepDefinition {
  id: string;
  title: Text;
  /** A short paragraph shown under the title. */
  description?: Text;
  when?: Condition;
  fields: FieldDefinition[];
}

/**
 * A cross-field rule. When `when` holds (or always), `assert` must hold; otherwise `message` is
 * reported on the first of `fields`, the field the citizen should change.
 */
export interface RuleDefinition {
  id: string;
  /**
   * A group whose rows the rule checks one by one: `when` and `assert` read each row's fields
   * first (then the dossier's), and the error of a row that fails goes to the row's field named
   * first in `fields` (`members.2.dateOfBirth`), not to the whole group.
   */
  each?: string;
  when?: Condition;
  assert: Condition;
  fields: string[];
  /**
   * What the citizen reads when the rule fails. May be left out when `assert` is one condition
   * with a pack operator that brings its own message.
   */
  message?: Text;
  /** The legal basis reviewers read, e.g. "Điều 16 Luật Hộ tịch 2014". */
  basis?: Text;
  /**
   * `warning`: the message is shown and the citizen may continue after reading it (data that
   * is odd but may be right, such as an old ID card); `error` (default): it must be fixed.
   */
  severity?: 'error' | 'warning';
}

/** A document the citizen must bring or attach. */
export interface DocumentDefinition {
  id: string;
  title: Text;
  description?: Text;
  when?: Condition;
  /** Originals and copies to hand in. */
  originals?: number;
  copies?: number;
  basis?: Text;
}

/** The agency that receives and processes the dossier. */
export interface Agency {
  name: Text;
  level?: 'commune' | 'province' | 'ministry' | 'other';
  url?: string;
}

/** How long processing takes. */
export interface ProcessingTime {
  /** Working days; 0 means the same day. */
  workingDays: number;
  note?: Text;
}

/**
 * Where a dossier is filed, for fees that differ by channel: `online` (the portal, at home),
 * `in-person` (handed in at the counter), `kiosk` (the self-service kiosk at the centre), `post`.
 */
export type FeeChannel = 'online' | 'in-person' | 'kiosk' | 'post';

/**
 * A fee: a fixed amount, or an amount per unit of a numeric answer (`per`), charged `when` a
 * condition holds, on the channels it names.
 *
 * @example
 * { "id": "copy-fee", "label": "Phí cấp bản sao", "amount": 8000, "per": { "field": "copyCount" } }
 */
export interface Fee {
  id: string;
  label: Text;
  /**
   * Amount in đồng: of the whole fee, or of one unit when `per` is set. Leave it out where the
   * amount is set locally (by the province) and not yet known: the citizen is told that the
   * officer will say it, and the total is marked incomplete.
   */
  amount?: number;
  currency?: 'VND';
  /** The channels it is charged on: one, a list, or `any` (the default). */
  channel?: FeeChannel | 'any' | FeeChannel[];
  /**
   * Charged per unit of a number field's answer (copies × 8.000 đ); units before `from` (1 by
   * default) are free, so `{"field": "copies", "from": 3}` charges from the third copy.
   */
  per?: FeePer;
  when?: Condition;
  note?: Text;
}

/**
 * What a per-unit fee counts: the answer of a number field, from its `from`-th unit up to its
 * `upTo`-th, times the answer of another number field when `times` names one.
 *
 * @example
 * // Certified copies: 1.000 đ a page from the 3rd to the 198th, for each copy.
 * { "field": "originalPages", "from": 3, "upTo": 198, "times": "copies" }
 */
export interface FeePer {
  field: string;
  /** The first unit charged (1 by default): the units before it are free. */
  from?: number;
  /** The last unit charged: units after it are free (a fee capped per copy). */
  upTo?: number;
  /** A second number field the count is multiplied by: pages × copies. */
  times?: string;
}

/** A law, decree or circular the procedure rests on. */
export interface LegalBasis {
  id: string;
  title: Text;
  url?: string;
}

/**
 * Whether a procedure can be finished on the national portal: `full` (toàn trình: filed and
 * the result returned online; the portal needs a VNeID level-2 account), `partial` (filed online,
 * papers or the result at the counter) or `counter` (only at the counter).
 */
export type OnlineAvailability = 'full' | 'partial' | 'counter';

/** The whole procedure definition. */
export interface ProcedureDefinition {
  $schema?: string;
  id: string;
  version: string;
  /** National procedure code, e.g. `1.001193`. */
  code?: string;
  title: Text;
  description?: Text;
  /**
   * Plain words and synonyms a citizen may type to find the procedure ("làm giấy khai sinh",
   * "đăng ký cho con"); a catalogue folds them into its search keys with the title.
   */
  keywords?: Text[];
  /** Who may file it, in one or two plain sentences. */
  audience?: Text;
  /** Whether it can be finished fully online, partly, or only at the counter. */
  online?: OnlineAvailability;
  agency?: Agency;
  processingTime?: ProcessingTime;
  fees?: Fee[];
  legalBasis?: LegalBasis[];
  documents?: DocumentDefinition[];
  steps: StepDefinition[];
  rules?: RuleDefinition[];
  /** The IANA time zone "today" is read in (default `Asia/Ho_Chi_Minh`). */
  timeZone?: string;
  /** Which field each part of the citizen's Căn cước card fills when a kiosk scans it. */
  card?: CardMapping;
}

/** A part of the Căn cước / CCCD card's QR code that {@link CardMapping} can map to a field. */
export type CardPart =
  'personalId' | 'oldId' | 'fullName' | 'dateOfBirth' | 'sex' | 'residence' | 'issueDate';

/**
 * The `card` key: the field each part of the card fills, e.g.
 * `{"personalId": "applicantPersonalId", "fullName": "applicantName"}`. Fields on the first
 * unconditional steps, of a type the part fits (the linter checks both).
 */
export type CardMapping = { [part in CardPart]?: string };

/** One line of a declaration: a field's answer under a label, or a fixed sentence. */
export type DeclarationRow = { label: Text; field: string } | { text: Text };

/** A part of a declaration under its own heading ("Người đi đăng ký", "Người được khai sinh"). */
export interface DeclarationSection {
  heading: Text;
  rows: DeclarationRow[];
}

/**
 * The declaration (tờ khai) of a procedure, kept beside its definition as
 * `<id>.declaration.json`: what a kiosk fills with the answers and prints for signing at the
 * counter where the law still wants a signed paper. Data only, rendered by the page (never as
 * HTML). `field` names a field asked directly on a step; a group prints its rows.
 */
export interface DeclarationTemplate {
  $schema?: string;
  title: Text;
  /** A paragraph under the title, such as "Kính gửi: Ủy ban nhân dân xã …". */
  intro?: Text;
  sections: DeclarationSection[];
  /** The words over the signature, such as "Người yêu cầu (ký, ghi rõ họ tên)". */
  signature: Text;
}
