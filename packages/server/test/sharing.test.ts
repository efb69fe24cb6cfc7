// A kiosk that called for help shares the dossier in progress with the volunteers' review view,
// only with its share token, only while the session lasts, and never for longer than 30 minutes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Database } from '@motcua/server';
import { BACKENDS, BIRTH, postgresSkip, testServer } from './helpers.js';

const STAFF_TOKEN = 'staff-token-0123456789abcdef';
const STAFF = { authorization: `Bearer ${STAFF_TOKEN}` };

interface Created {
  id: number;
  shareToken: string;
  hasDossier: boolean;
}

/** The next `event:` blocks of a server-sent events stream, read over real HTTP. */
async function openStream(url: string, headers: Record<string, string>) {
  const abort = new AbortController();
  const response = await fetch(url, { headers, signal: abort.signal });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const next = async (): Promise<{ event: string; data: unknown }> => {
    const deadline = Date.now() + 5000;
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const line = (name: string) =>
          block
            .split('\n')
            .find((l) => l.startsWith(`${name}: `))
            ?.slice(name.length + 2);
        const event = line('event');
        if (event) return { event, data: JSON.parse(line('data') ?? 'null') };
        continue;
      }
      if (Date.now() > deadline) throw new Error('the help stream: nothing within 5 s');
      const chunk = await Promise.race([
        reader.read(),
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error('the help stream: nothing within 5 s')), 5000),
        ),
      ]);
      if (chunk.done) throw new Error('the help stream ended');
      buffer += chunk.value;
    }
  };
  /** The next event of this name, skipping others. */
  const nextOf = async (name: string) => {
    for (;;) {
      const found = await next();
      if (found.event === name) return found.data;
    }
  };
  return { nextOf, close: () => abort.abort() };
}

for (const backend of BACKENDS) {
  describe(`sharing a dossier with the volunteer on ${backend.name}`, async () => {
    const skip = backend.name === 'PostgreSQL' ? await postgresSkip() : false;
    let db: Database;
    let server: FastifyInstance;
    let now = new Date('2026-11-30T03:00:00Z');

    before(async () => {
      if (skip) return;
      db = await backend.open();
      server = await testServer(db, {
        site: { id: 'HK' },
        staffToken: STAFF_TOKEN,
        now: () => now,
      });
    });
    after(async () => {
      await server?.close();
      await db?.close();
    });

    const call = async () => {
      const response = await server.inject({
        method: 'POST',
        url: '/api/help',
        payload: { kiosk: 'kiosk-1', procedure: 'birth-registration', step: 'father' },
      });
      assert.equal(response.statusCode, 201, response.body);
      return response.json<Created>();
    };
    const share = (id: number, token: string | undefined, body: object = {}) =>
      server.inject({
        method: 'PUT',
        url: `/api/help/${id}/dossier`,
        headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
        payload: { ...BIRTH, step: 'father', locale: 'vi', ...body },
      });
    const look = (id: number, headers: Record<string, string> = STAFF) =>
      server.inject({ url: `/api/help/${id}/dossier`, headers });
    const end = (id: number, token: string) =>
      server.inject({
        method: 'DELETE',
        url: `/api/help/${id}/dossier`,
        headers: { authorization: `Bearer ${token}` },
      });
    const sharedRows = async () =>
      Number(
        (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM help_dossiers')).rows[0]?.n,
      );

    it(
      'gives the kiosk a share token with its call, and keeps only its hash',
      { skip },
      async () => {
        const created = await call();
        assert.match(created.shareToken, /^[A-Za-z0-9_-]{43}$/);
        assert.equal(created.hasDossier, false);
        const { rows } = await db.query<{ share_hash: string }>(
          'SELECT share_hash FROM help_requests WHERE id = $1',
          [created.id],
        );
        assert.match(rows[0]!.share_hash, /^[0-9a-f]{64}$/);
        assert.ok(!JSON.stringify(rows).includes(created.shareToken));
        // The list never shows a token.
        const list = await server.inject({ url: '/api/help', headers: STAFF });
        assert.ok(!list.body.includes(created.shareToken));
        assert.ok(!list.body.includes('share'));
      },
    );

    it(
      'shares the answers with the volunteer, who sees them with the step and language',
      { skip },
      async () => {
        const { id, shareToken } = await call();
        const shared = await share(id, shareToken);
        assert.equal(shared.statusCode, 200, shared.body);
        assert.deepEqual(shared.json(), {
          help: id,
          updatedAt: now.toISOString(),
          expiresAt: new Date(now.getTime() + 30 * 60_000).toISOString(),
        });
        const seen = await look(id);
        assert.equal(seen.statusCode, 200, seen.body);
        assert.equal(seen.headers['cache-control'], 'no-store');
        const dossier = seen.json();
        assert.equal(dossier.procedure, 'birth-registration');
        assert.equal(dossier.version, '1.0.0');
        assert.equal(dossier.step, 'father');
        assert.equal(dossier.locale, 'vi');
        assert.equal(dossier.answers.childName, BIRTH.answers.childName);
        const list = (await server.inject({ url: '/api/help', headers: STAFF })).json<
          { id: number; hasDossier: boolean; dossierUpdatedAt: string | null }[]
        >();
        const item = list.find((entry) => entry.id === id);
        assert.equal(item?.hasDossier, true);
        assert.equal(item?.dossierUpdatedAt, now.toISOString());
      },
    );

    it(
      'keeps of a file only its name, type and size, and the choice to bring the paper',
      { skip },
      async () => {
        const { id, shareToken } = await call();
        const answers = {
          ...BIRTH.answers,
          birthNotice: [
            { name: 'a.pdf', type: 'application/pdf', size: 10, content: 'JVBERi0xLjQK…' },
          ],
          witnessStatement: { paper: true, note: 'x' },
        };
        assert.equal((await share(id, shareToken, { answers })).statusCode, 200);
        const dossier = (await look(id)).json();
        assert.deepEqual(dossier.answers.birthNotice, [
          { name: 'a.pdf', type: 'application/pdf', size: 10 },
        ]);
        assert.deepEqual(dossier.answers.witnessStatement, { paper: true });
      },
    );

    it('refuses a wrong or missing share token, and another kiosk’s token', { skip }, async () => {
      const first = await call();
      const second = await call();
      for (const token of [undefined, 'x'.repeat(43), second.shareToken]) {
        const response = await share(first.id, token);
        assert.equal(response.statusCode, 403, String(token));
        assert.equal(response.json().type, 'tag:motcua,2026:problem/invalid-share-token');
        assert.match(response.json().i18n.vi.detail, /Cần trợ giúp/);
      }
      assert.equal((await look(first.id)).statusCode, 404);
      assert.equal(
        (await share(999_999, first.shareToken)).json().type,
        'tag:motcua,2026:problem/unknown-help-request',
      );
    });

    it('lets only staff read a shared dossier when a staff token is set', { skip }, async () => {
      const { id, shareToken } = await call();
      await share(id, shareToken);
      assert.equal((await look(id, {})).statusCode, 401);
      assert.equal((await look(id, { authorization: `Bearer ${shareToken}` })).statusCode, 401);
      assert.equal((await look(id)).statusCode, 200);
    });

    it(
      'refuses a body over its limit, unknown procedures and forbidden keys',
      { skip },
      async () => {
        const { id, shareToken } = await call();
        const big = await share(id, shareToken, {
          answers: { ...BIRTH.answers, childBirthFacility: 'x'.repeat(300 * 1024) },
        });
        assert.equal(big.statusCode, 413);
        assert.match(big.json().detail, /256 KB/);
        const unknown = await share(id, shareToken, { procedure: 'nope' });
        assert.equal(unknown.json().type, 'tag:motcua,2026:problem/unknown-procedure');
        const polluted = await server.inject({
          method: 'PUT',
          url: `/api/help/${id}/dossier`,
          headers: { authorization: `Bearer ${shareToken}`, 'content-type': 'application/json' },
          payload: `{"procedure":"birth-registration","version":"1.0.0","answers":{"__proto__":{"x":1}}}`,
        });
        assert.equal(polluted.statusCode, 400);
        assert.equal(polluted.json().type, 'tag:motcua,2026:problem/forbidden-key');
      },
    );

    it(
      'ends the sharing when the session ends: the dossier is deleted and the call done',
      { skip },
      async () => {
        const { id, shareToken } = await call();
        await share(id, shareToken);
        const ended = await end(id, shareToken);
        assert.equal(ended.statusCode, 204);
        const gone = await look(id);
        assert.equal(gone.statusCode, 404);
        assert.equal(gone.json().type, 'tag:motcua,2026:problem/no-shared-dossier');
        const { rows } = await db.query<{ status: string }>(
          'SELECT status FROM help_requests WHERE id = $1',
          [id],
        );
        assert.equal(rows[0]?.status, 'done');
        // A wipe may end twice (idle and pagehide); the second changes nothing.
        assert.equal((await end(id, shareToken)).statusCode, 204);
        // A done call takes no dossier.
        const late = await share(id, shareToken);
        assert.equal(late.statusCode, 409);
        assert.equal(late.json().type, 'tag:motcua,2026:problem/help-request-closed');
        assert.equal((await end(id, 'wrong-token-000000000000000000000000000000')).statusCode, 403);
      },
    );

    it('deletes the shared dossier when the volunteer marks the call done', { skip }, async () => {
      const { id, shareToken } = await call();
      await share(id, shareToken);
      const done = await server.inject({
        method: 'PATCH',
        url: `/api/help/${id}`,
        headers: STAFF,
        payload: { status: 'done' },
      });
      assert.equal(done.statusCode, 200, done.body);
      assert.equal((await look(id)).statusCode, 404);
      const { rows } = await db.query('SELECT 1 FROM help_dossiers WHERE help_id = $1', [id]);
      assert.equal(rows.length, 0);
    });

    it('forgets a shared dossier 30 minutes after its last change', { skip }, async () => {
      await db.query('DELETE FROM help_dossiers');
      const { id, shareToken } = await call();
      await share(id, shareToken);
      now = new Date(now.getTime() + 20 * 60_000);
      // A change keeps it 30 minutes more.
      await share(id, shareToken, { step: 'copies' });
      now = new Date(now.getTime() + 29 * 60_000);
      assert.equal((await look(id)).json().step, 'copies');
      now = new Date(now.getTime() + 2 * 60_000);
      const list = (await server.inject({ url: '/api/help', headers: STAFF })).json<
        { id: number; hasDossier: boolean }[]
      >();
      assert.equal(list.find((entry) => entry.id === id)?.hasDossier, false);
      assert.equal(await sharedRows(), 0, 'deleted from the database, not only hidden');
      assert.equal((await look(id)).statusCode, 404);
    });

    it(
      'tells the volunteers’ stream when a shared dossier changes and when it ends',
      { skip },
      async () => {
        const origin = await server.listen({ port: 0, host: '127.0.0.1' });
        const stream = await openStream(`${origin}/api/help/stream`, STAFF);
        try {
          await stream.nextOf('requests');
          const { id, shareToken } = await call();
          const listed = (await stream.nextOf('requests')) as { id: number; hasDossier: boolean }[];
          assert.equal(listed.find((entry) => entry.id === id)?.hasDossier, false);
          await share(id, shareToken);
          assert.deepEqual(await stream.nextOf('dossier'), { id, updatedAt: now.toISOString() });
          // A second change of the same dossier is an event too, though the list looks the same.
          now = new Date(now.getTime() + 1000);
          await share(id, shareToken, { step: 'copies' });
          assert.deepEqual(await stream.nextOf('dossier'), { id, updatedAt: now.toISOString() });
          await end(id, shareToken);
          assert.deepEqual(await stream.nextOf('dossier'), { id, updatedAt: null });
        } finally {
          stream.close();
        }
      },
    );
  });
}
