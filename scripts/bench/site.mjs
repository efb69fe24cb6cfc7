// The site the page benchmark (bench.mjs) and the trace (trace.mjs) serve: the harness pages of
// scripts/bench/page, the runtime with every chunk beside it, and the procedures built by
// `motcua build` the way a portal deploys them (runtime imported by relative URL, packs bundled).
//
// Each procedure is reachable three ways:
//   /?procedure=<id>    the element loads it: <motcua-procedure src="./procedures/<id>.js">
//   /fast-<id>.html     the fast path: the page's own module imports it and sets
//                       `element.procedure`, with <link rel="modulepreload"> for the runtime and
//                       the procedure in the head
//   /blank.html         no framework: one <input> and a button that swaps it for another
// Every page loads only external scripts, so all run under the server's strict CSP.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runtimeBundle } from '../build-examples.mjs';
import { largeProcedure } from './large-procedure.mjs';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The real procedures: each definition, the packs it needs, and a valid case for its answers. */
export const REAL = [
  {
    file: 'examples/procedures/birth-registration.procedure.json',
    cases: 'examples/procedures/birth-registration.cases.json',
    packs: ['@motcua/vn/pack'],
  },
  {
    file: 'packages/vn/procedures/permanent-residence.procedure.json',
    cases: 'packages/vn/procedures/permanent-residence.cases.json',
    packs: ['@motcua/vn/pack'],
  },
  {
    file: 'packages/vn/procedures/criminal-record.procedure.json',
    cases: 'packages/vn/procedures/criminal-record.cases.json',
    packs: ['@motcua/vn/pack'],
  },
];

/** The procedures every page part of the bench times. */
export const TIMED = ['birth-registration', 'large-generated'];

/** The runtime and its chunks (`motcua.js`, `motcua-<name>-<hash>.js`), with their maps. */
export const runtimeFiles = () =>
  readdirSync(dirname(runtimeBundle)).filter((name) => /^motcua(-[\w-]+)?\.js(\.map)?$/.test(name));

/** The fast-path page of procedure `id`: its HTML and its module. */
function fastPage(id) {
  const html = `<!doctype html>
<html lang="vi">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>motcua benchmark, fast path: ${id}</title>
    <link rel="icon" href="./favicon.svg" type="image/svg+xml" />
    <link rel="modulepreload" href="./motcua.js" />
    <link rel="modulepreload" href="./procedures/${id}.js" />
    <link rel="modulepreload" href="./harness.js" />
  </head>
  <body>
    <main id="main"></main>
    <script type="module" src="./fast-${id}.js"></script>
  </body>
</html>
`;
  const js = `// The fast path (made by scripts/bench/site.mjs): the procedure in the page's own module graph.
import './motcua.js';
import procedure from './procedures/${id}.js';
import { mount } from './harness.js';

mount({ id: ${JSON.stringify(id)}, procedure });
`;
  return { html, js };
}

/**
 * Builds the bench site into a new temporary folder and returns it (`work` is the folder to
 * remove afterwards). The runtime must be built already (`npm run build`).
 *
 * @returns {Promise<{ work: string, site: string }>}
 */
export async function buildBenchSite() {
  const { build } = await import('@motcua/cli');
  const work = mkdtempSync(join(tmpdir(), 'motcua-bench-'));
  const site = join(work, 'site');
  mkdirSync(join(site, 'procedures'), { recursive: true });
  cpSync(join(root, 'scripts/bench/page'), site, { recursive: true });
  // The runtime with its chunks: a static import or an import() of one must find it beside it.
  for (const name of runtimeFiles()) cpSync(join(dirname(runtimeBundle), name), join(site, name));
  const large = largeProcedure();
  const largeFile = join(work, 'large-generated.procedure.json');
  writeFileSync(largeFile, JSON.stringify(large.definition, null, 2));
  writeFileSync(
    join(site, 'procedures/large-generated.answers.json'),
    JSON.stringify(large.answers),
  );
  for (const real of REAL) {
    const cases = JSON.parse(readFileSync(join(root, real.cases), 'utf8'));
    const valid = cases.cases.find((c) => c.valid);
    const id = JSON.parse(readFileSync(join(root, real.file), 'utf8')).id;
    writeFileSync(join(site, `procedures/${id}.answers.json`), JSON.stringify(valid.answers));
  }
  const outcome = await build({
    files: REAL.map((r) => r.file),
    outDir: join(site, 'procedures'),
    runtime: '../motcua.js',
    packs: ['@motcua/vn/pack'],
    cwd: root,
  });
  const failed = outcome.results.filter((p) => !p.ok);
  if (failed.length) throw new Error(`bench: build failed: ${JSON.stringify(failed)}`);
  const largeBuilt = await build({
    files: [largeFile],
    outDir: join(site, 'procedures'),
    runtime: '../motcua.js',
    cwd: root,
  });
  if (!largeBuilt.results.every((p) => p.ok)) throw new Error('bench: large procedure failed');
  for (const id of TIMED) {
    const { html, js } = fastPage(id);
    writeFileSync(join(site, `fast-${id}.html`), html);
    writeFileSync(join(site, `fast-${id}.js`), js);
  }
  return { work, site };
}

/** The URL path of each way to open procedure `id` (see the top of this file). */
export const pagePath = (mode, id) =>
  mode === 'blank' ? '/blank.html' : mode === 'fast' ? `/fast-${id}.html` : `/?procedure=${id}`;
