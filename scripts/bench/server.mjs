// The service part of `npm run bench`: dossiers per second through POST /api/dossiers, and each
// request's latency, over real HTTP on 127.0.0.1, against @motcua/server (from its sources) on
// embedded PGlite in a temporary data folder, and on a throwaway PostgreSQL with fsync on
// (scripts/postgres.mjs, `durable: true`), as a province runs it.
//
// Every request is the valid birth registration of the server's tests with its own
// Idempotency-Key (autocannon's `[<id>]` replacement), so every 201 stores a new dossier; one more
// run on PGlite sends one key again and again: the replay path. autocannon runs in a worker thread
// (scripts/bench/load.mjs) with a fixed number of keep-alive connections. A warm-up of 25 requests
// a connection comes first; the measured run then sends a fixed count, what the rate of the
// warm-up's second half gives in the duration asked, so that every request has been answered when
// the rows are counted (a run stopped by the clock leaves requests in flight that may still
// commit). After each run the rows added to `dossiers` must equal the 201 answers (none for
// replays), and every answer must be a 201: the bench throws otherwise.
//
// The server's per-address rate limit (600 requests a minute by default) is raised out of the
// way, as every request comes from 127.0.0.1; its count is still kept, one upsert a request in
// the same database, as in production.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { createServer } from '@motcua/server';
import { BIRTH, PROCEDURES } from '../../packages/server/test/helpers.ts';
import { ensurePostgres, startPostgres } from '../postgres.mjs';

/** Requests a minute from one address: far above what a run sends. */
const RATE_LIMIT = 100_000_000;
const WARMUP_PER_CONNECTION = 25;

/** One autocannon run in a worker thread: `{ seconds, latencies, statusCodes, errors, … }`. */
function load(options) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./load.mjs', import.meta.url), {
      workerData: options,
      // Plain Node: load.mjs needs no TypeScript loader.
      execArgv: [],
    });
    let answer;
    worker.once('message', (message) => (answer = message));
    worker.once('error', reject);
    worker.once('exit', (code) =>
      answer && code === 0
        ? resolve(answer)
        : reject(new Error(`bench: the load generator stopped (exit code ${code})`)),
    );
  });
}

/** The `p`th percentile, nearest rank. */
function percentile(sorted, p) {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

const round = (value, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Throws unless every answer of `run` was a 201 and it had no error or timeout. */
function allCreated(run, label) {
  const other = Object.entries(run.statusCodes).filter(([status]) => status !== '201');
  if (other.length || run.errors || run.timeouts) {
    throw new Error(
      `bench: ${label}: answers ${JSON.stringify(run.statusCodes)}, ${run.errors} errors, ` +
        `${run.timeouts} timeouts: every answer must be a 201`,
    );
  }
  return run.statusCodes['201'] ?? 0;
}

/** A server with the repository's procedures on `database`, on a free port of 127.0.0.1. */
async function listen(root, database) {
  const server = createServer({
    ...database,
    cwd: root,
    procedures: PROCEDURES,
    checks: ['@motcua/vn/server'],
    limits: { requestsPerMinute: RATE_LIMIT },
    logger: false,
  });
  const origin = await server.listen({ port: 0, host: '127.0.0.1' });
  return { server, url: `${origin}/api/dossiers` };
}

/** The PostgreSQL version of the server's database. */
async function version(server) {
  const { rows } = await server.motcua.db.query("SELECT current_setting('server_version') AS v");
  return String(rows[0]?.v).split(' ')[0];
}

/**
 * A warm-up, then the measured run, of POST /api/dossiers; the rows of `dossiers` checked after
 * each. `key`: one Idempotency-Key for every request (replays), or a new one each by default.
 */
async function measure(server, url, label, { connections, seconds, key }) {
  const rows = async () =>
    Number((await server.motcua.db.query('SELECT count(*)::int AS n FROM dossiers')).rows[0]?.n);
  const options = (amount) => ({
    url,
    method: 'POST',
    connections,
    amount,
    timeout: 30,
    headers: {
      'content-type': 'application/json',
      'idempotency-key': key ?? 'bench-[<id>]',
    },
    idReplacement: !key,
    body: JSON.stringify(BIRTH),
  });
  const checkRows = (added, answered, what) => {
    // A replay stores nothing; the first request with a new key, one dossier.
    const expected = key ? (what === 'warm-up' ? 1 : 0) : answered;
    if (added !== expected) {
      throw new Error(
        `bench: ${label}, ${what}: ${answered} answers 201 but ${added} rows added to ` +
          `dossiers (expected ${expected})`,
      );
    }
  };

  const before = await rows();
  const warm = await load(options(connections * WARMUP_PER_CONNECTION));
  const warmCreated = allCreated(warm, `${label}, warm-up`);
  const afterWarmup = await rows();
  checkRows(afterWarmup - before, warmCreated, 'warm-up');

  // The rate of the warm-up's second half, once the server's code is compiled and warm.
  const half = Math.floor(warm.times.length / 2);
  const rate = (warm.times.length - 1 - half) / ((warm.times.at(-1) - warm.times[half]) / 1000);
  const amount = Math.max(connections * WARMUP_PER_CONNECTION, Math.round(rate * seconds));
  const run = await load(options(amount));
  const created = allCreated(run, label);
  const after = await rows();
  checkRows(after - afterWarmup, created, 'run');
  console.log(
    `bench: ${label}: ${created} answers 201 in ${run.seconds.toFixed(1)} s; ` +
      `rows in dossiers ${afterWarmup} → ${after} (+${after - afterWarmup}` +
      `${key ? ', replays store nothing' : ', one per answer'}): checked; ` +
      `load average ${loadavg()[0].toFixed(2)}`,
  );

  const sorted = Array.from(run.latencies).sort((a, b) => a - b);
  return {
    key: key ? 'replayed' : 'new',
    connections,
    requests: created,
    seconds: round(run.seconds, 2),
    perSecond: round(created / run.seconds, 0),
    latencyMs: {
      p50: round(percentile(sorted, 50)),
      p95: round(percentile(sorted, 95)),
      p99: round(percentile(sorted, 99)),
      max: round(sorted[sorted.length - 1]),
    },
    rows: { before, afterWarmup, after },
    warmupRequests: warm.latencies.length,
    loadAverageAfter: round(loadavg()[0], 2),
  };
}

/**
 * The service benchmark: runs on PGlite (new keys, then one key replayed) and on PostgreSQL
 * (new keys). PostgreSQL is skipped, and said so, when it is not installed and cannot be.
 * @param {{ root: string, connections: number, seconds: number }} settings
 */
export async function benchServer({ root, connections, seconds }) {
  const results = {
    measuredAt: new Date().toISOString(),
    // The machine is shared: its 1-minute load average before the first run (and after each).
    loadAverageBefore: round(loadavg()[0], 2),
    settings: {
      connections,
      seconds,
      warmupRequests: connections * WARMUP_PER_CONNECTION,
      requestsPerMinuteLimit: RATE_LIMIT,
    },
    runs: {},
  };
  const settings = { connections, seconds };

  const dataDir = mkdtempSync(join(tmpdir(), 'motcua-bench-pglite-'));
  try {
    console.log(`bench: service on PGlite in ${dataDir}`);
    const { server, url } = await listen(root, { dataDir });
    try {
      const database = `PGlite, PostgreSQL ${await version(server)} in WASM (temp folder)`;
      results.runs.pglite = {
        database,
        ...(await measure(server, url, 'PGlite, a new key each', settings)),
      };
      results.runs.pgliteReplay = {
        database,
        ...(await measure(server, url, 'PGlite, one key replayed', {
          ...settings,
          key: `bench-replay-${Date.now()}`,
        })),
      };
    } finally {
      await server.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }

  const bin = ensurePostgres();
  if (!bin) {
    console.log('bench: PostgreSQL is not installed: its figure is skipped');
    results.runs.postgres = { skipped: 'PostgreSQL is not installed' };
    return results;
  }
  const cluster = await startPostgres({ bin, durable: true });
  try {
    console.log(`bench: service on PostgreSQL (fsync on) at ${cluster.url}`);
    const { server, url } = await listen(root, { databaseUrl: cluster.url });
    try {
      const { rows } = await server.motcua.db.query("SELECT current_setting('fsync') AS fsync");
      results.runs.postgres = {
        database: `PostgreSQL ${await version(server)} (fsync ${rows[0]?.fsync})`,
        ...(await measure(server, url, 'PostgreSQL, a new key each', settings)),
      };
    } finally {
      await server.close();
    }
  } finally {
    cluster.stop();
  }
  return results;
}
