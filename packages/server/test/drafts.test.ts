import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Database } from '@motcua/server';
import { BACKENDS, BIRTH, postgresSkip, testServer } from './helpers.js';

const DAY = 24 * 60 * 60 * 1000;
/** Crockford base-32 (no I, L, O, U), in three groups of four. */
const RESUME_CODE = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

/** The birth registration's answers as typed so far: everything but the file. */
const { birthNotice, ...TYPED } = BIRTH.answers;

for (const backend of BACKENDS) {
  describe(`/api/drafts on ${backend.name}`, async () => {
    const skip = backend.name === 'PostgreSQL' ? await postgresSkip() : false;
    let db: Database;
    let server: FastifyInstance;
    const start = new Date('2026-11-30T03:00:00Z');
    let now = start;
    const clock = () => now;

    before(async () => {
      if (skip) return;
      db = await backend.open();
      server = await testServer(db, { now: clock, site: { id: 'HK' } });
    });
    after(async () => {
      await server?.close();
      await db?.close();
    });

    const save = async (answers: object = BIRTH.answers, on: FastifyInstance = server) => {
      const response = await on.inject({
        method: 'POST',
        url: '/api/drafts',
        payload: { ...BIRTH, answers, step: 'father', locale: 'vi' },
      });
      assert.equal(response.statusCode, 201, response.body);
      return response.json<{ resumeCode: string; expiresAt: string; days: number }>();
    };
    const resume = (code: string, on: FastifyInstance = server, remoteAddress?: string) =>
      on.inject({
        url: `/api/drafts/${encodeURIComponent(code)}`,
        ...(remoteAddress && { remoteAddress }),
      });
    const expectUnknown = (response: Awaited<ReturnType<typeof resume>>) => {
      assert.equal(response.statusCode, 404, response.body);
      assert.equal(response.json().type, 'tag:motcua,2026:problem/unknown-resume-code');
    };

    it(
      'saves a draft under a resume code XXXX-XXXX-XXXX for 7 days, and resumes the answers exactly',
      { skip },
      async () => {
        now = start;
        const saved = await save(TYPED);
        assert.match(saved.resumeCode, RESUME_CODE);
        assert.equal(saved.expiresAt, new Date(start.getTime() + 7 * DAY).toISOString());
        assert.equal(saved.days, 7);
        const response = await resume(saved.resumeCode);
        assert.equal(response.statusCode, 200, response.body);
        assert.deepEqual(response.json(), {
          procedure: BIRTH.procedure,
          version: BIRTH.version,
          answers: TYPED,
          step: 'father',
          locale: 'vi',
          savedAt: start.toISOString(),
          expiresAt: saved.expiresAt,
        });
      },
    );

    it(
      'resumes a code typed in lower case, without dashes, with O for 0 and I or L for 1',
      { skip },
      async () => {
        now = start;
        // Draw drafts until a code holds both a 0 and a 1, so every look-alike is tried.
        let code = '';
        for (let tries = 0; tries < 400 && !(code.includes('0') && code.includes('1')); tries++) {
          code = (await save(TYPED)).resumeCode;
        }
        assert.ok(code.includes('0') && code.includes('1'), `no code with 0 and 1: ${code}`);
        const typed = [
          code.toLowerCase(),
          code.replace(/-/g, ''),
          ` ${code.replace(/-/g, ' ')} `,
          code.replace(/0/g, 'O').replace(/1/g, 'I'),
          code.toLowerCase().replace(/-/g, '').replace(/0/g, 'o').replace(/1/g, 'l'),
        ];
        for (const variant of typed) {
          const response = await resume(variant);
          assert.equal(response.statusCode, 200, `${variant}: ${response.body}`);
          assert.deepEqual(response.json().answers, TYPED);
        }
        // One character changed is another code.
        const wrong = code.replace(/0/, '2');
        expectUnknown(await resume(wrong));
      },
    );

    it('does not keep the files chosen: the file field is absent on resume', { skip }, async () => {
      now = start;
      assert.ok(birthNotice, 'the example declares a birth notice');
      const saved = await save(BIRTH.answers);
      const answers = (await resume(saved.resumeCode)).json().answers;
      assert.equal('birthNotice' in answers, false);
      assert.deepEqual(answers, TYPED);
    });

    it(
      'stores neither the resume code nor the answers in clear in the database',
      { skip },
      async () => {
        now = start;
        const saved = await save(BIRTH.answers);
        const plain = saved.resumeCode.replace(/-/g, '');
        const { rows } = await db.query('SELECT * FROM drafts');
        assert.ok(rows.length > 0);
        for (const row of rows) {
          for (const [column, value] of Object.entries(row)) {
            const bytes =
              value instanceof Uint8Array ? Buffer.from(value) : Buffer.from(String(value));
            for (const secret of [saved.resumeCode, plain, plain.toLowerCase()]) {
              assert.equal(bytes.includes(secret), false, `${column} holds the resume code`);
            }
          }
          const sealed = Buffer.from(row.sealed as Uint8Array);
          for (const typed of [
            String(BIRTH.answers.childName),
            String(BIRTH.answers.requesterPersonalId),
            'childName',
          ]) {
            assert.equal(
              sealed.includes(Buffer.from(typed, 'utf8')),
              false,
              `sealed holds ${typed}`,
            );
          }
        }
      },
    );

    it('forgets a draft once its 7 days are over', { skip }, async () => {
      now = start;
      const saved = await save(TYPED);
      now = new Date(start.getTime() + 7 * DAY - 1000);
      assert.equal((await resume(saved.resumeCode)).statusCode, 200);
      now = new Date(start.getTime() + 7 * DAY + 1000);
      expectUnknown(await resume(saved.resumeCode));
      // Saving another draft removes the expired ones from the database.
      const before = await db.query('SELECT 1 FROM drafts WHERE expires_at < $1', [
        now.toISOString(),
      ]);
      assert.ok(before.rows.length > 0);
      await save(TYPED);
      const afterSave = await db.query('SELECT 1 FROM drafts WHERE expires_at < $1', [
        now.toISOString(),
      ]);
      assert.equal(afterSave.rows.length, 0);
      now = start;
    });

    it(
      'refuses __proto__ in the answers with 400 forbidden-key, and saves nothing',
      { skip },
      async () => {
        now = start;
        const count = async () => Number((await db.query('SELECT 1 FROM drafts')).rows.length);
        const before = await count();
        for (const answers of [
          '{"__proto__": {"isAdmin": true}}',
          '{"childName": "An", "members": [{"__proto__": {"x": 1}}]}',
        ]) {
          const response = await server.inject({
            method: 'POST',
            url: '/api/drafts',
            headers: { 'content-type': 'application/json' },
            payload: `{"procedure": "birth-registration", "version": "1.0.0", "answers": ${answers}}`,
          });
          assert.equal(response.statusCode, 400, response.body);
          assert.equal(response.json().type, 'tag:motcua,2026:problem/forbidden-key');
          assert.match(response.json().detail, /"__proto__"/);
        }
        assert.equal(await count(), before);
      },
    );

    it(
      'limits lookups per address: past lookupsPerMinute, 429 rate-limited with Retry-After',
      { skip },
      async () => {
        now = start;
        const strict = await testServer(db, {
          now: clock,
          site: { id: 'HK' },
          limits: { requestsPerMinute: 100_000, lookupsPerMinute: 3 },
        });
        try {
          const saved = await save(TYPED, strict);
          // An address of its own: the counts are shared through the database with `server`.
          const address = '203.0.113.7';
          for (let lookup = 1; lookup <= 3; lookup++) {
            assert.equal((await resume(saved.resumeCode, strict, address)).statusCode, 200);
          }
          const limited = await resume(saved.resumeCode, strict, address);
          assert.equal(limited.statusCode, 429, limited.body);
          assert.equal(limited.json().type, 'tag:motcua,2026:problem/rate-limited');
          const retryAfter = Number(limited.headers['retry-after']);
          assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After: ${retryAfter}`);
          assert.match(limited.json().i18n.vi.detail, /Hãy đợi \d+ giây rồi thử lại/);
          // Another address is not held back.
          assert.equal((await resume(saved.resumeCode, strict, '203.0.113.8')).statusCode, 200);
        } finally {
          await strict.close();
        }
      },
    );

    it('keeps drafts for limits.draftDays days', { skip }, async () => {
      now = start;
      const monthly = await testServer(db, {
        now: clock,
        site: { id: 'HK' },
        limits: { draftDays: 30 },
      });
      try {
        const saved = await save(TYPED, monthly);
        assert.equal(saved.days, 30);
        assert.equal(saved.expiresAt, new Date(start.getTime() + 30 * DAY).toISOString());
        now = new Date(start.getTime() + 29 * DAY);
        assert.equal((await resume(saved.resumeCode, monthly)).statusCode, 200);
        now = new Date(start.getTime() + 31 * DAY);
        expectUnknown(await resume(saved.resumeCode, monthly));
      } finally {
        now = start;
        await monthly.close();
      }
    });
  });
}
