import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Database } from '@motcua/server';
import { BACKENDS, BIRTH, RESIDENCE, newKey, postgresSkip, testServer } from './helpers.js';

for (const backend of BACKENDS) {
  describe(`POST /api/dossiers on ${backend.name}`, async () => {
    const skip = backend.name === 'PostgreSQL' ? await postgresSkip() : false;
    let db: Database;
    let server: FastifyInstance;
    let now = new Date('2026-11-30T03:00:00Z');

    before(async () => {
      if (skip) return;
      db = await backend.open();
      server = await testServer(db, { now: () => now, site: { id: 'HK' } });
    });
    after(async () => {
      await server?.close();
      await db?.close();
    });

    const post = (body: unknown, key?: string, headers: Record<string, string> = {}) =>
      server.inject({
        method: 'POST',
        url: '/api/dossiers',
        headers: { ...(key && { 'idempotency-key': key }), ...headers },
        payload: body as object,
      });
    const count = async (sql = 'SELECT count(*)::int AS n FROM dossiers') =>
      Number((await db.query<{ n: number }>(sql)).rows[0]?.n);

    it(
      'stores a valid dossier and answers 201 with a readable code and a receipt',
      { skip },
      async () => {
        const response = await post(BIRTH, newKey());
        assert.equal(response.statusCode, 201);
        const receipt = response.json();
        assert.equal(receipt.dossierCode, 'HS-20261130-HK-0001');
        assert.match(receipt.accessCode, /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
        assert.equal(receipt.procedure.id, 'birth-registration');
        assert.equal(receipt.receivedAt, now.toISOString());
        assert.equal(response.headers.location, '/api/dossiers/HS-20261130-HK-0001');
        assert.ok(receipt.documents.length > 0, 'the documents to bring');
        // The pruned answers are stored, with the version, language and site.
        const { rows } = await db.query<{
          answers: Record<string, unknown>;
          procedure_version: string;
          locale: string;
          site: string;
        }>('SELECT answers, procedure_version, locale, site FROM dossiers WHERE code = $1', [
          receipt.dossierCode,
        ]);
        assert.equal(rows[0]?.answers.childName, BIRTH.answers.childName);
        assert.deepEqual(
          [rows[0]?.procedure_version, rows[0]?.locale, rows[0]?.site],
          ['1.0.0', 'vi', 'HK'],
        );
      },
    );

    it(
      'puts the fees of the dossier’s channel on the receipt, copies counted, with their total',
      { skip },
      async () => {
        const copies = { ...BIRTH.answers, wantCopies: 'yes', copyCount: 2 };
        const kiosk = (
          await post({ ...BIRTH, answers: copies, channel: 'kiosk' }, newKey())
        ).json();
        assert.equal(kiosk.channel, 'kiosk');
        // Born in August 2025, registered in November 2026: past the 60-day limit, so the late
        // fee is listed without an amount and the total is not final.
        assert.deepEqual(
          kiosk.fees.map(({ id, quantity, amount }: Record<string, unknown>) => ({
            id,
            quantity,
            amount,
          })),
          [
            { id: 'late-registration-fee', quantity: 1, amount: undefined },
            { id: 'certified-copy-fee', quantity: 2, amount: 16000 },
          ],
        );
        assert.deepEqual(kiosk.fees[1].label, {
          vi: 'Phí cấp bản sao Giấy khai sinh',
          en: 'Extra copies of the birth certificate',
        });
        assert.equal(kiosk.feeTotal, 16000);
        assert.equal(kiosk.feesComplete, false);

        const online = (await post(RESIDENCE, newKey())).json();
        assert.deepEqual(
          [online.channel, online.fees.map((fee: { id: string }) => fee.id), online.feeTotal],
          ['online', ['fee-online'], 10000],
        );
        const counter = (await post({ ...RESIDENCE, channel: 'in-person' }, newKey())).json();
        assert.deepEqual(
          [
            counter.fees.map((fee: { id: string }) => fee.id),
            counter.feeTotal,
            counter.feesComplete,
          ],
          [['fee-in-person'], 20000, true],
        );
        const unknown = await post({ ...RESIDENCE, channel: 'counter' }, newKey());
        assert.equal(unknown.statusCode, 400);
      },
    );

    it(
      'stores 50 simultaneous POSTs with one key exactly once, with 50 identical receipts',
      { skip },
      async () => {
        const before = await count();
        const key = newKey();
        const responses = await Promise.all(Array.from({ length: 50 }, () => post(BIRTH, key)));
        assert.deepEqual(new Set(responses.map((r) => r.statusCode)), new Set([201]));
        const bodies = new Set(responses.map((r) => r.body));
        assert.equal(bodies.size, 1, 'every retry gets the first receipt');
        assert.equal(await count(), before + 1);
        assert.equal(
          responses.filter((r) => r.headers['idempotent-replayed'] === 'true').length,
          49,
        );
      },
    );

    it(
      'refuses the same key with another dossier (422), and stores nothing',
      { skip },
      async () => {
        const key = newKey();
        assert.equal((await post(BIRTH, key)).statusCode, 201);
        const before = await count();
        const other = await post(
          { ...BIRTH, answers: { ...BIRTH.answers, childName: 'Trần Văn Bình' } },
          key,
        );
        assert.equal(other.statusCode, 422);
        assert.equal(other.headers['content-type'], 'application/problem+json; charset=utf-8');
        assert.equal(other.json().type, 'tag:motcua,2026:problem/idempotency-key-reused');
        assert.equal(await count(), before);
      },
    );

    it('treats the same answers in another key order as the same dossier', { skip }, async () => {
      const key = newKey();
      const first = await post(BIRTH, key);
      const reversed = Object.fromEntries(Object.entries(BIRTH.answers).reverse());
      const again = await post(
        { answers: reversed, version: BIRTH.version, procedure: BIRTH.procedure },
        key,
      );
      assert.equal(again.statusCode, 201);
      assert.equal(again.body, first.body);
    });

    it(
      're-validates with the procedure’s own rules: a broken rule is 422 with the errors as data',
      { skip },
      async () => {
        const before = await count();
        const response = await post(
          { ...BIRTH, answers: { ...BIRTH.answers, childEthnicity: 'tay' } },
          newKey(),
          { 'accept-language': 'en' },
        );
        assert.equal(response.statusCode, 422);
        const problem = response.json();
        assert.equal(problem.type, 'tag:motcua,2026:problem/invalid-answers');
        assert.ok(problem.errors.some((e: { field: string }) => e.field === 'childEthnicity'));
        assert.match(problem.detail, /Fix them and send again/);
        assert.match(problem.i18n.vi.detail, /Hãy sửa rồi gửi lại/);
        assert.equal(await count(), before);
      },
    );

    it(
      'runs the pack’s checks: an address whose commune is not in its province is refused',
      { skip },
      async () => {
        const response = await post(
          {
            ...RESIDENCE,
            answers: {
              ...RESIDENCE.answers,
              homeAddress: { province: '79', commune: '00331', detail: 'Số 12' },
            },
          },
          newKey(),
        );
        assert.equal(response.statusCode, 422);
        assert.deepEqual(
          response.json().errors.map((e: { field: string; code: string }) => [e.field, e.code]),
          [['homeAddress', 'vn-address.commune']],
        );
        const good = await post(RESIDENCE, newKey());
        assert.equal(good.statusCode, 201, good.body);
      },
    );

    it(
      'gives the next number after the last, and starts again at 1 on a new day',
      { skip },
      async () => {
        const first = (await post(BIRTH, newKey())).json().dossierCode as string;
        const second = (await post(BIRTH, newKey())).json().dossierCode as string;
        assert.equal(Number(second.slice(-4)), Number(first.slice(-4)) + 1);
        // 17:30 UTC is 00:30 the next day in Hà Nội: the day in the code is Vietnam's.
        now = new Date('2026-11-30T17:30:00Z');
        assert.equal((await post(BIRTH, newKey())).json().dossierCode, 'HS-20261201-HK-0001');
        now = new Date('2026-11-30T03:00:00Z');
      },
    );

    it(
      'shows the status only with the access code, and the same 404 for a wrong code',
      { skip },
      async () => {
        const receipt = (await post(BIRTH, newKey())).json();
        const status = await server.inject({
          url: receipt.statusUrl,
          headers: {
            authorization: `Bearer ${receipt.accessCode.toLowerCase().replace('-', ' ')}`,
          },
        });
        assert.equal(status.statusCode, 200);
        assert.equal(status.json().dossierCode, receipt.dossierCode);
        const wrong = await server.inject({
          url: receipt.statusUrl,
          headers: { authorization: 'Bearer 0000-0000' },
        });
        const unknown = await server.inject({
          url: '/api/dossiers/HS-20261130-HK-9999',
          headers: { authorization: `Bearer ${receipt.accessCode}` },
        });
        const none = await server.inject({ url: receipt.statusUrl });
        for (const response of [wrong, unknown, none]) {
          assert.equal(response.statusCode, 404);
          assert.equal(response.json().type, 'tag:motcua,2026:problem/unknown-dossier');
        }
        assert.equal(
          wrong.body.replace(/"instance":"[^"]*"/, ''),
          unknown.body.replace(/"instance":"[^"]*"/, ''),
        );
      },
    );
  });
}
