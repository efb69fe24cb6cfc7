/** A province (tỉnh) or a centrally-run city (thành phố trực thuộc trung ương). */
export type ProvinceType = 'tinh' | 'thanh-pho';

/** The units below a province since 1 July 2025, when districts were abolished. */
export type CommuneType = 'xa' | 'phuong' | 'dac-khu';

/** One of the 34 provinces and centrally-run cities. */
export interface Province {
  /** The two-digit statistical code, e.g. `'01'` for Hà Nội. */
  code: string;
  /** The proper name without the unit type, in NFC: `'Hà Nội'`, `'Đắk Lắk'`. */
  name: string;
  type: ProvinceType;
}

/** A commune, ward or special zone (xã, phường, đặc khu). */
export interface Commune {
  /** The five-digit statistical code, e.g. `'00694'`. */
  code: string;
  /** The proper name without the unit type, in NFC: `'Hà Giang 1'`, `"Ea H'Leo"`. */
  name: string;
  type: CommuneType;
  provinceCode: string;
}

/** A province or a commune: what {@link searchUnits} and {@link fullName} accept. */
export type AddressUnit = Province | Commune;

/** The unit type as written before a name on forms and in addresses. */
export const UNIT_TYPE_LABELS: Readonly<Record<ProvinceType | CommuneType, string>> = {
  tinh: 'Tỉnh',
  'thanh-pho': 'Thành phố',
  xa: 'Xã',
  phuong: 'Phường',
  'dac-khu': 'Đặc khu',
};

/**
 * The name as it is written in an address: the unit type, then the proper name.
 *
 * @example
 * fullName({ code: '00694', name: 'Hà Giang 1', type: 'phuong', provinceCode: '08' });
 * // 'Phường Hà Giang 1'
 */
export function fullName(unit: Pick<AddressUnit, 'name' | 'type'>): string {
  return `${UNIT_TYPE_LABELS[unit.type]} ${unit.name}`;
}

// numeric: "A Lưới 2" before "A Lưới 10"; otherwise the Vietnamese alphabet (a ă â b c d đ …).
const collator = new Intl.Collator('vi', { numeric: true });

/** Vietnamese alphabetical order by name, then by code so that the order is total. */
export function compareUnits(a: Pick<AddressUnit, 'name' | 'code'>, b: typeof a): number {
  return collator.compare(a.name, b.name) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}
