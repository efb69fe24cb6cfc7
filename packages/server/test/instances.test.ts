// Two server processes on one PostgreSQL database, started together from the repository's own
// motcua.config.json, as two instances behind a load balancer: the schema is made once, queue
// numbers and dossier codes have no gap and no duplicate whichever instance answers, a key is
// stored once across both, a help call reaches the volunteer watching the other instance, and an
// instance killed and restarted finds everything where it was.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { MIGRATIONS } from '@motcua/server';
import { BIRTH, freshPostgresDatabase, newKey, postgresSkip } from './helpers.js';
import type { ServerProcess } from './server-process.js';
import { startServerProcess, stopServerProcess } from './server-process.js';

const post = (origin: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${origin}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

/** The sequence number at the end of a dossier code, `HS-<day>-<site>-<n>`. */
const numberOf = (code: string) => Number(code.slice(code.lastIndexOf('-') + 1));

interface HelpRequest {
  id: number;
  kiosk: string;
}

/**
 * Reads a server-sent event stream: `next(accept)` resolves with the data of the next `requests`
 * event whose list `accept` takes.
 */
function helpEvents(body: ReadableStream<Uint8Array>) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  return async function next(accept: (list: HelpRequest[]) => boolean): Promise<HelpRequest[]> {
    for (;;) {
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const event = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const name = /^event: (.*)$/m.exec(event)?.[1];
        const data = /^data: (.*)$/m.exec(event)?.[1];
        if (name !== 'requests' || data === undefined) continue;
        const list = JSON.parse(data) as HelpRequest[];
        if (accept(list)) return list;
      }
      const { value, done } = await reader.read();
      if (done) throw new Error('the event stream ended');
      buffer += value;
    }
  };
}

describe('two server processes on one PostgreSQL database', async () => {
  const skip = await postgresSkip();
  let url: string;
  let db: pg.Pool;
  const servers: ServerProcess[] = [];
  let origins: string[] = [];
  /** Every dossier stored, with what its receipt said. */
  const dossiers: { key: string; code: string; accessCode: string }[] = [];

  // The repository's motcua.config.json, on the test's database; info logs, to see migrations.
  const start = () => startServerProcess({ DATABASE_URL: url, MOTCUA_LOG_LEVEL: 'info' });

  before(async () => {
    if (skip) return;
    url = await freshPostgresDatabase();
    db = new pg.Pool({ connectionString: url, max: 2 });
    servers.push(start(), start());
    origins = await Promise.all(servers.map((server) => server.ready));
  });
  after(async () => {
    await Promise.all(servers.map((server) => stopServerProcess(server, 'SIGTERM')));
    await db?.end();
  });

  const fileDossier = async (origin: string, key = newKey()) => {
    const response = await post(origin, '/api/dossiers', BIRTH, { 'idempotency-key': key });
    const text = await response.text();
    assert.equal(response.status, 201, text);
    const receipt = JSON.parse(text) as { dossierCode: string; accessCode: string };
    return { key, code: receipt.dossierCode, accessCode: receipt.accessCode, text };
  };

  it('runs the migrations exactly once when both start together', { skip }, async () => {
    const { rows } = await db.query<{ id: string; n: number }>(
      'SELECT id, count(*)::int AS n FROM motcua_migrations GROUP BY id ORDER BY id',
    );
    assert.deepEqual(
      rows,
      MIGRATIONS.map(({ id }) => ({ id, n: 1 })),
    );
    // One instance applied them; the other waited on the lock and found nothing left to do.
    const applied = servers.filter((server) => server.output().includes('database schema updated'));
    assert.equal(applied.length, 1, servers.map((server) => server.output()).join('\n-----\n'));
  });

  it(
    'numbers 200 simultaneous tickets across both 1 to 200, with no gap and no duplicate',
    { skip },
    async () => {
      const responses = await Promise.all(
        Array.from({ length: 200 }, (_, index) =>
          post(origins[index % 2]!, '/api/tickets', { counter: '1' }),
        ),
      );
      const tickets = await Promise.all(
        responses.map(async (response) => {
          assert.equal(response.status, 201);
          return (await response.json()) as { number: number; day: string };
        }),
      );
      assert.equal(new Set(tickets.map((ticket) => ticket.day)).size, 1, 'all on one day');
      assert.deepEqual(
        tickets.map((ticket) => ticket.number).sort((a, b) => a - b),
        Array.from({ length: 200 }, (_, index) => index + 1),
      );
    },
  );

  it(
    'stores 50 simultaneous POSTs of one key across both once, with 50 identical receipts',
    { skip },
    async () => {
      const key = newKey();
      const responses = await Promise.all(
        Array.from({ length: 50 }, (_, index) =>
          post(origins[index % 2]!, '/api/dossiers', BIRTH, { 'idempotency-key': key }),
        ),
      );
      const bodies = await Promise.all(responses.map((response) => response.text()));
      assert.deepEqual(new Set(responses.map((response) => response.status)), new Set([201]));
      assert.equal(new Set(bodies).size, 1, 'every answer is the first receipt');
      const replayed = responses.filter((r) => r.headers.get('idempotent-replayed') === 'true');
      assert.equal(replayed.length, 49);
      const { rows } = await db.query<{ code: string }>(
        'SELECT code FROM dossiers WHERE idempotency_key = $1',
        [key],
      );
      const receipt = JSON.parse(bodies[0]!) as { dossierCode: string; accessCode: string };
      assert.deepEqual(rows, [{ code: receipt.dossierCode }]);
      dossiers.push({ key, code: receipt.dossierCode, accessCode: receipt.accessCode });
    },
  );

  it(
    'streams a help call made on one instance to a volunteer watching the other',
    { skip },
    async () => {
      const watching = new AbortController();
      try {
        const stream = await fetch(`${origins[0]}/api/help/stream`, { signal: watching.signal });
        assert.equal(stream.status, 200);
        assert.match(stream.headers.get('content-type') ?? '', /^text\/event-stream/);
        const next = helpEvents(stream.body!);
        await next(() => true);

        const response = await post(origins[1]!, '/api/help', { kiosk: 'kiosk-7', step: 'child' });
        assert.equal(response.status, 201);
        const call = (await response.json()) as HelpRequest;
        const heard = await Promise.race([
          next((list) => list.some((request) => request.id === call.id)),
          new Promise<never>((_, reject) =>
            setTimeout(() => reject(new Error('no event within 10 s')), 10_000).unref(),
          ),
        ]);
        assert.equal(heard.find((request) => request.id === call.id)?.kiosk, 'kiosk-7');
      } finally {
        watching.abort();
      }
    },
  );

  it(
    'keeps every dossier when one instance is killed and restarted, and the codes continue',
    { skip },
    async () => {
      for (let index = 0; index < 4; index++) dossiers.push(await fileDossier(origins[index % 2]!));
      const storedBefore = (
        await db.query('SELECT idempotency_key, code FROM dossiers ORDER BY id')
      ).rows;

      const killed = servers[1]!;
      assert.deepEqual(await stopServerProcess(killed, 'SIGKILL'), {
        code: null,
        signal: 'SIGKILL',
      });
      // The other instance serves on alone meanwhile.
      dossiers.push(await fileDossier(origins[0]!));

      servers[1] = start();
      origins[1] = await servers[1].ready;
      const storedAfter = (await db.query('SELECT idempotency_key, code FROM dossiers ORDER BY id'))
        .rows;
      assert.deepEqual(storedAfter.slice(0, storedBefore.length), storedBefore);
      assert.equal(storedAfter.length, dossiers.length);
      for (const { code, accessCode } of dossiers) {
        const response = await fetch(`${origins[1]}/api/dossiers/${code}`, {
          headers: { authorization: `Bearer ${accessCode}` },
        });
        assert.equal(response.status, 200, `${code} on the restarted instance`);
      }
      const last = Math.max(...dossiers.map(({ code }) => numberOf(code)));
      const { code } = await fileDossier(origins[1]!);
      assert.equal(numberOf(code), last + 1, `after ${last}: ${code}`);
    },
  );
});
