// The server as a real process on embedded PGlite, stopped cleanly and killed: a dossier the
// citizen was given a code for is never lost nor stored twice, a code is never given twice, and
// the server starts again on its folder by itself. The random kill moments come from one seed,
// printed as a test diagnostic: MOTCUA_KILL_SEED=<seed> replays them.
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { connect, createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { openPglite } from '@motcua/server';
import { freePort } from '../../../scripts/postgres.mjs';
import { BIRTH, REPO, newKey } from './helpers.js';
import type { FailedAttempts, ServerProcess } from './server-process.js';
import {
  RECOVERY_MESSAGE,
  postUntilAnswered,
  startServerProcess,
  stopServerProcess,
} from './server-process.js';

/** The server's own lock in the data folder: the pid of the process that has it open. */
const LOCK = 'motcua-server.pid';
/** SIGKILLs in the kill test: one lands during a start, the others while dossiers arrive. */
const KILLS = 5;
/** Clients sending dossiers at once in the kill test. */
const CLIENTS = 4;

const SEED = Number(process.env.MOTCUA_KILL_SEED) || randomInt(1, 2 ** 31);

/** mulberry32: a small generator whose whole state is the seed, so a run can be replayed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Polls `condition` until it holds; fails early when `server` exits meanwhile. */
async function waitFor(condition: () => boolean, what: string, server: ServerProcess) {
  const deadline = Date.now() + 60_000;
  while (!condition()) {
    if (server.done) assert.fail(`the server exited before ${what}:\n${server.output()}`);
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}:\n${server.output()}`);
    await sleep(10);
  }
}

/** The sequence number at the end of a dossier code, `HS-<day>-<site>-<n>`. */
const numberOf = (code: string) => Number(code.slice(code.lastIndexOf('-') + 1));
const dayOf = (code: string) => code.split('-')[1] ?? '';

describe('the server as a process on embedded PGlite', () => {
  const random = seeded(SEED);
  let root: string;
  let config: string;
  /** The data folder every test uses, one after the other. */
  let dataDir: string;
  /** Its port, the same at every restart: clients retry the very URL they were using. */
  let port: number;
  /** The server running on `dataDir`, when one is. */
  let live: ServerProcess | undefined;
  /** Every dossier a client was answered 201 for, by Idempotency-Key. */
  const acknowledged = new Map<string, { code: string; accessCode: string }>();

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'motcua-crash-'));
    dataDir = join(root, 'data');
    port = await freePort();
    config = join(root, 'motcua.config.json');
    // The real procedures and the Vietnam check, without the pages (this test needs no built
    // runtime), and limits no client of the kill test reaches: it sends hundreds a minute.
    const resolved = (specifier: string) => fileURLToPath(import.meta.resolve(specifier));
    await writeFile(
      config,
      JSON.stringify({
        site: { id: 'KT' },
        procedures: [
          { dir: join(REPO, 'examples', 'procedures'), packs: [resolved('@motcua/vn/pack')] },
          {
            dir: join(REPO, 'packages', 'vn', 'procedures'),
            packs: [resolved('@motcua/vn/pack')],
          },
        ],
        checks: [resolved('@motcua/vn/server')],
        limits: { requestsPerMinute: 1_000_000, lookupsPerMinute: 1_000_000 },
      }),
    );
  });
  after(async () => {
    if (live) await stopServerProcess(live, 'SIGKILL');
    await rm(root, { recursive: true, force: true });
  });

  const start = (dir = dataDir, serverPort = port) =>
    startServerProcess({
      MOTCUA_CONFIG: config,
      MOTCUA_DATA_DIR: dir,
      PORT: String(serverPort),
    });
  /** The server on `dataDir`, started when none runs (a test may run alone). */
  async function running(): Promise<ServerProcess> {
    if (!live || live.done) live = start();
    await live.ready;
    return live;
  }
  const lockOwner = (dir = dataDir) => {
    try {
      return Number(readFileSync(join(dir, LOCK), 'utf8').split('\n')[0]);
    } catch {
      return undefined;
    }
  };

  /**
   * Files one birth registration with a new key, retrying it (same key, same body) through
   * network errors and 5xx until it is answered; it must be answered 201.
   */
  async function send(
    options: { origin?: () => string; failed?: FailedAttempts; timeout?: () => number } = {},
  ) {
    const key = newKey();
    const answer = await postUntilAnswered(
      options.origin ?? (() => `http://127.0.0.1:${port}`),
      '/api/dossiers',
      BIRTH,
      { ...options, headers: { 'idempotency-key': key } },
    );
    assert.equal(answer.status, 201, answer.text);
    const receipt = JSON.parse(answer.text) as { dossierCode: string; accessCode: string };
    acknowledged.set(key, { code: receipt.dossierCode, accessCode: receipt.accessCode });
    return {
      code: receipt.dossierCode,
      replayed: answer.headers.get('idempotent-replayed') === 'true',
    };
  }

  it('opens a folder whose very first start was killed while the database was being created', async (t) => {
    assert.ok(!existsSync(join(dataDir, 'pgdata')), 'a new data folder');
    const first = (live = start());
    // PGlite makes the new database in memory, then writes its files into a scratch folder that
    // becomes pgdata when whole: kill it while it writes them, leaving half a database.
    const entries = (path: string) => (existsSync(path) ? readdirSync(path) : []);
    const scratch = () => entries(dataDir).find((name) => name.startsWith('pgdata.new-'));
    await waitFor(
      () => entries(join(dataDir, scratch() ?? 'none')).length > 0,
      'it writes the new database',
      first,
    );
    const delay = Math.round(seeded(SEED + 2)() * 150);
    await sleep(delay);
    const created = existsSync(join(dataDir, 'pgdata', 'PG_VERSION'));
    await stopServerProcess(first, 'SIGKILL');
    const written = entries(join(dataDir, scratch() ?? 'none')).length;
    t.diagnostic(
      `killed ${delay} ms after it began writing the new database (${written} entries in the scratch folder; seed ${SEED})`,
    );
    assert.ok(!created, `the kill came after the database was made (${delay} ms)`);

    const next = (live = start());
    await next.ready;
    const { code } = await send();
    assert.equal(numberOf(code), 1);
    assert.equal(scratch(), undefined, 'the scratch of the killed start is removed');
  });

  it('releases its folder when it stops on SIGTERM (exit 0) or finds its port taken (exit 1): the next start reports no recovery', async () => {
    const first = await running();
    assert.equal(lockOwner(), first.pid, 'the data folder is locked by the server');
    await send();
    // A connection that has sent nothing yet, as a browser opens ahead of time: Node counts it
    // as busy, and the stop must not wait for the client to close it.
    const silent = connect(port, '127.0.0.1').on('error', () => undefined);
    await new Promise((resolve) => silent.once('connect', resolve));
    const exited = stopServerProcess(first, 'SIGTERM');
    const timer = new AbortController();
    const held = await Promise.race([
      exited.then(() => false),
      sleep(20_000, true, { signal: timer.signal }).catch(() => false),
    ]);
    timer.abort();
    silent.destroy();
    assert.deepEqual(await exited, { code: 0, signal: null }, first.output());
    assert.ok(!held, 'a connection that had sent nothing held the stop for 20 s');
    assert.ok(!existsSync(join(dataDir, LOCK)), 'the lock file is removed at a clean stop');

    // It opens the database before it finds the port taken.
    const taken = createNetServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const refused = start(dataDir, (taken.address() as AddressInfo).port);
      assert.deepEqual(await refused.exited, { code: 1, signal: null }, refused.output());
      assert.match(refused.output(), /the port is in use/);
      assert.ok(!existsSync(join(dataDir, LOCK)), 'the lock file is removed when listen fails');
    } finally {
      taken.close();
    }

    const next = (live = start());
    await next.ready;
    assert.ok(!next.output().includes(RECOVERY_MESSAGE), next.output());
    assert.equal(lockOwner(), next.pid);
    await send();
  });

  it('refuses a second process on the live folder with exit code 1 and says what to do; the first keeps working', async () => {
    const first = await running();
    // Another port, so that it is the folder that is refused, not the port.
    const second = start(dataDir, await freePort());
    const exit = await second.exited;
    assert.deepEqual(exit, { code: 1, signal: null }, second.output());
    assert.match(
      second.output(),
      new RegExp(`data folder .* is in use by another motcua-server \\(process ${first.pid}\\)`),
    );
    assert.match(second.output(), /give this one its own folder with MOTCUA_DATA_DIR/);
    assert.ok(!second.output().includes('listening'), second.output());
    assert.ok(!first.done, 'the first server still runs');
    assert.equal(lockOwner(), first.pid, 'the refused process left the lock alone');
    await send();
  });

  it('stores every acknowledged dossier exactly once, with codes never given twice, through SIGKILLs at random moments', async (t) => {
    t.diagnostic(`kill seed ${SEED}: replay with MOTCUA_KILL_SEED=${SEED}`);
    const replay = `(seed ${SEED}: replay with MOTCUA_KILL_SEED=${SEED})`;
    let server = await running();
    const before = acknowledged.size;
    const counts = { networkErrors: 0, serverErrors: 0 };
    /** Which server answered: the number of kills before the attempt that was answered. */
    let epoch = 0;
    const answers: { code: string; epoch: number; replayed: boolean; retried: boolean }[] = [];
    let sending = true;
    let failure: unknown;
    const client = async () => {
      try {
        await sendUntilStopped();
      } catch (error) {
        failure ??= error;
        sending = false;
      }
    };
    const sendUntilStopped = async () => {
      while (sending) {
        let sentIn = epoch;
        const origin = () => {
          sentIn = epoch;
          return `http://127.0.0.1:${port}`;
        };
        const failed = { networkErrors: 0, serverErrors: 0 };
        const { code, replayed } = await send({ origin, failed, timeout });
        counts.networkErrors += failed.networkErrors;
        counts.serverErrors += failed.serverErrors;
        const retried = failed.networkErrors + failed.serverErrors > 0;
        answers.push({ code, epoch: sentIn, replayed, retried });
      }
    };
    // A client also gives up on one attempt in four after a few milliseconds, as on a poor
    // network: the server may well have stored that dossier, and the retry must find it.
    const clientRandom = seeded(SEED + 1);
    const timeout = () => (clientRandom() < 0.25 ? 1 + Math.round(clientRandom() * 40) : 15_000);
    const clients = Array.from({ length: CLIENTS }, client);

    const startupKill = 1 + Math.floor(random() * (KILLS - 1));
    const restarts: ServerProcess[] = [];
    const moments: string[] = [];
    for (let kill = 0; kill < KILLS && failure === undefined; kill++) {
      if (kill === startupKill) {
        // Once the new process has taken the folder: while PGlite opens and recovers it, the
        // schema is checked, or the procedures load.
        await waitFor(() => lockOwner() === server.pid, 'it takes the data folder', server);
        const delay = Math.round(random() * 1500);
        await sleep(delay);
        moments.push(`${delay} ms after taking the folder`);
      } else {
        await server.ready;
        const delay = 200 + Math.round(random() * 1800);
        await sleep(delay);
        moments.push(`${delay} ms after listening`);
      }
      epoch++;
      await stopServerProcess(server, 'SIGKILL');
      server = live = start();
      restarts.push(server);
    }
    await server.ready;
    // Some dossiers on the last server too, then the clients finish what they were sending.
    await sleep(500);
    sending = false;
    const draining = Date.now();
    await Promise.all(clients);
    t.diagnostic(
      `restarts listened after ${restarts.map((r) => (r.startedIn === undefined ? 'killed' : `${r.startedIn} ms`)).join(', ')}; the clients finished in ${Date.now() - draining} ms`,
    );
    if (failure !== undefined) throw failure;
    const exit = await stopServerProcess(server, 'SIGTERM');
    assert.deepEqual(exit, { code: 0, signal: null }, server.output());

    const sent = answers.length;
    const retried = answers.filter((answer) => answer.retried).length;
    const replayed = answers.filter((answer) => answer.replayed).length;
    t.diagnostic(`kills: ${KILLS} (${moments.join('; ')})`);
    t.diagnostic(
      `dossiers acknowledged: ${sent}; sent again after a failed attempt (a kill, or the client giving up): ${retried}, of which ${replayed} had been stored before the answer was lost (replayed); failed attempts: ${counts.networkErrors} network errors, ${counts.serverErrors} 5xx`,
    );
    assert.ok(sent > KILLS, `too few dossiers to mean anything: ${sent} ${replay}`);
    assert.ok(retried > 0, `no dossier was cut by a kill ${replay}`);

    // Every server after a kill opened the folder by itself and said it recovered it.
    for (const [index, restarted] of restarts.entries()) {
      if (index === startupKill - 1) continue; // killed during its start
      assert.match(restarted.output(), /^listening /m, `${replay}\n${restarted.output()}`);
      assert.ok(restarted.output().includes(RECOVERY_MESSAGE), restarted.output());
    }

    const db = await openPglite(dataDir);
    let rows: { idempotency_key: string; code: string }[];
    try {
      assert.equal(db.recovered, false, 'the last stop was clean');
      ({ rows } = await db.query<{ idempotency_key: string; code: string }>(
        'SELECT idempotency_key, code FROM dossiers ORDER BY id',
      ));
    } finally {
      await db.close();
    }
    const stored = new Map(rows.map((row) => [row.idempotency_key, row.code]));
    const lost = [...acknowledged].filter(([key, { code }]) => stored.get(key) !== code);
    t.diagnostic(`dossiers stored: ${rows.length}; acknowledged but lost: ${lost.length}`);
    assert.deepEqual(
      lost,
      [],
      `acknowledged dossiers missing or stored under another code ${replay}`,
    );
    assert.equal(stored.size, rows.length, `a key stored twice ${replay}`);
    assert.equal(rows.length, acknowledged.size, `dossiers no client was answered for ${replay}`);
    assert.equal(new Set(stored.values()).size, rows.length, `a code given twice ${replay}`);
    assert.ok(acknowledged.size > before);

    // Each day's numbers are 1…n: a number taken by a dossier that died with its transaction is
    // given to the next one, and none is skipped or reused.
    const days = new Set([...stored.values()].map(dayOf));
    for (const day of days) {
      const numbers = [...stored.values()]
        .filter((code) => dayOf(code) === day)
        .map(numberOf)
        .sort((a, b) => a - b);
      assert.deepEqual(
        numbers,
        numbers.map((_, index) => index + 1),
        `numbers of ${day} ${replay}`,
      );
    }
    // A server after a restart never gives a number that one before it acknowledged.
    for (let after = 1; after <= KILLS; after++) {
      const earlier = answers.filter((answer) => answer.epoch < after).map((a) => a.code);
      const fresh = answers.filter((answer) => answer.epoch === after && !answer.replayed);
      for (const answer of fresh) {
        const sameDay = earlier.filter((code) => dayOf(code) === dayOf(answer.code));
        assert.ok(
          sameDay.every((code) => numberOf(code) < numberOf(answer.code)),
          `${answer.code}, new after kill ${after}, is not above every code acknowledged before ${replay}`,
        );
      }
    }
  });

  it('takes over a lock whose process id now belongs to another program, as after a reboot', async () => {
    if (live && !live.done) {
      assert.deepEqual(await stopServerProcess(live, 'SIGTERM'), { code: 0, signal: null });
    }
    // The process that ran this test is alive, but it is not the one that wrote this lock: that
    // one ran in another boot.
    await writeFile(join(dataDir, LOCK), `${process.ppid}\nanother-boot 12345\n`);
    const db = await openPglite(dataDir);
    try {
      assert.equal(db.recovered, true, 'the lock is recognised as left by a dead process');
      assert.equal(lockOwner(), process.pid);
    } finally {
      await db.close();
    }
    assert.ok(!existsSync(join(dataDir, LOCK)));
  });

  it('keeps every dossier across a restart, and the next code continues the sequence', async () => {
    if (acknowledged.size === 0) {
      await running();
      for (let i = 0; i < 3; i++) await send();
    }
    if (live && !live.done) {
      assert.deepEqual(await stopServerProcess(live, 'SIGTERM'), { code: 0, signal: null });
    }
    const server = (live = start());
    const origin = await server.ready;

    const dossiers = [...acknowledged.values()];
    const last = Math.max(...dossiers.map(({ code }) => numberOf(code)));
    const statuses = await Promise.all(
      dossiers.map(async ({ code, accessCode }) => {
        const response = await fetch(`${origin}/api/dossiers/${code}`, {
          headers: { authorization: `Bearer ${accessCode}` },
        });
        return { code, status: response.status, body: (await response.json()) as object };
      }),
    );
    for (const { code, status, body } of statuses) {
      assert.equal(status, 200, `${code}: ${JSON.stringify(body)}`);
      assert.equal((body as { dossierCode: string }).dossierCode, code);
    }
    const { code } = await send();
    assert.equal(numberOf(code), last + 1, `after ${last}: ${code}`);
  });
});
