import type { FormatDefinition, FormatFailure } from '@motcua/core';

/**
 * Three-digit mobile prefixes that pass the pattern but that no network is believed to use, so a
 * number starting with one is probably mistyped. UNVERIFIED: no official numbering plan was
 * found. 052, 056, 058, 059, 087, 089 and 099 are assigned to networks (Vietnamobile, Gmobile,
 * Itelecom, MobiFone: DOMAIN-procedures.md §10, from 2024-era carrier tables), so they are not
 * here. It only warns, so a wrong entry cannot block anyone; pass your own to
 * {@link createPhoneFormat}.
 */
export const UNASSIGNED_MOBILE_PREFIXES: readonly string[] = ['071'];

const MOBILE = /^0[35789]\d{8}$/;
/** A landline: the 02x area code and an 8-digit subscriber number. */
const LANDLINE = /^02\d{9}$/;
/**
 * 12 digits from 0: the shape of a personal ID (its province code 001–096 comes first), typed
 * into the phone question by a citizen reading the wrong line of their card.
 */
const PERSONAL_ID = /^0\d{11}$/;

/**
 * Tidies a phone number as people write it: full-width digits become ASCII, spaces, dots, dashes
 * and parentheses go, and the country code (`+84`, `84`, `0084`) becomes the leading `0`.
 *
 * @example
 * normalizePhone('+84 912.345.678'); // '0912345678'
 */
export function normalizePhone(value: string): string {
  const compact = value.normalize('NFKC').replace(/[\s.\-()]/g, '');
  const national = /^(?:\+84|0084)(\d+)$/.exec(compact) ?? /^84(\d{9,10})$/.exec(compact);
  if (!national) return compact;
  const rest = national[1]!;
  // "+84 0912…" is a common way of writing it too: the 0 is not doubled.
  return rest.startsWith('0') ? rest : `0${rest}`;
}

/** Options of {@link createPhoneFormat}. */
export interface PhoneOptions {
  /** Mobile prefixes that warn; {@link UNASSIGNED_MOBILE_PREFIXES} by default. */
  unassignedPrefixes?: Iterable<string>;
}

/**
 * Makes the `vn-phone` format with its own list of unassigned prefixes.
 *
 * @example
 * const format = createPhoneFormat({ unassignedPrefixes: ['071'] });
 */
export function createPhoneFormat(options: PhoneOptions = {}): FormatDefinition {
  const unassigned = new Set(options.unassignedPrefixes ?? UNASSIGNED_MOBILE_PREFIXES);
  return {
    inputMode: 'tel',
    normalize: normalizePhone,
    validate(value): true | FormatFailure {
      if (LANDLINE.test(value)) return true;
      if (PERSONAL_ID.test(value)) return { code: 'vn-phone.personal-id' };
      if (!MOBILE.test(value)) return { code: 'vn-phone' };
      const prefix = value.slice(0, 3);
      if (unassigned.has(prefix)) {
        return { code: 'vn-phone.unassigned', params: { prefix }, severity: 'warning' };
      }
      return true;
    },
  };
}

/**
 * `vn-phone`: a Vietnamese mobile (10 digits, `03`, `05`, `07`, `08`, `09`) or landline (`02x` and
 * 8 digits) number, stored as `0…`. Codes: `vn-phone`, `vn-phone.personal-id` (12 digits: a
 * personal ID typed by mistake), and `vn-phone.unassigned` (a warning).
 */
export const phone: FormatDefinition = /* @__PURE__ */ createPhoneFormat();
