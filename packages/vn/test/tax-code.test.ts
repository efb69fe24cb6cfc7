import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FormatDefinition } from '@motcua/core';
import { hasValidCheckDigit, normalizeTaxCode, taxCode, taxCodeOrId } from '@motcua/vn';

function check(value: string, format: FormatDefinition) {
  const normal = format.normalize ? format.normalize(value) : value;
  return { normal, verdict: format.validate(normal) };
}

/** The 9 digits followed by the check digit the formula gives, or undefined if it gives 10. */
function withCheckDigit(nine: string): string | undefined {
  const weights = [31, 29, 23, 19, 17, 13, 7, 5, 3];
  const sum = weights.reduce((total, weight, i) => total + weight * Number(nine[i]), 0);
  const check = 10 - (sum % 11);
  return check === 10 ? undefined : `${nine}${check}`;
}

describe('hasValidCheckDigit', () => {
  it('accepts 0100233488, the example from the domain notes', () => {
    assert.equal(hasValidCheckDigit('0100233488'), true);
  });

  it('accepts other real-shaped codes and rejects one changed digit', () => {
    assert.equal(hasValidCheckDigit('0100109106'), true);
    assert.equal(hasValidCheckDigit('0300588569'), true);
    assert.equal(hasValidCheckDigit('0100233489'), false);
    assert.equal(hasValidCheckDigit('0100233388'), false);
  });

  it('rejects every code whose sum would need a check digit of 10', () => {
    // 31·0 + … = 0, so 10 − 0 = 10 for 000000000.
    for (let digit = 0; digit <= 9; digit++) {
      assert.equal(hasValidCheckDigit(`000000000${digit}`), false);
    }
    let found = 0;
    for (let n = 100000000; n < 100000200; n++) {
      const nine = String(n).padStart(9, '0');
      if (withCheckDigit(nine) !== undefined) continue;
      found++;
      for (let digit = 0; digit <= 9; digit++) {
        assert.equal(hasValidCheckDigit(`${nine}${digit}`), false);
      }
    }
    assert.ok(found > 0);
  });
});

describe('vn-tax-code', () => {
  it('accepts 10 digits with the right check digit', () => {
    assert.deepEqual(check('0100233488', taxCode), { normal: '0100233488', verdict: true });
    assert.deepEqual(check('0100 233 488', taxCode), { normal: '0100233488', verdict: true });
  });

  it('accepts a branch code, writing it with its dash', () => {
    assert.deepEqual(check('0100233488-001', taxCode), { normal: '0100233488-001', verdict: true });
    assert.deepEqual(check('0100233488001', taxCode), { normal: '0100233488-001', verdict: true });
    assert.equal(normalizeTaxCode('0100233488 - 001'), '0100233488-001');
  });

  it('rejects a wrong check digit with its own code', () => {
    assert.deepEqual(check('0100233489', taxCode).verdict, { code: 'vn-tax-code.check-digit' });
    assert.deepEqual(check('0100233489-001', taxCode).verdict, {
      code: 'vn-tax-code.check-digit',
    });
  });

  it('rejects the wrong number of digits', () => {
    for (const value of ['010023348', '01002334881', '0100233488-01', '0100233488-0001', 'MST']) {
      assert.deepEqual(check(value, taxCode).verdict, { code: 'vn-tax-code' }, value);
    }
  });
});

describe('vn-tax-code-or-id', () => {
  it('accepts a tax code or a 12-digit personal ID', () => {
    assert.deepEqual(check('0100233488', taxCodeOrId), { normal: '0100233488', verdict: true });
    assert.deepEqual(check('0100233488-001', taxCodeOrId).verdict, true);
    assert.deepEqual(check('037 153 000 257', taxCodeOrId), {
      normal: '037153000257',
      verdict: true,
    });
  });

  it('checks a 12-digit value as a personal ID, warning about an unknown province', () => {
    assert.equal(
      (check('099153000257', taxCodeOrId).verdict as { severity?: string }).severity,
      'warning',
    );
  });

  it('rejects a wrong check digit, and anything else with its own code', () => {
    assert.deepEqual(check('0100233489', taxCodeOrId).verdict, { code: 'vn-tax-code.check-digit' });
    assert.deepEqual(check('123456789', taxCodeOrId).verdict, { code: 'vn-tax-code-or-id' });
    assert.deepEqual(check('03715300025', taxCodeOrId).verdict, { code: 'vn-tax-code-or-id' });
  });
});
