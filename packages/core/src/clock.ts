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

/** A civil day as an interval of instants: `[start, end)` in epoch milliseconds. */
interface DayWindow {
  start: number;
  end: number;
  date: string;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;

/**
 * Zones whose UTC offset (in minutes) has been fixed since `since`, so that "today" there is
 * plain arithmetic: the first `Intl.DateTimeFormat` with a `timeZone` loads the browser's
 * time-zone data, 100–250 ms of a slow phone's first input (issue 15). Before `since`, and for
 * every other zone, the date comes from `Intl`. A zone belongs here only while its country keeps
 * one offset all year: a law bringing back daylight saving time removes it.
 */
const FIXED_ZONES: ReadonlyMap<string, { offset: number; since: number }> = new Map([
  // Vietnam: UTC+7, no daylight saving time, since the South moved to +07 on 13 June 1975.
  ['Asia/Ho_Chi_Minh', { offset: 420, since: Date.UTC(1975, 5, 13) }],
  ['Asia/Saigon', { offset: 420, since: Date.UTC(1975, 5, 13) }],
  // Thailand, Cambodia and Laos (one zone in the tz database): UTC+7 since 1920.
  ['Asia/Bangkok', { offset: 420, since: Date.UTC(1920, 3, 1) }],
  ['Asia/Phnom_Penh', { offset: 420, since: Date.UTC(1920, 3, 1) }],
  ['Asia/Vientiane', { offset: 420, since: Date.UTC(1920, 3, 1) }],
  ...['UTC', 'Etc/UTC', 'Etc/UCT', 'UCT', 'Etc/GMT', 'GMT', 'Etc/Universal', 'Etc/Zulu'].map(
    (zone) => [zone, { offset: 0, since: Number.NEGATIVE_INFINITY }] as const,
  ),
]);

/**
 * One formatter per time zone: building an `Intl.DateTimeFormat` costs far more than using one
 * (it was a tenth of the server's CPU per dossier when built on every call).
 */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The day each clock last read, per time zone: most calls fall in the same day. */
const clockDays = new WeakMap<object, Map<string, DayWindow>>();

/** The day last read per time zone by {@link civilDate}, which has no clock to key on. */
const instantDays = new Map<string, DayWindow>();

/**
 * Today's civil date (`YYYY-MM-DD`) in a time zone. Servers often run in UTC while the citizen
 * lives in UTC+7; a child born at 01:00 on the 2nd in Hà Nội is born on the 2nd, not the 1st.
 *
 * The date is worked out once per day and clock: later calls in the same day (in that zone)
 * only read the clock. A clock moved backwards or across days (a {@link ManualClock}) gets the
 * date of where it now is.
 *
 * @example
 * todayIn(createManualClock('2025-09-01T17:00:00Z'), 'Asia/Ho_Chi_Minh'); // '2025-09-02'
 */
export function todayIn(clock: Pick<Clock, 'now'>, timeZone: string): string {
  let days = clockDays.get(clock);
  if (!days) clockDays.set(clock, (days = new Map()));
  return dateInWindow(clock.now(), timeZone, days);
}

/**
 * The civil date (`YYYY-MM-DD`) of an instant in a time zone: {@link todayIn} for a time that
 * is not a clock's (when a dossier was received, a ticket issued).
 *
 * @example
 * civilDate(Date.parse('2025-09-01T16:59:59Z'), 'Asia/Ho_Chi_Minh'); // '2025-09-01'
 */
export function civilDate(time: number | Date, timeZone: string): string {
  return dateInWindow(typeof time === 'number' ? time : time.getTime(), timeZone, instantDays);
}

function dateInWindow(time: number, timeZone: string, days: Map<string, DayWindow>): string {
  const known = days.get(timeZone);
  if (known && time >= known.start && time < known.end) return known.date;
  const day = dayAt(time, timeZone);
  if (day) days.set(timeZone, day);
  return day?.date ?? intlDate(time, timeZone).date;
}

/** The day around `time`, or `undefined` when it cannot be cached (near an `Intl` zone's midnight). */
function dayAt(time: number, timeZone: string): DayWindow | undefined {
  const fixed = FIXED_ZONES.get(timeZone);
  if (fixed && time >= fixed.since) {
    const shift = fixed.offset * 60_000;
    const start = Math.floor((time + shift) / DAY) * DAY - shift;
    return { start, end: start + DAY, date: new Date(start + shift).toISOString().slice(0, 10) };
  }
  const { date, sinceMidnight } = intlDate(time, timeZone);
  // The wall clock may have jumped (daylight saving time, at most 2 hours in the tz database)
  // between midnight and now: the day is known for sure only 2 hours inside its wall-clock ends.
  const start = time - sinceMidnight + 2 * HOUR;
  const end = time + (DAY - sinceMidnight) - 2 * HOUR;
  return start <= time && time < end ? { start, end, date } : undefined;
}

function intlDate(time: number, timeZone: string): { date: string; sinceMidnight: number } {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    dayFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(new Date(time));
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  const millis = ((time % 1000) + 1000) % 1000;
  const sinceMidnight =
    Number(get('hour')) * HOUR + Number(get('minute')) * 60_000 + Number(get('second')) * 1000;
  return {
    date: `${get('year')}-${get('month')}-${get('day')}`,
    sinceMidnight: sinceMidnight + millis,
  };
}
