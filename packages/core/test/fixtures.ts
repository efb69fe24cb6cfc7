import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ProcedureDefinition } from '@motcua/core';

/** The birth registration definition shipped with the examples. */
export function birthRegistration(): ProcedureDefinition {
  const url = new URL(
    '../../../examples/procedures/birth-registration.procedure.json',
    import.meta.url,
  );
  return JSON.parse(readFileSync(fileURLToPath(url), 'utf8')) as ProcedureDefinition;
}

/** A small procedure with every field type, for unit tests of the engine. */
export function everyField(): ProcedureDefinition {
  return {
    id: 'every-field',
    version: '1.0.0',
    title: { vi: 'Thủ tục thử', en: 'Test procedure' },
    documents: [
      { id: 'id-card', title: { vi: 'Thẻ Căn cước', en: 'Identity card' } },
      {
        id: 'proof',
        title: { vi: 'Giấy tờ chứng minh', en: 'Proof' },
        when: { field: 'kind', equals: 'b' },
      },
    ],
    fees: [
      { id: 'base', label: { vi: 'Lệ phí', en: 'Fee' }, amount: 20000 },
      {
        id: 'copies',
        label: { vi: 'Bản sao', en: 'Copies' },
        amount: 8000,
        when: { field: 'count', gt: 0 },
      },
    ],
    steps: [
      {
        id: 'basics',
        title: { vi: 'Thông tin cơ bản', en: 'Basics' },
        fields: [
          {
            id: 'name',
            type: 'text',
            label: { vi: 'Họ và tên', en: 'Full name' },
            required: true,
            schema: { maxLength: 10 },
          },
          { id: 'about', type: 'textarea', label: { vi: 'Ghi chú', en: 'Notes' } },
          {
            id: 'count',
            type: 'number',
            label: { vi: 'Số bản sao', en: 'Number of copies' },
            schema: { type: 'integer', minimum: 0, maximum: 5 },
          },
          { id: 'email', type: 'email', label: { vi: 'Email', en: 'Email' } },
          { id: 'phone', type: 'phone', label: { vi: 'Số điện thoại', en: 'Phone number' } },
        ],
      },
      {
        id: 'dates',
        title: { vi: 'Ngày tháng', en: 'Dates' },
        fields: [
          {
            id: 'dob',
            type: 'date',
            label: { vi: 'Ngày sinh', en: 'Date of birth' },
            required: true,
            max: 'today',
          },
          {
            id: 'since',
            type: 'date',
            label: { vi: 'Ngày bắt đầu', en: 'Start date' },
            min: '2025-07-01',
          },
          {
            id: 'year',
            type: 'year',
            label: { vi: 'Năm sinh của mẹ', en: "Mother's year of birth" },
            min: 1900,
            max: 'today',
          },
        ],
      },
      {
        id: 'choices',
        title: { vi: 'Lựa chọn', en: 'Choices' },
        fields: [
          {
            id: 'kind',
            type: 'radio',
            label: { vi: 'Loại hồ sơ', en: 'Kind of application' },
            required: true,
            options: [
              { value: 'a', label: { vi: 'Loại A', en: 'Kind A' } },
              { value: 'b', label: { vi: 'Loại B', en: 'Kind B' } },
            ],
          },
          {
            id: 'province',
            type: 'select',
            label: { vi: 'Tỉnh', en: 'Province' },
            options: [
              { value: 'hn', label: 'Hà Nội' },
              { value: 'hcm', label: 'TP. Hồ Chí Minh' },
            ],
          },
          {
            id: 'channels',
            type: 'checkboxes',
            label: { vi: 'Cách nhận kết quả', en: 'How to receive the result' },
            options: [
              { value: 'post', label: { vi: 'Qua bưu điện', en: 'By post' } },
              { value: 'online', label: { vi: 'Trực tuyến', en: 'Online' } },
            ],
            schema: { maxItems: 1 },
          },
          {
            id: 'proofNumber',
            type: 'text',
            label: { vi: 'Số giấy tờ chứng minh', en: 'Proof number' },
            when: { field: 'kind', equals: 'b' },
            required: true,
            schema: { pattern: '^[0-9]{6}$' },
            example: '012345',
            messages: {
              pattern: {
                vi: 'Số giấy tờ gồm đúng 6 chữ số',
                en: 'The proof number is exactly 6 digits',
              },
            },
          },
          {
            id: 'agree',
            type: 'checkbox',
            label: {
              vi: 'Tôi cam đoan thông tin trên là đúng',
              en: 'I confirm the information is true',
            },
            required: true,
          },
        ],
      },
      {
        id: 'extra',
        title: { vi: 'Bổ sung', en: 'Extra' },
        when: { field: 'kind', equals: 'b' },
        fields: [
          {
            id: 'scan',
            type: 'file',
            label: { vi: 'Bản chụp giấy tờ', en: 'Scan of the document' },
            required: true,
            accept: ['application/pdf', 'image/jpeg'],
            maxSize: 5 * 1024 * 1024,
          },
          {
            id: 'members',
            type: 'group',
            label: { vi: 'Thành viên hộ gia đình', en: 'Household members' },
            itemLabel: { vi: 'thành viên', en: 'member' },
            minRows: 1,
            maxRows: 3,
            fields: [
              {
                id: 'memberName',
                type: 'text',
                label: { vi: 'Họ và tên', en: 'Full name' },
                required: true,
              },
              {
                id: 'memberRelation',
                type: 'select',
                label: { vi: 'Quan hệ', en: 'Relationship' },
                options: [
                  { value: 'child', label: { vi: 'Con', en: 'Child' } },
                  { value: 'other', label: { vi: 'Khác', en: 'Other' } },
                ],
              },
              {
                id: 'memberRelationOther',
                type: 'text',
                label: { vi: 'Quan hệ khác', en: 'Other relationship' },
                when: { field: 'memberRelation', equals: 'other' },
                required: true,
              },
            ],
          },
        ],
      },
    ],
    rules: [
      {
        id: 'since-after-birth',
        assert: { field: 'since', after: { field: 'dob' } },
        when: { field: 'since', filled: true },
        fields: ['since'],
        message: {
          vi: 'Ngày bắt đầu phải sau ngày sinh',
          en: 'The start date must be after the date of birth',
        },
        basis: 'Thử nghiệm',
      },
      {
        id: 'online-needs-email',
        when: { field: 'channels', equals: 'online' },
        assert: { field: 'email', filled: true },
        fields: ['email'],
        message: {
          vi: 'Nhập email để nhận kết quả trực tuyến',
          en: 'Enter an email address to receive the result online',
        },
      },
    ],
  };
}
