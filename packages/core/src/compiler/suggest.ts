/**
 * Words longer than this get no suggestion: a name of hundreds of characters is not a typo of a
 * real one, and measuring it against every candidate would make a hostile definition slow.
 */
export const MAX_SUGGESTED_LENGTH = 64;

/** Candidates compared at most, so a huge list cannot make one suggestion slow. */
export const MAX_CANDIDATES = 5000;

/**
 * The candidate closest to a misspelt word, for "did you mean" hints, or `undefined` when none
 * is close enough to be a likely typo. Case is ignored when measuring, so `childname` finds
 * `childName`; a swap of two neighbouring letters counts as one edit, so `lable` finds `label`.
 *
 * Bounded: a word over {@link MAX_SUGGESTED_LENGTH} characters gets none, a candidate whose
 * length differs by more than the edits allowed is skipped without measuring, and measuring
 * stops as soon as the distance exceeds what is allowed.
 *
 * @example
 * closest('dat', ['text', 'date', 'year']); // 'date'
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  if (word.length > MAX_SUGGESTED_LENGTH) return undefined;
  const lowered = word.toLowerCase();
  // A third of the word's length: long ids tolerate a few slips, short ones only one.
  const limit = Math.max(1, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  let compared = 0;
  for (const candidate of candidates) {
    if (compared++ >= MAX_CANDIDATES) break;
    if (candidate === word || Math.abs(candidate.length - word.length) > limit) continue;
    const within = Math.min(limit, bestDistance - 1, candidate.length - 1);
    if (within < 0) continue;
    const distance = editDistance(lowered, candidate.toLowerCase(), within);
    if (distance <= within) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** ` (did you mean "x"?)` when a candidate is close, otherwise an empty string. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const suggestion = closest(word, candidates);
  return suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`;
}

/**
 * Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
 * neighbouring characters each cost one. With `max`, stops as soon as the distance is known to
 * exceed it and returns `max + 1`: the work is then about `a.length × (2 × max + 1)`.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const cols = b.length + 1;
  // Three rows (the one before the previous is needed for swaps); cells outside the band
  // |i - j| <= max can never be within max, so they stay "too far".
  const far = Number.isFinite(max) ? max + 1 : a.length + b.length + 1;
  let before = new Array<number>(cols).fill(far);
  let previous = Array.from({ length: cols }, (_, j) => Math.min(j, far));
  let current = new Array<number>(cols).fill(far);
  for (let i = 1; i <= a.length; i++) {
    const from = Number.isFinite(max) ? Math.max(1, i - max) : 1;
    const to = Number.isFinite(max) ? Math.min(b.length, i + max) : b.length;
    current.fill(far);
    current[0] = Math.min(i, far);
    let rowBest = current[0];
    for (let j = from; j <= to; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, before[j - 2]! + 1);
      }
      current[j] = Math.min(value, far);
      rowBest = Math.min(rowBest, current[j]!);
    }
    if (rowBest > max) return max + 1;
    [before, previous, current] = [previous, current, before];
  }
  return Math.min(previous[b.length]!, far);
}
