import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Condition, type ConditionScope, conditionFields, evaluate } from '@motcua/core';

const TODAY = '2025-09-01';

function scope(values: Record<string, unknown>): ConditionScope {
  return { today: TODAY, value: (id) => values[id] };
}

function holds(condition: Condition, values: Record<string, unknown>): boolean {
  return evaluate(condition, scope(values));
}

describe('conditions', () => {
  it('equals compares a value, or another field', () => {
    assert.equal(holds({ field: 'a', equals: 'yes' }, { a: 'yes' }), true);
    assert.equal(holds({ field: 'a', equals: 'yes' }, { a: 'no' }), false);
    assert.equal(holds({ field: 'a', equals: 3 }, { a: 3 }), true);
    assert.equal(holds({ field: 'a', equals: true }, { a: true }), true);
    assert.equal(holds({ field: 'a', equals: { field: 'b' } }, { a: 'kinh', b: 'kinh' }), true);
    assert.equal(holds({ field: 'a', equals: { field: 'b' } }, { a: 'kinh', b: 'tay' }), false);
  });

  it('equals never holds on an empty or hidden field, even against another empty field', () => {
    assert.equal(holds({ field: 'a', equals: 'yes' }, {}), false);
    assert.equal(holds({ field: 'a', equals: { field: 'b' } }, {}), false);
    assert.equal(holds({ field: 'a', equals: '' }, { a: '' }), false);
  });

  it('equals on a checkboxes answer holds when the value is among those chosen', () => {
    assert.equal(holds({ field: 'a', equals: 'pdf' }, { a: ['jpg', 'pdf'] }), true);
    assert.equal(holds({ field: 'a', equals: 'png' }, { a: ['jpg', 'pdf'] }), false);
  });

  it('notEquals is the negation of equals, so it holds on an empty field', () => {
    assert.equal(holds({ field: 'a', notEquals: 'yes' }, { a: 'no' }), true);
    assert.equal(holds({ field: 'a', notEquals: 'yes' }, { a: 'yes' }), false);
    assert.equal(holds({ field: 'a', notEquals: 'yes' }, {}), true);
    assert.equal(holds({ field: 'a', notEquals: { field: 'b' } }, { a: 'x', b: 'y' }), true);
  });

  it('in holds when the value is one of the list', () => {
    assert.equal(holds({ field: 'a', in: ['father', 'mother'] }, { a: 'mother' }), true);
    assert.equal(holds({ field: 'a', in: ['father', 'mother'] }, { a: 'other' }), false);
    assert.equal(holds({ field: 'a', in: ['father'] }, {}), false);
    assert.equal(holds({ field: 'a', in: ['x', 'y'] }, { a: ['z', 'y'] }), true);
  });

  it('filled tells answered from blank, empty list and absent', () => {
    assert.equal(holds({ field: 'a', filled: true }, { a: 'An' }), true);
    assert.equal(holds({ field: 'a', filled: true }, { a: '   ' }), false);
    assert.equal(holds({ field: 'a', filled: true }, { a: [] }), false);
    assert.equal(holds({ field: 'a', filled: false }, {}), true);
    assert.equal(holds({ field: 'a', filled: false }, { a: 0 }), false);
  });

  it('lt, lte, gt, gte compare numbers or another number field', () => {
    assert.equal(holds({ field: 'n', lt: 3 }, { n: 2 }), true);
    assert.equal(holds({ field: 'n', lt: 3 }, { n: 3 }), false);
    assert.equal(holds({ field: 'n', lte: 3 }, { n: 3 }), true);
    assert.equal(holds({ field: 'n', lte: 3 }, { n: 4 }), false);
    assert.equal(holds({ field: 'n', gt: 3 }, { n: 4 }), true);
    assert.equal(holds({ field: 'n', gt: 3 }, { n: 3 }), false);
    assert.equal(holds({ field: 'n', gte: 3 }, { n: 3 }), true);
    assert.equal(holds({ field: 'n', gte: 3 }, { n: 2 }), false);
    assert.equal(holds({ field: 'n', gt: { field: 'm' } }, { n: 1990, m: 1985 }), true);
    assert.equal(holds({ field: 'n', gt: { field: 'm' } }, { n: 1980, m: 1985 }), false);
  });

  it('number comparisons never hold on text or a missing operand', () => {
    assert.equal(holds({ field: 'n', lt: 3 }, { n: '2' }), false);
    assert.equal(holds({ field: 'n', gt: { field: 'm' } }, { n: 4 }), false);
    assert.equal(holds({ field: 'n', lt: 3 }, {}), false);
  });

  it('before and after compare dates with a date, "today", or another date field', () => {
    assert.equal(holds({ field: 'd', before: '2025-07-01' }, { d: '2025-06-30' }), true);
    assert.equal(holds({ field: 'd', before: '2025-07-01' }, { d: '2025-07-01' }), false);
    assert.equal(holds({ field: 'd', after: '2025-07-01' }, { d: '2025-07-02' }), true);
    assert.equal(holds({ field: 'd', after: '2025-07-01' }, { d: '2025-07-01' }), false);
    assert.equal(holds({ field: 'd', before: 'today' }, { d: '2025-08-31' }), true);
    assert.equal(holds({ field: 'd', before: 'today' }, { d: TODAY }), false);
    assert.equal(holds({ field: 'd', after: 'today' }, { d: '2025-09-02' }), true);
    assert.equal(
      holds({ field: 'to', after: { field: 'from' } }, { from: '2010-01-01', to: '2012-01-01' }),
      true,
    );
    assert.equal(
      holds({ field: 'to', after: { field: 'from' } }, { from: '2012-01-01', to: '2010-01-01' }),
      false,
    );
    assert.equal(holds({ field: 'd', before: 'today' }, { d: '31/08/2025' }), false);
  });

  it('ageAtLeast and ageUnder count whole years from a date of birth to today', () => {
    // Born 2011-09-01: turns 14 exactly today; born a day later is still 13.
    assert.equal(holds({ field: 'dob', ageAtLeast: 14 }, { dob: '2011-09-01' }), true);
    assert.equal(holds({ field: 'dob', ageAtLeast: 14 }, { dob: '2011-09-02' }), false);
    assert.equal(holds({ field: 'dob', ageUnder: 14 }, { dob: '2011-09-02' }), true);
    assert.equal(holds({ field: 'dob', ageUnder: 14 }, { dob: '2011-09-01' }), false);
    assert.equal(holds({ field: 'dob', ageUnder: 14 }, {}), false);
    assert.equal(holds({ field: 'dob', ageAtLeast: 0 }, {}), false);
  });

  it('daysAgoOver holds once a date is more than that many days before today', () => {
    // Today is 2025-09-01: 2025-07-03 is 60 days ago (its own day not counted), 07-02 is 61.
    assert.equal(holds({ field: 'born', daysAgoOver: 60 }, { born: '2025-07-03' }), false);
    assert.equal(holds({ field: 'born', daysAgoOver: 60 }, { born: '2025-07-02' }), true);
    assert.equal(holds({ field: 'born', daysAgoOver: 0 }, { born: '2025-09-01' }), false);
    assert.equal(holds({ field: 'born', daysAgoOver: 60 }, { born: '02/07/2025' }), false);
    assert.equal(holds({ field: 'born', daysAgoOver: 60 }, {}), false);
  });

  it('all, any and not combine conditions', () => {
    const yes = { field: 'a', equals: 1 };
    const no = { field: 'a', equals: 2 };
    const values = { a: 1 };
    assert.equal(holds({ all: [yes, yes] }, values), true);
    assert.equal(holds({ all: [yes, no] }, values), false);
    assert.equal(holds({ any: [no, yes] }, values), true);
    assert.equal(holds({ any: [no, no] }, values), false);
    assert.equal(holds({ not: no }, values), true);
    assert.equal(holds({ not: yes }, values), false);
    assert.equal(holds({ not: { all: [yes, { any: [no, { not: no }] }] } }, values), false);
  });

  it('every and some read each row of a group, falling back to the dossier', () => {
    const rows = [
      { relation: 'child', age: 3 },
      { relation: 'spouse', age: 40 },
    ];
    assert.equal(
      holds({ field: 'members', some: { field: 'relation', equals: 'spouse' } }, { members: rows }),
      true,
    );
    assert.equal(
      holds({ field: 'members', some: { field: 'relation', equals: 'parent' } }, { members: rows }),
      false,
    );
    assert.equal(
      holds({ field: 'members', every: { field: 'age', lt: 50 } }, { members: rows }),
      true,
    );
    assert.equal(
      holds({ field: 'members', every: { field: 'age', lt: 30 } }, { members: rows }),
      false,
    );
    assert.equal(
      holds(
        { field: 'members', every: { field: 'age', lt: { field: 'limit' } } },
        { members: rows, limit: 41 },
      ),
      true,
    );
    assert.equal(
      holds({ field: 'members', every: { field: 'age', lt: 1 } }, { members: [] }),
      true,
    );
  });

  it('noOverlap holds when periods touch but do not overlap, and an open end means today', () => {
    const range = { from: 'from', to: 'to' };
    const touching = [
      { from: '2015-07-01', to: '' },
      { from: '2010-01-01', to: '2015-07-01' },
    ];
    assert.equal(holds({ field: 'history', noOverlap: range }, { history: touching }), true);
    const overlapping = [
      { from: '2010-01-01', to: '2015-07-01' },
      { from: '2015-06-01', to: '2020-01-01' },
    ];
    assert.equal(holds({ field: 'history', noOverlap: range }, { history: overlapping }), false);
    const inside = [
      { from: '2010-01-01', to: '2020-01-01' },
      { from: '2012-01-01', to: '2013-01-01' },
    ];
    assert.equal(holds({ field: 'history', noOverlap: range }, { history: inside }), false);
  });

  it('noGaps holds when each period starts by the day after the previous one ends', () => {
    const range = { from: 'from', to: 'to' };
    const contiguous = [
      { from: '2010-01-01', to: '2015-06-30' },
      { from: '2015-07-01', to: '' },
    ];
    assert.equal(holds({ field: 'history', noGaps: range }, { history: contiguous }), true);
    const gap = [
      { from: '2010-01-01', to: '2015-06-30' },
      { from: '2015-07-02', to: '' },
    ];
    assert.equal(holds({ field: 'history', noGaps: range }, { history: gap }), false);
  });

  it('leaves a period that ends before it starts to its own rule, not to noOverlap or noGaps', () => {
    const range = { from: 'from', to: 'to' };
    const typo = [
      { from: '2010-01-01', to: '2015-06-30' },
      { from: '2017-07-01', to: '2015-07-01' },
      { from: '2015-07-01', to: '' },
    ];
    assert.equal(holds({ field: 'history', noOverlap: range }, { history: typo }), true);
    assert.equal(holds({ field: 'history', noGaps: range }, { history: typo }), true);
  });

  it('lists every field a condition reads, including operands and row fields', () => {
    const condition: Condition = {
      all: [
        { field: 'a', equals: { field: 'b' } },
        { not: { field: 'c', filled: true } },
        { field: 'rows', every: { field: 'x', gt: { field: 'y' } } },
        { field: 'history', noGaps: { from: 'start', to: 'end' } },
      ],
    };
    assert.deepEqual([...conditionFields(condition)].sort(), [
      'a',
      'b',
      'c',
      'end',
      'history',
      'rows',
      'start',
      'x',
      'y',
    ]);
  });

  it('fails closed on an operator it does not know', () => {
    assert.equal(holds({ field: 'a', equal: 'x' } as unknown as Condition, { a: 'x' }), false);
  });
});
