import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Database } from '@motcua/server';
import { BACKENDS, REPO, postgresSkip, testServer } from './helpers.js';

/** The Vietnam pack's procedures besides the two the tests send to counter 2. */
const OTHERS = readdirSync(join(REPO, 'packages/vn/procedures'))
  .filter((file) => file.endsWith('.procedure.json'))
  .map((file) => file.slice(0, -'.procedure.json'.length))
  .filter((id) => id !== 'criminal-record' && id !== 'permanent-residence');

interface Ticket {
  site: string;
  counter: string;
  number: number;
  day: string;
  issuedAt: string;
  procedure?: string;
}

for (const backend of BACKENDS) {
  describe(`POST /api/tickets on ${backend.name}`, async () => {
    const skip = backend.name === 'PostgreSQL' ? await postgresSkip() : false;
    let db: Database;
    let server: FastifyInstance;
    // 10:00 in Hà Nội.
    let now = new Date('2026-11-30T03:00:00Z');

    before(async () => {
      if (skip) return;
      db = await backend.open();
      server = await testServer(db, {
        now: () => now,
        site: { id: 'HK', counters: [{ id: '1' }, { id: 'A' }] },
      });
    });
    after(async () => {
      await server?.close();
      await db?.close();
    });

    const take = (body: object, on: FastifyInstance = server) =>
      on.inject({ method: 'POST', url: '/api/tickets', payload: body });
    const number = async (counter: string) => {
      const response = await take({ counter });
      assert.equal(response.statusCode, 201, response.body);
      return response.json<Ticket>().number;
    };

    it(
      'sends a citizen to a counter that takes the procedure, when counters list theirs',
      { skip },
      async () => {
        const db2 = await backend.open();
        const civil = await testServer(db2, {
          site: {
            id: 'HK',
            counters: [
              { id: '1', procedures: ['birth-registration'] },
              { id: '2', procedures: ['criminal-record', 'permanent-residence'] },
              // Every other procedure of the Vietnam pack's folder goes to counter 3.
              { id: '3', procedures: OTHERS },
            ],
          },
        });
        try {
          const wrong = await take({ counter: '1', procedure: 'criminal-record' }, civil);
          assert.equal(wrong.statusCode, 422);
          const problem = wrong.json();
          assert.equal(problem.type, 'tag:motcua,2026:problem/wrong-counter');
          assert.match(problem.i18n.vi.detail, /Hãy lấy số ở quầy: 2\./);
          assert.equal(
            (await take({ counter: '2', procedure: 'criminal-record' }, civil)).statusCode,
            201,
          );
          // Without a procedure, any counter gives a number.
          assert.equal((await take({ counter: '1' }, civil)).statusCode, 201);
        } finally {
          await civil.close();
          await db2.close();
        }
      },
    );

    it('numbers the tickets of a counter 1, 2, 3… on a day', { skip }, async () => {
      now = new Date('2026-11-30T03:00:00Z');
      const first = await take({ counter: '1', procedure: 'birth-registration' });
      assert.equal(first.statusCode, 201, first.body);
      assert.deepEqual(first.json(), {
        site: 'HK',
        counter: '1',
        counterName: { vi: 'Quầy 1', en: 'Counter 1' },
        number: 1,
        day: '2026-11-30',
        issuedAt: now.toISOString(),
        procedure: 'birth-registration',
      });
      assert.deepEqual([await number('1'), await number('1')], [2, 3]);
      const { rows } = await db.query<{ number: number }>(
        `SELECT number FROM tickets WHERE site = 'HK' AND counter = '1' AND day = '20261130' ORDER BY number`,
      );
      assert.deepEqual(
        rows.map((row) => row.number),
        [1, 2, 3],
      );
    });

    it('keeps a separate sequence for each counter', { skip }, async () => {
      now = new Date('2026-11-30T04:00:00Z');
      const before = await number('1');
      assert.equal(await number('A'), 1);
      assert.equal(await number('A'), 2);
      assert.equal(await number('1'), before + 1);
      assert.equal(await number('A'), 3);
    });

    it('starts again at 1 when a new day begins in Asia/Ho_Chi_Minh', { skip }, async () => {
      // 16:59 UTC is 23:59 in Hà Nội: still 30 November.
      now = new Date('2026-11-30T16:59:59Z');
      const late = await take({ counter: '1' });
      assert.equal(late.json().day, '2026-11-30');
      assert.ok(late.json().number > 1);
      // 17:00 UTC is midnight in Hà Nội: 1 December, though still 30 November in UTC.
      now = new Date('2026-11-30T17:00:00Z');
      const next = await take({ counter: '1' });
      assert.equal(next.json().day, '2026-12-01');
      assert.equal(next.json().number, 1);
      assert.equal(await number('A'), 1);
    });

    it('gives 100 simultaneous tickets exactly the numbers 1 to 100', { skip }, async () => {
      now = new Date('2026-12-02T02:00:00Z');
      const responses = await Promise.all(
        Array.from({ length: 100 }, () => take({ counter: 'A' })),
      );
      assert.deepEqual(new Set(responses.map((response) => response.statusCode)), new Set([201]));
      const numbers = responses.map((response) => response.json<Ticket>().number);
      assert.deepEqual(
        numbers.sort((a, b) => a - b),
        Array.from({ length: 100 }, (_, index) => index + 1),
      );
      const { rows } = await db.query<{ n: number; top: number }>(
        `SELECT count(*)::int AS n, max(number) AS top FROM tickets
         WHERE site = 'HK' AND counter = 'A' AND day = '20261202'`,
      );
      assert.deepEqual({ ...rows[0] }, { n: 100, top: 100 });
    });

    it(
      'answers 404 unknown-counter for a counter the site has not, naming those it has',
      {
        skip,
      },
      async () => {
        const response = await take({ counter: 'B' });
        assert.equal(response.statusCode, 404);
        const problem = response.json();
        assert.equal(problem.type, 'tag:motcua,2026:problem/unknown-counter');
        assert.equal(
          problem.i18n.en.detail,
          'This site has no counter "B". Its counters are: 1, A.',
        );
        assert.equal(problem.i18n.vi.detail, 'Nơi này không có quầy "B". Các quầy: 1, A.');
      },
    );

    it(
      'answers 404 unknown-procedure for a procedure the site does not take',
      { skip },
      async () => {
        const response = await take({ counter: '1', procedure: 'passport' });
        assert.equal(response.statusCode, 404);
        assert.equal(response.json().type, 'tag:motcua,2026:problem/unknown-procedure');
      },
    );

    it('gives the default site one counter, "1"', { skip }, async () => {
      const plain = await testServer(db, { now: () => now });
      try {
        const ticket = await take({ counter: '1' }, plain);
        assert.equal(ticket.statusCode, 201, ticket.body);
        assert.equal(ticket.json().site, 'DEMO');
        assert.equal(ticket.json().number, 1);
        const other = await take({ counter: 'A' }, plain);
        assert.equal(other.statusCode, 404);
        assert.match(other.json().i18n.en.detail, /Its counters are: 1\.$/);
      } finally {
        await plain.close();
      }
    });
  });
}
