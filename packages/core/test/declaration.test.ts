import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { ProcedureDefinition } from '@motcua/core';
import { DefinitionError, checkDeclaration, lintDeclaration } from '@motcua/core/compiler';

const repo = new URL('../../../', import.meta.url);
const read = (path: string): unknown => JSON.parse(readFileSync(new URL(path, repo), 'utf8'));

const REAL = [
  ['examples/procedures', 'birth-registration'],
  ['packages/vn/procedures', 'permanent-residence'],
  ['packages/vn/procedures', 'criminal-record'],
] as const;

const birth = read('examples/procedures/birth-registration.procedure.json') as ProcedureDefinition;

/** A small valid declaration of the birth registration; each test breaks a copy. */
function small(): Record<string, unknown> {
  return {
    title: { vi: 'TỜ KHAI ĐĂNG KÝ KHAI SINH', en: 'BIRTH REGISTRATION DECLARATION' },
    sections: [
      {
        heading: 'Người được khai sinh',
        rows: [
          { label: 'Họ, chữ đệm, tên', field: 'childName' },
          { text: { vi: 'Tôi cam đoan…', en: 'I declare…' } },
        ],
      },
    ],
    signature: { vi: 'Người yêu cầu', en: 'Requester' },
  };
}

describe('declaration templates', () => {
  for (const [dir, id] of REAL) {
    it(`${id}: its declaration names only fields of its definition, in both languages`, () => {
      const definition = read(`${dir}/${id}.procedure.json`) as ProcedureDefinition;
      const template = read(`${dir}/${id}.declaration.json`);
      assert.deepEqual(lintDeclaration(template, definition), []);
      const text = readFileSync(new URL(`${dir}/${id}.declaration.json`, repo), 'utf8');
      assert.equal(text.normalize('NFC'), text, 'Vietnamese in NFC');
      // Every text has its English: no object with "vi" alone.
      const texts: { vi?: string; en?: string }[] = [];
      JSON.parse(text, (key, value: unknown) => {
        if (value && typeof value === 'object' && 'vi' in value)
          texts.push(value as { vi?: string; en?: string });
        return value;
      });
      assert.ok(texts.length > 10);
      for (const t of texts) assert.ok(t.en && t.en.length > 0, `English for "${t.vi}"`);
    });
  }

  it('accepts a small valid template and returns it', () => {
    const template = small();
    assert.equal(checkDeclaration(template, birth), template);
  });

  it('names a field that is not in the procedure, with the closest id', () => {
    const template = small() as { sections: { rows: object[] }[] };
    template.sections[0]!.rows[0] = { label: 'Họ tên', field: 'chilName' };
    assert.deepEqual(lintDeclaration(template, birth), [
      {
        pointer: '/sections/0/rows/0/field',
        message:
          'no field "chilName" in the procedure "birth-registration" (did you mean "childName"?); use the id of a field asked on one of its steps',
      },
    ]);
  });

  it('asks for the group, not a field of its rows', () => {
    const definition: ProcedureDefinition = {
      id: 'p',
      version: '1.0.0',
      title: 'P',
      steps: [
        {
          id: 's',
          title: 'S',
          fields: [
            {
              id: 'members',
              type: 'group',
              label: 'Thành viên',
              fields: [{ id: 'memberName', type: 'text', label: 'Họ tên' }],
            },
          ],
        },
      ],
    };
    const template = small() as { sections: { rows: object[] }[] };
    template.sections[0]!.rows = [{ label: 'Họ tên', field: 'memberName' }];
    assert.deepEqual(lintDeclaration(template, definition), [
      {
        pointer: '/sections/0/rows/0/field',
        message:
          '"memberName" is asked in the rows of the group "members"; name the group ("field": "members"), which prints every row',
      },
    ]);
  });

  it('reports shape problems with pointers and what to write', () => {
    const template = small() as Record<string, unknown> & { sections: { rows: object[] }[] };
    delete template.signature;
    template.titel = 'x';
    template.title = { en: 'Only English' };
    template.sections[0]!.rows.push({ label: 'Tên', field: 'childName', text: 'both' });
    template.sections[0]!.rows.push({ label: 'Tên' });
    assert.deepEqual(lintDeclaration(template, birth), [
      { pointer: '/title', message: 'must be a string or an object like {"vi": "…", "en": "…"}' },
      {
        pointer: '/sections/0/rows/2',
        message:
          'a row is either {"label": "…", "field": "childName"} (a field\'s answer) or {"text": "…"} (a fixed sentence), not both',
      },
      {
        pointer: '/sections/0/rows/3',
        message:
          'a row is either {"label": "…", "field": "childName"} (a field\'s answer) or {"text": "…"} (a fixed sentence), not both',
      },
      { pointer: '/titel', message: 'unknown property "titel" (did you mean "title"?)' },
      { pointer: '/signature', message: 'missing required property "signature"' },
    ]);
  });

  it('throws a DefinitionError naming the file and every problem', () => {
    assert.throws(
      () =>
        checkDeclaration({ title: 'T', sections: [], signature: 'S' }, birth, {
          source: 'x.declaration.json',
        }),
      (error: unknown) =>
        error instanceof DefinitionError &&
        error.message ===
          'x.declaration.json: the declaration has 1 problem:\n  /sections: a declaration needs at least one section',
    );
    assert.throws(() => checkDeclaration([], birth), /the declaration must be a JSON object/);
  });
});
