import type { FormatDefinition } from '@motcua/core';

/**
 * Whether a `dd/mm/yyyy` text, with leading zeros, is a date that exists (no 31/04, 29/02 only
 * in leap years).
 *
 * @example
 * isDateText('29/02/2024'); // true
 * isDateText('29/02/2023'); // false
 */
export function isDateText(value: string): boolean {
  const match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value);
  if (!match) return false;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // Date.UTC treats years 0–99 as 1900–1999; setUTCFullYear does not.
  const date = new Date(Date.UTC(2000, 0, 1));
  date.setUTCFullYear(year, month - 1, day);
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

/**
 * `vn-date-text`: a date written as text the way Vietnamese papers print it, `dd/mm/yyyy` with
 * leading zeros (for imported data and free-text fields; date fields have their own type). The
 * value is kept as written. Code: `vn-date-text`.
 */
export const dateText: FormatDefinition = {
  normalize: (value) => value.normalize('NFKC').trim(),
  validate: (value) => isDateText(value) || { code: 'vn-date-text' },
};
