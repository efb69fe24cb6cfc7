import type { Answers, Locale, Procedure, ValidationError } from '@motcua/core';
import type { FastifyRequest } from 'fastify';
import type { Database } from './db/database.js';
import type { ProcedureRegistry } from './procedures.js';

/** A text in Vietnamese and English. */
export interface Bilingual {
  vi: string;
  en: string;
}

/** A counter (quầy) of the site, where queue tickets send citizens. */
export interface Counter {
  /** What the ticket shows, such as `"1"` or `"A"`. */
  id: string;
  /** Its name on slips: `Quầy <id>` / `Counter <id>` unless the site names it. */
  name: Bilingual;
  /** The procedures handled there (ids); all of them when absent. */
  procedures?: string[];
}

/** A procedure the site does not take, and where to go for it instead. */
export interface ElsewhereEntry {
  /** Words a citizen may type for it. */
  keywords: Bilingual[];
  title: Bilingual;
  /** Where to go instead, in a sentence that says what to do. */
  where: Bilingual;
}

/**
 * The site this server serves: a commune's one-stop counter (Bộ phận Một cửa), a district
 * office or a province's centre, from its site file (`schema/site.schema.json`).
 */
export interface Site {
  /** Short, in capitals and digits (such as `HK` or `XA-0331`): it is part of every dossier code. */
  id: string;
  name: Bilingual;
  counters: Counter[];
  /** Where days start, for dossier codes and queue numbers: `Asia/Ho_Chi_Minh` by default. */
  timeZone: string;
  /** The province (2 digits) and, for a commune, the commune (5 digits) since 1 July 2025. */
  administrativeCode?: { province: string; commune?: string };
  /** When the site is open, as citizens read it. */
  openingHours?: Bilingual;
  /** The languages the kiosk offers, Vietnamese first. */
  languages: Locale[];
  /** Whether walk-ins may bring papers to the counter instead of uploading them. */
  filesAtCounter: boolean;
  /** Procedures the site does not take, and where to go instead. */
  elsewhere: ElsewhereEntry[];
}

/** Sizes, counts and times the server holds requests to. */
export interface Limits {
  /** The largest JSON body, in bytes (1 MiB by default). */
  bodyBytes: number;
  /** The largest file, in bytes, when the field sets no `maxSize` (10 MiB by default). */
  fileBytes: number;
  /** API requests per client address per minute (600 by default). */
  requestsPerMinute: number;
  /** Draft and dossier-status lookups per client address per minute (20 by default). */
  lookupsPerMinute: number;
  /** How long a draft is kept, in days (7 by default). */
  draftDays: number;
}

/**
 * A check a pack adds to the engine's own `validate`, run by the server on every dossier before
 * it is stored (such as Vietnam's address check against the current list of communes).
 */
export type DossierCheck = (
  procedure: Procedure,
  answers: Answers,
  options: { locale: Locale },
) => Promise<ValidationError[]>;

/** What every route of the service shares. */
export interface Context {
  db: Database;
  procedures: ProcedureRegistry;
  site: Site;
  limits: Limits;
  checks: readonly DossierCheck[];
  /** The time now: injectable, so day boundaries are tested without waiting. */
  now: () => Date;
  /** When set, volunteer and staff routes need `Authorization: Bearer <staffToken>`. */
  staffToken: string | undefined;
}

/**
 * The language to answer in: the body's `locale`, else the first of vi and en in
 * `Accept-Language` by preference; Vietnamese by default.
 */
export function localeOf(request: FastifyRequest): Locale {
  const body = request.body as { locale?: unknown } | undefined;
  if (body && typeof body === 'object' && (body.locale === 'vi' || body.locale === 'en')) {
    return body.locale;
  }
  const header = request.headers['accept-language'];
  if (typeof header !== 'string') return 'vi';
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { language: tag.trim().toLowerCase().split('-')[0], q: q ? Number(q) : 1, index };
    })
    .filter((entry) => entry.q > 0 && (entry.language === 'vi' || entry.language === 'en'))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return (ranked[0]?.language as Locale | undefined) ?? 'vi';
}
