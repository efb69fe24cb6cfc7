import type { Locale, Text } from './definition.js';

/** The default locale, and the fallback when a text has no entry for the requested one. */
export const DEFAULT_LOCALE: Locale = 'vi';

/**
 * Picks the text for a locale, falling back to Vietnamese.
 *
 * @example
 * localize({ vi: 'Họ và tên', en: 'Full name' }, 'en'); // 'Full name'
 */
export function localize(text: Text | undefined, locale: string = DEFAULT_LOCALE): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  return text[locale] ?? text[DEFAULT_LOCALE] ?? '';
}

/**
 * Fills `{name}` placeholders from `params`. Unknown placeholders are left as they are so a
 * missing parameter shows up in review instead of silently vanishing.
 */
export function interpolate(template: string, params: Readonly<Record<string, unknown>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) && params[name] !== undefined ? String(params[name]) : whole,
  );
}

/**
 * A label as it reads in the middle of a sentence: "Họ và tên" becomes "họ và tên" so that
 * "Nhập {label}" reads "Nhập họ và tên". Acronyms ("CCCD", "Email") keep their case: the first
 * letter is lowered only when the second is lower case and the label is not one word in capitals.
 */
export function midSentence(label: string): string {
  const [first, second] = Array.from(label);
  if (first === undefined || second === undefined) return label;
  const firstWord = label.split(/\s/, 1)[0] ?? '';
  if (firstWord.length > 1 && firstWord === firstWord.toUpperCase()) return label;
  if (second !== second.toLowerCase()) return label;
  return first.toLowerCase() + label.slice(first.length);
}
