import type { FastifyInstance } from 'fastify';
import type { InsightsSummary, MessageCatalog, ValidationError } from '@motcua/core';
import { defaultMessages, formatMessage } from '@motcua/core';
import { dayIn } from '../codes.js';
import type { Bilingual, Context } from '../context.js';
import type { Queryable } from '../db/database.js';
import { Problem } from '../problems.js';
import type { SiteProcedure } from '../procedures.js';
import { bilingual } from '../procedures.js';
import { staffOnly as staffGuard } from '../staff.js';
import {
  INSIGHT_BODY_BYTES,
  insightReportQuerySchema,
  insightSummarySchema,
  problems,
} from '../schemas.js';

/**
 * The longest time one step counts for. A citizen who walked away from an open tab, or a kiosk
 * the idle timer did not reset, would otherwise weigh more in the mean than a hundred who did
 * not: an hour on one step already says "stuck".
 */
export const STEP_MS_CAP = 3_600_000;
/** The step id a page sends for the review page ("Kiểm tra lại thông tin"). */
const REVIEW = 'review';
const REVIEW_TITLE: Bilingual = { vi: 'Kiểm tra lại thông tin', en: 'Check your answers' };
/** The report's period when `from` is not given: the last 30 days, today included. */
const DEFAULT_DAYS = 30;

/**
 * What a page sends when a citizen's session ends (docs/insights.md): core's contract, with the
 * lists a page may leave out when empty.
 */
export type InsightSummary = Omit<InsightsSummary, 'errors' | 'warnings' | 'help'> &
  Partial<Pick<InsightsSummary, 'errors' | 'warnings' | 'help'>>;

/** One count to add: what `insight_counts` holds beside its site, procedure, day and channel. */
export interface InsightCount {
  kind: string;
  step?: string;
  field?: string;
  code?: string;
  count: number;
  totalMs?: number;
}

/** Where counts go: the site, the procedure version, the day and the channel. */
export interface InsightKey {
  site: string;
  procedure: string;
  version: string;
  /** `yyyy-mm-dd` in the site's time zone. */
  day: string;
  channel: string;
}

/** `yyyymmdd` (as dossier codes write it) as `yyyy-mm-dd`. */
const isoDay = (compact: string) =>
  `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6, 8)}`;

/** Today in the site's time zone, the way dossier codes and queue tickets count days. */
export function insightDay(context: Pick<Context, 'site' | 'now'>): string {
  return isoDay(dayIn(context.site.timeZone, context.now()));
}

/**
 * Adds counts in one statement (so one summary is counted whole or not at all). Duplicates are
 * merged first, because one INSERT … ON CONFLICT may not touch a row twice; rows go in key order,
 * so two instances adding to the same rows lock them in the same order and cannot deadlock.
 */
export async function recordInsights(
  db: Queryable,
  key: InsightKey,
  counts: readonly InsightCount[],
): Promise<void> {
  const merged = new Map<string, Required<InsightCount>>();
  for (const count of counts) {
    const row = {
      kind: count.kind,
      step: count.step ?? '',
      field: count.field ?? '',
      code: count.code ?? '',
      count: count.count,
      totalMs: count.totalMs ?? 0,
    };
    const id = JSON.stringify([row.kind, row.step, row.field, row.code]);
    const earlier = merged.get(id);
    if (earlier) {
      earlier.count += row.count;
      earlier.totalMs += row.totalMs;
    } else merged.set(id, row);
  }
  if (merged.size === 0) return;
  const rows = [...merged.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const column = <K extends keyof Required<InsightCount>>(name: K) =>
    rows.map(([, row]) => row[name]);
  await db.query(
    `INSERT INTO insight_counts
       (site, procedure_id, procedure_version, day, channel, kind, step, field, code, count, total_ms)
     SELECT $1, $2, $3, $4, $5, u.kind, u.step, u.field, u.code, u.count, u.total_ms
       FROM unnest($6::text[], $7::text[], $8::text[], $9::text[], $10::bigint[], $11::bigint[])
         WITH ORDINALITY AS u(kind, step, field, code, count, total_ms, position)
      ORDER BY u.position
     ON CONFLICT (site, procedure_id, procedure_version, day, channel, kind, step, field, code)
     DO UPDATE SET count = insight_counts.count + EXCLUDED.count,
                   total_ms = insight_counts.total_ms + EXCLUDED.total_ms`,
    [
      key.site,
      key.procedure,
      key.version,
      key.day,
      key.channel,
      column('kind'),
      column('step'),
      column('field'),
      column('code'),
      column('count'),
      column('totalMs'),
    ],
  );
}

/** An error's field path without row numbers: `members.1.memberName` → `members.memberName`. */
const withoutRows = (path: string) =>
  path
    .split('.')
    .filter((segment) => !/^\d+$/.test(segment))
    .join('.');

/**
 * A rule's errors all have the code `rule`; the rule's id tells the reviewer which one, and
 * finds its message.
 */
const codeOf = (error: Pick<ValidationError, 'code' | 'params'>) =>
  error.code === 'rule' && typeof error.params?.rule === 'string'
    ? `rule.${error.params.rule}`.slice(0, 100)
    : error.code.slice(0, 100);

/**
 * What the server counts of a dossier it refused: the dossier, and each (field, code) once
 * (five rows of a group wrong in the same way are one thing to fix). Counted, never the answers.
 */
export function rejectedCounts(
  entry: SiteProcedure,
  errors: readonly ValidationError[],
): InsightCount[] {
  const seen = new Set<string>();
  const counts: InsightCount[] = [{ kind: 'rejected', count: 1 }];
  for (const error of errors) {
    const field = withoutRows(error.field).slice(0, 260);
    const code = codeOf(error);
    const id = `${field}\u0000${code}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const step = entry.procedure.stepOf(error.field)?.id ?? '';
    counts.push({ kind: 'rejected', step, field, code, count: 1 });
  }
  return counts;
}

interface Issue {
  pointer: string;
  vi: string;
  en: string;
}

/**
 * What the schema cannot check: that every step and field is one of this procedure's, each step
 * is listed once, and the citizen was last on a step they reached.
 */
function summaryIssues(entry: SiteProcedure, summary: InsightSummary): Issue[] {
  const issues: Issue[] = [];
  const name = `${entry.procedure.id} ${entry.procedure.version}`;
  const isStep = (id: string) => id === REVIEW || entry.procedure.step(id) !== undefined;
  const checkStep = (pointer: string, id: string) => {
    if (!isStep(id)) {
      issues.push({
        pointer,
        vi: `${pointer}: "${id}" không phải là một bước của ${name} (hoặc "review")`,
        en: `${pointer}: "${id}" is not a step of ${name} (nor "review")`,
      });
    }
  };
  const reached = new Set<string>();
  summary.steps.forEach(({ step }, index) => {
    checkStep(`/steps/${index}/step`, step);
    if (reached.has(step)) {
      issues.push({
        pointer: `/steps/${index}/step`,
        vi: `/steps/${index}/step: bước "${step}" có hai lần; gửi mỗi bước một lần, với tổng thời gian`,
        en: `/steps/${index}/step: the step "${step}" is listed twice; send each step once, with its total time`,
      });
    }
    reached.add(step);
  });
  checkStep('/last', summary.last);
  if (isStep(summary.last) && !reached.has(summary.last)) {
    issues.push({
      pointer: '/last',
      vi: `/last: "${summary.last}" không có trong "steps"; bước cuối cùng cũng là một bước đã đến`,
      en: `/last: "${summary.last}" is not in "steps"; the last step is one the citizen reached`,
    });
  }
  for (const list of ['errors', 'warnings'] as const) {
    (summary[list] ?? []).forEach((item, index) => {
      checkStep(`/${list}/${index}/step`, item.step);
      if (!entry.procedure.field(item.field)) {
        const pointer = `/${list}/${index}/field`;
        issues.push({
          pointer,
          vi: `${pointer}: "${item.field}" không phải là một trường của ${name} (trường của một dòng viết "nhóm.trường")`,
          en: `${pointer}: "${item.field}" is not a field of ${name} (a row's field is written "group.field")`,
        });
      }
    });
  }
  (summary.help ?? []).forEach((item, index) => checkStep(`/help/${index}/step`, item.step));
  return issues;
}

/** The counts one summary adds (docs/insights.md lists the kinds). */
function summaryCounts(summary: InsightSummary): InsightCount[] {
  const counts: InsightCount[] = [{ kind: 'session', code: summary.outcome, count: 1 }];
  for (const { step, ms } of summary.steps) {
    counts.push({ kind: 'reached', step, count: 1 });
    counts.push({ kind: 'time', step, count: 1, totalMs: Math.min(ms, STEP_MS_CAP) });
  }
  // Drop-off is counted only where the citizen was when they left: a step skipped by a branch
  // is never reached, so it is never a drop-off either.
  if (summary.outcome === 'left') counts.push({ kind: 'left', step: summary.last, count: 1 });
  for (const { step, field, code, count } of summary.errors ?? [])
    counts.push({ kind: 'error', step, field, code, count });
  for (const { step, field, code, count } of summary.warnings ?? [])
    counts.push({ kind: 'warning', step, field, code, count });
  for (const { step, count } of summary.help ?? []) counts.push({ kind: 'help', step, count });
  return counts;
}

/** A `yyyy-mm-dd` that is a real day, as a UTC time; undefined otherwise. */
function parseDay(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const time = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Date(time).toISOString().slice(0, 10) === text ? time : undefined;
}

interface CountRow {
  procedure_id: string;
  procedure_version: string;
  channel: string;
  kind: string;
  step: string;
  field: string;
  code: string;
  count: unknown;
  total_ms: unknown;
}

/** A field's label for the report: a row's field after its group's, `Thành viên › Họ và tên`. */
function labelOf(entry: SiteProcedure | undefined, path: string): Bilingual {
  if (!entry) return { vi: path, en: path };
  const parts: Bilingual[] = [];
  const segments = path.split('.');
  for (let length = 1; length <= segments.length; length++) {
    const field = entry.procedure.field(segments.slice(0, length).join('.'));
    const label = field && bilingual(field.label);
    if (!label) return { vi: path, en: path };
    parts.push(label);
  }
  return {
    vi: parts.map((part) => part.vi).join(' › '),
    en: parts.map((part) => part.en).join(' › '),
  };
}

/**
 * The message the citizen saw for a code, when it can be known without the answers: a rule's
 * own message, or the field's or catalogue's text when it needs no value (such as `{limit}`).
 */
function messageOf(
  entry: SiteProcedure | undefined,
  path: string,
  code: string,
): Bilingual | undefined {
  if (!entry) return undefined;
  const field = entry.procedure.field(path);
  const rule = code.startsWith('rule.')
    ? entry.definition.rules?.find((candidate) => `rule.${candidate.id}` === code)
    : undefined;
  if (rule) return bilingual(rule.message);
  if (!field) return undefined;
  const catalogs: MessageCatalog[] = [
    ...entry.packs.flatMap((pack) => (pack.messages ? [pack.messages] : [])),
    defaultMessages,
  ];
  const text = (locale: 'vi' | 'en') => {
    const message = formatMessage({ code, params: {}, field }, locale, catalogs);
    return message.toLowerCase() === code.toLowerCase() || /\{\w+\}/.test(message)
      ? undefined
      : message;
  };
  const vi = text('vi');
  const en = text('en');
  return vi && en ? { vi, en } : undefined;
}

const number = (value: unknown) => Number(value ?? 0);

/** The report of one procedure version, from its summed counts. */
function versionReport(
  entry: SiteProcedure | undefined,
  id: string,
  version: string,
  rows: readonly CountRow[],
) {
  const sum = (kind: string, where: (row: CountRow) => boolean = () => true) =>
    rows.filter((row) => row.kind === kind && where(row)).reduce((n, r) => n + number(r.count), 0);
  const stepIds = [
    ...(entry?.definition.steps.map((step) => step.id) ?? []),
    ...rows.map((row) => row.step).filter((step) => step !== '' && step !== REVIEW),
    REVIEW,
  ].filter((step, index, all) => all.indexOf(step) === index);
  const steps = stepIds.map((step) => {
    const onStep = (row: CountRow) => row.step === step;
    const reached = sum('reached', onStep);
    const left = sum('left', onStep);
    const visits = sum('time', onStep);
    const totalMs = rows
      .filter((row) => row.kind === 'time' && row.step === step)
      .reduce((n, r) => n + number(r.total_ms), 0);
    const definition = entry?.procedure.step(step);
    return {
      step,
      title:
        step === REVIEW ? REVIEW_TITLE : (bilingual(definition?.title) ?? { vi: step, en: step }),
      reached,
      left,
      dropOff: reached > 0 ? Math.round((left / reached) * 1000) / 1000 : null,
      meanSeconds: visits > 0 ? Math.round(totalMs / visits / 100) / 10 : null,
      help: sum('help', onStep),
    };
  });
  const fieldCounts = (kind: string) => {
    const byField = new Map<string, { field: string; code: string; count: number }>();
    for (const row of rows) {
      if (row.kind !== kind || row.field === '') continue;
      const key = `${row.field}\u0000${row.code}`;
      const found = byField.get(key) ?? { field: row.field, code: row.code, count: 0 };
      found.count += number(row.count);
      byField.set(key, found);
    }
    return [...byField.values()]
      .sort((a, b) => b.count - a.count || a.field.localeCompare(b.field))
      .map(({ field, code, count }) => {
        const message = messageOf(entry, field, code);
        return {
          field,
          label: labelOf(entry, field),
          step: entry?.procedure.stepOf(field)?.id ?? '',
          code,
          count,
          ...(message && { message }),
        };
      });
  };
  return {
    procedure: id,
    version,
    current: entry?.procedure.version === version,
    title: bilingual(entry?.definition.title) ?? { vi: id, en: id },
    sessions: {
      total: sum('session'),
      submitted: sum('session', (row) => row.code === 'submitted'),
      left: sum('session', (row) => row.code === 'left'),
      kiosk: sum('session', (row) => row.channel === 'kiosk'),
      online: sum('session', (row) => row.channel === 'online'),
    },
    steps,
    errors: fieldCounts('error'),
    warnings: fieldCounts('warning'),
    rejected: {
      dossiers: sum('rejected', (row) => row.field === '' && row.code === ''),
      fields: fieldCounts('rejected'),
    },
    filed: sum('filed'),
  };
}

export async function insightRoutes(app: FastifyInstance, context: Context): Promise<void> {
  const { db, procedures, site } = context;

  /** Staff only, as the volunteers' routes, and by the Authorization header alone. */
  const staffOnly = staffGuard(context);

  app.post<{ Body: InsightSummary }>(
    '/api/insights',
    {
      bodyLimit: Math.min(INSIGHT_BODY_BYTES, context.limits.bodyBytes),
      schema: {
        summary: 'Count where one citizen’s session got to, when it ends',
        description:
          'Sent once by the page when a session ends (fetch with keepalive, or navigator.sendBeacon: a text/plain body holding JSON is taken too). Counts only, per procedure version and day: never an answer, and nothing that identifies the citizen, the kiosk or the time of day. Every step and field must be one of the procedure’s. See docs/insights.md.',
        tags: ['insights'],
        consumes: ['application/json', 'text/plain'],
        body: insightSummarySchema,
        response: { 202: { type: 'null', description: 'Counted.' }, ...problems },
      },
    },
    async (request, reply) => {
      const summary = request.body;
      const entry = procedures.get(summary.procedure);
      if (!entry) {
        throw new Problem('unknown-procedure', {
          procedure: summary.procedure,
          known: procedures.ids.join(', '),
        });
      }
      if (summary.version !== entry.procedure.version) {
        throw new Problem('procedure-version-mismatch', {
          version: summary.version,
          current: entry.procedure.version,
        });
      }
      const issues = summaryIssues(entry, summary);
      if (issues.length > 0) {
        throw new Problem(
          'invalid-request',
          {
            reason: {
              vi: issues.map((issue) => issue.vi).join('; '),
              en: issues.map((issue) => issue.en).join('; '),
            },
          },
          {
            errors: issues.map((issue) => ({
              pointer: issue.pointer,
              message: { vi: issue.vi, en: issue.en },
            })),
          },
        );
      }
      await recordInsights(
        db,
        {
          site: site.id,
          procedure: entry.procedure.id,
          version: entry.procedure.version,
          day: insightDay(context),
          channel: summary.channel,
        },
        summaryCounts(summary),
      );
      return reply.code(202).send();
    },
  );

  app.get<{
    Querystring: {
      procedure?: string;
      version?: string;
      from?: string;
      to?: string;
      channel?: string;
    };
  }>(
    '/api/insights/report',
    {
      preHandler: staffOnly,
      schema: {
        summary: 'Where citizens fail: the counts for a periodic review',
        description:
          'Staff only (Authorization: Bearer <staffToken>). Per procedure version, for the days from `from` to `to` (yyyy-mm-dd in the site’s time zone; the last 30 days by default): sessions, each step with how many reached it and left on it, the mean time on it and the help asked there, the fields most often wrong, the warnings confirmed, and the dossiers the server refused. Counts only.',
        tags: ['insights'],
        querystring: insightReportQuerySchema,
        response: { 200: { $ref: 'InsightReport#' }, ...problems },
      },
    },
    async (request, reply) => {
      const query = request.query;
      const today = insightDay(context);
      const to = query.to ?? today;
      const toTime = parseDay(to);
      const fromTime =
        query.from !== undefined
          ? parseDay(query.from)
          : toTime !== undefined
            ? toTime - (DEFAULT_DAYS - 1) * 86_400_000
            : undefined;
      const badDay = [
        ...(query.from !== undefined && fromTime === undefined ? ['from'] : []),
        ...(toTime === undefined ? ['to'] : []),
      ];
      if (badDay.length > 0 || fromTime === undefined || toTime === undefined) {
        const names = badDay.join(', ');
        throw new Problem('invalid-request', {
          reason: {
            vi: `${names} phải là một ngày có thật, dạng yyyy-mm-dd (ví dụ 2026-11-30)`,
            en: `${names} must be a real day written yyyy-mm-dd (such as 2026-11-30)`,
          },
        });
      }
      if (fromTime > toTime) {
        throw new Problem('invalid-request', {
          reason: { vi: 'from phải trước hoặc bằng to', en: 'from must not be after to' },
        });
      }
      const from = new Date(fromTime).toISOString().slice(0, 10);
      if (query.procedure !== undefined && !procedures.get(query.procedure)) {
        throw new Problem('unknown-procedure', {
          procedure: query.procedure,
          known: procedures.ids.join(', '),
        });
      }
      const params: unknown[] = [site.id, from, to];
      const filters = (
        [
          ['procedure_id', query.procedure],
          ['procedure_version', query.version],
          ['channel', query.channel],
        ] as const
      )
        .filter(([, value]) => value !== undefined)
        .map(([column, value]) => {
          params.push(value);
          return ` AND ${column} = $${params.length}`;
        })
        .join('');
      const { rows } = await db.query<CountRow & Record<string, unknown>>(
        `SELECT procedure_id, procedure_version, channel, kind, step, field, code,
                sum(count)::text AS count, sum(total_ms)::text AS total_ms
           FROM insight_counts
          WHERE site = $1 AND day >= $2 AND day <= $3${filters}
          GROUP BY procedure_id, procedure_version, channel, kind, step, field, code`,
        params,
      );
      // Every procedure served, at its version now, is reported (with zeros when nobody came),
      // and every other version that has counts in the period.
      const versions = new Map<string, { id: string; version: string }>();
      for (const entry of procedures.all()) {
        const { id, version } = entry.procedure;
        if (query.procedure !== undefined && id !== query.procedure) continue;
        if (query.version !== undefined && version !== query.version) continue;
        versions.set(`${id}\u0000${version}`, { id, version });
      }
      for (const row of rows) {
        versions.set(`${row.procedure_id}\u0000${row.procedure_version}`, {
          id: row.procedure_id,
          version: row.procedure_version,
        });
      }
      const report = [...versions.values()]
        .sort((a, b) => a.id.localeCompare(b.id) || b.version.localeCompare(a.version))
        .map(({ id, version }) =>
          versionReport(
            procedures.get(id),
            id,
            version,
            rows.filter((row) => row.procedure_id === id && row.procedure_version === version),
          ),
        );
      // Counts of a small commune may still point at someone: not for shared caches.
      reply.header('cache-control', 'no-store');
      return { site: { id: site.id, name: site.name }, from, to, procedures: report };
    },
  );
}
