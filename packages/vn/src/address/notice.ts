import { ADDRESS_DATA_INFO } from './data-info.js';

/** What the notice names: the list, its version and the date it is current as of. */
export interface AddressDataInfo {
  readonly source?: string;
  readonly version: string;
  /** `YYYY-MM-DD`. */
  readonly date: string;
}

/**
 * The date a unit list is current as of, written dd/mm/yyyy as on Vietnamese forms.
 *
 * @example
 * addressDataDate({ date: '2025-07-15' }); // '15/07/2025'
 */
export function addressDataDate(info: Pick<AddressDataInfo, 'date'>): string {
  const [year, month, day] = info.date.split('-');
  return year && month && day ? `${day}/${month}/${year}` : info.date;
}

/**
 * The line a page shows under address fields, so citizens and volunteers can tell how current the
 * unit list is (units keep being renamed and merged). Only the date: a citizen has no use for the
 * name and version of the package the list came from, and a volunteer finds them in the data
 * files. In Vietnamese unless `locale` is `'en'`.
 *
 * @example
 * addressDataNotice({ version: '1.0.0', date: '2025-07-15' });
 * // 'Danh mục đơn vị hành chính cập nhật 15/07/2025'
 */
export function addressDataNotice(
  info: Pick<AddressDataInfo, 'date'>,
  locale: 'vi' | 'en' = 'vi',
): string {
  const date = addressDataDate(info);
  return locale === 'en'
    ? `List of administrative units updated ${date}`
    : `Danh mục đơn vị hành chính cập nhật ${date}`;
}

/** The notice for the unit list this package ships in packages/vn/data. */
export const ADDRESS_DATA_NOTICE: string = addressDataNotice(ADDRESS_DATA_INFO);
