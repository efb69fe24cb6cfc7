export { ADDRESS_DATA_INFO } from './data-info.js';
export { addressCheckMessages, checkAddresses } from './check.js';
export type { AddressPlaceWithLabel, ElementAddressData } from './element-data.js';
export { createAddressData } from './element-data.js';
export type { AddressDataInfo } from './notice.js';
export { ADDRESS_DATA_NOTICE, addressDataDate, addressDataNotice } from './notice.js';
export { searchUnits, unitKey } from './search.js';
export type {
  AddressDataLoader,
  AddressSource,
  LegacyMatch,
  LegacyOptions,
  StaticAddressSourceOptions,
} from './source.js';
export { AddressDataError, createStaticAddressSource } from './source.js';
export type { AddressUnit, Commune, CommuneType, Province, ProvinceType } from './units.js';
export { UNIT_TYPE_LABELS, compareUnits, fullName } from './units.js';
