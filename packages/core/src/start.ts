import { systemClock } from './clock.js';
import { MotcuaError } from './errors.js';
import { type ProcedureContext, type SessionSnapshot, fieldCheck, journeyOf } from './journey.js';
import type { ProcedureEvent } from './machine.js';
import type { Procedure } from './procedure.js';
import type { Session, SessionOptions } from './session.js';
import { DEFAULT_LOCALE } from './text.js';

/** Options of {@link startSession}. */
export interface StartOptions extends SessionOptions {
  /**
   * XState loads once this settles: a page passes "its first page is drawn", so that nothing
   * competes with the first page for the network and the main thread. At once by default.
   */
  after?: PromiseLike<unknown>;
}

type Sessions = typeof import('./session.js');

let loaded: Sessions | undefined;
let loading: Promise<Sessions> | undefined;

/** XState and the machine, once a page (a failed load is tried again by the next session). */
function loadSessions(): Promise<Sessions> {
  loading ??= import('./session.js').then(
    (module) => (loaded = module),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/**
 * Starts a session whose first page is there at once, before XState: what a page's runtime
 * uses, so that the citizen's first input does not wait for the state machine to download, be
 * compiled and start. The journey's first page and its first answers are worked out by the
 * same functions the machine assigns (journey.ts); once XState has loaded, an actor starts
 * from the same input and every call made meanwhile reaches it in order, and from then on the
 * session is {@link createSession}'s.
 *
 * The procedure's checks (validators and pack code, a chunk of their own in a module made by
 * `motcua build`) load at the same time: until then the first page is laid out with answers as
 * typed (see {@link Procedure.load}), and the machine, which judges them, waits for them.
 *
 * Before that (`ready` pending): `set` and `setLocale` change `snapshot` at once; `next`,
 * `back`, `edit` and `reset` wait for the actor (`snapshot` changes when it runs them, and the
 * subscribers hear of it), and so does every call after them; `submit` waits too; `actor`
 * throws. Once XState is loaded in a page, later sessions start ready.
 *
 * @example
 * const session = startSession(procedure, { locale: 'vi' });
 * render(session.snapshot); // the first page, now
 * await session.ready; // the machine runs: session.actor is the XState actor
 */
export function startSession(procedure: Procedure, options: StartOptions = {}): Session {
  const { after, ...sessionOptions } = options;
  if (loaded && procedure.loaded) return loaded.createSession(procedure, sessionOptions);
  const journey = journeyOf(procedure, {
    clock: options.clock ?? systemClock,
    perPage: options.perPage,
  });
  const check = fieldCheck(procedure);
  let context = journey.initialContext({
    answers: options.answers,
    locale: options.locale ?? DEFAULT_LOCALE,
  });
  let snapshot = journey.snapshot('filling', context, false);
  /** Every call before the actor runs, for it to run them in order. */
  const queued: ProcedureEvent[] = [];
  /** Whether a call that only the machine can answer (Continue, Back…) is among them. */
  let waiting = false;
  const listeners = new Map<(snapshot: SessionSnapshot) => void, () => void>();
  let running: Session | undefined;
  let stopped = false;

  const change = (next: Partial<ProcedureContext>) => {
    context = { ...context, ...next };
    snapshot = journey.snapshot('filling', context, false);
    for (const listener of listeners.keys()) listener(snapshot);
    return snapshot;
  };
  const send = (event: ProcedureEvent): SessionSnapshot => {
    queued.push(event);
    if (!waiting && event.type === 'SET') {
      return change(journey.setAnswer(context, event.field, event.value));
    }
    if (!waiting && event.type === 'SET_LOCALE') {
      return change(journey.setLocale(context, event.locale));
    }
    waiting = true;
    return snapshot;
  };

  const ready = Promise.resolve(after)
    // A session stopped first (a page that started again) fetches nothing.
    .then(() =>
      stopped ? undefined : Promise.all([loadSessions(), procedure.load()]).then(([s]) => s),
    )
    .then((sessions) => {
      if (stopped || !sessions) return;
      const { createSession } = sessions;
      const session = createSession(procedure, sessionOptions);
      for (const event of queued.splice(0)) session.actor.send(event);
      running = session;
      for (const listener of listeners.keys()) {
        listeners.set(listener, session.subscribe(listener));
        listener(session.snapshot);
      }
    });
  // Whoever awaits `ready` hears of a failure; nobody else has to.
  ready.catch(() => {});

  return {
    procedure,
    ready,
    get actor() {
      if (!running) {
        throw new MotcuaError('session.actor: XState is still loading; await session.ready');
      }
      return running.actor;
    },
    get snapshot() {
      return running ? running.snapshot : snapshot;
    },
    set(field, value) {
      if (running) return running.set(field, value);
      check.set(field);
      return send({ type: 'SET', field, value });
    },
    next: () => (running ? running.next() : send({ type: 'NEXT' })),
    back: () => (running ? running.back() : send({ type: 'BACK' })),
    edit(stepId, field) {
      if (running) return running.edit(stepId, field);
      check.edit(stepId);
      return send({ type: 'EDIT', step: stepId, ...(field !== undefined && { field }) });
    },
    async submit(sendDossier) {
      if (!running) await ready;
      return running ? running.submit(sendDossier) : snapshot;
    },
    reset: () => (running ? running.reset() : send({ type: 'RESET' })),
    setLocale: (locale) =>
      running ? running.setLocale(locale) : send({ type: 'SET_LOCALE', locale }),
    subscribe(listener) {
      if (running) return running.subscribe(listener);
      listeners.set(listener, () => {});
      return () => {
        listeners.get(listener)?.();
        listeners.delete(listener);
      };
    },
    stop() {
      stopped = true;
      for (const unsubscribe of listeners.values()) unsubscribe();
      listeners.clear();
      running?.stop();
    },
  };
}
