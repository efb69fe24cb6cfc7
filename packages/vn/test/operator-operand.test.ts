import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintDefinition, loadProcedure } from '@motcua/core/compiler';
import vn from '@motcua/vn/pack';

function definition(operand: unknown, message = true): unknown {
  return {
    id: 'id-check',
    version: '1.0.0',
    title: 'Thử',
    steps: [
      {
        id: 'person',
        title: 'Người khai',
        fields: [
          { id: 'dob', type: 'date', label: 'Ngày sinh' },
          {
            id: 'sex',
            type: 'radio',
            label: 'Giới tính',
            options: [
              { value: 'nam', label: 'Nam' },
              { value: 'nu', label: 'Nữ' },
            ],
          },
          {
            id: 'personalId',
            type: 'text',
            label: 'Số định danh cá nhân',
            format: 'vn-personal-id',
          },
        ],
      },
    ],
    rules: [
      {
        id: 'id-matches',
        severity: 'warning',
        assert: { field: 'personalId', vnPersonalIdMatches: operand },
        fields: ['personalId'],
        ...(message && { message: 'Kiểm tra lại số định danh' }),
      },
    ],
  };
}

const lint = (operand: unknown) =>
  lintDefinition(definition(operand), {
    formats: Object.keys(vn.formats ?? {}),
    operators: vn.operators,
  });

describe('vnPersonalIdMatches operand', () => {
  it('accepts the fields it checks against', () => {
    assert.deepEqual(lint({ birthDate: 'dob', sex: 'sex', male: 'nam', female: 'nu' }), []);
  });

  it('makes a mistyped key a definition error at its place', () => {
    assert.deepEqual(lint({ birthdate: 'dob', sex: 'sex' }), [
      {
        pointer: '/rules/0/assert/vnPersonalIdMatches/birthdate',
        message:
          'unknown key "birthdate" (did you mean "birthDate"?); use birthDate, birthYear, sex, male, female',
      },
    ]);
  });

  it('wants at least one field, and text values', () => {
    assert.deepEqual(lint({}), [
      {
        pointer: '/rules/0/assert/vnPersonalIdMatches',
        message: 'name at least one of birthDate, birthYear, sex, male, female',
      },
    ]);
    assert.deepEqual(lint({ birthDate: 7 }), [
      { pointer: '/rules/0/assert/vnPersonalIdMatches/birthDate', message: 'must be string' },
    ]);
  });

  it('brings its own message for a rule that writes none', () => {
    const procedure = loadProcedure(definition({ birthDate: 'dob' }, false), { packs: [vn] });
    // 001 (Hà Nội), 0 (a man born in the 1900s), 90: born 1990, not 2000.
    const { warnings } = procedure.validate({ dob: '2000-01-01', personalId: '001090000001' });
    assert.deepEqual(
      warnings.map((warning) => warning.field),
      ['personalId'],
    );
    assert.match(warnings[0]!.message, /^Số định danh không khớp/);
    assert.match(
      procedure.localizeErrors(warnings, 'en')[0]!.message,
      /does not match the date of birth/,
    );
  });
});
