import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintDefinition, loadProcedure } from '@motcua/core/compiler';
import type { ProcedureDefinition } from '../src/definition.js';

function delivery(): ProcedureDefinition {
  return {
    id: 'delivery',
    version: '1.0.0',
    title: 'Nhận kết quả',
    steps: [
      {
        id: 'where',
        title: 'Nơi nhận',
        fields: [
          {
            id: 'abroad',
            type: 'radio',
            label: 'Bạn đang ở nước ngoài?',
            options: [
              { value: 'yes', label: 'Có' },
              { value: 'no', label: 'Không' },
            ],
          },
          {
            id: 'delivery',
            type: 'radio',
            label: { vi: 'Cách nhận kết quả', en: 'How to receive the result' },
            options: [
              { value: 'counter', label: { vi: 'Tại quầy', en: 'At the counter' } },
              {
                value: 'post',
                label: { vi: 'Qua bưu điện', en: 'By post' },
                when: { field: 'abroad', equals: 'no' },
              },
            ],
          },
          {
            id: 'copies',
            type: 'checkboxes',
            label: 'Bản sao',
            options: [
              { value: 'paper', label: 'Bản giấy' },
              {
                value: 'mailed',
                label: 'Gửi thêm qua bưu điện',
                when: { field: 'delivery', equals: 'post' },
              },
            ],
          },
          {
            id: 'members',
            type: 'group',
            label: 'Người nhận',
            fields: [
              { id: 'age', type: 'number', label: 'Tuổi' },
              {
                id: 'relation',
                type: 'select',
                label: 'Quan hệ',
                options: [
                  { value: 'parent', label: 'Cha mẹ' },
                  { value: 'child', label: 'Con', when: { field: 'age', lt: 18 } },
                ],
              },
            ],
          },
          {
            id: 'postAddress',
            type: 'text',
            label: 'Địa chỉ nhận',
            when: { field: 'delivery', equals: 'post' },
          },
        ],
      },
    ],
  };
}

const procedure = loadProcedure(delivery());
const offered = (path: string, answers: Record<string, unknown>) =>
  procedure.offeredOptions(path, answers).map((option) => option.value);

describe('options offered on a condition', () => {
  it('offers an option only while its condition holds', () => {
    assert.deepEqual(offered('delivery', { abroad: 'no' }), ['counter', 'post']);
    assert.deepEqual(offered('delivery', { abroad: 'yes' }), ['counter']);
    assert.deepEqual(offered('delivery', {}), ['counter']);
    assert.deepEqual(offered('abroad', {}), ['yes', 'no']);
  });

  it("reads a row's own fields for an option in a group's rows", () => {
    const answers = { members: [{ age: 40 }, { age: 10 }] };
    assert.deepEqual(offered('members.0.relation', answers), ['parent']);
    assert.deepEqual(offered('members.1.relation', answers), ['parent', 'child']);
  });

  it('refuses an answer naming an option not offered, with what to do, in vi and en', () => {
    const result = procedure.validate({ abroad: 'yes', delivery: 'post' });
    assert.deepEqual(
      result.errors.map(({ field, code, message }) => ({ field, code, message })),
      [
        {
          field: 'delivery',
          code: 'option',
          message: 'Chọn lại cách nhận kết quả: “Qua bưu điện” không còn áp dụng',
        },
      ],
    );
    assert.equal(
      procedure.localizeErrors(result.errors, 'en')[0]!.message,
      'Choose how to receive the result again: “By post” no longer applies',
    );
    assert.deepEqual(procedure.validate({ abroad: 'no', delivery: 'post' }).errors, []);
  });

  it('refuses a hidden option among checkboxes, and in a row', () => {
    assert.deepEqual(
      procedure
        .validate({ abroad: 'no', delivery: 'counter', copies: ['paper', 'mailed'] })
        .errors.map((error) => [error.field, error.code]),
      [['copies', 'option']],
    );
    assert.deepEqual(
      procedure
        .validate({
          members: [
            { age: 40, relation: 'child' },
            { age: 10, relation: 'child' },
          ],
        })
        .errors.map((error) => [error.field, error.code]),
      [['members.0.relation', 'option']],
    );
  });

  it('sees an answer naming a hidden option as empty: what follows from it is not asked', () => {
    assert.equal(procedure.isVisible('postAddress', { abroad: 'yes', delivery: 'post' }), false);
    assert.equal(procedure.isVisible('postAddress', { abroad: 'no', delivery: 'post' }), true);
  });
});

describe('linting the condition of an option', () => {
  function lint(when: unknown) {
    const definition = delivery() as unknown as {
      steps: { fields: { options: { when?: unknown }[] }[] }[];
    };
    definition.steps[0]!.fields[1]!.options[1]!.when = when;
    return lintDefinition(definition);
  }

  it('accepts the definition', () => {
    assert.deepEqual(lintDefinition(delivery()), []);
  });

  it('points at an unknown field, a field asked later and the field itself', () => {
    assert.deepEqual(lint({ field: 'abrod', equals: 'no' }), [
      {
        pointer: '/steps/0/fields/1/options/1/when/field',
        message: 'unknown field "abrod" (did you mean "abroad"?)',
      },
    ]);
    assert.deepEqual(
      lint({ field: 'postAddress', filled: true })[0]?.pointer,
      '/steps/0/fields/1/options/1/when/field',
    );
    assert.match(
      lint({ field: 'postAddress', filled: true })[0]!.message,
      /is asked after this field/,
    );
    assert.match(lint({ field: 'delivery', filled: true })[0]!.message, /is this field itself/);
    assert.deepEqual(lint({ field: 'abroad', equals: 'maybe' }), [
      {
        pointer: '/steps/0/fields/1/options/1/when/equals',
        message: '"equals" value "maybe" is not an option of "abroad" (options: "yes", "no")',
      },
    ]);
  });
});
