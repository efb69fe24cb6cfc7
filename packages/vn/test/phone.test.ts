import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FormatDefinition } from '@motcua/core';
import { UNASSIGNED_MOBILE_PREFIXES, createPhoneFormat, normalizePhone, phone } from '@motcua/vn';

function verdictOf(value: string, format: FormatDefinition = phone) {
  return format.validate(format.normalize ? format.normalize(value) : value);
}

describe('normalizePhone', () => {
  it('removes spaces, dots, dashes and parentheses', () => {
    assert.equal(normalizePhone('0912 345 678'), '0912345678');
    assert.equal(normalizePhone('0912.345.678'), '0912345678');
    assert.equal(normalizePhone('(024) 3825-6686'), '02438256686');
  });

  it('turns the country code into the leading 0', () => {
    assert.equal(normalizePhone('+84 912 345 678'), '0912345678');
    assert.equal(normalizePhone('84912345678'), '0912345678');
    assert.equal(normalizePhone('0084 912 345 678'), '0912345678');
    assert.equal(normalizePhone('+84 (0) 912 345 678'), '0912345678');
    assert.equal(normalizePhone('+84 24 3825 6686'), '02438256686');
  });

  it('reads full-width digits', () => {
    assert.equal(normalizePhone('０９１２３４５６７８'), '0912345678');
  });
});

describe('vn-phone', () => {
  it('accepts mobile numbers of every current range', () => {
    for (const number of [
      '0328 123 456',
      '0563 123 456',
      '0701 234 567',
      '0868 123 456',
      '0987654321',
    ]) {
      assert.equal(verdictOf(number), true, number);
    }
  });

  it('accepts landlines: 02x and 8 digits', () => {
    assert.equal(verdictOf('024 3825 6686'), true);
    assert.equal(verdictOf('(028) 3829 1234'), true);
  });

  it('rejects numbers of the wrong length or prefix', () => {
    for (const number of [
      '091234567',
      '09123456789',
      '0123456789',
      '0612345678',
      '0243825668',
      '912345678',
      'không có',
    ]) {
      assert.deepEqual(verdictOf(number), { code: 'vn-phone' }, number);
    }
  });

  it('refuses 12 digits from 0, a personal ID typed as a phone, and says so', () => {
    for (const number of ['001190012345', '0011 9001 2345', '037153000257']) {
      assert.deepEqual(verdictOf(number), { code: 'vn-phone.personal-id' }, number);
    }
  });

  it('accepts the prefixes assigned to networks without a warning: 052, 056, 058, 059, 087, 089, 099', () => {
    for (const prefix of ['052', '056', '058', '059', '087', '089', '099']) {
      assert.equal(verdictOf(`${prefix}1234567`), true, prefix);
    }
  });

  it('warns, without rejecting, about a prefix on the unassigned list', () => {
    assert.deepEqual(verdictOf('071 123 4567'), {
      code: 'vn-phone.unassigned',
      params: { prefix: '071' },
      severity: 'warning',
    });
    assert.ok(UNASSIGNED_MOBILE_PREFIXES.includes('071'));
  });

  it('takes its list of unassigned prefixes from the options', () => {
    const format = createPhoneFormat({ unassignedPrefixes: ['099'] });
    assert.equal(verdictOf('0711234567', format), true);
    assert.equal(
      (verdictOf('0991234567', format) as { code?: string }).code,
      'vn-phone.unassigned',
    );
  });
});
