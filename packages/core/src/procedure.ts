import {
  type AnswerValue,
  type Answers,
  type FileAnswer,
  isDateParts,
  isEmpty,
  isPaperAnswer,
  isSealed,
  toAnswers,
} from './answers.js';
import { type Clock, systemClock, todayIn } from './clock.js';
import { type ConditionScope, evaluate, rowScope } from './condition.js';
import { isIsoDate, isoFromParts } from './dates.js';
import type {
  DocumentDefinition,
  FeeChannel,
  FieldDefinition,
  Option,
  ProcedureDefinition,
  RuleDefinition,
  StepDefinition,
  Text,
} from './definition.js';
import { MotcuaError } from './errors.js';
import type { ProcedureMachine } from './machine.js';
import {
  type FormatDefinition,
  type OperatorDefinition,
  type Pack,
  builtinFormats,
} from './formats.js';
import { type Judging, judge, loadJudge } from './judge.js';
import type { MessageContext } from './judging.js';
import type { ErrorParams, MessageCatalog } from './messages.js';
import { DEFAULT_LOCALE } from './text.js';

/**
 * One validation error: plain, serialisable data. `field` is the field id, or a path into a
 * group's rows (`members.0.fullName`). `message` is in the requested locale; `code` and
 * `params` are enough to rebuild it in another.
 */
export interface ValidationError {
  field: string;
  code: string;
  params: ErrorParams;
  message: string;
}

/**
 * What `validate` returns. `answers` is the pruned, normalised copy a server should store.
 * `warnings` (an unknown province code on an ID card, a name without diacritics) never make a
 * dossier invalid: the citizen saw and confirmed them, and reviewers see them listed apart.
 */
export interface ValidationResult {
  valid: boolean;
  errors: ValidationError[];
  warnings: ValidationError[];
  answers: Answers;
}

/**
 * A file the citizen will bring on paper instead of uploading: the field's path (`birthNotice`,
 * or `members.1.idCard` in a group row) and its label, to list among the papers to bring.
 */
export interface PaperToBring {
  field: string;
  label: Text;
}

/** The errors and warnings of one step. */
export interface StepCheck {
  errors: ValidationError[];
  warnings: ValidationError[];
}

/** An error as Ajv (compiled in-process, or standalone) reports it. */
export interface SchemaValidatorError {
  keyword: string;
  params: Record<string, unknown>;
  instancePath?: string;
}

/** A compiled JSON Schema check, as Ajv makes them: returns whether valid, sets `errors`. */
export interface SchemaValidator {
  (data: unknown): boolean;
  errors?: readonly SchemaValidatorError[] | null;
}

/** Compiled field validators by field key (`childName`, or `members.fullName` for a row field). */
export type SchemaValidators = { readonly [fieldKey: string]: SchemaValidator };

/** A procedure's checks: what a page may load after its first page is drawn. */
export interface ProcedureChecks {
  /** The field validators compiled from the definition (by `loadProcedure` or `compileToModule`). */
  validators?: SchemaValidators;
  /** Packs that provide named formats, condition operators and messages. */
  packs?: readonly Pack[];
  /**
   * The definition's texts in other locales than Vietnamese, by locale, as the compiler's `splitTexts`
   * takes them out: a module made by `motcua build` carries them here, so a Vietnamese page's
   * first input does not wait for English. Put back into the definition when the checks load.
   */
  texts?: { readonly [locale: string]: TextsOverlay };
  /**
   * What the definition says that no page needs before it judges (its fees, papers, rules,
   * legal basis, keywords, agency…): a module made by `motcua build` keeps in its own definition
   * only what lays out the pages (`id`, `version`, `title`, `steps`, `timeZone`, `card`), and
   * carries the rest here. Put back into the definition when the checks load; a key the
   * definition already has is left as it is.
   */
  definition?: Partial<ProcedureDefinition>;
}

/**
 * The texts of one locale taken out of a definition: the definition's shape, holding only the
 * places where a text had that locale (a string there), `null` in arrays for the rest.
 */
export type TextsOverlay =
  string | null | readonly TextsOverlay[] | { readonly [key: string]: TextsOverlay };

/** The keyboard a format asks for: the HTML `inputmode`. */
export type InputMode = NonNullable<FormatDefinition['inputMode']>;

/** Options of {@link createProcedure}. */
export interface ProcedureOptions extends ProcedureChecks {
  /** Where "today" is read; the system clock by default. */
  clock?: Pick<Clock, 'now'>;
  /**
   * The checks, loaded when first needed instead of given: a module made by `motcua build`
   * passes its validators and pack code this way, as a chunk of their own, so a page's first
   * input does not wait for them. Until {@link Procedure.load} has them, the procedure lays out
   * pages (steps, visible and required fields, options) taking answers as typed, and its
   * judgements (`validate`, `checkStep`, `documents`, `fees`, `papers`) throw; its texts in
   * other locales may come with them (`texts`).
   */
  checks?: () => Promise<ProcedureChecks>;
  /**
   * The keyboard of each pack format the definition uses, known before `checks` load, by format
   * name; `motcua build` writes it from the packs.
   */
  inputModes?: { readonly [format: string]: InputMode };
}

/** Options of the checking methods of a {@link Procedure}. */
export interface CheckOptions {
  /** The locale of messages; Vietnamese by default. */
  locale?: string;
  /** Where "today" is read for this call. */
  clock?: Pick<Clock, 'now'>;
}

/** Options of {@link Procedure.fees}. */
export interface FeeOptions extends CheckOptions {
  /** Where the dossier is filed; `online` by default. */
  channel?: FeeChannel;
}

/**
 * One fee that applies: `amount` is what it comes to (`unitAmount` × `quantity` for a per-unit
 * fee), absent when the definition leaves the amount to the officer.
 */
export interface FeeLine {
  id: string;
  label: Text;
  note?: Text;
  /** Units charged: 1 for a fixed fee, the counted units for a per-unit one. */
  quantity: number;
  unitAmount?: number;
  amount?: number;
}

/**
 * The fees a dossier pays on one channel, and their total. `complete` is false when a fee's
 * amount is left to the officer: `total` then counts only the known amounts.
 */
export interface Fees {
  channel: FeeChannel;
  lines: FeeLine[];
  total: number;
  complete: boolean;
  currency: 'VND';
}

/** A procedure ready to run: its definition, its checks, and what follows from answers. */
export interface Procedure {
  /**
   * The definition. A module made by `motcua build` holds only what lays out the pages until
   * `load()` (`id`, `version`, `title`, `steps`, `timeZone`, `card`, in Vietnamese): its fees,
   * papers, rules, legal basis and other locales come with the checks.
   */
  readonly definition: ProcedureDefinition;
  readonly id: string;
  readonly version: string;
  readonly steps: readonly StepDefinition[];
  /** The clock this procedure reads "today" from unless a call passes its own. */
  readonly clock: Pick<Clock, 'now'>;
  /**
   * The XState machine of the journey (see {@link createProcedureMachine}). In a page's runtime,
   * where XState loads after the first page, it is there once a session is `ready`.
   */
  readonly machine: ProcedureMachine;
  /** Finds a field by id or row path (`members.0.fullName` finds the row field `fullName`). */
  field(path: string): FieldDefinition | undefined;
  /** Finds a step by id. */
  step(id: string): StepDefinition | undefined;
  /**
   * Whether its checks (validators, pack formats and operators) are here: always, unless it was
   * made with `checks` to load, and {@link Procedure.load} has not finished. In a page's runtime
   * (`motcua.js`) the code that judges answers and the default messages are loaded by `load()`
   * too (see judge.ts), so there a procedure made with its checks given is not loaded until
   * `load()` has fetched them.
   */
  readonly loaded: boolean;
  /**
   * Loads the checks when they come as a chunk of their own (a module made by `motcua build`);
   * settles at once when they are here. Call it before `validate`, `checkStep`, `documents`,
   * `fees` or `papers`: those throw until then. A failed load (offline) is tried again by the
   * next call. Such a module's definition is in Vietnamese until then: its texts in other
   * locales come with the checks, so a page in English awaits `load()` before it draws.
   *
   * @example
   * import procedure from './procedures/birth-registration.js';
   * await procedure.load();
   * procedure.fees(answers, { channel: 'kiosk' }).total;
   */
  load(): Promise<void>;
  /** The named format this procedure checks with (built in, or from a pack); once loaded. */
  format(name: string): FormatDefinition | undefined;
  /** The keyboard a format asks for (`numeric` for an ID number), known before the checks load. */
  inputMode(format: string): InputMode | undefined;
  /** The step that asks a field, given its id or an error's path (`members.0.fullName`). */
  stepOf(field: string): StepDefinition | undefined;
  /**
   * Whether a visible field must be answered, given the answers so far (`required`, or a
   * `requiredWhen` that holds). A page marks the others "(không bắt buộc)".
   */
  isRequired(field: string, answers: unknown, options?: CheckOptions): boolean;
  /** Whether a field (or a row field, by path) is shown, given the answers so far. */
  isVisible(field: string, answers: unknown, options?: CheckOptions): boolean;
  /**
   * The options of a choice field (or a row field, by path) offered to this citizen: those
   * without a `when`, and those whose `when` holds on the answers so far.
   *
   * @example
   * procedure.offeredOptions('members.1.relationship', answers).map((option) => option.value);
   */
  offeredOptions(field: string, answers: unknown, options?: CheckOptions): Option[];
  /** The steps this citizen is asked, in order, given the answers so far. */
  applicableSteps(answers: unknown, options?: CheckOptions): StepDefinition[];
  /**
   * The fields of a step shown to this citizen, given the answers so far (a field may appear
   * once an earlier answer on the same step is given). Empty for a step that is not asked.
   */
  visibleFields(stepId: string, answers: unknown, options?: CheckOptions): FieldDefinition[];
  /**
   * The step's visible fields as one-question pages, for a page that asks one thing at a time
   * (the kiosk): each field alone, but fields with the same `together` name on the page of the
   * first of them.
   */
  questions(stepId: string, answers: unknown, options?: CheckOptions): FieldDefinition[][];
  /**
   * What the step's fields with a `prefill` start from, by field id: the source's answer where
   * the prefill's `when` holds, `undefined` where it does not (or the source is unanswered).
   */
  prefills(stepId: string, answers: unknown, options?: CheckOptions): Map<string, AnswerValue>;
  /** Checks one step: its visible fields, and the rules whose last input is on this step. */
  validateStep(stepId: string, answers: unknown, options?: CheckOptions): ValidationError[];
  /** Like {@link Procedure.validateStep}, with the step's warnings too. */
  checkStep(stepId: string, answers: unknown, options?: CheckOptions): StepCheck;
  /**
   * Checks a whole dossier with every rule, and returns the pruned copy: hidden fields and
   * steps removed, values normalised. A server calls this to re-check a submission.
   */
  validate(answers: unknown, options?: CheckOptions): ValidationResult;
  /** The documents this citizen must bring or attach. */
  documents(answers: unknown, options?: CheckOptions): DocumentDefinition[];
  /**
   * The fees this citizen pays on one channel (`online` unless told): those whose `when` holds,
   * per-unit ones counted from their field, with the total. The page, the kiosk's slip and the
   * server's receipt all call this, so they agree.
   *
   * @example
   * procedure.fees({ wantCopies: 'yes', copyCount: 2 }, { channel: 'kiosk' }).total; // 16000
   */
  fees(answers: unknown, options?: FeeOptions): Fees;
  /**
   * The file fields this citizen answered "I will bring the paper to the counter" (`{"paper":
   * true}`), in the order of the form, to list with the {@link Procedure.documents} to bring.
   * Hidden fields and fields that forbid paper (`"paper": false`) are left out.
   */
  papers(answers: unknown, options?: CheckOptions): PaperToBring[];
  /** Rebuilds errors' messages in another locale. */
  localizeErrors(errors: readonly ValidationError[], locale: string): ValidationError[];
}

/**
 * What is wrong with a value, before it is placed on a field.
 * @internal
 */
export interface Failure {
  code: string;
  params: ErrorParams;
}

/**
 * An error (or a warning) before its message is written.
 * @internal
 */
export interface Issue extends Failure {
  field: string;
  severity?: 'warning';
}

/** Where field checks record what they find. */
type Findings = Pick<
  Resolution,
  'issues' | 'warnings' | 'required' | 'visible' | 'failed' | 'seenRows'
>;

/**
 * What the answers resolve to: the visible steps and fields, their values, their problems.
 * @internal
 */
export interface Resolution {
  steps: StepDefinition[];
  values: Answers;
  /** Ids of visible fields, and paths of visible row fields (`members.0.fullName`). */
  visible: Set<string>;
  /** Paths of visible fields that must be answered (row fields as `members.0.fullName`). */
  required: Set<string>;
  issues: Map<string, Issue>;
  /** Warnings of formats, by path: shown, never blocking. */
  warnings: Map<string, Issue>;
  /**
   * Paths of fields whose answer failed its own check (format, pattern, range, a hidden option):
   * conditions see them as empty, so nothing follows from a value the citizen must still fix.
   */
  failed: Set<string>;
  /** The rows of each group as conditions see them (failed row answers left out), by path. */
  seenRows: Map<string, Answers[]>;
  scope: ConditionScope;
  /**
   * What methods worked out from this resolution, by method and arguments; only for sealed
   * answers (made by `sealAnswers`), whose resolution is kept.
   */
  memo?: Map<string, unknown>;
}

/**
 * Makes `procedure.machine`: set by machine.ts when it loads, so that this module (and the page's
 * first input) does not wait for XState.
 * @internal
 */
export const machines: { create?: (procedure: Procedure) => ProcedureMachine } = {};

/**
 * Makes a {@link Procedure} from a definition and its compiled validators. In Node use
 * `loadProcedure` from `@motcua/core/compiler`, which checks the definition and compiles the
 * validators; in the page, a module made by `compileToModule` calls this for you.
 *
 * @example
 * import procedure from './birth-registration.procedure.json'; // through the Rollup plugin
 * procedure.validate({ childName: 'Nguyễn Văn An' }).errors;
 */
export function createProcedure(
  definition: ProcedureDefinition,
  options: ProcedureOptions = {},
): Procedure {
  return new CompiledProcedure(definition, options);
}

class CompiledProcedure implements Procedure {
  readonly definition: ProcedureDefinition;
  readonly id: string;
  readonly version: string;
  readonly steps: readonly StepDefinition[];
  readonly clock: Pick<Clock, 'now'>;
  #validators: SchemaValidators = {};
  readonly #formats = new Map<string, FormatDefinition>(Object.entries(builtinFormats));
  readonly #operators = new Map<string, OperatorDefinition>();
  /** The packs' message catalogues; the default messages come after them (judging.ts). */
  readonly #catalogs: MessageCatalog[] = [];
  readonly #messages: MessageContext & { rules: readonly RuleDefinition[] };
  readonly #inputModes: { readonly [format: string]: InputMode };
  readonly #fields = new Map<string, FieldDefinition>();
  readonly #fieldStep = new Map<string, number>();
  readonly #ruleStep = new Map<RuleDefinition, number>();
  readonly #ruleInputs = new Map<RuleDefinition, Set<string>>();
  readonly #timeZone: string;
  /**
   * Resolutions of sealed answers, by today's date: a Continue, the page around it and the
   * review summary ask many questions of the same answers, and get them from one re-check.
   * Keyed weakly, so answers the machine no longer holds take their results with them. Made
   * anew when the checks load: what was worked out without them is provisional.
   */
  #resolutions = new WeakMap<Answers, Map<string, Resolution>>();
  /** The checks to load, until they are here. */
  #checks: (() => Promise<ProcedureChecks>) | undefined;
  #loading: Promise<void> | undefined;
  #machine: ProcedureMachine | undefined;

  constructor(definition: ProcedureDefinition, options: ProcedureOptions) {
    this.definition = definition;
    this.id = definition.id;
    this.version = definition.version;
    this.steps = definition.steps;
    this.clock = options.clock ?? systemClock;
    this.#timeZone = definition.timeZone ?? 'Asia/Ho_Chi_Minh';
    this.#inputModes = options.inputModes ?? {};
    definition.steps.forEach((step, index) => {
      for (const field of step.fields) {
        this.#fields.set(field.id, field);
        this.#fieldStep.set(field.id, index);
      }
    });
    this.#messages = {
      rules: definition.rules ?? [],
      operators: this.#operators,
      catalogs: this.#catalogs,
      field: (path) => this.field(path),
      order: (path) => this.#order(path),
    };
    if (options.checks) this.#checks = options.checks;
    else this.#use(options);
  }

  get loaded(): boolean {
    return this.#checks === undefined && judge() !== undefined;
  }

  load(): Promise<void> {
    if (this.loaded) return Promise.resolve();
    const checks = this.#checks;
    this.#loading ??= Promise.all([checks?.(), loadJudge()]).then(
      ([loaded]) => {
        if (loaded) this.#use(loaded);
        else this.#takeIn();
        this.#checks = undefined;
        this.#resolutions = new WeakMap();
      },
      (error: unknown) => {
        this.#loading = undefined;
        throw new MotcuaError(
          `procedure "${this.id}": its checks could not be loaded (${(error as Error)?.message ?? String(error)}); check the connection, then call load() again`,
          { cause: error },
        );
      },
    );
    return this.#loading;
  }

  /**
   * Takes the checks in: the validators, and the packs' formats, operators and messages; the
   * rest (the definition's other parts and locales, where each rule is checked) once the code
   * that judges is here too ({@link #takeIn}).
   */
  #use(checks: ProcedureChecks): void {
    this.#validators = checks.validators ?? {};
    const catalogs: MessageCatalog[] = [];
    for (const pack of checks.packs ?? []) {
      for (const [name, format] of Object.entries(pack.formats ?? {}))
        this.#formats.set(name, format);
      for (const [name, operator] of Object.entries(pack.operators ?? {})) {
        this.#operators.set(name, operator);
      }
      if (pack.messages) catalogs.push(pack.messages);
    }
    this.#catalogs.unshift(...catalogs);
    this.#taken = checks;
    this.#takeIn();
  }

  /** Checks taken in by {@link #use} whose rest waits for the judging code. */
  #taken: ProcedureChecks | undefined;

  #takeIn(): void {
    const judging = judge();
    const checks = this.#taken;
    if (!judging || !checks) return;
    this.#taken = undefined;
    judging.takeIn(this.definition, checks, {
      operators: this.#operators,
      validators: this.#validators,
      fields: this.#fields.values(),
      fieldStep: this.#fieldStep,
      ruleInputs: this.#ruleInputs,
      ruleStep: this.#ruleStep,
    });
    this.#messages.rules = this.definition.rules ?? [];
  }

  /**
   * The code that judges answers (judging.ts), once the checks are here; throws before, for what
   * cannot be told without them.
   */
  #judge(method: string): Judging {
    const judging = judge();
    if (this.#checks || !judging) {
      throw new MotcuaError(
        `procedure "${this.id}": ${method}() needs its checks, which load on their own (a module made by motcua build); await procedure.load() first`,
      );
    }
    // The judging code may have come with another procedure's load().
    this.#takeIn();
    return judging;
  }

  get machine(): ProcedureMachine {
    if (!machines.create) {
      throw new MotcuaError(
        `procedure "${this.id}": its machine comes with XState, which this page has not loaded yet; await a session's \`ready\` (startSession), or import createProcedureMachine from @motcua/core`,
      );
    }
    return (this.#machine ??= machines.create(this));
  }

  field(path: string): FieldDefinition | undefined {
    const [head, ...rest] = path.split('.');
    let field = head === undefined ? undefined : this.#fields.get(head);
    for (const segment of rest) {
      if (!field || /^\d+$/.test(segment)) continue;
      field = field.fields?.find((inner) => inner.id === segment);
    }
    return field;
  }

  step(id: string): StepDefinition | undefined {
    return this.steps.find((step) => step.id === id);
  }

  format(name: string): FormatDefinition | undefined {
    return this.#formats.get(name);
  }

  inputMode(format: string): InputMode | undefined {
    return this.#formats.get(format)?.inputMode ?? this.#inputModes[format];
  }

  stepOf(field: string): StepDefinition | undefined {
    const index = this.#fieldStep.get(topLevel(field));
    return index === undefined ? undefined : this.steps[index];
  }

  applicableSteps(answers: unknown, options: CheckOptions = {}): StepDefinition[] {
    return [...this.#resolve(answers, options).steps];
  }

  isRequired(field: string, answers: unknown, options: CheckOptions = {}): boolean {
    return this.#resolve(answers, options).required.has(field);
  }

  isVisible(field: string, answers: unknown, options: CheckOptions = {}): boolean {
    return this.#resolve(answers, options).visible.has(field);
  }

  offeredOptions(path: string, answers: unknown, options: CheckOptions = {}): Option[] {
    const all = this.field(path)?.options ?? [];
    if (!all.some((option) => option.when)) return [...all];
    const { scope, seenRows } = this.#resolve(answers, options);
    // A row field reads its row first: `members.1.relationship` reads row 1 of `members`.
    const [, group = '', index] = /(.*)\.(\d+)\./.exec(path) ?? [];
    const row = seenRows.get(group)?.[Number(index)];
    const inRow = row ? rowScope(row, scope) : scope;
    return all.filter((option) => !option.when || evaluate(option.when, inRow));
  }

  visibleFields(stepId: string, answers: unknown, options: CheckOptions = {}): FieldDefinition[] {
    return [...this.#visibleFields(stepId, this.#resolve(answers, options))];
  }

  questions(stepId: string, answers: unknown, options: CheckOptions = {}): FieldDefinition[][] {
    const resolution = this.#resolve(answers, options);
    const pages = remember(resolution, `questions\0${stepId}`, () => {
      const made: FieldDefinition[][] = [];
      const named = new Map<string, FieldDefinition[]>();
      for (const field of this.#visibleFields(stepId, resolution)) {
        const page = (field.together && named.get(field.together)) || [];
        if (page.length === 0) made.push(page);
        if (field.together) named.set(field.together, page);
        page.push(field);
      }
      return made;
    });
    return pages.map((page) => [...page]);
  }

  prefills(stepId: string, answers: unknown, options: CheckOptions = {}): Map<string, AnswerValue> {
    const fields = this.step(stepId)?.fields.filter((field) => field.prefill) ?? [];
    if (fields.length === 0) return new Map();
    // Sealed answers cannot change, so they are read as they are; others are copied first.
    const raw = isSealed(answers) ? answers : toAnswers(answers);
    const resolution = this.#resolve(raw, options);
    const filled = remember(resolution, `prefills\0${stepId}`, () => {
      const made = new Map<string, AnswerValue>();
      for (const { id, prefill } of fields) {
        const holds = !prefill!.when || evaluate(prefill!.when, resolution.scope);
        made.set(id, holds ? raw[prefill!.from] : undefined);
      }
      return made;
    });
    return new Map(filled);
  }

  validateStep(stepId: string, answers: unknown, options: CheckOptions = {}): ValidationError[] {
    return this.checkStep(stepId, answers, options).errors;
  }

  checkStep(stepId: string, answers: unknown, options: CheckOptions = {}): StepCheck {
    const judging = this.#judge('checkStep');
    const step = this.step(stepId);
    if (!step)
      throw new MotcuaError(
        `validateStep: unknown step "${stepId}"; the steps are ${this.steps.map((s) => `"${s.id}"`).join(', ')}`,
      );
    const resolution = this.#resolve(answers, options);
    const locale = options.locale ?? DEFAULT_LOCALE;
    const check = remember(resolution, `check\0${locale}\0${stepId}`, () =>
      judging.splitIssues(
        remember(resolution, `issues\0${stepId}`, () =>
          this.#stepIssues(judging, step, resolution),
        ),
        locale,
        this.#messages,
      ),
    );
    return { errors: check.errors.map(copyError), warnings: check.warnings.map(copyError) };
  }

  /** The issues of one step, before their messages are written (they do not depend on locale). */
  #stepIssues(judging: Judging, step: StepDefinition, resolution: Resolution): Issue[] {
    const stepIndex = this.steps.indexOf(step);
    const ids = new Set(step.fields.map((field) => field.id));
    const onStep = (issue: Issue) => ids.has(topLevel(issue.field));
    const issues = [...resolution.issues.values(), ...resolution.warnings.values()].filter(onStep);
    // A rule is checked once all its inputs are given: on its checkpoint step, or on the last
    // step asked before it when the checkpoint step is skipped (no father, no father step).
    // Its error may name a field on an earlier step; the page links there to change it.
    const asked = resolution.steps.map((candidate) => this.steps.indexOf(candidate));
    const rules = (this.definition.rules ?? []).filter((rule) => {
      const checkpoint = this.#ruleStep.get(rule) ?? 0;
      return Math.max(...asked.filter((index) => index <= checkpoint)) === stepIndex;
    });
    return [...issues, ...judging.ruleIssues(rules, resolution, this.#fields, this.#ruleInputs)];
  }

  validate(answers: unknown, options: CheckOptions = {}): ValidationResult {
    const judging = this.#judge('validate');
    const resolution = this.#resolve(answers, options);
    const locale = options.locale ?? DEFAULT_LOCALE;
    const { errors, warnings } = remember(resolution, `validate\0${locale}`, () => {
      const issues = [...resolution.issues.values(), ...resolution.warnings.values()];
      const rules = this.#messages.rules;
      const failed = judging.ruleIssues(rules, resolution, this.#fields, this.#ruleInputs);
      return judging.splitIssues([...issues, ...failed], locale, this.#messages);
    });
    return {
      valid: errors.length === 0,
      errors: errors.map(copyError),
      warnings: warnings.map(copyError),
      // The values of a kept resolution are read again later (fees, papers): the caller, who may
      // change what it is given, gets its own copy.
      answers: resolution.memo ? (copyValue(resolution.values) as Answers) : resolution.values,
    };
  }

  documents(answers: unknown, options: CheckOptions = {}): DocumentDefinition[] {
    this.#judge('documents');
    const resolution = this.#resolve(answers, options);
    const documents = remember(resolution, 'documents', () =>
      (this.definition.documents ?? []).filter(
        (doc) => !doc.when || evaluate(doc.when, resolution.scope),
      ),
    );
    return [...documents];
  }

  fees(answers: unknown, options: FeeOptions = {}): Fees {
    const judging = this.#judge('fees');
    const resolution = this.#resolve(answers, options);
    const channel = options.channel ?? 'online';
    const fees = remember(resolution, `fees\0${channel}`, () =>
      judging.feesOf(this.definition.fees ?? [], resolution, channel),
    );
    return { ...fees, lines: fees.lines.map((line) => ({ ...line })) };
  }

  papers(answers: unknown, options: CheckOptions = {}): PaperToBring[] {
    const judging = this.#judge('papers');
    const resolution = this.#resolve(answers, options);
    const papers = remember(resolution, 'papers', () => judging.papersOf(resolution));
    return papers.map((paper) => ({ ...paper }));
  }

  localizeErrors(errors: readonly ValidationError[], locale: string): ValidationError[] {
    // No errors before the checks are here: a page may switch language before they come.
    if (errors.length === 0) return [];
    const judging = this.#judge('localizeErrors');
    return errors.map((error) => ({
      ...error,
      message: judging.messageOf(error, locale, this.#messages),
    }));
  }

  #visibleFields(stepId: string, resolution: Resolution): FieldDefinition[] {
    return remember(resolution, `fields\0${stepId}`, () =>
      (this.step(stepId)?.fields ?? []).filter((field) => resolution.visible.has(field.id)),
    );
  }

  /**
   * What the answers resolve to on today's date. Sealed answers cannot change, so their
   * resolution is kept (one per day, for a clock that crosses midnight); others are resolved on
   * every call, since the caller may have changed them in between.
   */
  #resolve(input: unknown, options: CheckOptions): Resolution {
    const today = todayIn(options.clock ?? this.clock, this.#timeZone);
    if (!isSealed(input)) return this.#resolveOn(toAnswers(input), today);
    let byDay = this.#resolutions.get(input);
    if (!byDay) this.#resolutions.set(input, (byDay = new Map()));
    let resolution = byDay.get(today);
    if (!resolution) {
      // A clock moved back and forth over many days (a test's) keeps the few latest.
      if (byDay.size >= 4) byDay.clear();
      resolution = this.#resolveOn(input, today);
      resolution.memo = new Map();
      byDay.set(today, resolution);
    }
    return resolution;
  }

  #resolveOn(answers: Answers, today: string): Resolution {
    const values: Answers = Object.create(null);
    // What conditions read: the kept values less those that failed their own check.
    const seen: Answers = Object.create(null);
    const scope: ConditionScope = { today, operators: this.#operators, value: (id) => seen[id] };
    const resolution: Resolution = {
      steps: [],
      values,
      visible: new Set(),
      required: new Set(),
      issues: new Map(),
      warnings: new Map(),
      failed: new Set(),
      seenRows: new Map(),
      scope,
    };
    for (const step of this.steps) {
      if (step.when && !evaluate(step.when, scope)) continue;
      resolution.steps.push(step);
      for (const field of step.fields) {
        if (field.when && !evaluate(field.when, scope)) continue;
        resolution.visible.add(field.id);
        const value = this.#checkField(
          field,
          answers[field.id],
          scope,
          field.id,
          field.id,
          resolution,
        );
        if (value === undefined) continue;
        values[field.id] = value as Answers[string];
        if (!resolution.failed.has(field.id))
          seen[field.id] = (resolution.seenRows.get(field.id) ?? value) as Answers[string];
      }
    }
    return resolution;
  }

  /**
   * Normalises and checks one visible field's value; records at most one issue per field (the
   * first that applies, so the citizen fixes one thing at a time). Returns the value to keep.
   */
  #checkField(
    field: FieldDefinition,
    raw: unknown,
    scope: ConditionScope,
    path: string,
    key: string,
    found: Findings,
  ): unknown {
    const fail = (code: string, params: ErrorParams = {}) => {
      found.issues.set(path, { field: path, code, params });
      found.failed.add(path);
    };
    const required =
      field.required === true ||
      (field.requiredWhen !== undefined && evaluate(field.requiredWhen, scope)) ||
      (field.type === 'group' && (field.minRows ?? 0) > 0);
    if (required) found.required.add(path);
    const empty = field.type === 'checkbox' ? raw !== true : isEmpty(raw);
    if (empty) {
      // A group that needs rows and has none reads best as "Thêm ít nhất một thành viên".
      if (required) fail('required');
      return field.type === 'checkbox' && raw === false ? false : undefined;
    }
    // "I will bring the paper to the counter" answers the question: the file comes on paper.
    if (field.type === 'file' && isPaperAnswer(raw)) {
      if (field.paper === false) fail('paperNotAllowed');
      return { paper: true };
    }

    const normal = normalize(field, raw);
    if ('code' in normal) {
      fail(normal.code, normal.params);
      return raw;
    }
    let value = normal.value;

    const formatName =
      field.format ?? (field.type === 'email' || field.type === 'phone' ? field.type : undefined);
    const format = formatName === undefined ? undefined : this.#formats.get(formatName);
    // Before the checks load, a pack's format is not here yet: the value counts as typed.
    if (formatName !== undefined && typeof value === 'string' && (format || !this.#checks)) {
      if (!format)
        throw new MotcuaError(
          `field "${path}" uses format "${formatName}", which no pack provides; pass the pack to createProcedure({packs})`,
        );
      value = format.normalize ? format.normalize(value) : value;
      const verdict = format.validate(value as string);
      if (verdict !== true) {
        const failure = typeof verdict === 'object' ? verdict : {};
        const code = failure.code ?? formatName;
        if (failure.severity !== 'warning') {
          fail(code, failure.params ?? {});
          return value;
        }
        // A warning is shown and confirmed past; the value goes on to its other checks.
        found.warnings.set(path, {
          field: path,
          code,
          params: failure.params ?? {},
          severity: 'warning',
        });
      }
    }

    const validator = this.#validators[key];
    if (validator && !validator(value)) {
      const [first] = validator.errors ?? [];
      fail(...fromSchemaError(first));
      return value;
    }

    const limit = this.#checkLimits(field, value, scope.today);
    if (limit) {
      fail(limit.code, limit.params);
      return value;
    }

    // An option not offered (its `when` does not hold); a value that is no option is `enum`'s.
    const hidden = field.options?.find(
      (option) =>
        option.when &&
        (Array.isArray(value) ? value : [value]).includes(option.value) &&
        !evaluate(option.when, scope),
    );
    if (hidden) {
      fail('option', { value: hidden.value });
      return value;
    }

    if (field.type === 'file') {
      const problem = checkFiles(field, value as FileAnswer[]);
      if (problem) fail(problem.code, problem.params);
      return value;
    }

    if (field.type === 'group')
      return this.#checkRows(field, value as Answers[], scope, path, key, found);
    return value;
  }

  #checkRows(
    field: FieldDefinition,
    rows: Answers[],
    scope: ConditionScope,
    path: string,
    key: string,
    found: Findings,
  ): Answers[] {
    if (field.minRows !== undefined && rows.length < field.minRows) {
      found.issues.set(path, { field: path, code: 'minRows', params: { limit: field.minRows } });
    } else if (field.maxRows !== undefined && rows.length > field.maxRows) {
      found.issues.set(path, { field: path, code: 'maxRows', params: { limit: field.maxRows } });
    }
    const seenRows: Answers[] = [];
    found.seenRows.set(path, seenRows);
    return rows.map((row, index) => {
      const kept: Answers = Object.create(null);
      const seen: Answers = Object.create(null);
      seenRows.push(seen);
      const inRow = rowScope(seen, scope);
      for (const inner of field.fields ?? []) {
        if (inner.when && !evaluate(inner.when, inRow)) continue;
        const innerPath = `${path}.${index}.${inner.id}`;
        found.visible.add(innerPath);
        const value = this.#checkField(
          inner,
          row[inner.id],
          inRow,
          innerPath,
          `${key}.${inner.id}`,
          found,
        );
        if (value === undefined) continue;
        kept[inner.id] = value as Answers[string];
        if (!found.failed.has(innerPath))
          seen[inner.id] = (found.seenRows.get(innerPath) ?? value) as Answers[string];
      }
      return kept;
    });
  }

  #checkLimits(field: FieldDefinition, value: unknown, today: string): Failure | undefined {
    if (field.type === 'date' && typeof value === 'string') {
      const min = field.min === 'today' ? today : field.min;
      const max = field.max === 'today' ? today : field.max;
      if (typeof min === 'string' && value < min) return limitIssue('dateMin', min, field.min);
      if (typeof max === 'string' && value > max) return limitIssue('dateMax', max, field.max);
    }
    if (field.type === 'year' && typeof value === 'number') {
      const thisYear = Number(today.slice(0, 4));
      const min = field.min === 'today' ? thisYear : Number(field.min ?? Number.NEGATIVE_INFINITY);
      const max = field.max === 'today' ? thisYear : Number(field.max ?? Number.POSITIVE_INFINITY);
      if (value < min) return limitIssue('yearMin', min, field.min);
      if (value > max) return limitIssue('yearMax', max, field.max);
    }
    return undefined;
  }

  /** Errors are listed in the order the fields appear, as the error summary must be. */
  #order(path: string): number {
    const id = topLevel(path);
    const step = this.#fieldStep.get(id) ?? 0;
    const position = this.steps[step]?.fields.findIndex((field) => field.id === id) ?? 0;
    return step * 10_000 + position;
  }
}

/**
 * A result kept on a resolution of sealed answers, worked out on first use; without a memo
 * (answers that may change) it is worked out every time.
 */
function remember<T>(resolution: Resolution, key: string, make: () => T): T {
  const { memo } = resolution;
  if (!memo) return make();
  if (memo.has(key)) return memo.get(key) as T;
  const made = make();
  memo.set(key, made);
  return made;
}

/**
 * Kept results are handed out as copies, so a caller that sorts a list or edits an error changes
 * its own copy and never the kept one. Measured in Node 20 on the large generated procedure: a
 * step's 4 errors copy in about 0.1 µs (the same frozen array: 0.006 µs), the lists of steps or
 * fields in 0.1 µs, against about 1 ms to resolve the answers once. Frozen results would save
 * nothing that shows, and throw in callers that edit what they were given.
 */
function copyError(error: ValidationError): ValidationError {
  return { ...error, params: { ...error.params } };
}

/** A deep copy of resolved values that keeps each object's prototype (null, or Object's). */
function copyValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyValue);
  if (value === null || typeof value !== 'object') return value;
  const copy = Object.create(Object.getPrototypeOf(value)) as Record<string, unknown>;
  for (const [key, inner] of Object.entries(value)) copy[key] = copyValue(inner);
  return copy;
}

function topLevel(path: string): string {
  const dot = path.indexOf('.');
  return dot === -1 ? path : path.slice(0, dot);
}

function limitIssue(code: string, limit: string | number, declared: unknown): Failure {
  return { code, params: declared === 'today' ? { limit, relative: 'today' } : { limit } };
}

type Normalized = { value: unknown } | { code: string; params?: ErrorParams };

/**
 * Turns a value as typed into the value kept: text in NFC and trimmed (Vietnamese typed on
 * some keyboards arrives decomposed), numbers parsed, dates made ISO from their parts.
 */
function normalize(field: FieldDefinition, raw: unknown): Normalized {
  switch (field.type) {
    case 'text':
    case 'textarea':
    case 'email':
    case 'phone':
    case 'select':
    case 'radio':
      return typeof raw === 'string' ? { value: raw.normalize('NFC').trim() } : { value: raw };
    case 'number':
      return normalizeNumber(raw);
    case 'year':
      return normalizeYear(raw);
    case 'date':
      return normalizeDate(raw);
    case 'checkboxes':
      return Array.isArray(raw) ? { value: [...raw] } : { value: raw };
    case 'address':
      return normalizeAddress(raw, field);
    case 'file':
      return { value: Array.isArray(raw) ? [...raw] : [raw] };
    case 'group':
      return Array.isArray(raw) &&
        raw.every((row) => row !== null && typeof row === 'object' && !Array.isArray(row))
        ? { value: raw }
        : { code: 'type', params: {} };
    default:
      return { value: raw };
  }
}

/**
 * An address needs all its parts (the detail line unless the field says `"detail": false`); the
 * message says which one is missing.
 */
function normalizeAddress(raw: unknown, field: FieldDefinition): Normalized {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { code: 'type' };
  const parts = raw as Record<string, unknown>;
  const text = (key: string) =>
    typeof parts[key] === 'string' ? (parts[key] as string).normalize('NFC').trim() : '';
  const address: Record<string, string> = { province: text('province'), commune: text('commune') };
  if (field.detail !== false) address.detail = text('detail');
  const missing = Object.keys(address).find((part) => address[part] === '');
  return missing ? { code: 'address', params: { missing } } : { value: address };
}

function normalizeNumber(raw: unknown): Normalized {
  if (typeof raw === 'number') return Number.isFinite(raw) ? { value: raw } : { code: 'number' };
  if (typeof raw !== 'string') return { code: 'number' };
  // A decimal comma is how Vietnamese writes decimals; spaces are how people group digits.
  const compact = raw.normalize('NFKC').replace(/\s+/g, '');
  if (!/^[+-]?\d+([.,]\d+)?$/.test(compact)) return { code: 'number' };
  return { value: Number(compact.replace(',', '.')) };
}

function normalizeYear(raw: unknown): Normalized {
  const text =
    typeof raw === 'number'
      ? String(raw)
      : typeof raw === 'string'
        ? raw.normalize('NFKC').trim()
        : '';
  return /^\d{4}$/.test(text) ? { value: Number(text) } : { code: 'year' };
}

function normalizeDate(raw: unknown): Normalized {
  if (isDateParts(raw)) {
    const parts = { day: partText(raw.day), month: partText(raw.month), year: partText(raw.year) };
    const missing = (['day', 'month', 'year'] as const).filter((part) => parts[part] === '');
    if (missing.length > 0) return { code: 'date', params: { missing: missing.join('-') } };
    if (!Object.values(parts).every((part) => /^\d+$/.test(part))) return { code: 'date' };
    if (parts.year.length !== 4) return { code: 'date', params: { reason: 'year-digits' } };
    const iso = isoFromParts(Number(parts.year), Number(parts.month), Number(parts.day));
    return iso ? { value: iso } : { code: 'date' };
  }
  if (typeof raw !== 'string') return { code: 'date' };
  const text = raw.trim();
  if (isIsoDate(text)) return { value: text };
  // dd/mm/yyyy, as Vietnamese papers print dates.
  const match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  const iso = match
    ? isoFromParts(Number(match[3]), Number(match[2]), Number(match[1]))
    : undefined;
  return iso ? { value: iso } : { code: 'date' };
}

function partText(part: unknown): string {
  return part === undefined || part === null ? '' : String(part).normalize('NFKC').trim();
}

/** Maps Ajv's error to a motcua code; the limit (if any) becomes `params.limit`. */
function fromSchemaError(error: SchemaValidatorError | undefined): [string, ErrorParams] {
  if (!error) return ['type', {}];
  const { keyword, params } = error;
  if (keyword === 'type') {
    const expected = String(params.type ?? '');
    return [expected === 'number' || expected === 'integer' ? expected : 'type', {}];
  }
  if (typeof params.limit === 'number' || typeof params.limit === 'string') {
    return [keyword, { limit: params.limit }];
  }
  if (keyword === 'multipleOf' && typeof params.multipleOf === 'number')
    return [keyword, { limit: params.multipleOf }];
  if (keyword === 'format' && typeof params.format === 'string')
    return [keyword, { format: params.format }];
  return [keyword, {}];
}

const MEDIA_NAMES: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPG',
  'image/png': 'PNG',
  'image/heic': 'HEIC',
  'image/webp': 'WEBP',
};

function checkFiles(field: FieldDefinition, files: FileAnswer[]): Failure | undefined {
  const max = field.maxFiles ?? 1;
  if (files.length > max) return { code: 'fileCount', params: { limit: max } };
  for (const file of files) {
    if (!file || typeof file.name !== 'string' || typeof file.size !== 'number') {
      return { code: 'type', params: {} };
    }
    if (
      field.accept &&
      field.accept.length > 0 &&
      !field.accept.some((accepted) => accepts(accepted, file))
    ) {
      const types = [
        ...new Set(
          field.accept.map(
            (accepted) => MEDIA_NAMES[accepted] ?? accepted.replace(/^\.|^.*\//, '').toUpperCase(),
          ),
        ),
      ];
      return { code: 'fileType', params: { types: types.join(', ') } };
    }
    if (field.maxSize !== undefined && file.size > field.maxSize) {
      return { code: 'fileSize', params: { limit: field.maxSize } };
    }
  }
  return undefined;
}

function accepts(accepted: string, file: FileAnswer): boolean {
  const wanted = accepted.toLowerCase();
  if (wanted.startsWith('.')) return file.name.toLowerCase().endsWith(wanted);
  const type = (file.type ?? '').toLowerCase();
  if (wanted.endsWith('/*')) return type.startsWith(wanted.slice(0, -1));
  return type === wanted;
}
