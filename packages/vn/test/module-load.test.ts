import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { build } from '@motcua/cli';

// A procedure module for pages bundles the Vietnam pack, and a page evaluates it before its first
// page can be drawn. Issue 15's trace found that evaluation at 133 ms of a throttled kiosk's main
// thread: the pack made an Intl.Collator('vi') on load (ICU's collation data) that no procedure
// uses. Loading a module must make no Intl object: each is made on first use.

const REPO = join(import.meta.dirname, '..', '..', '..');

describe('a procedure module with the Vietnam pack, as a page loads it', () => {
  it('makes no Intl object while it loads', async () => {
    const out = mkdtempSync(join(tmpdir(), 'motcua-module-load-'));
    const made: string[] = [];
    const originals = new Map<string, unknown>();
    const intl = Intl as unknown as Record<string, unknown>;
    try {
      const report = await build({
        files: ['examples/procedures/birth-registration.procedure.json'],
        outDir: out,
        packs: ['@motcua/vn/pack'],
        runtime: './motcua.js',
        cwd: REPO,
      });
      const [result] = report.results;
      assert.ok(result?.ok, 'the module was built');
      const { path } = result;
      // The page's runtime, as <motcua-procedure> registers it: the module imports no other.
      let definition: unknown;
      (globalThis as Record<symbol, unknown>)[Symbol.for('motcua.runtime@1')] = {
        createProcedure: (given: unknown) => (definition = given),
      };
      const copy = join(out, 'loaded.mjs');
      writeFileSync(copy, readFileSync(path));
      for (const name of Object.getOwnPropertyNames(Intl)) {
        const original = intl[name];
        if (typeof original !== 'function') continue;
        originals.set(name, original);
        intl[name] = new Proxy(original, {
          construct(target, args, newTarget) {
            made.push(name);
            return Reflect.construct(target as new (...a: unknown[]) => object, args, newTarget);
          },
        });
      }
      await import(pathToFileURL(copy).href);
      assert.equal((definition as { id?: string } | undefined)?.id, 'birth-registration');
      assert.deepEqual(made, []);
    } finally {
      for (const [name, original] of originals) intl[name] = original;
      delete (globalThis as Record<symbol, unknown>)[Symbol.for('motcua.runtime@1')];
      rmSync(out, { recursive: true, force: true });
    }
  });
});
