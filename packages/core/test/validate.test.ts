import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createManualClock } from '@motcua/core';
import { loadProcedure } from '@motcua/core/compiler';
import { everyField } from './fixtures.js';

const clock = createManualClock('2025-09-01T08:00:00+07:00');
const procedure = loadProcedure(everyField(), { clock });

/** Answers that pass every step of the fixture. */
function complete(): Record<string, unknown> {
  return {
    name: 'Lê Thị Hoa',
    dob: '1990-05-17',
    kind: 'a',
    agree: true,
  };
}

function errorsOf(answers: Record<string, unknown>, locale = 'vi') {
  return procedure
    .validate(answers, { locale })
    .errors.map(({ field, code, message }) => ({ field, code, message }));
}

describe('validate', () => {
  it('accepts a complete dossier and returns the pruned, normalised answers', () => {
    const result = procedure.validate({
      ...complete(),
      name: '  Lê Thị Hoa ',
      count: '2',
      year: '1965',
    });
    assert.deepEqual(result.errors, []);
    assert.equal(result.valid, true);
    assert.deepEqual(
      { ...result.answers },
      {
        name: 'Lê Thị Hoa',
        count: 2,
        dob: '1990-05-17',
        year: 1965,
        kind: 'a',
        agree: true,
      },
    );
    assert.equal(Object.getPrototypeOf(result.answers), null);
  });

  it('reports every missing required answer with wording that fits the field, in field order', () => {
    assert.deepEqual(errorsOf({}), [
      { field: 'name', code: 'required', message: 'Nhập họ và tên' },
      { field: 'dob', code: 'required', message: 'Nhập ngày sinh' },
      { field: 'kind', code: 'required', message: 'Chọn loại hồ sơ' },
      {
        field: 'agree',
        code: 'required',
        message: 'Đánh dấu vào ô “Tôi cam đoan thông tin trên là đúng” để tiếp tục',
      },
    ]);
    assert.deepEqual(errorsOf({}, 'en'), [
      { field: 'name', code: 'required', message: 'Enter full name' },
      { field: 'dob', code: 'required', message: 'Enter date of birth' },
      { field: 'kind', code: 'required', message: 'Select kind of application' },
      {
        field: 'agree',
        code: 'required',
        message: 'Select “I confirm the information is true” to continue',
      },
    ]);
  });

  it('normalises text to NFC so decomposed Vietnamese counts and compares as typed', () => {
    const decomposed = 'Lê Thị Hoa'.normalize('NFD');
    assert.notEqual(decomposed.length, 'Lê Thị Hoa'.length);
    const result = procedure.validate({ ...complete(), name: decomposed });
    assert.equal(result.answers.name, 'Lê Thị Hoa');
    // 10 characters once composed: within maxLength 10, although the NFD form is longer.
    assert.equal(result.valid, true);
  });

  it('checks text length, numbers, email and phone with messages that say what to do', () => {
    assert.deepEqual(
      errorsOf({
        ...complete(),
        name: 'Nguyễn Thị Minh Khai',
        count: 'hai',
        email: 'an@',
        phone: '12',
      }),
      [
        { field: 'name', code: 'maxLength', message: 'Họ và tên không được dài quá 10 ký tự' },
        { field: 'count', code: 'number', message: 'Số bản sao phải là một số, ví dụ 2' },
        {
          field: 'email',
          code: 'email',
          message: 'Nhập địa chỉ email đúng định dạng, ví dụ ten@example.com',
        },
        {
          field: 'phone',
          code: 'phone',
          message: 'Nhập số điện thoại đúng định dạng, ví dụ 0912 345 678',
        },
      ],
    );
    assert.deepEqual(errorsOf({ ...complete(), count: '1,5' }, 'en'), [
      {
        field: 'count',
        code: 'integer',
        message: 'Number of copies must be a whole number, like 2',
      },
    ]);
    assert.deepEqual(errorsOf({ ...complete(), count: 9 }, 'en'), [
      { field: 'count', code: 'maximum', message: 'Number of copies must be 5 or less' },
    ]);
  });

  it('keeps a phone number as digits after people type it with spaces and dots', () => {
    assert.equal(
      procedure.validate({ ...complete(), phone: '0912.345 678' }).answers.phone,
      '0912345678',
    );
  });

  it('reads dates from day, month and year parts, and says which part is missing', () => {
    const parts = (day: string, month: string, year: string) =>
      errorsOf({ ...complete(), dob: { day, month, year } });
    assert.deepEqual(parts('3', '', ''), [
      { field: 'dob', code: 'date', message: 'Ngày sinh phải có tháng và năm' },
    ]);
    assert.deepEqual(parts('', '', '2001'), [
      { field: 'dob', code: 'date', message: 'Ngày sinh phải có ngày và tháng' },
    ]);
    assert.deepEqual(parts('31', '2', '2001'), [
      { field: 'dob', code: 'date', message: 'Ngày sinh phải là ngày có thật, ví dụ 27/3/2007' },
    ]);
    assert.deepEqual(parts('3', '2', '01'), [
      { field: 'dob', code: 'date', message: 'Năm trong ngày sinh phải có 4 chữ số, ví dụ 2007' },
    ]);
    assert.equal(
      procedure.validate({ ...complete(), dob: { day: '3', month: '2', year: '2001' } }).answers
        .dob,
      '2001-02-03',
    );
    assert.equal(
      procedure.validate({ ...complete(), dob: '03/02/2001' }).answers.dob,
      '2001-02-03',
    );
  });

  it('checks date and year limits, with "today" read from the injected clock', () => {
    assert.deepEqual(errorsOf({ ...complete(), dob: '2025-09-02' }), [
      { field: 'dob', code: 'dateMax', message: 'Ngày sinh phải là hôm nay hoặc một ngày đã qua' },
    ]);
    assert.deepEqual(errorsOf({ ...complete(), dob: '2025-09-01' }), []);
    assert.deepEqual(errorsOf({ ...complete(), since: '2025-06-30' }, 'en'), [
      {
        field: 'since',
        code: 'dateMin',
        message: 'Start date must be the same as or after 01/07/2025',
      },
    ]);
    assert.deepEqual(errorsOf({ ...complete(), year: 2026 }), [
      {
        field: 'year',
        code: 'yearMax',
        message: 'Năm sinh của mẹ không được là năm trong tương lai',
      },
    ]);
    assert.deepEqual(errorsOf({ ...complete(), year: 1850 }), [
      { field: 'year', code: 'yearMin', message: 'Năm sinh của mẹ phải từ năm 1900 trở về sau' },
    ]);
    assert.deepEqual(errorsOf({ ...complete(), year: '85' }), [
      {
        field: 'year',
        code: 'year',
        message: 'Năm sinh của mẹ phải là năm gồm 4 chữ số, ví dụ 1985',
      },
    ]);
  });

  it('reads "today" in Vietnam time, not in the server\'s UTC', () => {
    // 23:30 UTC on the 1st is 06:30 on the 2nd in Hà Nội: a child born on the 2nd is not in the future.
    const late = loadProcedure(everyField(), { clock: createManualClock('2025-09-01T23:30:00Z') });
    assert.equal(late.validate({ ...complete(), dob: '2025-09-02' }).valid, true);
  });

  it('checks choices against their options and checkboxes against their limits', () => {
    assert.deepEqual(errorsOf({ ...complete(), kind: 'c' }), [
      { field: 'kind', code: 'enum', message: 'Chọn loại hồ sơ trong danh sách' },
    ]);
    assert.deepEqual(errorsOf({ ...complete(), channels: ['post', 'online'] }, 'en'), [
      {
        field: 'channels',
        code: 'maxItems',
        message: 'Select 1 or fewer options for how to receive the result',
      },
    ]);
  });

  it("uses a field's own message over the default", () => {
    assert.deepEqual(errorsOf({ ...complete(), kind: 'b', proofNumber: '12' }).slice(0, 1), [
      { field: 'proofNumber', code: 'pattern', message: 'Số giấy tờ gồm đúng 6 chữ số' },
    ]);
  });

  it('asks hidden fields and steps nothing, and never submits them', () => {
    const result = procedure.validate({
      ...complete(),
      kind: 'a',
      proofNumber: 'stale',
      scan: [],
      members: [{}],
    });
    assert.equal(result.valid, true);
    assert.equal('proofNumber' in result.answers, false);
    assert.equal('members' in result.answers, false);
  });

  it('checks files by type and size before upload', () => {
    const base = {
      ...complete(),
      kind: 'b',
      proofNumber: '123456',
      members: [{ memberName: 'An' }],
    };
    const file = (name: string, type: string, size: number) => ({
      ...base,
      scan: { name, type, size },
    });
    assert.deepEqual(errorsOf(file('a.pdf', 'application/pdf', 1000)), []);
    assert.deepEqual(errorsOf(file('a.heic', 'image/heic', 1000)), [
      {
        field: 'scan',
        code: 'fileType',
        message: 'Tệp bản chụp giấy tờ phải có định dạng PDF, JPG',
      },
    ]);
    assert.deepEqual(errorsOf(file('a.jpg', 'image/jpeg', 6 * 1024 * 1024), 'en'), [
      {
        field: 'scan',
        code: 'fileSize',
        message: 'The file for scan of the document must be smaller than 5 MB',
      },
    ]);
    assert.deepEqual(errorsOf({ ...base, scan: undefined }), [
      { field: 'scan', code: 'required', message: 'Tải lên bản chụp giấy tờ' },
    ]);
  });

  it("checks group rows: their count, and each row's fields with their own conditions", () => {
    const base = {
      ...complete(),
      kind: 'b',
      proofNumber: '123456',
      scan: { name: 'a.pdf', type: 'application/pdf', size: 10 },
    };
    assert.deepEqual(errorsOf({ ...base, members: [] }), [
      { field: 'members', code: 'required', message: 'Thêm ít nhất một thành viên' },
    ]);
    const four = Array.from({ length: 4 }, () => ({ memberName: 'An' }));
    assert.deepEqual(errorsOf({ ...base, members: four }, 'en'), [
      { field: 'members', code: 'maxRows', message: 'Remove a member: you can add up to 3' },
    ]);
    assert.deepEqual(
      errorsOf({
        ...base,
        members: [{ memberName: 'An', memberRelation: 'other' }, { memberRelation: 'child' }],
      }),
      [
        { field: 'members.0.memberRelationOther', code: 'required', message: 'Nhập quan hệ khác' },
        { field: 'members.1.memberName', code: 'required', message: 'Nhập họ và tên' },
      ],
    );
    const pruned = procedure.validate({
      ...base,
      members: [{ memberName: ' An ', memberRelation: 'child', memberRelationOther: 'stale' }],
    }).answers;
    assert.deepEqual(JSON.parse(JSON.stringify(pruned.members)), [
      { memberName: 'An', memberRelation: 'child' },
    ]);
  });

  it('checks cross-field rules and reports them on the field to change', () => {
    assert.deepEqual(errorsOf({ ...complete(), since: '2025-07-02', dob: '2025-08-01' }), [
      { field: 'since', code: 'rule', message: 'Ngày bắt đầu phải sau ngày sinh' },
    ]);
    assert.deepEqual(errorsOf({ ...complete(), channels: ['online'] }, 'en'), [
      {
        field: 'email',
        code: 'rule',
        message: 'Enter an email address to receive the result online',
      },
    ]);
  });

  it("reports a field's own error before any rule about it", () => {
    assert.deepEqual(
      errorsOf({ ...complete(), channels: ['online'], email: 'not-an-email' }).map((e) => e.code),
      ['email'],
    );
  });

  it('rebuilds messages in another locale from the error data', () => {
    const vi = procedure.validate({}, { locale: 'vi' }).errors;
    assert.deepEqual(
      procedure.localizeErrors(vi, 'en'),
      procedure.validate({}, { locale: 'en' }).errors,
    );
    assert.deepEqual(JSON.parse(JSON.stringify(vi)), vi);
  });

  it('lists the documents and fees that follow from the answers', () => {
    assert.deepEqual(
      procedure.documents({ kind: 'a' }).map((doc) => doc.id),
      ['id-card'],
    );
    assert.deepEqual(
      procedure.documents({ kind: 'b' }).map((doc) => doc.id),
      ['id-card', 'proof'],
    );
    assert.deepEqual(
      procedure.fees({ count: 0 }).lines.map((fee) => fee.id),
      ['base'],
    );
    assert.deepEqual(
      procedure.fees({ count: '2' }).lines.map((fee) => fee.id),
      ['base', 'copies'],
    );
  });

  it('tells which fields are required now, requiredWhen and group rows included', () => {
    assert.equal(procedure.isRequired('name', {}), true);
    assert.equal(procedure.isRequired('about', {}), false);
    assert.equal(procedure.isRequired('proofNumber', { kind: 'a' }), false);
    assert.equal(procedure.isRequired('proofNumber', { kind: 'b' }), true);
    const rows = { kind: 'b', members: [{ memberRelation: 'other' }, { memberRelation: 'child' }] };
    assert.equal(procedure.isRequired('members', rows), true);
    assert.equal(procedure.isRequired('members.0.memberRelationOther', rows), true);
    assert.equal(procedure.isRequired('members.1.memberRelationOther', rows), false);
    assert.equal(procedure.isVisible('members.0.memberRelationOther', rows), true);
    assert.equal(procedure.isVisible('members.1.memberRelationOther', rows), false);
    assert.equal(procedure.isVisible('proofNumber', { kind: 'a' }), false);
    assert.equal(procedure.isVisible('proofNumber', { kind: 'b' }), true);
  });

  it('finds the step of a field from its id or an error path', () => {
    assert.equal(procedure.stepOf('dob')?.id, 'dates');
    assert.equal(procedure.stepOf('members.0.memberName')?.id, 'extra');
    assert.equal(procedure.stepOf('nothing'), undefined);
  });

  it('keeps a custom x- type as given and checks it by its schema fragment only', () => {
    const definition = everyField();
    definition.steps[0]!.fields.push({
      id: 'signature',
      type: 'x-signature',
      label: 'Chữ ký',
      required: true,
      schema: { type: 'object', properties: { strokes: { type: 'array' } }, required: ['strokes'] },
    });
    const custom = loadProcedure(definition, { clock });
    const codes = (answers: Record<string, unknown>) =>
      custom
        .validate({ ...complete(), ...answers })
        .errors.map((error) => [error.field, error.code]);
    assert.deepEqual(codes({}), [['signature', 'required']]);
    assert.deepEqual(codes({ signature: { points: 3 } }), [['signature', 'required']]);
    assert.deepEqual(codes({ signature: { strokes: [[0, 0, 4, 4]] } }), []);
    assert.deepEqual(
      JSON.parse(
        JSON.stringify(
          custom.validate({ ...complete(), signature: { strokes: [[1, 2]] } }).answers,
        ),
      ).signature,
      { strokes: [[1, 2]] },
    );
  });

  it('takes an address as province, commune and detail, and says which part is missing', () => {
    const definition = everyField();
    definition.steps[0]!.fields.push({
      id: 'home',
      type: 'address',
      label: 'Nơi ở hiện tại',
      required: true,
    });
    const withAddress = loadProcedure(definition, { clock });
    const check = (home: unknown, locale = 'vi') =>
      withAddress
        .validate({ ...complete(), home }, { locale })
        .errors.map(({ field, code, message }) => ({ field, code, message }));
    assert.deepEqual(check(undefined), [
      { field: 'home', code: 'required', message: 'Nhập nơi ở hiện tại' },
    ]);
    assert.deepEqual(check({ province: '66' }), [
      { field: 'home', code: 'address', message: 'Chọn xã, phường, đặc khu trong nơi ở hiện tại' },
    ]);
    assert.deepEqual(check({ province: '66', commune: '24184' }, 'en'), [
      {
        field: 'home',
        code: 'address',
        message: 'Enter the house number, street, village or hamlet in nơi ở hiện tại',
      },
    ]);
    const result = withAddress.validate({
      ...complete(),
      home: { province: '66', commune: '24184', detail: ' Thôn 3 '.normalize('NFD') },
    });
    assert.deepEqual(result.errors, []);
    assert.deepEqual(
      { ...(result.answers.home as object) },
      { province: '66', commune: '24184', detail: 'Thôn 3' },
    );
  });

  it('skips a step whose condition does not hold', () => {
    assert.deepEqual(
      procedure.applicableSteps({ kind: 'a' }).map((step) => step.id),
      ['basics', 'dates', 'choices'],
    );
    assert.deepEqual(
      procedure.applicableSteps({ kind: 'b' }).map((step) => step.id),
      ['basics', 'dates', 'choices', 'extra'],
    );
  });
});
