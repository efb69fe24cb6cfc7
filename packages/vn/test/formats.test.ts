import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FormatDefinition } from '@motcua/core';
import { dateText, isDateText, personName, postalCode, toUpperName } from '@motcua/vn';

function check(value: string, format: FormatDefinition) {
  const normal = format.normalize ? format.normalize(value) : value;
  return { normal, verdict: format.validate(normal) };
}

describe('vn-postal-code', () => {
  it('accepts 5 digits, spaces and full-width digits tidied', () => {
    assert.deepEqual(check('70000', postalCode), { normal: '70000', verdict: true });
    assert.deepEqual(check(' 100 00 ', postalCode), { normal: '10000', verdict: true });
    assert.deepEqual(check('７００００', postalCode), { normal: '70000', verdict: true });
  });

  it('rejects anything else, such as an old 6-digit code', () => {
    for (const value of ['7000', '700000', '7000A']) {
      assert.deepEqual(check(value, postalCode).verdict, { code: 'vn-postal-code' }, value);
    }
  });
});

describe('vn-person-name', () => {
  it('tidies spaces and composes the text to NFC', () => {
    assert.deepEqual(check('  Nguyễn   Thị  Mai ', personName), {
      normal: 'Nguyễn Thị Mai',
      verdict: true,
    });
    assert.equal(check('Nguyễn Thị Hòa'.normalize('NFD'), personName).normal, 'Nguyễn Thị Hòa');
  });

  it("accepts apostrophes and hyphens, writing a phone's ’ as '", () => {
    assert.deepEqual(check('H’Hen Niê', personName), { normal: "H'Hen Niê", verdict: true });
    assert.equal(check('Nguyễn-Trần Bảo Anh', personName).verdict, true);
  });

  it('accepts a name with any diacritic, even one short syllable without', () => {
    assert.equal(check('Lý Văn A', personName).verdict, true);
    assert.equal(check('Đinh Lan', personName).verdict, true);
  });

  it('rejects digits and other signs', () => {
    for (const value of ['Nguyễn Văn 2', 'Trần.Thị Mai', 'Lê Văn An (con)', "'-"]) {
      assert.deepEqual(check(value, personName).verdict, { code: 'vn-person-name' }, value);
    }
  });

  it('warns, without rejecting, about a name written with no diacritics at all', () => {
    assert.deepEqual(check('Lo Van Minh', personName).verdict, {
      code: 'vn-person-name.no-diacritics',
      severity: 'warning',
    });
  });
});

describe('toUpperName', () => {
  it('writes the name in capitals with every diacritic, as paper forms print it', () => {
    assert.equal(toUpperName(' nguyễn  thị mai'), 'NGUYỄN THỊ MAI');
    assert.equal(toUpperName('đặng hữu phước'), 'ĐẶNG HỮU PHƯỚC');
    assert.equal(toUpperName("h'hen niê"), "H'HEN NIÊ");
  });
});

describe('vn-date-text', () => {
  it('accepts real dates written dd/mm/yyyy', () => {
    assert.deepEqual(check(' 27/03/2007 ', dateText), { normal: '27/03/2007', verdict: true });
    assert.equal(isDateText('29/02/2024'), true);
    assert.equal(isDateText('31/12/1899'), true);
  });

  it('rejects dates that do not exist', () => {
    for (const value of ['29/02/2023', '31/04/2025', '00/01/2020', '01/13/2020', '32/01/2020']) {
      assert.deepEqual(check(value, dateText).verdict, { code: 'vn-date-text' }, value);
    }
  });

  it('rejects other ways of writing a date', () => {
    for (const value of ['27/3/2007', '2007-03-27', '27-03-2007', '27/03/07']) {
      assert.deepEqual(check(value, dateText).verdict, { code: 'vn-date-text' }, value);
    }
  });
});
