import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { type Procedure, type ProcedureDefinition, createManualClock } from '@motcua/core';
import { DefinitionError, loadProcedure } from '@motcua/core/compiler';
import { type Manifest, build, preloadsOf } from '@motcua/cli';
import vn from '@motcua/vn/pack';
import {
  PROCEDURES,
  importsOf,
  readJson,
  root,
  run,
  runtime,
  temporaryFolder,
  vnPack,
} from './helpers.js';

interface CaseFile {
  procedure: string;
  today: string;
  cases: { name: string; answers: Record<string, unknown>; valid: boolean }[];
}

const birthRegistration = join(root, PROCEDURES[0]);

/** The checks' chunk a module imports. */
function checksOf(code: string): string {
  const found = /import\("\.\/([\w-]+\.checks-[0-9a-f]{12}\.js)"\)/.exec(code)?.[1];
  assert.ok(found, 'the module imports no checks chunk');
  return found;
}

/**
 * A procedure's module and its checks copied to a folder of ES modules; the module's path. Their
 * top-level await (the page's runtime, or this one) needs ESM, which a `.js` file in a folder
 * without `"type": "module"` is not to tsx.
 */
function asModules(out: string, id: string): string {
  const dir = temporaryFolder();
  writeFileSync(join(dir, 'package.json'), '{"type": "module"}\n');
  const main = join(dir, `${id}.js`);
  copyFileSync(join(out, `${id}.js`), main);
  const checks = checksOf(readFileSync(main, 'utf8'));
  copyFileSync(join(out, checks), join(dir, checks));
  return main;
}

/** A copy of the birth registration in `dir`, changed by `edit`; its path. */
function writeDefinition(
  dir: string,
  name: string,
  edit: (definition: ProcedureDefinition) => void = () => {},
): string {
  const definition = readJson<ProcedureDefinition>(birthRegistration);
  edit(definition);
  const path = join(dir, name);
  writeFileSync(path, `${JSON.stringify(definition, null, 2)}\n`);
  return path;
}

/** The lines `motcua build` must print for a definition: loadProcedure's issues, word for word. */
function expectedLines(file: string, json: unknown): string[] {
  try {
    loadProcedure(json, { packs: [vn] });
  } catch (error) {
    assert.ok(error instanceof DefinitionError);
    return error.issues.map((issue) => `${file}: ${issue.pointer || '/'}: ${issue.message}`);
  }
  assert.fail('the definition was expected to have problems');
}

describe('motcua build: the real procedures', async () => {
  const out = temporaryFolder();
  const result = await run([
    'build',
    ...PROCEDURES,
    '--pack',
    '@motcua/vn/pack',
    '--runtime',
    runtime,
    '--out',
    out,
  ]);

  it('builds each definition into <id>.js and says so, one line each', () => {
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, '');
    // Each module, and its checks (validators, pack code) beside it, named by their content.
    const ids = PROCEDURES.map((source) => basename(source, '.procedure.json'));
    assert.deepEqual(
      readdirSync(out)
        .map((name) => name.replace(/\.checks-[0-9a-f]{12}\.js$/, '.checks-<hash>.js'))
        .sort(),
      ['manifest.json', ...ids.flatMap((id) => [`${id}.js`, `${id}.checks-<hash>.js`])].sort(),
    );
    const lines = result.stdout.trimEnd().split('\n');
    assert.equal(lines.length, PROCEDURES.length);
    for (const [index, source] of PROCEDURES.entries()) {
      const id = basename(source, '.procedure.json');
      assert.match(
        lines[index] ?? '',
        new RegExp(`^built .*${id}\\.js \\(\\d+\\.\\d kB\\) from ${source}$`),
      );
    }
  });

  it('writes modules that import nothing but the runtime, with no require, eval or new Function', () => {
    for (const source of PROCEDURES) {
      const main = readFileSync(join(out, `${basename(source, '.procedure.json')}.js`), 'utf8');
      const checks = checksOf(main);
      // The module imports the runtime, and its checks by import() once asked to load them.
      assert.deepEqual(importsOf(main), [runtime, `./${checks}`], source);
      const code = readFileSync(join(out, checks), 'utf8');
      // Pack code that reads the runtime (vn's does not) imports it, and nothing else.
      assert.deepEqual(
        importsOf(code).filter((found) => found !== runtime),
        [],
        checks,
      );
      assert.match(code, /\bvalidators\b/);
      // Ajv's runtime helpers carry their own import line as a string for Ajv's code generator
      // (`ucs2length.code = 'require("…")'`): text, never called. A real call is not quoted.
      for (const forbidden of [
        /(?<!['"`])\brequire\s*\(/,
        /\beval\s*\(/,
        /new\s+Function/,
        /\bFunction\s*\(/,
      ]) {
        assert.equal(forbidden.exec(code)?.[0], undefined, `${source}: ${forbidden}`);
      }
      // Minified by default, Vietnamese text kept as written.
      assert.ok(code.split('\n').length < 10, `${source} is not minified`);
    }
  });

  it('writes a manifest naming each module, its version, its source and what a page preloads', () => {
    assert.deepEqual(
      readJson(join(out, 'manifest.json')),
      Object.fromEntries(
        PROCEDURES.map((source) => {
          const id = basename(source, '.procedure.json');
          const file = `${id}.js`;
          const { version } = readJson<{ version: string }>(join(root, source));
          return [id, { file, version, source, modulepreload: [file] }];
        }),
      ),
    );
    // Spelled out once, so that a change of shape is seen here and not only in the loop above.
    assert.deepEqual(
      readJson<Record<string, unknown>>(join(out, 'manifest.json'))['criminal-record'],
      {
        file: 'criminal-record.js',
        version: '1.0.0',
        source: PROCEDURES[2],
        modulepreload: ['criminal-record.js'],
      },
    );
  });

  for (const source of PROCEDURES) {
    const id = basename(source, '.procedure.json');
    it(`${id}: the module validates every example case as loadProcedure does`, async () => {
      const { procedure, today, cases } = readJson<CaseFile>(
        join(root, source.replace('.procedure.json', '.cases.json')),
      );
      assert.equal(procedure, id);
      const clock = createManualClock(`${today}T09:00:00+07:00`);
      const direct = loadProcedure(readJson(join(root, source)), { packs: [vn] });
      const module = (await import(pathToFileURL(asModules(out, id)).href)) as {
        default: Procedure;
      };
      assert.equal(module.default.id, id);
      // Its checks are a chunk of their own: judgements wait for load().
      assert.equal(module.default.loaded, false);
      assert.throws(
        () => module.default.validate({}),
        /validate\(\) needs its checks.*await procedure\.load\(\) first/,
      );
      // Its texts in English come with the checks: the module's definition is Vietnamese.
      const definition = readJson<ProcedureDefinition>(join(root, source));
      const english = (value: unknown): string[] =>
        Array.isArray(value)
          ? value.flatMap(english)
          : value !== null && typeof value === 'object'
            ? Object.entries(value).flatMap(([key, item]) =>
                key === 'en' && typeof item === 'string' ? [item] : english(item),
              )
            : [];
      assert.ok(english(definition).length > 20, `${id} is written in English too`);
      assert.deepEqual(english(module.default.definition), []);
      // What no page needs before it judges comes with the checks too: the module's definition
      // lays out the pages, and holds no fee, paper or rule.
      assert.deepEqual(
        Object.keys(module.default.definition).sort(),
        ['card', 'id', 'steps', 'timeZone', 'title', 'version'].filter((key) => key in definition),
      );
      assert.ok(Object.keys(definition).length > Object.keys(module.default.definition).length);
      await module.default.load();
      assert.equal(module.default.loaded, true);
      // Once loaded, the definition is the one written, every English text in its place.
      assert.deepEqual(module.default.definition, definition);
      assert.ok(cases.length >= 10);
      for (const example of cases) {
        for (const locale of ['vi', 'en']) {
          const options = { clock, locale };
          const compiled = module.default.validate(example.answers, options);
          assert.deepEqual(
            compiled,
            direct.validate(example.answers, options),
            `${example.name} (${locale})`,
          );
          assert.equal(compiled.valid, example.valid, example.name);
          assert.deepEqual(
            module.default.documents(example.answers, options),
            direct.documents(example.answers, options),
          );
        }
      }
    });
  }
});

describe('motcua build --hash', () => {
  it('names modules after their content: stable when it is unchanged, new when it changes', async () => {
    const dir = temporaryFolder();
    const out = join(dir, 'out');
    const definition = writeDefinition(dir, 'birth.procedure.json');
    const args = ['build', definition, '--pack', vnPack, '--hash', '--out', out];

    const first = await run(args);
    assert.equal(first.code, 0, first.stderr);
    const manifest = readJson<Manifest>(join(out, 'manifest.json'));
    const entry = manifest['birth-registration'];
    assert.ok(entry);
    assert.match(entry.file, /^birth-registration\.[0-9a-f]{12}\.js$/);
    const content = readFileSync(join(out, entry.file));
    assert.equal(entry.file, `birth-registration.${entry.hash}.js`);
    assert.ok(
      createHash('sha256')
        .update(content)
        .digest('hex')
        .startsWith(entry.hash ?? '-'),
    );
    assert.deepEqual(entry, {
      file: entry.file,
      version: '1.0.0',
      hash: entry.hash,
      source: relative(root, definition),
      // No --runtime: the module imports @motcua/core, which is the page's bundler's to resolve.
      modulepreload: [entry.file],
    });

    assert.equal((await run(args)).code, 0);
    assert.deepEqual(readJson(join(out, 'manifest.json')), manifest);
    const checks = checksOf(content.toString());
    assert.deepEqual(readdirSync(out).sort(), [checks, entry.file, 'manifest.json'].sort());

    writeDefinition(dir, 'birth.procedure.json', (changed) => {
      changed.version = '1.0.1';
    });
    assert.equal((await run(args)).code, 0);
    const next = readJson<Manifest>(join(out, 'manifest.json'))['birth-registration'];
    assert.ok(next);
    assert.notEqual(next.file, entry.file);
    assert.equal(next.version, '1.0.1');
    assert.match(readFileSync(join(out, next.file), 'utf8'), /"1\.0\.1"/);
    // A page that loaded the old name can still load it, and its checks: a build never deletes
    // modules. The definition changed, its checks did not: one chunk serves both.
    assert.ok(existsSync(join(out, entry.file)));
    assert.ok(existsSync(join(out, checks)));
    assert.equal(checksOf(readFileSync(join(out, next.file), 'utf8')), checks);
  });

  it('keeps manifest entries of procedures built earlier, and the last good one of a broken one', async () => {
    const dir = temporaryFolder();
    const out = join(dir, 'out');
    const a = writeDefinition(dir, 'a.procedure.json', (d) => (d.id = 'a'));
    const b = writeDefinition(dir, 'b.procedure.json', (d) => (d.id = 'b'));
    const packs = ['--pack', vnPack];
    assert.equal((await run(['build', a, b, ...packs, '--hash', '--out', out])).code, 0);
    const before = readJson<Manifest>(join(out, 'manifest.json'));

    writeDefinition(dir, 'b.procedure.json', (d) => {
      d.id = 'b';
      d.steps = [];
    });
    const broken = await run(['build', b, ...packs, '--hash', '--out', out]);
    assert.equal(broken.code, 1);
    assert.deepEqual(readJson(join(out, 'manifest.json')), before);

    writeDefinition(dir, 'a.procedure.json', (d) => {
      d.id = 'a';
      d.version = '2.0.0';
    });
    assert.equal((await run(['build', a, ...packs, '--hash', '--out', out])).code, 0);
    const after = readJson<Manifest>(join(out, 'manifest.json'));
    assert.deepEqual(Object.keys(after), ['a', 'b']);
    assert.equal(after.a?.version, '2.0.0');
    assert.deepEqual(after.b, before.b);
  });
});

describe('motcua build: problems', () => {
  it('prints every problem of a definition as loadProcedure reports it, with the file name, and exits 1', async () => {
    const dir = temporaryFolder();
    const out = join(dir, 'out');
    writeDefinition(dir, 'broken.procedure.json', (definition) => {
      const fields = definition.steps[0]!.fields;
      (fields[1] as { type: string }).type = 'dat';
      fields[0]!.id = '1child';
    });
    const result = await run(['build', 'broken.procedure.json', '--pack', vnPack, '--out', 'out'], {
      cwd: dir,
    });
    assert.equal(result.code, 1);
    assert.equal(result.stdout, '');
    const expected = expectedLines(
      'broken.procedure.json',
      readJson(join(dir, 'broken.procedure.json')),
    );
    assert.ok(expected.length >= 2);
    assert.ok(
      expected.some((line) => line.startsWith('broken.procedure.json: /steps/0/fields/1/type: ')),
    );
    assert.deepEqual(result.errors.slice(0, -1), expected);
    assert.match(
      result.errors.at(-1) ?? '',
      /^motcua: 1 of 1 definition failed; nothing was written/,
    );
    assert.equal(existsSync(out), false);
  });

  it('builds the good definitions, reports all the bad ones, and writes nothing for those', async () => {
    const dir = temporaryFolder();
    writeDefinition(dir, 'good.procedure.json');
    writeDefinition(dir, 'empty.procedure.json', (definition) => {
      definition.id = 'empty';
      definition.steps = [];
    });
    writeFileSync(
      join(dir, 'syntax.procedure.json'),
      '{\n  "id": "syntax",\n  "version": "1",\n}\n',
    );
    const result = await run(
      [
        'build',
        'empty.procedure.json',
        'good.procedure.json',
        'missing.procedure.json',
        'syntax.procedure.json',
        '--pack',
        vnPack,
        '--out',
        'out',
      ],
      { cwd: dir },
    );
    assert.equal(result.code, 1);
    assert.match(
      result.stdout,
      /^built out\/birth-registration\.js \(.*\) from good\.procedure\.json\n$/,
    );
    assert.deepEqual(result.errors, [
      ...expectedLines('empty.procedure.json', readJson(join(dir, 'empty.procedure.json'))),
      `missing.procedure.json: no such file; check the path, which is relative to ${dir}`,
      'syntax.procedure.json:4:1: not valid JSON (Expected double-quoted property name); check commas, quotes and brackets',
      'motcua: 3 of 4 definitions failed; nothing was written for them. Fix the problems above, then build again.',
    ]);
    const written = readdirSync(join(dir, 'out')).sort();
    assert.deepEqual(written, [
      checksOf(readFileSync(join(dir, 'out', 'birth-registration.js'), 'utf8')),
      'birth-registration.js',
      'manifest.json',
    ]);
    assert.deepEqual(Object.keys(readJson(join(dir, 'out', 'manifest.json')) as object), [
      'birth-registration',
    ]);
  });

  it('refuses two definitions with the same id, naming both, and writes neither', async () => {
    const dir = temporaryFolder();
    writeDefinition(dir, 'one.procedure.json');
    writeDefinition(dir, 'two.procedure.json');
    writeDefinition(dir, 'three.procedure.json', (d) => (d.id = 'Birth-Registration'));
    const result = await run(
      [
        'build',
        'one.procedure.json',
        'two.procedure.json',
        'three.procedure.json',
        '--pack',
        vnPack,
        '-o',
        'out',
      ],
      { cwd: dir },
    );
    assert.equal(result.code, 1);
    assert.deepEqual(result.errors.slice(0, 3), [
      'one.procedure.json: /id: the id "birth-registration" is also the id of two.procedure.json, and each procedure is written to <id>.js; give each procedure its own "id"',
      'two.procedure.json: /id: the id "birth-registration" is also the id of one.procedure.json, and each procedure is written to <id>.js; give each procedure its own "id"',
      'three.procedure.json: /id: the id "Birth-Registration" differs only in case from "birth-registration" in one.procedure.json and "birth-registration" in two.procedure.json, which is the same file name on Windows and macOS; give each procedure an id that differs in more than case',
    ]);
    assert.equal(existsSync(join(dir, 'out')), false);
  });

  it('says which pack is missing when a definition uses its formats', async () => {
    const result = await run(['build', PROCEDURES[2], '--out', temporaryFolder()]);
    assert.equal(result.code, 1);
    assert.ok(
      result.errors.includes(
        'motcua: formats and operators such as vn-personal-id come from packs; add --pack <module> for each pack, e.g. --pack @motcua/vn/pack',
      ),
    );
  });

  it('says when a pack cannot be found or exports no pack, and builds nothing', async () => {
    const dir = temporaryFolder();
    writeFileSync(join(dir, 'not-a-pack.js'), 'export const answer = 42;\n');
    const missing = await run(['build', birthRegistration, '--pack', './nope.js', '--out', 'out'], {
      cwd: dir,
    });
    assert.equal(missing.code, 1);
    assert.deepEqual(missing.errors, [
      `motcua: pack "./nope.js" cannot be found from ${dir} (MODULE_NOT_FOUND); check the path: it is relative to the current folder`,
    ]);
    const notPack = await run(
      ['build', birthRegistration, '--pack', './not-a-pack.js', '--out', 'out'],
      {
        cwd: dir,
      },
    );
    assert.equal(notPack.code, 1);
    assert.match(
      notPack.stderr,
      /pack "\.\/not-a-pack\.js" \(.*not-a-pack\.js\) exports no pack; export one as "pack" or as the default export/,
    );
    assert.equal(existsSync(join(dir, 'out')), false);
  });

  it('bundles a pack given as a path, whose @motcua/core imports read the shared runtime', async () => {
    const dir = temporaryFolder();
    // Beside the repository's node_modules, so the pack's own `@motcua/core` import resolves
    // in Node as in an app; its code holds the only copy of the postcode check.
    const pack = join(root, 'node_modules', '.cache', `motcua-cli-pack-${process.pid}.js`);
    // A fresh clone after `npm ci` has no node_modules/.cache yet.
    mkdirSync(dirname(pack), { recursive: true });
    writeFileSync(
      pack,
      [
        "import { isEmpty } from '@motcua/core';",
        'export default {',
        "  name: 'postcode',",
        '  formats: { postcode: { validate: (value) => !isEmpty(value) && /^\\d{5}$/.test(value) } },',
        "  messages: { vi: { postcode: 'Mã bưu chính có 5 chữ số' }, en: { postcode: 'Five digits' } },",
        '};',
      ].join('\n'),
    );
    try {
      writeDefinition(dir, 'postcode.procedure.json', (definition) => {
        definition.steps[0]!.fields.push({
          id: 'postcode',
          type: 'text',
          label: 'Mã bưu chính',
          format: 'postcode',
        });
      });
      const report = await build({
        files: ['postcode.procedure.json'],
        outDir: 'out',
        cwd: dir,
        packs: [vnPack, pack],
        runtime: './motcua.js',
        minify: false,
      });
      const [built] = report.results;
      assert.ok(built?.ok, JSON.stringify(built));
      const main = readFileSync(built.path, 'utf8');
      assert.equal(built.checks, checksOf(main));
      assert.deepEqual(importsOf(main), ['./motcua.js', `./${built.checks}`]);
      // The module knows the keyboard of the pack formats it uses before the pack's code comes
      // (the phone's, from the Vietnam pack; postcode has none).
      assert.match(main, /inputModes: \{ "?phone"?: "tel" \}/);
      const code = readFileSync(join(dir, 'out', built.checks), 'utf8');
      assert.deepEqual(importsOf(code), ['./motcua.js']);
      // The pack's @motcua/core import is the page's runtime, or ./motcua.js when it has none.
      assert.match(
        code,
        /Symbol\.for\("motcua\.runtime@1"\)\] \?\? await import\("\.\/motcua\.js"\)/,
      );
      assert.match(code, /var isEmpty = \/\* @__PURE__ \*\/ pick\("isEmpty"\)/);
      assert.match(code, /Mã bưu chính có 5 chữ số/);
      assert.match(code, /^\s+\w/m, 'readable with minify: false');
    } finally {
      rmSync(pack, { force: true });
    }
  });
});

describe('motcua build: what a page preloads (manifest.json, modulepreload)', () => {
  it('lists the module, and a runtime imported by a relative path as seen from the folder', () => {
    assert.deepEqual(preloadsOf('birth.js', './motcua.js'), ['birth.js', 'motcua.js']);
    assert.deepEqual(preloadsOf('birth.js', '../motcua.js'), ['birth.js', '../motcua.js']);
    assert.deepEqual(preloadsOf('birth.js', './lib/../motcua.js'), ['birth.js', 'motcua.js']);
  });

  it('leaves a bare or absolute runtime to the page: its bundler or server resolves it', () => {
    assert.deepEqual(preloadsOf('birth.js', undefined), ['birth.js']);
    assert.deepEqual(preloadsOf('birth.js', '@motcua/core'), ['birth.js']);
    assert.deepEqual(preloadsOf('birth.js', 'https://cdn.example/motcua.js'), ['birth.js']);
    assert.deepEqual(preloadsOf('birth.js', '/assets/motcua.js'), ['birth.js']);
  });

  it('writes them beside each module built with --runtime ./motcua.js', async () => {
    const dir = temporaryFolder();
    const out = join(dir, 'out');
    const definition = writeDefinition(dir, 'birth.procedure.json');
    const args = ['build', definition, '--pack', vnPack, '--runtime', './motcua.js', '--out', out];
    const result = await run(args);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(
      readJson<Manifest>(join(out, 'manifest.json'))['birth-registration']?.modulepreload,
      ['birth-registration.js', 'motcua.js'],
    );
  });
});
