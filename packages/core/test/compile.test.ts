import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import { rollup } from 'rollup';
import { type Procedure, createManualClock } from '@motcua/core';
import {
  DefinitionError,
  MotcuaError,
  compileToModule,
  loadProcedure,
  motcuaProcedures,
} from '@motcua/core/compiler';
import { outcome, readCases } from './cases.js';
import { birthRegistration, everyField } from './fixtures.js';
import postcodePack from './postcode-pack.js';

const { today, cases } = readCases('birth-registration');
const clock = createManualClock(`${today}T09:00:00+07:00`);

// Inside the repository, so that the module's `import '@motcua/core'` resolves as in an app.
const outDir = fileURLToPath(new URL('../../../node_modules/.cache/motcua-test/', import.meta.url));

const written: string[] = [];
after(() => {
  for (const file of written) rmSync(file, { recursive: true, force: true });
});

/** The module specifiers a compiled module imports, each once. */
function importsOf(source: string): string[] {
  const specifiers = [
    ...source.matchAll(/\b(?:import|export)\b[^'"`;]*?\bfrom\s*["']([^"']+)["']/g),
  ];
  const bare = [...source.matchAll(/\bimport\s*["']([^"']+)["']/g)];
  const dynamic = [...source.matchAll(/\bimport\s*\(\s*["']([^"']+)["']/g)];
  return [...new Set([...specifiers, ...bare, ...dynamic].map((match) => match[1] as string))];
}

async function importCompiled(
  name: string,
  source: string,
): Promise<{ default: Procedure; definition: unknown }> {
  mkdirSync(outDir, { recursive: true });
  const file = `${outDir}${name}-${process.pid}.js`;
  writeFileSync(file, source);
  written.push(file);
  return import(pathToFileURL(file).href);
}

describe('compileToModule', async () => {
  const source = await compileToModule(birthRegistration());
  const compiled = await importCompiled('birth-registration', source);
  const inProcess = loadProcedure(birthRegistration());

  it('makes a module with no require, eval or new Function, importing only the runtime', () => {
    // Ajv's runtime helpers carry their own import line as a string for Ajv's code generator
    // (`ucs2length.code = 'require("…")'`): text, never called. A real call is not quoted.
    assert.doesNotMatch(source, /(?<!['"`])\brequire\s*\(/);
    assert.match(source, /Đăng ký khai sinh/);
    assert.doesNotMatch(source, /\beval\s*\(/);
    assert.doesNotMatch(source, /new\s+Function/);
    assert.doesNotMatch(source, /\bFunction\s*\(/);
    const imports = [...source.matchAll(/^import .* from ["']([^"']+)["']/gm)].map(
      (match) => match[1],
    );
    assert.deepEqual(imports, ['@motcua/core']);
  });

  it('default-exports a procedure that gives the same results as loadProcedure on every example case', () => {
    assert.equal(compiled.default.id, 'birth-registration');
    assert.deepEqual(compiled.definition, birthRegistration());
    for (const example of cases) {
      for (const locale of ['vi', 'en']) {
        const options = { clock, locale };
        assert.deepEqual(
          compiled.default.validate(example.answers, options),
          inProcess.validate(example.answers, options),
          `${example.name} (${locale})`,
        );
        assert.deepEqual(outcome(compiled.default, example.answers, options), {
          valid: example.valid,
          errors: example.errors,
          documents: example.documents,
        });
      }
    }
  });

  it('gives the same results for every field type, group rows and files included', async () => {
    const module = await importCompiled('every-field', await compileToModule(everyField()));
    const direct = loadProcedure(everyField());
    const samples: Record<string, unknown>[] = [
      {},
      {
        name: 'Nguyễn Thị Minh Khai',
        count: '1,5',
        email: 'x@',
        phone: '12',
        dob: { day: '31', month: '2', year: '2001' },
      },
      {
        name: 'Hoa',
        dob: '1990-01-01',
        kind: 'b',
        agree: true,
        channels: ['post', 'online'],
        proofNumber: '12',
      },
      {
        kind: 'b',
        members: [{ memberRelation: 'other' }, {}, {}, {}],
        scan: { name: 'a.heic', type: 'image/heic', size: 1 },
      },
    ];
    for (const answers of samples) {
      assert.deepEqual(
        module.default.validate(answers, { clock }),
        direct.validate(answers, { clock }),
      );
    }
  });

  it('reports definition problems exactly as loadProcedure does', async () => {
    const broken = { ...birthRegistration(), steps: [] };
    const viaLoad = (() => {
      try {
        loadProcedure(broken);
      } catch (error) {
        return error;
      }
    })();
    await assert.rejects(compileToModule(broken), (error: unknown) => {
      assert.ok(error instanceof DefinitionError);
      assert.ok(viaLoad instanceof DefinitionError);
      assert.deepEqual(error.issues, viaLoad.issues);
      return true;
    });
  });

  it('imports packs by their module specifier and refuses a pack without one', async () => {
    const pack = {
      name: 'test',
      module: '@motcua/test-pack',
      formats: { postcode: { validate: (value: string) => /^\d{5}$/.test(value) } },
    };
    const definition = everyField();
    definition.steps[0]!.fields.push({
      id: 'postcode',
      type: 'text',
      label: 'Mã bưu chính',
      format: 'postcode',
    });
    const withPack = await compileToModule(definition, { packs: [pack] });
    assert.match(withPack, /from "@motcua\/test-pack"/);
    await assert.rejects(
      compileToModule(definition, { packs: [{ ...pack, module: undefined }] }),
      /has no "module" specifier/,
    );
    await assert.rejects(compileToModule(definition), /unknown format "postcode"/);
  });
});

describe('compileToModule with shareRuntime, for pages that load modules by src', async () => {
  const key = Symbol.for('motcua.runtime@1');
  const page = globalThis as typeof globalThis & {
    [key]?: unknown;
    motcuaOwnRuntimeLoads?: number;
  };
  // The module's own runtime, at a URL of its own, counting its loads.
  mkdirSync(outDir, { recursive: true });
  const own = `${outDir}own-runtime-${process.pid}.js`;
  writeFileSync(
    own,
    "globalThis.motcuaOwnRuntimeLoads = (globalThis.motcuaOwnRuntimeLoads ?? 0) + 1;\nexport * from '@motcua/core';\n",
  );
  written.push(own);
  const source = await compileToModule(birthRegistration(), {
    shareRuntime: true,
    coreSpecifier: pathToFileURL(own).href,
  });

  it('runs on the engine the page registered and never imports its own', async () => {
    const engine = await import('@motcua/core');
    let created = 0;
    page[key] = {
      ...engine,
      createProcedure: (...args: Parameters<typeof engine.createProcedure>) => {
        created++;
        return engine.createProcedure(...args);
      },
    };
    try {
      const module = await importCompiled('shared-runtime', source);
      assert.equal(module.default.id, 'birth-registration');
      assert.equal(created, 1);
      assert.equal(page.motcuaOwnRuntimeLoads, undefined);
    } finally {
      delete page[key];
    }
  });

  it('imports its own runtime when the page has none', async () => {
    const module = await importCompiled('runtime-of-its-own', source);
    assert.equal(module.default.id, 'birth-registration');
    assert.equal(page.motcuaOwnRuntimeLoads, 1);
  });

  it('is off for bundlers: a static import, no top-level await', async () => {
    const bundled = await compileToModule(birthRegistration());
    assert.doesNotMatch(bundled, /motcua\.runtime|await import/);
    assert.match(source, /Symbol\.for\("motcua\.runtime@1"\)\] \?\? await import\(/);
  });
});

describe('motcuaProcedures (Rollup plugin)', () => {
  it('compiles *.procedure.json and leaves other files alone', async () => {
    const plugin = motcuaProcedures();
    const json = JSON.stringify(birthRegistration());
    const result = await plugin.transform(
      json,
      '/app/procedures/birth-registration.procedure.json?import',
    );
    assert.match(
      result?.code ?? '',
      /createProcedure\(definition, \{ validators, packs: \[\] \}\)/,
    );
    assert.match(result?.code ?? '', /as default/);
    assert.equal(await plugin.transform('{}', '/app/data.json'), null);
  });

  it('splits with `split`: Rollup makes the checks a chunk of their own, which load() fetches', async () => {
    // A real Rollup build of an app that imports a definition, run in Node from the output.
    const dir = `${outDir}plugin-split-${process.pid}/`;
    mkdirSync(dir, { recursive: true });
    written.push(dir);
    writeFileSync(`${dir}birth.procedure.json`, JSON.stringify(birthRegistration()));
    writeFileSync(`${dir}app.js`, "export { default } from './birth.procedure.json';\n");
    const bundle = await rollup({
      input: `${dir}app.js`,
      plugins: [motcuaProcedures({ split: true })],
      external: (id) => id.startsWith('@motcua/'),
    });
    const { output } = await bundle.write({ dir: `${dir}out`, format: 'es' });
    await bundle.close();
    const chunks = output.flatMap((file) => (file.type === 'chunk' ? [file] : []));
    const entry = chunks.find((chunk) => chunk.isEntry)!;
    const checks = chunks.filter((chunk) => chunk.isDynamicEntry);
    assert.equal(checks.length, 1, 'one chunk for the checks');
    assert.match(checks[0]!.fileName, /^birth-registration\.checks-[0-9a-f]{12}-[\w-]+\.js$/);
    assert.match(entry.code, /Đăng ký khai sinh/);
    assert.match(checks[0]!.code, /export \{[^}]*validators/);
    assert.doesNotMatch(entry.code, /validators|"fees"/, 'the entry holds no check and no fee');
    assert.deepEqual(entry.dynamicImports, [checks[0]!.fileName]);

    const { default: procedure } = (await import(
      pathToFileURL(`${dir}out/${entry.fileName}`).href
    )) as {
      default: Procedure;
    };
    assert.equal(procedure.loaded, false);
    assert.equal(procedure.definition.fees, undefined, 'the fees come with the checks');
    await procedure.load();
    assert.deepEqual(procedure.definition, loadProcedure(birthRegistration()).definition);
    const { errors } = procedure.validate({});
    assert.ok(errors.length > 0, 'judges once loaded');
    assert.deepEqual(errors, loadProcedure(birthRegistration()).validate({}).errors);
  });

  it('leaves the module whole without `split`', async () => {
    mkdirSync(outDir, { recursive: true });
    const file = `${outDir}whole-${process.pid}.procedure.json`;
    writeFileSync(file, JSON.stringify(birthRegistration()));
    written.push(file);
    // The id the plugin serves a definition under; the file is read from disk.
    const loaded = await motcuaProcedures().load.call(
      { addWatchFile: () => {} },
      `\0motcua-procedure:${file}.js`,
    );
    assert.doesNotMatch(loaded?.code ?? '', /\.checks-/);
    assert.match(
      loaded?.code ?? '',
      /createProcedure\(definition, \{ validators, packs: \[\] \}\)/,
    );
  });

  it('names the file in definition errors', async () => {
    await assert.rejects(
      motcuaProcedures().transform('{"id": "x"', '/app/broken.procedure.json'),
      /^DefinitionError: broken\.procedure\.json: the procedure definition has 1 problem:\n {2}\/: not valid JSON/,
    );
  });
});

describe('compileToModule with bundlePacks', async () => {
  const testDir = fileURLToPath(new URL('.', import.meta.url));
  // A file URL is what a page without a bundler or import map can load; here it lets the module
  // be imported from anywhere, and under tsx it is the very copy of core the tests use.
  const runtime = new URL('../src/index.ts', import.meta.url).href;
  const definition = everyField();
  definition.steps[0]!.fields.push({
    id: 'postcode',
    type: 'text',
    label: { vi: 'Mã bưu chính', en: 'Postal code' },
    format: 'postcode',
  });
  const options = { packs: [postcodePack], resolveDir: testDir, coreSpecifier: runtime };
  const source = await compileToModule(definition, { ...options, bundlePacks: true });
  const minified = await compileToModule(definition, {
    ...options,
    bundlePacks: true,
    minify: true,
  });

  it('puts the pack code in the module and imports nothing but the runtime', () => {
    for (const output of [source, minified]) {
      assert.deepEqual(importsOf(output), [runtime]);
      assert.doesNotMatch(output, /@motcua\/core/);
      assert.match(output, /Nhập mã bưu chính gồm 5 chữ số/);
      assert.doesNotMatch(output, /(?<!['"`])\brequire\s*\(/);
      assert.doesNotMatch(output, /\beval\s*\(|new\s+Function/);
    }
  });

  it('still imports the pack by its specifier without bundlePacks', async () => {
    const imported = await compileToModule(definition, options);
    assert.deepEqual(importsOf(imported), [runtime, './postcode-pack.js']);
  });

  it('validates exactly as loadProcedure with the same pack', async () => {
    const direct = loadProcedure(definition, { packs: [postcodePack] });
    for (const [name, output] of [
      ['bundled-pack', source],
      ['bundled-pack-min', minified],
    ] as const) {
      const module = await importCompiled(name, output);
      for (const answers of [
        {},
        { postcode: '7 0 0 0 0', name: 'Hoa' },
        { postcode: '700', name: 'Hoa' },
        { postcode: 'abcde', kind: 'b' },
      ]) {
        for (const locale of ['vi', 'en']) {
          const result = module.default.validate(answers, { clock, locale });
          assert.deepEqual(result, direct.validate(answers, { clock, locale }));
          assert.ok(
            locale !== 'en' ||
              answers.postcode !== '700' ||
              /5-digit postal code/.test(
                result.errors.find((error) => error.field === 'postcode')?.message ?? '',
              ),
          );
        }
      }
    }
  });

  it('keeps @motcua/core an import when the runtime specifier is left as it is', async () => {
    const plain = await compileToModule(definition, {
      packs: [postcodePack],
      resolveDir: testDir,
      bundlePacks: true,
    });
    assert.deepEqual(importsOf(plain), ['@motcua/core']);
    const module = await importCompiled('bundled-pack-core', plain);
    assert.equal(module.default.validate({ postcode: '700' }).valid, false);
  });

  it('says where it looked when a pack module cannot be found', async () => {
    await assert.rejects(
      compileToModule(definition, {
        packs: [{ ...postcodePack, module: './no-such-pack.js' }],
        resolveDir: testDir,
        bundlePacks: true,
      }),
      (error: unknown) => {
        assert.ok(error instanceof MotcuaError);
        assert.match(
          error.message,
          /cannot find the module "\.\/no-such-pack\.js" of pack "postcode"/,
        );
        assert.ok(error.message.includes(testDir.replace(/[\\/]$/, '')), error.message);
        return true;
      },
    );
  });

  it('refuses a pack that imports a part of core the page does not have', async () => {
    const dir = `${outDir}bad-pack-${process.pid}/`;
    mkdirSync(dir, { recursive: true });
    written.push(dir);
    writeFileSync(
      `${dir}pack.js`,
      "import { loadProcedure } from '@motcua/core/compiler';\nexport default { name: 'bad', formats: { postcode: { validate: () => Boolean(loadProcedure) } } };\n",
    );
    await assert.rejects(
      compileToModule(definition, {
        packs: [{ ...postcodePack, module: './pack.js' }],
        resolveDir: dir,
        bundlePacks: true,
      }),
      /pack\.js:1:\d+: pack code imports "@motcua\/core\/compiler", which is not part of the runtime/,
    );
  });
});
