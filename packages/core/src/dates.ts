/** Civil dates as ISO strings `YYYY-MM-DD`: compared as strings, checked as calendar dates. */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `value` is an ISO date that exists on the calendar (no 31 February). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Days in a month of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Makes an ISO date from parts, or returns `undefined` when they are not a real date. */
export function isoFromParts(year: number, month: number, day: number): string | undefined {
  if (![year, month, day].every(Number.isInteger)) return undefined;
  if (year < 1 || year > 9999) return undefined;
  const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : undefined;
}

/** Whole years between a birth date and a later date: the age on that day. */
export function ageOn(birth: string, on: string): number {
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  const [oy, om, od] = on.split('-').map(Number) as [number, number, number];
  const hadBirthday = om > bm || (om === bm && od >= bd);
  return oy - by - (hadBirthday ? 0 : 1);
}

/**
 * Days from one ISO date to a later one: 1 from a birth to the next day. A time limit "within 60
 * days of the birth" (Luật Hộ tịch Art. 15) is met while this is at most 60, since the day of the
 * birth itself is not counted (Bộ luật Dân sự 2015 Art. 147).
 */
export function daysBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
}

/** The ISO date one day after `iso`. */
export function nextDay(iso: string): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** Formats an ISO date as Vietnamese forms write it: `dd/mm/yyyy`, with leading zeros. */
export function formatDate(iso: string): string {
  const match = ISO_DATE.exec(iso);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : iso;
}

/** A shift of a date by whole years, months and days; each may be negative. */
export interface DateShift {
  years?: number;
  months?: number;
  days?: number;
}

/**
 * The ISO date `shift` away from `iso`: years and months first, then days. A day that the target
 * month lacks is clamped to its last day, as people count anniversaries: 29 February 2024 plus
 * one year is 28 February 2025, 31 January plus one month is the last day of February.
 *
 * @example
 * shiftDate('2010-03-15', { years: 14 }); // '2024-03-15', the 14th birthday
 */
export function shiftDate(iso: string, shift: DateShift): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const months = y * 12 + m - 1 + (shift.years ?? 0) * 12 + (shift.months ?? 0);
  const year = Math.floor(months / 12);
  const month = months - year * 12;
  const date = new Date(0);
  // setUTCFullYear takes years before 100 as they are (Date.UTC would read 50 as 1950).
  date.setUTCFullYear(year, month, Math.min(d, daysInMonth(year, month + 1)) + (shift.days ?? 0));
  return date.toISOString().slice(0, 10);
}
