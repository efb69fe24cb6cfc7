/**
 * What a page needs of `@motcua/vn/address`, built into `dist/browser/address.js` beside the
 * runtime bundle: the data source and `createAddressData` for `<motcua-procedure>`, and the
 * Vietnamese search (folding, Telex and VNI) that the kiosk's finder uses. Not the server's
 * `checkAddresses`, which a page never runs.
 *
 * @module
 */
export { ADDRESS_DATA_INFO } from './data-info.js';
export { fold, matches, searchKeys, telexToVietnamese } from '../text.js';
export { createAddressData } from './element-data.js';
export { ADDRESS_DATA_NOTICE, addressDataDate, addressDataNotice } from './notice.js';
export { searchUnits, unitKey } from './search.js';
export { AddressDataError, createStaticAddressSource } from './source.js';
export { UNIT_TYPE_LABELS, compareUnits, fullName } from './units.js';
