import { assign, fromPromise, setup } from 'xstate';
import { type AnswerValue, type Answers, FORBIDDEN_KEYS, sealAnswers } from './answers.js';
import type { Clock } from './clock.js';
import { MotcuaError } from './errors.js';
import { formatMessage } from './messages.js';
import type { Procedure, ValidationError } from './procedure.js';
import { DEFAULT_LOCALE } from './text.js';

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

/** The server's words by locale, from an error a send function rejected with (`error.detail`). */
function detailOf(error: unknown): Record<string, string> | undefined {
  const detail = (error as { detail?: unknown } | null)?.detail;
  if (!detail || typeof detail !== 'object') return undefined;
  const texts = Object.entries(detail).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '',
  );
  return texts.length > 0 ? Object.fromEntries(texts) : undefined;
}

/** The message of a failed submission in `locale`: the server's detail, else the general one. */
function submitMessage(detail: Readonly<Record<string, string>> | undefined, locale: string) {
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

/** Events the machine accepts. */
export type ProcedureEvent =
  | { type: 'SET'; field: string; value: AnswerValue }
  | { type: 'NEXT' }
  | { type: 'BACK' }
  | { type: 'EDIT'; step: string; field?: string }
  | { type: 'SUBMIT' }
  | { type: 'RESET' }
  | { type: 'SET_LOCALE'; locale: string };

/** Input of the machine's actor. */
export interface ProcedureInput {
  answers?: unknown;
  locale?: string;
}

/** What the submit actor receives: the pruned, validated answers. */
export interface SubmitInput {
  answers: Answers;
  procedure: Procedure;
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

/**
 * The XState v5 machine of a procedure: `filling` (one step at a time) → `review` →
 * `submitting` → `submitted`, with `review.failed` when the submission did not go through.
 * Submission is the `submitDossier` actor: provide it with
 * `machine.provide({ actors: { submitDossier: fromPromise(...) } })`; {@link createSession}
 * does this for you.
 *
 * @example
 * const actor = createActor(createProcedureMachine(procedure), { input: { locale: 'vi' } });
 * actor.start();
 * actor.send({ type: 'SET', field: 'childName', value: 'Nguyễn Minh Anh' });
 * actor.send({ type: 'NEXT' });
 */
export function createProcedureMachine(procedure: Procedure, options: MachineOptions = {}) {
  const clock = options.clock ?? procedure.clock;
  const check = (context: ProcedureContext) => ({ locale: context.locale, clock });
  const applicable = (context: ProcedureContext) =>
    procedure.applicableSteps(context.answers, check(context));
  const stepErrors = (context: ProcedureContext, stepId: string) =>
    procedure.validateStep(stepId, context.answers, check(context));
  const unconfirmedWarnings = (context: ProcedureContext) =>
    context.stepId === null
      ? []
      : procedure
          .checkStep(context.stepId, context.answers, check(context))
          .warnings.filter((warning) => !context.confirmed.includes(warningKey(warning)));

  /** The next step to ask: after an edit, the first that was never passed or no longer passes. */
  const stepToAsk = (context: ProcedureContext): string | null => {
    const steps = applicable(context);
    const current = steps.findIndex((step) => step.id === context.stepId);
    if (context.returnToStep !== null && steps.some((step) => step.id === context.returnToStep)) {
      return context.returnToStep;
    }
    if (!context.returnToReview) return steps[current + 1]?.id ?? null;
    const pending = steps.find(
      (step) =>
        step.id !== context.stepId &&
        (!context.completed.includes(step.id) || stepErrors(context, step.id).length > 0),
    );
    return pending?.id ?? null;
  };

  /** The step Back returns to: the nearest applicable step before this one that was seen. */
  const previousStep = (context: ProcedureContext): string | null => {
    const steps = applicable(context);
    const current =
      context.stepId === null
        ? steps.length
        : steps.findIndex((step) => step.id === context.stepId);
    for (let i = current - 1; i >= 0; i--) {
      const step = steps[i]!;
      if (context.visited.includes(step.id)) return step.id;
    }
    return null;
  };

  const firstInvalidStep = (context: ProcedureContext): string | null => {
    const steps = applicable(context);
    return (
      steps.find((step) => stepErrors(context, step.id).length > 0)?.id ?? steps[0]?.id ?? null
    );
  };

  const onePerPage = options.perPage === 'question';
  /** The step's pages: one per question, or none where a page is the whole step. */
  const pagesOf = (context: ProcedureContext, stepId = context.stepId) =>
    onePerPage && stepId !== null
      ? procedure.questions(stepId, context.answers, check(context))
      : [];
  const pageOf = (context: ProcedureContext, stepId: string, field: string | undefined) =>
    Math.max(
      0,
      pagesOf(context, stepId).findIndex((page) => page.some((f) => sameField(field ?? '', f.id))),
    );
  /**
   * Whether Continue checks this page alone: a page before the step's last, unless the citizen
   * is going back to review (or to a rule's step) and the whole step is already fine.
   */
  const partial = (context: ProcedureContext) =>
    context.page < pagesOf(context).length - 1 &&
    !(
      (context.returnToReview || context.returnToStep !== null) &&
      stepErrors(context, context.stepId!).length === 0
    );
  /** What Continue checks: the page's fields where it checks the page alone, else everything. */
  const onPage = (context: ProcedureContext, found: ValidationError[]) => {
    if (!partial(context)) return found;
    const ids = pagesOf(context)[context.page]!;
    return found.filter((item) => ids.some((field) => sameField(item.field, field.id)));
  };

  const initialContext = (input: ProcedureInput | undefined): ProcedureContext => {
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
  };

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
  /** A step entered backwards, on its last page. */
  const withStepFromEnd = (context: ProcedureContext, stepId: string | null) =>
    withStep(context, stepId, Math.max(0, pagesOf(context, stepId).length - 1));

  return setup({
    types: {
      context: {} as ProcedureContext,
      events: {} as ProcedureEvent,
      input: {} as ProcedureInput | undefined,
    },
    actors: {
      submitDossier: fromPromise<unknown, SubmitInput>(async () => {
        throw new MotcuaError(
          'no submit function: call session.submit(send), or provide the "submitDossier" actor to the machine',
        );
      }),
    },
    guards: {
      stepIsInvalid: ({ context }) =>
        context.stepId !== null && onPage(context, stepErrors(context, context.stepId)).length > 0,
      hasUnconfirmedWarnings: ({ context }) =>
        onPage(context, unconfirmedWarnings(context)).length > 0,
      hasNextPage: ({ context }) => partial(context),
      hasPreviousPage: ({ context }) => context.page > 0,
      isThisStep: ({ context, event }) => event.type === 'EDIT' && event.step === context.stepId,
      hasStepToAsk: ({ context }) => stepToAsk(context) !== null,
      // Back from a step asked because of the change (a father step after "father determined")
      // goes to the step before it, not past it to review.
      returnsToReview: ({ context }) =>
        context.returnToReview && context.stepId === context.editedStep,
      returnsToStep: ({ context }) => context.returnToStep !== null,
      canEditEarlierStep: ({ context, event }) =>
        event.type === 'EDIT' &&
        event.step !== context.stepId &&
        context.visited.includes(event.step) &&
        applicable(context).some((step) => step.id === event.step),
      hasPreviousStep: ({ context }) => previousStep(context) !== null,
      dossierIsValid: ({ context }) => procedure.validate(context.answers, check(context)).valid,
      canEdit: ({ context, event }) =>
        event.type === 'EDIT' && applicable(context).some((step) => step.id === event.step),
    },
    actions: {
      setAnswer: assign(({ context, event }) => {
        if (event.type !== 'SET' || FORBIDDEN_KEYS.has(event.field)) return {};
        const answers = sealAnswers({ ...context.answers, [event.field]: event.value });
        const prefilled = context.prefilled.includes(event.field)
          ? context.prefilled.filter((id) => id !== event.field)
          : context.prefilled;
        // Once an error shows, it is re-checked as the citizen corrects it; other errors stay.
        // Only errors already on screen: a row just added to a group shows none until Continue.
        const shown = new Set(
          context.errors
            .filter((error) => sameField(error.field, event.field))
            .map((error) => error.field),
        );
        // A warning on the answer goes as it changes (a suggested name taken); Continue
        // checks again.
        const warnings = context.warnings.some((warning) => sameField(warning.field, event.field))
          ? context.warnings.filter((warning) => !sameField(warning.field, event.field))
          : context.warnings;
        if (shown.size === 0 || context.stepId === null) return { answers, prefilled, warnings };
        const fresh = procedure
          .validateStep(context.stepId, answers, { locale: context.locale, clock })
          .filter((error) => shown.has(error.field));
        return {
          answers,
          prefilled,
          warnings,
          errors: [
            ...context.errors.filter((error) => !sameField(error.field, event.field)),
            ...fresh,
          ],
        };
      }),
      showStepErrors: assign(({ context }) => {
        if (context.stepId === null) return { errors: [], warnings: [] };
        const found = procedure.checkStep(context.stepId, context.answers, check(context));
        const errors = onPage(context, found.errors);
        const warnings = onPage(context, found.warnings);
        // A rule's error on an earlier page of the step: that page, with the summary.
        const page = errors.some(
          (error) => pageOf(context, context.stepId!, error.field) === context.page,
        )
          ? context.page
          : pageOf(context, context.stepId, errors[0]?.field);
        return { errors, warnings, page: errors.length > 0 ? page : context.page };
      }),
      // Shown once: the next Continue on the same warnings goes on (they are confirmed).
      showWarnings: assign(({ context }) => {
        const warnings = onPage(context, unconfirmedWarnings(context));
        return {
          errors: [],
          warnings,
          confirmed: [...context.confirmed, ...warnings.map(warningKey)],
        };
      }),
      completeStep: assign(({ context }) => ({
        completed:
          context.stepId === null || context.completed.includes(context.stepId)
            ? context.completed
            : [...context.completed, context.stepId],
      })),
      nextPage: assign(({ context }) => ({ page: context.page + 1, errors: [], warnings: [] })),
      previousPage: assign(({ context }) => ({ page: context.page - 1, errors: [], warnings: [] })),
      // An error summary's link to a field on another page of this step; the errors stay.
      showPage: assign(({ context, event }) =>
        event.type === 'EDIT' ? { page: pageOf(context, event.step, event.field) } : {},
      ),
      goToStepToAsk: assign(({ context }) => {
        const step = stepToAsk(context);
        // Back to a rule's step: its last page, where the rule is checked again.
        const enter = step === context.returnToStep ? withStepFromEnd : withStep;
        return { ...enter(context, step), returnToStep: null };
      }),
      goToReturnStep: assign(({ context }) => ({
        ...withStepFromEnd(context, context.returnToStep),
        returnToStep: null,
      })),
      editEarlierStep: assign(({ context, event }) =>
        event.type === 'EDIT'
          ? {
              ...withStep(context, event.step, pageOf(context, event.step, event.field)),
              returnToStep: context.stepId,
            }
          : {},
      ),
      goBack: assign(({ context }) => withStepFromEnd(context, previousStep(context))),
      goToLastStep: assign(({ context }) =>
        withStepFromEnd(context, previousStep({ ...context, stepId: null })),
      ),
      goToFirstInvalidStep: assign(({ context }) => {
        const step = firstInvalidStep(context);
        const page = step === null ? 0 : pageOf(context, step, stepErrors(context, step)[0]?.field);
        return { ...withStep(context, step, page), returnToReview: true, editedStep: step };
      }),
      editStep: assign(({ context, event }) =>
        event.type === 'EDIT'
          ? {
              ...withStep(context, event.step, pageOf(context, event.step, event.field)),
              returnToReview: true,
              editedStep: event.step,
            }
          : {},
      ),
      leaveStep: assign({
        stepId: null,
        page: 0,
        errors: [],
        warnings: [],
        returnToReview: false,
        editedStep: null,
        returnToStep: null,
      }),
      clearSubmitError: assign({ submitError: null }),
      setLocale: assign(({ context, event }) =>
        event.type === 'SET_LOCALE'
          ? {
              locale: event.locale,
              errors: procedure.localizeErrors(context.errors, event.locale),
              warnings: procedure.localizeErrors(context.warnings, event.locale),
              submitError: context.submitError && {
                ...context.submitError,
                message: submitMessage(context.submitError.detail, event.locale),
              },
            }
          : {},
      ),
      reset: assign(({ context }) => initialContext({ locale: context.locale })),
    },
  }).createMachine({
    id: 'procedure',
    context: ({ input }) => initialContext(input),
    initial: 'filling',
    on: {
      SET_LOCALE: { actions: 'setLocale' },
      RESET: { target: '.filling', actions: 'reset' },
    },
    states: {
      filling: {
        on: {
          SET: { actions: 'setAnswer' },
          NEXT: [
            { guard: 'stepIsInvalid', actions: 'showStepErrors' },
            { guard: 'hasUnconfirmedWarnings', actions: 'showWarnings' },
            { guard: 'hasNextPage', actions: 'nextPage' },
            { guard: 'hasStepToAsk', actions: ['completeStep', 'goToStepToAsk'] },
            { target: 'review', actions: 'completeStep' },
          ],
          EDIT: [
            { guard: 'isThisStep', actions: 'showPage' },
            { guard: 'canEditEarlierStep', actions: 'editEarlierStep' },
          ],
          BACK: [
            { guard: 'returnsToStep', actions: 'goToReturnStep' },
            { guard: 'returnsToReview', target: 'review' },
            { guard: 'hasPreviousPage', actions: 'previousPage' },
            { guard: 'hasPreviousStep', actions: 'goBack' },
          ],
        },
      },
      review: {
        entry: 'leaveStep',
        initial: 'ready',
        states: {
          ready: {},
          failed: {},
        },
        on: {
          SUBMIT: [
            { guard: 'dossierIsValid', target: 'submitting', actions: 'clearSubmitError' },
            {
              target: 'filling',
              actions: ['clearSubmitError', 'goToFirstInvalidStep', 'showStepErrors'],
            },
          ],
          EDIT: { guard: 'canEdit', target: 'filling', actions: ['clearSubmitError', 'editStep'] },
          BACK: { target: 'filling', actions: ['clearSubmitError', 'goToLastStep'] },
        },
      },
      submitting: {
        invoke: {
          src: 'submitDossier',
          input: ({ context }) => ({
            answers: procedure.validate(context.answers, check(context)).answers,
            procedure,
          }),
          onDone: {
            target: 'submitted',
            actions: assign({ receipt: ({ event }) => event.output }),
          },
          onError: {
            target: 'review.failed',
            actions: assign({
              submitError: ({ context, event }) => {
                const detail = detailOf(event.error);
                return {
                  code: 'submitFailed' as const,
                  message: submitMessage(detail, context.locale),
                  ...(detail && { detail }),
                  cause: event.error instanceof Error ? event.error.message : String(event.error),
                };
              },
            }),
          },
        },
      },
      submitted: {},
    },
  });
}

/** The type of a procedure's machine. */
export type ProcedureMachine = ReturnType<typeof createProcedureMachine>;

/** A warning's identity: the same warning confirmed once is not asked about again. */
export function warningKey(warning: ValidationError): string {
  return `${warning.field}|${warning.code}|${JSON.stringify(warning.params)}`;
}

function sameField(errorField: string, field: string): boolean {
  return errorField === field || errorField.startsWith(`${field}.`);
}
