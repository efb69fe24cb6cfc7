/**
 * Where citizens get stuck (issue 13): one summary per citizen session, sent when the session
 * ends, for the agency's periodic review. A summary holds step ids, field ids, error codes,
 * counts and times, and never an answer or anything that identifies the citizen.
 *
 * It watches `<motcua-procedure>` from outside, through its public surface (its `session`, and
 * the events it fires), so the runtime bundle carries none of it: pages that want it load
 * `insights.js` beside the runtime.
 *
 * @module
 */
import type {
  InsightsCount,
  InsightsSummary,
  Procedure,
  Session,
  SessionSnapshot,
  ValidationError,
} from '@motcua/core';
import type { MotcuaEventMap, MotcuaProcedure } from './procedure-element.js';

/** Options of `watchInsights` (in `insights.js`, beside the runtime). */
export interface InsightsOptions {
  /** Where summaries are POSTed, such as `/api/insights`. */
  endpoint: string;
  /**
   * Sends one summary (JSON). By default `navigator.sendBeacon`, which still goes out while the
   * page is closing, with `fetch(…, {keepalive: true})` where a beacon cannot be queued.
   */
  send?: (url: string, body: string) => void;
}

/** The journey of one citizen, as far as the summary needs it. */
interface Journey {
  procedure: Procedure;
  /** Milliseconds on each place (a step id or `review`); a Map keeps the order reached. */
  steps: Map<string, number>;
  at: string;
  /** When the clock started on `at`; undefined while the page is hidden. */
  since: number | undefined;
  errors: Map<string, InsightsCount>;
  warnings: Map<string, InsightsCount>;
  help: Map<string, number>;
  /** The citizen typed or chose something, or went past the first page. */
  touched: boolean;
  /** Sent already (submitted, left, or the page closed): once per session. */
  sent: boolean;
}

interface Seen {
  session: Session;
  snapshot: SessionSnapshot;
  at: number;
}

/**
 * Watches a `<motcua-procedure>` and sends one {@link InsightsSummary} per citizen session:
 * when the dossier is accepted, or when the citizen leaves (the form reset, wiped when idle, the
 * page closed, or the watch stopped) having answered something. A session in which
 * nothing was answered sends nothing. Sending never throws, never blocks the page and is never
 * retried. Returns a function that stops watching, sending the session in progress first: call
 * it when the page removes the element.
 *
 * @example
 * import { watchInsights } from './insights.js';
 * const stop = watchInsights(document.querySelector('motcua-procedure'), {
 *   endpoint: '/api/insights',
 * });
 */
export function watchInsights(element: MotcuaProcedure, options: InsightsOptions): () => void {
  const send = options.send ?? beacon;
  let following: Session | undefined;
  let unsubscribe: (() => void) | undefined;
  let last: Seen | undefined;
  let journey: Journey | undefined;
  // Snapshots are read a microtask late: a wipe changes the session before `motcua-reset` says
  // it was a wipe, and the wipe's snapshot must not count as the citizen's last page.
  let queue: Seen[] = [];
  let scheduled = false;

  const flush = (): void => {
    const seen = queue;
    queue = [];
    for (const item of seen) observe(item);
  };

  const follow = (): void => {
    const session = element.session;
    if (session === following) return;
    unsubscribe?.();
    unsubscribe = undefined;
    following = session;
    if (!session) return;
    const see = (snapshot: SessionSnapshot) => {
      queue.push({ session, snapshot, at: performance.now() });
      if (scheduled) return;
      scheduled = true;
      queueMicrotask(() => {
        scheduled = false;
        flush();
      });
    };
    unsubscribe = session.subscribe(see);
    // A new session: the page loaded, a draft was opened, or (when `motcua-reset` follows) a
    // kiosk started afresh for the next citizen.
    see(session.snapshot);
  };

  const observe = ({ session, snapshot, at }: Seen): void => {
    const before = last?.session === session ? last.snapshot : undefined;
    last = { session, snapshot, at };
    if (!journey) {
      journey = begin(session.procedure, snapshot, at);
      return;
    }
    if (journey.sent) return;
    if (before) {
      const forward = rank(snapshot) > rank(before);
      if (snapshot.answers !== before.answers || forward) journey.touched = true;
      if (forward) count(journey.warnings, placeOf(before), before.warnings);
      // A Continue refused: new errors on the same answers (a correction re-checks its field,
      // with new answers; a language switch translates the same errors).
      const refused =
        snapshot.errors.length > 0 &&
        snapshot.errors !== before.errors &&
        snapshot.answers === before.answers &&
        snapshot.locale === before.locale;
      if (refused) count(journey.errors, placeOf(snapshot), snapshot.errors);
    }
    moveTo(journey, placeOf(snapshot), at);
    if (snapshot.status === 'submitted') finish(journey, 'submitted', at);
  };

  const finish = (ended: Journey, outcome: InsightsSummary['outcome'], at: number): void => {
    if (ended.sent || (outcome === 'left' && !ended.touched)) return;
    ended.sent = true;
    pause(ended, at);
    const summary: InsightsSummary = {
      procedure: ended.procedure.id,
      version: ended.procedure.version,
      channel: element.mode === 'kiosk' ? 'kiosk' : 'online',
      outcome,
      last: ended.at,
      steps: [...ended.steps].map(([step, ms]) => ({ step, ms: Math.round(Math.min(ms, WEEK)) })),
      errors: capped(ended.errors.values()),
      warnings: capped(ended.warnings.values()),
      help: [...ended.help].map(([step, count]) => ({ step, count: Math.min(count, MAX_COUNT) })),
    };
    try {
      send(options.endpoint, JSON.stringify(summary));
    } catch {
      // Insights must never get in the citizen's way.
    }
  };

  /** The citizen's session ends: what was seen before a wipe is theirs, the wipe is not. */
  const end = (): void => {
    const at = performance.now();
    const seen = queue;
    queue = [];
    const tail = seen.at(-1);
    if (tail && isBlank(tail.snapshot)) seen.pop();
    for (const item of seen) observe(item);
    if (journey) finish(journey, 'left', at);
  };

  const onReset = (): void => {
    end();
    journey = undefined;
    last = undefined;
    follow();
    // The next citizen starts on the new (or reset) session's first page.
    const session = element.session;
    queue = [];
    if (session) {
      last = { session, snapshot: session.snapshot, at: performance.now() };
      journey = begin(session.procedure, session.snapshot, last.at);
    }
  };

  const onStepChange = (): void => follow();

  const onHelp = (event: MotcuaEventMap['motcua-help']): void => {
    flush();
    if (!journey || journey.sent || event.detail.status === 'submitted') return;
    const step = event.detail.step ?? 'review';
    journey.help.set(step, (journey.help.get(step) ?? 0) + 1);
  };

  // A hidden page stops the step's clock; it does not end the session, or a portal citizen who
  // looks something up in another tab and comes back to send would be counted as leaving.
  // Closing the tab ends it (pagehide). A phone that kills a hidden page sends nothing: a lost
  // summary is better than a wrong one.
  const onVisibility = (): void => {
    const at = performance.now();
    if (document.visibilityState === 'hidden') {
      if (journey) pause(journey, at);
    } else if (journey && !journey.sent && journey.since === undefined) {
      journey.since = at;
    }
  };

  element.addEventListener('motcua-step-change', onStepChange);
  element.addEventListener('motcua-reset', onReset);
  element.addEventListener('motcua-help', onHelp);
  window.addEventListener('pagehide', end);
  document.addEventListener('visibilitychange', onVisibility);
  follow();

  return () => {
    element.removeEventListener('motcua-step-change', onStepChange);
    element.removeEventListener('motcua-reset', onReset);
    element.removeEventListener('motcua-help', onHelp);
    window.removeEventListener('pagehide', end);
    document.removeEventListener('visibilitychange', onVisibility);
    end();
    unsubscribe?.();
    unsubscribe = undefined;
    following = undefined;
  };
}

// The server's limits on one summary (packages/server/src/schemas.ts): a summary over them would
// be refused whole.
const MAX_COUNT = 100;
const MAX_ITEMS = 200;
const WEEK = 7 * 24 * 3_600_000;

function capped(counts: Iterable<InsightsCount>): InsightsCount[] {
  return [...counts]
    .slice(0, MAX_ITEMS)
    .map((item) => ({ ...item, count: Math.min(item.count, MAX_COUNT) }));
}

function begin(procedure: Procedure, snapshot: SessionSnapshot, at: number): Journey {
  const place = placeOf(snapshot);
  return {
    procedure,
    steps: new Map([[place, 0]]),
    at: place,
    since: visible() ? at : undefined,
    errors: new Map(),
    warnings: new Map(),
    help: new Map(),
    touched: false,
    sent: false,
  };
}

function moveTo(journey: Journey, place: string, at: number): void {
  if (journey.at === place) return;
  pause(journey, at);
  journey.at = place;
  if (!journey.steps.has(place)) journey.steps.set(place, 0);
  journey.since = visible() ? at : undefined;
}

/** Adds the time on the current place, and stops its clock (until a move or the page shows). */
function pause(journey: Journey, at: number): void {
  if (journey.since === undefined) return;
  journey.steps.set(
    journey.at,
    (journey.steps.get(journey.at) ?? 0) + Math.max(0, at - journey.since),
  );
  journey.since = undefined;
}

function count(into: Map<string, InsightsCount>, step: string, found: readonly ValidationError[]) {
  for (const error of found) {
    const field = error.field
      .split('.')
      .filter((part) => !/^\d+$/.test(part))
      .join('.');
    // A rule's errors all have the code `rule`: its id says which rule (as the server's report
    // names a refused dossier's).
    const rule = error.params['rule'];
    const code = error.code === 'rule' && typeof rule === 'string' ? `rule.${rule}` : error.code;
    const key = JSON.stringify([step, field, code]);
    const known = into.get(key);
    if (known) known.count++;
    else into.set(key, { step, field, code, count: 1 });
  }
}

/** A step id while filling; `review` from review on (sending, failed, sent). */
function placeOf(snapshot: SessionSnapshot): string {
  return snapshot.status === 'filling' ? (snapshot.step?.id ?? 'review') : 'review';
}

/** How far on the citizen is: Continue goes up, Back goes down. */
function rank(snapshot: SessionSnapshot): number {
  return snapshot.status === 'filling' ? snapshot.stepIndex * 1000 + snapshot.page : Infinity;
}

/** A first page with nothing on it: what a reset leaves. */
function isBlank(snapshot: SessionSnapshot): boolean {
  return (
    snapshot.status === 'filling' &&
    snapshot.stepIndex === 0 &&
    snapshot.page === 0 &&
    snapshot.errors.length === 0 &&
    Object.keys(snapshot.answers).length === 0
  );
}

function visible(): boolean {
  return typeof document === 'undefined' || document.visibilityState !== 'hidden';
}

/** A beacon goes out even as the page closes; `fetch` with keepalive where one cannot be queued. */
function beacon(url: string, body: string): void {
  try {
    if (navigator.sendBeacon?.(url, new Blob([body], { type: 'application/json' }))) return;
  } catch {
    // A beacon refused (an old browser's rule on its type): fetch below.
  }
  void fetch(url, {
    method: 'POST',
    body,
    keepalive: true,
    headers: { 'content-type': 'application/json' },
  }).catch(() => undefined);
}
