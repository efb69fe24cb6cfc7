import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  PROVINCE_CODES,
  createPersonalIdFormat,
  decodePersonalId,
  personalId,
  vnPersonalIdMatches,
} from '@motcua/vn';

/** Normalises then validates, as the engine does. */
function check(value: string, format = personalId) {
  const normal = format.normalize ? format.normalize(value) : value;
  return { normal, verdict: format.validate(normal) };
}

describe('decodePersonalId', () => {
  it('reads the example from the domain notes: Ninh Bình, female, born 1953', () => {
    assert.deepEqual(decodePersonalId('037153000257'), {
      provinceCode: '037',
      centuryDigit: 1,
      sex: 'female',
      birthYear: 1953,
    });
  });

  it('reads the century and sex from the fourth digit, even meaning male', () => {
    assert.deepEqual(decodePersonalId('001099012345'), {
      provinceCode: '001',
      centuryDigit: 0,
      sex: 'male',
      birthYear: 1999,
    });
    assert.deepEqual(decodePersonalId('079203012345'), {
      provinceCode: '079',
      centuryDigit: 2,
      sex: 'male',
      birthYear: 2003,
    });
    assert.deepEqual(decodePersonalId('031318000123'), {
      provinceCode: '031',
      centuryDigit: 3,
      sex: 'female',
      birthYear: 2018,
    });
    assert.equal(decodePersonalId('001400000001')?.birthYear, 2100);
    assert.equal(decodePersonalId('001500000001')?.sex, 'female');
  });

  it('reads an ID written with spaces or dots', () => {
    assert.equal(decodePersonalId('037 153 000 257')?.birthYear, 1953);
    assert.equal(decodePersonalId('037.153.000.257')?.provinceCode, '037');
  });

  it('returns undefined for anything that is not 12 digits', () => {
    assert.equal(decodePersonalId('03715300025'), undefined);
    assert.equal(decodePersonalId('0371530002571'), undefined);
    assert.equal(decodePersonalId('03715300025A'), undefined);
    assert.equal(decodePersonalId(''), undefined);
  });
});

describe('PROVINCE_CODES', () => {
  it('lists the 63 pre-2025 provinces with three-digit codes from 001 to 096', () => {
    const codes = Object.keys(PROVINCE_CODES);
    assert.equal(codes.length, 63);
    for (const code of codes) assert.match(code, /^0\d\d$/);
    assert.equal(codes[0], '001');
    assert.equal(codes[codes.length - 1], '096');
    assert.equal(PROVINCE_CODES['037'], 'Ninh Bình');
    assert.equal(PROVINCE_CODES['079'], 'Hồ Chí Minh');
  });
});

describe('vn-personal-id', () => {
  it('accepts 12 digits with a known province and stores them without separators', () => {
    assert.deepEqual(check('037153000257'), { normal: '037153000257', verdict: true });
    assert.deepEqual(check(' 037 153-000.257 '), { normal: '037153000257', verdict: true });
  });

  it('reads full-width digits as typed by some phone keyboards', () => {
    assert.deepEqual(check('０３７１５３０００２５７'), { normal: '037153000257', verdict: true });
  });

  it('rejects a value that is not 12 digits', () => {
    assert.deepEqual(check('03715300025').verdict, { code: 'vn-personal-id' });
    assert.deepEqual(check('0371530002570').verdict, { code: 'vn-personal-id' });
    assert.deepEqual(check('O37153000257').verdict, { code: 'vn-personal-id' });
  });

  it('rejects an old 9-digit CMND number with its own code', () => {
    assert.deepEqual(check('123 456 789').verdict, { code: 'vn-personal-id.cmnd' });
  });

  it('warns, without rejecting, about a province code it does not know', () => {
    assert.deepEqual(check('099153000257').verdict, {
      code: 'vn-personal-id.province',
      params: { province: '099' },
      severity: 'warning',
    });
    assert.equal((check('003153000257').verdict as { severity?: string }).severity, 'warning');
  });

  it('takes its list of province codes from the options', () => {
    const format = createPersonalIdFormat({ provinceCodes: ['099'] });
    assert.equal(check('099153000257', format).verdict, true);
    assert.equal(
      (check('037153000257', format).verdict as { code?: string }).code,
      'vn-personal-id.province',
    );
  });
});

describe('vnPersonalIdMatches', () => {
  const reader =
    (values: Record<string, unknown>) =>
    (id: string): unknown =>
      values[id];
  const operand = { birthDate: 'dob', sex: 'sex' };
  const today = '2025-09-01';

  it('holds when the year and sex agree with the ID', () => {
    const read = reader({ dob: '1953-04-02', sex: 'female' });
    assert.equal(vnPersonalIdMatches.evaluate('037153000257', operand, read, today), true);
  });

  it('fails when the birth year differs', () => {
    const read = reader({ dob: '1954-04-02', sex: 'female' });
    assert.equal(vnPersonalIdMatches.evaluate('037153000257', operand, read, today), false);
  });

  it('fails when the century differs although the last two digits agree', () => {
    const read = reader({ dob: '2053-04-02' });
    assert.equal(vnPersonalIdMatches.evaluate('037153000257', operand, read, today), false);
  });

  it('fails when the sex differs', () => {
    const read = reader({ dob: '1953-04-02', sex: 'male' });
    assert.equal(vnPersonalIdMatches.evaluate('037153000257', operand, read, today), false);
  });

  it('checks a year-only field and custom values of the sex field', () => {
    const yearOperand = { birthYear: 'motherYear', sex: 'motherSex', male: 'nam', female: 'nu' };
    const agree = reader({ motherYear: 1953, motherSex: 'nu' });
    const wrongYear = reader({ motherYear: 1952, motherSex: 'nu' });
    const wrongSex = reader({ motherYear: 1953, motherSex: 'nam' });
    assert.equal(vnPersonalIdMatches.evaluate('037153000257', yearOperand, agree, today), true);
    assert.equal(
      vnPersonalIdMatches.evaluate('037153000257', yearOperand, wrongYear, today),
      false,
    );
    assert.equal(vnPersonalIdMatches.evaluate('037153000257', yearOperand, wrongSex, today), false);
  });

  it('holds when something it needs is missing or invalid, leaving that to the field', () => {
    const agree = reader({ dob: '1953-04-02', sex: 'female' });
    assert.equal(vnPersonalIdMatches.evaluate(undefined, operand, agree, today), true);
    assert.equal(vnPersonalIdMatches.evaluate('12345', operand, agree, today), true);
    assert.equal(vnPersonalIdMatches.evaluate('037153000257', operand, reader({}), today), true);
    assert.equal(
      vnPersonalIdMatches.evaluate('037153000257', operand, reader({ dob: 'not a date' }), today),
      true,
    );
    assert.equal(
      vnPersonalIdMatches.evaluate('037153000257', operand, reader({ sex: 'other' }), today),
      true,
    );
  });

  it('names the fields its operand refers to', () => {
    assert.deepEqual(vnPersonalIdMatches.fields?.({ birthDate: 'dob', sex: 'sex', male: 'nam' }), [
      'dob',
      'sex',
    ]);
    assert.deepEqual(vnPersonalIdMatches.fields?.({ birthYear: 'year' }), ['year']);
    assert.deepEqual(vnPersonalIdMatches.fields?.(null), []);
  });
});
