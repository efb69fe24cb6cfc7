import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import process from 'node:process';
import { type FormatDefinition, type Pack, builtinFormats } from '@motcua/core';
import { MotcuaError } from '@motcua/core/compiler';
import { type Problem, createBuilder, loadPack } from './build.js';

/** How much a finding matters: an `error` fails `motcua lint` (exit 1), a `warning` does not. */
export type LintSeverity = 'error' | 'warning';

/**
 * Which check found something. `definition` is a problem `loadProcedure` reports (an error);
 * the others are content checks for citizens who read with difficulty (warnings).
 */
export type LintCode =
  | 'definition'
  | 'long-text'
  | 'no-hint'
  | 'jargon'
  | 'no-max-length'
  | 'missing-locale'
  | 'no-action';

/** One thing {@link lint} found, as data. Printed by {@link formatFinding}. */
export interface LintFinding {
  /** The definition file, relative to `cwd`, with `/` separators. */
  file: string;
  /** A JSON Pointer into the definition; `''` is the whole file. */
  pointer: string;
  /** Where a JSON syntax error is, when the file is not JSON. */
  line?: number;
  column?: number;
  severity: LintSeverity;
  code: LintCode;
  /** What is wrong and how to fix it. */
  message: string;
}

/** Options of {@link lint}. */
export interface LintOptions {
  /** The definition files (`*.procedure.json`), relative to `cwd`. */
  files: readonly string[];
  /** The packs the definitions use, as for `build`: module specifiers resolved from `cwd`, or packs. */
  packs?: readonly (string | Pack)[];
  /**
   * The jargon to warn about, each term with the plain words to use instead; it replaces
   * {@link DEFAULT_JARGON} (spread that in to add to it). A string is the path of a JSON file of
   * that shape, relative to `cwd`.
   */
  jargon?: string | Readonly<Record<string, string>>;
  /** Where relative paths and pack specifiers start: the current working directory by default. */
  cwd?: string;
}

/** What {@link lint} found. */
export interface LintReport {
  /** The definition files checked, relative to `cwd`, each once, in the order given. */
  files: string[];
  /** Every finding: per file in that order, definition errors first. */
  findings: LintFinding[];
  errors: number;
  warnings: number;
}

/**
 * The longest text, in characters, of one locale before `long-text` warns. A label is read
 * before every answer, so it is one short question; a hint has room for one example and one
 * reason; a message says what is wrong and what to do in a sentence or two.
 */
export const TEXT_LIMITS = { label: 120, hint: 300, message: 200 } as const;

/**
 * Administrative words a citizen may not know, each with plain words to say instead: the
 * default list of the `jargon` check. Matched as whole words, ignoring case.
 */
export const DEFAULT_JARGON: Readonly<Record<string, string>> = {
  'cá thể hóa': 'riêng cho từng người',
  'tích hợp': 'gộp chung, có sẵn trong',
  'xác thực điện tử': 'xác nhận bằng tài khoản VNeID',
  'định danh điện tử mức độ 2': 'tài khoản VNeID mức 2',
  'định danh điện tử': 'tài khoản VNeID',
  phôi: 'mẫu giấy in sẵn',
  'trích lục': 'bản sao lấy từ sổ lưu',
  'số hóa': 'chụp hoặc quét thành bản điện tử',
  'hợp pháp hóa lãnh sự': 'xác nhận con dấu trên giấy tờ nước ngoài',
  'quan hệ nhân thân': 'quan hệ gia đình (cha mẹ, vợ chồng, con…)',
  'nhân thân': 'thông tin về bản thân (họ tên, ngày sinh, quê quán…)',
  'có thẩm quyền': 'được giao giải quyết',
};

/**
 * Words that tell the citizen what to do, per locale: a message of a field or rule that holds
 * none of them says what is wrong but not how to put it right (`no-action`). A heuristic: a
 * word anywhere in the message counts, ignoring case.
 */
export const ACTION_WORDS: Readonly<Record<string, readonly string[]>> = {
  vi: [
    'hãy',
    'vui lòng',
    'nhập',
    'chọn',
    'ghi',
    'điền',
    'tải',
    'bấm',
    'nhấn',
    'sửa',
    'kiểm tra',
    'mang',
    'thêm',
    'bớt',
    'xóa',
    'xoá',
    'bỏ',
    'đổi',
    'đính kèm',
    'chụp',
    'nộp',
    'liên hệ',
    'gọi',
    'hỏi',
    'dùng',
  ],
  en: [
    'enter',
    'choose',
    'select',
    'upload',
    'write',
    'check',
    'give',
    'bring',
    'correct',
    'type',
    'add',
    'remove',
    'attach',
    'change',
    'fix',
    'fill',
    'pick',
    'tick',
    'use',
    'ask',
    'call',
    'contact',
    'please',
  ],
};

/** Types whose answer has a shape the citizen must match, so they need a hint or an example. */
const FORMATTED_TYPES = new Set(['date', 'email', 'phone']);
/** Types whose answer is free text, so they need a `schema.maxLength`. */
const FREE_TEXT_TYPES = new Set(['text', 'textarea']);
/** A format typed on a digit keyboard: its answers have a set length. */
const DIGIT_INPUT = new Set(['numeric', 'tel', 'decimal']);
/** The locales every text needs. */
const LOCALES = ['vi', 'en'] as const;

/**
 * Checks procedure definitions without building them: every problem `loadProcedure` reports,
 * as errors (read with `packs`, exactly as `build` reads them), and content checks for citizens
 * who read with difficulty, as warnings: long texts, formatted fields without a hint or an
 * example, jargon, free text without a length limit, missing Vietnamese or English, and
 * messages that do not say what to do.
 *
 * @throws {MotcuaError} when a pack or the jargon file cannot be loaded; problems in
 *   definitions are findings, not exceptions.
 * @example
 * const { findings, errors } = await lint({
 *   files: ['procedures/birth-registration.procedure.json'],
 *   packs: ['@motcua/vn/pack'],
 * });
 * for (const finding of findings) console.log(formatFinding(finding));
 * process.exitCode = errors > 0 ? 1 : 0;
 */
export async function lint(options: LintOptions): Promise<LintReport> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const jargon =
    typeof options.jargon === 'string'
      ? await readJargon(options.jargon, cwd)
      : (options.jargon ?? DEFAULT_JARGON);
  const packs: Pack[] = [];
  for (const entry of options.packs ?? []) {
    packs.push(typeof entry === 'string' ? await loadPack(entry, cwd) : entry);
  }
  const formats: Record<string, FormatDefinition> = { ...builtinFormats };
  for (const pack of packs) Object.assign(formats, pack.formats);
  // The builder reads, parses and checks each file as `build` does; it writes only when asked
  // to, and lint never asks.
  const builder = await createBuilder({
    files: options.files,
    packs,
    outDir: '.',
    cwd,
    minify: false,
  });
  const perFile = await Promise.all(
    builder.sources.map(async (source): Promise<LintFinding[]> => {
      const compiled = await builder.compile(source);
      const errors = compiled.ok ? [] : compiled.problems.map(definitionFinding);
      const definition = await readParsed(resolve(cwd, source));
      const warnings =
        definition === undefined ? [] : checkContent(definition, { jargon, formats });
      return [...errors, ...warnings.map((item) => ({ file: source, ...item }))];
    }),
  );
  const findings = perFile.flat();
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  return { files: builder.sources, findings, errors, warnings: findings.length - errors };
}

/**
 * `file:pointer: severity: message`, one line, as editors link to it; `file:line:column: …` for
 * a JSON syntax error, and `file: …` for the whole file.
 *
 * @example
 * formatFinding({ file: 'x.procedure.json', pointer: '/steps/0/title', severity: 'error', code: 'definition', message: 'is missing' });
 * // 'x.procedure.json:/steps/0/title: error: is missing'
 */
export function formatFinding(finding: LintFinding): string {
  const where =
    finding.line !== undefined
      ? `${finding.file}:${finding.line}:${finding.column ?? 1}:`
      : finding.pointer === ''
        ? `${finding.file}:`
        : `${finding.file}:${finding.pointer}:`;
  return `${where} ${finding.severity}: ${finding.message}`;
}

function definitionFinding(problem: Problem): LintFinding {
  return {
    file: problem.file,
    pointer: problem.pointer ?? '',
    ...(problem.line !== undefined && { line: problem.line, column: problem.column ?? 1 }),
    severity: 'error',
    code: 'definition',
    message: problem.message,
  };
}

/**
 * The definition for the content checks; `undefined` when it cannot be read or parsed, which
 * the definition check has reported already.
 */
async function readParsed(path: string): Promise<unknown> {
  try {
    const text = await readFile(path, 'utf8');
    return JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch {
    return undefined;
  }
}

async function readJargon(file: string, cwd: string): Promise<Record<string, string>> {
  let text: string;
  try {
    text = await readFile(resolve(cwd, file), 'utf8');
  } catch (error) {
    throw new MotcuaError(
      `--jargon ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); check the path, which is relative to ${cwd}`,
      { cause: error },
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (error) {
    throw new MotcuaError(
      `--jargon ${file} is not valid JSON (${(error as Error).message}); check commas, quotes and brackets`,
      { cause: error },
    );
  }
  if (
    !isObject(value) ||
    Object.entries(value).some(([term, plain]) => term.trim() === '' || typeof plain !== 'string')
  ) {
    throw new MotcuaError(
      `--jargon ${file} must be one JSON object of each term and the plain words to use instead, e.g. { "trích lục": "bản sao lấy từ sổ lưu" }`,
    );
  }
  return value as Record<string, string>;
}

/** A finding before it is given its file. */
type ContentFinding = Omit<LintFinding, 'file'>;

/** What a text is, for the checks that depend on it. */
type TextKind = 'label' | 'hint' | 'message' | 'other';

interface TextAt {
  pointer: string;
  kind: TextKind;
  value: unknown;
}

/** The content checks on one parsed definition, in the order its texts appear. */
function checkContent(
  definition: unknown,
  {
    jargon,
    formats,
  }: { jargon: Readonly<Record<string, string>>; formats: Record<string, FormatDefinition> },
): ContentFinding[] {
  if (!isObject(definition)) return [];
  const findings: ContentFinding[] = [];
  const matchers = jargonMatchers(jargon);
  const warn = (pointer: string, code: LintCode, message: string) =>
    findings.push({ pointer, severity: 'warning', code, message });

  for (const field of fieldsOf(definition)) checkField(field.value, field.pointer, formats, warn);

  for (const text of textsOf(definition)) {
    const locales = textLocales(text.value);
    if (locales === undefined) continue;
    for (const locale of LOCALES) {
      if (locales[locale] === undefined || locales[locale].trim() === '') {
        warn(
          text.pointer,
          'missing-locale',
          typeof text.value === 'string' && locale === 'en'
            ? `has no English text; write it as { "vi": ${JSON.stringify(text.value)}, "en": "…" }`
            : `has no ${locale === 'vi' ? 'Vietnamese' : 'English'} text; add "${locale}"`,
        );
      }
    }
    for (const [locale, value] of Object.entries(locales)) {
      if (value === undefined) continue;
      const at = typeof text.value === 'string' ? text.pointer : `${text.pointer}/${locale}`;
      const limit = text.kind === 'other' ? undefined : TEXT_LIMITS[text.kind];
      const length = Array.from(value).length;
      if (limit !== undefined && length > limit) {
        warn(
          at,
          'long-text',
          `the ${text.kind} is ${length} characters, over ${limit}; shorten it${text.kind === 'label' ? ' to one plain question, and move the rest to the hint' : ', one idea a sentence'}`,
        );
      }
      for (const { term, plain } of findJargon(value, matchers)) {
        warn(
          at,
          'jargon',
          `"${term}" is a term many citizens do not know; say "${plain}" instead, or explain it`,
        );
      }
      if (text.kind === 'message') {
        const words = ACTION_WORDS[locale];
        if (words && !words.some((word) => wordPattern(word).test(value.normalize('NFC')))) {
          warn(
            at,
            'no-action',
            locale === 'vi'
              ? 'the message says what is wrong but not what to do; add what to do, e.g. "Hãy nhập …", "Chọn …", "Mang … đến"'
              : 'the message says what is wrong but not what to do; add what to do, e.g. "Enter …", "Choose …", "Bring …"',
          );
        }
      }
    }
  }
  const order = documentOrder(definition);
  const rank = (pointer: string) => order.get(pointer) ?? Number.MAX_SAFE_INTEGER;
  return findings.sort((a, b) => rank(a.pointer) - rank(b.pointer));
}

function checkField(
  field: Record<string, unknown>,
  pointer: string,
  formats: Record<string, FormatDefinition>,
  warn: (pointer: string, code: LintCode, message: string) => void,
): void {
  const type = typeof field.type === 'string' ? field.type : '';
  const format = typeof field.format === 'string' ? field.format : undefined;
  const name = typeof field.id === 'string' ? ` "${field.id}"` : '';
  if ((FORMATTED_TYPES.has(type) || format !== undefined) && !field.hint && !field.example) {
    warn(
      pointer,
      'no-hint',
      `the ${format ? `${format} ` : ''}${type} field${name} has no "hint" or "example"; show the shape the answer takes, e.g. "example": ${JSON.stringify(exampleFor(type, format))}`,
    );
  }
  const schema = isObject(field.schema) ? field.schema : {};
  if (FREE_TEXT_TYPES.has(type) && typeof schema.maxLength !== 'number') {
    // An answer of digits in a set shape (an ID number, a phone) or that a bounded pattern
    // matches whole is already short: a length limit would only repeat it.
    const digits = format !== undefined && DIGIT_INPUT.has(formats[format]?.inputMode ?? '');
    if (!digits && !isBoundedPattern(schema.pattern)) {
      warn(
        pointer,
        'no-max-length',
        `the ${type} field${name} has no "schema": { "maxLength": … }; set the longest answer the agency can take (e.g. ${type === 'textarea' ? 1000 : 100}), so the citizen is told before submitting, not at the counter`,
      );
    }
  }
}

/**
 * Whether a pattern matches only answers of a bounded length: anchored at both ends, with no
 * `*`, `+` or open `{n,}`. Escapes are skipped, so `\\+` is a literal plus.
 */
function isBoundedPattern(pattern: unknown): boolean {
  if (typeof pattern !== 'string' || !pattern.startsWith('^') || !pattern.endsWith('$')) {
    return false;
  }
  const bare = pattern.replace(/\\./g, '');
  return !/[*+]|\{\d*,\}/.test(bare);
}

function exampleFor(type: string, format: string | undefined): string {
  if (format === 'vn-personal-id') return '001203004567';
  if (format === 'vn-phone' || type === 'phone') return '0912345678';
  if (type === 'email' || format === 'email') return 'ten@example.com';
  if (type === 'date') return '15/08/2024';
  return '…';
}

/** Every field, rows of groups included, with its pointer. */
function fieldsOf(
  definition: Record<string, unknown>,
): { pointer: string; value: Record<string, unknown> }[] {
  const found: { pointer: string; value: Record<string, unknown> }[] = [];
  const visit = (fields: unknown, pointer: string) => {
    if (!Array.isArray(fields)) return;
    fields.forEach((field: unknown, index) => {
      if (!isObject(field)) return;
      found.push({ pointer: `${pointer}/${index}`, value: field });
      visit(field.fields, `${pointer}/${index}/fields`);
    });
  };
  each(definition.steps, '/steps', (step, at) => visit(step.fields, `${at}/fields`));
  return found;
}

/** Every citizen-facing text of a definition, as `procedure.schema.json` places them. */
function textsOf(definition: Record<string, unknown>): TextAt[] {
  const texts: TextAt[] = [];
  const add = (
    owner: Record<string, unknown>,
    at: string,
    key: string,
    kind: TextKind = 'other',
  ) => {
    if (owner[key] !== undefined) texts.push({ pointer: `${at}/${key}`, kind, value: owner[key] });
  };
  add(definition, '', 'title');
  add(definition, '', 'description');
  add(definition, '', 'audience');
  if (Array.isArray(definition.keywords)) {
    definition.keywords.forEach((value: unknown, index) =>
      texts.push({ pointer: `/keywords/${index}`, kind: 'other', value }),
    );
  }
  if (isObject(definition.agency)) add(definition.agency, '/agency', 'name');
  if (isObject(definition.processingTime))
    add(definition.processingTime, '/processingTime', 'note');
  each(definition.fees, '/fees', (fee, at) => {
    add(fee, at, 'label');
    add(fee, at, 'note');
  });
  each(definition.legalBasis, '/legalBasis', (law, at) => add(law, at, 'title'));
  each(definition.documents, '/documents', (document, at) => {
    add(document, at, 'title');
    add(document, at, 'description');
    add(document, at, 'basis');
  });
  each(definition.steps, '/steps', (step, at) => {
    add(step, at, 'title');
    add(step, at, 'description');
  });
  for (const { pointer, value: field } of fieldsOf(definition)) {
    add(field, pointer, 'label', 'label');
    add(field, pointer, 'hint', 'hint');
    // An example is a sample answer (a name, a number), the same in every language, so it is
    // checked for jargon but not for a missing English text.
    if (field.example !== undefined) {
      texts.push({
        pointer: `${pointer}/example`,
        kind: 'other',
        value: sameInEveryLocale(field.example),
      });
    }
    add(field, pointer, 'itemLabel');
    each(field.options, `${pointer}/options`, (option, at) => {
      add(option, at, 'label', 'label');
      add(option, at, 'hint', 'hint');
    });
    if (isObject(field.messages)) {
      for (const code of Object.keys(field.messages)) {
        add(field.messages, `${pointer}/messages`, escapePointer(code), 'message');
      }
    }
  }
  each(definition.rules, '/rules', (rule, at) => {
    add(rule, at, 'message', 'message');
    add(rule, at, 'basis');
  });
  return texts;
}

/** A string example stands for both locales, so it is not reported as missing English. */
function sameInEveryLocale(text: unknown): unknown {
  return typeof text === 'string' ? { vi: text, en: text } : text;
}

function each(
  items: unknown,
  pointer: string,
  visit: (item: Record<string, unknown>, at: string) => void,
): void {
  if (!Array.isArray(items)) return;
  items.forEach((item: unknown, index) => {
    if (isObject(item)) visit(item, `${pointer}/${index}`);
  });
}

/**
 * A Text's strings by locale: a plain string is Vietnamese only, as the engine shows it in every
 * locale; `undefined` when it is not a Text (the definition check reports that).
 */
function textLocales(text: unknown): Record<string, string | undefined> | undefined {
  if (typeof text === 'string') return { vi: text };
  if (!isObject(text)) return undefined;
  const locales: Record<string, string | undefined> = {};
  for (const [locale, value] of Object.entries(text)) {
    if (typeof value === 'string') locales[locale] = value;
  }
  return locales;
}

interface JargonMatcher {
  term: string;
  plain: string;
  pattern: RegExp;
}

/** One matcher a term, longest first, for {@link findJargon}. */
function jargonMatchers(jargon: Readonly<Record<string, string>>): JargonMatcher[] {
  return Object.entries(jargon)
    .map(([term, plain]) => ({ term: term.normalize('NFC').trim(), plain }))
    .filter(({ term }) => term !== '')
    .sort((a, b) => b.term.length - a.term.length)
    .map(({ term, plain }) => ({ term, plain, pattern: wordPattern(term, 'giu') }));
}

/**
 * The terms in `text`. A longer term is matched first and blanked out, so that a text with
 * "định danh điện tử mức độ 2" is not reported again for "định danh điện tử".
 */
function findJargon(text: string, matchers: readonly JargonMatcher[]): JargonMatcher[] {
  let rest = text.normalize('NFC');
  const found: JargonMatcher[] = [];
  for (const matcher of matchers) {
    matcher.pattern.lastIndex = 0;
    if (!matcher.pattern.test(rest)) continue;
    found.push(matcher);
    rest = rest.replace(matcher.pattern, (match) => ' '.repeat(match.length));
  }
  return found;
}

/** `word` as a whole word, ignoring case: letters with diacritics count as letters. */
function wordPattern(word: string, flags = 'iu'): RegExp {
  return new RegExp(
    `(?<![\\p{L}\\p{N}])${escapeRegExp(word.normalize('NFC'))}(?![\\p{L}\\p{N}])`,
    flags,
  );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Each pointer in `value` by its place in the file, to list findings top to bottom. */
function documentOrder(value: unknown): Map<string, number> {
  const order = new Map<string, number>();
  const visit = (item: unknown, pointer: string) => {
    order.set(pointer, order.size);
    if (Array.isArray(item)) item.forEach((child, index) => visit(child, `${pointer}/${index}`));
    else if (isObject(item)) {
      for (const [key, child] of Object.entries(item))
        visit(child, `${pointer}/${escapePointer(key)}`);
    }
  };
  visit(value, '');
  return order;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
