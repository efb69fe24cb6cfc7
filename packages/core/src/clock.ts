/**
 * Where the engine reads the time. Pass a fixed clock in tests so that "today", ages and every
 * timer are deterministic. The timer half matches XState's clock, so one object serves both.
 */
export interface Clock {
  /** Milliseconds since the epoch, like `Date.now()`. */
  now(): number;
  setTimeout(fn: (...args: unknown[]) => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

/**
 * The host's timers. Core compiles without DOM or Node types (so a stray `document` fails the
 * build), so the timer functions every host has are declared here.
 */
const host = globalThis as unknown as {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
};

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => host.setTimeout(fn, ms),
  clearTimeout: (id) => host.clearTimeout(id),
};

/**
 * A clock that stands still at `iso` until moved, for tests and examples. Timers fire only
 * when {@link ManualClock.advance} passes their time.
 *
 * @example
 * const clock = createManualClock('2025-09-01T08:00:00+07:00');
 */
export interface ManualClock extends Clock {
  advance(ms: number): void;
  set(iso: string): void;
}

/** Makes a {@link ManualClock}. */
export function createManualClock(iso: string): ManualClock {
  let time = Date.parse(iso);
  if (Number.isNaN(time)) throw new RangeError(`createManualClock: "${iso}" is not a date-time`);
  let nextId = 1;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const clock: ManualClock = {
    now: () => time,
    setTimeout(fn, ms) {
      const id = nextId++;
      timers.set(id, { at: time + ms, fn: () => fn() });
      return id;
    },
    clearTimeout(id) {
      timers.delete(id as number);
    },
    advance(ms) {
      const end = time + ms;
      for (;;) {
        const due = [...timers.entries()]
          .filter(([, timer]) => timer.at <= end)
          .sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        time = due[1].at;
        due[1].fn();
      }
      time = end;
    },
    set(next) {
      time = Date.parse(next);
    },
  };
  return clock;
}

/**
 * One formatter per time zone: building an `Intl.DateTimeFormat` costs far more than using one
 * (it was a tenth of the server's CPU per dossier when built on every call).
 */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * Today's civil date (`YYYY-MM-DD`) in a time zone. Servers often run in UTC while the citizen
 * lives in UTC+7; a child born at 01:00 on the 2nd in Hà Nội is born on the 2nd, not the 1st.
 */
export function todayIn(clock: Pick<Clock, 'now'>, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(new Date(clock.now()));
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}
