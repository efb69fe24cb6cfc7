import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Condition, FieldDefinition, ProcedureDefinition } from '@motcua/core';
import { loadProcedure } from '@motcua/core/compiler';
import vn from '@motcua/vn/pack';
import {
  describeClause,
  describeCondition,
  describeConstraints,
  describeMessages,
  describeRequirement,
} from '../src/describe.js';

const FIXTURE = new URL('./fixtures/every-condition.procedure.json', import.meta.url);

/** The fixture, checked by the engine first: every sentence below is of a valid definition. */
const definition: ProcedureDefinition = loadProcedure(readFileSync(FIXTURE, 'utf8'), {
  packs: [vn],
}).definition;
const source = { definition, packs: [vn] };

function rule(id: string) {
  const found = definition.rules?.find((candidate) => candidate.id === id);
  assert.ok(found, `the fixture has a rule "${id}"`);
  return found;
}

function field(id: string): FieldDefinition {
  for (const step of definition.steps) {
    for (const candidate of step.fields) {
      if (candidate.id === id) return candidate;
      const inner = candidate.fields?.find((row) => row.id === id);
      if (inner) return inner;
    }
  }
  assert.fail(`the fixture has a field "${id}"`);
}

/** Each rule's assert as a clause, in Vietnamese and English, word for word. */
const ASSERTS: Record<string, { vi: string; en: string }> = {
  'equals-value': {
    vi: '“Địa chỉ nhận” đã được điền',
    en: '“Delivery address” is filled in',
  },
  'not-equals-value': {
    vi: '“Nhận kết quả” không phải là “Tại quầy”',
    en: '“Receive the result” is not “At the counter”',
  },
  'equals-field': {
    vi: '“Số bản sao” trùng với “Số bản chính”',
    en: '“Number of copies” is the same as “Number of originals”',
  },
  'not-equals-field': {
    vi: '“Họ tên người giám hộ” khác “Họ và tên”',
    en: "“Guardian's full name” is different from “Full name”",
  },
  in: {
    vi: '“Nhận kết quả” là “Tại quầy” hoặc “Qua bưu điện”',
    en: '“Receive the result” is “At the counter” or “By post”',
  },
  'filled-false': { vi: '“Ngày hết hạn” để trống', en: '“Expiry date” is left empty' },
  'lt-number': { vi: '“Số bản sao” nhỏ hơn 8', en: '“Number of copies” is less than 8' },
  'lte-field': {
    vi: '“Số bản sao” nhỏ hơn hoặc bằng “Số bản chính”',
    en: '“Number of copies” is at most “Number of originals”',
  },
  'gt-field': {
    vi: '“Số bản chính” lớn hơn “Số bản sao”',
    en: '“Number of originals” is more than “Number of copies”',
  },
  'gte-field': {
    vi: '“Số bản chính” lớn hơn hoặc bằng “Số bản sao”',
    en: '“Number of originals” is at least “Number of copies”',
  },
  'before-today': { vi: '“Ngày cấp” trước hôm nay', en: '“Date of issue” is before today' },
  'before-date': {
    vi: '“Ngày cấp” trước ngày 31/12/2030',
    en: '“Date of issue” is before 31/12/2030',
  },
  'after-field': {
    vi: '“Ngày hết hạn” sau “Ngày cấp”',
    en: '“Expiry date” is after “Date of issue”',
  },
  'after-date': {
    vi: '“Ngày cấp” sau ngày 01/01/2000',
    en: '“Date of issue” is after 01/01/2000',
  },
  'age-at-least': {
    vi: 'tuổi tính theo “Ngày sinh” đã đủ 14',
    en: 'the age by “Date of birth” is 14 or over',
  },
  'days-ago-over': {
    vi: '“Ngày cấp” cách hôm nay không quá 60 ngày',
    en: '“Date of issue” is not more than 60 days before today',
  },
  every: {
    vi: 'ở mọi nơi ở trong “Quá trình cư trú”, “Đến ngày” để trống hoặc “Đến ngày” sau “Từ ngày”',
    en: 'in every place of “Places you have lived”, “To” is left empty or “To” is after “From”',
  },
  some: {
    vi: 'ở ít nhất một nơi ở trong “Quá trình cư trú”, “Đến ngày” không trước hôm nay',
    en: 'in at least one place of “Places you have lived”, “To” is not before today',
  },
  'no-overlap': {
    vi: 'các khoảng thời gian từ “Từ ngày” đến “Đến ngày” trong “Quá trình cư trú” không trùng nhau',
    en: 'the periods from “From” to “To” in “Places you have lived” do not overlap',
  },
  'no-gaps': {
    vi: 'các khoảng thời gian từ “Từ ngày” đến “Đến ngày” trong “Quá trình cư trú” nối liền nhau, không có chỗ hở',
    en: 'the periods from “From” to “To” in “Places you have lived” follow on with no gap',
  },
  'pack-operator': {
    vi: '“Số định danh cá nhân” đạt phép kiểm tra “vnPersonalIdMatches” (birthDate: “Ngày sinh”, sex: “Giới tính”)',
    en: '“Personal ID number” passes the check “vnPersonalIdMatches” (birthDate: “Date of birth”, sex: “Sex”)',
  },
  'not-all': {
    vi: '“Số bản sao” không quá 5 hoặc “Nhận kết quả” không phải là “Qua bưu điện”',
    en: '“Number of copies” is at most 5 or “Receive the result” is not “By post”',
  },
  'not-some': {
    vi: 'ở mọi nơi ở trong “Quá trình cư trú”, “Từ ngày” không sau hôm nay',
    en: 'in every place of “Places you have lived”, “From” is not after today',
  },
  'not-in': {
    vi: '“Giấy tờ muốn nhận” không chọn “Bản trích lục”',
    en: '“Papers you want” does not include “Extract”',
  },
};

/** Each rule's `when` as a sentence. */
const WHENS: Record<string, { vi: string; en: string }> = {
  'equals-value': {
    vi: 'khi “Nhận kết quả” là “Qua bưu điện”',
    en: 'when “Receive the result” is “By post”',
  },
  'not-equals-value': {
    vi: 'khi “Giấy tờ muốn nhận” có chọn “Bản sao”',
    en: 'when “Papers you want” includes “Copy”',
  },
  'equals-field': {
    vi: 'khi ô “Tôi cam đoan thông tin là đúng” được đánh dấu',
    en: 'when “I confirm the details are true” is ticked',
  },
  in: {
    vi: 'khi “Giấy tờ muốn nhận” có chọn “Giấy chứng nhận” hoặc “Bản trích lục”',
    en: 'when “Papers you want” includes “Certificate” or “Extract”',
  },
  'filled-false': {
    vi: 'khi ô “Tôi cam đoan thông tin là đúng” không được đánh dấu',
    en: 'when “I confirm the details are true” is not ticked',
  },
  'lt-number': {
    vi: 'khi “Số bản chính” lớn hơn 2',
    en: 'when “Number of originals” is more than 2',
  },
  'lte-field': {
    vi: 'khi “Số bản chính” từ 1 trở lên',
    en: 'when “Number of originals” is at least 1',
  },
  'gt-field': {
    vi: 'khi “Số bản sao” không quá 3',
    en: 'when “Number of copies” is at most 3',
  },
  'not-in': {
    vi: 'khi tuổi tính theo “Ngày sinh” chưa đủ 16',
    en: 'when the age by “Date of birth” is under 16',
  },
};

describe('describeClause', () => {
  for (const [id, expected] of Object.entries(ASSERTS)) {
    it(`says the assert of rule "${id}" in Vietnamese and English`, () => {
      assert.equal(describeClause(rule(id).assert, source, 'vi'), expected.vi);
      assert.equal(describeClause(rule(id).assert, source, 'en'), expected.en);
    });
  }

  it('covers every rule of the fixture', () => {
    assert.deepEqual(
      (definition.rules ?? []).map((item) => item.id).sort(),
      Object.keys(ASSERTS).sort(),
    );
  });
});

describe('describeCondition', () => {
  for (const [id, expected] of Object.entries(WHENS)) {
    it(`says the "when" of rule "${id}" starting with khi / when`, () => {
      const when = rule(id).when;
      assert.ok(when);
      assert.equal(describeCondition(when, source, 'vi'), expected.vi);
      assert.equal(describeCondition(when, source, 'en'), expected.en);
    });
  }

  it('brackets an "any" inside an "all" (the guardian step)', () => {
    const when = definition.steps.find((step) => step.id === 'guardian')?.when;
    assert.ok(when);
    assert.equal(
      describeCondition(when, source, 'vi'),
      'khi tuổi tính theo “Ngày sinh” chưa đủ 18 và (“Nhận kết quả” là “Qua bưu điện” hoặc “Địa chỉ nhận” đã được điền)',
    );
    assert.equal(
      describeCondition(when, source, 'en'),
      'when the age by “Date of birth” is under 18 and (“Receive the result” is “By post” or “Delivery address” is filled in)',
    );
  });

  it('says the conditions of fees and documents', () => {
    const copyFee = definition.fees?.find((fee) => fee.id === 'fee-copy')?.when;
    const guardianPaper = definition.documents?.find((doc) => doc.id === 'guardian-paper')?.when;
    assert.ok(copyFee && guardianPaper);
    assert.equal(describeCondition(copyFee, source, 'vi'), 'khi “Số bản sao” từ 2 trở lên');
    assert.equal(describeCondition(copyFee, source, 'en'), 'when “Number of copies” is at least 2');
    assert.equal(
      describeCondition(guardianPaper, source, 'vi'),
      'khi tuổi tính theo “Ngày sinh” chưa đủ 18',
    );
  });

  it('says a negated condition the other way round, keeping its meaning', () => {
    const cases: [Condition, string, string][] = [
      [
        { not: { field: 'postAddress', filled: true } },
        'khi “Địa chỉ nhận” để trống',
        'when “Delivery address” is left empty',
      ],
      [
        { not: { field: 'birthDate', ageUnder: 18 } },
        'khi tuổi tính theo “Ngày sinh” đã đủ 18',
        'when the age by “Date of birth” is 18 or over',
      ],
      [
        {
          not: {
            any: [
              { field: 'sex', equals: 'male' },
              { field: 'copies', gte: 3 },
            ],
          },
        },
        'khi “Giới tính” không phải là “Nam” và “Số bản sao” nhỏ hơn 3',
        'when “Sex” is not “Male” and “Number of copies” is less than 3',
      ],
      [
        { not: { field: 'delivery', in: ['counter', 'post'] } },
        'khi “Nhận kết quả” không phải là “Tại quầy” hoặc “Qua bưu điện”',
        'when “Receive the result” is not “At the counter” or “By post”',
      ],
      [
        { not: { field: 'residences', noGaps: { from: 'from', to: 'to' } } },
        'khi các khoảng thời gian từ “Từ ngày” đến “Đến ngày” trong “Quá trình cư trú” có chỗ bị hở',
        'when the periods from “From” to “To” in “Places you have lived” have a gap',
      ],
      [
        {
          not: { field: 'personalId', vnPersonalIdMatches: { birthDate: 'birthDate' } },
        } as unknown as Condition,
        'khi “Số định danh cá nhân” không đạt phép kiểm tra “vnPersonalIdMatches” (birthDate: “Ngày sinh”)',
        'when “Personal ID number” does not pass the check “vnPersonalIdMatches” (birthDate: “Date of birth”)',
      ],
      [
        { not: { not: { field: 'agree', equals: true } } },
        'khi ô “Tôi cam đoan thông tin là đúng” được đánh dấu',
        'when “I confirm the details are true” is ticked',
      ],
    ];
    for (const [condition, vi, en] of cases) {
      assert.equal(describeCondition(condition, source, 'vi'), vi);
      assert.equal(describeCondition(condition, source, 'en'), en);
    }
  });

  it('names an unknown operator generically, and reads a bare definition without packs', () => {
    const condition = { field: 'personalId', xChecked: true } as unknown as Condition;
    assert.equal(
      describeCondition(condition, definition, 'vi'),
      'khi “Số định danh cá nhân” đạt phép kiểm tra “xChecked”',
    );
    assert.equal(
      describeCondition(condition, definition, 'en'),
      'when “Personal ID number” passes the check “xChecked”',
    );
  });

  it('writes Vietnamese in NFC even when the definition is decomposed', () => {
    const decomposed = structuredClone(definition);
    const delivery = decomposed.steps[0]?.fields.find((item) => item.id === 'delivery');
    assert.ok(delivery);
    delivery.label = { vi: 'Nhận kết quả'.normalize('NFD'), en: 'Receive the result' };
    const text = describeCondition({ field: 'delivery', equals: 'post' }, decomposed, 'vi');
    assert.equal(text, 'khi “Nhận kết quả” là “Qua bưu điện”');
    assert.equal(text, text.normalize('NFC'));
  });
});

describe('describeConstraints', () => {
  it('says formats, lengths and dates in plain words', () => {
    assert.deepEqual(describeConstraints(field('personalId'), source, 'vi'), [
      '12 chữ số (số định danh cá nhân in trên thẻ Căn cước)',
    ]);
    assert.deepEqual(describeConstraints(field('personalId'), source, 'en'), [
      '12 digits (the personal ID number printed on the Citizen Identity card)',
    ]);
    assert.deepEqual(describeConstraints(field('birthDate'), source, 'vi'), ['không sau hôm nay']);
    assert.deepEqual(describeConstraints(field('issueDate'), source, 'vi'), [
      'không trước ngày 01/01/2000',
      'không sau hôm nay',
    ]);
    assert.deepEqual(describeConstraints(field('issueDate'), source, 'en'), [
      'not before 01/01/2000',
      'not after today',
    ]);
  });

  it('says number ranges, files, rows and options', () => {
    assert.deepEqual(describeConstraints(field('originals'), source, 'vi'), [
      'số nguyên',
      'từ 1 đến 5',
    ]);
    assert.deepEqual(describeConstraints(field('photo'), source, 'vi'), [
      'tệp JPG hoặc PNG',
      'mỗi tệp không quá 2 MB',
      'một tệp',
      'phải tải tệp lên, không nhận bản giấy mang đến quầy',
    ]);
    assert.deepEqual(describeConstraints(field('residences'), source, 'vi'), ['từ 1 đến 10 nơi ở']);
    assert.deepEqual(describeConstraints(field('residences'), source, 'en'), ['1 to 10 places']);
    assert.deepEqual(describeConstraints(field('delivery'), source, 'vi'), [
      'chọn một trong: “Tại quầy” hoặc “Qua bưu điện”',
    ]);
    assert.deepEqual(describeConstraints(field('delivery'), source, 'vi', { options: false }), []);
  });

  it('says a simple pattern as a count of characters', () => {
    const passport: FieldDefinition = {
      id: 'passport',
      type: 'text',
      label: 'Số hộ chiếu',
      schema: { pattern: '^[A-Za-z0-9]{6,12}$' },
    };
    const pin: FieldDefinition = { ...passport, schema: { pattern: '^[0-9]{12}$' } };
    assert.deepEqual(describeConstraints(passport, source, 'vi'), [
      '6 đến 12 chữ cái hoặc chữ số, không có dấu cách',
    ]);
    assert.deepEqual(describeConstraints(pin, source, 'vi'), ['12 chữ số, không có dấu cách']);
    assert.deepEqual(describeConstraints(pin, source, 'en'), ['12 digits, with no spaces']);
  });

  it("says the Vietnam pack's phone for a phone field where the pack is used", () => {
    const phone: FieldDefinition = { id: 'tel', type: 'phone', label: 'Số điện thoại' };
    assert.match(describeConstraints(phone, source, 'vi')[0] ?? '', /^số điện thoại Việt Nam/);
    assert.match(describeConstraints(phone, definition, 'vi')[0] ?? '', /^số điện thoại gồm 8/);
  });
});

describe('describeRequirement', () => {
  it('says required, optional, or required when', () => {
    assert.equal(describeRequirement(field('fullName'), source, 'vi'), 'Bắt buộc');
    assert.equal(describeRequirement(field('copies'), source, 'en'), 'Optional');
    assert.equal(
      describeRequirement(field('postAddress'), source, 'vi'),
      'Bắt buộc khi “Nhận kết quả” là “Qua bưu điện”',
    );
    assert.equal(
      describeRequirement(field('postAddress'), source, 'en'),
      'Required when “Receive the result” is “By post”',
    );
  });
});

describe('describeMessages', () => {
  it("gives the field's own message before the default, and the pack's messages", () => {
    const copies = describeMessages(field('copies'), source, 'vi');
    assert.deepEqual(
      copies.find((message) => message.code === 'maximum'),
      { code: 'maximum', text: 'Chỉ xin tối đa 10 bản. Hãy nhập số nhỏ hơn.', own: true },
    );
    assert.deepEqual(
      copies.find((message) => message.code === 'minimum'),
      { code: 'minimum', text: 'Số bản sao phải từ 0 trở lên', own: false },
    );
    const personalId = describeMessages(field('personalId'), source, 'vi');
    assert.deepEqual(
      personalId.map((message) => message.code),
      ['required', 'vn-personal-id', 'vn-personal-id.cmnd', 'vn-personal-id.province'],
    );
    assert.equal(
      personalId[1]?.text,
      'Nhập đủ 12 chữ số của số định danh cá nhân, in trên thẻ Căn cước',
    );
    assert.match(personalId[3]?.text ?? '', /mã tỉnh … mà hệ thống chưa biết/);
  });

  it('picks the wording the engine picks: a choice, a checkbox, a date limit of today', () => {
    const sex = describeMessages(field('sex'), source, 'en');
    assert.deepEqual(sex[0], { code: 'required.choice', text: 'Select sex', own: false });
    const agree = describeMessages(field('agree'), source, 'vi');
    assert.equal(agree[0]?.text, 'Đánh dấu vào ô “Tôi cam đoan thông tin là đúng” để tiếp tục');
    const birth = describeMessages(field('birthDate'), source, 'vi');
    assert.deepEqual(birth.at(-1), {
      code: 'dateMax.today',
      text: 'Ngày sinh phải là hôm nay hoặc một ngày đã qua',
      own: false,
    });
    const photo = describeMessages(field('photo'), source, 'vi');
    assert.ok(photo.some((message) => message.text === 'Tệp ảnh chân dung phải nhỏ hơn 2 MB'));
  });
});
