import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Database } from '@motcua/server';
import { BACKENDS, postgresSkip, testServer } from './helpers.js';

interface HelpRequest {
  id: number;
  site: string;
  kiosk: string;
  procedure: string | null;
  step: string | null;
  status: 'open' | 'taken' | 'done';
  takenBy: string | null;
  createdAt: string;
  updatedAt: string;
}

const STAFF_TOKEN = 'staff-token-0123456789abcdef';

/** Rejects after `ms`, so a stream that stays silent fails the test instead of hanging it. */
const within = <T>(promise: Promise<T>, ms: number, what: string): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });

/** A server-sent events stream read over real HTTP, one event at a time. */
async function openStream(url: string, headers: Record<string, string> = {}) {
  const abort = new AbortController();
  const response = await fetch(url, { headers, signal: abort.signal });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  /** The next `event:` block (comments and `retry:` skipped); throws if the stream ends. */
  const next = async (ms = 5000): Promise<{ event: string; data: string }> => {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const field = (name: string) =>
          block
            .split('\n')
            .filter((line) => line.startsWith(`${name}: `))
            .map((line) => line.slice(name.length + 2))
            .join('\n');
        if (field('event')) return { event: field('event'), data: field('data') };
        continue;
      }
      const chunk = await within(reader.read(), ms, 'the help stream');
      if (chunk.done) throw new Error('the help stream ended');
      buffer += chunk.value;
    }
  };
  /** Resolves when the server ends the stream. */
  const ended = async (ms = 5000) => {
    for (;;) {
      const chunk = await within(reader.read(), ms, 'the end of the help stream').catch(
        (error: Error) => {
          // An aborted or reset connection is an end too; only a timeout is not.
          if (/nothing within/.test(error.message)) throw error;
          return { done: true as const, value: undefined };
        },
      );
      if (chunk.done) return;
    }
  };
  return { response, next, ended, close: () => abort.abort() };
}

for (const backend of BACKENDS) {
  describe(`/api/help on ${backend.name}`, async () => {
    const skip = backend.name === 'PostgreSQL' ? await postgresSkip() : false;
    let db: Database;
    let server: FastifyInstance;

    before(async () => {
      if (skip) return;
      db = await backend.open();
      server = await testServer(db, { site: { id: 'HK' } });
    });
    after(async () => {
      await server?.close();
      await db?.close();
    });

    const call = async (body: object, on: FastifyInstance = server) => {
      const response = await on.inject({ method: 'POST', url: '/api/help', payload: body });
      assert.equal(response.statusCode, 201, response.body);
      return response.json<HelpRequest>();
    };
    const patch = (id: number, body: object, headers: Record<string, string> = {}) =>
      server.inject({ method: 'PATCH', url: `/api/help/${id}`, payload: body, headers });
    const list = async () => {
      const response = await server.inject({ url: '/api/help' });
      assert.equal(response.statusCode, 200, response.body);
      return response.json<HelpRequest[]>();
    };

    it('opens a help call from a kiosk (201, open)', { skip }, async () => {
      const created = await call({
        kiosk: 'kiosk-2',
        procedure: 'birth-registration',
        step: 'father',
      });
      assert.equal(typeof created.id, 'number');
      assert.deepEqual(
        {
          site: created.site,
          kiosk: created.kiosk,
          procedure: created.procedure,
          step: created.step,
          status: created.status,
          takenBy: created.takenBy,
        },
        {
          site: 'HK',
          kiosk: 'kiosk-2',
          procedure: 'birth-registration',
          step: 'father',
          status: 'open',
          takenBy: null,
        },
      );
      assert.ok((await list()).some((request) => request.id === created.id));
    });

    it(
      'goes open → taken (with who took it) → done, and a done call leaves the list',
      { skip },
      async () => {
        const open = await call({ kiosk: 'kiosk-1' });
        const other = await call({ kiosk: 'kiosk-3' });

        const taken = await patch(open.id, { status: 'taken', by: 'Lan' });
        assert.equal(taken.statusCode, 200, taken.body);
        assert.equal(taken.json().status, 'taken');
        assert.equal(taken.json().takenBy, 'Lan');
        const listed = await list();
        assert.equal(listed.find((request) => request.id === open.id)?.status, 'taken');
        assert.equal(listed.find((request) => request.id === other.id)?.status, 'open');

        const done = await patch(open.id, { status: 'done' });
        assert.equal(done.statusCode, 200, done.body);
        assert.equal(done.json().status, 'done');
        assert.equal(done.json().takenBy, 'Lan', 'who helped is kept');
        const ids = (await list()).map((request) => request.id);
        assert.equal(ids.includes(open.id), false);
        assert.equal(ids.includes(other.id), true);
      },
    );

    it('refuses to change a done call (409 help-request-closed)', { skip }, async () => {
      const request = await call({ kiosk: 'kiosk-1' });
      assert.equal((await patch(request.id, { status: 'done' })).statusCode, 200);
      for (const status of ['taken', 'done']) {
        const again = await patch(request.id, { status, by: 'Minh' });
        assert.equal(again.statusCode, 409, again.body);
        assert.equal(again.json().type, 'tag:motcua,2026:problem/help-request-closed');
      }
      const { rows } = await db.query<{ taken_by: string | null }>(
        'SELECT taken_by FROM help_requests WHERE id = $1',
        [request.id],
      );
      assert.equal(rows[0]?.taken_by, null);
    });

    it('answers 404 unknown-help-request for an id that does not exist', { skip }, async () => {
      const response = await patch(987_654, { status: 'taken', by: 'Lan' });
      assert.equal(response.statusCode, 404, response.body);
      assert.equal(response.json().type, 'tag:motcua,2026:problem/unknown-help-request');
    });

    it(
      'streams the list over HTTP at once, after a new call and after a change',
      { skip },
      async () => {
        const live = await testServer(db, { site: { id: 'HK' } });
        const origin = await live.listen({ port: 0, host: '127.0.0.1' });
        const stream = await openStream(`${origin}/api/help/stream`);
        try {
          assert.equal(stream.response.status, 200);
          assert.match(stream.response.headers.get('content-type') ?? '', /^text\/event-stream/);
          const first = await stream.next();
          assert.equal(first.event, 'requests');
          assert.deepEqual(JSON.parse(first.data), await list());

          // Calls and changes made through another instance reach this stream.
          const created = await call({ kiosk: 'kiosk-9', step: 'child' });
          const afterCall = await stream.next();
          assert.equal(afterCall.event, 'requests');
          const withCall = JSON.parse(afterCall.data) as HelpRequest[];
          assert.equal(withCall.find((request) => request.id === created.id)?.status, 'open');

          assert.equal((await patch(created.id, { status: 'taken', by: 'Hùng' })).statusCode, 200);
          const afterPatch = await stream.next();
          assert.equal(afterPatch.event, 'requests');
          const changed = (JSON.parse(afterPatch.data) as HelpRequest[]).find(
            (request) => request.id === created.id,
          );
          assert.deepEqual([changed?.status, changed?.takenBy], ['taken', 'Hùng']);
        } finally {
          stream.close();
          await live.close();
        }
      },
    );

    it(
      'with a staff token, needs it for the list, the stream and changes, but not for a kiosk’s call',
      { skip },
      async () => {
        const guarded = await testServer(db, { site: { id: 'HK' }, staffToken: STAFF_TOKEN });
        try {
          const request = async (
            method: 'GET' | 'PATCH' | 'POST',
            url: string,
            authorization?: string,
            payload?: object,
          ) =>
            guarded.inject({
              method,
              url,
              ...(payload && { payload }),
              headers: authorization ? { authorization } : {},
            });
          const created = await call({ kiosk: 'kiosk-5' }, guarded);
          assert.equal(created.status, 'open', 'a kiosk calls without any token');

          for (const authorization of [undefined, 'Bearer wrong-token-0123456789', STAFF_TOKEN]) {
            for (const [method, url, payload] of [
              ['GET', '/api/help'],
              ['GET', '/api/help/stream'],
              ['PATCH', `/api/help/${created.id}`, { status: 'taken', by: 'Lan' }],
            ] as const) {
              const response = await request(method, url, authorization, payload);
              assert.equal(response.statusCode, 401, `${method} ${url}: ${response.body}`);
              assert.equal(response.json().type, 'tag:motcua,2026:problem/unauthorized');
              assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
            }
          }

          const bearer = `Bearer ${STAFF_TOKEN}`;
          const listed = await request('GET', '/api/help', bearer);
          assert.equal(listed.statusCode, 200, listed.body);
          assert.ok(listed.json<HelpRequest[]>().some((item) => item.id === created.id));
          // A browser's EventSource cannot send headers: the volunteers' page passes ?token=.
          const byQuery = await request('GET', `/api/help?token=${STAFF_TOKEN}`);
          assert.equal(byQuery.statusCode, 200, byQuery.body);
          const taken = await request('PATCH', `/api/help/${created.id}`, bearer, {
            status: 'taken',
            by: 'Lan',
          });
          assert.equal(taken.statusCode, 200, taken.body);

          const origin = await guarded.listen({ port: 0, host: '127.0.0.1' });
          const stream = await openStream(`${origin}/api/help/stream`, { authorization: bearer });
          try {
            assert.equal(stream.response.status, 200);
            assert.equal((await stream.next()).event, 'requests');
          } finally {
            stream.close();
          }
        } finally {
          await guarded.close();
        }
      },
    );

    it(
      'ends open streams when the server closes, and closes within seconds',
      { skip },
      async () => {
        const live = await testServer(db, { site: { id: 'HK' } });
        const origin = await live.listen({ port: 0, host: '127.0.0.1' });
        const stream = await openStream(`${origin}/api/help/stream`);
        try {
          assert.equal((await stream.next()).event, 'requests');
          const started = Date.now();
          await within(live.close(), 5000, 'server.close() with a stream open');
          assert.ok(Date.now() - started < 5000);
          await stream.ended();
        } finally {
          stream.close();
        }
      },
    );
  });
}
