import { type Actor, type SnapshotFrom, createActor, fromPromise } from 'xstate';
import { type AnswerValue, type Answers, assertSafeKey } from './answers.js';
import { type Clock, systemClock } from './clock.js';
import type { FieldDefinition, StepDefinition } from './definition.js';
import { MotcuaError } from './errors.js';
import {
  type ProcedureMachine,
  type SubmitError,
  type SubmitInput,
  createProcedureMachine,
} from './machine.js';
import type { Procedure, ValidationError } from './procedure.js';
import { DEFAULT_LOCALE } from './text.js';

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

/**
 * What a page knows of the dossier being sent, beyond its answers: the one idempotency key of
 * this dossier (made at the citizen's first Send, the same for every retry of it), and the
 * citizen's language.
 */
export interface SendContext {
  key: string;
  locale: string;
}

/**
 * Sends a dossier: resolves with the server's receipt, rejects when it was not accepted (with an
 * error whose `detail` holds the server's explanation by locale, when there is one).
 */
export type SendDossier = (
  answers: Answers,
  procedure: Procedure,
  context?: SendContext,
) => Promise<unknown>;

/** Options of {@link createSession}. */
export interface SessionOptions {
  locale?: string;
  /** Answers to start from (a draft, or values known from an account). */
  answers?: unknown;
  /** Where "today" and timers come from; the system clock by default. */
  clock?: Clock;
  /** The default way to send a dossier, used when `submit()` gets no function. */
  send?: SendDossier;
  /** One step per page (the default), or one question (see {@link MachineOptions.perPage}). */
  perPage?: 'step' | 'question';
}

/** A citizen's way through one procedure, for callers who do not want XState. */
export interface Session {
  readonly snapshot: SessionSnapshot;
  readonly procedure: Procedure;
  /** The running XState actor, for those who want it after all. */
  readonly actor: Actor<ProcedureMachine>;
  /**
   * Stores an answer. Nothing is validated until `next()`, unless an error shows for it. Any
   * field may be set (a host may prefill answers of later steps); answers of other steps are
   * checked when their step is continued, and all of them on submit.
   */
  set(field: string, value: AnswerValue): SessionSnapshot;
  /** Continue: validates the current step and moves on when it is valid. */
  next(): SessionSnapshot;
  back(): SessionSnapshot;
  /**
   * Goes to a step to change an answer: from review (Continue then returns to review), or
   * from a step whose rule named a field on an earlier step (Continue then returns here). With
   * `field`, to the page that asks it (one question per page); on the step on screen, to that
   * page with the errors kept (an error summary's link).
   */
  edit(stepId: string, field?: string): SessionSnapshot;
  /**
   * From review, sends the pruned, validated answers through `send` and settles when the
   * submission succeeded (`submitted`) or failed (`failed`, answers kept).
   */
  submit(send?: SendDossier): Promise<SessionSnapshot>;
  /** Forgets every answer and starts again (a kiosk does this between citizens). */
  reset(): SessionSnapshot;
  setLocale(locale: string): SessionSnapshot;
  /** Calls `listener` on every change; returns a function that stops it. */
  subscribe(listener: (snapshot: SessionSnapshot) => void): () => void;
  /** Stops the actor. */
  stop(): void;
}

/**
 * Starts a session over a procedure.
 *
 * @example
 * const session = createSession(procedure, { locale: 'vi' });
 * session.set('requesterName', 'Nguyễn Văn An');
 * session.next();
 * if (session.snapshot.errors.length) console.log(session.snapshot.errors[0].message);
 */
export function createSession(procedure: Procedure, options: SessionOptions = {}): Session {
  const clock = options.clock ?? systemClock;
  let sender: SendDossier | undefined = options.send;
  const perPage = options.perPage;
  const machine = createProcedureMachine(procedure, { clock, perPage }).provide({
    actors: {
      submitDossier: fromPromise<unknown, SubmitInput>(({ input }) => {
        if (!sender) {
          return Promise.reject(
            new MotcuaError('session.submit(send): no function to send the dossier with'),
          );
        }
        return sender(input.answers, input.procedure);
      }),
    },
  });
  const actor = createActor(machine, {
    input: { answers: options.answers, locale: options.locale ?? DEFAULT_LOCALE },
    clock,
  });
  actor.start();

  let cached: { source: SnapshotFrom<ProcedureMachine>; snapshot: SessionSnapshot } | undefined;
  const read = (): SessionSnapshot => {
    const source = actor.getSnapshot();
    if (cached?.source !== source)
      cached = { source, snapshot: toSessionSnapshot(procedure, source, clock, perPage) };
    return cached.snapshot;
  };
  const send = (event: Parameters<typeof actor.send>[0]) => {
    actor.send(event);
    return read();
  };

  return {
    procedure,
    actor,
    get snapshot() {
      return read();
    },
    set(field, value) {
      assertSafeKey(field);
      if (!procedure.field(field)) {
        throw new MotcuaError(
          `session.set: unknown field "${field}" in procedure "${procedure.id}"`,
        );
      }
      return send({ type: 'SET', field, value });
    },
    next: () => send({ type: 'NEXT' }),
    back: () => send({ type: 'BACK' }),
    edit(stepId, field) {
      if (!procedure.step(stepId)) {
        throw new MotcuaError(
          `session.edit: unknown step "${stepId}" in procedure "${procedure.id}"`,
        );
      }
      return send({ type: 'EDIT', step: stepId, ...(field !== undefined && { field }) });
    },
    async submit(sendDossier) {
      if (sendDossier) sender = sendDossier;
      const after = send({ type: 'SUBMIT' });
      if (after.status !== 'submitting') return after;
      return new Promise<SessionSnapshot>((resolve) => {
        const subscription = actor.subscribe(() => {
          const snapshot = read();
          if (snapshot.status === 'submitting') return;
          subscription.unsubscribe();
          resolve(snapshot);
        });
      });
    },
    reset: () => send({ type: 'RESET' }),
    setLocale: (locale) => send({ type: 'SET_LOCALE', locale }),
    subscribe(listener) {
      const subscription = actor.subscribe(() => listener(read()));
      return () => subscription.unsubscribe();
    },
    stop: () => actor.stop(),
  };
}

function toSessionSnapshot(
  procedure: Procedure,
  source: SnapshotFrom<ProcedureMachine>,
  clock: Clock,
  perPage: SessionOptions['perPage'],
): SessionSnapshot {
  const { context } = source;
  const status: SessionStatus = source.matches({ review: 'failed' })
    ? 'failed'
    : source.matches('review')
      ? 'review'
      : source.matches('submitting')
        ? 'submitting'
        : source.matches('submitted')
          ? 'submitted'
          : 'filling';
  const steps = procedure.applicableSteps(context.answers, { clock });
  const step = context.stepId === null ? null : (procedure.step(context.stepId) ?? null);
  const options = { clock, locale: context.locale };
  const pages = !step
    ? [[]]
    : perPage === 'question'
      ? procedure.questions(step.id, context.answers, options)
      : [procedure.visibleFields(step.id, context.answers, options)];
  // A page past the last (a field on it hidden since) shows the last.
  const fields = pages[Math.min(context.page, pages.length - 1)] ?? [];
  const canGoBack =
    (status === 'filling' && source.can({ type: 'BACK' })) ||
    status === 'review' ||
    status === 'failed';
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
}
