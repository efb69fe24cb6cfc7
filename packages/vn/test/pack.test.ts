import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createManualClock, defaultMessages, formatMessage } from '@motcua/core';
import { loadProcedure } from '@motcua/core/compiler';
import { createPack, pack } from '@motcua/vn';
import defaultPack, { pack as namedPack } from '@motcua/vn/pack';

/** Every code a format of the pack can give, with the params it gives them. */
const CODES: { [code: string]: Record<string, string> } = {
  'vn-personal-id': {},
  'vn-personal-id.cmnd': {},
  'vn-personal-id.province': { province: '099' },
  'vn-phone': {},
  'vn-phone.personal-id': {},
  'vn-phone.unassigned': { prefix: '071' },
  'vn-tax-code': {},
  'vn-tax-code.check-digit': {},
  'vn-tax-code-or-id': {},
  'vn-postal-code': {},
  'vn-person-name': {},
  'vn-person-name.typed': { suggestion: 'Nguyễn Minh Khang' },
  'vn-person-name.no-diacritics': {},
  'vn-date-text': {},
};

describe('pack', () => {
  it('is the default and the named export of @motcua/vn/pack, and re-exported by @motcua/vn', () => {
    assert.equal(defaultPack, namedPack);
    assert.equal(pack, namedPack);
    assert.equal(pack.name, 'vn');
    assert.equal(pack.module, '@motcua/vn/pack');
  });

  it('provides every format and the vnPersonalIdMatches operator', () => {
    assert.deepEqual(Object.keys(pack.formats ?? {}).sort(), [
      'phone',
      'vn-date-text',
      'vn-person-name',
      'vn-personal-id',
      'vn-phone',
      'vn-postal-code',
      'vn-tax-code',
      'vn-tax-code-or-id',
    ]);
    assert.ok(pack.operators?.vnPersonalIdMatches);
  });

  it('can be made with its own unverified lists, which its formats then use', () => {
    const custom = createPack({ provinceCodes: ['099'], unassignedPrefixes: [] });
    const formats = custom.formats!;
    assert.equal(custom.module, undefined);
    assert.equal(formats['vn-personal-id']!.validate('099153000257'), true);
    assert.equal(formats['vn-tax-code-or-id']!.validate('099153000257'), true);
    assert.equal(formats['vn-phone']!.validate('0711234567'), true);
    assert.notEqual(pack.formats!['vn-phone']!.validate('0711234567'), true);
    assert.equal(createPack({ module: '@agency/vn-pack' }).module, '@agency/vn-pack');
  });

  it('has a Vietnamese and an English message for every code, and no other', () => {
    for (const locale of ['vi', 'en']) {
      assert.deepEqual(
        Object.keys(pack.messages?.[locale] ?? {}).sort(),
        Object.keys(CODES).sort(),
      );
    }
  });

  it('fills every placeholder of its messages', () => {
    const field = {
      id: 'x',
      type: 'text' as const,
      label: { vi: 'Số định danh', en: 'ID number' },
    };
    const catalogs = [pack.messages!, defaultMessages];
    for (const [code, params] of Object.entries(CODES)) {
      for (const locale of ['vi', 'en']) {
        const message = formatMessage({ code, params, field }, locale, catalogs);
        assert.doesNotMatch(message, /\{\w+\}/, `${locale} ${code}: ${message}`);
        for (const value of Object.values(params)) assert.ok(message.includes(value), message);
      }
    }
  });

  it('words the personal ID messages the way citizens read them', () => {
    const field = { id: 'id', type: 'text' as const, label: 'Số định danh cá nhân' };
    const catalogs = [pack.messages!, defaultMessages];
    assert.equal(
      formatMessage({ code: 'vn-personal-id', params: {}, field }, 'vi', catalogs),
      'Nhập đủ 12 chữ số của số định danh cá nhân, in trên thẻ Căn cước',
    );
    assert.equal(
      formatMessage(
        { code: 'vn-personal-id.province', params: { province: '099' }, field },
        'vi',
        catalogs,
      ),
      'Số định danh bắt đầu bằng mã tỉnh 099 mà hệ thống chưa biết. Hãy kiểm tra lại; nếu đúng như trên thẻ, bạn có thể tiếp tục.',
    );
  });
});

/** A tiny procedure using the pack's formats and operator. */
function definition() {
  return {
    id: 'vn-pack-check',
    version: '1.0.0',
    title: { vi: 'Thử gói Việt Nam', en: 'Vietnam pack check' },
    steps: [
      {
        id: 'person',
        title: { vi: 'Người yêu cầu', en: 'Applicant' },
        fields: [
          {
            id: 'personalId',
            type: 'text',
            label: { vi: 'Số định danh cá nhân', en: 'Personal ID number' },
            required: true,
            format: 'vn-personal-id',
          },
          {
            id: 'dob',
            type: 'date',
            label: { vi: 'Ngày sinh', en: 'Date of birth' },
            required: true,
          },
          {
            id: 'sex',
            type: 'radio',
            label: { vi: 'Giới tính', en: 'Sex' },
            required: true,
            options: [
              { value: 'nam', label: { vi: 'Nam', en: 'Male' } },
              { value: 'nu', label: { vi: 'Nữ', en: 'Female' } },
            ],
          },
          {
            id: 'phone',
            type: 'text',
            label: { vi: 'Số điện thoại', en: 'Phone number' },
            format: 'vn-phone',
          },
        ],
      },
    ],
    rules: [
      {
        id: 'id-matches-person',
        severity: 'warning',
        fields: ['personalId'],
        assert: {
          field: 'personalId',
          vnPersonalIdMatches: { birthDate: 'dob', sex: 'sex', male: 'nam', female: 'nu' },
        },
        message: {
          vi: 'Số định danh không khớp với năm sinh hoặc giới tính đã nhập. Hãy kiểm tra lại.',
          en: 'The personal ID does not match the year of birth or sex entered. Check them.',
        },
      },
    ],
  };
}

describe('a procedure using the pack', () => {
  const clock = createManualClock('2025-09-01T08:00:00+07:00');
  const procedure = loadProcedure(definition(), { packs: [pack], clock });
  const brief = (list: readonly { field: string; code: string }[]) =>
    list.map(({ field, code }) => ({ field, code }));

  it('accepts consistent answers and stores the tidied values', () => {
    const result = procedure.validate({
      personalId: '037 153 000 257',
      dob: '02/04/1953',
      sex: 'nu',
      phone: '+84 912 345 678',
    });
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.warnings, []);
    assert.equal(result.valid, true);
    assert.equal(result.answers.personalId, '037153000257');
    assert.equal(result.answers.phone, '0912345678');
  });

  it('rejects a bad phone and an old CMND number with the pack messages', () => {
    const result = procedure.validate(
      { personalId: '123456789', dob: '1953-04-02', sex: 'nu', phone: '0912 345' },
      { locale: 'vi' },
    );
    assert.equal(result.valid, false);
    assert.deepEqual(brief(result.errors), [
      { field: 'personalId', code: 'vn-personal-id.cmnd' },
      { field: 'phone', code: 'vn-phone' },
    ]);
    assert.match(result.errors[0]!.message, /12 chữ số/);
  });

  it('warns without blocking when the ID disagrees with the sex entered', () => {
    const result = procedure.validate(
      { personalId: '037153000257', dob: '1953-04-02', sex: 'nam' },
      { locale: 'vi' },
    );
    assert.deepEqual(result.errors, []);
    assert.equal(result.valid, true);
    assert.deepEqual(brief(result.warnings), [{ field: 'personalId', code: 'rule' }]);
    assert.match(result.warnings[0]!.message, /không khớp/);
  });

  it('warns without blocking about an unknown province code', () => {
    const result = procedure.validate(
      { personalId: '099153000257', dob: '1953-04-02', sex: 'nu' },
      { locale: 'en' },
    );
    assert.equal(result.valid, true);
    assert.deepEqual(brief(result.warnings), [
      { field: 'personalId', code: 'vn-personal-id.province' },
    ]);
    assert.match(result.warnings[0]!.message, /province code 099/);
  });
});

describe('the pack in a real procedure', () => {
  const birth = loadProcedure(
    JSON.parse(
      readFileSync(
        fileURLToPath(
          new URL(
            '../../../examples/procedures/birth-registration.procedure.json',
            import.meta.url,
          ),
        ),
        'utf8',
      ),
    ) as unknown,
    { packs: [pack] },
  );

  it('refuses a personal ID typed as the phone, where the phone question names no format', () => {
    assert.equal(birth.field('requesterPhone')?.format, undefined);
    const errors = (locale: string) =>
      birth
        .validate({ requesterPhone: '001190012345' }, { locale })
        .errors.filter((error) => error.field === 'requesterPhone');
    assert.deepEqual(
      errors('vi').map((error) => error.code),
      ['vn-phone.personal-id'],
    );
    assert.match(
      errors('vi')[0]!.message,
      /số định danh cá nhân.*di động có 10 chữ số, ví dụ 0912 345 678/,
    );
    assert.match(errors('en')[0]!.message, /not a phone number.*10-digit mobile number/);
    const other = birth
      .validate({ requesterPhone: '0612 345 678' }, { locale: 'vi' })
      .errors.find((error) => error.field === 'requesterPhone');
    assert.match(other!.message, /bắt đầu bằng 03, 05, 07, 08 hoặc 09/);
    assert.equal(
      birth
        .validate({ requesterPhone: '0912 345 678' })
        .errors.some((e) => e.field === 'requesterPhone'),
      false,
    );
  });

  it('asks for the numeric keypad on every digits-only format, and the phone pad for phones', () => {
    const modes = Object.fromEntries(
      [
        'vn-personal-id',
        'vn-tax-code',
        'vn-tax-code-or-id',
        'vn-postal-code',
        'vn-phone',
        'phone',
      ].map((name) => [name, birth.format(name)?.inputMode]),
    );
    assert.deepEqual(modes, {
      'vn-personal-id': 'numeric',
      'vn-tax-code': 'numeric',
      'vn-tax-code-or-id': 'numeric',
      'vn-postal-code': 'numeric',
      'vn-phone': 'tel',
      phone: 'tel',
    });
  });
});

describe('names in the real procedures (issue 12, point 4)', () => {
  const read = (path: string) =>
    JSON.parse(readFileSync(fileURLToPath(new URL(path, import.meta.url)), 'utf8')) as {
      steps: { fields: { id: string; format?: string; fields?: unknown[] }[] }[];
    };
  const files = [
    '../../../examples/procedures/birth-registration.procedure.json',
    ...readdirSync(new URL('../procedures/', import.meta.url))
      .filter((file) => file.endsWith('.procedure.json'))
      .map((file) => `../procedures/${file}`),
  ];

  it('checks every person’s name with vn-person-name, in rows too', () => {
    const names: string[] = [];
    const unchecked: string[] = [];
    const walk = (fields: { id: string; format?: string; fields?: unknown[] }[]) => {
      for (const field of fields) {
        if (/name$/i.test(field.id)) {
          names.push(field.id);
          if (field.format !== 'vn-person-name') unchecked.push(field.id);
        }
        walk((field.fields ?? []) as typeof fields);
      }
    };
    for (const file of files) for (const step of read(file).steps) walk(step.fields);
    assert.ok(names.length >= 13, names.join(', '));
    assert.deepEqual(unchecked, []);
  });

  it('warns of a child’s name typed without diacritics, and offers the one typed in Telex', () => {
    const birth = loadProcedure(read(files[0]!), { packs: [pack] });
    const warned = (childName: string) =>
      birth
        .validate({ childName }, { locale: 'vi' })
        .warnings.filter((warning) => warning.field === 'childName')
        .map((warning) => [warning.code, warning.params.suggestion]);
    assert.deepEqual(warned('nguyen minh khang'), [['vn-person-name.no-diacritics', undefined]]);
    assert.deepEqual(warned('nguyeenx minh khang'), [
      ['vn-person-name.typed', 'Nguyễn Minh Khang'],
    ]);
    assert.deepEqual(warned('Nguyễn Minh Khang'), []);
  });
});
