import { assign, fromPromise, setup } from 'xstate';
import type { AnswerValue, Answers } from './answers.js';
import { MotcuaError } from './errors.js';
import {
  type MachineOptions,
  type ProcedureContext,
  type ProcedureInput,
  journeyOf,
  sameField,
  submitMessage,
  warningKey,
} from './journey.js';
import { type Procedure, type ValidationError, machines } from './procedure.js';

export type { MachineOptions, ProcedureContext, ProcedureInput, SubmitError } from './journey.js';

/** The server's words by locale, from an error a send function rejected with (`error.detail`). */
function detailOf(error: unknown): Record<string, string> | undefined {
  const detail = (error as { detail?: unknown } | null)?.detail;
  if (!detail || typeof detail !== 'object') return undefined;
  const texts = Object.entries(detail).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '',
  );
  return texts.length > 0 ? Object.fromEntries(texts) : undefined;
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

/** What the submit actor receives: the pruned, validated answers. */
export interface SubmitInput {
  answers: Answers;
  procedure: Procedure;
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
  if (!procedure.loaded) {
    throw new MotcuaError(
      `createProcedureMachine: the checks of procedure "${procedure.id}" load on their own (a module made by motcua build); await procedure.load() first, or start the session with startSession, which waits for them`,
    );
  }
  const journey = journeyOf(procedure, options);
  const { check, withStep, initialContext } = journey;
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
      setAnswer: assign(({ context, event }) =>
        event.type === 'SET' ? journey.setAnswer(context, event.field, event.value) : {},
      ),
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
        event.type === 'SET_LOCALE' ? journey.setLocale(context, event.locale) : {},
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

// procedure.machine, made here: procedure.ts does not import XState, so that a page can load it
// after its first page (see start.ts).
machines.create = (procedure) => createProcedureMachine(procedure);
