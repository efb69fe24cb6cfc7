import { telexToVietnamese } from './text.js';

/**
 * Rhymes (vần) of Vietnamese syllables without their tone: every open rhyme, then each vowel
 * nucleus with the final consonants it takes. Rare loan rhymes are left out on purpose: a word
 * that is not on this list is not read as Telex or VNI, so a name of an ethnic minority that
 * happens to contain `s`, `r` or `w` ("Ksor", "Hwing") is never "corrected".
 */
const OPEN_RHYMES =
  'a e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iu oa oai oay oe oeo oi ôi ơi ua uây uê ui ' +
  'uơ uy uya uyu ưa ưi ưu uôi ươi ươu iêu yêu';
const CLOSED_RHYMES: { [nucleus: string]: string } = {
  a: 'c ch m n ng nh p t',
  ă: 'c m n ng p t',
  â: 'c m n ng p t',
  e: 'c m n ng p t',
  ê: 'ch m n nh p t',
  i: 'ch m n nh p t',
  o: 'c m n ng p t',
  oo: 'c ng',
  ô: 'c m n ng p t',
  ơ: 'm n p t',
  u: 'c m n ng p t',
  ư: 'c m n ng t',
  iê: 'c m n ng p t',
  yê: 'm n t',
  uô: 'c m n ng t',
  ươ: 'c m n ng p t',
  oa: 'c ch m n ng nh p t',
  oă: 'c m n ng t',
  oe: 'n t',
  uâ: 'n ng t',
  uê: 'ch nh',
  uy: 'ch n nh p t',
  uyê: 'n t',
};
const RHYMES = new Set([
  ...OPEN_RHYMES.split(' '),
  ...Object.entries(CLOSED_RHYMES).flatMap(([nucleus, codas]) =>
    codas.split(' ').map((coda) => nucleus + coda),
  ),
]);

/** Initial consonants, longest first so that "ngh" is tried before "ng" and "n". */
const ONSETS = [
  'ngh',
  'ng',
  'nh',
  'ph',
  'th',
  'tr',
  'ch',
  'kh',
  'gh',
  'gi',
  'qu',
  ...'bcdđghklmnprstvx',
  '',
];

/** Tones: sắc, huyền, hỏi, ngã, nặng (as combining marks). */
const TONES = /[\u0300\u0301\u0303\u0309\u0323]/gu;

/** The same letters with every tone and vowel mark taken off, `đ` as `d`. */
function plain(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd');
}

/**
 * The rhymes without marks ("uyen", "uan"), for words written without diacritics: made on first
 * use, not when a procedure module loads.
 */
let plainRhymes: Set<string> | undefined;

/**
 * Whether an onset may stand before a rhyme, as Vietnamese spelling writes them: `k`, `gh` and
 * `ngh` before i, e, ê (and y); `c`, `g` and `ng` elsewhere.
 */
function spelled(onset: string, rhyme: string): boolean {
  const front = /^[ieêy]/.test(rhyme);
  if (onset === 'k' || onset === 'gh' || onset === 'ngh') return front;
  if (onset === 'c' || onset === 'ng') return !front;
  if (onset === 'g') return !/^[eê]/.test(rhyme);
  if (onset === 'gi') return !/^i/.test(rhyme);
  return true;
}

/**
 * Whether a lower-case word (NFC) is one Vietnamese syllable: an onset, a rhyme of the list and
 * at most one tone, where a rhyme ending in c, ch, p or t takes only sắc or nặng. With `marks`
 * false, the word is taken as written without diacritics ("nguyen"): it only has to be the
 * plain spelling of some syllable.
 */
function isSyllable(word: string, marks: boolean): boolean {
  const tones = word.normalize('NFD').match(TONES) ?? [];
  if (tones.length > 1) return false;
  const base = word.normalize('NFD').replace(TONES, '').normalize('NFC');
  const rhymes = marks ? RHYMES : (plainRhymes ??= new Set([...RHYMES].map(plain)));
  return ONSETS.some((onset) => {
    if (!base.startsWith(onset)) return false;
    const rhyme = base.slice(onset.length);
    if (!rhymes.has(rhyme) || !spelled(onset, rhyme)) return false;
    // A stopped syllable (ending in c, ch, p, t) takes only sắc or nặng: "hộc", not "hồc".
    return !/[cpt]h?$/.test(rhyme) || tones.every((tone) => /[\u0301\u0323]/u.test(tone));
  });
}

/** A word as Telex is typed: letters, a vowel, then at most one tone key with no vowel after it. */
const TELEX_WORD = /^[^aeiouyw]*[aeiouyw][^sfrxj]*(?:[sfrxj][^aeiouywsfrxj]*)?$/;

/**
 * One part of a name (a word, or one side of a hyphen) as it should be written, `undefined` when
 * it is not a Vietnamese syllable at all (an ethnic minority's name, a foreign name), and
 * whether it was read as Telex or VNI.
 */
function readPart(part: string): { text: string; typed: boolean } | undefined {
  if (/[^a-z0-9]/.test(part)) {
    // Already written with diacritics: kept, if it is a syllable.
    return isSyllable(part, true) ? { text: part, typed: false } : undefined;
  }
  // A word that is a syllable written without diacritics ("tran", "nguyen", or "xoong", which
  // Telex would make "xông") is left alone: the no-diacritics warning covers it.
  if (/^[a-z]+$/.test(part) && isSyllable(part, false)) return { text: part, typed: false };
  // Telex as people type it: at most one tone key, after the first vowel, with no vowel after it
  // ("nguyeenx", "nguyeexn"). Words like "lars" or "here" would read as syllables ("lá", "hể"),
  // but nobody types those that way.
  if (/^[a-z]+$/.test(part) && !TELEX_WORD.test(part)) return undefined;
  const read = telexToVietnamese(part);
  return read !== part && /[^a-z]/.test(read) && !/\d/.test(read) && isSyllable(read, true)
    ? { text: read, typed: true }
    : undefined;
}

/**
 * The name a citizen meant when they typed it with the input method switched off, in raw Telex
 * (`nguyeenx`, `ddinhf`, `thij`) or VNI (`nguye6n4`, `d9inh2`): each word read as those input
 * methods would have composed it, written with capitals as names are. `undefined` unless at
 * least one word was clearly typed that way.
 *
 * Conservative by design, since a wrong "correction" of a real name is worse than none: a word is
 * read only when, as typed, it cannot be a Vietnamese word without diacritics (it has a tone key
 * at its end, a doubled vowel, `w`, `dd` or a digit) and its reading is a valid Vietnamese
 * syllable with a mark. And every other word of the name must be a Vietnamese syllable too, with
 * or without diacritics; otherwise nothing is offered. So names of ethnic minorities ("H'Hen
 * Niê", "Ksor", "Y Moan") and real names without diacritics ("Nguyen Van An") are left alone.
 * Some foreign names still read as Telex ("Max" as "Mã"): the result is a suggestion for the
 * citizen to accept or not, never a change made for them.
 *
 * @example
 * convertTypedName('nguyeenx minh khang'); // 'Nguyễn Minh Khang'
 * convertTypedName('nguye6n4 minh khang'); // 'Nguyễn Minh Khang' (VNI)
 * convertTypedName('tran thij mai'); // 'Tran Thị Mai'
 * convertTypedName('Nguyen Van An'); // undefined
 * convertTypedName('Ksor H’Hen'); // undefined
 */
export function convertTypedName(value: string): string | undefined {
  const name = value.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (!/^[\p{L}\p{M}\d' -]+$/u.test(name)) return undefined;
  const capitals = name === name.toLocaleUpperCase('vi') && /\p{L}/u.test(name);
  let typed = false;
  const words: string[] = [];
  for (const word of name.toLocaleLowerCase('vi').split(' ')) {
    const parts: string[] = [];
    for (const part of word.split('-')) {
      const read = readPart(part);
      if (!read) return undefined;
      typed ||= read.typed;
      parts.push(
        capitals
          ? read.text.toLocaleUpperCase('vi')
          : read.text.charAt(0).toLocaleUpperCase('vi') + read.text.slice(1),
      );
    }
    words.push(parts.join('-'));
  }
  return typed ? words.join(' ') : undefined;
}
