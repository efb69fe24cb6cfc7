import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Condition, ProcedureDefinition } from '@motcua/core';
import { loadProcedure } from '@motcua/core/compiler';
import { describeClause } from '../src/describe.js';

/** A household with dates: checked by the engine first, so each sentence is of a valid definition. */
const definition: ProcedureDefinition = loadProcedure({
  id: 'household',
  version: '1.0.0',
  title: 'Hộ gia đình',
  steps: [
    {
      id: 'people',
      title: 'Người khai',
      fields: [
        { id: 'dob', type: 'date', label: { vi: 'Ngày sinh', en: 'Date of birth' } },
        { id: 'married', type: 'date', label: { vi: 'Ngày kết hôn', en: 'Marriage date' } },
        { id: 'from', type: 'date', label: { vi: 'Cư trú từ ngày', en: 'Living there since' } },
        {
          id: 'members',
          type: 'group',
          label: { vi: 'Thành viên', en: 'Members' },
          itemLabel: { vi: 'thành viên', en: 'member' },
          fields: [
            { id: 'personalId', type: 'text', label: { vi: 'Số định danh', en: 'Personal ID' } },
          ],
        },
      ],
    },
  ],
  rules: [
    {
      id: 'r',
      assert: { field: 'members', unique: 'personalId' },
      fields: ['members'],
      message: 'x',
    },
  ],
}).definition;

function both(condition: Condition): [string, string] {
  return [describeClause(condition, definition, 'vi'), describeClause(condition, definition, 'en')];
}

describe('sentences of the date and row operators', () => {
  it('says on or before / on or after a date', () => {
    assert.deepEqual(both({ field: 'from', onOrBefore: '2025-07-01' }), [
      '“Cư trú từ ngày” vào hoặc trước ngày 01/07/2025',
      '“Living there since” is on or before 01/07/2025',
    ]);
    assert.deepEqual(both({ not: { field: 'from', onOrAfter: 'today' } }), [
      '“Cư trú từ ngày” không vào hoặc sau hôm nay',
      '“Living there since” is not on or after today',
    ]);
  });

  it('says a date worked out from a field or today', () => {
    assert.deepEqual(both({ field: 'from', onOrBefore: { field: 'dob', plus: { years: 14 } } }), [
      '“Cư trú từ ngày” vào hoặc trước 14 năm sau “Ngày sinh”',
      '“Living there since” is on or before 14 years after “Date of birth”',
    ]);
    assert.deepEqual(both({ field: 'from', after: { today: true, plus: { days: -1 } } }), [
      '“Cư trú từ ngày” sau 1 ngày trước hôm nay',
      '“Living there since” is after 1 day before today',
    ]);
  });

  it('says the date an age is counted on', () => {
    assert.deepEqual(both({ field: 'dob', ageAtLeast: 18, on: { field: 'married' } }), [
      'tuổi tính theo “Ngày sinh” vào “Ngày kết hôn” đã đủ 18',
      'the age by “Date of birth” on “Marriage date” is 18 or over',
    ]);
    assert.deepEqual(both({ not: { field: 'dob', ageAtLeast: 18, on: { field: 'married' } } }), [
      'tuổi tính theo “Ngày sinh” vào “Ngày kết hôn” chưa đủ 18',
      'the age by “Date of birth” on “Marriage date” is under 18',
    ]);
  });

  it('says a count of rows, and its opposite', () => {
    assert.deepEqual(both({ field: 'members', rows: { gte: 1, lte: 10 } }), [
      'số thành viên trong “Thành viên” từ 1 trở lên và không quá 10',
      'the number of members in “Members” is at least 1 and at most 10',
    ]);
    assert.deepEqual(both({ not: { field: 'members', rows: { gte: 1, lte: 10 } } }), [
      'số thành viên trong “Thành viên” ít hơn 1 hoặc nhiều hơn 10',
      'the number of members in “Members” is less than 1 or more than 10',
    ]);
  });

  it('says that no two rows share an answer', () => {
    assert.deepEqual(both({ field: 'members', unique: 'personalId' }), [
      'không có hai thành viên nào trong “Thành viên” trùng “Số định danh”',
      'no two members in “Members” have the same “Personal ID”',
    ]);
  });
});
