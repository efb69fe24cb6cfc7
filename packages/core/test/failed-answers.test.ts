import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Pack, createManualClock } from '@motcua/core';
import { loadProcedure } from '@motcua/core/compiler';
import type { ProcedureDefinition } from '../src/definition.js';

const pack: Pack = {
  name: 'test',
  formats: {
    postcode: {
      validate: (value) =>
        !/^\d{5}$/.test(value) ? false : value.startsWith('9') ? { severity: 'warning' } : true,
    },
  },
  messages: { vi: { postcode: 'Nhập mã bưu chính gồm 5 chữ số' } },
};

function definition(): ProcedureDefinition {
  return {
    id: 'failed',
    version: '1.0.0',
    title: 'Thử',
    steps: [
      {
        id: 'one',
        title: 'Một',
        fields: [
          { id: 'code', type: 'text', label: 'Mã', schema: { pattern: '^\\d{3}$' } },
          { id: 'afterCode', type: 'text', label: 'Sau mã', when: { field: 'code', filled: true } },
          { id: 'count', type: 'number', label: 'Số người', schema: { maximum: 10 } },
          { id: 'many', type: 'text', label: 'Nhiều', when: { field: 'count', gte: 5 } },
          { id: 'born', type: 'date', label: 'Ngày sinh', max: 'today' },
          {
            id: 'adult',
            type: 'text',
            label: 'Người lớn',
            when: { field: 'born', ageAtLeast: 18 },
          },
          { id: 'postcode', type: 'text', label: 'Mã bưu chính', format: 'postcode' },
          {
            id: 'hasPost',
            type: 'text',
            label: 'Có mã',
            when: { field: 'postcode', filled: true },
          },
          {
            id: 'members',
            type: 'group',
            label: 'Thành viên',
            fields: [
              { id: 'phone', type: 'phone', label: 'Điện thoại' },
              {
                id: 'callTime',
                type: 'text',
                label: 'Giờ gọi',
                when: { field: 'phone', filled: true },
              },
            ],
          },
          {
            id: 'allReachable',
            type: 'text',
            label: 'Ai cũng gọi được',
            when: { field: 'members', every: { field: 'phone', filled: true } },
          },
        ],
      },
    ],
  };
}

const procedure = loadProcedure(definition(), {
  packs: [pack],
  clock: createManualClock('2025-09-01T08:00:00+07:00'),
});
const visible = (field: string, answers: Record<string, unknown>) =>
  procedure.isVisible(field, answers);

describe('conditions never read an answer that failed its own check', () => {
  it('a text failing its pattern is not filled', () => {
    assert.equal(visible('afterCode', { code: '123' }), true);
    assert.equal(visible('afterCode', { code: '12a' }), false);
  });

  it('a number out of its range is not compared', () => {
    assert.equal(visible('many', { count: 6 }), true);
    assert.equal(visible('many', { count: 60 }), false);
  });

  it('a date past its max is not read for an age', () => {
    assert.equal(visible('adult', { born: '2000-01-01' }), true);
    assert.equal(visible('adult', { born: '2999-01-01' }), false);
  });

  it('a format error hides what follows; a format warning does not', () => {
    assert.equal(visible('hasPost', { postcode: '1234' }), false);
    assert.equal(visible('hasPost', { postcode: '10000' }), true);
    assert.equal(visible('hasPost', { postcode: '90000' }), true);
  });

  it("in a group, a row's failing answer is empty to that row and to every/some", () => {
    const answers = { members: [{ phone: '0912345678' }, { phone: '12' }] };
    assert.equal(visible('members.0.callTime', answers), true);
    assert.equal(visible('members.1.callTime', answers), false);
    assert.equal(visible('allReachable', answers), false);
    assert.equal(
      visible('allReachable', { members: [{ phone: '0912345678' }, { phone: '0987654321' }] }),
      true,
    );
  });

  it('still reports the failing answer, once, and keeps it in the answers', () => {
    const result = procedure.validate({ code: '12a', afterCode: 'x' });
    assert.deepEqual(
      result.errors.map((error) => [error.field, error.code]),
      [['code', 'pattern']],
    );
    assert.equal(result.answers.code, '12a');
    assert.equal('afterCode' in result.answers, false);
  });
});
