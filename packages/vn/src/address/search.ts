import { fold, searchKeys } from '../text.js';
import { compareUnits, fullName, type AddressUnit } from './units.js';

/**
 * The search key of a unit name or a query: folded (no diacritics, `đ` as `d`, lower case), with
 * apostrophes dropped inside words, because people type "Ea H'Leo" as "ea hleo", and anything
 * else that is not a letter or digit (" - " in "Văn Miếu - Quốc Tử Giám") read as a space.
 */
export function unitKey(text: string): string {
  return fold(text)
    .replace(/['’ʼ]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A query's keys, as typed and as its Telex / VNI reading, without duplicates or empty ones. */
export function queryKeys(query: string): string[] {
  return [...new Set(searchKeys(query).map(unitKey))].filter((key) => key !== '');
}

/** A key without its spaces: what is left when someone types "tuongmai" for "tuong mai". */
const compact = (key: string) => key.replace(/ /g, '');

/**
 * Whether a query key, spaces ignored, is spelt out by a name key from the start of one of its
 * words on: "tuongmai" by "phuong tuong mai", "quoctugiam" by "van mieu quoc tu giam". People
 * on a phone or at a kiosk often leave the spaces out, or put them elsewhere ("tuo ngmai"); a
 * match that starts only where a word starts keeps "an" from finding every "Thanh".
 */
export function spelledFrom(query: string, name: string): boolean {
  const wanted = compact(query);
  const words = name.split(' ');
  return wanted !== '' && words.some((_, i) => words.slice(i).join('').startsWith(wanted));
}

const EXACT = 0;
const PREFIX = 1;
const WORD_PREFIX = 2;
const SPELLED_FROM_WORD = 3;

/** How well one query key fits a unit; undefined when it does not match at all. */
function rank(query: string, names: readonly string[]): number | undefined {
  const squeezed = compact(query);
  const whole = names.map(compact);
  if (whole.includes(squeezed)) return EXACT;
  if (whole.some((name) => name.startsWith(squeezed))) return PREFIX;
  const words = query.split(' ');
  const fits = (name: string) => {
    const targets = name.split(' ');
    return words.every((word) => targets.some((target) => target.startsWith(word)));
  };
  if (names.some(fits)) return WORD_PREFIX;
  return names.some((name) => spelledFrom(query, name)) ? SPELLED_FROM_WORD : undefined;
}

/**
 * The units whose name matches what was typed, best first: the whole name, then names that start
 * with the query, then names in which every word of the query starts a word ("giang 1" finds
 * "Hà Giang 1"), then names that spell the query out from one of their words on, spaces
 * ignored ("quoctugiam" finds "Văn Miếu - Quốc Tử Giám"). Spaces count for nothing in the first
 * two either: "tuongmai" finds Tương Mai as surely as "tuong mai" does. The name is matched with
 * and without its unit type ("phuong ben tre", "phuongbentre" and "ben tre" all find Phường Bến
 * Tre), ignoring diacritics, case and apostrophes; a query typed in raw Telex or VNI (the input
 * method off) is also read as the Vietnamese it stands for. Units that match equally well keep
 * Vietnamese alphabetical order. An empty query returns every unit.
 *
 * @example
 * const communes = await source.communes('66');
 * searchUnits(communes, 'ea hleo')[0]?.name; // "Ea H'Leo"
 * searchUnits(await source.communes('01'), 'tuongmai')[0]?.name; // "Tương Mai"
 */
export function searchUnits<T extends AddressUnit>(units: readonly T[], query: string): T[] {
  const keys = queryKeys(query);
  if (keys.length === 0) return [...units].sort(compareUnits);
  const ranked: { unit: T; rank: number }[] = [];
  for (const unit of units) {
    const names = [unitKey(unit.name), unitKey(fullName(unit))];
    let best: number | undefined;
    for (const key of keys) {
      const r = rank(key, names);
      if (r !== undefined && (best === undefined || r < best)) best = r;
    }
    if (best !== undefined) ranked.push({ unit, rank: best });
  }
  return ranked
    .sort((a, b) => a.rank - b.rank || compareUnits(a.unit, b.unit))
    .map(({ unit }) => unit);
}
