import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintDefinition } from '@motcua/core/compiler';

function definition(field: Record<string, unknown>): unknown {
  return {
    id: 'messages',
    version: '1.0.0',
    title: 'Thử',
    steps: [{ id: 'one', title: 'Một', fields: [field] }],
  };
}

const lint = (field: Record<string, unknown>) =>
  lintDefinition(definition(field), { formats: ['vn-phone', 'vn-personal-id'] });

describe('the keys of a field’s messages', () => {
  it('accepts the codes the field can give, with their variants', () => {
    assert.deepEqual(
      lint({
        id: 'name',
        type: 'text',
        label: 'Họ và tên',
        required: true,
        schema: { maxLength: 100, pattern: '^\\D+$' },
        messages: { required: 'Nhập họ tên', maxLength: 'Ngắn hơn', 'pattern.example': 'Theo mẫu' },
      }),
      [],
    );
    assert.deepEqual(
      lint({
        id: 'born',
        type: 'date',
        label: 'Ngày sinh',
        max: 'today',
        messages: { 'date.missing-year': 'Thêm năm', 'dateMax.today': 'Không sau hôm nay' },
      }),
      [],
    );
    assert.deepEqual(
      lint({
        id: 'personalId',
        type: 'text',
        label: 'Số định danh',
        format: 'vn-personal-id',
        messages: { 'vn-personal-id': '12 chữ số', 'vn-personal-id.cmnd': 'Số CMND cũ' },
      }),
      [],
    );
  });

  it('points at a misspelt code, with what it might have meant', () => {
    assert.deepEqual(
      lint({
        id: 'name',
        type: 'text',
        label: 'Họ và tên',
        schema: { maxLength: 100 },
        messages: { maxLenght: 'Ngắn hơn' },
      }),
      [
        {
          pointer: '/steps/0/fields/0/messages/maxLenght',
          message:
            '"maxLenght" is no code this field can give (did you mean "maxLength"?); its codes are type, maxLength',
        },
      ],
    );
  });

  it('points at a code of a constraint the field does not have', () => {
    assert.deepEqual(
      lint({
        id: 'count',
        type: 'number',
        label: 'Số bản',
        messages: { maxLength: 'Ngắn hơn' },
      })[0]?.pointer,
      '/steps/0/fields/0/messages/maxLength',
    );
  });

  it('points at "required" on a field that is never required', () => {
    assert.deepEqual(
      lint({ id: 'note', type: 'text', label: 'Ghi chú', messages: { required: 'Nhập ghi chú' } }),
      [
        {
          pointer: '/steps/0/fields/0/messages/required',
          message:
            '"required" is no code this field can give; this field is never required: make it "required" or give it "requiredWhen", or remove this message',
        },
      ],
    );
  });
});
