import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import { MotcuaError } from '@motcua/core';
import type { ServerOptions } from './server.js';
import { readSiteFile, siteProblems } from './site.js';

/** Thrown when the configuration file or an environment variable is wrong. */
export class ConfigError extends MotcuaError {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** What the `motcua-server` command runs with: the server's options and where to listen. */
export interface ServerConfig extends ServerOptions {
  port: number;
  host: string;
  /** pino's level: `info` by default; `silent` for none. */
  logLevel: string;
  /** The configuration file read, if any. */
  file: string | undefined;
}

/** The name looked for in the working folder when neither `--config` nor MOTCUA_CONFIG says. */
export const CONFIG_FILE = 'motcua.config.json';

const path = { type: 'string', minLength: 1 };

/** The configuration file's schema: every key documented in docs/server.md. */
export const CONFIG_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    port: { type: 'integer', minimum: 0, maximum: 65535 },
    host: { type: 'string', minLength: 1 },
    dataDir: path,
    databaseUrl: { type: 'string', pattern: '^postgres(ql)?://' },
    logLevel: { enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] },
    trustProxy: { type: ['boolean', 'string'] },
    staffToken: { type: 'string', minLength: 16 },
    site: {
      description:
        'A site file (relative to this file), or the site itself: both are checked against schema/site.schema.json.',
      type: ['string', 'object'],
    },
    procedures: {
      type: 'array',
      items: {
        type: 'object',
        required: ['dir'],
        additionalProperties: false,
        properties: { dir: path, packs: { type: 'array', items: { type: 'string' } } },
      },
    },
    checks: { type: 'array', items: { type: 'string' } },
    runtime: path,
    pages: {
      type: 'array',
      items: {
        type: 'object',
        required: ['path', 'dir'],
        additionalProperties: false,
        properties: { path: { type: 'string', pattern: '^/' }, dir: path },
      },
    },
    assets: {
      type: 'array',
      items: {
        type: 'object',
        required: ['path'],
        additionalProperties: false,
        properties: { path: { type: 'string', minLength: 1 }, file: path, dir: path },
        oneOf: [{ required: ['file'] }, { required: ['dir'] }],
      },
    },
    limits: {
      type: 'object',
      additionalProperties: false,
      properties: {
        bodyBytes: { type: 'integer', minimum: 1024 },
        fileBytes: { type: 'integer', minimum: 1024 },
        requestsPerMinute: { type: 'integer', minimum: 1 },
        lookupsPerMinute: { type: 'integer', minimum: 1 },
        draftDays: { type: 'integer', minimum: 1, maximum: 90 },
      },
    },
  },
} as const;

// allowUnionTypes: `trustProxy` is a boolean or a string; without it Ajv's strict mode prints a
// warning on stderr at every start.
const validateConfig = new Ajv({ allErrors: true, allowUnionTypes: true }).compile(CONFIG_SCHEMA);

function integer(name: string, value: string): number {
  // Over 65535, listen() would throw a RangeError the command does not explain.
  if (!/^\d+$/.test(value) || Number(value) > 65535)
    throw new ConfigError(
      `${name}=${value} is not a port (a whole number from 0 to 65535); give one such as ${name}=8000`,
    );
  return Number(value);
}

/**
 * Reads the configuration: the file (from `--config`, MOTCUA_CONFIG, or `motcua.config.json` in
 * `cwd` when there is one), then the environment, which wins: PORT, HOST, DATABASE_URL,
 * MOTCUA_DATA_DIR, MOTCUA_SITE (a site file), MOTCUA_SITE_ID, MOTCUA_STAFF_TOKEN, MOTCUA_TRUST_PROXY, MOTCUA_LOG_LEVEL.
 * Paths in the file are relative to the file's folder; in the environment, to `cwd`.
 *
 * @throws {ConfigError} naming the key and what to write instead
 * @example
 * const config = await loadConfig({ cwd: process.cwd(), env: process.env });
 * await createServer(config).listen({ port: config.port, host: config.host });
 */
export async function loadConfig(options: {
  cwd: string;
  env: Record<string, string | undefined>;
  file?: string;
}): Promise<ServerConfig> {
  const { cwd, env } = options;
  const named = options.file ?? env.MOTCUA_CONFIG;
  const file = named
    ? resolve(cwd, named)
    : existsSync(join(cwd, CONFIG_FILE))
      ? join(cwd, CONFIG_FILE)
      : undefined;
  let raw: Record<string, unknown> = {};
  if (file) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw new ConfigError(
        `the configuration file ${file} cannot be read (${(error as NodeJS.ErrnoException).code}); check MOTCUA_CONFIG or --config`,
      );
    }
    try {
      raw = JSON.parse(text) as Record<string, unknown>;
    } catch (error) {
      throw new ConfigError(`${file} is not JSON: ${(error as Error).message}`);
    }
    const lines = validateConfig(raw)
      ? []
      : (validateConfig.errors ?? []).map((issue) => {
          const extra = (issue.params as { additionalProperty?: string }).additionalProperty;
          const pointer = `${issue.instancePath}${extra ? `/${extra}` : ''}` || '/';
          return `  ${pointer}: ${issue.message ?? 'is not valid'}`;
        });
    // A site written inline is checked as a site file is, its defaults filled in.
    const inline = raw.site;
    if (inline !== null && typeof inline === 'object' && !Array.isArray(inline)) {
      const problems = siteProblems({
        id: 'DEMO',
        name: 'site',
        counters: [{ id: '1' }],
        ...(inline as object),
      });
      lines.push(...problems.map((problem) => `  /site${problem.pointer}: ${problem.message}`));
    }
    if (lines.length > 0) {
      throw new ConfigError(`${file} has ${lines.length} problem(s):\n${lines.join('\n')}`);
    }
  }
  const base = file ? dirname(file) : cwd;
  const from = (folder: string) => (value: unknown) =>
    typeof value === 'string' && !isAbsolute(value) ? join(folder, value) : (value as string);
  const inFile = from(base);
  const config = raw as Partial<ServerConfig> & { site?: ServerConfig['site'] };
  // A site file is read now, so a broken one stops the start with its own file named.
  const siteFile = (path: string): string => {
    try {
      readSiteFile(path);
    } catch (error) {
      throw new ConfigError((error as Error).message);
    }
    return path;
  };

  const result: ServerConfig = {
    cwd: base,
    file,
    port: config.port ?? 8000,
    host: config.host ?? '127.0.0.1',
    logLevel: config.logLevel ?? 'info',
    dataDir: inFile(config.dataDir ?? '.motcua-data'),
    ...(config.databaseUrl !== undefined && { databaseUrl: config.databaseUrl }),
    ...(config.site !== undefined && {
      site: typeof config.site === 'string' ? siteFile(inFile(config.site)) : config.site,
    }),
    procedures: (config.procedures ?? []).map((source) => ({ ...source, dir: inFile(source.dir) })),
    checks: config.checks ?? [],
    ...(config.runtime !== undefined && { runtime: inFile(config.runtime) }),
    pages: (config.pages ?? []).map((page) => ({ ...page, dir: inFile(page.dir) })),
    assets: (config.assets ?? []).map((asset) => ({
      ...asset,
      ...(asset.file !== undefined && { file: inFile(asset.file) }),
      ...(asset.dir !== undefined && { dir: inFile(asset.dir) }),
    })),
    ...(config.limits !== undefined && { limits: config.limits }),
    ...(config.staffToken !== undefined && { staffToken: config.staffToken }),
    ...(config.trustProxy !== undefined && { trustProxy: config.trustProxy }),
  };

  if (env.PORT !== undefined && env.PORT !== '') result.port = integer('PORT', env.PORT);
  if (env.HOST) result.host = env.HOST;
  if (env.DATABASE_URL) {
    if (!/^postgres(ql)?:\/\//.test(env.DATABASE_URL)) {
      throw new ConfigError(
        'DATABASE_URL must be a PostgreSQL URL, such as postgres://motcua@db.internal:5432/motcua',
      );
    }
    result.databaseUrl = env.DATABASE_URL;
  }
  if (env.MOTCUA_DATA_DIR) result.dataDir = from(cwd)(env.MOTCUA_DATA_DIR);
  if (env.MOTCUA_SITE) result.site = siteFile(from(cwd)(env.MOTCUA_SITE));
  if (env.MOTCUA_SITE_ID) {
    const site = typeof result.site === 'string' ? readSiteFile(result.site) : result.site;
    result.site = { ...site, id: env.MOTCUA_SITE_ID };
  }
  if (env.MOTCUA_STAFF_TOKEN) {
    // The same floor as "staffToken" in the file: a short token is guessed.
    if (env.MOTCUA_STAFF_TOKEN.length < CONFIG_SCHEMA.properties.staffToken.minLength) {
      throw new ConfigError(
        `MOTCUA_STAFF_TOKEN is ${env.MOTCUA_STAFF_TOKEN.length} characters; give at least ${CONFIG_SCHEMA.properties.staffToken.minLength}, such as the output of \`openssl rand -hex 16\``,
      );
    }
    result.staffToken = env.MOTCUA_STAFF_TOKEN;
  }
  if (env.MOTCUA_TRUST_PROXY) {
    result.trustProxy =
      env.MOTCUA_TRUST_PROXY === 'true'
        ? true
        : env.MOTCUA_TRUST_PROXY === 'false'
          ? false
          : env.MOTCUA_TRUST_PROXY;
  }
  if (env.MOTCUA_LOG_LEVEL) {
    // pino throws a plain Error at start on an unknown level: say here which ones there are.
    const levels: readonly string[] = CONFIG_SCHEMA.properties.logLevel.enum;
    if (!levels.includes(env.MOTCUA_LOG_LEVEL)) {
      throw new ConfigError(
        `MOTCUA_LOG_LEVEL=${env.MOTCUA_LOG_LEVEL} is not a log level; use one of ${levels.join(', ')}`,
      );
    }
    result.logLevel = env.MOTCUA_LOG_LEVEL;
  }
  if (result.runtime && !existsSync(result.runtime)) {
    throw new ConfigError(
      `the runtime ${result.runtime} is missing; build it with \`npm run build\` (in the motcua repository) or point "runtime" at motcua.js`,
    );
  }
  return result;
}
