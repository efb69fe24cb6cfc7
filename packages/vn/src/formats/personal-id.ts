import type { FormatDefinition, FormatFailure, OperatorDefinition } from '@motcua/core';

/**
 * The province codes that open a personal ID: the province where the birth was registered, in
 * the numbering of the 63 provinces before the July 2025 merger (Thông tư 07/2016/TT-BCA, kept
 * by Thông tư 59/2021/TT-BCA; the codes are those of the national list of administrative units,
 * zero-padded to three digits). Compiled from secondary sources and not yet checked against the
 * circular itself: verify before relying on it. An unknown code only warns, so a missing entry
 * cannot block a citizen.
 */
export const PROVINCE_CODES: { readonly [code: string]: string } = {
  '001': 'Hà Nội',
  '002': 'Hà Giang',
  '004': 'Cao Bằng',
  '006': 'Bắc Kạn',
  '008': 'Tuyên Quang',
  '010': 'Lào Cai',
  '011': 'Điện Biên',
  '012': 'Lai Châu',
  '014': 'Sơn La',
  '015': 'Yên Bái',
  '017': 'Hòa Bình',
  '019': 'Thái Nguyên',
  '020': 'Lạng Sơn',
  '022': 'Quảng Ninh',
  '024': 'Bắc Giang',
  '025': 'Phú Thọ',
  '026': 'Vĩnh Phúc',
  '027': 'Bắc Ninh',
  '030': 'Hải Dương',
  '031': 'Hải Phòng',
  '033': 'Hưng Yên',
  '034': 'Thái Bình',
  '035': 'Hà Nam',
  '036': 'Nam Định',
  '037': 'Ninh Bình',
  '038': 'Thanh Hóa',
  '040': 'Nghệ An',
  '042': 'Hà Tĩnh',
  '044': 'Quảng Bình',
  '045': 'Quảng Trị',
  '046': 'Thừa Thiên Huế',
  '048': 'Đà Nẵng',
  '049': 'Quảng Nam',
  '051': 'Quảng Ngãi',
  '052': 'Bình Định',
  '054': 'Phú Yên',
  '056': 'Khánh Hòa',
  '058': 'Ninh Thuận',
  '060': 'Bình Thuận',
  '062': 'Kon Tum',
  '064': 'Gia Lai',
  '066': 'Đắk Lắk',
  '067': 'Đắk Nông',
  '068': 'Lâm Đồng',
  '070': 'Bình Phước',
  '072': 'Tây Ninh',
  '074': 'Bình Dương',
  '075': 'Đồng Nai',
  '077': 'Bà Rịa - Vũng Tàu',
  '079': 'Hồ Chí Minh',
  '080': 'Long An',
  '082': 'Tiền Giang',
  '083': 'Bến Tre',
  '084': 'Trà Vinh',
  '086': 'Vĩnh Long',
  '087': 'Đồng Tháp',
  '089': 'An Giang',
  '091': 'Kiên Giang',
  '092': 'Cần Thơ',
  '093': 'Hậu Giang',
  '094': 'Sóc Trăng',
  '095': 'Bạc Liêu',
  '096': 'Cà Mau',
};

/** What a personal ID says about its holder. */
export interface DecodedPersonalId {
  /** The three-digit code of the province of birth registration, e.g. `037`. */
  provinceCode: string;
  /** The fourth digit: century and sex together (0/1 = 1900s, 2/3 = 2000s, …; even = male). */
  centuryDigit: number;
  sex: 'male' | 'female';
  birthYear: number;
}

/**
 * Tidies a personal ID as people type or copy it: full-width digits become ASCII (NFKC), and the
 * spaces, dots and dashes people group digits with are removed.
 */
export function normalizePersonalId(value: string): string {
  return value.normalize('NFKC').replace(/[\s.-]/g, '');
}

/**
 * Reads the province, sex and birth year out of a 12-digit personal ID (`PPP G YY RRRRRR`; there
 * is no check digit). Returns `undefined` for anything that is not 12 digits once tidied.
 *
 * @example
 * decodePersonalId('037153000257');
 * // { provinceCode: '037', centuryDigit: 1, sex: 'female', birthYear: 1953 }
 */
export function decodePersonalId(value: string): DecodedPersonalId | undefined {
  const id = normalizePersonalId(value);
  if (!/^\d{12}$/.test(id)) return undefined;
  const centuryDigit = Number(id[3]);
  return {
    provinceCode: id.slice(0, 3),
    centuryDigit,
    sex: centuryDigit % 2 === 0 ? 'male' : 'female',
    birthYear: 1900 + 100 * Math.floor(centuryDigit / 2) + Number(id.slice(4, 6)),
  };
}

/** Options of {@link createPersonalIdFormat}. */
export interface PersonalIdOptions {
  /** The province codes that do not warn; {@link PROVINCE_CODES} by default. */
  provinceCodes?: Iterable<string>;
}

/**
 * Makes the `vn-personal-id` format with its own list of known province codes, for when the
 * list must change before this package does.
 *
 * @example
 * const format = createPersonalIdFormat({ provinceCodes: [...Object.keys(PROVINCE_CODES), '097'] });
 */
export function createPersonalIdFormat(options: PersonalIdOptions = {}): FormatDefinition {
  const known = new Set(options.provinceCodes ?? Object.keys(PROVINCE_CODES));
  return {
    inputMode: 'numeric',
    normalize: normalizePersonalId,
    validate(value): true | FormatFailure {
      // An old identity card (CMND) number is another document, not a shorter form of this one.
      if (/^\d{9}$/.test(value)) return { code: 'vn-personal-id.cmnd' };
      const decoded = decodePersonalId(value);
      if (!decoded) return { code: 'vn-personal-id' };
      if (!known.has(decoded.provinceCode)) {
        return {
          code: 'vn-personal-id.province',
          params: { province: decoded.provinceCode },
          severity: 'warning',
        };
      }
      return true;
    },
  };
}

/**
 * `vn-personal-id`: the 12-digit personal ID (số định danh cá nhân) printed on the Căn cước card.
 * Codes: `vn-personal-id` (not 12 digits), `vn-personal-id.cmnd` (a 9-digit old card number),
 * `vn-personal-id.province` (a warning: a province code not in {@link PROVINCE_CODES}).
 */
export const personalId: FormatDefinition = /* @__PURE__ */ createPersonalIdFormat();

/** The operand of {@link vnPersonalIdMatches}: the fields to check the ID against. */
export interface PersonalIdMatchOperand {
  /** A `date` field with the date of birth. */
  birthDate?: string;
  /** A `year` field with the year of birth (for forms that ask only the year). */
  birthYear?: string;
  /** A field with the holder's sex. */
  sex?: string;
  /** The value of the `sex` field that means male (default `male`). */
  male?: string;
  /** The value of the `sex` field that means female (default `female`). */
  female?: string;
}

function operandOf(operand: unknown): PersonalIdMatchOperand {
  return operand !== null && typeof operand === 'object' ? (operand as PersonalIdMatchOperand) : {};
}

function yearOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const match = /^(\d{4})(-\d{2}-\d{2})?$/.exec(value.trim());
  return match ? Number(match[1]) : undefined;
}

/**
 * The condition operator `vnPersonalIdMatches`: holds when the century/sex digit and the year in
 * a personal ID agree with the date (or year) of birth and sex entered elsewhere. Anything it
 * needs that is missing or invalid makes it hold, so it never adds a second message to a field
 * that already has its own. Use it in a rule with `"severity": "warning"`: records do contain
 * IDs whose digits disagree with the card holder's details, and the citizen must be able to go on.
 *
 * @example
 * { "id": "id-matches-birth", "severity": "warning", "fields": ["personalId"],
 *   "assert": { "field": "personalId",
 *               "vnPersonalIdMatches": { "birthDate": "dob", "sex": "sex", "male": "nam", "female": "nu" } },
 *   "message": "Số định danh không khớp với ngày sinh hoặc giới tính. Hãy kiểm tra lại." }
 */
export const vnPersonalIdMatches: OperatorDefinition = {
  evaluate(value, operand, read) {
    if (typeof value !== 'string') return true;
    const decoded = decodePersonalId(value);
    if (!decoded) return true;
    const fields = operandOf(operand);
    for (const yearField of [fields.birthDate, fields.birthYear]) {
      if (typeof yearField !== 'string') continue;
      const year = yearOf(read(yearField));
      if (year !== undefined && year !== decoded.birthYear) return false;
    }
    if (fields.sex !== undefined) {
      const sex = read(fields.sex);
      const male = fields.male ?? 'male';
      const female = fields.female ?? 'female';
      if (sex === male && decoded.sex !== 'male') return false;
      if (sex === female && decoded.sex !== 'female') return false;
    }
    return true;
  },
  fields(operand) {
    const { birthDate, birthYear, sex } = operandOf(operand);
    return [birthDate, birthYear, sex].filter((id): id is string => typeof id === 'string');
  },
};
