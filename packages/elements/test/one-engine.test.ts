// fixtures/one-engine.js is what `motcua build --runtime ./second-runtime.js` makes of
// fixtures/one-engine.procedure.json, checked in for one-engine.browser.test.ts (a browser test
// cannot compile). This keeps it what the compiler makes today.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { compileToModule } from '@motcua/core/compiler';
import { format, resolveConfig } from 'prettier';

const fixtures = new URL('./fixtures/', import.meta.url);

describe('the one-engine fixture', () => {
  it('is the module the compiler makes for pages, importing the second runtime', async () => {
    const json: unknown = JSON.parse(
      readFileSync(new URL('one-engine.procedure.json', fixtures), 'utf8'),
    );
    const code = await compileToModule(json, {
      bundlePacks: true,
      coreSpecifier: './second-runtime.js',
      minify: false,
    });
    const file = new URL('one-engine.js', fixtures);
    // Formatted as the repository's other files and left out of ESLint (Ajv's generated code
    // has unused parameters), so `npm run lint` passes over it.
    const formatted = await format(`/* eslint-disable */\n${code}`, {
      ...(await resolveConfig(file)),
      filepath: file.pathname,
    });
    if (process.env.MOTCUA_UPDATE_FIXTURES) writeFileSync(file, formatted);
    assert.equal(
      readFileSync(file, 'utf8'),
      formatted,
      'fixtures/one-engine.js is stale: run this test with MOTCUA_UPDATE_FIXTURES=1',
    );
  });
});
