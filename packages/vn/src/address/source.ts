import { MotcuaError } from '@motcua/core';
import { ADDRESS_DATA_INFO } from './data-info.js';
import { queryKeys, spelledFrom, unitKey } from './search.js';
import { compareUnits, type Commune, type CommuneType, type Province } from './units.js';

/** An address written before 1 July 2025 (province → district → commune) and where it is now. */
export interface LegacyMatch {
  /** The old commune, ward or township with its type, as on old papers: `'Phường 12'`. */
  oldCommune: string;
  /** The abolished district: `'Quận Gò Vấp'`. */
  oldDistrict: string;
  /** The province before the 2025 mergers: `'Tỉnh Hà Giang'`. */
  oldProvince: string;
  /** The old five-digit code, where the data has it. */
  oldCode?: string;
  /**
   * The commune the old one became part of. An old unit split between several new ones has one
   * match for each.
   */
  commune: Commune;
}

export interface LegacyOptions {
  /**
   * Search only the old units that are now in this province. Without it the province is read
   * from the end of the query ("…, Tỉnh Bến Tre" loads Vĩnh Long's file only); when the query
   * names none, the old units of every province are loaded (all 34 files: about 950 kB, 130 kB
   * gzipped, with the 1.0.0 data), so a page that knows the province should pass it.
   */
  provinceCode?: string;
  /** At most this many matches, best first; 20 by default. */
  limit?: number;
}

/**
 * Where a page gets provinces and communes from. The unit list keeps changing, so pages depend on
 * this interface, and a newer list (or a server-backed one) is another implementation of it.
 */
export interface AddressSource {
  /** The version of the unit list; {@link addressDataNotice} shows only its date. */
  readonly version: string;
  /** The date the list is current as of, `YYYY-MM-DD`: what the notice under the field shows. */
  readonly date: string;
  /** Where the list comes from, as the data files name it. */
  readonly source?: string;
  /** Every province and centrally-run city, in Vietnamese alphabetical order. */
  provinces(): Promise<Province[]>;
  /** The communes of one province, in Vietnamese alphabetical order. */
  communes(provinceCode: string): Promise<Commune[]>;
  /** Finds where an old (pre-2025, three-level) address is now; absent when the data has no map. */
  legacy?(query: string, options?: LegacyOptions): Promise<LegacyMatch[]>;
}

/** Loads one data file by its path relative to the data folder, e.g. `communes/01.json`. */
export type AddressDataLoader = (path: string) => Promise<unknown>;

export interface StaticAddressSourceOptions {
  /**
   * Reads a file of packages/vn/data: `provinces.json`, `communes/<provinceCode>.json`,
   * `legacy/index.json`, `legacy/<provinceCode>.json`. A page passes a `fetch`- or
   * `import()`-based loader, Node a file-system one.
   */
  load: AddressDataLoader;
  /**
   * The data version the page was built for; a file of another version is refused, so a cached
   * old file cannot mix with a new one. By default the version this package ships.
   */
  version?: string;
  /** By default the date of the data this package ships. */
  date?: string;
  /** By default the name of the list this package ships. */
  source?: string;
}

/**
 * Thrown when an address data file is missing, malformed or of another version, and when a
 * province code is malformed. The message names the file and the fix.
 */
export class AddressDataError extends MotcuaError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AddressDataError';
  }
}

interface OldCommuneRow {
  name: string;
  oldCode?: string;
  newCode: string;
}

interface OldDistrictGroup {
  oldProvince: string;
  oldDistrict: string;
  communes: OldCommuneRow[];
}

interface LegacyRow {
  oldCommune: string;
  oldDistrict: string;
  oldProvince: string;
  oldCode?: string;
  newCode: string;
  provinceCode: string;
  /** Commune, district and province, as one search key. */
  key: string;
  /** The commune's own name as search keys, with and without its type. */
  communeKeys: string[];
}

const PROVINCE_CODE = /^\d{2}$/;
const OLD_UNIT_TYPES = /^(?:xa|phuong|thi tran|tinh|thanh pho) /;
const collator = new Intl.Collator('vi', { numeric: true });

/**
 * A source over the JSON files that `scripts/build-address-data.mjs` writes into packages/vn/data.
 * Nothing is loaded until asked for; each file is loaded once (a failed load is retried on the
 * next call), so choosing a province loads only that province's communes.
 *
 * @example
 * const source = createStaticAddressSource({
 *   load: (path) => fetch(new URL(path, dataUrl)).then((response) => response.json()),
 * });
 * const communes = await source.communes('08'); // loads communes/08.json only
 */
export function createStaticAddressSource(options: StaticAddressSourceOptions): AddressSource {
  const version = options.version ?? ADDRESS_DATA_INFO.version;
  const cache = new Map<string, Promise<unknown>>();

  function file<T>(path: string, read: (data: Record<string, unknown>) => T): Promise<T> {
    let pending = cache.get(path) as Promise<T> | undefined;
    if (pending === undefined) {
      pending = loadFile(path, read);
      cache.set(path, pending);
      pending.catch(() => cache.delete(path));
    }
    return pending;
  }

  async function loadFile<T>(path: string, read: (data: Record<string, unknown>) => T): Promise<T> {
    let data: unknown;
    try {
      data = await options.load(path);
    } catch (cause) {
      throw new AddressDataError(
        `address data ${path} could not be loaded: serve packages/vn/data at the place the ` +
          `loader reads from (${String(cause)}).`,
        { cause },
      );
    }
    if (data === null || typeof data !== 'object') {
      throw new AddressDataError(`address data ${path} is not a JSON object: is the path right?`);
    }
    const found = (data as { version?: unknown }).version;
    if (found !== version) {
      throw new AddressDataError(
        `address data ${path} is version ${String(found)}, but this source reads version ` +
          `${version}: serve the data files of the same build, or pass version: '${String(found)}'.`,
      );
    }
    return read(data as Record<string, unknown>);
  }

  function list<T>(data: Record<string, unknown>, key: string, path: string): T[] {
    const value = data[key];
    if (!Array.isArray(value)) {
      throw new AddressDataError(`address data ${path} has no "${key}" list: rebuild the data.`);
    }
    return value as T[];
  }

  function checkProvinceCode(caller: string, code: string): void {
    if (!PROVINCE_CODE.test(code)) {
      throw new AddressDataError(
        `${caller}(${JSON.stringify(code)}): a province code is two digits, e.g. '01' for ` +
          `Hà Nội; take it from provinces().`,
      );
    }
  }

  const provinces = () =>
    file('provinces.json', (data) =>
      Object.freeze(
        list<Province>(data, 'provinces', 'provinces.json')
          .map((p) => Object.freeze({ code: p.code, name: p.name, type: p.type }))
          .sort(compareUnits),
      ),
    );

  const communes = (provinceCode: string) => {
    checkProvinceCode('communes', provinceCode);
    const path = `communes/${provinceCode}.json`;
    return file(path, (data) =>
      Object.freeze(
        list<{ code: string; name: string; type: CommuneType }>(data, 'communes', path)
          .map((c) => Object.freeze({ code: c.code, name: c.name, type: c.type, provinceCode }))
          .sort(compareUnits),
      ),
    );
  };

  /** Old province names as search keys without "tinh"/"thanh pho", with their new province. */
  const oldProvinces = () =>
    file('legacy/index.json', (data) =>
      list<{ name: string; province: string }>(data, 'oldProvinces', 'legacy/index.json').map(
        ({ name, province }) => ({ key: unitKey(name).replace(OLD_UNIT_TYPES, ''), province }),
      ),
    );

  const legacyRows = (provinceCode: string) => {
    const path = `legacy/${provinceCode}.json`;
    return file(path, (data) =>
      list<OldDistrictGroup>(data, 'districts', path).flatMap((district) =>
        district.communes.map((row): LegacyRow => {
          const own = unitKey(row.name);
          return {
            oldCommune: row.name,
            oldDistrict: district.oldDistrict,
            oldProvince: district.oldProvince,
            ...(row.oldCode === undefined ? {} : { oldCode: row.oldCode }),
            newCode: row.newCode,
            provinceCode,
            key: unitKey(`${row.name} ${district.oldDistrict} ${district.oldProvince}`),
            communeKeys: [own, own.replace(OLD_UNIT_TYPES, '')],
          };
        }),
      ),
    );
  };

  /**
   * The provinces whose old units to search: the one asked for, else those whose old name ends
   * the query (addresses are written commune, district, province), else all of them.
   */
  async function legacyProvinces(queries: string[], provinceCode?: string): Promise<string[]> {
    if (provinceCode !== undefined) {
      checkProvinceCode('legacy', provinceCode);
      return [provinceCode];
    }
    const index = await oldProvinces();
    const named = index.filter(({ key }) =>
      queries.some((query) => query === key || query.endsWith(` ${key}`)),
    );
    return [...new Set((named.length > 0 ? named : index).map(({ province }) => province))];
  }

  async function legacy(query: string, legacyOptions: LegacyOptions = {}): Promise<LegacyMatch[]> {
    const queries = queryKeys(query);
    if (queries.length === 0) return [];
    const codes = await legacyProvinces(queries, legacyOptions.provinceCode);
    const rows = (await Promise.all(codes.map(legacyRows))).flat();
    const ranked: { row: LegacyRow; rank: number }[] = [];
    for (const row of rows) {
      const words = row.key.split(' ');
      let best: number | undefined;
      for (const q of queries) {
        const fits = q.split(' ').every((word) => words.some((target) => target.startsWith(word)));
        if (!fits && !spelledFrom(q, row.key)) continue;
        const startsWithCommune = row.communeKeys.some(
          (own) =>
            own !== '' &&
            (q === own || q.startsWith(`${own} `) || q.replace(/ /g, '') === own.replace(/ /g, '')),
        );
        const rank = startsWithCommune ? 0 : 1;
        if (best === undefined || rank < best) best = rank;
      }
      if (best !== undefined) ranked.push({ row, rank: best });
    }
    ranked.sort(
      (a, b) =>
        a.rank - b.rank ||
        collator.compare(a.row.oldCommune, b.row.oldCommune) ||
        collator.compare(a.row.oldDistrict, b.row.oldDistrict) ||
        collator.compare(a.row.oldProvince, b.row.oldProvince),
    );
    const top = ranked.slice(0, legacyOptions.limit ?? 20).map(({ row }) => row);
    const byProvince = new Map<string, Map<string, Commune>>();
    for (const code of new Set(top.map((row) => row.provinceCode))) {
      byProvince.set(code, new Map((await communes(code)).map((c) => [c.code, c])));
    }
    return top.map((row) => {
      const commune = byProvince.get(row.provinceCode)?.get(row.newCode);
      if (commune === undefined) {
        throw new AddressDataError(
          `address data legacy/${row.provinceCode}.json maps "${row.oldCommune}" to commune ` +
            `${row.newCode}, which communes/${row.provinceCode}.json does not have: rebuild the data.`,
        );
      }
      return {
        oldCommune: row.oldCommune,
        oldDistrict: row.oldDistrict,
        oldProvince: row.oldProvince,
        ...(row.oldCode === undefined ? {} : { oldCode: row.oldCode }),
        commune,
      };
    });
  }

  return {
    version,
    date: options.date ?? ADDRESS_DATA_INFO.date,
    source: options.source ?? ADDRESS_DATA_INFO.source,
    provinces: async () => [...(await provinces())],
    communes: async (provinceCode) => [...(await communes(provinceCode))],
    legacy,
  };
}
