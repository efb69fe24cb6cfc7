import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DefinitionError, loadProcedure } from '@motcua/core/compiler';

// Issue 13: `{"pattern": "(a+)+$"}` loaded, and validate() then spent 25.8 s on a 29-character
// answer, on the server and in the page. A super-linear pattern is now a definition error.

const definition = (fields: unknown[]) => ({
  id: 'patterns',
  version: '1.0.0',
  title: 'Mẫu',
  steps: [{ id: 'one', title: 'Một', fields }],
});

function refusal(fields: unknown[]): DefinitionError {
  try {
    loadProcedure(definition(fields));
  } catch (error) {
    if (error instanceof DefinitionError) return error;
    throw error;
  }
  assert.fail('the definition loaded');
}

describe('patterns that backtrack super-linearly (ReDoS)', () => {
  it('refuses (a+)+$ with the answer that stalls it, and how to write it instead', () => {
    const error = refusal([
      { id: 'code', type: 'text', label: 'Mã', schema: { pattern: '(a+)+$' } },
    ]);
    assert.equal(error.issues.length, 1);
    assert.equal(error.issues[0]!.pointer, '/steps/0/fields/0/schema/pattern');
    assert.match(error.issues[0]!.message, /exponential time on some answers, e\.g\. 'a'/);
    assert.match(error.issues[0]!.message, /Rewrite it without a repetition inside a repetition/);
  });

  it('finds them in a group’s rows and in polynomial form too', () => {
    const error = refusal([
      {
        id: 'members',
        type: 'group',
        label: 'Thành viên',
        fields: [
          { id: 'alias', type: 'text', label: 'Tên khác', schema: { pattern: '^(\\w+\\s?)*$' } },
          { id: 'code', type: 'text', label: 'Mã', schema: { pattern: '^\\d*\\d*x$' } },
        ],
      },
    ]);
    assert.deepEqual(
      error.issues.map((issue) => issue.pointer),
      ['/steps/0/fields/0/fields/0/schema/pattern', '/steps/0/fields/0/fields/1/schema/pattern'],
    );
    assert.match(error.issues[1]!.message, /polynomial time/);
  });

  it('loads the patterns the real procedures use', () => {
    const procedure = loadProcedure(
      definition([
        { id: 'a', type: 'text', label: 'A', schema: { pattern: '^\\d{12}$' } },
        { id: 'b', type: 'text', label: 'B', schema: { pattern: "^[\\p{L}\\p{M}' -]+$" } },
        { id: 'c', type: 'text', label: 'C', schema: { pattern: '^[a-z]+( [a-z]+)*$' } },
      ]),
    );
    assert.equal(procedure.validate({ a: '001190012345' }).errors.length, 0);
  });
});
