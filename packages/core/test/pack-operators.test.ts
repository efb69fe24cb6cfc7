import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Pack } from '@motcua/core';
import { lintDefinition, loadProcedure } from '@motcua/core/compiler';
import type { ProcedureDefinition } from '../src/definition.js';

/** An operator with its own operand check and message: the answer is as long as another. */
const pack: Pack = {
  name: 'test',
  operators: {
    sameLength: {
      evaluate: (value, operand, read) =>
        typeof value === 'string' &&
        value.length === String(read((operand as { as: string }).as) ?? '').length,
      fields: (operand) => [(operand as { as: string }).as],
      checkOperand(operand) {
        if (operand === null || typeof operand !== 'object') {
          return [{ message: 'must be like {"as": "…"}' }];
        }
        return Object.keys(operand)
          .filter((key) => key !== 'as')
          .map((key) => ({ pointer: `/${key}`, message: `unknown key "${key}"; use "as"` }));
      },
      message: { vi: 'Nhập hai mã dài bằng nhau', en: 'Enter two codes of the same length' },
    },
  },
};

function definition(operand: unknown = { as: 'b' }, message?: unknown): ProcedureDefinition {
  return {
    id: 'ops',
    version: '1.0.0',
    title: 'Thử',
    steps: [
      {
        id: 'one',
        title: 'Một',
        fields: [
          { id: 'a', type: 'text', label: 'Mã A' },
          { id: 'b', type: 'text', label: 'Mã B' },
        ],
      },
    ],
    rules: [
      {
        id: 'same',
        assert: { field: 'a', sameLength: operand } as never,
        fields: ['a'],
        ...(message !== undefined && { message: message as string }),
      },
    ],
  };
}

const operators = pack.operators!;

describe('pack operators', () => {
  it('report a mistyped key of their operand at its place, not a silent pass', () => {
    assert.deepEqual(lintDefinition(definition({ as: 'b', az: 'b' }), { operators }), [
      { pointer: '/rules/0/assert/sameLength/az', message: 'unknown key "az"; use "as"' },
    ]);
    assert.deepEqual(lintDefinition(definition(3), { operators }), [
      { pointer: '/rules/0/assert/sameLength', message: 'must be like {"as": "…"}' },
    ]);
    assert.deepEqual(lintDefinition(definition(), { operators }), []);
    assert.throws(() => loadProcedure(definition({ as: 'b', az: 'b' }), { packs: [pack] }), /az/);
  });

  it("give a rule that writes no message the operator's own, in vi and en", () => {
    const procedure = loadProcedure(definition(), { packs: [pack] });
    const errors = procedure.validate({ a: '12', b: '123' }).errors;
    assert.deepEqual(
      errors.map((error) => [error.field, error.message]),
      [['a', 'Nhập hai mã dài bằng nhau']],
    );
    assert.equal(
      procedure.localizeErrors(errors, 'en')[0]!.message,
      'Enter two codes of the same length',
    );
    assert.deepEqual(procedure.validate({ a: '12', b: '34' }).errors, []);
  });

  it("prefer the rule's own message", () => {
    const procedure = loadProcedure(definition(undefined, 'Sửa mã A'), { packs: [pack] });
    assert.equal(procedure.validate({ a: '12', b: '123' }).errors[0]!.message, 'Sửa mã A');
  });

  it('still want a message on a rule whose operator brings none', () => {
    const plain = definition() as unknown as { rules: { assert: unknown }[] };
    plain.rules[0]!.assert = { field: 'a', filled: true };
    assert.deepEqual(lintDefinition(plain, { operators }), [
      {
        pointer: '/rules/0',
        message: 'missing required property "message": what the citizen reads when the rule fails',
      },
    ]);
  });

  it('may give the shape of their operand as a JSON Schema, checked by the linter', () => {
    const schemaPack = {
      sameLength: {
        ...operators.sameLength!,
        checkOperand: undefined,
        operandSchema: {
          type: 'object',
          required: ['as'],
          additionalProperties: false,
          properties: { as: { type: 'string' } },
        },
      },
    };
    assert.deepEqual(lintDefinition(definition({ as: 'b', asx: 'c' }), { operators: schemaPack }), [
      {
        pointer: '/rules/0/assert/sameLength/asx',
        message: 'unknown key "asx" (did you mean "as"?); use as',
      },
    ]);
    assert.deepEqual(lintDefinition(definition(), { operators: schemaPack }), []);
  });
});
