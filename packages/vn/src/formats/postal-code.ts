import type { FormatDefinition } from '@motcua/core';

/**
 * `vn-postal-code`: a Vietnamese postal code, 5 digits (spaces and full-width digits are
 * tidied). Code: `vn-postal-code`.
 */
export const postalCode: FormatDefinition = {
  inputMode: 'numeric',
  normalize: (value) => value.normalize('NFKC').replace(/\s+/g, ''),
  validate: (value) => /^\d{5}$/.test(value) || { code: 'vn-postal-code' },
};
