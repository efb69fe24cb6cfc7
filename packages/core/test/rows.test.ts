import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Condition, type ConditionScope, evaluate } from '@motcua/core';
import { lintDefinition, loadProcedure } from '@motcua/core/compiler';
import type { ProcedureDefinition } from '../src/definition.js';

function holds(condition: Condition, values: Record<string, unknown>): boolean {
  const scope: ConditionScope = { today: '2025-09-01', value: (id) => values[id] };
  return evaluate(condition, scope);
}

const three = { members: [{ personalId: '1' }, { personalId: '2' }, { personalId: '3' }] };

describe('row conditions', () => {
  it('rows holds when the count meets every bound given', () => {
    assert.equal(holds({ field: 'members', rows: { gte: 1 } }, three), true);
    assert.equal(holds({ field: 'members', rows: { gte: 4 } }, three), false);
    assert.equal(holds({ field: 'members', rows: { gte: 1, lte: 3 } }, three), true);
    assert.equal(holds({ field: 'members', rows: { gte: 1, lte: 2 } }, three), false);
    assert.equal(holds({ field: 'members', rows: { equals: 3 } }, three), true);
    assert.equal(holds({ field: 'members', rows: { equals: 2 } }, three), false);
    assert.equal(holds({ field: 'members', rows: { lt: 3 } }, three), false);
    assert.equal(holds({ field: 'members', rows: { gt: 2 } }, three), true);
  });

  it('rows counts a hidden or empty group as no rows', () => {
    assert.equal(holds({ field: 'members', rows: { equals: 0 } }, {}), true);
    assert.equal(holds({ field: 'members', rows: { gte: 1 } }, {}), false);
  });

  it('unique fails when two rows give the same answer, and skips empty answers', () => {
    assert.equal(holds({ field: 'members', unique: 'personalId' }, three), true);
    const twice = { members: [{ personalId: '1' }, { personalId: '2' }, { personalId: '1' }] };
    assert.equal(holds({ field: 'members', unique: 'personalId' }, twice), false);
    const blanks = { members: [{ personalId: '' }, {}, { personalId: '1' }, { name: 'x' }] };
    assert.equal(holds({ field: 'members', unique: 'personalId' }, blanks), true);
  });

  it('every and some read each row first', () => {
    assert.equal(
      holds({ field: 'members', some: { field: 'personalId', equals: '2' } }, three),
      true,
    );
    assert.equal(
      holds({ field: 'members', every: { field: 'personalId', equals: '2' } }, three),
      false,
    );
  });
});

function household(): ProcedureDefinition {
  return {
    id: 'household',
    version: '1.0.0',
    title: 'Hộ gia đình',
    steps: [
      {
        id: 'household',
        title: 'Hộ gia đình',
        fields: [
          { id: 'head', type: 'text', label: 'Chủ hộ' },
          {
            id: 'members',
            type: 'group',
            label: 'Thành viên',
            itemLabel: 'thành viên',
            fields: [
              { id: 'fullName', type: 'text', label: 'Họ và tên' },
              {
                id: 'personalId',
                type: 'text',
                label: 'Số định danh',
                schema: { pattern: '^\\d{12}$' },
              },
            ],
          },
        ],
      },
    ],
    rules: [
      {
        id: 'one-id-each',
        assert: { field: 'members', unique: 'personalId' },
        fields: ['members'],
        message: {
          vi: 'Mỗi thành viên có một số định danh riêng: sửa số bị trùng',
          en: 'Each member has their own ID: correct the repeated one',
        },
      },
      {
        id: 'at-most-ten',
        assert: { field: 'members', rows: { lte: 10 } },
        fields: ['members'],
        message: 'Khai tối đa 10 thành viên',
      },
    ],
  };
}

describe('row rules in a procedure', () => {
  const procedure = loadProcedure(household());

  it('reports a personal ID given twice in a household, and accepts distinct ones', () => {
    const members = (ids: string[]) => ids.map((personalId) => ({ fullName: 'An', personalId }));
    assert.deepEqual(
      procedure.validate({ members: members(['001200000001', '001200000002']) }).errors,
      [],
    );
    assert.deepEqual(
      procedure
        .validate({ members: members(['001200000001', '001200000001']) })
        .errors.map((error) => error.params.rule),
      ['one-id-each'],
    );
  });

  it('puts a repeated ID on the row that repeats it, at the answer to change', () => {
    const members = (ids: string[]) => ids.map((personalId) => ({ fullName: 'An', personalId }));
    const errors = (ids: string[]) =>
      procedure
        .validate({ members: members(ids) })
        .errors.map(({ field, params }) => [field, params.rule]);
    assert.deepEqual(errors(['001200000001', '001200000002', '001200000001']), [
      ['members.2.personalId', 'one-id-each'],
    ]);
    // The first repeat only (one error per rule), and rows left empty are not compared.
    assert.deepEqual(errors(['', '001200000001', '', '001200000001', '001200000001']), [
      ['members.3.personalId', 'one-id-each'],
    ]);
    // A row's ID that fails its own check is said first; the rule waits until it is mended.
    assert.deepEqual(errors(['001200000001', '0012', '001200000001']), [
      ['members.1.personalId', undefined],
    ]);
  });

  it('reports more rows than allowed', () => {
    const eleven = Array.from({ length: 11 }, (_, i) => ({
      fullName: 'An',
      personalId: String(100000000000 + i),
    }));
    assert.deepEqual(
      procedure.validate({ members: eleven }).errors.map((error) => error.params.rule),
      ['at-most-ten'],
    );
  });
});

describe('linting row conditions', () => {
  function lint(assert_: unknown) {
    const definition = household() as unknown as { rules: { assert: unknown }[] };
    definition.rules[0]!.assert = assert_;
    return lintDefinition(definition);
  }

  it('points at a mistyped bound of rows, and at a bound that is no whole number', () => {
    assert.deepEqual(lint({ field: 'members', rows: { gtee: 1 } }), [
      {
        pointer: '/rules/0/assert/rows/gtee',
        message: 'unknown bound "gtee" (did you mean "gte"?); use equals, lt, lte, gt, gte',
      },
    ]);
    assert.deepEqual(lint({ field: 'members', rows: { lte: -1 } }), [
      {
        pointer: '/rules/0/assert/rows/lte',
        message: '"lte" must be a whole number of rows, like 1',
      },
    ]);
  });

  it('asks rows and unique of a group field only', () => {
    assert.deepEqual(lint({ field: 'head', rows: { gte: 1 } }), [
      {
        pointer: '/rules/0/assert/rows',
        message: '"rows" needs a group field, but "head" is a text field',
      },
    ]);
  });

  it('points at a unique key that is no field of the rows', () => {
    assert.deepEqual(lint({ field: 'members', unique: 'personalID' }), [
      {
        pointer: '/rules/0/assert/unique',
        message: 'unknown field "personalID" in the rows of "members" (did you mean "personalId"?)',
      },
    ]);
  });

  it('checks that every/some name fields of the rows or of the dossier', () => {
    assert.deepEqual(lint({ field: 'members', every: { field: 'fulName', filled: true } }), [
      {
        pointer: '/rules/0/assert/every/field',
        message: 'unknown field "fulName" (did you mean "fullName"?)',
      },
    ]);
    assert.deepEqual(
      lint({ field: 'members', some: { field: 'fullName', equals: { field: 'head' } } }),
      [],
    );
    assert.deepEqual(
      lint({ field: 'members', some: { field: 'fullName', equals: { field: 'hed' } } }),
      [
        {
          pointer: '/rules/0/assert/some/equals/field',
          message: 'unknown field "hed" (did you mean "head"?)',
        },
      ],
    );
  });
});
