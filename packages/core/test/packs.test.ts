import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type Pack,
  type ProcedureDefinition,
  createManualClock,
  createSession,
} from '@motcua/core';
import { lintDefinition, loadProcedure } from '@motcua/core/compiler';

const clock = createManualClock('2025-09-01T09:00:00+07:00');

/** A pack as a country pack is made: a format that can warn, an operator, their messages. */
const pack: Pack = {
  name: 'test',
  formats: {
    postcode: {
      normalize: (value) => value.replace(/\s+/g, ''),
      validate: (value) =>
        !/^\d{5}$/.test(value)
          ? false
          : value.startsWith('9')
            ? { code: 'postcode.unusual', params: { first: '9' }, severity: 'warning' }
            : true,
    },
  },
  operators: {
    sameLength: {
      evaluate: (value, operand, read) =>
        typeof value !== 'string' ||
        typeof read(String(operand)) !== 'string' ||
        value.length === (read(String(operand)) as string).length,
      fields: (operand) => [String(operand)],
    },
  },
  messages: {
    vi: {
      postcode: 'Nhập mã bưu chính gồm 5 chữ số',
      'postcode.unusual': 'Mã bưu chính bắt đầu bằng {first} là ít gặp; hãy kiểm tra lại',
    },
    en: {
      postcode: 'Enter a 5-digit postal code',
      'postcode.unusual': 'Postal codes starting with {first} are unusual; check it',
    },
  },
};

function definition(): ProcedureDefinition {
  return {
    id: 'pack-test',
    version: '1.0.0',
    title: 'Thử gói',
    steps: [
      {
        id: 'first',
        title: 'Bước một',
        fields: [
          { id: 'code', type: 'text', label: 'Mã bưu chính', format: 'postcode', required: true },
          { id: 'a', type: 'text', label: 'Mã A' },
        ],
      },
      { id: 'second', title: 'Bước hai', fields: [{ id: 'b', type: 'text', label: 'Mã B' }] },
    ],
    rules: [
      {
        id: 'same-length',
        severity: 'warning',
        assert: { field: 'a', sameLength: 'b' } as never,
        fields: ['b'],
        message: { vi: 'Mã B thường dài bằng mã A', en: 'Code B is usually as long as code A' },
      },
      {
        id: 'b-not-a',
        assert: { field: 'b', notEquals: { field: 'a' } },
        fields: ['b'],
        message: 'Mã B phải khác mã A',
      },
    ],
  };
}

describe('packs: formats, operators and warnings', () => {
  const procedure = loadProcedure(definition(), { packs: [pack], clock });

  it('reports a format warning apart from errors, keeps the value, and stays valid', () => {
    const result = procedure.validate({ code: '90 000' }, { locale: 'vi' });
    assert.equal(result.valid, true);
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.warnings, [
      {
        field: 'code',
        code: 'postcode.unusual',
        params: { first: '9' },
        message: 'Mã bưu chính bắt đầu bằng 9 là ít gặp; hãy kiểm tra lại',
      },
    ]);
    assert.equal(result.answers.code, '90000');
    assert.equal(
      procedure.validate({ code: '123' }, { locale: 'en' }).errors[0]?.message,
      'Enter a 5-digit postal code',
    );
  });

  it('evaluates a pack operator and reports a warning rule without blocking', () => {
    const result = procedure.validate({ code: '10000', a: 'abc', b: 'abcd' });
    assert.equal(result.valid, true);
    assert.deepEqual(
      result.warnings.map(({ field, code, params }) => ({ field, code, params })),
      [{ field: 'b', code: 'rule', params: { rule: 'same-length' } }],
    );
    assert.deepEqual(procedure.validate({ code: '10000', a: 'abc', b: 'xyz' }).warnings, []);
    assert.deepEqual(
      procedure.validate({ code: '10000', a: 'abc', b: 'abc' }).errors.map((error) => error.code),
      ['rule'],
    );
  });

  it('checks a rule with a pack operator once the fields its operand names are asked', () => {
    assert.deepEqual(
      procedure.checkStep('first', { code: '10000', a: 'abc', b: 'x' }).warnings,
      [],
    );
    assert.equal(
      procedure.checkStep('second', { code: '10000', a: 'abc', b: 'x' }).warnings.length,
      1,
    );
  });

  it('shows warnings on Continue, and goes on when Continue is pressed again', () => {
    const session = createSession(procedure, { clock });
    session.set('code', '90000');
    let snapshot = session.next();
    assert.equal(snapshot.step?.id, 'first');
    assert.deepEqual(snapshot.errors, []);
    assert.deepEqual(
      snapshot.warnings.map((warning) => warning.code),
      ['postcode.unusual'],
    );
    session.setLocale('en');
    assert.equal(
      session.snapshot.warnings[0]?.message,
      'Postal codes starting with 9 are unusual; check it',
    );
    snapshot = session.next();
    assert.equal(snapshot.step?.id, 'second');
    assert.deepEqual(snapshot.warnings, []);
    session.back();
    snapshot = session.next();
    assert.equal(snapshot.step?.id, 'second', 'a confirmed warning is not asked about again');
  });

  it('lets the linter accept a pack operator only with its pack, and check the fields it names', () => {
    const operators = pack.operators;
    assert.deepEqual(lintDefinition(definition(), { formats: ['postcode'], operators }), []);
    assert.deepEqual(lintDefinition(definition(), { formats: ['postcode'] }), [
      {
        pointer: '/rules/0/assert/sameLength',
        message:
          'unknown operator "sameLength"; use one of equals, notEquals, in, filled, lt, lte, gt, gte, before, after, onOrBefore, onOrAfter, ageAtLeast, ageUnder, daysAgoOver, every, some, rows, unique, noOverlap, noGaps, or add the pack that provides "sameLength"',
      },
    ]);
    const misnamed = definition();
    misnamed.rules![0]!.assert = { field: 'a', sameLength: 'codee' } as never;
    assert.deepEqual(lintDefinition(misnamed, { formats: ['postcode'], operators }), [
      {
        pointer: '/rules/0/assert/sameLength',
        message: 'unknown field "codee" (did you mean "code"?)',
      },
    ]);
  });

  it('accepts rule severity in the published schema and rejects an unknown one', () => {
    const wrong = definition();
    (wrong.rules![0] as { severity: string }).severity = 'info';
    const issues = lintDefinition(wrong, { formats: ['postcode'], operators: pack.operators });
    assert.deepEqual(
      issues.map((issue) => issue.pointer),
      ['/rules/0/severity'],
    );
  });
});
