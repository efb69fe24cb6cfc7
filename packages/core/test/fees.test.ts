import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createManualClock } from '@motcua/core';
import type { Fee } from '@motcua/core';
import { loadProcedure } from '@motcua/core/compiler';

const clock = createManualClock('2026-03-02T08:00:00+07:00');

function withFees(fees: Fee[]) {
  return loadProcedure(
    {
      id: 'copies',
      version: '1.0.0',
      title: 'Cấp bản sao',
      fees,
      steps: [
        {
          id: 'request',
          title: 'Yêu cầu',
          fields: [
            { id: 'birthDate', type: 'date', label: 'Ngày sinh' },
            { id: 'wantCopies', type: 'checkbox', label: 'Cấp thêm bản sao' },
            {
              id: 'copyCount',
              type: 'number',
              label: 'Số bản sao',
              when: { field: 'wantCopies', equals: true },
              schema: { type: 'integer', minimum: 1, maximum: 10 },
            },
          ],
        },
      ],
    },
    { clock },
  );
}

const perCopy: Fee = { id: 'copy', label: 'Bản sao', amount: 8000, per: { field: 'copyCount' } };

describe('fees', () => {
  it('charges a per-unit fee for each unit of its number answer', () => {
    const fees = withFees([perCopy]).fees({ wantCopies: true, copyCount: 3 });
    assert.deepEqual(fees, {
      channel: 'online',
      lines: [{ id: 'copy', label: 'Bản sao', quantity: 3, unitAmount: 8000, amount: 24000 }],
      total: 24000,
      complete: true,
      currency: 'VND',
    });
  });

  it('leaves out a per-unit fee with nothing to count, its field hidden or empty', () => {
    const procedure = withFees([perCopy]);
    assert.deepEqual(procedure.fees({ wantCopies: false, copyCount: 3 }).lines, []);
    assert.deepEqual(procedure.fees({ wantCopies: true }).lines, []);
    assert.equal(procedure.fees({}).total, 0);
  });

  it('counts units from the "from"-th one, so the first ones are free', () => {
    const procedure = withFees([
      { id: 'extra', label: 'Từ bản thứ 3', amount: 5000, per: { field: 'copyCount', from: 3 } },
    ]);
    assert.deepEqual(procedure.fees({ wantCopies: true, copyCount: 2 }).lines, []);
    assert.equal(procedure.fees({ wantCopies: true, copyCount: 5 }).total, 15000);
  });

  it('counts pages up to "upTo" and times a second answer: pages × copies, capped per copy', () => {
    // A certified copy (TT 226/2016): 2.000 đ for each of the first two pages and 1.000 đ for
    // each page after, at most 200.000 đ a copy, which pages 1 to 198 reach exactly.
    const procedure = loadProcedure({
      id: 'certify',
      version: '1.0.0',
      title: 'Chứng thực',
      fees: [
        {
          id: 'first-pages',
          label: 'Trang 1–2',
          amount: 2000,
          per: { field: 'pages', upTo: 2, times: 'copies' },
        },
        {
          id: 'more-pages',
          label: 'Từ trang 3',
          amount: 1000,
          per: { field: 'pages', from: 3, upTo: 198, times: 'copies' },
        },
      ],
      steps: [
        {
          id: 'original',
          title: 'Bản chính',
          fields: [
            { id: 'pages', type: 'number', label: 'Số trang' },
            { id: 'copies', type: 'number', label: 'Số bản sao' },
          ],
        },
      ],
    });
    const fees = (pages: number | undefined, copies: number | undefined) => {
      const { lines, total } = procedure.fees({ pages, copies });
      return { lines: lines.map((line) => [line.id, line.quantity, line.amount]), total };
    };
    assert.deepEqual(fees(1, 1), { lines: [['first-pages', 1, 2000]], total: 2000 });
    assert.deepEqual(fees(5, 3), {
      lines: [
        ['first-pages', 6, 12000],
        ['more-pages', 9, 9000],
      ],
      total: 21000,
    });
    assert.equal(fees(198, 2).total, 400000);
    assert.equal(fees(500, 2).total, 400000, 'past page 198 a copy costs no more');
    assert.deepEqual(fees(5, undefined), { lines: [], total: 0 }, 'no copies asked, nothing');
    assert.deepEqual(fees(undefined, 3), { lines: [], total: 0 });
    assert.equal(fees(2.9, 1.5).total, 4000, 'whole units of each answer');
  });

  it('gives the fees of one channel: online by default, the kiosk or the counter when told', () => {
    const procedure = withFees([
      { id: 'counter', label: 'Tại quầy', amount: 20000, channel: 'in-person' },
      { id: 'online', label: 'Trực tuyến', amount: 10000, channel: ['online', 'kiosk'] },
      { id: 'always', label: 'Mọi kênh', amount: 1000, channel: 'any' },
      { id: 'unsaid', label: 'Không ghi kênh', amount: 500 },
    ]);
    const ids = (channel?: 'online' | 'in-person' | 'kiosk' | 'post') =>
      procedure.fees({}, { channel }).lines.map((line) => line.id);
    assert.deepEqual(ids(), ['online', 'always', 'unsaid']);
    assert.deepEqual(ids('kiosk'), ['online', 'always', 'unsaid']);
    assert.deepEqual(ids('in-person'), ['counter', 'always', 'unsaid']);
    assert.deepEqual(ids('post'), ['always', 'unsaid']);
    assert.equal(procedure.fees({}, { channel: 'in-person' }).total, 21500);
    assert.equal(procedure.fees({}, { channel: 'in-person' }).channel, 'in-person');
  });

  it('marks the total incomplete when an amount is left to the officer, counting the rest', () => {
    const procedure = withFees([
      { id: 'late', label: 'Quá hạn', when: { field: 'birthDate', daysAgoOver: 60 } },
      perCopy,
    ]);
    const late = procedure.fees({ birthDate: '2025-12-31', wantCopies: true, copyCount: 1 });
    assert.deepEqual(
      late.lines.map(({ id, amount }) => ({ id, amount })),
      [
        { id: 'late', amount: undefined },
        { id: 'copy', amount: 8000 },
      ],
    );
    assert.equal(late.complete, false);
    assert.equal(late.total, 8000);
    // 1 January to 2 March is 60 days: still on time.
    const onTime = procedure.fees({ birthDate: '2026-01-01', wantCopies: true, copyCount: 1 });
    assert.deepEqual(
      onTime.lines.map((line) => line.id),
      ['copy'],
    );
    assert.equal(onTime.complete, true);
  });

  it('keeps a fee whose condition holds and drops one whose condition fails', () => {
    const procedure = withFees([
      {
        id: 'free',
        label: 'Miễn phí',
        amount: 0,
        when: { not: { field: 'birthDate', daysAgoOver: 60 } },
      },
    ]);
    assert.deepEqual(
      procedure.fees({ birthDate: '2026-02-01' }).lines.map((line) => line.id),
      ['free'],
    );
    assert.deepEqual(procedure.fees({ birthDate: '2025-12-01' }).lines, []);
  });
});
