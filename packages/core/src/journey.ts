import {
  type AnswerValue,
  type Answers,
  FORBIDDEN_KEYS,
  assertSafeKey,
  sealAnswers,
} from './answers.js';
import type { Clock } from './clock.js';
import type { FieldDefinition, StepDefinition } from './definition.js';
import { MotcuaError } from './errors.js';
import { formatMessage } from './messages.js';
import type { Procedure, ValidationError } from './procedure.js';
import { DEFAULT_LOCALE } from './text.js';

// What the journey's machine computes, as plain functions of its context, without XState: the
// machine (machine.ts) assigns them, and a page draws its first page and takes its first answers
// with them while XState loads (start.ts). One implementation, so both agree by construction.

/** Why a submission failed, as shown on the review page. Answers are kept. */
export interface SubmitError {
  code: 'submitFailed';
  /** What the citizen reads: the server's own words in their language, or a general message. */
  message: string;
  /**
   * The server's explanation by locale (an RFC 9457 problem's `detail`), when the send function
   * rejected with an error carrying one as `detail`; shown instead of the general message.
   */
  detail?: Readonly<Record<string, string>>;
  /** The underlying error's message, for logs and the volunteer; not shown to the citizen. */
  cause?: string;
}

/** The message of a failed submission in `locale`: the server's detail, else the general one. */
export function submitMessage(
  detail: Readonly<Record<string, string>> | undefined,
  locale: string,
): string {
  return (
    detail?.[locale] ??
    detail?.[DEFAULT_LOCALE] ??
    formatMessage({ code: 'submitFailed', params: {} }, locale)
  );
}

/** The machine's context: everything needed to render the journey. */
export interface ProcedureContext {
  /**
   * Every answer the citizen gave, including answers of steps now hidden (kept, not submitted).
   * Frozen all the way down: each SET makes new answers, so the procedure keeps what it worked
   * out from these (steps asked, checks) for as long as they are the answers.
   */
  answers: Answers;
  locale: string;
  /** The step on screen, or `null` on review and after. */
  stepId: string | null;
  /**
   * The page of the step on screen, where a page asks one question at a time
   * (`perPage: 'question'`); always 0 otherwise.
   */
  page: number;
  /** Fields whose answer a `prefill` gave and the citizen has not changed. */
  prefilled: string[];
  /** Steps the citizen has seen, for Back. */
  visited: string[];
  /** Steps the citizen has passed with Continue. */
  completed: string[];
  /** Errors on screen. */
  errors: ValidationError[];
  /** Warnings on screen: Continue again confirms them and moves on. */
  warnings: ValidationError[];
  /** Warnings the citizen has seen and continued past, by {@link warningKey}. */
  confirmed: string[];
  /**
   * Set while changing an answer from review: Continue returns there once every step asked is
   * valid, and Back returns there from the step being changed.
   */
  returnToReview: boolean;
  /** The step the citizen chose to change from review (or was sent to, to fix an error). */
  editedStep: string | null;
  /**
   * Set while changing an answer on an earlier step because a rule checked later failed:
   * Continue and Back return to this step, which checks the rule again.
   */
  returnToStep: string | null;
  submitError: SubmitError | null;
  /** What the submit function resolved with (the server's receipt). */
  receipt: unknown;
}

/** Input of the machine's actor. */
export interface ProcedureInput {
  answers?: unknown;
  locale?: string;
}

/** Options of {@link createProcedureMachine}. */
export interface MachineOptions {
  /** Where "today" is read for conditions and date limits. */
  clock?: Pick<Clock, 'now'>;
  /**
   * What one page asks: a whole step (the default), or one question (`'question'`, for citizens
   * with little IT skill at a kiosk; see {@link Procedure.questions}). Continue checks the
   * page's own fields and goes to the step's next page; the step's rules are checked on its last
   * page, as they are on a whole step.
   */
  perPage?: 'step' | 'question';
}

/** Where the citizen is in the journey. */
export type SessionStatus = 'filling' | 'review' | 'submitting' | 'submitted' | 'failed';

/** Everything a page needs to render the journey, as plain data. */
export interface SessionSnapshot {
  status: SessionStatus;
  /** The step on screen, or `null` on review and after. */
  step: StepDefinition | null;
  /** The position of `step` among the steps this citizen is asked (0-based), or -1. */
  stepIndex: number;
  /** How many steps this citizen is asked, given the answers so far. */
  stepCount: number;
  /** The page of the step on screen, where a page asks one question (`perPage: 'question'`). */
  page: number;
  /** The fields on screen: the step's visible fields, or the page's where a page is a question. */
  fields: FieldDefinition[];
  /**
   * Fields whose answer a `prefill` gave and the citizen has not changed: a page says where the
   * answer came from, for the citizen to confirm.
   */
  prefilled: readonly string[];
  /**
   * Frozen all the way down, and new after each change: pass these to the procedure's methods
   * (not a copy) and what it works out from them is worked out once.
   */
  answers: Answers;
  errors: ValidationError[];
  /**
   * Warnings on screen: things that look wrong but may be right. They never block: Continue
   * again confirms them and moves on.
   */
  warnings: ValidationError[];
  canGoBack: boolean;
  /** Set while changing an answer from review. */
  returnToReview: boolean;
  /**
   * Set while changing an answer on an earlier step because a rule checked on this step named
   * it: Continue returns to this step.
   */
  returnToStep: string | null;
  locale: string;
  submitError: SubmitError | null;
  /** What the submit function resolved with, once submitted. */
  receipt: unknown;
}

/** The journey's context functions over one procedure, shared by the machine and a page. */
export type Journey = ReturnType<typeof journeyOf>;

/** The context functions of a procedure's journey: pure, and free of XState. */
export function journeyOf(procedure: Procedure, options: MachineOptions = {}) {
  const clock = options.clock ?? procedure.clock;
  const check = (context: ProcedureContext) => ({ locale: context.locale, clock });

  /**
   * On entering a step (at `page`): its prefilled fields start from, follow, or give back the
   * answers they copy, unless the citizen changed them.
   */
  const withStep = (context: ProcedureContext, stepId: string | null, page = 0) => {
    let { answers, prefilled } = context;
    if (stepId !== null) {
      for (const [id, value] of procedure.prefills(stepId, answers, check(context))) {
        const ours = prefilled.includes(id);
        if (answers[id] !== undefined && !ours) continue;
        const { [id]: _previous, ...others } = answers;
        answers = sealAnswers(value === undefined ? others : { ...others, [id]: value });
        prefilled = [
          ...prefilled.filter((other) => other !== id),
          ...(value === undefined ? [] : [id]),
        ];
      }
    }
    return {
      stepId,
      page,
      answers,
      prefilled,
      errors: [],
      warnings: [],
      visited:
        stepId === null || context.visited.includes(stepId)
          ? context.visited
          : [...context.visited, stepId],
    };
  };

  return {
    check,
    withStep,

    /** The context a journey starts with: the first step asked, its prefills made. */
    initialContext(input: ProcedureInput | undefined): ProcedureContext {
      const answers = sealAnswers(input?.answers);
      const locale = input?.locale ?? DEFAULT_LOCALE;
      const first = procedure.applicableSteps(answers, { locale, clock })[0];
      if (!first) throw new MotcuaError(`procedure "${procedure.id}" has no step to ask`);
      const context: ProcedureContext = {
        answers,
        locale,
        stepId: null,
        page: 0,
        prefilled: [],
        visited: [],
        completed: [],
        errors: [],
        warnings: [],
        confirmed: [],
        returnToReview: false,
        editedStep: null,
        returnToStep: null,
        submitError: null,
        receipt: undefined,
      };
      return { ...context, ...withStep(context, first.id) };
    },

    /** SET: stores an answer; an error on screen for it is checked again as it is corrected. */
    setAnswer(
      context: ProcedureContext,
      field: string,
      value: AnswerValue,
    ): Partial<ProcedureContext> {
      if (FORBIDDEN_KEYS.has(field)) return {};
      const answers = sealAnswers({ ...context.answers, [field]: value });
      const prefilled = context.prefilled.includes(field)
        ? context.prefilled.filter((id) => id !== field)
        : context.prefilled;
      // Once an error shows, it is re-checked as the citizen corrects it; other errors stay.
      // Only errors already on screen: a row just added to a group shows none until Continue.
      const shown = new Set(
        context.errors.filter((error) => sameField(error.field, field)).map((error) => error.field),
      );
      // A warning on the answer goes as it changes (a suggested name taken); Continue
      // checks again.
      const warnings = context.warnings.some((warning) => sameField(warning.field, field))
        ? context.warnings.filter((warning) => !sameField(warning.field, field))
        : context.warnings;
      if (shown.size === 0 || context.stepId === null) return { answers, prefilled, warnings };
      const fresh = procedure
        .validateStep(context.stepId, answers, check(context))
        .filter((error) => shown.has(error.field));
      return {
        answers,
        prefilled,
        warnings,
        errors: [...context.errors.filter((error) => !sameField(error.field, field)), ...fresh],
      };
    },

    /** SET_LOCALE: the errors, warnings and a failed send's message in the new language. */
    setLocale(context: ProcedureContext, locale: string): Partial<ProcedureContext> {
      return {
        locale,
        errors: procedure.localizeErrors(context.errors, locale),
        warnings: procedure.localizeErrors(context.warnings, locale),
        submitError: context.submitError && {
          ...context.submitError,
          message: submitMessage(context.submitError.detail, locale),
        },
      };
    },

    /** What a page draws of a context in a state of the machine. */
    snapshot(
      status: SessionStatus,
      context: ProcedureContext,
      canGoBack: boolean,
    ): SessionSnapshot {
      const steps = procedure.applicableSteps(context.answers, { clock });
      const step = context.stepId === null ? null : (procedure.step(context.stepId) ?? null);
      const at = check(context);
      const pages = !step
        ? [[]]
        : options.perPage === 'question'
          ? procedure.questions(step.id, context.answers, at)
          : [procedure.visibleFields(step.id, context.answers, at)];
      // A page past the last (a field on it hidden since) shows the last.
      const fields = pages[Math.min(context.page, pages.length - 1)] ?? [];
      return {
        status,
        step,
        stepIndex: step ? steps.indexOf(step) : -1,
        stepCount: steps.length,
        page: context.page,
        fields,
        prefilled: context.prefilled,
        answers: context.answers,
        errors: context.errors,
        warnings: context.warnings,
        canGoBack,
        returnToReview: context.returnToReview,
        returnToStep: context.returnToStep,
        locale: context.locale,
        submitError: context.submitError,
        receipt: context.receipt,
      };
    },
  };
}

/** Whether an error's or warning's field is `field` or inside it (a group's row). */
export function sameField(errorField: string, field: string): boolean {
  return errorField === field || errorField.startsWith(`${field}.`);
}

/** The checks of `set` and `edit` that throw on a name the procedure does not have. */
export function fieldCheck(procedure: Procedure) {
  return {
    set(field: string): void {
      assertSafeKey(field);
      if (!procedure.field(field)) {
        throw new MotcuaError(
          `session.set: unknown field "${field}" in procedure "${procedure.id}"`,
        );
      }
    },
    edit(stepId: string): void {
      if (!procedure.step(stepId)) {
        throw new MotcuaError(
          `session.edit: unknown step "${stepId}" in procedure "${procedure.id}"`,
        );
      }
    },
  };
}

/** A warning's identity: the same warning confirmed once is not asked about again. */
export function warningKey(warning: ValidationError): string {
  return `${warning.field}|${warning.code}|${JSON.stringify(warning.params)}`;
}
