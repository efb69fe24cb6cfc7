import { decodePersonalId } from './formats/personal-id.js';
import { normalizePersonName } from './formats/person-name.js';
import { fold } from './text.js';

/**
 * What the QR code of a chip-based Căn cước công dân (2021) or Căn cước (2024) card says about its
 * holder, ready to put in a form: dates in ISO `YYYY-MM-DD`, sex as definitions spell it, text
 * in NFC.
 */
export interface CardQrData {
  /** The 12-digit personal ID (số định danh cá nhân). */
  personalId: string;
  /** The old 9-digit identity card (CMND) number, when the card carries one. */
  oldId?: string;
  /** Full name as printed (NFC, single spaces), as the `vn-person-name` format takes it. */
  fullName: string;
  dateOfBirth: string;
  sex: 'male' | 'female';
  /** Place of permanent residence (nơi thường trú / nơi cư trú) as one line of text. */
  residence?: string;
  /** Date of issue, when the code carries one. */
  issueDate?: string;
}

/**
 * Why a scanned text is not a card's QR code, or could not be read whole:
 * `empty`, `too-long` (not a card: a card's code is a few hundred characters), `not-card` (not
 * the card's `|`-separated layout), `personal-id`, `name`, `date-of-birth`, `sex`,
 * `issue-date`.
 */
export type CardQrFailureCode =
  | 'empty'
  | 'too-long'
  | 'not-card'
  | 'personal-id'
  | 'name'
  | 'date-of-birth'
  | 'sex'
  | 'issue-date';

/**
 * The outcome of {@link parseCardQr}: the card's data, or why not with what to do. A card whose
 * personal ID's century/sex digit or year disagrees with its date of birth or sex is read, with
 * `warning` (code `mismatch`): a QR code's error correction makes a misread digit unlikely, and
 * records with such IDs exist, so the citizen must be able to go on, as the
 * `vnPersonalIdMatches` rule lets them.
 */
export type CardQrResult =
  | {
      ok: true;
      card: CardQrData;
      warning?: { code: 'mismatch'; message: { vi: string; en: string } };
    }
  | { ok: false; code: CardQrFailureCode; message: { vi: string; en: string } };

/** The warning of a card whose ID disagrees with its date of birth or sex. */
export const cardQrMismatch = {
  vi: 'Số định danh trên thẻ không khớp với năm sinh hoặc giới tính trên thẻ. Sau khi điền, hãy kiểm tra lại từng câu; nếu thẻ đúng như vậy, bạn vẫn có thể tiếp tục.',
  en: 'The personal ID on the card does not match the year of birth or sex on the card. Once filled in, check each answer; if the card really says so, you can still go on.',
};

/** Longer than any card's code (about 150–300 characters) by far: not read further. */
const MAX_LENGTH = 2000;

const AGAIN_VI =
  'Hãy lau sạch mã QR, giữ thẻ thẳng trước máy quét và quét lại. Nếu vẫn không được, bấm “Không dùng thẻ” và tự nhập.';
const AGAIN_EN =
  'Wipe the QR code clean, hold the card flat in front of the scanner and scan it again. If it still fails, press “Do not use the card” and type your details.';
const WHERE_VI =
  'Hãy quét lại mã QR trên thẻ Căn cước: ở mặt sau với thẻ Căn cước mới, ở góc trên bên phải mặt trước với thẻ Căn cước công dân gắn chip.';
const WHERE_EN =
  'Scan the QR code on your card again: it is on the back of the new Identity card (from 2024), and at the top right of the front of a chip-based Citizen Identity card (CCCD).';

/**
 * The message of each failure code, in vi and en: what went wrong in plain words, then what to do.
 */
export const cardQrMessages: { readonly [code in CardQrFailureCode]: { vi: string; en: string } } =
  {
    empty: {
      vi: `Chưa nhận được mã nào. ${WHERE_VI}`,
      en: `No code was received. ${WHERE_EN}`,
    },
    'too-long': {
      vi: `Mã vừa quét không phải mã của thẻ Căn cước. ${WHERE_VI}`,
      en: `The code scanned is not a Citizen Identity card's. ${WHERE_EN}`,
    },
    'not-card': {
      vi: `Mã vừa quét không phải mã của thẻ Căn cước. ${WHERE_VI}`,
      en: `The code scanned is not a Citizen Identity card's. ${WHERE_EN}`,
    },
    'personal-id': {
      vi: `Không đọc được đủ 12 chữ số của số định danh cá nhân. ${AGAIN_VI}`,
      en: `The 12 digits of the personal ID could not be read. ${AGAIN_EN}`,
    },
    name: {
      vi: `Không đọc được họ và tên trên thẻ. ${AGAIN_VI}`,
      en: `The full name on the card could not be read. ${AGAIN_EN}`,
    },
    'date-of-birth': {
      vi: `Không đọc được ngày sinh trên thẻ. ${AGAIN_VI}`,
      en: `The date of birth on the card could not be read. ${AGAIN_EN}`,
    },
    sex: {
      vi: `Không đọc được giới tính trên thẻ. ${AGAIN_VI}`,
      en: `The sex on the card could not be read. ${AGAIN_EN}`,
    },
    'issue-date': {
      vi: `Không đọc được ngày cấp thẻ. ${AGAIN_VI}`,
      en: `The card's date of issue could not be read. ${AGAIN_EN}`,
    },
  };

function fail(code: CardQrFailureCode): CardQrResult {
  return { ok: false, code, message: cardQrMessages[code] };
}

/** `ddmmyyyy` as ISO, when it is a real day of 1900–2199; otherwise `undefined`. */
function isoDate(part: string): string | undefined {
  const match = /^(\d{2})(\d{2})(\d{4})$/.exec(part);
  if (!match) return undefined;
  const [, dd, mm, yyyy] = match as unknown as [string, string, string, string];
  const day = Number(dd);
  const month = Number(mm);
  const year = Number(yyyy);
  if (year < 1900 || year > 2199 || month < 1 || month > 12 || day < 1) return undefined;
  // Day 0 of the next month is this month's last day (UTC: no time zone shifts it).
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return undefined;
  return `${yyyy}-${mm}-${dd}`;
}

/** `Nam` / `Nữ` (with or without the diacritic, in any case) as definitions spell sex. */
function sexOf(part: string): 'male' | 'female' | undefined {
  const word = fold(part);
  if (word === 'nam' || word === 'male') return 'male';
  if (word === 'nu' || word === 'female') return 'female';
  return undefined;
}

const PERSONAL_ID = /^\d{12}$/;
const OLD_ID = /^(\d{9}|\d{12})$/;
const NAME = /^[\p{L}\p{M}' -]+$/u;

/**
 * Reads the QR code of a chip-based Căn cước công dân (2021) or Căn cước (2024) card:
 * `số định danh|số CMND cũ|Họ và tên|ddmmyyyy|Nam/Nữ|Nơi thường trú|ddmmyyyy (ngày cấp)`, the
 * old number possibly empty. C06 publishes no specification and the 2024 card's layout is not
 * confirmed, so the reading is defensive: it finds the date of birth and sex (an 8-digit date
 * followed by Nam/Nữ) and reads the other parts around them, so a layout with no old-number part
 * (6 parts), or with parts added at the end, reads too. It checks every part it keeps (a real
 * calendar day, 12 digits, a name of letters) and that the ID's century/sex digit and year agree
 * with the date of birth and sex; a scanner's CR/LF, spaces and a BOM are ignored.
 *
 * Nothing is logged or kept: the caller decides what to do with the result, and should keep the
 * raw text no longer than the parse.
 *
 * @example
 * parseCardQr('001090123456|012345678|Nguyễn Văn An|01011990|Nam|12 Hàng Bài, Hoàn Kiếm, Hà Nội|15042021');
 * // { ok: true, card: { personalId: '001090123456', oldId: '012345678', fullName: 'Nguyễn Văn An',
 * //   dateOfBirth: '1990-01-01', sex: 'male', residence: '12 Hàng Bài, Hoàn Kiếm, Hà Nội',
 * //   issueDate: '2021-04-15' } }
 */
export function parseCardQr(text: unknown): CardQrResult {
  if (typeof text !== 'string') return fail('empty');
  if (text.length > MAX_LENGTH) return fail('too-long');
  // Keyboard-wedge scanners end with CR, LF or both, and some put a BOM before the text.
  const clean = text
    .replace(/^\uFEFF/, '')
    .normalize('NFC')
    .trim();
  if (clean === '') return fail('empty');
  const parts = clean.split('|').map((part) => part.replace(/\s+/g, ' ').trim());
  if (parts.length < 6) return fail('not-card');
  // The date of birth and sex anchor the layout: an 8-digit part followed by Nam/Nữ, after the ID
  // and the name (and the old number, when there is that part).
  let at = -1;
  for (let i = 2; i <= 3 && i + 2 < parts.length; i++) {
    if (/^\d{8}$/.test(parts[i]!) && sexOf(parts[i + 1]!)) {
      at = i;
      break;
    }
  }
  if (at === -1) {
    // The layout is the card's when the ID opens it: say which part is unreadable.
    if (!PERSONAL_ID.test(parts[0]!)) return fail('not-card');
    const dob = [parts[3]!, parts[2]!].find((part) => /^\d{8}$/.test(part));
    return fail(dob === undefined ? 'not-card' : isoDate(dob) ? 'sex' : 'date-of-birth');
  }
  const personalId = parts[0]!.replace(/[\s.-]/g, '');
  if (!PERSONAL_ID.test(personalId)) return fail('personal-id');
  const oldPart = at === 3 ? parts[1]!.replace(/\s/g, '') : '';
  const fullName = normalizePersonName(parts[at - 1]!);
  if (!NAME.test(fullName) || !/\p{L}/u.test(fullName)) return fail('name');
  const dateOfBirth = isoDate(parts[at]!);
  if (!dateOfBirth) return fail('date-of-birth');
  const sex = sexOf(parts[at + 1]!)!;
  const residence = parts[at + 2] ?? '';
  const issuePart = parts[at + 3] ?? '';
  const issueDate = issuePart === '' ? undefined : isoDate(issuePart);
  if (issuePart !== '' && (!issueDate || issueDate < dateOfBirth)) return fail('issue-date');
  const card: CardQrData = { personalId, fullName, dateOfBirth, sex };
  // An old number that is not one (a misread, or a field this layout does not have) is left
  // out rather than failing the scan: no form needs it.
  if (OLD_ID.test(oldPart)) card.oldId = oldPart;
  if (residence !== '') card.residence = residence;
  if (issueDate) card.issueDate = issueDate;
  const decoded = decodePersonalId(personalId)!;
  if (decoded.sex !== sex || decoded.birthYear !== Number(dateOfBirth.slice(0, 4))) {
    return { ok: true, card, warning: { code: 'mismatch', message: cardQrMismatch } };
  }
  return { ok: true, card };
}
