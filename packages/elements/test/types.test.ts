import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

// The element's types for React, Preact, Vue and VS Code are made from its Custom Elements
// Manifest by scripts/elements-manifest.mjs and committed, so that editors and these checks work
// without a build. test/types/ holds React 19 and Preact 10 TSX files and a Vue SFC that use the
// element as an app would, with `@ts-expect-error` on wrong values: if the types ever turned into `any`, the
// unused directives would fail the check.
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = join(ROOT, 'node_modules', '.bin');
const TYPES = 'packages/elements/test/types';
const run = promisify(execFile);

/** Runs a checker; resolves to its exit code and everything it printed. */
async function check(command: string, args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(join(BIN, command), args, { cwd: ROOT });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

/** Every file below `dir`, relative to it, sorted. */
function filesBelow(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

describe('<motcua-procedure> types', { concurrency: true }, () => {
  it('type-check a React 19 TSX file that uses the element, and reject wrong values', async () => {
    const result = await check('tsc', ['--noEmit', '-p', `${TYPES}/tsconfig.react.json`]);
    assert.equal(result.output, '');
    assert.equal(result.code, 0);
  });

  it('type-check a Preact 10 TSX file that uses the element, and reject wrong values', async () => {
    const result = await check('tsc', ['--noEmit', '-p', `${TYPES}/tsconfig.preact.json`]);
    assert.equal(result.output, '');
    assert.equal(result.code, 0);
  });

  it('type-check a Vue SFC template that uses the element, and reject wrong values', async () => {
    const result = await check('vue-tsc', ['--noEmit', '-p', `${TYPES}/tsconfig.vue.json`]);
    assert.equal(result.output, '');
    assert.equal(result.code, 0);
  });
});

describe('the committed manifest, types and API docs', () => {
  const out = mkdtempSync(join(tmpdir(), 'motcua-elements-manifest-'));
  after(() => rmSync(out, { recursive: true, force: true }));

  it('are what scripts/elements-manifest.mjs makes from the sources today', async () => {
    await run(process.execPath, ['scripts/elements-manifest.mjs', '--out', out], { cwd: ROOT });
    const made = filesBelow(out);
    assert.deepEqual(made, [
      'docs/elements-api.md',
      'packages/elements/custom-elements.json',
      'packages/elements/types/jsx-types.d.ts',
      'packages/elements/types/preact.d.ts',
      'packages/elements/types/react.d.ts',
      'packages/elements/types/vscode.css-custom-data.json',
      'packages/elements/types/vscode.html-custom-data.json',
      'packages/elements/types/vue-types.d.ts',
    ]);
    assert.deepEqual(
      filesBelow(join(ROOT, 'packages/elements/types')),
      made
        .filter((file) => file.startsWith('packages/elements/types/'))
        .map((file) => file.slice('packages/elements/types/'.length)),
      'packages/elements/types/ holds a file the script does not make',
    );
    for (const file of made) {
      assert.equal(
        readFileSync(join(out, file), 'utf8'),
        readFileSync(join(ROOT, file), 'utf8'),
        `${file} is out of date: run node scripts/elements-manifest.mjs`,
      );
    }
  });

  it('list every attribute, property, event, slot, part and custom property, documented', () => {
    const manifest = JSON.parse(
      readFileSync(join(ROOT, 'packages/elements/custom-elements.json'), 'utf8'),
    );
    const [element, ...others] = manifest.modules.flatMap(
      (mod: { declarations?: { customElement?: boolean }[] }) =>
        (mod.declarations ?? []).filter((declaration) => declaration.customElement),
    );
    assert.equal(others.length, 0);
    assert.equal(element.tagName, 'motcua-procedure');
    const names = (key: string) => element[key].map((item: { name: string }) => item.name);
    assert.deepEqual(names('events'), [
      'motcua-step-change',
      'motcua-submit',
      'motcua-submitted',
      'motcua-failed',
      'motcua-help',
      'motcua-reset',
    ]);
    assert.equal(
      element.events.find((event: { name: string }) => event.name === 'motcua-submitted').type.text,
      '{ receipt: unknown; answers: Answers }',
    );
    assert.deepEqual(names('cssParts'), ['page', 'button', 'toolbar']);
    assert.deepEqual(names('slots'), ['field-{id}']);
    // Every custom property the styles read is documented, and nothing else.
    const styles = ['styles.ts', 'fields/styles.ts', 'kiosk-styles.ts', 'draft-styles.ts']
      .map((file) => readFileSync(join(ROOT, 'packages/elements/src', file), 'utf8'))
      .join('\n');
    const read = [...new Set([...styles.matchAll(/var\((--motcua-[a-z0-9-]+)/g)].map((m) => m[1]))];
    assert.deepEqual([...names('cssProperties')].sort(), read.sort());
    assert.ok(names('attributes').includes('per-page'));
    assert.ok(names('members').includes('procedure'));
    // No internal state leaks: Lit's @state() accessors and #private members.
    for (const internal of ['snapshot', 'helpAsked', '#session', 'getUpdateComplete']) {
      assert.ok(!names('members').includes(internal), `${internal} is not API`);
    }
    for (const key of ['members', 'attributes', 'events', 'slots', 'cssParts', 'cssProperties']) {
      for (const item of element[key]) {
        assert.ok(item.description, `${key} ${item.name} has a description`);
      }
    }
  });
});
