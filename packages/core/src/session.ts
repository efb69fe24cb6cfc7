import { type Actor, type SnapshotFrom, createActor, fromPromise } from 'xstate';
import type { AnswerValue, Answers } from './answers.js';
import { type Clock, systemClock } from './clock.js';
import { MotcuaError } from './errors.js';
import {
  type Journey,
  type SessionSnapshot,
  type SessionStatus,
  fieldCheck,
  journeyOf,
} from './journey.js';
import { type ProcedureMachine, type SubmitInput, createProcedureMachine } from './machine.js';
import type { Procedure } from './procedure.js';
import { DEFAULT_LOCALE } from './text.js';

export type { SessionSnapshot, SessionStatus } from './journey.js';

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
  /**
   * The running XState actor, for those who want it after all. A session of a page's runtime
   * ({@link startSession}) has it once `ready` settles, and throws if asked before.
   */
  readonly actor: Actor<ProcedureMachine>;
  /**
   * Settles once the actor runs: at once for {@link createSession}; for {@link startSession}, once
   * XState has loaded and every call made meanwhile has reached the actor. Rejects when XState
   * could not be loaded (the network failed): the answers given so far are in `snapshot`.
   */
  readonly ready: Promise<void>;
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
      cached = { source, snapshot: toSessionSnapshot(journey, source) };
    return cached.snapshot;
  };
  const send = (event: Parameters<typeof actor.send>[0]) => {
    actor.send(event);
    return read();
  };

  const assertField = fieldCheck(procedure);
  const journey = journeyOf(procedure, { clock, perPage });
  return {
    procedure,
    actor,
    ready: Promise.resolve(),
    get snapshot() {
      return read();
    },
    set(field, value) {
      assertField.set(field);
      return send({ type: 'SET', field, value });
    },
    next: () => send({ type: 'NEXT' }),
    back: () => send({ type: 'BACK' }),
    edit(stepId, field) {
      assertField.edit(stepId);
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

function toSessionSnapshot(journey: Journey, source: SnapshotFrom<ProcedureMachine>) {
  const status: SessionStatus = source.matches({ review: 'failed' })
    ? 'failed'
    : source.matches('review')
      ? 'review'
      : source.matches('submitting')
        ? 'submitting'
        : source.matches('submitted')
          ? 'submitted'
          : 'filling';
  const canGoBack =
    (status === 'filling' && source.can({ type: 'BACK' })) ||
    status === 'review' ||
    status === 'failed';
  return journey.snapshot(status, source.context, canGoBack);
}
