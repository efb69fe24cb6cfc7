import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Condition, type ConditionScope, createManualClock, evaluate } from '@motcua/core';
import { lintDefinition, loadProcedure } from '@motcua/core/compiler';
import type { ProcedureDefinition } from '../src/definition.js';
import { shiftDate } from '../src/dates.js';

const TODAY = '2025-09-01';

function holds(condition: Condition, values: Record<string, unknown>): boolean {
  const scope: ConditionScope = { today: TODAY, value: (id) => values[id] };
  return evaluate(condition, scope);
}

describe('shiftDate', () => {
  it('adds years, months and days, each possibly negative', () => {
    assert.equal(shiftDate('2010-03-15', { years: 14 }), '2024-03-15');
    assert.equal(shiftDate('2025-09-01', { days: -30 }), '2025-08-02');
    assert.equal(shiftDate('2025-01-15', { months: -2 }), '2024-11-15');
    assert.equal(shiftDate('2025-12-31', { days: 1 }), '2026-01-01');
    assert.equal(shiftDate('2025-03-10', { years: 1, months: 1, days: 1 }), '2026-04-11');
  });

  it('clamps to the last day of a shorter month: 29 February + 1 year is 28 February', () => {
    assert.equal(shiftDate('2024-02-29', { years: 1 }), '2025-02-28');
    assert.equal(shiftDate('2024-02-29', { years: 4 }), '2028-02-29');
    assert.equal(shiftDate('2025-01-31', { months: 1 }), '2025-02-28');
    assert.equal(shiftDate('2024-03-31', { months: -1 }), '2024-02-29');
  });

  it('keeps years before 100 as they are', () => {
    assert.equal(shiftDate('0050-06-01', { years: 1 }), '0051-06-01');
  });
});

describe('date conditions', () => {
  it('onOrBefore and onOrAfter include the day itself, before and after do not', () => {
    const on = { d: '2025-07-01' };
    assert.equal(holds({ field: 'd', onOrBefore: '2025-07-01' }, on), true);
    assert.equal(holds({ field: 'd', onOrAfter: '2025-07-01' }, on), true);
    assert.equal(holds({ field: 'd', before: '2025-07-01' }, on), false);
    assert.equal(holds({ field: 'd', after: '2025-07-01' }, on), false);
    assert.equal(holds({ field: 'd', onOrBefore: '2025-06-30' }, on), false);
    assert.equal(holds({ field: 'd', onOrAfter: '2025-07-02' }, on), false);
    assert.equal(holds({ field: 'd', onOrBefore: 'today' }, on), true);
    assert.equal(
      holds({ field: 'd', onOrAfter: { field: 'e' } }, { ...on, e: '2025-07-01' }),
      true,
    );
  });

  it('compares with a date worked out from a field: the history starts by the 14th birthday', () => {
    const condition: Condition = {
      field: 'from',
      onOrBefore: { field: 'dob', plus: { years: 14 } },
    };
    assert.equal(holds(condition, { dob: '2000-05-10', from: '2014-05-10' }), true);
    assert.equal(holds(condition, { dob: '2000-05-10', from: '2014-05-11' }), false);
    // Without a birth date there is no birthday to compare with.
    assert.equal(holds(condition, { from: '2014-05-10' }), false);
  });

  it('compares with a date worked out from today', () => {
    const recent: Condition = { field: 'd', onOrAfter: { today: true, plus: { days: -30 } } };
    assert.equal(holds(recent, { d: '2025-08-02' }), true);
    assert.equal(holds(recent, { d: '2025-08-01' }), false);
  });

  it('counts an age on a date of the dossier with "on", and today without it', () => {
    const adult: Condition = { field: 'dob', ageAtLeast: 18, on: { field: 'married' } };
    assert.equal(holds(adult, { dob: '2000-05-10', married: '2018-05-10' }), true);
    assert.equal(holds(adult, { dob: '2000-05-10', married: '2018-05-09' }), false);
    assert.equal(holds(adult, { dob: '2000-05-10' }), false);
    const minor: Condition = { field: 'dob', ageUnder: 18, on: { field: 'married' } };
    assert.equal(holds(minor, { dob: '2000-05-10', married: '2018-05-09' }), true);
    assert.equal(holds(minor, { dob: '2000-05-10', married: '2018-05-10' }), false);
    assert.equal(holds({ field: 'dob', ageAtLeast: 18 }, { dob: '2007-09-01' }), true);
    assert.equal(holds({ field: 'dob', ageAtLeast: 18 }, { dob: '2007-09-02' }), false);
    assert.equal(
      holds({ field: 'dob', ageAtLeast: 18, on: '2030-01-01' }, { dob: '2010-01-01' }),
      true,
    );
  });
});

function marriage(): ProcedureDefinition {
  return {
    id: 'marriage',
    version: '1.0.0',
    title: 'Đăng ký kết hôn',
    steps: [
      {
        id: 'people',
        title: 'Hai bên',
        fields: [
          { id: 'dob', type: 'date', label: 'Ngày sinh', required: true },
          { id: 'marriageDate', type: 'date', label: 'Ngày kết hôn', required: true },
          { id: 'from', type: 'date', label: 'Cư trú từ ngày' },
        ],
      },
    ],
    rules: [
      {
        id: 'of-age',
        assert: { field: 'dob', ageAtLeast: 18, on: { field: 'marriageDate' } },
        fields: ['marriageDate'],
        message: {
          vi: 'Chọn ngày kết hôn sau sinh nhật 18 tuổi',
          en: 'Choose a date after the 18th birthday',
        },
      },
      {
        id: 'history',
        assert: { field: 'from', onOrBefore: { field: 'dob', plus: { years: 14 } } },
        fields: ['from'],
        message: 'Nhập nơi cư trú từ khi 14 tuổi',
      },
    ],
  };
}

describe('date rules in a procedure', () => {
  const procedure = loadProcedure(marriage(), {
    clock: createManualClock('2025-09-01T08:00:00+07:00'),
  });

  it('holds and fails on the answers', () => {
    const ok = procedure.validate({
      dob: '2000-05-10',
      marriageDate: '2018-05-10',
      from: '2010-01-01',
    });
    assert.deepEqual(ok.errors, []);
    const bad = procedure.validate({
      dob: '2000-05-10',
      marriageDate: '2018-05-09',
      from: '2014-05-11',
    });
    assert.deepEqual(
      bad.errors.map((error) => [error.field, error.params.rule]),
      [
        ['marriageDate', 'of-age'],
        ['from', 'history'],
      ],
    );
  });

  it('lints a definition that uses them without a problem', () => {
    assert.deepEqual(lintDefinition(marriage()), []);
  });
});

function marriageWithText(): unknown {
  const definition = marriage();
  definition.steps[0]!.fields.push({ id: 'place', type: 'text', label: 'Nơi' });
  definition.rules![0]!.assert = { field: 'dob', ageAtLeast: 18, on: { field: 'place' } };
  return definition;
}

describe('linting dates worked out', () => {
  function lint(assert_: unknown): { pointer: string; message: string }[] {
    const definition = marriage() as unknown as { rules: { assert: unknown }[] };
    definition.rules[0]!.assert = assert_;
    return lintDefinition(definition);
  }

  it('points at a mistyped unit of "plus"', () => {
    assert.deepEqual(lint({ field: 'from', onOrBefore: { field: 'dob', plus: { year: 14 } } }), [
      {
        pointer: '/rules/0/assert/onOrBefore/plus/year',
        message: 'unknown unit "year" (did you mean "years"?); use years, months, days',
      },
    ]);
  });

  it('points at a unit that is not a whole number, and at a mistyped key', () => {
    assert.deepEqual(lint({ field: 'from', onOrAfter: { today: true, plus: { days: 1.5 } } }), [
      {
        pointer: '/rules/0/assert/onOrAfter/plus/days',
        message: '"days" must be a whole number (negative to go back in time)',
      },
    ]);
    assert.deepEqual(
      lint({ field: 'from', onOrAfter: { field: 'dob', plsu: { days: 1 } } })[0]?.pointer,
      '/rules/0/assert/onOrAfter/plsu',
    );
  });

  it('checks the field a date worked out reads', () => {
    assert.deepEqual(lint({ field: 'from', before: { field: 'dobb', plus: { years: 1 } } }), [
      {
        pointer: '/rules/0/assert/before/field',
        message: 'unknown field "dobb" (did you mean "dob"?)',
      },
    ]);
  });

  it('takes "on" only beside an age, and checks the field it names', () => {
    assert.equal(
      lint({ field: 'from', before: 'today', on: { field: 'dob' } })[0]?.pointer,
      '/rules/0/assert/on',
    );
    assert.deepEqual(lint({ field: 'dob', ageAtLeast: 18, on: { field: 'marriageDat' } }), [
      {
        pointer: '/rules/0/assert/on/field',
        message: 'unknown field "marriageDat" (did you mean "marriageDate"?)',
      },
    ]);
    assert.deepEqual(
      lint({ field: 'dob', ageAtLeast: 18, on: { field: 'from', plus: { days: 1 } } }),
      [],
    );
    const typed = marriageWithText();
    assert.deepEqual(lintDefinition(typed), [
      {
        pointer: '/rules/0/assert/on/field',
        message: 'an age is counted on a date, but "place" is a text field; name a date field',
      },
    ]);
    assert.equal(
      lint({ field: 'dob', ageAtLeast: 18, on: 'someday' })[0]?.pointer,
      '/rules/0/assert/on',
    );
  });
});
