import { expect } from '@open-wc/testing';
import type { FieldDefinition } from '@motcua/core';
import { formatAnswer, loadStrings, stringsFor } from '@motcua/elements';

const vi = { locale: 'vi', strings: stringsFor('vi') };
const en = { locale: 'en', strings: await loadStrings('en') };

const relationship: FieldDefinition = {
  id: 'relationship',
  type: 'radio',
  label: 'Bạn là gì của trẻ?',
  options: [
    { value: 'father', label: { vi: 'Cha', en: 'Father' } },
    { value: 'mother', label: { vi: 'Mẹ', en: 'Mother' } },
  ],
};

describe('formatAnswer', () => {
  it('shows a choice by its label in the locale', () => {
    expect(formatAnswer(relationship, 'mother', vi)).to.equal('Mẹ');
    expect(formatAnswer(relationship, 'mother', en)).to.equal('Mother');
    expect(formatAnswer({ ...relationship, type: 'select' }, 'father', vi)).to.equal('Cha');
  });

  it('shows an address as detail, commune, province, with names from the loaded lists', () => {
    const field = { id: 'home', type: 'address' as const, label: 'Nơi ở' };
    const value = { province: '66', commune: '24184', detail: ' Thôn 3 ' };
    const placeName = (level: 'province' | 'commune', code: string, province: string) =>
      level === 'province'
        ? { '66': 'Tỉnh Đắk Lắk' }[code]
        : province === '66' && code === '24184'
          ? "Xã Ea H'Leo"
          : undefined;
    expect(formatAnswer(field, value, { ...vi, placeName })).to.equal(
      "Thôn 3, Xã Ea H'Leo, Tỉnh Đắk Lắk",
    );
    expect(formatAnswer(field, value, vi)).to.equal('Thôn 3, 24184, 66');
    expect(formatAnswer(field, undefined, vi)).to.equal('');
  });

  it('shows a value no option has as it is', () => {
    expect(formatAnswer(relationship, 'grandmother', vi)).to.equal('grandmother');
  });

  it('puts each ticked checkbox on its own line', () => {
    const field: FieldDefinition = {
      id: 'documents',
      type: 'checkboxes',
      label: 'Giấy tờ',
      options: [
        { value: 'a', label: 'Giấy chứng sinh' },
        { value: 'b', label: 'Giấy chứng nhận kết hôn' },
      ],
    };
    expect(formatAnswer(field, ['a', 'b'], vi)).to.equal(
      'Giấy chứng sinh\nGiấy chứng nhận kết hôn',
    );
    expect(formatAnswer(field, [], vi)).to.equal('');
  });

  it('shows a single checkbox as Có or Không', () => {
    const field: FieldDefinition = { id: 'declaration', type: 'checkbox', label: 'Cam đoan' };
    expect(formatAnswer(field, true, vi)).to.equal('Có');
    expect(formatAnswer(field, false, vi)).to.equal('Không');
    expect(formatAnswer(field, true, en)).to.equal('Yes');
    expect(formatAnswer(field, undefined, vi)).to.equal('');
  });

  it('writes a date as dd/mm/yyyy with leading zeros, from parts or ISO', () => {
    const field: FieldDefinition = { id: 'dob', type: 'date', label: 'Ngày sinh' };
    expect(formatAnswer(field, { day: '5', month: '8', year: '2025' }, vi)).to.equal('05/08/2025');
    expect(formatAnswer(field, { day: 20, month: 12, year: 1990 }, vi)).to.equal('20/12/1990');
    expect(formatAnswer(field, '2025-08-20', vi)).to.equal('20/08/2025');
    expect(formatAnswer(field, { day: '', month: '', year: '' }, vi)).to.equal('');
  });

  it('shows numbers, years and text as typed, trimmed', () => {
    expect(formatAnswer({ id: 'y', type: 'year', label: 'Năm' }, ' 1990 ', vi)).to.equal('1990');
    expect(formatAnswer({ id: 'n', type: 'number', label: 'Số' }, '2,5', vi)).to.equal('2,5');
    expect(formatAnswer({ id: 'n', type: 'number', label: 'Số' }, 3, vi)).to.equal('3');
    expect(formatAnswer({ id: 't', type: 'text', label: 'Tên' }, ' Nguyễn An ', vi)).to.equal(
      'Nguyễn An',
    );
  });

  it('names the chosen files', () => {
    const field: FieldDefinition = { id: 'scan', type: 'file', label: 'Bản chụp' };
    expect(formatAnswer(field, { name: 'a.pdf', type: 'application/pdf', size: 1 }, vi)).to.equal(
      'a.pdf',
    );
    expect(
      formatAnswer(
        field,
        [
          { name: 'trang-1.jpg', type: 'image/jpeg', size: 1 },
          { name: 'trang-2.jpg', type: 'image/jpeg', size: 1 },
        ],
        vi,
      ),
    ).to.equal('trang-1.jpg\ntrang-2.jpg');
  });

  it("puts each row of a group on one line of its shown fields' answers", () => {
    const members: FieldDefinition = {
      id: 'members',
      type: 'group',
      label: 'Thành viên',
      fields: [
        { id: 'name', type: 'text', label: 'Họ và tên' },
        { id: 'dob', type: 'date', label: 'Ngày sinh' },
        { ...relationship, id: 'relation' },
        { id: 'note', type: 'text', label: 'Ghi chú' },
      ],
    };
    const rows = [
      { name: 'Nguyễn Văn An', dob: { day: '1', month: '2', year: '1980' }, relation: 'father' },
      { name: 'Trần Thị Mai', relation: 'mother', note: 'đã chuyển đi' },
    ];
    expect(formatAnswer(members, rows, vi)).to.equal(
      'Nguyễn Văn An, 01/02/1980, Cha\nTrần Thị Mai, Mẹ, đã chuyển đi',
    );
    const asked = (path: string) => !path.endsWith('.note');
    expect(formatAnswer(members, rows, { ...vi, isVisible: asked })).to.equal(
      'Nguyễn Văn An, 01/02/1980, Cha\nTrần Thị Mai, Mẹ',
    );
  });

  it('shows nothing for an empty answer, so review says "Chưa cung cấp"', () => {
    expect(formatAnswer(relationship, undefined, vi)).to.equal('');
    expect(formatAnswer(relationship, null, vi)).to.equal('');
    expect(formatAnswer({ id: 't', type: 'text', label: 'Tên' }, '  ', vi)).to.equal('');
    expect(formatAnswer({ id: 'g', type: 'group', label: 'Nhóm', fields: [] }, [], vi)).to.equal(
      '',
    );
  });
});
