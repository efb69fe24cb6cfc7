// What the server's tests share: the repository's real procedures, a server on embedded PGlite or
// on a real PostgreSQL, and a fresh PostgreSQL database per test file.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import type { Database, ServerOptions } from '@motcua/server';
import { createServer, openMemoryPglite, openPostgres } from '@motcua/server';
import { ensurePostgres, startPostgres } from '../../../scripts/postgres.mjs';

export const REPO = join(import.meta.dirname, '..', '..', '..');

/** The repository's real procedures, as motcua.config.json serves them. */
export const PROCEDURES: ServerOptions['procedures'] = [
  { dir: join(REPO, 'examples', 'procedures'), packs: ['@motcua/vn/pack'] },
  { dir: join(REPO, 'packages', 'vn', 'procedures'), packs: ['@motcua/vn/pack'] },
];

interface Cases {
  cases: { name?: string; valid: boolean; answers: Record<string, unknown> }[];
}

function cases(file: string): Cases {
  return JSON.parse(readFileSync(join(REPO, file), 'utf8')) as Cases;
}

/** A valid birth registration, from its example cases. */
export const BIRTH = {
  procedure: 'birth-registration',
  version: '1.0.0',
  answers: cases('examples/procedures/birth-registration.cases.json').cases.find((c) => c.valid)!
    .answers,
};

/** A valid permanent residence (it has an address field, checked against Vietnam's data). */
export const RESIDENCE = {
  procedure: 'permanent-residence',
  version: '1.0.0',
  answers: cases('packages/vn/procedures/permanent-residence.cases.json').cases.find(
    (c) => c.valid,
  )!.answers,
};

let cluster: Promise<{ url: string; stop: () => void } | undefined> | undefined;

/**
 * The PostgreSQL the tests use: `npm test` starts one and passes MOTCUA_TEST_POSTGRES_URL; a file
 * run alone starts its own. Undefined when PostgreSQL is not installed and this is not CI (in
 * CI a missing PostgreSQL is a failure, not a skip).
 */
export function postgresCluster(): Promise<{ url: string; stop: () => void } | undefined> {
  cluster ??= (async () => {
    const url = process.env.MOTCUA_TEST_POSTGRES_URL;
    if (url) return { url, stop: () => undefined };
    const bin = process.env.CI ? ensurePostgres() : ensurePostgresQuietly();
    if (!bin) {
      if (process.env.CI)
        throw new Error('PostgreSQL is required in CI and could not be installed');
      return undefined;
    }
    const started = await startPostgres({ bin });
    process.once('exit', () => started.stop());
    return started;
  })();
  return cluster;
}

function ensurePostgresQuietly(): string | undefined {
  try {
    return ensurePostgres();
  } catch {
    return undefined;
  }
}

/** Why PostgreSQL tests are skipped, or false when they run. */
export async function postgresSkip(): Promise<string | false> {
  return (await postgresCluster())
    ? false
    : 'PostgreSQL is not installed (apt-get install -y postgresql)';
}

/** A new, empty database on the test cluster: its URL. */
export async function freshPostgresDatabase(): Promise<string> {
  const found = await postgresCluster();
  if (!found) throw new Error('no PostgreSQL for this test; see postgresSkip()');
  const name = `motcua_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: found.url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(found.url);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The two kinds of database every server test runs on. */
export const BACKENDS = [
  { name: 'PGlite', open: (): Promise<Database> => openMemoryPglite() },
  {
    name: 'PostgreSQL',
    open: async (): Promise<Database> => openPostgres(await freshPostgresDatabase()),
  },
] as const;

/** A server on `database` with the real procedures and the Vietnam check, ready for requests. */
export async function testServer(
  database: Database,
  options: ServerOptions = {},
): Promise<FastifyInstance> {
  const server = createServer({
    database,
    procedures: PROCEDURES,
    checks: ['@motcua/vn/server'],
    cwd: REPO,
    limits: { requestsPerMinute: 100_000, lookupsPerMinute: 1000 },
    ...options,
  });
  await server.ready();
  return server;
}

/** A random Idempotency-Key, as a page makes one. */
export const newKey = () => `test-${randomBytes(12).toString('hex')}`;
