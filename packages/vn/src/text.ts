/**
 * Vietnamese text helpers for search and sorting: a folded search key, a reading of queries typed
 * in raw Telex or VNI (the input method switched off), and a matcher built on both.
 *
 * @module
 */

/**
 * The search key of a text: without tone marks or other diacritics, `đ` as `d`, lower case,
 * single spaces. Collation with base sensitivity is not used for this because it keeps `đ ≠ d`.
 *
 * @example
 * fold('ĐĂNG KÝ  KHAI SINH'); // 'dang ky khai sinh'
 */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The text in Unicode NFC, the form Vietnamese is stored and compared in (macOS and some
 * keyboards produce decomposed text, where "Hòa" is five code points instead of three).
 *
 * @example
 * toNfc('Hòa'.normalize('NFD')) === 'Hòa'; // true
 */
export function toNfc(text: string): string {
  return text.normalize('NFC');
}

/**
 * Compares two strings in Vietnamese alphabetical order (a ă â b c d đ e ê …), for sorting lists
 * of units or procedures. Not for matching: use {@link matches}.
 *
 * @example
 * ['Đà Nẵng', 'Bến Tre', 'Cà Mau'].sort(compareVi); // ['Bến Tre', 'Cà Mau', 'Đà Nẵng']
 */
export function compareVi(a: string, b: string): number {
  // Made on first use: a collator loads the locale's collation data (tens of ms on a slow
  // kiosk), and every procedure module that bundles this pack would otherwise pay for it on
  // load, before its first page, without ever sorting.
  collator ??= new Intl.Collator('vi');
  return collator.compare(a, b);
}

let collator: Intl.Collator | undefined;

const TONE_MARKS = {
  s: '\u0301', // sắc
  f: '\u0300', // huyền
  r: '\u0309', // hỏi
  x: '\u0303', // ngã
  j: '\u0323', // nặng
} as const;
type ToneKey = keyof typeof TONE_MARKS;

/** VNI's tone digits, as their Telex keys. */
const VNI_TONES: { [digit: string]: ToneKey } = { 1: 's', 2: 'f', 3: 'r', 4: 'x', 5: 'j' };

const CIRCUMFLEX: { [base: string]: string } = { a: 'â', e: 'ê', o: 'ô' };
const HORN: { [base: string]: string } = { o: 'ơ', u: 'ư' };
const BREVE: { [base: string]: string } = { a: 'ă' };
const VOWELS = new Set(['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y']);
const SHAPED = new Set(['ă', 'â', 'ê', 'ô', 'ơ', 'ư']);

/** One letter of a word being composed: lower case, plus whether it was typed in capitals. */
interface Letter {
  char: string;
  upper: boolean;
}

/**
 * Reads a query typed with the input method switched off as the Vietnamese it stands for, as
 * Telex and VNI would have composed it: `aa aw ee oo ow uw w dd` and tone keys `s f r x j`
 * (Telex), digits `1`–`9` after letters (VNI). Only words of plain ASCII letters and digits are
 * read; words that already have diacritics, and numbers on their own ("Hà Giang 1"), are left as
 * typed. Letters that do not compose anything stay as they are, so "dang" stays "dang" (it
 * folds to the same key as "đăng").
 *
 * This is a reading for search, not an input method: it never rewrites what the citizen typed
 * into a field (input methods compose with backspaces and composition events, and changing the
 * value under them corrupts the text).
 *
 * @example
 * telexToVietnamese('ddawng kys khai sinh'); // 'đăng ký khai sinh'
 * telexToVietnamese('truwowngf'); // 'trường'
 * telexToVietnamese('ha2 giang1'); // 'hà giáng' (VNI; the original query is searched too)
 */
export function telexToVietnamese(query: string): string {
  return query.replace(/[\p{L}\p{M}\p{N}]+/gu, (word) =>
    /^[A-Za-z][A-Za-z0-9]*$/.test(word) ? composeWord(word) : word,
  );
}

function composeWord(keys: string): string {
  const letters: Letter[] = [];
  let tone: ToneKey | undefined;
  for (const key of keys) {
    const lower = key.toLowerCase();
    const upper = key !== lower;
    const literal = () => letters.push({ char: lower, upper });
    const vni = /\d/.test(lower);
    const toneKey: ToneKey | undefined = vni
      ? VNI_TONES[lower]
      : lower in TONE_MARKS
        ? (lower as ToneKey)
        : undefined;

    if (toneKey !== undefined) {
      if (vowelGroup(letters).length === 0) literal();
      else if (tone === toneKey && !vni) {
        // Typing the tone key twice takes the tone off and keeps the letter, as Telex does.
        tone = undefined;
        literal();
      } else tone = toneKey;
    } else if (lower === '0' && vni) {
      tone = undefined;
    } else if ((lower === 'a' || lower === 'e' || lower === 'o') && !vni) {
      if (!reshape(letters, CIRCUMFLEX, [lower])) literal();
    } else if (lower === '6') {
      reshape(letters, CIRCUMFLEX, ['a', 'e', 'o']);
    } else if (lower === 'w' || lower === '7') {
      if (!horn(letters, lower === 'w') && lower === 'w') {
        // "w" on its own is "ư" ("tw" → "tư"); after a vowel it cannot shape, it is a letter.
        letters.push({ char: vowelGroup(letters).length === 0 ? 'ư' : 'w', upper });
      }
    } else if (lower === '8') {
      reshape(letters, BREVE, ['a']);
    } else if ((lower === 'd' && !vni) || lower === '9') {
      const first = letters[0];
      if (first?.char === 'd') first.char = 'đ';
      else if (lower === 'd') literal();
    } else if (!vni) {
      literal();
    }
  }
  return placeTone(letters, tone);
}

/**
 * The indexes of the syllable's vowel nucleus: the last run of vowels, without the `u` of `qu`
 * and the `i` of `gi` when another vowel follows (they belong to the consonant).
 */
function vowelGroup(letters: readonly Letter[]): number[] {
  let end = letters.length - 1;
  while (end >= 0 && !VOWELS.has(letters[end]!.char)) end--;
  if (end < 0) return [];
  let start = end;
  while (start > 0 && VOWELS.has(letters[start - 1]!.char)) start--;
  const before = letters[start - 1]?.char;
  const first = letters[start]!.char;
  if (start < end && ((before === 'q' && first === 'u') || (before === 'g' && first === 'i'))) {
    start++;
  }
  const group: number[] = [];
  for (let i = start; i <= end; i++) group.push(i);
  return group;
}

/** Gives the last vowel of the group that is one of `bases` its new shape; false if none is. */
function reshape(letters: Letter[], shapes: { [base: string]: string }, bases: string[]): boolean {
  const group = vowelGroup(letters);
  for (let i = group.length - 1; i >= 0; i--) {
    const letter = letters[group[i]!]!;
    if (bases.includes(letter.char)) {
      letter.char = shapes[letter.char]!;
      return true;
    }
  }
  return false;
}

/**
 * Telex `w` / VNI `7`: `uo` → `ươ` (trường), `oa` → `oă` (xoăn), then `u` → `ư`, `o` → `ơ`,
 * and (Telex only) a lone `a` → `ă`. False when nothing could take the mark.
 */
function horn(letters: Letter[], telex: boolean): boolean {
  const group = vowelGroup(letters).map((i) => letters[i]!);
  const chars = group.map((letter) => letter.char).join('');
  const uo = chars.search(/[uư]o/);
  if (uo >= 0) {
    group[uo]!.char = 'ư';
    group[uo + 1]!.char = 'ơ';
    return true;
  }
  const oa = chars.indexOf('oa');
  if (telex && oa >= 0) {
    group[oa + 1]!.char = 'ă';
    return true;
  }
  const u = group.find((letter) => letter.char in HORN && letter.char === 'u');
  const target = u ?? group.find((letter) => letter.char in HORN);
  if (target) {
    target.char = HORN[target.char]!;
    return true;
  }
  return telex && reshape(letters, BREVE, ['a']);
}

/**
 * Puts the tone on the vowel the spelling rules give it: a shaped vowel (ơ of ươ), else the only
 * vowel, else the last vowel when a consonant follows (toán), else the middle of three (ngoài),
 * else the first of two (hòa, thủy: the traditional placement; folding makes either match).
 */
function placeTone(letters: Letter[], tone: ToneKey | undefined): string {
  const chars = letters.map((letter) => letter.char);
  if (tone !== undefined) {
    const group = vowelGroup(letters);
    const last = group[group.length - 1]!;
    const shaped = group.filter((i) => SHAPED.has(chars[i]!));
    const target =
      shaped.length > 0
        ? shaped[shaped.length - 1]!
        : group.length === 1 || last < letters.length - 1
          ? last
          : group.length >= 3
            ? group[1]!
            : group[0]!;
    chars[target] = chars[target]! + TONE_MARKS[tone];
  }
  return chars
    .map((char, i) => (letters[i]!.upper ? char.toUpperCase() : char))
    .join('')
    .normalize('NFC');
}

/**
 * The folded keys a query is searched by: the query as typed and, when it differs, its Telex /
 * VNI reading.
 *
 * @example
 * searchKeys('dang kys'); // ['dang kys', 'dang ky']
 */
export function searchKeys(query: string): string[] {
  const typed = fold(query);
  const read = fold(telexToVietnamese(query));
  return read === typed ? [typed] : [typed, read];
}

/**
 * The words of a text for matching: folded, apostrophes dropped inside words ("H'Leo" →
 * "hleo", as people type it), split at anything that is not a letter or digit (" - ", ".").
 */
function words(text: string): string[] {
  return fold(text)
    .replace(/['’ʼ]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
}

/**
 * Whether a candidate (a procedure or unit name) matches a search query: every word of the query
 * as typed, or of its Telex / VNI reading, starts a word of the candidate, ignoring diacritics
 * and case. An empty query matches everything.
 *
 * @example
 * matches('ea hleo', "Ea H'Leo"); // true
 * matches('dang kys', 'Đăng ký khai sinh'); // true
 * matches('ha giang 2', 'Hà Giang 1'); // false
 */
export function matches(query: string, candidate: string): boolean {
  const targets = words(candidate);
  return searchKeys(query).some((key) =>
    words(key).every((word) => targets.some((target) => target.startsWith(word))),
  );
}
