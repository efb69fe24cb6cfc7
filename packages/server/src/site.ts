import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { MotcuaError } from '@motcua/core';
import type { Bilingual, Site } from './context.js';

/** Thrown when options are wrong: the server does not start. */
export class ServerConfigError extends MotcuaError {
  constructor(message: string) {
    super(message);
    this.name = 'ServerConfigError';
  }
}

/** A text as a site file writes it: one string for both languages, or `{vi, en?}`. */
export type SiteText = string | { vi: string; en?: string };

/**
 * A site as its JSON file (`schema/site.schema.json`) or the `site` option writes it; every
 * key but the id may be left to its default when given as an option.
 */
export interface SiteConfig {
  $schema?: string;
  id?: string;
  name?: SiteText;
  administrativeCode?: { province: string; commune?: string };
  timeZone?: string;
  counters?: { id: string; name?: SiteText; procedures?: string[] }[];
  openingHours?: SiteText;
  languages?: ('vi' | 'en')[];
  filesAtCounter?: boolean;
  elsewhere?: { keywords: SiteText[]; title: SiteText; where: SiteText }[];
}

const require = createRequire(import.meta.url);
/** The published schema of a site file: `@motcua/server/schema/site.schema.json`. */
export const SITE_SCHEMA = require('../schema/site.schema.json') as Record<string, unknown> & {
  $defs: Record<string, unknown>;
};

let validator: ValidateFunction | undefined;

const DEFAULTS = {
  id: 'DEMO',
  name: { vi: 'Bộ phận Một cửa', en: 'One-stop counter' },
  counters: [{ id: '1' }],
  timeZone: 'Asia/Ho_Chi_Minh',
  languages: ['vi', 'en'] as ('vi' | 'en')[],
  filesAtCounter: true,
};

function both(text: SiteText): Bilingual {
  return typeof text === 'string'
    ? { vi: text, en: text }
    : { vi: text.vi, en: text.en ?? text.vi };
}

/**
 * Reads a site file, checks it against the site schema, and returns it. Every problem is one
 * line `file: /pointer: message`.
 * @throws {ServerConfigError} when the file cannot be read, is not JSON or breaks the schema
 * @example
 * const site = readSiteFile('sites/demo.json');
 */
export function readSiteFile(file: string): SiteConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ServerConfigError(
      `the site file ${file} cannot be read (${(error as NodeJS.ErrnoException).code}); check "site" in the configuration or MOTCUA_SITE`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ServerConfigError(`${file} is not JSON: ${(error as Error).message}`);
  }
  const problems = siteProblems(json);
  if (problems.length > 0) throw siteError(file, problems);
  return json as SiteConfig;
}

/**
 * The site to serve: `config` over the defaults (site `DEMO`, one counter `"1"` for every
 * procedure), checked as a site file is and with every text in both languages.
 * @throws {ServerConfigError} naming `source`, the pointer and the fix
 */
export function resolveSite(config: SiteConfig = {}, source = 'site'): Site {
  const merged = {
    ...DEFAULTS,
    ...config,
    name: config.name ?? DEFAULTS.name,
    counters: config.counters ?? DEFAULTS.counters,
  };
  // Said in the words this server always used, before the schema's: they name the fix.
  if (typeof merged.id !== 'string' || !/^[A-Z0-9][A-Z0-9-]{0,15}$/.test(merged.id)) {
    throw new ServerConfigError(
      `site.id "${String(merged.id)}" cannot be part of a dossier code: use 1 to 16 capital letters, digits and dashes, such as "HK" or "XA-0331"`,
    );
  }
  if (Array.isArray(merged.counters) && merged.counters.length === 0) {
    throw new ServerConfigError(
      'site.counters is empty: give the site at least one counter, such as {"id": "1"}',
    );
  }
  const problems = siteProblems(merged);
  if (problems.length > 0) throw siteError(source, problems);
  try {
    new Intl.DateTimeFormat('en', { timeZone: merged.timeZone });
  } catch {
    throw new ServerConfigError(
      `site.timeZone "${merged.timeZone}" is not a time zone; use an IANA name such as "Asia/Ho_Chi_Minh"`,
    );
  }
  const site = merged as Required<Pick<SiteConfig, 'id' | 'name' | 'counters' | 'timeZone'>> &
    SiteConfig;
  const languages = site.languages ?? DEFAULTS.languages;
  if (languages.includes('en')) {
    const missing = untranslated(site);
    if (missing.length > 0) {
      throw siteError(
        source,
        missing.map((pointer) => ({
          pointer,
          message:
            'add the English text ("en"): the site offers English ("languages" has "en"); or write one plain string for both',
        })),
      );
    }
  }
  return {
    id: site.id,
    name: both(site.name),
    timeZone: site.timeZone,
    counters: site.counters.map((counter) => ({
      id: counter.id,
      name: counter.name
        ? both(counter.name)
        : { vi: `Quầy ${counter.id}`, en: `Counter ${counter.id}` },
      ...(counter.procedures && { procedures: [...counter.procedures] }),
    })),
    ...(site.administrativeCode && { administrativeCode: { ...site.administrativeCode } }),
    ...(site.openingHours !== undefined && { openingHours: both(site.openingHours) }),
    languages: [...languages],
    filesAtCounter: site.filesAtCounter ?? DEFAULTS.filesAtCounter,
    elsewhere: (site.elsewhere ?? []).map((entry) => ({
      keywords: entry.keywords.map(both),
      title: both(entry.title),
      where: both(entry.where),
    })),
  };
}

/** Pointers of texts written as `{vi}` without `en`. */
function untranslated(site: SiteConfig): string[] {
  const found: string[] = [];
  const check = (text: SiteText | undefined, pointer: string) => {
    if (text !== undefined && typeof text !== 'string' && text.en === undefined)
      found.push(pointer);
  };
  check(site.name, '/name');
  check(site.openingHours, '/openingHours');
  site.counters?.forEach((counter, index) => check(counter.name, `/counters/${index}/name`));
  site.elsewhere?.forEach((entry, index) => {
    entry.keywords.forEach((keyword, k) => check(keyword, `/elsewhere/${index}/keywords/${k}`));
    check(entry.title, `/elsewhere/${index}/title`);
    check(entry.where, `/elsewhere/${index}/where`);
  });
  return found;
}

/** One problem in a site: where, and what to write instead. */
export interface SiteProblem {
  pointer: string;
  message: string;
}

function siteError(source: string, problems: readonly SiteProblem[]): ServerConfigError {
  const lines = problems.map(
    (problem) => `  ${source}: ${problem.pointer || '/'}: ${problem.message}`,
  );
  return new ServerConfigError(`the site has ${problems.length} problem(s):\n${lines.join('\n')}`);
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

const PATTERNS: Record<string, string> = {
  '^[A-Z0-9][A-Z0-9-]{0,15}$':
    'must be 1 to 16 capital letters, digits and dashes, such as "HK" or "XA-00070"',
  '^[0-9]{2}$': 'must be a province code of 2 digits, such as "01" for Hà Nội',
  '^[0-9]{5}$': 'must be a commune code of 5 digits, such as "00070" for phường Hoàn Kiếm',
};

/**
 * Every problem of a site against `schema/site.schema.json`, one per place, in words that say
 * what to write.
 */
export function siteProblems(json: unknown): SiteProblem[] {
  validator ??= new Ajv2020({ allErrors: true, strict: true, verbose: true }).compile(SITE_SCHEMA);
  if (validator(json)) return [];
  const errors = validator.errors ?? [];
  const isText = (error: ErrorObject) =>
    error.keyword === 'anyOf' && error.parentSchema === SITE_SCHEMA.$defs.text;
  const texts = errors.filter(isText).map((error) => error.instancePath);
  const found = new Map<string, string>();
  const add = (pointer: string, message: string) => {
    if (!found.has(pointer)) found.set(pointer, message);
  };
  for (const pointer of texts) {
    add(pointer, 'must be a text: a string, or {"vi": "…", "en": "…"} with no other keys');
  }
  for (const error of errors) {
    const pointer = error.instancePath;
    if (texts.some((text) => pointer === text || pointer.startsWith(`${text}/`))) continue;
    const params = error.params as Record<string, unknown>;
    switch (error.keyword) {
      case 'required':
        add(
          `${pointer}/${String(params.missingProperty)}`,
          `missing: add "${String(params.missingProperty)}"`,
        );
        break;
      case 'additionalProperties': {
        const known = Object.keys(
          (error.parentSchema as { properties?: object } | undefined)?.properties ?? {},
        );
        add(
          `${pointer}/${String(params.additionalProperty)}`,
          `unknown key "${String(params.additionalProperty)}"; use one of: ${known.join(', ')}`,
        );
        break;
      }
      case 'type':
        add(pointer, `must be ${TYPE_NAMES[String(params.type)] ?? String(params.type)}`);
        break;
      case 'pattern':
        add(pointer, PATTERNS[String(params.pattern)] ?? `must match ${String(params.pattern)}`);
        break;
      case 'enum':
        add(
          pointer,
          `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
        );
        break;
      case 'contains':
        add(pointer, 'must include "vi": Vietnamese is every site\'s first language');
        break;
      case 'const':
        break;
      case 'uniqueItems':
        add(pointer, 'must list each language once');
        break;
      case 'minItems':
        add(pointer, `must have at least ${String(params.limit)} item(s)`);
        break;
      case 'minLength':
        add(pointer, 'must not be empty');
        break;
      case 'maxLength':
        add(pointer, `must be ${String(params.limit)} characters or fewer`);
        break;
      default:
        add(pointer, error.message ?? 'is not valid');
    }
  }
  return [...found].map(([pointer, message]) => ({ pointer, message }));
}

/** A place in the address data: a code and its name. */
interface Place {
  code: string;
  name: string;
}

/**
 * Checks the site's administrative code against the address data of `@motcua/vn` (resolved
 * from `cwd`): a province of the current list and a commune of that province.
 * @throws {ServerConfigError} naming the code and where to look it up
 */
export function checkAdministrativeCode(site: Site, cwd: string, source = 'site'): void {
  const code = site.administrativeCode;
  if (!code) return;
  const resolve = createRequire(`${cwd}/noop.js`).resolve;
  let provincesFile: string;
  try {
    provincesFile = resolve('@motcua/vn/data/provinces.json');
  } catch {
    return;
  }
  const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const data = read(provincesFile) as { date?: string; provinces: Place[] };
  const province = data.provinces.find((place) => place.code === code.province);
  if (!province) {
    throw siteError(source, [
      {
        pointer: '/administrativeCode/province',
        message: `"${code.province}" is not a province in @motcua/vn's address data (${data.date ?? 'current'}); use one of ${data.provinces.map((place) => `${place.code} ${place.name}`).join(', ')}`,
      },
    ]);
  }
  if (code.commune === undefined) return;
  const communes = read(resolve(`@motcua/vn/data/communes/${province.code}.json`)) as {
    communes: Place[];
  };
  if (!communes.communes.some((place) => place.code === code.commune)) {
    throw siteError(source, [
      {
        pointer: '/administrativeCode/commune',
        message: `"${code.commune}" is not a commune of ${province.name} (${province.code}) in @motcua/vn's address data; look its code up in @motcua/vn/data/communes/${province.code}.json`,
      },
    ]);
  }
}
