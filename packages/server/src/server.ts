import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import Fastify from 'fastify';
import type {
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifyServerOptions,
} from 'fastify';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import type { Context, DossierCheck, Limits, Site } from './context.js';
import { localeOf } from './context.js';
import type { Database } from './db/database.js';
import { migrate } from './db/migrations.js';
import { openPglite } from './db/pglite.js';
import { openPostgres } from './db/postgres.js';
import { jsonText } from './json-body.js';
import { Problem } from './problems.js';
import { answerClientError, toProblem } from './request-errors.js';
import type { ProcedureSource } from './procedures.js';
import { ProcedureRegistry } from './procedures.js';
import { postgresRateLimitStore, sweepRateLimits } from './rate-limit-store.js';
import { catalogueRoutes } from './routes/catalogue.js';
import { dossierRoutes } from './routes/dossiers.js';
import { draftRoutes } from './routes/drafts.js';
import { helpRoutes } from './routes/help.js';
import { insightRoutes } from './routes/insights.js';
import type { AssetMount, PageMount } from './routes/pages.js';
import { pageRoutes } from './routes/pages.js';
import { ticketRoutes } from './routes/tickets.js';
import type { SiteConfig } from './site.js';
import { ServerConfigError, checkAdministrativeCode, readSiteFile, resolveSite } from './site.js';

export { ServerConfigError } from './site.js';
import { problems, sharedSchemas } from './schemas.js';

/** Options of {@link createServer}. Paths are relative to `cwd`. */
export interface ServerOptions {
  /** Where relative paths and module specifiers start: the current folder by default. */
  cwd?: string;
  /** An open database to use (and not close): tests, or a host that manages its own. */
  database?: Database;
  /** A PostgreSQL server (`postgres://…`): what a province runs. Without it, embedded PGlite. */
  databaseUrl?: string;
  /** Where embedded PGlite keeps its files: `.motcua-data` by default. */
  dataDir?: string;
  /**
   * The site served: a site file's path (relative to `cwd`), or its content; by default site
   * `DEMO` with one counter `"1"` for everything.
   */
  site?: SiteConfig | string;
  /** Folders of `*.procedure.json`, with the packs they use. */
  procedures?: readonly ProcedureSource[];
  /** Checks run on every dossier after `validate`: functions, or modules exporting `check`. */
  checks?: readonly (DossierCheck | string)[];
  /** The runtime bundle (`motcua.js`) pages and procedures import; served beside every page. */
  runtime?: string;
  /** Folders of pages and where they are served. */
  pages?: readonly PageMount[];
  /** Files and folders served beside every page. */
  assets?: readonly AssetMount[];
  limits?: Partial<Limits>;
  /** When set, the volunteers' routes need `Authorization: Bearer <staffToken>`. */
  staffToken?: string;
  /** Behind a load balancer: trust its `X-Forwarded-For` (see fastify's `trustProxy`). */
  trustProxy?: boolean | string;
  /** The time now, for tests. */
  now?: () => Date;
  /** fastify's logger: off by default here, on in the `motcua-server` command. */
  logger?: FastifyServerOptions['logger'];
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The service's shared state: its database, procedures and site. */
    motcua: Context;
  }
}

/** The site served when none is configured: `DEMO`, one counter `"1"` for every procedure. */
export const DEFAULT_SITE: Site = resolveSite();

export const DEFAULT_LIMITS: Limits = {
  bodyBytes: 1024 * 1024,
  fileBytes: 10 * 1024 * 1024,
  requestsPerMinute: 600,
  lookupsPerMinute: 20,
  draftDays: 7,
};

/**
 * The policy pages are served under: scripts and styles only from the site's own files, no
 * inline code, no eval, and every HTML or script sink needs a Trusted Type; `lit-html` is the one
 * policy the runtime makes (motcua itself writes no HTML string).
 */
const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  requireTrustedTypesFor: ["'script'"],
  trustedTypes: ['lit-html'],
};

/**
 * Every procedure a counter lists is one the site serves, and every procedure the site serves
 * has a counter that takes it, so a queue ticket always has somewhere to go.
 */
function checkSiteProcedures(site: Site, served: readonly string[], source: string): void {
  const problems: string[] = [];
  site.counters.forEach((counter, index) => {
    (counter.procedures ?? []).forEach((id, p) => {
      if (!served.includes(id)) {
        problems.push(
          `  ${source}: /counters/${index}/procedures/${p}: "${id}" is not a procedure of this site; use one of ${served.join(', ') || '(none loaded)'}`,
        );
      }
    });
  });
  for (const id of served) {
    if (!site.counters.some((counter) => !counter.procedures || counter.procedures.includes(id))) {
      problems.push(
        `  ${source}: /counters: no counter takes "${id}"; add it to a counter's "procedures", or leave one counter without a list (it takes every procedure)`,
      );
    }
  }
  if (problems.length > 0) {
    throw new ServerConfigError(
      `the site has ${problems.length} problem(s):\n${problems.join('\n')}`,
    );
  }
}

async function loadCheck(entry: DossierCheck | string, cwd: string): Promise<DossierCheck> {
  if (typeof entry === 'function') return entry;
  let module: { check?: unknown; default?: unknown };
  try {
    const path = createRequire(join(cwd, 'noop.js')).resolve(entry);
    module = (await import(pathToFileURL(path).href)) as typeof module;
  } catch (error) {
    throw new ServerConfigError(
      `the check "${entry}" cannot be loaded from ${cwd}: ${(error as Error).message}; install it, or fix "checks" in the configuration`,
    );
  }
  const check = module.check ?? module.default;
  if (typeof check !== 'function') {
    throw new ServerConfigError(
      `the module "${entry}" exports no check; export a function named "check"`,
    );
  }
  return check as DossierCheck;
}

/**
 * The motcua service: pages, compiled procedures and the API, on PostgreSQL. The database is
 * opened, migrated and the procedures loaded when the server gets ready (`ready()` or
 * `listen()`), so a wrong configuration fails there, before any request.
 *
 * @example
 * const server = createServer({
 *   procedures: [{ dir: 'procedures', packs: ['@motcua/vn/pack'] }],
 *   site: { id: 'HK', name: { vi: 'UBND phường Hoàn Kiếm', en: 'Hoan Kiem Ward' } },
 * });
 * await server.listen({ port: 8000, host: '0.0.0.0' });
 */
export function createServer(options: ServerOptions = {}): FastifyInstance {
  const cwd = resolve(options.cwd ?? process.cwd());
  const at = (path: string) => (isAbsolute(path) ? path : join(cwd, path));
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const siteSource = typeof options.site === 'string' ? at(options.site) : 'site';
  const site = resolveSite(
    typeof options.site === 'string' ? readSiteFile(siteSource) : options.site,
    siteSource,
  );

  /** Any error as its problem: from routes, parsers and hooks, and from fastify's router. */
  const answerProblem = (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const problem = toProblem(error, request, limits);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    return reply
      .code(problem.status)
      .headers(problem.headers)
      .type('application/problem+json; charset=utf-8')
      .send(problem.toDocument(localeOf(request), request.url));
  };

  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: limits.bodyBytes,
    trustProxy: options.trustProxy ?? false,
    http2: false,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: true } },
    // Multipart requests are checked by the route; every other body must be JSON.
    return503OnClosing: true,
    // The first start on a new data folder runs PGlite's initdb, then migrations and procedure
    // builds: over fastify's default 10 s on a busy 2-core machine, which failed the start.
    pluginTimeout: 120_000,
    // Without these, a broken %-escape, an over-long path parameter and a request Node's parser
    // refuses would be answered in fastify's own JSON, not as problems.
    frameworkErrors: answerProblem,
    clientErrorHandler: answerClientError,
  });

  for (const schema of sharedSchemas) app.addSchema(schema);
  // Every body is JSON, or multipart for files: anything else is refused with 415, not parsed.
  app.removeContentTypeParser('text/plain');
  // fastify's own JSON parser (5.12) answers a `__proto__` or `constructor.prototype` key with
  // FST_ERR_CTP_INVALID_JSON_BODY and drops the cause, so a client would be told "not JSON".
  // JSON.parse makes `__proto__` an own key (no pollution); the reviver refuses it by name.
  const parseJson = (
    _request: FastifyRequest,
    bytes: string | Buffer,
    done: (error: Error | null, body?: unknown) => void,
  ) => {
    let body: string;
    try {
      body = jsonText(bytes as Buffer);
    } catch (error) {
      done(error as Error, undefined);
      return;
    }
    if (body === '') {
      done(new Problem('invalid-json', {}, { reason: 'The body is empty.' }), undefined);
      return;
    }
    try {
      done(
        null,
        JSON.parse(body as string, (key, value: unknown) => {
          const prototypeKey =
            key === 'constructor' &&
            typeof value === 'object' &&
            value !== null &&
            Object.hasOwn(value, 'prototype');
          if (key === '__proto__' || prototypeKey) throw new Problem('forbidden-key', { key });
          return value;
        }),
      );
    } catch (error) {
      done(error as Error, undefined);
    }
  };
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, parseJson);

  app.setErrorHandler(answerProblem);
  app.setNotFoundHandler((request, reply) => {
    const problem = new Problem('not-found', {
      method: request.method,
      path: request.url.split('?')[0],
    });
    return reply
      .code(404)
      .type('application/problem+json; charset=utf-8')
      .send(problem.toDocument(localeOf(request), request.url));
  });

  app.register(fastifyHelmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    // Kiosks on a local network are often plain http: HSTS would only confuse a later https.
    strictTransportSecurity: false,
  });
  app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'motcua',
        version: '0.1.0',
        description:
          'The service behind motcua’s guided forms: the catalogue of procedures, dossiers filed exactly once, their files, queue tickets, drafts by resume code and help calls. Every error is application/problem+json (RFC 9457) with a Vietnamese and English detail.',
      },
      tags: [
        { name: 'catalogue' },
        { name: 'dossiers' },
        { name: 'tickets' },
        { name: 'drafts' },
        { name: 'help' },
        { name: 'insights' },
      ],
    },
    refResolver: {
      buildLocalReference: (json, _base, _fragment, index) => String(json.$id ?? `schema-${index}`),
    },
  });

  app.register(async (service) => {
    const ownDatabase = !options.database;
    const db =
      options.database ??
      (options.databaseUrl
        ? await openPostgres(options.databaseUrl)
        : await openPglite(at(options.dataDir ?? '.motcua-data')));
    service.addHook('onClose', async () => {
      if (ownDatabase) await db.close();
    });
    if ('recovered' in db && db.recovered) {
      app.log.warn(
        'the embedded database was not closed cleanly last time; PostgreSQL recovered it',
      );
    }
    const applied = await migrate(db);
    if (applied.length > 0) app.log.info({ migrations: applied }, 'database schema updated');

    const procedures = await ProcedureRegistry.load(
      (options.procedures ?? []).map((source) => ({ ...source, dir: at(source.dir) })),
      { cwd, runtime: '../motcua.js' },
    );
    checkSiteProcedures(site, procedures.ids, siteSource);
    const usesVn = [
      ...(options.checks ?? []),
      ...(options.procedures ?? []).flatMap((source) => source.packs ?? []),
    ].some((entry) => typeof entry === 'string' && entry.startsWith('@motcua/vn'));
    if (usesVn) checkAdministrativeCode(site, cwd, siteSource);
    if (!options.staffToken) {
      app.log.warn(
        'no staffToken: anyone who reaches this server can read the help calls, the dossiers kiosks share with volunteers and the insights report; set MOTCUA_STAFF_TOKEN',
      );
    }
    const checks = await Promise.all((options.checks ?? []).map((entry) => loadCheck(entry, cwd)));
    const context: Context = {
      db,
      procedures,
      site,
      limits,
      checks,
      now: options.now ?? (() => new Date()),
      staffToken: options.staffToken,
    };
    app.decorate('motcua', context);

    await service.register(fastifyRateLimit, {
      global: true,
      max: limits.requestsPerMinute,
      timeWindow: 60_000,
      store: postgresRateLimitStore(db) as unknown as FastifyRateLimitStoreCtor,
      // A database that cannot count must not also stop the request: it fails on its own.
      skipOnError: true,
      allowList: (request) => !request.url.startsWith('/api/'),
      errorResponseBuilder: (_request, limit) =>
        new Problem('rate-limited', { seconds: Math.max(1, Math.ceil(limit.ttl / 1000)) }),
    });
    const sweep = setInterval(() => void sweepRateLimits(db).catch(() => undefined), 10 * 60_000);
    sweep.unref();
    service.addHook('onClose', async () => clearInterval(sweep));

    await service.register(fastifyMultipart, {
      limits: { fileSize: limits.fileBytes, files: 20, fields: 20, parts: 40, headerPairs: 100 },
    });

    service.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
    service.get(
      '/api/health',
      {
        schema: {
          summary: 'Whether this instance can reach its database',
          tags: ['catalogue'],
          response: {
            200: {
              type: 'object',
              properties: { status: { type: 'string' }, database: { type: 'string' } },
            },
            ...problems,
          },
        },
      },
      async () => {
        await db.query('SELECT 1');
        return { status: 'ok', database: db.kind };
      },
    );
    await service.register(async (scope) => catalogueRoutes(scope, context));
    await service.register(async (scope) => dossierRoutes(scope, context));
    await service.register(async (scope) => ticketRoutes(scope, context));
    await service.register(async (scope) => draftRoutes(scope, context));
    await service.register(async (scope) => helpRoutes(scope, context));
    await service.register(async (scope) => {
      // navigator.sendBeacon sends a session's summary as text/plain to avoid a CORS preflight:
      // here only, such a body is read as the JSON it holds.
      scope.addContentTypeParser('text/plain', { parseAs: 'buffer' }, parseJson);
      await insightRoutes(scope, context);
    });
    await service.register(async (scope) =>
      pageRoutes(scope, {
        ...context,
        pages: (options.pages ?? []).map((page) => ({ ...page, dir: at(page.dir) })),
        assets: (options.assets ?? []).map((asset) => ({
          ...asset,
          ...(asset.file && { file: at(asset.file) }),
          ...(asset.dir && { dir: at(asset.dir) }),
        })),
        runtime: options.runtime ? at(options.runtime) : undefined,
      }),
    );
  });

  return app;
}
