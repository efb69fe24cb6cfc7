import type { FormatDefinition, FormatFailure } from '@motcua/core';
import { normalizePersonalId, personalId } from './personal-id.js';

/** The weights of N1…N9 in the check digit of a tax code. */
const WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3];

/**
 * Tidies a tax code: full-width digits become ASCII, spaces and dots go, and a 13-digit branch
 * code is written with its dash (`0100233488-001`), however it was separated.
 *
 * @example
 * normalizeTaxCode('0100 233 488 001'); // '0100233488-001'
 */
export function normalizeTaxCode(value: string): string {
  const compact = value.normalize('NFKC').replace(/[\s.]/g, '');
  const parts = /^(\d{10})[-–]?(\d{3})$/.exec(compact);
  return parts ? `${parts[1]}-${parts[2]}` : compact;
}

/**
 * Whether the tenth digit of a tax code is right: N10 = 10 − (Σ wᵢ·Nᵢ mod 11). A sum that leaves
 * no remainder would need a check digit of 10, so no valid code has one.
 *
 * @example
 * hasValidCheckDigit('0100233488'); // true
 */
export function hasValidCheckDigit(code: string): boolean {
  if (!/^\d{10}/.test(code)) return false;
  const sum = WEIGHTS.reduce((total, weight, i) => total + weight * Number(code[i]), 0);
  const check = 10 - (sum % 11);
  return check < 10 && check === Number(code[9]);
}

function validateTaxCode(value: string): true | FormatFailure {
  if (!/^\d{10}(-\d{3})?$/.test(value)) return { code: 'vn-tax-code' };
  return hasValidCheckDigit(value) ? true : { code: 'vn-tax-code.check-digit' };
}

/**
 * `vn-tax-code`: a tax code (mã số thuế) of 10 digits, or 13 for a branch (`0100233488-001`),
 * with its check digit. Codes: `vn-tax-code`, `vn-tax-code.check-digit`.
 */
export const taxCode: FormatDefinition = {
  // Digits alone: a branch's 13 digits are typed without the dash, which normalize adds.
  inputMode: 'numeric',
  normalize: normalizeTaxCode,
  validate: validateTaxCode,
};

/**
 * Makes the `vn-tax-code-or-id` format, checking 12-digit values with the given personal ID
 * format (so a pack with its own province codes uses them here too).
 *
 * @example
 * const format = createTaxCodeOrIdFormat(createPersonalIdFormat({ provinceCodes }));
 */
export function createTaxCodeOrIdFormat(idFormat: FormatDefinition = personalId): FormatDefinition {
  return {
    inputMode: 'numeric',
    normalize(value) {
      const id = normalizePersonalId(value);
      return /^\d{12}$/.test(id) ? id : normalizeTaxCode(value);
    },
    validate(value) {
      if (/^\d{12}$/.test(value)) return idFormat.validate(value);
      const verdict = validateTaxCode(value);
      return verdict !== true && verdict.code === 'vn-tax-code'
        ? { code: 'vn-tax-code-or-id' }
        : verdict;
    },
  };
}

/**
 * `vn-tax-code-or-id`: a tax code, or the 12-digit personal ID individuals now use as their tax
 * code. A 12-digit value is checked as a personal ID (and may warn about its province code).
 * Codes: `vn-tax-code-or-id` (neither), `vn-tax-code.check-digit`, and the personal ID's own.
 */
export const taxCodeOrId: FormatDefinition = /* @__PURE__ */ createTaxCodeOrIdFormat();
