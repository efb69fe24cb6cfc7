import type { FormatDefinition, FormatFailure } from '@motcua/core';
import { convertTypedName } from '../typed-name.js';

/**
 * Tidies a name: NFC, single spaces, no spaces at the ends, and the typographic apostrophes
 * phones put in ("H’Hen", iOS smart punctuation) written as `'`.
 *
 * @example
 * normalizePersonName('  Nguyễn   Thị  Mai '); // 'Nguyễn Thị Mai'
 */
export function normalizePersonName(value: string): string {
  return value.normalize('NFC').replace(/[’ʼ‘]/g, "'").replace(/\s+/g, ' ').trim();
}

/**
 * A name as paper forms print it: capital letters with every diacritic kept.
 *
 * @example
 * toUpperName('nguyễn thị mai'); // 'NGUYỄN THỊ MAI'
 */
export function toUpperName(name: string): string {
  return normalizePersonName(name).toLocaleUpperCase('vi');
}

/**
 * `vn-person-name`: a name (họ, chữ đệm, tên) of letters, spaces, `'` and `-` (names of some
 * ethnic groups have them, e.g. "H'Hen Niê"). A name with no diacritic at all is accepted with a
 * warning, because most Vietnamese names have some and a name typed without them will not
 * match the papers; names that truly have none can go on.
 *
 * Many citizens type with the input method switched off, so "Nguyễn" arrives as raw Telex
 * (`nguyeenx`) or VNI (`nguye6n4`). Such a name gets `vn-person-name.typed` with
 * `params.suggestion`, the name as meant ({@link convertTypedName}), which the form offers to
 * put in with one tap: a warning for Telex (the citizen may still go on), an error for VNI,
 * whose digits a name cannot have.
 *
 * Codes: `vn-person-name`, `vn-person-name.typed` (a warning, or an error with digits),
 * `vn-person-name.no-diacritics` (a warning).
 */
export const personName: FormatDefinition = {
  normalize: normalizePersonName,
  validate(value): true | FormatFailure {
    // Before the other checks: VNI's digits would be rejected and Telex's plain letters only
    // warned about, without the name the citizen meant.
    const suggestion = convertTypedName(value);
    if (suggestion !== undefined && suggestion !== value) {
      return {
        code: 'vn-person-name.typed',
        params: { suggestion },
        severity: /\d/.test(value) ? 'error' : 'warning',
      };
    }
    if (!/^[\p{L}\p{M}' -]+$/u.test(value) || !/\p{L}/u.test(value)) {
      return { code: 'vn-person-name' };
    }
    if (/^[A-Za-z' -]+$/.test(value)) {
      return { code: 'vn-person-name.no-diacritics', severity: 'warning' };
    }
    return true;
  },
};
