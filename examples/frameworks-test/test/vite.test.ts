// Builds each framework example with Vite, as its README says to, and checks what an embedding
// developer would otherwise find out in production: the build succeeds, the procedure imported
// through `motcuaProcedures()` is in the bundle, and the bundle holds exactly one copy of the
// engine. Then the React example's dev server serves the procedure as a module (the bug of
// issue 14: Vite's JSON plugin used to see it first).
//
// Build times are printed, not asserted (timings belong to the benchmark).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  type InlineConfig,
  type Rollup,
  type ViteDevServer,
  build,
  createServer,
  defaultClientConditions,
} from 'vite';
import { motcuaProcedures } from '@motcua/core/compiler';
import { pack as vn } from '@motcua/vn/pack';

const examples = fileURLToPath(new URL('../../', import.meta.url));
const procedureFile = join(examples, 'procedures', 'birth-registration.procedure.json');
const procedureJson = JSON.parse(readFileSync(procedureFile, 'utf8')) as {
  title: { vi: string };
  legalBasis: { title: { vi: string } }[];
};
const procedureTitle = procedureJson.title.vi;
const elementFile = fileURLToPath(
  new URL('../../../packages/elements/src/procedure-element.ts', import.meta.url),
);
const coreErrors = fileURLToPath(new URL('../../../packages/core/src/errors.ts', import.meta.url));

/**
 * How many copies of the engine a bundle holds. `MotcuaError` sets `this.name = 'MotcuaError'`
 * as a string literal (the house rule, because minifiers mangle class names), it is defined in
 * one module of `@motcua/core`, and every part of the engine a page runs throws it (procedure,
 * machine, session), so each copy of the engine carries that assignment exactly once, minified
 * or not, whichever of its functions the bundler kept. Nothing else assigns that name.
 */
function engineCopies(code: string): number {
  return code.match(/\.name\s*=\s*(["'`])MotcuaError\1/g)?.length ?? 0;
}

/** All JavaScript of a build written to memory, one string. */
function javascriptOf(output: Awaited<ReturnType<typeof build>>): string {
  const outputs = (Array.isArray(output) ? output : [output]) as Rollup.RollupOutput[];
  return outputs
    .flatMap((result) => result.output)
    .map((file) => (file.type === 'chunk' ? file.code : ''))
    .join('\n');
}

/**
 * The example's own `vite.config.ts`, plus what building it from this repository's sources needs:
 * workspace packages resolve to their TypeScript (the `source` condition, as in every test here),
 * and esbuild lowers the elements' standard decorators, which Rollup cannot parse. A published
 * package is already built, so an app needs neither.
 */
async function configOf(name: string): Promise<InlineConfig> {
  const root = join(examples, name);
  const { default: config } = (await import(pathToFileURL(join(root, 'vite.config.ts')).href)) as {
    default: InlineConfig;
  };
  return {
    ...config,
    configFile: false,
    root,
    logLevel: 'warn',
    esbuild: { target: 'es2022' },
    resolve: { conditions: ['source', ...defaultClientConditions] },
  };
}

async function buildExample(name: string): Promise<string> {
  const started = performance.now();
  const output = await build({
    ...(await configOf(name)),
    build: {
      // In memory: nothing to clean up, and the chunks are at hand to read.
      write: false,
      // Faster on CI's two cores, and the engine marker survives minification anyway.
      minify: false,
      reportCompressedSize: false,
    },
  });
  console.log(`# vite build ${name}: ${Math.round(performance.now() - started)} ms`);
  return javascriptOf(output);
}

/** The react-vite example's dev server, answering requests without a browser or a watcher. */
async function devServer(config: Partial<InlineConfig> = {}): Promise<ViteDevServer> {
  return createServer({
    ...(await configOf('react-vite')),
    ...config,
    appType: 'custom',
    // No file watcher: nothing here edits files, and an open one keeps the test process alive.
    server: { middlewareMode: true, hmr: false, ws: false, watch: null },
    // Pre-bundling React is what a browser needs; these requests are answered without it.
    optimizeDeps: { noDiscovery: true, include: [] },
  });
}

/** The procedure module the app's main.tsx imports, as the dev server serves it. */
async function servedProcedure(server: ViteDevServer) {
  const app = await server.transformRequest('/src/main.tsx');
  const url = /from\s*"([^"]*birth-registration\.procedure\.json[^"]*)"/.exec(app?.code ?? '')?.[1];
  assert.ok(url, 'main.tsx does not import the procedure');
  // What Vite's middleware does with such a URL before it transforms the module.
  const procedure = await server.transformRequest(url.replace(/^\/@id\/__x00__/, '\0'));
  assert.ok(procedure, `${url} was not served`);
  return procedure;
}

for (const name of ['react-vite', 'vue-vite', 'svelte-vite']) {
  describe(`examples/${name}: vite build`, () => {
    let code = '';
    before(async () => {
      code = await buildExample(name);
    });

    it('bundles the procedure compiled by motcuaProcedures()', () => {
      assert.ok(code.includes(procedureTitle), `"${procedureTitle}" is not in the bundle`);
      assert.match(code, /createProcedure\(definition\d*, \{ validators, packs: \[pack0\] \}\)/);
      assert.doesNotMatch(code, /\.procedure\.json['"]/, 'a procedure import was left unresolved');
    });

    it('holds exactly one copy of the engine', () => {
      assert.equal(engineCopies(code), 1);
      assert.doesNotMatch(code, /from\s*["']@motcua\/core["']/, 'the runtime import was left bare');
    });
  });
}

describe('examples/react-vite: vite build with motcuaProcedures({ split: true })', () => {
  let chunks: Rollup.OutputChunk[] = [];
  before(async () => {
    const output = await build({
      ...(await configOf('react-vite')),
      plugins: [motcuaProcedures({ packs: [vn], split: true })],
      build: { write: false, minify: false, reportCompressedSize: false },
    });
    chunks = ((Array.isArray(output) ? output : [output]) as Rollup.RollupOutput[])
      .flatMap((result) => result.output)
      .flatMap((file) => (file.type === 'chunk' ? [file] : []));
  });

  it('puts the checks in a chunk of their own, which the app fetches by import()', () => {
    const entry = chunks.find((chunk) => chunk.isEntry);
    const checks = chunks.filter((chunk) =>
      /birth-registration\.checks-[0-9a-f]{12}/.test(chunk.fileName),
    );
    assert.ok(entry, 'no entry chunk');
    assert.equal(checks.length, 1, chunks.map((chunk) => chunk.fileName).join(', '));
    assert.ok(entry.dynamicImports.includes(checks[0]!.fileName), 'fetched by import()');
    // What lays out the pages is in the app; the legal basis comes with the checks.
    const legalBasis = procedureJson.legalBasis[0]!.title.vi;
    assert.ok(entry.code.includes(procedureTitle), `"${procedureTitle}" is not in the app`);
    assert.ok(!entry.code.includes(legalBasis), 'the legal basis is in the app');
    assert.ok(checks[0]!.code.includes(legalBasis), 'the legal basis is not with the checks');
    assert.equal(engineCopies(chunks.map((chunk) => chunk.code).join('\n')), 1);
  });
});

describe('examples/react-vite: vite dev server with motcuaProcedures({ split: true })', () => {
  let server: ViteDevServer;
  before(async () => {
    server = await devServer({ plugins: [motcuaProcedures({ packs: [vn], split: true })] });
  });
  after(() => server?.close());

  it('serves the module, and its checks under the URL the module imports them from', async () => {
    const procedure = await servedProcedure(server);
    const checksUrl =
      /import\(\s*"([^"]*birth-registration\.checks-[0-9a-f]{12}\.js[^"]*)"\s*\)/.exec(
        procedure.code,
      )?.[1];
    assert.ok(checksUrl, `the module imports no checks: ${procedure.code.slice(0, 400)}`);
    const checks = await server.transformRequest(checksUrl.replace(/^\/@id\/__x00__/, '\0'));
    assert.match(checks?.code ?? '', /export\s*\{[^}]*\bvalidators\b/);
    assert.ok(checks?.code.includes(procedureJson.legalBasis[0]!.title.vi));
  });
});

describe('engineCopies', () => {
  // The check above would pass on a broken counter too; this bundle has two copies of the module
  // that marks the engine, as a page does that loads a procedure with its own runtime.
  const dir = mkdtempSync(join(tmpdir(), 'motcua-two-copies-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('counts two copies of the engine in a bundle that has two', async () => {
    writeFileSync(join(dir, 'copy.ts'), readFileSync(coreErrors, 'utf8'));
    writeFileSync(
      join(dir, 'main.ts'),
      `import { MotcuaError } from ${JSON.stringify(coreErrors)};\n` +
        `import { MotcuaError as Copy } from './copy.ts';\n` +
        'console.log(new MotcuaError("a"), new Copy("b"));\n',
    );
    const output = await build({
      configFile: false,
      root: dir,
      logLevel: 'warn',
      build: { write: false, minify: true, lib: { entry: join(dir, 'main.ts'), formats: ['es'] } },
    });
    assert.equal(engineCopies(javascriptOf(output)), 2);
  });
});

describe('examples/react-vite: vite dev server', () => {
  let server: ViteDevServer;
  before(async () => {
    server = await devServer();
  });
  after(() => server?.close());

  it('serves an imported *.procedure.json as a module that imports the runtime', async () => {
    const procedure = await servedProcedure(server);
    assert.match(
      procedure.code,
      /createProcedure\(definition, \{ validators, packs: \[pack0\] \}\)/,
    );
    // Resolved by Vite like the elements' own import of the engine: the same module.
    const runtime = /import\s*\{[^}]*\bcreateProcedure\b[^}]*\}\s*from\s*"([^"]+)"/.exec(
      procedure.code,
    )?.[1];
    const element = await server.transformRequest(`/@fs${elementFile}`);
    const elementImports = [...(element?.code ?? '').matchAll(/from\s*"([^"]+)"/g)].map(
      (m) => m[1],
    );
    assert.ok(
      runtime && elementImports.includes(runtime),
      `${runtime} is not the elements' engine`,
    );
  });

  it('rebuilds the procedure module when the definition file changes', async () => {
    const [file] = server.environments.client.moduleGraph.getModulesByFile(procedureFile) ?? [];
    assert.ok(file, 'the definition file is not in the module graph');
    const importers = [...file.importers].map((module) => module.id ?? '');
    assert.ok(
      importers.some((id) => id.startsWith('\0motcua-procedure:')),
      `the definition is watched by ${importers.join(', ') || 'nothing'}`,
    );
  });

  // Last: requested under its own URL, the file stands for the module in Vite's module graph.
  it('serves the file under its own URL too', async () => {
    const procedure = await server.transformRequest(`/@fs${procedureFile}`);
    assert.match(procedure?.code ?? '', /export \{[^}]*\bdefinition\b/);
  });
});
