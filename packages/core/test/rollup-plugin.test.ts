import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { motcuaProcedures } from '@motcua/core/compiler';
import { type Plugin, rollup } from 'rollup';

const definitionFile = fileURLToPath(new URL('./every-field.procedure.json', import.meta.url));

/** An entry module of the given source, so a build needs no file of its own. */
function entry(source: string): Plugin {
  return {
    name: 'entry',
    resolveId: (id) => (id === 'entry' ? id : null),
    load: (id) => (id === 'entry' ? source : null),
  };
}

/**
 * What Vite's JSON plugin and @rollup/plugin-json do: turn every `.json` id into data. A
 * compiled procedure reaching it fails ("not valid JSON … export con…": issue 14).
 */
const jsonPlugin: Plugin = {
  name: 'json',
  transform(code, id) {
    if (!/\.json(?:$|\?)/.test(id)) return null;
    return `export default ${JSON.stringify(JSON.parse(code))};`;
  },
};

async function bundle(source: string, plugins: Plugin[]): Promise<string> {
  const build = await rollup({
    input: 'entry',
    external: ['@motcua/core'],
    plugins: [entry(source), ...plugins],
  });
  const { output } = await build.generate({ format: 'es' });
  await build.close();
  return output.map((file) => (file.type === 'chunk' ? file.code : '')).join('\n');
}

describe('motcuaProcedures in a Rollup build', () => {
  it('bundles an imported *.procedure.json as the procedure, importing the runtime', async () => {
    const code = await bundle(
      `export { default, definition } from ${JSON.stringify(definitionFile)};`,
      [motcuaProcedures()],
    );
    assert.match(code, /^import \{ createProcedure \} from '@motcua\/core';$/m);
    assert.match(code, /createProcedure\(definition, \{ validators, packs: \[\] \}\)/);
    assert.match(code, /"id": "every-field"/);
  });

  it('compiles the file before a JSON plugin can turn it into data', async () => {
    const code = await bundle(`export { default } from ${JSON.stringify(definitionFile)};`, [
      jsonPlugin,
      motcuaProcedures(),
    ]);
    assert.match(code, /createProcedure\(definition/);
  });

  it('leaves ?raw and ?url imports, and other JSON, to the bundler', async () => {
    const plugin = motcuaProcedures();
    const resolve = async () => ({ id: '/app/resolved.procedure.json' });
    for (const source of ['./a.procedure.json?raw', './a.procedure.json?url', './data.json']) {
      assert.equal(await plugin.resolveId.call({ resolve }, source, '/app/main.js'), null);
    }
    assert.equal(
      await plugin.resolveId.call({ resolve }, './a.procedure.json?import', '/app/main.js'),
      '\0motcua-procedure:/app/resolved.procedure.json.js',
    );
  });

  it('with underFileName (for @web/dev-server), compiles the file under its own name', async () => {
    const plugin = motcuaProcedures({ underFileName: true });
    const resolve = async () => ({ id: '/app/resolved.procedure.json' });
    assert.equal(
      await plugin.resolveId.call({ resolve }, './a.procedure.json', '/app/main.js'),
      null,
    );
    const code = await bundle(`export { default } from ${JSON.stringify(definitionFile)};`, [
      plugin,
    ]);
    assert.match(code, /createProcedure\(definition/);
  });

  it('watches the definition file, resolved by the bundler under its own name', async () => {
    const plugin = motcuaProcedures();
    const watched: string[] = [];
    const id = `\0motcua-procedure:${definitionFile}.js`;
    const loaded = await plugin.load.call({ addWatchFile: (file) => watched.push(file) }, id);
    assert.match(loaded?.code ?? '', /createProcedure\(definition/);
    assert.deepEqual(watched, [definitionFile]);
    // Vite's dev server resolves a watched file as an import of the module: it must reach the
    // file, so that saving it invalidates the module, not the module itself.
    const resolve = async () => assert.fail('the definition file must not be resolved here');
    assert.equal(await plugin.resolveId.call({ resolve }, definitionFile, id), null);
    assert.equal(await plugin.resolveId.call({ resolve }, id, undefined), id);
  });
});
