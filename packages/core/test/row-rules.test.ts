import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createManualClock } from '@motcua/core';
import { lintDefinition, loadProcedure } from '@motcua/core/compiler';
import type { ProcedureDefinition } from '../src/definition.js';

function household(): ProcedureDefinition {
  return {
    id: 'household',
    version: '1.0.0',
    title: 'Hộ gia đình',
    steps: [
      {
        id: 'head',
        title: 'Chủ hộ',
        fields: [{ id: 'moveIn', type: 'date', label: 'Ngày chuyển đến' }],
      },
      {
        id: 'household',
        title: 'Thành viên',
        fields: [
          {
            id: 'members',
            type: 'group',
            label: 'Thành viên',
            itemLabel: 'thành viên',
            fields: [
              { id: 'fullName', type: 'text', label: 'Họ và tên' },
              { id: 'dob', type: 'date', label: 'Ngày sinh' },
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
        id: 'id-from-14',
        each: 'members',
        when: { field: 'dob', ageAtLeast: 14 },
        assert: { field: 'personalId', filled: true },
        fields: ['personalId'],
        message: {
          vi: 'Nhập số định danh của thành viên từ 14 tuổi',
          en: 'Enter the personal ID of a member aged 14 or over',
        },
      },
      {
        id: 'born-before-move',
        each: 'members',
        assert: { field: 'dob', onOrBefore: { field: 'moveIn' } },
        fields: ['dob', 'moveIn'],
        message: 'Ngày sinh phải trước ngày chuyển đến',
        severity: 'warning',
      },
    ],
  };
}

const procedure = loadProcedure(household(), {
  clock: createManualClock('2025-09-01T08:00:00+07:00'),
});

const adult = { fullName: 'Lê Văn A', dob: '1980-01-01', personalId: '001080000001' };
const child = { fullName: 'Lê Văn B', dob: '2020-01-01' };

describe('rules checked row by row (each)', () => {
  it('puts the error on the field of the row at fault, not on the group', () => {
    const result = procedure.validate({
      moveIn: '2024-01-01',
      members: [adult, child, { fullName: 'Lê Thị C', dob: '1990-02-02' }],
    });
    assert.deepEqual(
      result.errors.map(({ field, code, message }) => ({ field, code, message })),
      [
        {
          field: 'members.2.personalId',
          code: 'rule',
          message: 'Nhập số định danh của thành viên từ 14 tuổi',
        },
      ],
    );
    assert.equal(
      procedure.localizeErrors(result.errors, 'en')[0]!.message,
      'Enter the personal ID of a member aged 14 or over',
    );
  });

  it('reports each row that fails, and none when every row holds', () => {
    const errors = procedure.validate({
      moveIn: '2024-01-01',
      members: [{ dob: '1990-01-01' }, adult, { dob: '1991-01-01' }],
    }).errors;
    assert.deepEqual(
      errors.map((error) => error.field),
      ['members.0.personalId', 'members.2.personalId'],
    );
    assert.deepEqual(
      procedure.validate({ moveIn: '2024-01-01', members: [adult, child] }).errors,
      [],
    );
  });

  it('reads dossier fields beside the row, and keeps its severity', () => {
    const result = procedure.validate({
      moveIn: '2024-01-01',
      members: [adult, { ...child, dob: '2024-06-01' }],
    });
    assert.deepEqual(result.errors, []);
    assert.deepEqual(
      result.warnings.map((warning) => warning.field),
      ['members.1.dob'],
    );
  });

  it('waits for a row answer with an error of its own, and still checks the other rows', () => {
    const errors = procedure.validate({
      moveIn: '2024-01-01',
      members: [{ dob: '1990-01-01', personalId: '12' }, { dob: '1991-01-01' }],
    }).errors;
    assert.deepEqual(
      errors.map((error) => [error.field, error.code]),
      [
        ['members.0.personalId', 'pattern'],
        ['members.1.personalId', 'rule'],
      ],
    );
  });

  it('is checked on the step that asks the group, with the row path in the step errors', () => {
    const answers = { moveIn: '2024-01-01', members: [{ dob: '1990-01-01' }] };
    assert.deepEqual(procedure.validateStep('head', answers), []);
    assert.deepEqual(
      procedure.validateStep('household', answers).map((error) => error.field),
      ['members.0.personalId'],
    );
    assert.equal(procedure.stepOf('members.0.personalId')?.id, 'household');
  });
});

describe('linting rules with each', () => {
  function lint(change: (rule: Record<string, unknown>) => void) {
    const definition = household() as unknown as { rules: Record<string, unknown>[] };
    change(definition.rules[0]!);
    return lintDefinition(definition);
  }

  it('accepts the household', () => {
    assert.deepEqual(lintDefinition(household()), []);
  });

  it('names an unknown group, and a field that is no group', () => {
    assert.deepEqual(
      lint((rule) => (rule.each = 'member')),
      [{ pointer: '/rules/0/each', message: 'unknown group "member" (did you mean "members"?)' }],
    );
    assert.deepEqual(lint((rule) => (rule.each = 'moveIn'))[0], {
      pointer: '/rules/0/each',
      message:
        '"moveIn" is a date field; "each" names a group field, whose rows the rule checks one by one',
    });
  });

  it('wants the first field to be a field of the rows', () => {
    assert.deepEqual(
      lint((rule) => (rule.fields = ['moveIn'])),
      [
        {
          pointer: '/rules/0/fields/0',
          message:
            '"moveIn" is not a field of the rows of "members"; the first field of a rule with "each" is the row field the error is shown on',
        },
      ],
    );
  });

  it('checks the conditions against the rows first, then the dossier', () => {
    assert.deepEqual(
      lint((rule) => (rule.assert = { field: 'personalID', filled: true })),
      [
        {
          pointer: '/rules/0/assert/field',
          message: 'unknown field "personalID" (did you mean "personalId"?)',
        },
      ],
    );
    assert.deepEqual(
      lint((rule) => (rule.when = { field: 'dob', before: { field: 'moveIn' } })),
      [],
    );
  });
});
