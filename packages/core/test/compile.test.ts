import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { type Procedure, createManualClock } from '@motcua/core';
import {
  DefinitionError,
  compileToModule,
  loadProcedure,
  motcuaProcedures,
} from '@motcua/core/compiler';
import { outcome, readCases } from './cases.js';
import { birthRegistration, everyField } from './fixtures.js';

const { today, cases } = readCases('birth-registration');
const clock = createManualClock(`${today}T09:00:00+07:00`);

// Inside the repository, so that the module's `import '@motcua/core'` resolves as in an app.
const outDir = fileURLToPath(new URL('../../../node_modules/.cache/motcua-test/', import.meta.url));

async function importCompiled(
  name: string,
  source: string,
): Promise<{ default: Procedure; definition: unknown }> {
  mkdirSync(outDir, { recursive: true });
  const file = `${outDir}${name}-${process.pid}.js`;
  writeFileSync(file, source);
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

  it('names the file in definition errors', async () => {
    await assert.rejects(
      motcuaProcedures().transform('{"id": "x"', '/app/broken.procedure.json'),
      /^DefinitionError: broken\.procedure\.json: the procedure definition has 1 problem:\n {2}\/: not valid JSON/,
    );
  });
});
