import { addressDataDate, addressDataNotice } from './notice.js';
import { searchUnits } from './search.js';
import { type AddressSource, createStaticAddressSource } from './source.js';
import { type AddressUnit, fullName } from './units.js';

/**
 * A province or commune as `<motcua-procedure>`'s address field shows it, with `label`, its full
 * name with its type: "Phường Hoàng Mai", "Thành phố Hà Nội".
 */
export type AddressPlaceWithLabel = AddressUnit & { label: string };

/**
 * Vietnam's places in the shape `<motcua-procedure>`'s `addressData` property takes (the
 * element's `AddressData`): provinces and communes with their full names, search without
 * diacritics or by Telex, the data notice, and old (pre-2025) units leading to the new ones.
 */
export interface ElementAddressData {
  provinces(): Promise<AddressPlaceWithLabel[]>;
  communes(provinceCode: string): Promise<AddressPlaceWithLabel[]>;
  search(places: readonly AddressPlaceWithLabel[], query: string): AddressPlaceWithLabel[];
  /** The data notice in Vietnamese: "Danh mục đơn vị hành chính cập nhật 15/07/2025". */
  notice: string;
  /**
   * The date the unit list is current as of, dd/mm/yyyy: the element words the notice around it
   * in the page's language ("List of administrative units updated 15/07/2025").
   */
  updated: string;
  formerly(
    query: string,
    provinceCode: string,
  ): Promise<(AddressPlaceWithLabel & { formerly: string })[]>;
}

const withLabel = (unit: AddressUnit): AddressPlaceWithLabel => ({
  ...unit,
  label: fullName(unit),
});

/**
 * Connects the Vietnam address data to `<motcua-procedure>`: give it where the data files are,
 * and set the result as the element's `addressData`. Each file is fetched once, when first
 * needed (one province's communes at a time).
 *
 * @example
 * const form = document.querySelector('motcua-procedure');
 * form.addressData = createAddressData({
 *   load: async (path) => (await fetch(`/vn-data/${path}`)).json(),
 * });
 */
export function createAddressData(
  options: { load: (path: string) => Promise<unknown> } | { source: AddressSource },
): ElementAddressData {
  const source = 'source' in options ? options.source : createStaticAddressSource(options);
  return {
    provinces: async () => (await source.provinces()).map(withLabel),
    communes: async (code) => (await source.communes(code)).map(withLabel),
    search: (places, query) => searchUnits(places, query),
    notice: addressDataNotice(source),
    updated: addressDataDate(source),
    formerly: async (query, provinceCode) =>
      source.legacy
        ? (await source.legacy(query, { provinceCode, limit: 5 })).map((match) => ({
            ...withLabel(match.commune),
            formerly: `${match.oldCommune}, ${match.oldDistrict}`,
          }))
        : [],
  };
}
