import { readFile } from 'node:fs/promises';
import {
  type AddressSource,
  type AddressUnit,
  type Commune,
  type Province,
  createStaticAddressSource,
  fullName,
  searchUnits,
} from '@motcua/vn/address';

/** A place found for what was typed, and how the list shows it. */
export interface PlaceMatch {
  unit: Province | Commune;
  /** The full name ("Phường Hoàng Mai"), or with the old unit it was found by. */
  formerly?: string;
}

/**
 * Vietnam's provinces and communes for the address questions, read from the Vietnam pack's data
 * files (packages/vn/data) one province at a time, and remembered so that an answer can be shown
 * by its names ("Phường Hoàng Mai, Thành phố Hà Nội") and not its codes.
 */
export class Places {
  readonly #source: AddressSource;
  readonly #names = new Map<string, string>();

  constructor(source: AddressSource = createStaticAddressSource({ load: readDataFile })) {
    this.#source = source;
  }

  async provinces(): Promise<readonly Province[]> {
    return this.#remember('province', await this.#source.provinces());
  }

  async communes(provinceCode: string): Promise<readonly Commune[]> {
    return this.#remember('commune', await this.#source.communes(provinceCode));
  }

  /**
   * The places whose name matches what was typed, best first: without diacritics, in any case,
   * spaces optional ("hoang mai", "hoangmai"). With `provinceCode` (a search among that
   * province's communes), a name not in the list is looked up among the units abolished on
   * 1 July 2025 (an old name read off an old card), each with the one it became part of.
   */
  async search(
    units: readonly (Province | Commune)[],
    query: string,
    provinceCode?: string,
  ): Promise<PlaceMatch[]> {
    const found = searchUnits(units, query).map((unit) => ({ unit }));
    if (found.length > 0 || !provinceCode || !this.#source.legacy) return found;
    const old = await this.#source.legacy(query, { provinceCode, limit: 9 });
    return old.map((match) => ({
      unit: match.commune,
      formerly: `${match.oldCommune}, ${match.oldDistrict}`,
    }));
  }

  /** The full name of a province or commune already loaded; the code itself otherwise. */
  name(level: 'province' | 'commune', code: string): string {
    return this.#names.get(`${level}:${code}`) ?? code;
  }

  #remember<T extends AddressUnit>(
    level: 'province' | 'commune',
    units: readonly T[],
  ): readonly T[] {
    for (const unit of units) this.#names.set(`${level}:${unit.code}`, fullName(unit));
    return units;
  }
}

const DATA = new URL(import.meta.resolve('@motcua/vn/data/provinces.json'));

/** Reads one file of packages/vn/data, e.g. `communes/01.json`. */
async function readDataFile(path: string): Promise<unknown> {
  return JSON.parse(await readFile(new URL(path, DATA), 'utf8')) as unknown;
}
