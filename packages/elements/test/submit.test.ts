// postDossier against the real @motcua/server (PGlite in memory, real HTTP on a loopback port),
// and against a scripted fetch where a test needs an exact sequence of answers (503, 500, 429,
// a lost connection). Waits are recorded, not waited, except where the abort of a real wait is
// what is tested.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Database } from '@motcua/server';
import { openMemoryPglite } from '@motcua/server';
import type { SendContext } from '@motcua/core';
import type { DossierContext } from '../src/submit.js';
import { SubmissionError, newIdempotencyKey, postDossier } from '../src/submit.js';
import type { RealServer } from './real-server.js';
import {
  BIRTH_ANSWERS,
  NOTICE,
  RESIDENCE_ANSWERS,
  birth,
  birthFiles,
  birthOf,
  cases,
  noticeFile,
  pdf,
  residence,
  rowsWithKey,
  sha256,
  startServer,
} from './real-server.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

interface Receipt {
  dossierCode: string;
  accessCode: string;
  filesUrl: string;
  files: { field: string; name: string; received: boolean; sha256?: string }[];
  missingFiles: number;
}

/** One request as the adapter made it, and what came back (or `lost`). */
interface Exchange {
  url: string;
  method: string;
  headers: Headers;
  body: RequestInit['body'];
  status?: number;
  replayed?: boolean;
  missingFiles?: number;
}

/**
 * The real fetch, recording each request and its answer. `tamper` may answer instead of the
 * server, or lose the answer after the server gave it (a `'lost'` return).
 */
function recording(
  tamper?: (exchange: Exchange, index: number) => Response | 'lost' | 'forward' | undefined,
) {
  const exchanges: Exchange[] = [];
  const fetch: typeof globalThis.fetch = async (input, init = {}) => {
    const exchange: Exchange = {
      url: String(input),
      method: init.method ?? 'GET',
      headers: new Headers(init.headers),
      body: init.body,
    };
    const index = exchanges.push(exchange) - 1;
    const decided = tamper?.(exchange, index);
    if (decided instanceof Response) return decided;
    const response = await globalThis.fetch(input, init);
    exchange.status = response.status;
    exchange.replayed = response.headers.get('idempotent-replayed') === 'true';
    const copy = response.clone();
    const body = (await copy.json().catch(() => undefined)) as { missingFiles?: number };
    exchange.missingFiles = body?.missingFiles;
    if (decided === 'lost') throw new TypeError('fetch failed: the connection was reset');
    return response;
  };
  return { fetch, exchanges };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });

const problem = (status: number) =>
  json(status, {
    type: 'tag:motcua,2026:problem/unavailable',
    status,
    detail: 'busy',
    i18n: { vi: { title: 'Bận', detail: 'Bận' }, en: { title: 'Busy', detail: 'Busy' } },
  });

const STORED = { dossierCode: 'HS-20261130-HK-0001', accessCode: 'ABCD-EFGH', missingFiles: 0 };

/**
 * A fetch that answers with `script` in order (a status, a Response, or an Error to throw as a
 * network failure), then 201 with a receipt. Records each call.
 */
function scripted(script: readonly (number | Response | Error)[]) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch: typeof globalThis.fetch = async (input, init = {}) => {
    const step = script[calls.push({ url: String(input), init }) - 1];
    if (step === undefined) return json(201, STORED);
    if (step instanceof Error) throw step;
    if (step instanceof Response) return step;
    return problem(step);
  };
  return { fetch, calls };
}

/** A sleep that records the waits and returns at once. */
function recordedSleep() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

/** Random numbers from a list, in turn. */
const randoms = (...values: number[]) => {
  let next = 0;
  return () => values[next++ % values.length]!;
};

const ENDPOINT = 'https://motcua.test/api/dossiers';
/**
 * What the element passes with each dossier. Typed as the core's `SendContext`, which is what a
 * `SendDossier` takes; postDossier reads the files and the signal from it.
 */
const context = (key = newIdempotencyKey(), more: Omit<DossierContext, 'key' | 'locale'> = {}) =>
  ({ key, locale: 'vi', ...more }) as DossierContext & SendContext;

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail('expected the promise to reject');
}

async function submissionError(promise: Promise<unknown>): Promise<SubmissionError> {
  const error = await rejection(promise);
  assert.ok(error instanceof SubmissionError, `a SubmissionError, not ${String(error)}`);
  return error;
}

describe('postDossier with the real server', () => {
  let db: Database;
  let server: RealServer;

  before(async () => {
    db = await openMemoryPglite();
    server = await startServer(db);
  });
  after(async () => {
    await server?.close();
    await db?.close();
  });

  it("sends the context's key, and a retry with that key gets the same receipt", async () => {
    const { fetch, exchanges } = recording();
    const send = postDossier(server.endpoint, { fetch });
    const key = newIdempotencyKey();
    const answers = birthOf('Nguyễn Minh Khang');
    const first = (await send(answers, birth, context(key, { files: birthFiles() }))) as Receipt;
    const again = (await send(answers, birth, context(key, { files: birthFiles() }))) as Receipt;

    assert.equal(again.dossierCode, first.dossierCode);
    assert.equal(again.accessCode, first.accessCode);
    const posts = exchanges.filter((e) => e.url === server.endpoint);
    assert.deepEqual(
      posts.map((e) => [e.headers.get('idempotency-key'), e.replayed]),
      [
        [key, false],
        [key, true],
      ],
    );
    const rows = await rowsWithKey(db, key);
    assert.deepEqual(
      rows.map((row) => row.code),
      [first.dossierCode],
    );
  });

  it('sends the channel it is given, and the receipt has that channel’s fees (issue 12)', async () => {
    const atCounter = (await postDossier(server.endpoint, { channel: 'in-person' })(
      RESIDENCE_ANSWERS,
      residence,
      context(newIdempotencyKey()),
    )) as Receipt & { channel: string; fees: { id: string }[]; feeTotal: number };
    assert.deepEqual(
      [atCounter.channel, atCounter.fees.map((fee) => fee.id), atCounter.feeTotal],
      ['in-person', ['fee-in-person'], 20000],
    );
    const unsaid = (await postDossier(server.endpoint)(
      RESIDENCE_ANSWERS,
      residence,
      context(newIdempotencyKey()),
    )) as Receipt & { channel: string };
    assert.equal(unsaid.channel, 'online');
  });

  it('gets the first receipt when the answer to the first request was lost on the way back', async () => {
    // The server stored the dossier, the connection broke before the page heard: the retry
    // with the same key is answered with the stored receipt, not a second dossier.
    const { fetch, exchanges } = recording((_exchange, index) =>
      index === 0 ? 'lost' : 'forward',
    );
    const { sleep, waits } = recordedSleep();
    const key = newIdempotencyKey();
    const receipt = (await postDossier(server.endpoint, { fetch, sleep })(
      RESIDENCE_ANSWERS,
      residence,
      context(key),
    )) as Receipt;

    assert.deepEqual(
      exchanges.map((e) => [e.status, e.replayed]),
      [
        [201, false],
        [201, true],
      ],
    );
    assert.equal(waits.length, 1);
    const rows = await rowsWithKey(db, key);
    assert.deepEqual(
      rows.map((row) => row.code),
      [receipt.dossierCode],
    );
  });

  it('gives two dossiers sent through one postDossier two keys and two codes (issue 10)', async () => {
    // A page sets `element.submit = postDossier(url)` once; the element passes each dossier's
    // own key. The bug was one key made by postDossier and reused for every dossier, so the
    // second citizen got the first one's receipt.
    const { fetch, exchanges } = recording();
    const submit = postDossier(server.endpoint, { fetch });
    const first: DossierContext = context();
    const second: DossierContext = context();
    const a = (await submit(
      birthOf('Lê Thu Hà'),
      birth,
      context(first.key, { files: birthFiles() }),
    )) as Receipt;
    const b = (await submit(
      birthOf('Phạm Quốc Bảo'),
      birth,
      context(second.key, { files: birthFiles() }),
    )) as Receipt;

    assert.notEqual(a.dossierCode, b.dossierCode);
    const keys = exchanges
      .filter((e) => e.url === server.endpoint)
      .map((e) => e.headers.get('idempotency-key'));
    assert.deepEqual(keys, [first.key, second.key]);
    assert.equal((await rowsWithKey(db, first.key))[0]?.code, a.dossierCode);
    assert.equal((await rowsWithKey(db, second.key))[0]?.code, b.dossierCode);
    assert.equal((await rowsWithKey(db, first.key))[0]?.answers.childName, 'Lê Thu Hà');
    assert.equal((await rowsWithKey(db, second.key))[0]?.answers.childName, 'Phạm Quốc Bảo');
  });

  it('makes a new key for each call that brings no context', async () => {
    const { fetch, exchanges } = recording();
    const submit = postDossier(server.endpoint, { fetch });
    const a = (await submit(RESIDENCE_ANSWERS, residence)) as Receipt;
    const b = (await submit(RESIDENCE_ANSWERS, residence)) as Receipt;

    const [keyA, keyB] = exchanges.map((e) => e.headers.get('idempotency-key') ?? '');
    assert.match(keyA!, UUID_V4);
    assert.match(keyB!, UUID_V4);
    assert.notEqual(keyA, keyB);
    assert.notEqual(a.dossierCode, b.dossierCode);
    assert.equal((await rowsWithKey(db, keyA!))[0]?.code, a.dossierCode);
    assert.equal((await rowsWithKey(db, keyB!))[0]?.code, b.dossierCode);
  });

  it('uses the key given in the options for a caller that keeps one dossier itself', async () => {
    const key = newIdempotencyKey();
    const submit = postDossier(server.endpoint, { idempotencyKey: key });
    const a = (await submit(RESIDENCE_ANSWERS, residence)) as Receipt;
    const b = (await submit(RESIDENCE_ANSWERS, residence)) as Receipt;
    assert.equal(b.dossierCode, a.dossierCode);
    assert.equal((await rowsWithKey(db, key)).length, 1);
  });

  it("stops at once on 422 with the server's own explanation in both languages", async () => {
    const broken = cases('examples/procedures/birth-registration.cases.json').find(
      (c) => c.name === "the child's ethnic group must be a parent's",
    )!;
    const { fetch, exchanges } = recording();
    const { sleep, waits } = recordedSleep();
    const key = newIdempotencyKey();
    const error = await submissionError(
      postDossier(server.endpoint, { fetch, sleep })(broken.answers, birth, {
        key,
        locale: 'en',
      }),
    );

    assert.equal(error.status, 422);
    assert.equal(error.retryable, false);
    assert.equal(exchanges.length, 1, 'not tried again');
    assert.deepEqual(waits, []);
    const sent = error.problem as {
      type: string;
      detail: string;
      i18n: Record<'vi' | 'en', { detail: string }>;
      errors: { field: string; code: string }[];
    };
    assert.equal(sent.type, 'tag:motcua,2026:problem/invalid-answers');
    assert.deepEqual(error.detail, { vi: sent.i18n.vi.detail, en: sent.i18n.en.detail });
    assert.notEqual(error.detail?.vi, error.detail?.en);
    assert.equal(sent.detail, sent.i18n.en.detail, 'the body speaks the locale sent');
    assert.deepEqual(
      sent.errors.map((e) => [e.field, e.code]),
      [['childEthnicity', 'rule']],
    );
    assert.deepEqual(await rowsWithKey(db, key), []);
  });

  it('uploads the file after the answers, with the access code, and resolves once none is missing', async () => {
    const { fetch, exchanges } = recording();
    const key = newIdempotencyKey();
    const bytes = pdf(NOTICE.size);
    const receipt = (await postDossier(server.endpoint, { fetch })(
      BIRTH_ANSWERS,
      birth,
      context(key, { files: birthFiles(noticeFile(bytes)) }),
    )) as Receipt;

    const filesUrl = `${server.origin}/api/dossiers/${receipt.dossierCode}/files`;
    assert.deepEqual(
      exchanges.map((e) => [e.method, e.url, e.missingFiles]),
      [
        ['POST', server.endpoint, 1],
        ['POST', filesUrl, 0],
      ],
    );
    assert.equal(exchanges[1]!.headers.get('authorization'), `Bearer ${receipt.accessCode}`);
    const part = (exchanges[1]!.body as FormData).get(NOTICE.field) as File;
    assert.equal(part.name, NOTICE.name);
    assert.equal(receipt.missingFiles, 0);
    assert.deepEqual(
      receipt.files.map((f) => [f.field, f.name, f.received, f.sha256]),
      [[NOTICE.field, NOTICE.name, true, sha256(bytes)]],
    );
    const { rows } = await db.query<{ sha256: string; size: number }>(
      'SELECT f.sha256, f.size FROM dossier_files f JOIN dossiers d ON d.id = f.dossier_id WHERE d.idempotency_key = $1',
      [key],
    );
    assert.deepEqual(rows, [{ sha256: sha256(bytes), size: NOTICE.size }]);
  });

  it('does not send a stored file again when a retry gets the first receipt back', async () => {
    const key = newIdempotencyKey();
    const files = birthFiles(noticeFile(pdf(NOTICE.size)));
    await postDossier(server.endpoint)(BIRTH_ANSWERS, birth, context(key, { files }));
    // The citizen presses "Gửi lại" (the answer to the last upload was lost, say).
    const { fetch, exchanges } = recording();
    const again = (await postDossier(server.endpoint, { fetch })(
      BIRTH_ANSWERS,
      birth,
      context(key, { files }),
    )) as Receipt;
    assert.deepEqual(
      exchanges.map((e) => [e.method, e.url.replace(server.origin, '')]),
      [
        ['POST', '/api/dossiers'],
        ['GET', `/api/dossiers/${again.dossierCode}`],
      ],
      'the replayed receipt is checked against the status, and no file is sent twice',
    );
    assert.equal(again.missingFiles, 0);
  });

  it('uploads every missing file in turn, and resolves only after the last', async () => {
    const renting = cases('packages/vn/procedures/permanent-residence.cases.json').find((c) =>
      c.name.startsWith('rents a home as a new household'),
    )!;
    const declared = ['ownerConsentDocument', 'lawfulResidenceProof'].map((field) => {
      const [file] = renting.answers[field] as { name: string; size: number }[];
      return { field, file: new File([pdf(file!.size)], file!.name, { type: 'application/pdf' }) };
    });
    const { fetch, exchanges } = recording();
    const receipt = (await postDossier(server.endpoint, { fetch })(
      renting.answers,
      residence,
      context(undefined, { files: new Map(declared.map(({ field, file }) => [field, [file]])) }),
    )) as Receipt;

    assert.deepEqual(
      exchanges.map((e) => e.missingFiles),
      [2, 1, 0],
    );
    assert.equal(receipt.missingFiles, 0);
    assert.ok(receipt.files.every((f) => f.received));
  });

  it('does not resolve while the server still counts a file missing', async () => {
    const { fetch } = recording((exchange) =>
      exchange.url.endsWith('/files')
        ? json(200, { status: 'awaiting-files', missingFiles: 1, files: [] })
        : undefined,
    );
    const error = await submissionError(
      postDossier(server.endpoint, { fetch })(
        BIRTH_ANSWERS,
        birth,
        context(undefined, { files: birthFiles() }),
      ),
    );
    assert.equal(error.retryable, true);
    assert.match(error.message, /1 file\(s\) still missing/);
    assert.match(error.detail?.vi ?? '', /Gửi lại/);
  });

  it('says which file is missing when its bytes are not at hand, and sends it on the next try', async () => {
    const key = newIdempotencyKey();
    const submit = postDossier(server.endpoint);
    const error = await submissionError(
      submit(BIRTH_ANSWERS, birth, context(key, { files: new Map() })),
    );
    assert.equal(error.retryable, false);
    assert.match(error.message, /birthNotice "giay-chung-sinh\.pdf"/);
    assert.match(error.detail?.vi ?? '', /"giay-chung-sinh\.pdf"/);
    assert.match(error.detail?.en ?? '', /"giay-chung-sinh\.pdf"/);
    const [stored] = await rowsWithKey(db, key);
    assert.ok(stored, 'the answers were stored before the file was looked for');

    const receipt = (await submit(
      BIRTH_ANSWERS,
      birth,
      context(key, { files: birthFiles() }),
    )) as Receipt;
    assert.equal(receipt.dossierCode, stored.code);
    assert.equal(receipt.missingFiles, 0);
    assert.equal((await rowsWithKey(db, key)).length, 1);
  });

  it("stops with the server's explanation when a file is not of an accepted type", async () => {
    const notPdf = new File([new Uint8Array(NOTICE.size).fill(0x61)], NOTICE.name, {
      type: 'application/pdf',
    });
    const { fetch, exchanges } = recording();
    const error = await submissionError(
      postDossier(server.endpoint, { fetch })(
        BIRTH_ANSWERS,
        birth,
        context(undefined, { files: birthFiles(notPdf) }),
      ),
    );
    assert.equal(error.status, 415);
    assert.equal(error.retryable, false);
    assert.equal(exchanges.length, 2, 'the answers, then one try of the file');
    assert.match(error.detail?.vi ?? '', /giay-chung-sinh\.pdf/);
    assert.match(error.detail?.en ?? '', /giay-chung-sinh\.pdf/);
  });
});

describe('newIdempotencyKey', () => {
  it('makes a version 4 UUID from getRandomValues where randomUUID is missing (plain http)', () => {
    const keys = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const key = newIdempotencyKey({ getRandomValues: (a) => crypto.getRandomValues(a) });
      assert.match(key, UUID_V4);
      keys.add(key);
    }
    assert.equal(keys.size, 1000);
  });

  it('sets the version and variant bits whatever the random bytes', () => {
    const filled = (byte: number) => ({
      getRandomValues: <T extends ArrayBufferView | null>(array: T) => {
        new Uint8Array(array!.buffer).fill(byte);
        return array;
      },
    });
    assert.equal(newIdempotencyKey(filled(0x00)), '00000000-0000-4000-8000-000000000000');
    assert.equal(newIdempotencyKey(filled(0xff)), 'ffffffff-ffff-4fff-bfff-ffffffffffff');
  });

  it('uses randomUUID where there is one', () => {
    const key = newIdempotencyKey({
      randomUUID: () => '3b241101-e2bb-4255-8caf-4136c566a962',
      getRandomValues: () => assert.fail('not needed'),
    });
    assert.equal(key, '3b241101-e2bb-4255-8caf-4136c566a962');
  });
});

describe('postDossier retrying', () => {
  const send = (fetch: typeof globalThis.fetch, options: Parameters<typeof postDossier>[1] = {}) =>
    postDossier(ENDPOINT, { fetch, ...options })(
      RESIDENCE_ANSWERS,
      residence,
      context('k-0001-test'),
    );

  it('tries again after 503, 500 and 429, with the same key and body each time', async () => {
    const { fetch, calls } = scripted([503, 500, 429]);
    const { sleep, waits } = recordedSleep();
    const receipt = await send(fetch, { sleep, delay: 100, random: randoms(0, 0.5, 0.999) });

    assert.deepEqual(receipt, STORED);
    assert.equal(calls.length, 4);
    assert.ok(
      calls.every((c) => new Headers(c.init.headers).get('idempotency-key') === 'k-0001-test'),
    );
    assert.equal(new Set(calls.map((c) => c.init.body)).size, 1);
    // Backoffs 100, 200, 400; each wait is half of it plus random × half.
    assert.deepEqual(
      waits.map((w) => Math.round(w * 10) / 10),
      [50, 150, 399.8],
    );
  });

  it('doubles the backoff and keeps every wait between half and the whole of it, up to maxDelay', async () => {
    const { fetch } = scripted(Array(7).fill(503));
    const low = recordedSleep();
    await send(fetch, {
      sleep: low.sleep,
      attempts: 8,
      delay: 100,
      maxDelay: 1000,
      random: () => 0,
    });
    assert.deepEqual(low.waits, [50, 100, 200, 400, 500, 500, 500]);

    const high = recordedSleep();
    await send(scripted(Array(7).fill(503)).fetch, {
      sleep: high.sleep,
      attempts: 8,
      delay: 100,
      maxDelay: 1000,
      random: () => 0.999_999,
    });
    const whole = [100, 200, 400, 800, 1000, 1000, 1000];
    high.waits.forEach((wait, i) => assert.ok(wait > whole[i]! * 0.999 && wait <= whole[i]!));

    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const spread = recordedSleep();
    await send(scripted(Array(7).fill(503)).fetch, {
      sleep: spread.sleep,
      attempts: 8,
      delay: 100,
      maxDelay: 1000,
      random,
    });
    spread.waits.forEach((wait, i) => assert.ok(wait >= whole[i]! / 2 && wait <= whole[i]!));
    assert.equal(new Set(spread.waits.slice(4)).size, 3, 'jitter spreads the capped waits');
  });

  it('waits as long as Retry-After says, capped by maxDelay', async () => {
    const busy = (value: string, status = 429) =>
      json(status, { status }, { 'retry-after': value });
    const seconds = recordedSleep();
    await send(scripted([busy('3'), busy('1', 503)]).fetch, {
      sleep: seconds.sleep,
      delay: 100,
      random: () => 0,
    });
    assert.deepEqual(seconds.waits, [3000, 1000]);

    const capped = recordedSleep();
    await send(scripted([busy('120')]).fetch, { sleep: capped.sleep, maxDelay: 2000 });
    assert.deepEqual(capped.waits, [2000]);

    const date = recordedSleep();
    const inFive = new Date(Date.now() + 5000).toUTCString();
    await send(scripted([busy(inFive)]).fetch, { sleep: date.sleep, delay: 100 });
    assert.ok(date.waits[0]! > 3000 && date.waits[0]! <= 5000, String(date.waits[0]));

    const shorter = recordedSleep();
    await send(scripted([busy('0')]).fetch, { sleep: shorter.sleep, delay: 100, random: () => 0 });
    assert.deepEqual(shorter.waits, [50], 'never sooner than the backoff');
  });

  it('tries again after a network error', async () => {
    const { fetch, calls } = scripted([
      new TypeError('fetch failed'),
      new TypeError('fetch failed'),
    ]);
    const { sleep, waits } = recordedSleep();
    assert.deepEqual(await send(fetch, { sleep }), STORED);
    assert.equal(calls.length, 3);
    assert.equal(waits.length, 2);
  });

  it('counts a request that takes longer than `timeout` as lost, and sends it again', async () => {
    let calls = 0;
    const fetch: typeof globalThis.fetch = (_input, init) => {
      calls++;
      if (calls > 1) return Promise.resolve(json(201, STORED));
      return new Promise((_resolve, reject) =>
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
      );
    };
    const { sleep } = recordedSleep();
    // AbortSignal.timeout's timer does not keep Node running (a real request's socket does).
    const alive = setInterval(() => undefined, 1000);
    try {
      assert.deepEqual(await send(fetch, { sleep, timeout: 30 }), STORED);
    } finally {
      clearInterval(alive);
    }
    assert.equal(calls, 2);
  });

  it('gives a request with a file `timeout` plus the file size at `uploadRate`', async () => {
    // A fixed limit would cut a large file off on a slow link at every try, for ever.
    const slowUpload = (uploadRate: number) => {
      const calls: string[] = [];
      const fetch: typeof globalThis.fetch = (input, init) => {
        calls.push(String(input));
        if (!String(input).endsWith('/files')) {
          return Promise.resolve(
            json(201, {
              ...STORED,
              filesUrl: '/api/dossiers/HS-20261130-HK-0001/files',
              files: [{ field: NOTICE.field, name: NOTICE.name, received: false }],
              missingFiles: 1,
            }),
          );
        }
        return new Promise((resolve, reject) => {
          // 240,000 bytes take 100 ms on this link.
          const timer = setTimeout(() => resolve(json(200, { missingFiles: 0, files: [] })), 100);
          init?.signal?.addEventListener('abort', () => {
            clearTimeout(timer);
            reject(init.signal?.reason);
          });
        });
      };
      const { sleep } = recordedSleep();
      const sent = postDossier(ENDPOINT, { fetch, sleep, timeout: 30, attempts: 2, uploadRate })(
        BIRTH_ANSWERS,
        birth,
        context(undefined, { files: birthFiles() }),
      );
      return { sent, calls };
    };
    const alive = setInterval(() => undefined, 1000);
    try {
      // 30 ms + 240,000 bytes at 1 MB/s = 270 ms: enough.
      const patient = slowUpload(1_000_000);
      assert.equal(((await patient.sent) as Receipt).missingFiles, 0);
      assert.equal(patient.calls.length, 2, 'the answers, then the file once');

      // 30 ms + 0.24 ms: the file is cut off at each try.
      const hasty = slowUpload(1_000_000_000);
      const error = await submissionError(hasty.sent);
      assert.equal(error.retryable, true);
      assert.match(error.message, /timeout/);
      assert.equal(hasty.calls.length, 3, 'the answers, then the file twice');
    } finally {
      clearInterval(alive);
    }
  });

  it('gives up after `attempts` tries with a retryable error that tells the citizen, in vi and en', async () => {
    const { fetch, calls } = scripted(Array(10).fill(503));
    const { sleep, waits } = recordedSleep();
    const error = await submissionError(send(fetch, { sleep, attempts: 3 }));

    assert.equal(calls.length, 3);
    assert.equal(waits.length, 2);
    assert.equal(error.retryable, true);
    assert.match(error.message, /answered 503/);
    assert.match(error.detail?.vi ?? '', /Gửi lại/);
    assert.match(error.detail?.en ?? '', /Send again/);
  });

  it('stops at once on a 4xx other than 429', async () => {
    for (const status of [400, 404, 409, 413, 415, 422]) {
      const { fetch, calls } = scripted([problem(status)]);
      const { sleep, waits } = recordedSleep();
      const error = await submissionError(send(fetch, { sleep }));
      assert.equal(error.status, status);
      assert.equal(error.retryable, false);
      assert.deepEqual(error.detail, { vi: 'Bận', en: 'Busy' });
      assert.equal(calls.length, 1);
      assert.deepEqual(waits, []);
    }
  });

  it('stops trying when the signal aborts during a wait', async () => {
    const { fetch, calls } = scripted(Array(10).fill(503));
    const controller = new AbortController();
    const reason = new Error('the citizen left');
    setTimeout(() => controller.abort(reason), 20);
    const started = Date.now();
    const error = await rejection(
      postDossier(ENDPOINT, { fetch, delay: 60_000 })(
        RESIDENCE_ANSWERS,
        residence,
        context(undefined, { signal: controller.signal }),
      ),
    );
    assert.equal(error, reason);
    assert.equal(calls.length, 1);
    assert.ok(Date.now() - started < 5000, 'the real wait was cut short');
  });

  it('stops trying when the signal aborts during a request', async () => {
    const controller = new AbortController();
    const reason = new Error('the kiosk was wiped');
    let calls = 0;
    const fetch: typeof globalThis.fetch = (_input, init) => {
      calls++;
      setTimeout(() => controller.abort(reason), 5);
      return new Promise((_resolve, reject) =>
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
      );
    };
    const { sleep, waits } = recordedSleep();
    const error = await rejection(
      postDossier(ENDPOINT, { fetch, sleep })(
        RESIDENCE_ANSWERS,
        residence,
        context(undefined, { signal: controller.signal }),
      ),
    );
    assert.equal(error, reason);
    assert.equal(calls, 1);
    assert.deepEqual(waits, []);
  });

  it('sends nothing when the signal has already aborted', async () => {
    const { fetch, calls } = scripted([]);
    const controller = new AbortController();
    controller.abort(new Error('gone'));
    await rejection(
      postDossier(ENDPOINT, { fetch })(
        RESIDENCE_ANSWERS,
        residence,
        context(undefined, { signal: controller.signal }),
      ),
    );
    assert.equal(calls.length, 0);
  });
});
