// The chaos test: a loopback proxy in front of the real server (on embedded PGlite in a temporary
// folder) loses, delays and refuses requests at random, while hundreds of citizens send their
// dossiers with postDossier and press "Gửi lại" until they get a receipt, some of them twice at
// once. At the end the database must hold every dossier exactly once, with its file.
//
// The faults come from a seeded PRNG; the seed is printed, and MOTCUA_CHAOS_SEED=<seed> replays
// the same faults (each send draws from its own stream, so the choices do not depend on how the
// concurrent sends interleave; the timings still do). MOTCUA_CHAOS_RUNS sets the number of
// dossiers (300).
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as wait } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import type { Answers, Procedure } from '@motcua/core';
import type { Database } from '@motcua/server';
import { openPglite } from '@motcua/server';
import { SubmissionError, newIdempotencyKey, postDossier } from '../src/submit.js';
import type { DossierContext } from '../src/submit.js';
import type { RealServer } from './real-server.js';
import {
  NOTICE,
  RESIDENCE_ANSWERS,
  birth,
  birthOf,
  noticeFile,
  pdf,
  residence,
  sha256,
  startServer,
} from './real-server.js';

const SEED = Number(process.env.MOTCUA_CHAOS_SEED ?? randomInt(2 ** 31));
const RUNS = Number(process.env.MOTCUA_CHAOS_RUNS ?? 300);
/**
 * Citizens sending at the same time. The server on PGlite handles one request at a time (a 240 KB
 * file takes it about 130 ms to store), so more only makes longer queues.
 */
const CONCURRENCY = 6;
/**
 * How long a request may take before the client counts it lost, plus its body at UPLOAD_RATE
 * bytes a second (240 KB: 800 ms more). Short, so that lost requests cost little time; long
 * enough that a request waiting its turn at the server is rarely taken for lost.
 */
const TIMEOUT = 300;
const UPLOAD_RATE = 300_000;
/** A citizen gives up after this many presses of "Gửi lại" (none has needed close to it). */
const MAX_PRESSES = 40;
/** The share of dossiers with a file to upload (birth registrations), and of double clicks. */
const FILE_SHARE = 0.3;
const DOUBLE_CLICK = 0.12;

/** What the proxy does with one request. */
const FAULTS = {
  forward: 45,
  /** The connection is cut before anything reaches the server. */
  'drop-request': 10,
  /** The server answers, the connection is cut before the answer reaches the client. */
  'drop-response': 12,
  /** Held until the client gives up waiting, then delivered anyway; the answer goes nowhere. */
  'delay-past-timeout': 5,
  /** Answered by the proxy itself, as a failing gateway or a busy server would. */
  'answer-500': 8,
  'answer-503': 9,
  'answer-429': 9,
} as const;
type Fault = keyof typeof FAULTS;
const FAULT_NAMES = Object.keys(FAULTS) as Fault[];
const FAULT_TOTAL = Object.values(FAULTS).reduce((sum, weight) => sum + weight, 0);

/** mulberry32: a small, good-enough PRNG whose whole state is one 32-bit number. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** A random stream for one named thing (a dossier, a send), derived from the seed (FNV-1a). */
function streamFor(name: string): () => number {
  let hash = 0x811c9dc5 ^ SEED;
  for (const char of name) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193);
  return prng(hash);
}

function pick(random: () => number): Fault {
  let at = random() * FAULT_TOTAL;
  for (const name of FAULT_NAMES) {
    at -= FAULTS[name];
    if (at < 0) return name;
  }
  return 'forward';
}

/** A different valid Vietnamese name for each of the first 1,536 runs. */
function nameOf(run: number): string {
  const family = [
    'Nguyễn',
    'Trần',
    'Lê',
    'Phạm',
    'Hoàng',
    'Huỳnh',
    'Phan',
    'Vũ',
    'Võ',
    'Đặng',
    'Bùi',
    'Đỗ',
  ];
  const middle = ['Văn', 'Thị', 'Minh', 'Thu', 'Quốc', 'Ngọc', 'Gia', 'Bảo'];
  const given = ['An', 'Bình', 'Châu', 'Dũng', 'Giang', 'Hà', 'Khánh', 'Linh'];
  const more = ['Mai', 'Nam', 'Phúc', 'Quân', 'Sơn', 'Tâm', 'Uyên', 'Vy'];
  const g = [...given, ...more];
  return `${family[run % 12]} ${middle[Math.floor(run / 12) % 8]} ${g[Math.floor(run / 96) % 16]}`;
}

interface Counts {
  requests: number;
  faults: Record<Fault, number>;
  /** Statuses the real server answered (with the answers the client never saw). */
  server: Record<string, number>;
  /** Answers the server gave with `Idempotent-Replayed: true`. */
  replays: number;
  /** Replays that reached the client. */
  replaysSeen: number;
  /** Waits between tries inside postDossier. */
  retries: number;
  /** Presses of "Gửi lại" after the first Send. */
  presses: number;
  /** Second, concurrent sends of a dossier already being sent. */
  doubleClicks: number;
  /** Sends that failed with a retryable SubmissionError, and why. */
  notSent: Record<string, number>;
}

/**
 * Resolves when the client has closed the connection of `request`: its timeout passed and it
 * aborted. Waiting for that, not a fixed time, makes "late" hold on a slow machine too.
 */
function givenUp(request: http.IncomingMessage): Promise<void> {
  if (request.socket.destroyed) return Promise.resolve();
  return new Promise((resolve) => request.socket.once('close', () => resolve()));
}

const HOP_BY_HOP = ['connection', 'keep-alive', 'transfer-encoding', 'x-chaos-send'];

function headersWithout(headers: http.IncomingHttpHeaders | http.OutgoingHttpHeaders) {
  return Object.fromEntries(
    Object.entries(headers).filter(([name]) => !HOP_BY_HOP.includes(name.toLowerCase())),
  ) as http.OutgoingHttpHeaders;
}

/**
 * The faulty network: an HTTP proxy on a loopback port in front of `target`. Each request
 * carries the name of its send in `x-chaos-send` (added by the test's fetch, removed here), and
 * its fault is drawn from that send's stream.
 */
async function startProxy(target: URL, counts: Counts) {
  const streams = new Map<string, () => number>();
  const inFlight = new Set<Promise<unknown>>();
  const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });

  /** Sends the buffered request to the server and reads its whole answer. */
  const forward = (request: http.IncomingMessage, body: Buffer) =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>(
      (resolve, reject) => {
        const upstream = http.request(
          {
            host: target.hostname,
            port: target.port,
            method: request.method,
            path: request.url,
            agent,
            headers: { ...headersWithout(request.headers), 'content-length': body.length },
          },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('error', reject);
            response.on('end', () => {
              const status = response.statusCode ?? 0;
              counts.server[status] = (counts.server[status] ?? 0) + 1;
              if (response.headers['idempotent-replayed'] === 'true') counts.replays++;
              resolve({ status, headers: response.headers, body: Buffer.concat(chunks) });
            });
          },
        );
        upstream.on('error', reject);
        upstream.end(body);
      },
    );

  const handle = async (request: http.IncomingMessage, response: http.ServerResponse) => {
    counts.requests++;
    const label = String(request.headers['x-chaos-send'] ?? 'unlabelled');
    let stream = streams.get(label);
    if (!stream) streams.set(label, (stream = streamFor(label)));
    const fault = pick(stream);
    counts.faults[fault]++;

    if (fault === 'drop-request') {
      request.socket.destroy();
      return;
    }
    if (fault.startsWith('answer-')) {
      const status = Number(fault.slice('answer-'.length));
      request.resume();
      response.writeHead(status, {
        'content-type': 'application/problem+json',
        // Retry-After in whole seconds; postDossier caps it with its maxDelay.
        ...(status !== 500 && { 'retry-after': '1' }),
      });
      response.end(JSON.stringify({ status, title: 'injected by the chaos proxy' }));
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    if (fault === 'delay-past-timeout') await givenUp(request);
    const answer = await forward(request, body);
    if (fault === 'drop-response' || fault === 'delay-past-timeout') {
      request.socket.destroy();
      return;
    }
    response.writeHead(answer.status, {
      ...headersWithout(answer.headers),
      'content-length': answer.body.length,
    });
    response.end(answer.body);
  };

  const proxy = http.createServer((request, response) => {
    const done = handle(request, response).catch((error: Error) => {
      counts.server[`proxy error: ${error.message}`] =
        (counts.server[`proxy error: ${error.message}`] ?? 0) + 1;
      request.socket.destroy();
    });
    inFlight.add(done);
    void done.finally(() => inFlight.delete(done));
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    /** Waits for every request the proxy still holds (late deliveries) to reach the server. */
    settle: async () => {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
    close: async () => {
      proxy.closeAllConnections();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      agent.destroy();
    },
  };
}

/** One citizen's dossier, sent until acknowledged. */
interface Intent {
  run: number;
  key: string;
  name: string;
  procedure: Procedure;
  answers: Answers;
  withFile: boolean;
  /** The receipt codes the citizen was shown (more than one only if a double click got two). */
  codes: string[];
  missingFiles: number[];
  failure?: unknown;
  /** Why each send of it failed, for the report of one never acknowledged. */
  errors: string[];
}

describe('postDossier through a faulty network', () => {
  let dir: string;
  let db: Database;
  let server: RealServer;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'motcua-chaos-'));
    db = await openPglite(dir);
    server = await startServer(db);
  });
  after(async () => {
    await server?.close();
    await db?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it(`stores each of ${RUNS} dossiers exactly once, with its file, whatever the network does`, async (t) => {
    // Printed at once, and again in the report: a run that hangs still shows its seed.
    console.log(`chaos seed ${SEED} (replay with MOTCUA_CHAOS_SEED=${SEED})`);
    const started = Date.now();
    const counts: Counts = {
      requests: 0,
      faults: Object.fromEntries(FAULT_NAMES.map((name) => [name, 0])) as Record<Fault, number>,
      server: {},
      replays: 0,
      replaysSeen: 0,
      retries: 0,
      presses: 0,
      doubleClicks: 0,
      notSent: {},
    };
    const proxy = await startProxy(new URL(server.origin), counts);
    const endpoint = `${proxy.url}/api/dossiers`;
    const noticeBytes = pdf(NOTICE.size);
    const notice = noticeFile(noticeBytes);

    const intents: Intent[] = Array.from({ length: RUNS }, (_, run) => {
      const random = streamFor(`intent ${run}`);
      const withFile = random() < FILE_SHARE;
      const name = nameOf(run);
      return {
        run,
        key: newIdempotencyKey(),
        name,
        withFile,
        procedure: withFile ? birth : residence,
        answers: withFile ? birthOf(name) : { ...RESIDENCE_ANSWERS, applicantName: name },
        codes: [],
        missingFiles: [],
        errors: [],
      };
    });

    /** One send, as the element makes it: its own postDossier, the intent's key. */
    const sendOnce = (intent: Intent, press: number, lane: number) => {
      const label = `${intent.run}.${press}.${lane}`;
      const fetch: typeof globalThis.fetch = async (input, init = {}) => {
        const headers = new Headers(init.headers);
        headers.set('x-chaos-send', label);
        const answer = await globalThis.fetch(input, { ...init, headers });
        if (answer.headers.get('idempotent-replayed') === 'true') counts.replaysSeen++;
        return answer;
      };
      const send = postDossier(endpoint, {
        fetch,
        timeout: TIMEOUT,
        uploadRate: UPLOAD_RATE,
        attempts: 3,
        delay: 10,
        maxDelay: 50,
        random: streamFor(`jitter ${label}`),
        sleep: async (ms, signal) => {
          counts.retries++;
          await wait(ms, undefined, { signal });
        },
      });
      const context: DossierContext = {
        key: intent.key,
        locale: intent.run % 2 ? 'en' : 'vi',
        ...(intent.withFile && { files: new Map([[NOTICE.field, [notice]]]) }),
      };
      return send(intent.answers, intent.procedure, context) as Promise<{
        dossierCode: string;
        missingFiles: number;
      }>;
    };

    /** The citizen presses Send, then "Gửi lại" after each retryable failure. */
    const citizen = async (intent: Intent) => {
      const clicks = streamFor(`clicks ${intent.run}`);
      for (let press = 0; press < MAX_PRESSES; press++) {
        if (press > 0) counts.presses++;
        const lanes = clicks() < DOUBLE_CLICK ? 2 : 1;
        if (lanes === 2) counts.doubleClicks++;
        const results = await Promise.allSettled(
          Array.from({ length: lanes }, (_, lane) => sendOnce(intent, press, lane)),
        );
        for (const result of results) {
          if (result.status === 'fulfilled') {
            intent.codes.push(result.value.dossierCode);
            intent.missingFiles.push(result.value.missingFiles);
          } else if (result.reason instanceof SubmissionError && result.reason.retryable) {
            const why = result.reason.message.replace(/https?:\/\/\S+/g, '<url>');
            counts.notSent[why] = (counts.notSent[why] ?? 0) + 1;
            intent.errors.push(result.reason.message);
          } else {
            intent.failure = result.reason;
          }
        }
        if (intent.failure || intent.codes.length > 0) return;
      }
    };

    const queue = [...intents];
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let intent = queue.shift(); intent; intent = queue.shift()) await citizen(intent);
      }),
    );
    await proxy.settle();
    await proxy.close();

    const { rows } = await db.query<{
      idempotency_key: string;
      code: string;
      name: string;
      files: number;
      sha256: string | null;
    }>(
      `SELECT d.idempotency_key, d.code,
              coalesce(d.answers->>'childName', d.answers->>'applicantName') AS name,
              count(f.id)::int AS files, min(f.sha256) AS sha256
         FROM dossiers d LEFT JOIN dossier_files f ON f.dossier_id = d.id
        GROUP BY d.id ORDER BY d.id`,
    );
    const fileRows = rows.reduce((sum, row) => sum + row.files, 0);
    const byKey = new Map(rows.map((row) => [row.idempotency_key, row]));
    const acknowledged = intents.filter((intent) => intent.codes.length > 0);

    const report = [
      `chaos seed ${SEED}: ${RUNS} dossiers (${intents.filter((i) => i.withFile).length} with a file) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      `requests through the proxy: ${counts.requests}`,
      `faults injected: ${FAULT_NAMES.map((name) => `${name} ${counts.faults[name]}`).join(', ')}`,
      `retries inside postDossier: ${counts.retries}; presses of "Gửi lại": ${counts.presses}; double clicks: ${counts.doubleClicks}`,
      `server answers: ${JSON.stringify(counts.server)}; replays ${counts.replays} (${counts.replaysSeen} reached the client)`,
      `sends not acknowledged: ${JSON.stringify(counts.notSent)}`,
      `database: ${rows.length} dossiers, ${fileRows} files; acknowledged ${acknowledged.length}`,
    ];
    for (const line of report) t.diagnostic(line);

    const failed = intents.filter((intent) => intent.failure);
    assert.deepEqual(
      failed.map((intent) => [intent.run, String(intent.failure)]),
      [],
      'no send failed with an error the citizen cannot fix by sending again',
    );
    assert.deepEqual(
      intents
        .filter((intent) => intent.codes.length === 0)
        .map((intent) => ({ run: intent.run, file: intent.withFile, errors: intent.errors })),
      [],
      `every citizen got a receipt within ${MAX_PRESSES} presses`,
    );
    assert.equal(rows.length, RUNS, 'one stored dossier per intent, no more, no fewer');
    for (const intent of intents) {
      const row = byKey.get(intent.key);
      assert.ok(row, `dossier ${intent.run} is stored`);
      assert.equal(row.name, intent.name, `dossier ${intent.run} holds its own answers`);
      assert.deepEqual(
        new Set(intent.codes),
        new Set([row.code]),
        `every receipt of dossier ${intent.run} shows its stored code`,
      );
      assert.ok(
        intent.missingFiles.every((missing) => missing === 0),
        `dossier ${intent.run} was shown as received only with all its files`,
      );
      assert.equal(row.files, intent.withFile ? 1 : 0, `dossier ${intent.run}'s files, once`);
      if (intent.withFile) assert.equal(row.sha256, sha256(noticeBytes));
    }
    assert.equal(fileRows, intents.filter((intent) => intent.withFile).length);

    // Numbers taken by a request that lost a race are given back: each day's codes run from 1
    // with no gap.
    const numbers = new Map<string, number[]>();
    for (const { code } of rows) {
      const [, day, number] = /^HS-(\d{8})-HK-(\d+)$/.exec(code) ?? [];
      assert.ok(day && number, `a dossier code: ${code}`);
      numbers.set(day, [...(numbers.get(day) ?? []), Number(number)]);
    }
    for (const [day, taken] of numbers) {
      const sorted = taken.sort((a, b) => a - b);
      assert.deepEqual(
        sorted,
        sorted.map((_, i) => i + 1),
        `the codes of ${day} have no gap`,
      );
    }
    // The faults were really injected: a run where the network behaved proves nothing.
    for (const name of FAULT_NAMES) assert.ok(counts.faults[name] > 0, `some ${name}`);
    assert.ok(counts.replays > 0 && counts.presses > 0 && counts.doubleClicks > 0);
  });
});
