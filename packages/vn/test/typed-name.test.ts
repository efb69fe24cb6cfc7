import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createManualClock, defaultMessages, formatMessage } from '@motcua/core';
import { loadProcedure } from '@motcua/core/compiler';
import { convertTypedName, pack, personName } from '@motcua/vn';

describe('convertTypedName', () => {
  it('reads names typed in raw Telex, with capitals as names are written', () => {
    const cases: [string, string][] = [
      ['nguyeenx minh khang', 'Nguyễn Minh Khang'],
      ['ddinhf', 'Đình'],
      ['tran thij mai', 'Tran Thị Mai'],
      ['truwowngf giang', 'Trường Giang'],
      ['ddawngj hoangf', 'Đặng Hoàng'],
      ['Hoangf Tuaans Anh', 'Hoàng Tuấn Anh'],
      ['phamj thi hoaf', 'Phạm Thi Hòa'],
      ['vux thi thuyr', 'Vũ Thi Thủy'],
      ['luwu quoocs', 'Lưu Quốc'],
      ['huyeenf', 'Huyền'],
      ['ddoox', 'Đỗ'],
      ['ngheej', 'Nghệ'],
      ['chuyeenr', 'Chuyển'],
      ['trinhj', 'Trịnh'],
      ['nhuw', 'Như'],
      ['nguyeexn', 'Nguyễn'],
      ['nguyeenx-traanf bao anh', 'Nguyễn-Trần Bao Anh'],
    ];
    for (const [typed, meant] of cases) assert.equal(convertTypedName(typed), meant, typed);
  });

  it('reads names typed in raw VNI', () => {
    assert.equal(convertTypedName('nguye6n4 minh khang'), 'Nguyễn Minh Khang');
    assert.equal(convertTypedName('d9inh2'), 'Đình');
    assert.equal(convertTypedName('tra6n2 thi5 mai'), 'Trần Thị Mai');
    assert.equal(convertTypedName('tru7o7ng2'), 'Trường');
  });

  it('keeps a name typed all in capitals in capitals', () => {
    assert.equal(convertTypedName('NGUYEENX MINH KHANG'), 'NGUYỄN MINH KHANG');
    assert.equal(convertTypedName('DDINHF'), 'ĐÌNH');
  });

  it('tidies spaces and keeps words already written with diacritics', () => {
    assert.equal(convertTypedName('  Nguyễn   văn anhf '), 'Nguyễn Văn Ành');
    assert.equal(convertTypedName('Lê Thị Maif'), 'Lê Thị Mài');
    assert.equal(convertTypedName('Lê Thị Mai'), undefined);
  });

  it('offers nothing for a name written without diacritics and without Telex or VNI keys', () => {
    for (const name of [
      'Nguyen Van An',
      'tran thi mai',
      'Lo Van Minh',
      'Sung A Pao',
      'Thach Thi Sa Ry',
      'Y Moan',
      'nguyen minh khang',
    ]) {
      assert.equal(convertTypedName(name), undefined, name);
    }
  });

  it('offers nothing for a name with a word that is not a Vietnamese syllable', () => {
    for (const name of [
      "H'Hen Niê",
      'Ksor',
      'Ksor Nay',
      'Rmah Hloi',
      'Nie Kdam',
      'Hwing',
      'Kevin nguyeenx',
      'nguyeenx H’Hen',
      'Thach Thi Srey',
      'Chau Sokhar',
    ]) {
      assert.equal(convertTypedName(name), undefined, name);
    }
  });

  it('offers nothing for a word whose reading is not a syllable, or that is a syllable as typed', () => {
    // "tuans" would be "tuán", which is no syllable ("tuấn" needs "aa" too).
    assert.equal(convertTypedName('tuans'), undefined);
    // "xoong" is a Vietnamese word as it is; Telex would have made it "xông".
    assert.equal(convertTypedName('xoong'), undefined);
    // A stopped syllable takes only the rising or the heavy tone: "hộc", never "hồc".
    assert.equal(convertTypedName('hocf'), undefined);
    assert.equal(convertTypedName('hoocj'), 'Hộc');
    // The spelling rules: "k" only before i, e, ê, y.
    assert.equal(convertTypedName('kaf'), undefined);
    assert.equal(convertTypedName('kees'), 'Kế');
  });

  it('offers nothing for a word not typed the way Telex is: two tone keys, a vowel after one', () => {
    // As read, "lá" and "hể" would be syllables.
    assert.equal(convertTypedName('Lars Nguyen'), undefined);
    assert.equal(convertTypedName('here'), undefined);
    assert.equal(convertTypedName('nguyeexn'), 'Nguyễn');
  });

  it('offers nothing for a name with digits or signs that VNI does not explain', () => {
    for (const name of ['Nguyễn Văn 2', 'minh6', 'Trần.Thị Mai', 'Lê Văn An (con)', '', ' ']) {
      assert.equal(convertTypedName(name), undefined, name);
    }
  });
});

describe('vn-person-name with a name typed in raw Telex or VNI', () => {
  it('warns first, with the name as meant, where it would warn about missing diacritics', () => {
    assert.deepEqual(personName.validate('nguyeenx minh khang'), {
      code: 'vn-person-name.typed',
      params: { suggestion: 'Nguyễn Minh Khang' },
      severity: 'warning',
    });
    assert.deepEqual(personName.validate('nguyen minh khang'), {
      code: 'vn-person-name.no-diacritics',
      severity: 'warning',
    });
  });

  it('rejects VNI, whose digits a name cannot have, with the name as meant', () => {
    assert.deepEqual(personName.validate('nguye6n4 minh khang'), {
      code: 'vn-person-name.typed',
      params: { suggestion: 'Nguyễn Minh Khang' },
      severity: 'error',
    });
  });

  it('accepts the name as meant and names with diacritics as before', () => {
    assert.equal(personName.validate('Nguyễn Minh Khang'), true);
    assert.equal(personName.validate("H'Hen Niê"), true);
    assert.equal(personName.validate('NGUYỄN MINH KHANG'), true);
  });

  it('warns about a name that has diacritics but one word still in Telex', () => {
    assert.deepEqual(personName.validate('Nguyễn Văn Anhf'), {
      code: 'vn-person-name.typed',
      params: { suggestion: 'Nguyễn Văn Ành' },
      severity: 'warning',
    });
  });
});

describe('a procedure with a vn-person-name field', () => {
  const procedure = loadProcedure(
    {
      id: 'typed-name',
      version: '1.0.0',
      title: { vi: 'Thử tên', en: 'Name check' },
      steps: [
        {
          id: 'person',
          title: { vi: 'Người yêu cầu', en: 'Applicant' },
          fields: [
            {
              id: 'fullName',
              type: 'text',
              label: { vi: 'Họ, chữ đệm và tên', en: 'Full name' },
              required: true,
              format: 'vn-person-name',
            },
          ],
        },
      ],
    },
    { packs: [pack], clock: createManualClock('2025-09-01T08:00:00+07:00') },
  );

  it('gives the suggestion in the warning params and its message in vi and en', () => {
    const vi = procedure.validate({ fullName: ' nguyeenx  minh khang' }, { locale: 'vi' });
    assert.equal(vi.valid, true);
    assert.deepEqual(vi.errors, []);
    assert.deepEqual(vi.warnings, [
      {
        field: 'fullName',
        code: 'vn-person-name.typed',
        params: { suggestion: 'Nguyễn Minh Khang' },
        message:
          'Có phải bạn muốn viết “Nguyễn Minh Khang”? Bấm “Dùng tên này” để sửa, hoặc tự sửa lại cho đúng như trên giấy tờ.',
      },
    ]);
    const en = procedure.localizeErrors(vi.warnings, 'en');
    assert.match(en[0]!.message, /^Did you mean “Nguyễn Minh Khang”\? Select “Use this name”/);
  });

  it('gives the suggestion in the error params of a name typed in VNI', () => {
    const result = procedure.validate({ fullName: 'nguye6n4 minh khang' }, { locale: 'en' });
    assert.equal(result.valid, false);
    assert.deepEqual(result.errors[0]?.params, { suggestion: 'Nguyễn Minh Khang' });
    assert.match(result.errors[0]!.message, /“Nguyễn Minh Khang”/);
  });

  it('has nothing to say once the name as meant is put in', () => {
    const result = procedure.validate({ fullName: 'Nguyễn Minh Khang' });
    assert.deepEqual([...result.errors, ...result.warnings], []);
  });

  it('words the message from the catalogue with the suggestion filled in', () => {
    const message = formatMessage(
      { code: 'vn-person-name.typed', params: { suggestion: 'Đình' } },
      'vi',
      [pack.messages!, defaultMessages],
    );
    assert.match(message, /“Đình”/);
  });
});
