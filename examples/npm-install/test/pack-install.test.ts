// The proof that `npm i @motcua/…` works: each publishable package is packed as `npm publish`
// would pack it, the tarballs are installed in fresh projects outside the workspace (so nothing
// can resolve to the workspace's sources or node_modules), and used there as a user would use
// them: every entry point imported in Node, the installed `motcua build` run on a published
// definition, and a page bundled by Rollup from `template/main.js`.
//
// Packs what `dist/` holds: `npm test` builds before the Node tests; alone, run `npm run build`
// first after changing sources (a missing build is made here, a stale one is not noticed).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import nodeResolve from '@rollup/plugin-node-resolve';
import { rollup } from 'rollup';
import { parseAst } from 'rollup/parseAst';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const template = join(root, 'examples', 'npm-install', 'template');
const PACKAGES = ['core', 'elements', 'vn', 'cli', 'server'];
/** What only `@motcua/core/compiler` needs: optional peers of core, never in a page's install. */
const COMPILER_ONLY = ['ajv', 'ajv-formats', 'esbuild', 'recheck'];
/** Files the build must have made before packing. */
const BUILT = [
  ...PACKAGES.map((name) => `packages/${name}/dist/index.js`),
  'packages/elements/dist/browser/motcua.js',
  'packages/vn/dist/browser/address.js',
];
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  seconds: number;
}

interface PackResult {
  name: string;
  filename: string;
  files: { path: string }[];
}

interface NodeCheckReport {
  exports: Record<string, string[]>;
  files: Record<string, string | null>;
  errors: string[];
  engine?: { id: string; status: string; schemaFile: string | null; sameErrorClass: boolean };
}

/**
 * The environment for child processes without what `npm test` (an npm script) sets for the
 * workspace: npm reads `npm_config_*` variables as its own config, and a workspace prefix or
 * `--conditions=source` in NODE_OPTIONS would make the fresh project resolve into this repository.
 */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (
      /^npm_(package_|lifecycle_|config_(local_prefix|prefix|global_prefix|workspaces?)$)/i.test(
        key,
      )
    ) {
      continue;
    }
    if (key === 'NODE_OPTIONS' || key === 'INIT_CWD') continue;
    env[key] = value;
  }
  return env;
}

function run(command: string, args: string[], cwd: string): Promise<Run> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const done = (code: number) =>
      resolve({ code, stdout, stderr, seconds: (performance.now() - started) / 1000 });
    child.on('error', (error) => {
      stderr += String(error);
      done(1);
    });
    child.on('close', (code) => done(code ?? 1));
  });
}

function ok(what: string, result: Run): Run {
  assert.equal(result.code, 0, `${what} failed:\n${result.stderr}\n${result.stdout}`);
  return result;
}

/** The install folders of a package found in a bundle's module ids, relative to the project. */
function packageRoots(ids: string[], name: string, project: string): string[] {
  const marker = `${sep}node_modules${sep}${name.split('/').join(sep)}${sep}`;
  const roots = ids
    .filter((id) => id.includes(marker))
    .map((id) => relative(project, id.slice(0, id.lastIndexOf(marker) + marker.length - 1)));
  return [...new Set(roots)];
}

/** The modules an ES module imports or re-exports statically, each once. */
function importsOf(code: string): string[] {
  const sources: string[] = [];
  // Static imports and re-exports, and `import("…")` (a module takes the page's runtime when the
  // element registered one, and imports its own only otherwise).
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const { type, source } = node as { type?: string; source?: { value?: unknown } | null };
    if (
      (type === 'ImportDeclaration' ||
        type === 'ExportNamedDeclaration' ||
        type === 'ExportAllDeclaration' ||
        type === 'ImportExpression') &&
      typeof source?.value === 'string'
    ) {
      sources.push(source.value);
    }
    for (const value of Object.values(node)) visit(value);
  };
  visit(parseAst(code).body);
  return [...new Set(sources)];
}

/**
 * The paths an `exports` target names, under every condition: `source` too, since `src/` ships so
 * that a project which sets that condition still finds the files (docs/packages.md).
 */
function exportTargets(target: unknown): string[] {
  if (typeof target === 'string') return [target];
  if (!target || typeof target !== 'object') return [];
  return Object.values(target).flatMap(exportTargets);
}

describe('the packed packages, installed from their tarballs in a fresh project', () => {
  let work: string;
  let app: string;
  let browserOnly: string;
  let packs: PackResult[] = [];
  const timings: Record<string, number> = {};

  before(
    async () => {
      if (!BUILT.every((file) => existsSync(join(root, file)))) {
        const rollupBin = join(root, 'node_modules', 'rollup', 'dist', 'bin', 'rollup');
        timings.build = ok(
          'rollup -c',
          await run(process.execPath, [rollupBin, '-c', '--silent'], root),
        ).seconds;
      }
      work = mkdtempSync(join(tmpdir(), 'motcua-npm-install-'));
      const tarballs = join(work, 'tarballs');
      app = join(work, 'app');
      browserOnly = join(work, 'browser-only');
      mkdirSync(tarballs);
      cpSync(template, app, { recursive: true });
      mkdirSync(browserOnly);
      cpSync(join(template, 'package.json'), join(browserOnly, 'package.json'));

      // One npm process for the five packs: each npm start costs seconds.
      const packed = ok(
        'npm pack',
        await run(
          npm,
          [
            'pack',
            '--json',
            '--pack-destination',
            tarballs,
            ...PACKAGES.flatMap((name) => ['-w', `packages/${name}`]),
          ],
          root,
        ),
      );
      timings.pack = packed.seconds;
      // A package's prepack script may print before the JSON, which starts on a line of its own.
      packs = JSON.parse(packed.stdout.slice(packed.stdout.search(/^\[/m))) as PackResult[];
      const tarball = (name: string) =>
        join(tarballs, packs.find((pack) => pack.name === `@motcua/${name}`)!.filename);

      // --prefer-offline: npm's cache has every dependency once the workspace is installed, so
      // only metadata it lacks is fetched. The two installs share the cache and run together.
      const install = (cwd: string, names: string[]) =>
        run(
          npm,
          ['install', ...names.map(tarball), '--no-audit', '--no-fund', '--prefer-offline'],
          cwd,
        );
      const [full, browser] = await Promise.all([
        install(app, PACKAGES),
        // What a page installs: the elements, and the engine and the Vietnam pack they depend on
        // (the kiosk's card reader; not yet on the registry, so given as tarballs too).
        install(browserOnly, ['core', 'vn', 'elements']),
      ]);
      timings.install = ok('npm install (all packages)', full).seconds;
      timings.installBrowserOnly = ok('npm install (elements)', browser).seconds;
    },
    { timeout: 280_000 },
  );

  after(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('packs each package with its license, notice, readme and changelog, and no tests', (t) => {
    t.diagnostic(
      `seconds: ${Object.entries(timings)
        .map(([step, seconds]) => `${step} ${seconds.toFixed(1)}`)
        .join(', ')}`,
    );
    assert.deepEqual(
      packs.map((pack) => pack.name).sort(),
      PACKAGES.map((n) => `@motcua/${n}`).sort(),
    );
    for (const pack of packs) {
      const files = pack.files.map((file) => file.path);
      for (const required of ['LICENSE', 'NOTICE', 'README.md', 'CHANGELOG.md', 'package.json']) {
        assert.ok(files.includes(required), `${pack.name} does not pack ${required}`);
      }
      assert.ok(files.includes('dist/index.js') && files.includes('dist/index.d.ts'), pack.name);
      const unwanted = files.filter(
        (file) =>
          /(^|\/)(test|node_modules)\//.test(file) ||
          /\.test\.[cm]?[jt]s$/.test(file) ||
          /(^|\/)tsconfig[^/]*\.json$/.test(file) ||
          file.endsWith('.tsbuildinfo'),
      );
      assert.deepEqual(unwanted, [], `${pack.name} packs files a user never needs`);
    }
    const elements = packs.find((pack) => pack.name === '@motcua/elements')!;
    assert.ok(elements.files.some((file) => file.path === 'dist/browser/motcua.js'));
  });

  it('installs no compiler (esbuild, Ajv, recheck) with the elements alone', () => {
    const installed = (project: string, name: string) =>
      existsSync(join(project, 'node_modules', name, 'package.json'));
    for (const name of COMPILER_ONLY) {
      assert.ok(!installed(browserOnly, name), `a page's install got ${name}`);
      // The full install (the command needs the compiler) shows the check can see them.
      assert.ok(installed(app, name), `the install with @motcua/cli lacks ${name}`);
    }
    assert.ok(installed(browserOnly, '@motcua/elements') && installed(browserOnly, 'lit'));
  });

  it('imports every entry point in Node and resolves the files for pages and editors', async () => {
    const result = ok('node node-check.mjs', await run(process.execPath, ['node-check.mjs'], app));
    const report = JSON.parse(result.stdout) as NodeCheckReport;
    assert.deepEqual(report.errors, []);
    for (const [specifier, names] of Object.entries(report.exports)) {
      assert.ok(names.length > 0, `${specifier} exports nothing`);
    }
    assert.ok(report.exports['@motcua/core']!.includes('createSession'));
    assert.ok(report.exports['@motcua/core/compiler']!.includes('loadProcedure'));
    assert.ok(report.exports['@motcua/elements']!.includes('defineMotcuaProcedure'));
    assert.ok(report.exports['@motcua/server']!.length > 0);
    for (const [specifier, file] of Object.entries(report.files)) {
      assert.ok(file, `${specifier} resolves to a file that is not installed`);
      assert.ok(file.startsWith(join(app, 'node_modules') + sep), `${specifier}: ${file}`);
    }
    assert.equal(
      report.files['@motcua/elements/browser'],
      join(app, 'node_modules', '@motcua', 'elements', 'dist', 'browser', 'motcua.js'),
    );
    assert.equal(report.engine?.id, 'criminal-record');
    assert.equal(
      report.engine?.schemaFile,
      join(app, 'node_modules', '@motcua', 'core', 'schema', 'procedure.schema.json'),
      'the published definition\'s "$schema" does not reach the installed schema',
    );
    assert.equal(report.engine?.sameErrorClass, true);
  });

  it('installs every file the packages name in exports, types and bin', () => {
    for (const name of PACKAGES) {
      const dir = join(app, 'node_modules', '@motcua', name);
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        exports: Record<string, unknown>;
        types?: string;
        bin?: Record<string, string>;
      };
      const targets = [
        ...Object.values(manifest.exports).flatMap(exportTargets),
        ...(manifest.types ? [manifest.types] : []),
        ...Object.values(manifest.bin ?? {}),
      ];
      const missing = targets
        // A pattern (`./data/*`) needs its folder.
        .map((target) =>
          target.includes('*') ? dirname(target.slice(0, target.indexOf('*')) + 'x') : target,
        )
        .filter((path) => !existsSync(join(dir, path)));
      assert.deepEqual(missing, [], `@motcua/${name} names files it does not publish`);
    }
  });

  it('installs the one-file runtime with every chunk it loads', () => {
    const dir = join(app, 'node_modules', '@motcua', 'elements', 'dist', 'browser');
    const runtime = readFileSync(join(dir, 'motcua.js'), 'utf8');
    const chunks = [...runtime.matchAll(/["'`]\.\/(motcua-[\w-]+\.js)["'`]/g)].map((m) => m[1]!);
    assert.ok(chunks.length > 0, 'the runtime names no lazy chunk');
    for (const chunk of chunks) assert.ok(existsSync(join(dir, chunk)), `${chunk} is missing`);
  });

  it('runs the installed motcua build on a published definition', async () => {
    const built = ok(
      'motcua build',
      await run(
        process.execPath,
        [
          join(app, 'node_modules', '.bin', 'motcua'),
          'build',
          'node_modules/@motcua/vn/procedures/criminal-record.procedure.json',
          '--pack',
          '@motcua/vn/pack',
          '--out',
          'procedures',
        ],
        app,
      ),
    );
    assert.match(built.stdout, /criminal-record\.js/);
    const module = readFileSync(join(app, 'procedures', 'criminal-record.js'), 'utf8');
    // The runtime, and its checks (validators, the pack's code) by import(), beside it.
    const [runtime, checks, ...more] = importsOf(module);
    assert.equal(runtime, '@motcua/core');
    assert.match(checks ?? '', /^\.\/criminal-record\.checks-[0-9a-f]{12}\.js$/);
    assert.deepEqual(more, []);
    const chunk = readFileSync(join(app, 'procedures', checks!), 'utf8');
    assert.deepEqual(
      importsOf(chunk).filter((found) => found !== '@motcua/core'),
      [],
    );
  });

  it('bundles a page from the installed packages with one engine, one Lit, one XState', async () => {
    assert.ok(
      existsSync(join(app, 'procedures', 'criminal-record.js')),
      'motcua build did not run',
    );
    const warnings: string[] = [];
    const bundle = await rollup({
      input: join(app, 'main.js'),
      plugins: [nodeResolve({ browser: true })],
      onwarn(warning) {
        warnings.push(`${warning.code}: ${warning.message}`);
      },
    });
    // Written where template/index.html loads it, so the folder is a page that works.
    const { output } = await bundle.write({ format: 'es', dir: join(app, 'dist') });
    await bundle.close();
    assert.deepEqual(
      warnings.filter((w) => w.startsWith('UNRESOLVED_IMPORT')),
      [],
      'the page has imports the installed packages do not provide',
    );
    const chunks = output.filter((file) => file.type === 'chunk');
    const ids = chunks.flatMap((chunk) => Object.keys(chunk.modules));
    const code = chunks.map((chunk) => chunk.code).join('\n');
    for (const name of ['@motcua/core', '@motcua/elements', 'xstate', 'lit-html']) {
      const roots = packageRoots(ids, name, app);
      assert.deepEqual(roots, [join('node_modules', name)], `${name} in the page: ${roots}`);
    }
    assert.ok(ids.includes(join(app, 'procedures', 'criminal-record.js')));
    // The procedure module brings no engine of its own: createSession is defined once.
    assert.equal(code.match(/\bfunction createSession\(/g)?.length, 1);
  });
});
