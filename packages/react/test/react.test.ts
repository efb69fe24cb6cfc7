import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { MotcuaProcedure, motcuaEvents } from '@motcua/react';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import ts from 'typescript';

/** The keys of `MotcuaEventMap`, read from the element's source as TypeScript sees them. */
function elementEventTypes(): string[] {
  const file = createRequire(import.meta.url).resolve('@motcua/elements/package.json');
  const path = file.replace(/package\.json$/, 'src/procedure-element.ts');
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022);
  const map = source.statements.find(
    (node): node is ts.InterfaceDeclaration =>
      ts.isInterfaceDeclaration(node) && node.name.text === 'MotcuaEventMap',
  );
  assert.ok(map, `no interface MotcuaEventMap in ${path}`);
  return map.members.map((member) => {
    assert.ok(member.name && ts.isStringLiteral(member.name), 'event names are string literals');
    return member.name.text;
  });
}

describe('MotcuaProcedure (React)', () => {
  it('renders <motcua-procedure> with the attributes React owns', () => {
    const html = renderToString(
      createElement(MotcuaProcedure, {
        id: 'form',
        lang: 'vi',
        className: 'form',
        'aria-label': 'Đăng ký khai sinh',
      }),
    );
    assert.match(html, /^<motcua-procedure [^>]*><\/motcua-procedure>$/);
    assert.match(html, / id="form"/);
    assert.match(html, / lang="vi"/);
    assert.match(html, / class="form"/);
    assert.match(html, / aria-label="Đăng ký khai sinh"/);
  });

  it('keeps element properties and event handlers out of the HTML', () => {
    // They are set on the element once React has it (objects cannot be attributes); the element
    // renders nothing before it is upgraded in the browser anyway.
    const html = renderToString(
      createElement(MotcuaProcedure, {
        lang: 'vi',
        mode: 'kiosk',
        endpoint: '/api/dossiers',
        answers: { childName: 'An' },
        submit: async () => ({}),
        onMotcuaSubmitted: () => {},
      }),
    );
    assert.equal(html, '<motcua-procedure lang="vi"></motcua-procedure>');
  });

  it('maps every event of MotcuaEventMap to an on… prop', () => {
    const types = elementEventTypes();
    assert.ok(types.length >= 6, `found only ${types.length} events`);
    assert.deepEqual(Object.values(motcuaEvents).sort(), [...types].sort());
    for (const [prop, type] of Object.entries(motcuaEvents)) {
      const pascal = type.replace(/(?:^|-)(\w)/g, (_, letter: string) => letter.toUpperCase());
      assert.equal(prop, `on${pascal}`);
    }
  });

  it('defines <motcua-procedure> when imported', () => {
    assert.ok(customElements.get('motcua-procedure'));
  });
});
