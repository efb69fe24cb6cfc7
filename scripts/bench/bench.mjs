// `npm run bench`: what motcua costs a low-end kiosk, measured on this machine in headless
// Chromium, and what the service stores per second, printed as tables and written to
// scripts/bench/results/latest.json. Figures are printed, never asserted (sizes are enforced by
// tests, against scripts/budgets.mjs).
//
//   npm run bench                  build, then measure everything (about six minutes)
//   npm run bench -- --runs=9      more runs per timing (default 5)
//   npm run bench -- --cycles=50   fewer fill-submit-reset cycles for the heap (default 200)
//   npm run bench -- --no-build    measure the build already in dist/
//   npm run bench -- --only=page   only the page: bytes, timings, heap, `motcua build`
//   npm run bench -- --only=server only the service: POST /api/dossiers per second, on PGlite and
//                                  on PostgreSQL (about 1.5 minutes; no build needed)
//   npm run bench -- --connections=32 --seconds=20   the service's load (default 16 and 10)
//
// Method (docs/performance.md): the page and procedures are served by scripts/serve-static.mjs
// with the strict CSP a portal uses; timings run with CDP CPU throttling ×4 and a cold cache, each
// in a fresh browser context, and report the median of the runs; the heap is read after a forced
// garbage collection. The service's method is in scripts/bench/server.mjs.
/* global document, window -- in the functions page.evaluate runs in Chromium */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { budgets } from '../budgets.mjs';
import { buildPackages, buildSite, runtimeBundle, sites } from '../build-examples.mjs';
import { launchChromium } from '../chromium.mjs';
import { serveStatic } from '../serve-static.mjs';
import { CONDITIONS, FIELDS, STEPS, largeProcedure } from './large-procedure.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values: options } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    cycles: { type: 'string', default: '200' },
    throttle: { type: 'string', default: '4' },
    'no-build': { type: 'boolean', default: false },
    only: { type: 'string' },
    connections: { type: 'string', default: '16' },
    seconds: { type: 'string', default: '10' },
  },
});
const RUNS = Math.max(1, Number(options.runs));
const CYCLES = Math.max(1, Number(options.cycles));
const THROTTLE = Math.max(1, Number(options.throttle));
const CONNECTIONS = Math.max(1, Number(options.connections));
const SECONDS = Math.max(1, Number(options.seconds));

/** The parts of the bench, and the keys of latest.json each one writes. */
const PARTS = { page: ['settings', 'bytes', 'timings', 'heap', 'build'], server: ['server'] };
if (options.only !== undefined && !(options.only in PARTS)) {
  console.error(`bench: unknown --only=${options.only}; use --only=page or --only=server.`);
  process.exit(2);
}
const runs = (part) => options.only === undefined || options.only === part;

/** The real procedures: each definition, the packs it needs, and a valid case for its answers. */
const REAL = [
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

// ---------------------------------------------------------------------------------------------
// Helpers

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const round = (value, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** @param {Buffer | string} content */
function sizes(content) {
  const bytes = Buffer.from(content);
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

function table(title, head, rows) {
  const cells = [head, ...rows].map((row) => row.map(String));
  const widths = head.map((_, i) => Math.max(...cells.map((row) => row[i].length)));
  console.log(`\n${title}`);
  cells.forEach((row, index) => {
    console.log(
      row
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
        .join('  '),
    );
    if (index === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  });
}

// ---------------------------------------------------------------------------------------------
// The page: build, bytes, Chromium timings, heap

const results = {
  date: new Date().toISOString(),
  machine: { node: process.version, cpus: (await import('node:os')).cpus().length },
  /** When each part in this file was measured: a run with --only keeps the other's figures. */
  measured: {},
};

/** Builds (unless --no-build) and measures what the page costs: bytes, timings, heap, the CLI. */
async function measurePage() {
  results.settings = { runs: RUNS, cycles: CYCLES, cpuThrottling: THROTTLE };
  if (!options['no-build']) {
    console.log('bench: npm run build');
    buildPackages();
  }
  const { build } = await import('@motcua/cli');
  const work = mkdtempSync(join(tmpdir(), 'motcua-bench-'));

  try {
    // The bench site: the harness page, the runtime bundle, and every procedure built by the CLI
    // the way a portal deploys them (runtime imported by relative URL, packs bundled).
    const site = join(work, 'site');
    mkdirSync(join(site, 'procedures'), { recursive: true });
    cpSync(join(root, 'scripts/bench/page'), site, { recursive: true });
    cpSync(runtimeBundle, join(site, 'motcua.js'));
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
    for (const group of [REAL.filter((r) => !r.packs.length), REAL.filter((r) => r.packs.length)]) {
      const outcome = await build({
        files: group.map((r) => r.file),
        outDir: join(site, 'procedures'),
        runtime: '../motcua.js',
        packs: group[0]?.packs ?? [],
        cwd: root,
      });
      const failed = outcome.results.filter((p) => !p.ok);
      if (failed.length) throw new Error(`bench: build failed: ${JSON.stringify(failed)}`);
    }
    const largeBuilt = await build({
      files: [largeFile],
      outDir: join(site, 'procedures'),
      runtime: '../motcua.js',
      cwd: root,
    });
    if (!largeBuilt.results.every((p) => p.ok)) throw new Error('bench: large procedure failed');

    // -------------------------------------------------------------------------------------------
    // `motcua build`, as a command, for all the example procedures (median of RUNS)

    const bin = join(root, 'packages/cli/bin/motcua.js');
    const buildTimes = [];
    for (let i = 0; i < RUNS; i++) {
      const out = join(work, `build-${i}`);
      const started = process.hrtime.bigint();
      const result = spawnSync(
        process.execPath,
        [bin, 'build', ...REAL.map((r) => r.file), '--pack', '@motcua/vn/pack', '--out', out],
        { cwd: root, encoding: 'utf8' },
      );
      if (result.status !== 0) throw new Error(`bench: motcua build failed:\n${result.stderr}`);
      buildTimes.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    results.build = { procedures: REAL.length, ms: round(median(buildTimes), 0) };
    // -------------------------------------------------------------------------------------------
    // Bytes

    const runtime = sizes(readFileSync(runtimeBundle));
    const procedures = {};
    for (const id of [
      'birth-registration',
      'permanent-residence',
      'criminal-record',
      'large-generated',
    ]) {
      procedures[id] = sizes(readFileSync(join(site, `procedures/${id}.js`)));
    }
    // What of the runtime is not motcua's: Lit and XState as the runtime imports them, each
    // bundled and minified alone (so a share, not an exact split: compression works across them).
    const { build: esbuild } = await import('esbuild');
    const alone = async (contents) => {
      const output = await esbuild({
        stdin: { contents, resolveDir: root, loader: 'js' },
        bundle: true,
        minify: true,
        format: 'esm',
        write: false,
        legalComments: 'none',
        logLevel: 'silent',
      });
      return sizes(output.outputFiles[0].contents);
    };
    const parts = {
      lit: await alone(
        "export { LitElement, css, html, nothing } from 'lit'; export { property, state } from " +
          "'lit/decorators.js'; export { live } from 'lit/directives/live.js';",
      ),
      xstate: await alone("export { assign, createActor, fromPromise, setup } from 'xstate';"),
    };
    results.bytes = { runtime, parts, procedures };

    // -------------------------------------------------------------------------------------------
    // The browser

    const portalDir = await buildSite(sites.find((s) => s.name === 'portal'));
    const portal = await serveStatic({ root: portalDir });
    const bench = await serveStatic({ root: site });
    const browser = await launchChromium({ args: ['--js-flags=--expose-gc'] });
    try {
      // The portal page as served: every response a first visit loads, compressed as a server
      // would send it.
      {
        const context = await browser.createBrowserContext();
        const page = await context.newPage();
        const loaded = [];
        page.on('response', async (response) => {
          if (response.request().method() !== 'GET' || response.status() !== 200) return;
          loaded.push({ url: response.url(), body: await response.buffer() });
        });
        await page.goto(`${portal.origin}/`, { waitUntil: 'networkidle0' });
        await page.waitForFunction(() =>
          document.querySelector('motcua-procedure')?.shadowRoot?.querySelector('input'),
        );
        const files = loaded.map(({ url, body }) => ({
          file: new URL(url).pathname,
          ...sizes(body),
        }));
        const total = files.reduce(
          (sum, f) => ({
            raw: sum.raw + f.raw,
            gzip: sum.gzip + f.gzip,
            brotli: sum.brotli + f.brotli,
          }),
          { raw: 0, gzip: 0, brotli: 0 },
        );
        results.bytes.portalPage = { total, files };
        await context.close();
      }

      /** Opens the harness on a procedure in a fresh context (cold cache), throttled. */
      async function open(id, throttle) {
        const context = await browser.createBrowserContext();
        const page = await context.newPage();
        const cdp = await page.createCDPSession();
        await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
        const problems = [];
        page.on('pageerror', (error) => problems.push(String(error)));
        await page.goto(`${bench.origin}/?procedure=${id}`);
        await page.waitForFunction(() => window.motcuaBench, { timeout: 60_000 });
        const ready = await page.evaluate(() => window.motcuaBench.ready);
        if (problems.length) throw new Error(`bench: ${id}: ${problems.join('; ')}`);
        return { context, page, cdp, ready };
      }

      // One load thrown away first: the browser process's first page pays for font and
      // process warm-up that no later page does, and would skew whichever procedure came first.
      await (await open('birth-registration', THROTTLE)).context.close();
      results.timings = {};
      for (const id of ['birth-registration', 'large-generated']) {
        const firstInput = [];
        const continues = [];
        let steps = 0;
        for (let i = 0; i < RUNS; i++) {
          const { context, page, ready } = await open(id, THROTTLE);
          firstInput.push(ready);
          const times = await page.evaluate(async () => {
            window.motcuaBench.fill();
            return window.motcuaBench.walk();
          });
          steps = times.length;
          continues.push(median(times));
          await context.close();
        }
        results.timings[id] = {
          steps,
          firstInputMs: round(median(firstInput)),
          continueMs: round(median(continues)),
          firstInputRunsMs: firstInput.map((t) => round(t)),
          continueRunsMs: continues.map((t) => round(t)),
        };
      }

      // The heap: after load, then every 50 of CYCLES kiosk citizens on one page (unthrottled:
      // memory does not depend on speed). V8 keeps compiling and caching for the first hundred or
      // so cycles, so the figure that tells a leak is the growth over the last 100 cycles: a leak
      // grows it by the same amount each cycle; warm-up flattens out.
      results.heap = {};
      for (const id of ['birth-registration', 'large-generated']) {
        const { context, page, cdp } = await open(id, 1);
        const used = async () => {
          await cdp.send('HeapProfiler.collectGarbage');
          await cdp.send('HeapProfiler.collectGarbage');
          return (await cdp.send('Runtime.getHeapUsage')).usedSize;
        };
        const checkpoints = [{ cycles: 0, bytes: await used() }];
        const started = Date.now();
        for (let done = 0; done < CYCLES;) {
          const count = Math.min(50, CYCLES - done);
          await page.evaluate(async (n) => {
            for (let i = 0; i < n; i++) await window.motcuaBench.cycle();
          }, count);
          done += count;
          checkpoints.push({ cycles: done, bytes: await used() });
          process.stdout.write(`bench: heap, ${id}: ${done}/${CYCLES} cycles\r`);
        }
        process.stdout.write('\n');
        const last = checkpoints[checkpoints.length - 1];
        const base =
          checkpoints.findLast((point) => point.cycles <= last.cycles - 100) ?? checkpoints[0];
        results.heap[id] = {
          afterLoadBytes: checkpoints[0].bytes,
          checkpoints,
          lastCycles: last.cycles - base.cycles,
          lastGrowthBytes: last.bytes - base.bytes,
          cycleMs: round((Date.now() - started) / CYCLES),
        };
        await context.close();
      }
    } finally {
      await browser.close();
      await portal.close();
      await bench.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The page's tables. */
function reportPage() {
  const { bytes, timings, heap } = results;
  table(
    'Bytes (brotli quality 11, gzip level 9)',
    ['file', 'raw', 'gzip', 'brotli', 'budget'],
    [
      [
        'runtime: motcua.js (core + elements + Lit + XState)',
        ...Object.values(bytes.runtime).map(kb),
      ],
      ['  of it, Lit (bundled alone)', ...Object.values(bytes.parts.lit).map(kb)],
      ['  of it, XState (bundled alone)', ...Object.values(bytes.parts.xstate).map(kb)],
      ...Object.entries(bytes.procedures).map(([id, s]) => [
        `procedure: ${id}`,
        kb(s.raw),
        kb(s.gzip),
        kb(s.brotli),
      ]),
      ...bytes.portalPage.files.map((f) => [
        `portal page: ${f.file}`,
        kb(f.raw),
        kb(f.gzip),
        kb(f.brotli),
      ]),
      [
        'portal page: total as served',
        kb(bytes.portalPage.total.raw),
        kb(bytes.portalPage.total.gzip),
        kb(bytes.portalPage.total.brotli),
      ],
    ].map((row) => {
      const budget = row[0].startsWith('runtime') ? budgets[0] : undefined;
      return [...row, budget ? `≤ ${kb(budget.brotli)}` : ''];
    }),
  );
  table(
    `Time, ms (Chromium, CPU throttled ×${THROTTLE}, cold cache, median of ${RUNS} runs)`,
    ['procedure', 'steps', 'navigation → first input', 'Continue → next step'],
    Object.entries(timings).map(([id, t]) => [
      id === 'large-generated'
        ? `${id} (${STEPS} steps, ${FIELDS} fields, ${CONDITIONS} conditions)`
        : id,
      t.steps,
      t.firstInputMs,
      t.continueMs,
    ]),
  );
  table(
    'JS heap after forced GC: after load, then every 50 fill-submit-reset cycles on one page',
    [
      'procedure',
      ...heap['birth-registration'].checkpoints.map((point) => `${point.cycles} cycles`),
      `growth, last ${heap['birth-registration'].lastCycles}`,
      'ms per cycle',
    ],
    Object.entries(heap).map(([id, h]) => [
      id,
      ...h.checkpoints.map((point) => kb(point.bytes)),
      `${h.lastGrowthBytes >= 0 ? '+' : ''}${kb(h.lastGrowthBytes)}`,
      h.cycleMs,
    ]),
  );
  table(
    'motcua build (whole command, median)',
    ['what', 'ms'],
    [[`${results.build.procedures} example procedures`, results.build.ms]],
  );
}

/** The service's table. */
function reportServer() {
  const { settings, runs: measured } = results.server;
  table(
    `POST /api/dossiers over HTTP on 127.0.0.1: ${settings.connections} connections, about ` +
      `${settings.seconds} s after a warm-up of ${settings.warmupRequests} requests ` +
      '(latency in ms)',
    ['database', 'Idempotency-Key', 'answers 201', 'seconds', 'per second', 'p50', 'p95', 'p99'],
    Object.entries(measured).map(([id, run]) =>
      run.skipped
        ? [id, `skipped: ${run.skipped}`, '', '', '', '', '', '']
        : [
            run.database,
            run.key === 'new' ? 'new each request' : 'one, replayed',
            run.requests,
            run.seconds,
            run.perSecond,
            run.latencyMs.p50,
            run.latencyMs.p95,
            run.latencyMs.p99,
          ],
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// Run, report, write

if (runs('page')) {
  await measurePage();
  results.measured.page = results.date;
}
if (runs('server')) {
  // Loaded only here: the service and its database drivers, from their sources.
  const { benchServer } = await import('./server.mjs');
  results.server = await benchServer({ root, connections: CONNECTIONS, seconds: SECONDS });
  results.measured.server = results.date;
}
if (results.bytes) reportPage();
if (results.server) reportServer();

const out = join(root, 'scripts/bench/results');
const file = join(out, 'latest.json');
// A run of one part keeps the other part's figures from the last file, and the date of each.
if (options.only !== undefined && existsSync(file)) {
  const previous = JSON.parse(readFileSync(file, 'utf8'));
  for (const [part, keys] of Object.entries(PARTS)) {
    if (runs(part) || !keys.some((key) => key in previous)) continue;
    for (const key of keys) if (key in previous) results[key] = previous[key];
    results.measured[part] = previous.measured?.[part] ?? previous.date;
  }
}
mkdirSync(out, { recursive: true });
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nbench: wrote ${relative(root, file)}`);
