// Where citizens fail: pages send one summary per session, the server counts the dossiers it
// refuses and files, and staff read the counts per procedure version and day. Counts only,
// never an answer; over real HTTP, on PGlite and on a real PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Database } from '@motcua/server';
import { BACKENDS, BIRTH, RESIDENCE, newKey, postgresSkip, testServer } from './helpers.js';

const STAFF_TOKEN = 'staff-token-0123456789abcdef';
const STAFF = { authorization: `Bearer ${STAFF_TOKEN}` };
/** 20:00 UTC is 03:00 the next day in Vietnam: the counts belong to 1 December there. */
const NOW = new Date('2026-11-30T20:00:00Z');
const DAY = '2026-12-01';

interface StepReport {
  step: string;
  title: { vi: string; en: string };
  reached: number;
  left: number;
  dropOff: number | null;
  meanSeconds: number | null;
  help: number;
}
interface FieldReport {
  field: string;
  label: { vi: string; en: string };
  step: string;
  code: string;
  count: number;
  message?: { vi: string; en: string };
}
interface VersionReport {
  procedure: string;
  version: string;
  current: boolean;
  sessions: Record<'total' | 'submitted' | 'left' | 'kiosk' | 'online', number>;
  steps: StepReport[];
  errors: FieldReport[];
  warnings: FieldReport[];
  rejected: { dossiers: number; fields: FieldReport[] };
  filed: number;
}
interface Report {
  from: string;
  to: string;
  procedures: VersionReport[];
}

/** A summary of a birth registration, as the page sends it. */
const summary = (more: Record<string, unknown> = {}) => ({
  procedure: 'birth-registration',
  version: BIRTH.version,
  channel: 'kiosk',
  outcome: 'left',
  last: 'child',
  steps: [
    { step: 'requester', ms: 41_000 },
    { step: 'child', ms: 95_000 },
  ],
  ...more,
});

/** Until `check` passes: the server counts dossiers without holding up their answer. */
async function eventually(check: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + 5000;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

for (const backend of BACKENDS) {
  describe(`where citizens fail, on ${backend.name}`, async () => {
    const skip = backend.name === 'PostgreSQL' ? await postgresSkip() : false;
    let db: Database;
    let server: FastifyInstance;
    let base: string;

    before(async () => {
      if (skip) return;
      db = await backend.open();
      server = await testServer(db, {
        site: { id: 'HK' },
        staffToken: STAFF_TOKEN,
        now: () => NOW,
      });
      await server.listen({ port: 0, host: '127.0.0.1' });
      base = `http://127.0.0.1:${(server.server.address() as { port: number }).port}`;
    });
    after(async () => {
      await server?.close();
      await db?.close();
    });

    const send = (body: unknown, type = 'application/json') =>
      fetch(`${base}/api/insights`, {
        method: 'POST',
        headers: { 'content-type': type },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    const report = async (query: string) => {
      const response = await fetch(`${base}/api/insights/report?${query}`, { headers: STAFF });
      assert.equal(response.status, 200, await response.clone().text());
      return (await response.json()) as Report;
    };
    const birth = async (query = `from=${DAY}&to=${DAY}`) => {
      const found = (await report(`procedure=birth-registration&${query}`)).procedures;
      assert.equal(found.length, 1);
      return found[0]!;
    };
    const stored = async () =>
      Number(
        (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM insight_counts')).rows[0]?.n,
      );
    const fileDossier = (answers: Record<string, unknown>, channel = 'kiosk') =>
      fetch(`${base}/api/dossiers`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': newKey() },
        body: JSON.stringify({ ...BIRTH, answers, channel }),
      });

    it(
      'counts sessions, steps, errors, warnings and help, and a step skipped by a branch is never a drop-off',
      { skip },
      async () => {
        // Left on the mother's step, at a kiosk.
        const first = await send(
          summary({
            last: 'mother',
            steps: [
              { step: 'requester', ms: 41_000 },
              { step: 'child', ms: 95_000 },
              { step: 'childOrigin', ms: 30_000 },
              { step: 'mother', ms: 20_000 },
            ],
            errors: [{ step: 'child', field: 'childName', code: 'required', count: 2 }],
            warnings: [
              { step: 'child', field: 'childName', code: 'vn-person-name.typed', count: 1 },
            ],
            help: [{ step: 'child', count: 1 }],
          }),
        );
        assert.equal(first.status, 202);
        assert.equal(await first.text(), '');
        // Submitted online; the father is not determined, so his step is skipped.
        const second = await send(
          summary({
            channel: 'online',
            outcome: 'submitted',
            last: 'review',
            steps: [
              'requester',
              'child',
              'childOrigin',
              'mother',
              'fatherStatus',
              'copies',
              'birthNoticeStatus',
              'attachments',
              'review',
            ].map((step) => ({ step, ms: 10_000 })),
            errors: [
              { step: 'copies', field: 'copyCount', code: 'required', count: 1 },
              { step: 'child', field: 'childName', code: 'required', count: 1 },
            ],
          }),
        );
        assert.equal(second.status, 202);
        // Left on the father question, sent by navigator.sendBeacon (text/plain), after five
        // hours on it: counted as one.
        const third = await send(
          JSON.stringify(
            summary({
              last: 'fatherStatus',
              steps: [
                { step: 'requester', ms: 20_000 },
                { step: 'child', ms: 20_000 },
                { step: 'childOrigin', ms: 20_000 },
                { step: 'mother', ms: 20_000 },
                { step: 'fatherStatus', ms: 5 * 3_600_000 },
              ],
            }),
          ),
          'text/plain;charset=UTF-8',
        );
        assert.equal(third.status, 202);

        const found = await birth();
        assert.equal(found.version, BIRTH.version);
        assert.ok(found.current);
        assert.deepEqual(found.sessions, { total: 3, submitted: 1, left: 2, kiosk: 2, online: 1 });
        const step = (id: string) => found.steps.find((s) => s.step === id)!;
        assert.deepEqual(
          found.steps.map((s) => [s.step, s.reached, s.left, s.dropOff]),
          [
            ['requester', 3, 0, 0],
            ['child', 3, 0, 0],
            ['childOrigin', 3, 0, 0],
            ['mother', 3, 1, 0.333],
            ['fatherStatus', 2, 1, 0.5],
            ['father', 0, 0, null],
            ['copies', 1, 0, 0],
            ['birthNoticeStatus', 1, 0, 0],
            ['attachments', 1, 0, 0],
            ['review', 1, 0, 0],
          ],
        );
        assert.equal(step('requester').meanSeconds, 23.7);
        assert.equal(step('fatherStatus').meanSeconds, 1805);
        assert.equal(step('father').meanSeconds, null);
        assert.equal(step('child').help, 1);
        assert.deepEqual(step('child').title, {
          vi: 'Thông tin về trẻ',
          en: 'About the child',
        });
        assert.deepEqual(step('review').title.en, 'Check your answers');
        assert.deepEqual(
          found.errors.map((e) => [e.field, e.step, e.code, e.count]),
          [
            ['childName', 'child', 'required', 3],
            ['copyCount', 'copies', 'required', 1],
          ],
        );
        assert.equal(found.errors[0]?.label.vi, 'Họ, chữ đệm và tên của trẻ');
        assert.match(found.errors[0]?.message?.vi ?? '', /^Nhập họ, chữ đệm và tên của trẻ/);
        assert.deepEqual(
          found.warnings.map((w) => [w.field, w.code, w.count]),
          [['childName', 'vn-person-name.typed', 1]],
        );

        // Counted on the day in Vietnam, and outside the period asked, nothing.
        const before = await birth(`from=2026-11-01&to=2026-11-30`);
        assert.equal(before.sessions.total, 0);
        const kioskOnly = await birth(`from=${DAY}&to=${DAY}&channel=kiosk`);
        assert.deepEqual(kioskOnly.sessions, {
          total: 2,
          submitted: 0,
          left: 2,
          kiosk: 2,
          online: 0,
        });
        // The last 30 days by default, to today in Vietnam.
        const recent = await report('procedure=birth-registration');
        assert.deepEqual([recent.from, recent.to], ['2026-11-02', DAY]);
        assert.equal(recent.procedures[0]?.sessions.total, 3);
      },
    );

    it(
      'keeps counts only: no answer, kiosk, address, time of day or dossier code',
      { skip },
      async () => {
        const { rows } = await db.query<{ column_name: string }>(
          `SELECT column_name FROM information_schema.columns
          WHERE table_name = 'insight_counts' ORDER BY ordinal_position`,
        );
        assert.deepEqual(
          rows.map((row) => row.column_name),
          [
            'site',
            'procedure_id',
            'procedure_version',
            'day',
            'channel',
            'kind',
            'step',
            'field',
            'code',
            'count',
            'total_ms',
          ],
        );
        const days = await db.query<{ day: string }>('SELECT DISTINCT day FROM insight_counts');
        assert.deepEqual(
          days.rows.map((row) => row.day),
          [DAY],
        );
      },
    );

    it(
      'counts the dossiers POST /api/dossiers refuses, by field and code, and those it files',
      { skip },
      async () => {
        const filed = await fileDossier(BIRTH.answers);
        assert.equal(filed.status, 201, await filed.clone().text());
        const rule = await fileDossier({ ...BIRTH.answers, childEthnicity: 'tay' }, 'online');
        assert.equal(rule.status, 422);
        const required = await fileDossier({
          ...BIRTH.answers,
          wantCopies: 'yes',
          copyCount: null,
        });
        assert.equal(required.status, 422);
        assert.deepEqual(
          ((await required.json()) as { errors: { field: string; code: string }[] }).errors.map(
            (e) => [e.field, e.code],
          ),
          [['copyCount', 'required']],
        );

        await eventually(async () => {
          const found = await birth();
          assert.equal(found.filed, 1);
          assert.equal(found.rejected.dossiers, 2);
          assert.deepEqual(
            found.rejected.fields.map((f) => [f.field, f.step, f.code, f.count]),
            [
              ['childEthnicity', 'childOrigin', 'rule.child-ethnicity-from-parents', 1],
              ['copyCount', 'copies', 'required', 1],
            ],
          );
          const ruleField = found.rejected.fields[0]!;
          assert.match(ruleField.message?.en ?? '', /\S/, 'the rule’s own message');
        });
        // The refused dossiers' answers are nowhere in the counts.
        const { rows } = await db.query<Record<string, unknown>>('SELECT * FROM insight_counts');
        const text = JSON.stringify(rows);
        assert.ok(!text.includes('tay'), text);
        assert.ok(!text.includes(String(BIRTH.answers.childName)));
        assert.ok(!text.includes('HS-'));
      },
    );

    it(
      'counts a row field’s errors under its group, once a dossier, without the row number',
      { skip },
      async () => {
        const response = await fetch(`${base}/api/dossiers`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': newKey() },
          body: JSON.stringify({
            ...RESIDENCE,
            answers: { ...RESIDENCE.answers, membersMoving: 'yes', members: [{}, {}, {}] },
          }),
        });
        assert.equal(response.status, 422);
        const errors = ((await response.json()) as { errors: { field: string }[] }).errors;
        assert.ok(
          errors.some((e) => e.field === 'members.2.memberName'),
          JSON.stringify(errors),
        );
        await eventually(async () => {
          const found = (await report(`procedure=permanent-residence&from=${DAY}&to=${DAY}`))
            .procedures[0]!;
          assert.equal(found.rejected.dossiers, 1);
          const name = found.rejected.fields.find((f) => f.field === 'members.memberName');
          assert.deepEqual([name?.step, name?.code, name?.count], ['members', 'required', 1]);
          assert.match(name?.label.vi ?? '', / › /);
          for (const field of found.rejected.fields) assert.doesNotMatch(field.field, /\d/);
        });
      },
    );

    it('gives the report only to staff holding the token', { skip }, async () => {
      for (const headers of <Record<string, string>[]>[
        {},
        { authorization: 'Bearer wrong-token-0123456789' },
        { authorization: STAFF_TOKEN },
      ]) {
        const response = await fetch(`${base}/api/insights/report`, { headers });
        assert.equal(response.status, 401);
        assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
        assert.equal(
          ((await response.json()) as { type: string }).type,
          'tag:motcua,2026:problem/unauthorized',
        );
      }
      const query = await fetch(`${base}/api/insights/report?token=${STAFF_TOKEN}`);
      assert.equal(query.status, 400, 'a token in the address is not taken (it ends up in logs)');
      const response = await fetch(`${base}/api/insights/report`, { headers: STAFF });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('cache-control'), 'no-store');
    });

    const errorsEntry = (field: string) => ({
      errors: [{ step: 'child', field, code: 'required', count: 1 }],
    });
    const BAD: [string, unknown, string, number, string][] = [
      [
        'an unknown procedure',
        summary({ procedure: 'no-such-procedure' }),
        'application/json',
        404,
        'unknown-procedure',
      ],
      [
        'a version not served',
        summary({ version: '0.9.0' }),
        'application/json',
        409,
        'procedure-version-mismatch',
      ],
      [
        'a step not of the procedure',
        summary({
          steps: [
            { step: 'requester', ms: 1 },
            { step: 'spouse', ms: 1 },
          ],
        }),
        'application/json',
        400,
        'invalid-request',
      ],
      [
        'a last step not reached',
        summary({ last: 'mother' }),
        'application/json',
        400,
        'invalid-request',
      ],
      [
        'a step listed twice',
        summary({
          steps: [
            { step: 'child', ms: 1 },
            { step: 'child', ms: 1 },
          ],
        }),
        'application/json',
        400,
        'invalid-request',
      ],
      [
        'a field not of the procedure',
        summary(errorsEntry('spouseName')),
        'application/json',
        400,
        'invalid-request',
      ],
      [
        'a row field of a field that is no group',
        summary(errorsEntry('childName.first')),
        'application/json',
        400,
        'invalid-request',
      ],
      [
        'a row number in a field',
        summary(errorsEntry('childName.0')),
        'application/json',
        400,
        'invalid-request',
      ],
      [
        'a help call on an unknown step',
        summary({ help: [{ step: 'lobby', count: 1 }] }),
        'application/json',
        400,
        'invalid-request',
      ],
      ['an extra property', summary({ kiosk: 'K-07' }), 'application/json', 400, 'invalid-request'],
      [
        'an answer slipped into an entry',
        summary({
          errors: [{ step: 'child', field: 'childName', code: 'required', count: 1, value: 'An' }],
        }),
        'application/json',
        400,
        'invalid-request',
      ],
      [
        'a count of 0',
        summary({ help: [{ step: 'child', count: 0 }] }),
        'application/json',
        400,
        'invalid-request',
      ],
      [
        'a count over 100',
        summary({ help: [{ step: 'child', count: 101 }] }),
        'application/json',
        400,
        'invalid-request',
      ],
      [
        'a negative time',
        summary({ steps: [{ step: 'child', ms: -1 }] }),
        'application/json',
        400,
        'invalid-request',
      ],
      [
        'an array over 200 entries',
        summary({ help: Array.from({ length: 201 }, () => ({ step: 'child', count: 1 })) }),
        'application/json',
        400,
        'invalid-request',
      ],
      [
        'a body over 32 KB',
        JSON.stringify(summary()) + ' '.repeat(33 * 1024),
        'application/json',
        413,
        'body-too-large',
      ],
      [
        'a __proto__ key',
        '{"procedure":"birth-registration","version":"1.0.0","channel":"kiosk","outcome":"left","last":"child","steps":[{"step":"child","ms":1}],"__proto__":{"admin":true}}',
        'application/json',
        400,
        'forbidden-key',
      ],
      [
        'a __proto__ key in a beacon',
        '{"procedure":"birth-registration","steps":[{"step":"child","ms":1,"__proto__":{}}]}',
        'text/plain',
        400,
        'forbidden-key',
      ],
      ['text that is not JSON', 'outcome=left', 'text/plain', 400, 'invalid-json'],
      ['an empty beacon', '', 'text/plain', 400, 'invalid-json'],
      [
        'a form instead of JSON',
        'procedure=birth-registration',
        'application/x-www-form-urlencoded',
        415,
        'unsupported-media-type',
      ],
      ['JSON that is not an object', '[1, 2]', 'application/json', 400, 'invalid-request'],
    ];
    for (const [name, body, type, status, problem] of BAD) {
      it(`refuses ${name} with ${status} ${problem}, and counts nothing`, { skip }, async () => {
        const before = await stored();
        const response = await send(body, type);
        assert.equal(response.status, status, await response.clone().text());
        assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
        const document = (await response.json()) as { type: string; detail: string };
        assert.equal(document.type, `tag:motcua,2026:problem/${problem}`);
        assert.ok(document.detail);
        assert.equal(await stored(), before);
      });
    }

    it('says which step or field is wrong, in both languages', { skip }, async () => {
      const response = await send(summary(errorsEntry('spouseName')), 'application/json');
      const document = (await response.json()) as {
        i18n: Record<'vi' | 'en', { detail: string }>;
        errors: { pointer: string }[];
      };
      assert.match(document.i18n.en.detail, /"spouseName" is not a field of birth-registration/);
      assert.match(document.i18n.vi.detail, /"spouseName" không phải là một trường/);
      assert.deepEqual(
        document.errors.map((e) => e.pointer),
        ['/errors/0/field'],
      );
    });

    it(
      'files and refuses dossiers as before when the counts cannot be written',
      { skip },
      async () => {
        await db.exec('ALTER TABLE insight_counts RENAME TO insight_counts_away');
        try {
          const filed = await fileDossier(BIRTH.answers);
          assert.equal(filed.status, 201, await filed.clone().text());
          const refused = await fileDossier({ ...BIRTH.answers, childEthnicity: 'tay' });
          assert.equal(refused.status, 422);
          // Let the failed counts run their course before the table comes back.
          await new Promise((resolve) => setTimeout(resolve, 200));
        } finally {
          await db.exec('ALTER TABLE insight_counts_away RENAME TO insight_counts');
        }
      },
    );

    it('refuses a report period that is not one', { skip }, async () => {
      for (const query of ['from=2026-02-30', 'from=2026-12-02&to=2026-12-01', 'to=1.12.2026']) {
        const response = await fetch(`${base}/api/insights/report?${query}`, { headers: STAFF });
        assert.equal(response.status, 400, query);
        assert.equal(
          ((await response.json()) as { type: string }).type,
          'tag:motcua,2026:problem/invalid-request',
        );
      }
      const unknown = await fetch(`${base}/api/insights/report?procedure=nope`, {
        headers: STAFF,
      });
      assert.equal(unknown.status, 404);
    });
  });
}
