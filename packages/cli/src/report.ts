import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { CommandIo } from './cli.js';

/** The usage text `motcua report --help` prints. */
export const REPORT_USAGE = `Usage: motcua report --server <url> [--procedure <id>] [--from <yyyy-mm-dd>] [--to <yyyy-mm-dd>]
                     [--token <token>] [--json] [--lang vi|en]

Prints where citizens fail, for the agency's periodic review, from the counts a motcua server
keeps (docs/insights.md): per procedure version, where citizens give up, the fields most often
wrong, the warnings confirmed, the help asked, the dossiers the server refused and the mean time
on each step. Counts only: no answer, no citizen.

Options:
      --server <url>       the motcua server, such as https://motcua.example.gov.vn; required
      --procedure <id>     one procedure (every procedure the server serves by default)
      --from <yyyy-mm-dd>  the first day (30 days before --to by default)
      --to <yyyy-mm-dd>    the last day, included (today in Vietnam by default)
      --token <token>      the site's staff token (MOTCUA_STAFF_TOKEN on the server); or set
                           MOTCUA_TOKEN in the environment
      --json               print the report as the server sends it, and nothing else
      --lang <vi|en>       the language of the tables (vi by default)
  -h, --help               show this help

Exit codes: 0 printed; 1 the server cannot be reached or refused; 2 wrong usage.

Example:
  MOTCUA_TOKEN=… motcua report --server https://motcua.example.gov.vn --procedure birth-registration
`;

const OPTIONS = {
  server: { type: 'string' },
  procedure: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  token: { type: 'string' },
  json: { type: 'boolean' },
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} satisfies ParseArgsConfig['options'];

/** How long to wait for the server before saying it does not answer. */
const TIMEOUT_MS = 30_000;

interface Bilingual {
  vi: string;
  en: string;
}
interface FieldCount {
  field: string;
  label: Bilingual;
  step: string;
  code: string;
  count: number;
  message?: Bilingual;
}
interface VersionReport {
  procedure: string;
  version: string;
  current: boolean;
  title: Bilingual;
  sessions: { total: number; submitted: number; left: number; kiosk: number; online: number };
  steps: {
    step: string;
    title: Bilingual;
    reached: number;
    left: number;
    dropOff: number | null;
    meanSeconds: number | null;
    help: number;
  }[];
  errors: FieldCount[];
  warnings: FieldCount[];
  rejected: { dossiers: number; fields: FieldCount[] };
  filed: number;
}
/** What GET /api/insights/report answers. */
export interface InsightReport {
  site: { id: string; name: Bilingual };
  from: string;
  to: string;
  procedures: VersionReport[];
}

type Lang = 'vi' | 'en';

const WORDS = {
  vi: {
    title: 'Người dân gặp khó ở đâu',
    period: 'từ {from} đến {to}',
    sessions:
      'Lượt làm: {total} (nộp được {submitted}, bỏ dở {left}; kiosk {kiosk}, trực tuyến {online})',
    dossiers: 'Hồ sơ máy chủ nhận: {filed}; từ chối: {rejected}',
    noData: 'Chưa có số liệu trong khoảng thời gian này.',
    oldVersion: 'phiên bản cũ',
    giveUp: 'Người dân bỏ dở ở đâu',
    wrong: 'Trường hay bị sai nhất',
    warnings: 'Cảnh báo người dân đã xác nhận',
    help: 'Yêu cầu trợ giúp',
    refused: 'Hồ sơ máy chủ từ chối',
    time: 'Thời gian trung bình mỗi bước',
    none: '(không có)',
    step: 'Bước',
    reached: 'Đến',
    left: 'Bỏ dở',
    dropOff: 'Tỉ lệ bỏ',
    field: 'Trường',
    code: 'Mã',
    count: 'Số lần',
    message: 'Thông báo người dân thấy',
    requests: 'Số yêu cầu',
    seconds: 'Giây',
    refusedCount: '{count} hồ sơ bị từ chối vì câu trả lời chưa đúng quy định:',
  },
  en: {
    title: 'Where citizens fail',
    period: 'from {from} to {to}',
    sessions:
      'Sessions: {total} ({submitted} submitted, {left} left; {kiosk} at a kiosk, {online} online)',
    dossiers: 'Dossiers the server stored: {filed}; refused: {rejected}',
    noData: 'No counts in this period.',
    oldVersion: 'earlier version',
    giveUp: 'Where citizens give up',
    wrong: 'Fields most often wrong',
    warnings: 'Warnings confirmed',
    help: 'Help asked',
    refused: 'Refused by the server',
    time: 'Mean time per step',
    none: '(none)',
    step: 'Step',
    reached: 'Reached',
    left: 'Left',
    dropOff: 'Drop-off',
    field: 'Field',
    code: 'Code',
    count: 'Count',
    message: 'Message shown',
    requests: 'Requests',
    seconds: 'Seconds',
    refusedCount: '{count} dossier(s) refused because their answers broke the rules:',
  },
} as const;

class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const fill = (template: string, values: Record<string, unknown>) =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );

/** Characters as a terminal counts them: Vietnamese is NFC, one code point a letter. */
const width = (text: string) => [...text.normalize('NFC')].length;

/** Rows as columns padded to their widest cell: numbers on the right, words on the left. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((_, column) =>
    Math.max(...[header, ...rows].map((row) => width(row[column] ?? ''))),
  );
  const numeric = header.map((_, column) =>
    rows.every((row) => /^[\d.,\s%–-]*$/.test(row[column] ?? '')),
  );
  const line = (row: readonly string[]) =>
    row
      .map((cell, column) => {
        const pad = ' '.repeat((widths[column] ?? 0) - width(cell));
        return numeric[column] ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd();
  return [header, ...rows].map((row) => `  ${line(row)}`).join('\n');
}

/** The report as tables to read at the review, in `lang`. */
export function formatReport(report: InsightReport, lang: Lang): string {
  const words = WORDS[lang];
  const locale = lang === 'vi' ? 'vi-VN' : 'en-GB';
  const integer = new Intl.NumberFormat(locale);
  const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const day = (iso: string) => (lang === 'vi' ? iso.split('-').reverse().join('/') : iso);
  const out: string[] = [
    `${words.title}: ${report.site.name[lang]} (${report.site.id}), ${fill(words.period, {
      from: day(report.from),
      to: day(report.to),
    })}`,
  ];
  const section = (heading: string, body: string) => out.push('', heading, body);
  /** The ten most frequent, with the message the citizen saw when the server knows it. */
  const fieldTable = (all: readonly FieldCount[]) => {
    if (all.length === 0) return `  ${words.none}`;
    const items = all.slice(0, 10);
    const messages = items.some((item) => item.message);
    return table(
      [words.field, words.code, words.count, ...(messages ? [words.message] : [])],
      items.map((item) => [
        item.label[lang] || item.field,
        item.code,
        integer.format(item.count),
        ...(messages ? [item.message?.[lang] ?? ''] : []),
      ]),
    );
  };

  for (const version of report.procedures) {
    const heading = `${version.title[lang]} (${version.procedure} ${version.version}${version.current ? '' : `, ${words.oldVersion}`})`;
    out.push('', heading, '='.repeat(width(heading)));
    const { sessions } = version;
    if (sessions.total === 0 && version.filed === 0 && version.rejected.dossiers === 0) {
      out.push(words.noData);
      continue;
    }
    out.push(fill(words.sessions, sessions));
    out.push(fill(words.dossiers, { filed: version.filed, rejected: version.rejected.dossiers }));
    const reached = version.steps.filter((step) => step.reached > 0);
    section(
      words.giveUp,
      reached.length === 0
        ? `  ${words.none}`
        : table(
            [words.step, words.reached, words.left, words.dropOff],
            reached.map((step) => [
              step.title[lang],
              integer.format(step.reached),
              integer.format(step.left),
              step.dropOff === null ? '–' : percent.format(step.dropOff),
            ]),
          ),
    );
    section(words.wrong, fieldTable(version.errors));
    section(words.warnings, fieldTable(version.warnings));
    const helped = version.steps.filter((step) => step.help > 0);
    section(
      words.help,
      helped.length === 0
        ? `  ${words.none}`
        : table(
            [words.step, words.requests],
            helped.map((step) => [step.title[lang], integer.format(step.help)]),
          ),
    );
    section(
      words.refused,
      version.rejected.dossiers === 0
        ? `  ${words.none}`
        : `  ${fill(words.refusedCount, { count: version.rejected.dossiers })}\n${fieldTable(version.rejected.fields)}`,
    );
    const timed = version.steps.filter((step) => step.meanSeconds !== null);
    section(
      words.time,
      timed.length === 0
        ? `  ${words.none}`
        : table(
            [words.step, words.seconds],
            timed.map((step) => [step.title[lang], decimal.format(step.meanSeconds ?? 0)]),
          ),
    );
  }
  return `${out.join('\n')}\n`;
}

/** `motcua report`: fetches the insights report from a server and prints it. */
export async function main(argv: readonly string[], io: CommandIo): Promise<number> {
  let values: {
    server?: string;
    procedure?: string;
    from?: string;
    to?: string;
    token?: string;
    json?: boolean;
    lang?: string;
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: false }));
    if (values.help) {
      io.stdout.write(REPORT_USAGE);
      return 0;
    }
    if (!values.server)
      throw new UsageError('report needs --server <url>, such as http://127.0.0.1:8000');
    if (!/^https?:\/\/[^/]/.test(values.server) || !URL.canParse(values.server)) {
      throw new UsageError(
        `--server ${values.server} is not an http(s) address; give one such as http://127.0.0.1:8000`,
      );
    }
    for (const name of ['from', 'to'] as const) {
      const value = values[name];
      if (value !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
        throw new UsageError(
          `--${name} ${value} is not a day; write it yyyy-mm-dd, such as 2026-11-30`,
        );
      }
    }
    if (values.lang !== undefined && values.lang !== 'vi' && values.lang !== 'en') {
      throw new UsageError(`--lang ${values.lang} is not a language of the report; use vi or en`);
    }
  } catch (error) {
    const message = (error as Error).message.replace(/\. To specify .*$/s, '');
    io.stderr.write(`motcua: ${message}\nRun "motcua report --help" for the options.\n`);
    return 2;
  }
  const lang: Lang = values.lang === 'en' ? 'en' : 'vi';
  const base = values.server.endsWith('/') ? values.server : `${values.server}/`;
  const url = new URL('api/insights/report', base);
  for (const name of ['procedure', 'from', 'to'] as const) {
    const value = values[name];
    if (value !== undefined) url.searchParams.set(name, value);
  }
  const token = values.token ?? process.env.MOTCUA_TOKEN;
  const signals = [AbortSignal.timeout(TIMEOUT_MS), ...(io.signal ? [io.signal] : [])];
  let response: Response;
  try {
    response = await fetch(url, {
      headers: {
        accept: 'application/json',
        'accept-language': lang,
        ...(token && { authorization: `Bearer ${token}` }),
      },
      signal: AbortSignal.any(signals),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    io.stderr.write(
      `motcua: cannot reach ${url.origin} (${cause}); check --server, and that motcua-server is running there\n`,
    );
    return 1;
  }
  if (response.status === 401) {
    io.stderr.write(
      `motcua: ${url.origin} refused ${token ? 'the token' : 'to answer without a token'} (401); give the site's staff token (MOTCUA_STAFF_TOKEN on the server) with --token or MOTCUA_TOKEN\n`,
    );
    return 1;
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const detail = (body as { detail?: unknown } | undefined)?.detail;
    const what =
      response.status === 404 && typeof detail !== 'string'
        ? 'has no insights report (is it a motcua server, of a version that counts them?)'
        : `answered ${response.status}${typeof detail === 'string' ? `: ${detail}` : ''}`;
    io.stderr.write(`motcua: ${url.origin} ${what}\n`);
    return 1;
  }
  const report = body as InsightReport | undefined;
  if (!report || !Array.isArray(report.procedures)) {
    io.stderr.write(
      `motcua: ${url.origin} did not answer with a report; check that --server points at a motcua server\n`,
    );
    return 1;
  }
  io.stdout.write(
    values.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report, lang),
  );
  return 0;
}
