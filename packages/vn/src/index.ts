export { compareVi, fold, matches, searchKeys, telexToVietnamese, toNfc } from './text.js';
export type {
  DecodedPersonalId,
  PersonalIdMatchOperand,
  PersonalIdOptions,
} from './formats/personal-id.js';
export {
  PROVINCE_CODES,
  createPersonalIdFormat,
  decodePersonalId,
  normalizePersonalId,
  personalId,
  vnPersonalIdMatches,
} from './formats/personal-id.js';
export type { PhoneOptions } from './formats/phone.js';
export {
  UNASSIGNED_MOBILE_PREFIXES,
  createPhoneFormat,
  normalizePhone,
  phone,
} from './formats/phone.js';
export {
  createTaxCodeOrIdFormat,
  hasValidCheckDigit,
  normalizeTaxCode,
  taxCode,
  taxCodeOrId,
} from './formats/tax-code.js';
export { postalCode } from './formats/postal-code.js';
export { normalizePersonName, personName, toUpperName } from './formats/person-name.js';
export { convertTypedName } from './typed-name.js';
export { dateText, isDateText } from './formats/date.js';
export { messages } from './messages.js';
export type { VnPackOptions } from './pack.js';
export { createPack, pack } from './pack.js';
export type { CardQrData, CardQrFailureCode, CardQrResult } from './cccd.js';
export { cardQrMessages, cardQrMismatch, parseCardQr } from './cccd.js';
