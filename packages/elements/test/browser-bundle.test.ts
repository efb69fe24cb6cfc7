import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';
import { build } from '@motcua/cli';
import {
  budgetFile,
  budgets,
  firstInputBudgets,
  staticImports,
} from '../../../scripts/budgets.mjs';
import { buildPackages } from '../../../scripts/build-examples.mjs';
import { UNSAFE_CODE, findUnsafeCode } from '../../../scripts/unsafe-code.mjs';

// The files a browser loads, as `npm run build` makes them: the one-file runtime bundle
// (dist/browser/motcua.js) and every package's dist module that a page may import. Checked for
// what a strict Content-Security-Policy forbids, for Ajv (which only the compiler may use), and
// against the size budget. Built here when missing, so the file also runs alone.

const root = fileURLToPath(new URL('../../..', import.meta.url));
const bundle = join(root, 'packages/elements/dist/browser/motcua.js');

if (!existsSync(bundle)) buildPackages();

function jsFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return jsFiles(path);
    return entry.name.endsWith('.js') ? [path] : [];
  });
}

/**
 * Every built file a page may load: all of packages/*\/dist except the Node-only command line
 * (@motcua/cli), server (@motcua/server), the Vietnam pack's server check and the compiler
 * (@motcua/core/compiler).
 */
const browserFiles = readdirSync(join(root, 'packages'))
  .filter((name) => name !== 'cli' && name !== 'server')
  .flatMap((name) => jsFiles(join(root, 'packages', name, 'dist')))
  .filter((file) => !/[\\/]compiler\.js$/.test(file) && !/vn[\\/]dist[\\/]server\.js$/.test(file));

describe('the browser files', () => {
  it('include the runtime bundle and each package entry', () => {
    const names = browserFiles.map((file) => relative(root, file));
    for (const expected of [
      'packages/elements/dist/browser/motcua.js',
      'packages/elements/dist/motcua.js',
      'packages/core/dist/index.js',
      'packages/vn/dist/pack.js',
    ]) {
      assert.ok(names.includes(expected), `${expected} was not built`);
    }
  });

  for (const [what] of UNSAFE_CODE) {
    it(`hold no ${what}`, () => {
      const offenders = findUnsafeCode(browserFiles).filter((found) => found.what === what);
      assert.deepEqual(
        offenders.map((found) => relative(root, found.file)),
        [],
      );
    });
  }

  it('the scan finds what it looks for (checked on a sample)', () => {
    const sample =
      'a(1);setTimeout("x()",1);const f=new Function("return 1");eval(s);Function("y")';
    for (const [what, pattern] of UNSAFE_CODE) assert.match(sample, pattern, what);
    for (const [what, pattern] of UNSAFE_CODE) {
      assert.doesNotMatch('setTimeout(()=>f(),1);x.Function(1);evaluate(2)', pattern, what);
    }
  });
});

describe('the runtime bundle', () => {
  // The runtime and the chunks it loads on demand, beside it.
  const files = readdirSync(dirname(bundle))
    .filter((name) => name.endsWith('.js'))
    .map((name) => join(dirname(bundle), name));
  // Source maps list every module that went into a file: a record of its contents.
  const of = (file: string) =>
    (JSON.parse(readFileSync(`${file}.map`, 'utf8')).sources as string[]).map((source) =>
      relative(root, join(dirname(file), source))
        .split(sep)
        .join('/'),
    );
  const sources = files.flatMap(of);

  it('holds Lit, XState, core and elements', () => {
    for (const part of [
      'node_modules/lit-html/',
      'node_modules/xstate/',
      'packages/core/src/',
      'packages/elements/src/',
    ]) {
      assert.ok(
        sources.some((source) => source.startsWith(part)),
        `no module from ${part} in the bundle`,
      );
    }
  });

  it('never contains Ajv or its formats', () => {
    assert.deepEqual(
      sources.filter((source) =>
        /[\\/]ajv(?:-formats)?[\\/]|[\\/]fast-uri[\\/]|compiler[\\/]/.test(source),
      ),
      [],
    );
    for (const file of files) assert.doesNotMatch(readFileSync(file, 'utf8'), /\bajv\b/i, file);
  });

  it('keeps XState and the machine out of the runtime, in the chunk loaded after the first page', () => {
    // Issue 15: the first input waits for neither XState's bytes nor its start.
    const session = files.find((file) => /motcua-session-[\w-]{8}\.js$/.test(file));
    assert.ok(session, 'a session chunk was built');
    const xstate = (source: string) =>
      source.startsWith('node_modules/xstate/') ||
      /packages\/core\/src\/(machine|session)\.ts$/.test(source);
    assert.deepEqual(of(bundle).filter(xstate), []);
    assert.ok(of(session).some((source) => source.startsWith('node_modules/xstate/')));
    assert.ok(of(session).includes('packages/core/src/machine.ts'));
    for (const file of files.filter((file) => file !== session)) {
      assert.deepEqual(of(file).filter(xstate), [], `${file} holds none of XState`);
    }
  });

  it('keeps the code that judges answers and the default messages out of the runtime, in the judge chunk', () => {
    const judge = files.find((file) => /motcua-judge-[\w-]{8}\.js$/.test(file));
    assert.ok(judge, 'a judge chunk was built');
    const later = ['packages/core/src/judging.ts', 'packages/core/src/default-messages.ts'];
    assert.deepEqual(
      of(bundle).filter((source) => later.includes(source)),
      [],
    );
    assert.ok(of(bundle).includes('packages/core/src/judge.lazy.ts'));
    for (const source of later) assert.ok(of(judge).includes(source), `${source} is in the chunk`);
  });

  it('exports to pages every value of @motcua/core but the two that start XState at once and the messages it loads with the checks', async () => {
    const core = await import('@motcua/core');
    const engine = await import('../src/engine.js');
    const later = ['createSession', 'createProcedureMachine', 'defaultMessages'];
    assert.deepEqual(
      Object.keys(engine).sort(),
      Object.keys(core)
        .filter((name) => !later.includes(name))
        .sort(),
    );
  });

  it('loads the kiosk, portal, QR, rehearsal, review, session, post, judge, English and rare field chunks only on demand, by import()', () => {
    const runtime = readFileSync(bundle, 'utf8');
    const chunks = files.filter((file) => file !== bundle).map((file) => file.split(sep).pop()!);
    assert.deepEqual(
      chunks.map((name) => name.replace(/-[\w-]{8}\.js$/, '')),
      [
        'motcua-address',
        'motcua-card-scan',
        'motcua-file',
        'motcua-group',
        'motcua-jsQR',
        'motcua-judge',
        'motcua-kiosk',
        'motcua-portal',
        'motcua-post',
        'motcua-qr',
        'motcua-rehearsal',
        'motcua-review',
        'motcua-session',
        'motcua-strings-en',
        'motcua-strings-later',
      ],
    );
    assert.deepEqual(staticImports(bundle), [bundle], 'the runtime imports no chunk statically');
    // Issue 16: the kiosk chunk loads the card scan, which loads jsQR (the camera's fallback).
    const named = (prefix: string) => chunks.find((name) => name.startsWith(`${prefix}-`))!;
    // The element's English words are in their chunk only: a Vietnamese page never loads them.
    for (const english of ['Check your answers', 'Loading the procedure']) {
      assert.ok(!runtime.includes(english), `the runtime holds no "${english}"`);
      assert.ok(
        readFileSync(join(dirname(bundle), named('motcua-strings-en')), 'utf8').includes(english),
      );
    }
    // So are the Vietnamese words of the pages after the first, which the chunks that draw them
    // import (and loadStrings('vi') loads).
    const later = readFileSync(join(dirname(bundle), named('motcua-strings-later')), 'utf8');
    for (const word of [
      'Phí và lệ phí',
      'Tìm xã, phường, đặc khu',
      'Thêm {item}',
      'Bỏ tệp {name}',
    ]) {
      assert.ok(!runtime.includes(word), `the runtime holds no "${word}"`);
      assert.ok(later.includes(word), `the later words' chunk holds "${word}"`);
    }
    for (const user of ['motcua-review', 'motcua-address', 'motcua-file', 'motcua-group']) {
      assert.match(
        readFileSync(join(dirname(bundle), named(user)), 'utf8'),
        new RegExp(`(?:^|;)\\s*import\\s*["']\\./${named('motcua-strings-later')}["']`, 'm'),
        `${user} imports the later words statically`,
      );
    }
    // Core's default messages too, with the code that judges answers: the runtime's catalogue
    // is empty until procedure.load() has loaded the judge chunk.
    for (const message of ['phải là ngày có thật', 'must be a real date']) {
      assert.ok(!runtime.includes(message), `the runtime holds no "${message}"`);
      assert.ok(
        readFileSync(join(dirname(bundle), named('motcua-judge')), 'utf8').includes(message),
      );
    }
    const loaders: { [prefix: string]: string } = {
      'motcua-card-scan': 'motcua-kiosk',
      'motcua-jsQR': 'motcua-card-scan',
    };
    for (const chunk of chunks) {
      const prefix = chunk.replace(/-[\w-]{8}\.js$/, '');
      const by = loaders[prefix];
      const loader = by ? readFileSync(join(dirname(bundle), named(by)), 'utf8') : runtime;
      assert.ok(
        loader.includes(`import("./${chunk}")`),
        `${by ?? 'the runtime'} loads ${chunk} lazily`,
      );
      assert.doesNotMatch(loader, new RegExp(`^import[^;]*["']\\./${chunk}`, 'm'));
    }
  });

  for (const budget of budgets) {
    it(`${budget.label}: at most ${budget.brotli} bytes brotli`, () => {
      const file = budgetFile(root, budget);
      assert.ok(file, `${budget.file} was not built`);
      const bytes = brotliCompressSync(readFileSync(file), {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
      }).length;
      assert.ok(
        bytes <= budget.brotli,
        `${budget.file} is ${bytes} bytes brotli, over its budget of ${budget.brotli} ` +
          `(scripts/budgets.mjs) by ${bytes - budget.brotli}. Find what grew with \`npm run bench\`.`,
      );
    });
  }
});

describe('bytes before the first input', () => {
  it('counts the chunks a runtime imports statically, and not those it loads by import()', () => {
    const dir = mkdtempSync(join(tmpdir(), 'motcua-static-imports-'));
    try {
      writeFileSync(
        join(dir, 'main.js'),
        'import{a as b}from"./motcua-one-1.js";import"./motcua-two-2.js";' +
          'export{c}from"./motcua-three-3.js";const later=()=>import("./motcua-lazy-4.js");',
      );
      writeFileSync(join(dir, 'motcua-one-1.js'), 'import"./motcua-two-2.js";export const a=1;');
      writeFileSync(join(dir, 'motcua-two-2.js'), 'export{};');
      writeFileSync(join(dir, 'motcua-three-3.js'), 'export const c=3;');
      writeFileSync(join(dir, 'motcua-lazy-4.js'), 'export{};');
      assert.deepEqual(
        staticImports(join(dir, 'main.js')).map((file) => relative(dir, file)),
        ['main.js', 'motcua-one-1.js', 'motcua-two-2.js', 'motcua-three-3.js'],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  for (const budget of firstInputBudgets) {
    it(`${budget.label}: at most ${budget.brotli} bytes brotli`, async () => {
      const out = mkdtempSync(join(tmpdir(), 'motcua-first-input-'));
      try {
        const report = await build({
          files: [budget.procedure],
          outDir: out,
          packs: budget.packs,
          runtime: './motcua.js',
          cwd: root,
        });
        const [result] = report.results;
        assert.ok(result?.ok, `${budget.procedure} did not build`);
        const sizes = [...staticImports(bundle), result.path].map((file) => ({
          file: relative(root, file),
          bytes: brotliCompressSync(readFileSync(file), {
            params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
          }).length,
        }));
        const total = sizes.reduce((sum, { bytes }) => sum + bytes, 0);
        assert.ok(
          total <= budget.brotli,
          `${total} bytes brotli before the first input, over the budget of ${budget.brotli} ` +
            `(scripts/budgets.mjs) by ${total - budget.brotli}: ` +
            sizes.map(({ file, bytes }) => `${file} ${bytes}`).join(', '),
        );
        // Its checks (validators, pack code) are not on that path: a chunk the module imports
        // once the first page is drawn, with a budget of its own.
        assert.ok(result.checks, `${budget.procedure} was built without a checks chunk`);
        assert.ok(!staticImports(result.path).some((file) => file.includes('.checks-')));
        const checks = brotliCompressSync(readFileSync(join(out, result.checks)), {
          params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
        }).length;
        assert.ok(
          checks <= budget.checks,
          `${result.checks} is ${checks} bytes brotli, over its budget of ${budget.checks} (scripts/budgets.mjs) by ${checks - budget.checks}`,
        );
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    });
  }
});
