// `npm run bench`: what motcua costs a low-end kiosk, measured on this machine in headless
// Chromium against a blank page measured in the same run, and what the service stores per
// second, printed as tables and written to scripts/bench/results/latest.json. Figures are
// printed, never asserted (sizes are enforced by tests, against scripts/budgets.mjs).
//
//   npm run bench                  build, then measure everything (about ten minutes)
//   npm run bench -- --runs=9      more runs per timing (default 5)
//   npm run bench -- --cycles=1000 more fill-send-reset cycles for the heap (default 200)
//   npm run bench -- --no-build    measure the build already in dist/
//   npm run bench -- --only=page   only the page: bytes, timings, heap, `motcua build`
//   npm run bench -- --only=trace  only the trace of navigation → first input (trace.mjs)
//   npm run bench -- --only=server only the service: POST /api/dossiers per second, on PGlite and
//                                  on PostgreSQL (about 1.5 minutes; no build needed)
//   npm run bench -- --connections=32 --seconds=20   the service's load (default 16 and 10)
//
// Method (docs/performance.md): the pages and procedures are served by scripts/serve-static.mjs
// with the strict CSP a portal uses; timings run with CDP CPU throttling ×4 and a cold cache, each
// in a fresh browser context, interleaved with the same measure of a blank page (one <input>, no
// framework), and report the median of the runs and its ratio to the blank page's; the heap is
// read after a forced garbage collection. The service's method is in scripts/bench/server.mjs.
/* global document, window */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { budgets } from '../budgets.mjs';
import { buildPackages, buildSite, runtimeBundle, sites } from '../build-examples.mjs';
import { launchChromium } from '../chromium.mjs';
import { serveStatic } from '../serve-static.mjs';
import { CONDITIONS, FIELDS, STEPS } from './large-procedure.mjs';
import { REAL, TIMED, buildBenchSite, pagePath, root, runtimeFiles } from './site.mjs';

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
const PARTS = {
  page: ['settings', 'bytes', 'firstLoad', 'timings', 'heap', 'build'],
  trace: ['trace'],
  server: ['server'],
};
if (options.only !== undefined && !(options.only in PARTS)) {
  console.error(
    `bench: unknown --only=${options.only}; use --only=page, --only=trace or --only=server.`,
  );
  process.exit(2);
}
// The trace is its own script, run alone (`--only=trace`): a traced load is not a timed one.
const runs = (part) => (options.only === undefined ? part !== 'trace' : options.only === part);

/** How the page gets the procedure: the element imports it (`src`), or the page does (`fast`). */
const MODES = ['src', 'fast'];

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
const signedKb = (bytes) => `${bytes >= 0 ? '+' : '−'}${kb(Math.abs(bytes))}`;
const ratio = (value, blank) => round(value / blank, 2);
/** `923 ms (1.6× blank)` */
const versus = (ms, x) => `${ms} ms (${x}× blank)`;

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

const results = {
  date: new Date().toISOString(),
  machine: { node: process.version, cpus: (await import('node:os')).cpus().length },
  /** When each part in this file was measured: a run with --only keeps the others' figures. */
  measured: {},
};

// ---------------------------------------------------------------------------------------------
// The page: build, bytes, Chromium timings against a blank page, heap

/** Builds (unless --no-build) and measures what the page costs: bytes, timings, heap, the CLI. */
async function measurePage() {
  results.settings = { runs: RUNS, cycles: CYCLES, cpuThrottling: THROTTLE, modes: MODES };
  if (!options['no-build']) {
    console.log('bench: npm run build');
    buildPackages();
  }
  const { work, site } = await buildBenchSite();

  try {
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
    // Bytes: the runtime and each chunk beside it, the procedures

    const runtime = sizes(readFileSync(runtimeBundle));
    const chunks = {};
    for (const name of runtimeFiles()) {
      if (name === 'motcua.js' || name.endsWith('.map')) continue;
      chunks[name] = sizes(readFileSync(join(site, name)));
    }
    const procedures = {};
    for (const id of [
      'birth-registration',
      'permanent-residence',
      'criminal-record',
      'large-generated',
    ]) {
      const module = readFileSync(join(site, `procedures/${id}.js`));
      procedures[id] = sizes(module);
      // Its checks (validators, pack code): a chunk beside it, loaded after the first page.
      const checks = /import\("\.\/([\w-]+\.checks-[0-9a-f]{12}\.js)"\)/.exec(String(module))?.[1];
      if (checks)
        procedures[`${id}: its checks`] = sizes(readFileSync(join(site, 'procedures', checks)));
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
    results.bytes = { runtime, chunks, parts, procedures };

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
        results.bytes.portalPage = { total: total(files), files };
        await context.close();
      }

      /**
       * Opens `path` of the bench site in a fresh context (cold cache), throttled, and waits for
       * its first input. `problems` gathers the page's errors and failed responses.
       */
      async function open(path, throttle) {
        const context = await browser.createBrowserContext();
        const page = await context.newPage();
        const cdp = await page.createCDPSession();
        await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
        const problems = [];
        page.on('pageerror', (error) => problems.push(String(error)));
        page.on('response', (response) => {
          if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
        });
        const check = () => {
          if (problems.length) throw new Error(`bench: ${path}: ${problems.join('; ')}`);
        };
        await page.goto(`${bench.origin}${path}`);
        await page.waitForFunction(() => window.motcuaBench, { timeout: 60_000 });
        const ready = await page.evaluate(() => window.motcuaBench.ready);
        // Loaded means the machine runs too (its chunk comes once the first page is drawn): the
        // heap after load holds it, and Continue is timed with it. The blank page has none.
        const machine = await page.evaluate(() => window.motcuaBench.machine);
        check();
        return { context, page, cdp, ready, machine, check };
      }

      /** One timed run: navigation → first input, then every Continue to review. */
      async function timeOne(path) {
        const { context, page, ready, machine, check } = await open(path, THROTTLE);
        const { steps, rehearsed } = await page.evaluate(async () => {
          await window.motcuaBench.fill();
          return {
            steps: await window.motcuaBench.walk(),
            rehearsed: await window.motcuaBench.rehearsed,
          };
        });
        check();
        await context.close();
        return { ready, machine, rehearsed, steps };
      }

      // One load thrown away first: the browser process's first page pays for font and
      // process warm-up that no later page does, and would skew whichever page came first.
      await (await open(pagePath('src', 'birth-registration'), THROTTLE)).context.close();

      // Bytes before first input: every response of a first, throttled load of each page, read
      // from CDP's Network events, with the files that came after (prefetched or on demand).
      results.firstLoad = { blank: await firstLoad(bench.origin, pagePath('blank')) };
      for (const id of TIMED) {
        results.firstLoad[id] = {};
        for (const mode of MODES) {
          results.firstLoad[id][mode] = await firstLoad(bench.origin, pagePath(mode, id));
        }
      }

      // The timings: blank, motcua, blank, motcua… so that the blank page's runs see the same
      // machine as motcua's; the order of motcua's pages turns by one each round.
      const variants = TIMED.flatMap((id) => MODES.map((mode) => ({ id, mode })));
      const samples = { blank: [] };
      for (const { id, mode } of variants) samples[`${id}:${mode}`] = [];
      for (let run = 0; run < RUNS; run++) {
        const order = variants.map((_, i) => variants[(i + run) % variants.length]);
        for (const { id, mode } of order) {
          samples.blank.push(await timeOne(pagePath('blank')));
          samples[`${id}:${mode}`].push(await timeOne(pagePath(mode, id)));
          process.stdout.write(`bench: timings, run ${run + 1}/${RUNS}, ${id} (${mode})   \r`);
        }
      }
      process.stdout.write('\n');
      const blank = summarise(samples.blank);
      results.timings = { blank };
      for (const { id, mode } of variants) {
        const t = summarise(samples[`${id}:${mode}`]);
        t.firstInputRatio = ratio(t.firstInputMs, blank.firstInputMs);
        t.continueRatio = ratio(t.continueMs, blank.continueMs);
        t.worstStep = { ...t.worstStep, ratio: ratio(t.worstStep.ms, blank.continueMs) };
        (results.timings[id] ??= {})[mode] = t;
      }

      // The heap: after load (the blank page's, and each procedure's both ways), then every 50
      // of CYCLES kiosk citizens on one page (unthrottled: memory does not depend on speed). V8
      // keeps compiling and caching for the first hundred or so cycles, so besides the growth
      // over the whole run, the growth over the last 100 cycles tells a leak from warm-up: a
      // leak grows it by the same amount each cycle; warm-up flattens out.
      const heapOf = async (cdp) => {
        await cdp.send('HeapProfiler.collectGarbage');
        await cdp.send('HeapProfiler.collectGarbage');
        return (await cdp.send('Runtime.getHeapUsage')).usedSize;
      };
      // Once loaded and rehearsed (the page a citizen reads; the rehearsal's pages are gone).
      const settled = (page) => page.evaluate(() => window.motcuaBench.rehearsed);
      const afterLoad = async (path) => {
        const { context, page, cdp } = await open(path, 1);
        await settled(page);
        const bytes = await heapOf(cdp);
        await context.close();
        return bytes;
      };
      const blankHeap = await afterLoad(pagePath('blank'));
      results.heap = { blank: { afterLoadBytes: blankHeap } };
      for (const id of TIMED) {
        const fast = await afterLoad(pagePath('fast', id));
        const { context, page, cdp, check } = await open(pagePath('src', id), 1);
        await settled(page);
        const checkpoints = [{ cycles: 0, bytes: await heapOf(cdp) }];
        const started = Date.now();
        for (let done = 0; done < CYCLES;) {
          const count = Math.min(50, CYCLES - done);
          // Ten cycles a call, so that no CDP call nears its timeout on a slow machine.
          for (let batch = 0; batch < count; batch += 10) {
            await page.evaluate(
              async (n) => {
                for (let i = 0; i < n; i++) await window.motcuaBench.cycle();
              },
              Math.min(10, count - batch),
            );
          }
          done += count;
          checkpoints.push({ cycles: done, bytes: await heapOf(cdp) });
          process.stdout.write(`bench: heap, ${id}: ${done}/${CYCLES} cycles\r`);
        }
        process.stdout.write('\n');
        check();
        const first = checkpoints[0];
        const last = checkpoints[checkpoints.length - 1];
        const base = checkpoints.findLast((point) => point.cycles <= last.cycles - 100) ?? first;
        results.heap[id] = {
          afterLoadBytes: first.bytes,
          afterLoadRatio: ratio(first.bytes, blankHeap),
          fastAfterLoadBytes: fast,
          fastAfterLoadRatio: ratio(fast, blankHeap),
          checkpoints,
          growthBytes: last.bytes - first.bytes,
          lastCycles: last.cycles - base.cycles,
          lastGrowthBytes: last.bytes - base.bytes,
          cycleMs: round((Date.now() - started) / CYCLES),
        };
        await context.close();
      }

      /**
       * Every response a fresh, throttled, cold load of `path` receives, from CDP's Network
       * events, split at the moment its first input is ready: before it, what the citizen waits
       * for; after it (in the next 3 s), what is prefetched or loaded on demand. Each body is the
       * one received, so its sizes are the file's as served.
       */
      async function firstLoad(origin, path) {
        const context = await browser.createBrowserContext();
        const page = await context.newPage();
        const cdp = await page.createCDPSession();
        await cdp.send('Network.enable');
        await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
        const requests = new Map();
        cdp.on('Network.requestWillBeSent', (event) =>
          requests.set(event.requestId, {
            url: event.request.url,
            sent: event.timestamp,
            wallTime: event.wallTime,
          }),
        );
        cdp.on('Network.responseReceived', (event) => {
          const request = requests.get(event.requestId);
          if (request) request.status = event.response.status;
        });
        cdp.on('Network.loadingFinished', (event) => {
          const request = requests.get(event.requestId);
          if (request) request.finished = event.timestamp;
        });
        await page.goto(`${origin}${path}`);
        await page.waitForFunction(() => window.motcuaBench, { timeout: 60_000 });
        const { ready, timeOrigin } = await page.evaluate(async () => ({
          ready: await window.motcuaBench.ready,
          timeOrigin: performance.timeOrigin,
        }));
        await new Promise((resolve) => setTimeout(resolve, 3000));
        const files = [];
        for (const [requestId, request] of requests) {
          if (request.finished === undefined || request.status !== 200) continue;
          const { body, base64Encoded } = await cdp.send('Network.getResponseBody', { requestId });
          // Network timestamps are monotonic seconds; each request's wall time ties them to the
          // page's clock (performance.timeOrigin, in ms since the epoch).
          const endMs = request.wallTime * 1000 + (request.finished - request.sent) * 1000;
          const url = new URL(request.url);
          files.push({
            file: `${url.pathname}${url.search}`,
            endMs: round(endMs - timeOrigin),
            beforeFirstInput: endMs - timeOrigin <= ready,
            ...sizes(Buffer.from(body, base64Encoded ? 'base64' : 'utf8')),
          });
        }
        await context.close();
        files.sort((a, b) => a.endMs - b.endMs);
        const before = files.filter((f) => f.beforeFirstInput);
        const after = files.filter((f) => !f.beforeFirstInput);
        return {
          firstInputMs: round(ready),
          before: { total: total(before), files: before },
          after: { total: total(after), files: after },
        };
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

/** The sum of files' sizes. */
function total(files) {
  return files.reduce(
    (sum, f) => ({ raw: sum.raw + f.raw, gzip: sum.gzip + f.gzip, brotli: sum.brotli + f.brotli }),
    { raw: 0, gzip: 0, brotli: 0 },
  );
}

/** The medians of timed runs: first input, Continue (over steps, then runs), the worst step. */
function summarise(runs) {
  const byStep = new Map();
  for (const run of runs) {
    for (const { step, ms } of run.steps) byStep.set(step, [...(byStep.get(step) ?? []), ms]);
  }
  const stepsMs = [...byStep].map(([step, ms]) => ({ step, ms: round(median(ms)) }));
  return {
    steps: runs[0].steps.length,
    firstInputMs: round(median(runs.map((run) => run.ready))),
    // First input → the session's actor runs (XState's chunk came): motcua's pages only.
    ...(runs[0].machine !== undefined && {
      machineAfterMs: round(median(runs.map((run) => run.machine - run.ready))),
    }),
    // First input → the later pages rehearsed (rehearsal.ts), in idle time: Continue is timed
    // after it, as a citizen reading the first page meets it.
    ...(runs[0].rehearsed !== undefined && {
      rehearsedAfterMs: round(median(runs.map((run) => run.rehearsed - run.ready))),
    }),
    continueMs: round(median(runs.map((run) => median(run.steps.map((s) => s.ms))))),
    worstStep: stepsMs.reduce((worst, step) => (step.ms > worst.ms ? step : worst)),
    firstInputRunsMs: runs.map((run) => round(run.ready)),
    continueRunsMs: runs.map((run) => round(median(run.steps.map((s) => s.ms)))),
    stepsMs,
  };
}

/** The budget of a file of dist/browser, by its name (a chunk's `*` is its hash). */
function budgetOf(name) {
  return budgets.find((budget) => {
    const [before, after = ''] = basename(budget.file).split('*');
    return budget.file.includes('*')
      ? name.startsWith(before) && name.endsWith(after)
      : name === basename(budget.file);
  });
}

/** The page's tables. */
function reportPage() {
  const { bytes, firstLoad, timings, heap } = results;
  const procedureName = (id) =>
    id === 'large-generated'
      ? `${id} (${STEPS} steps, ${FIELDS} fields, ${CONDITIONS} conditions)`
      : id;
  const budgetCell = (name) => {
    const budget = budgetOf(name);
    return budget ? `≤ ${kb(budget.brotli)}` : '';
  };
  table(
    'Bytes (brotli quality 11, gzip level 9)',
    ['file', 'raw', 'gzip', 'brotli', 'budget'],
    [
      [
        'runtime: motcua.js (core + elements + Lit)',
        ...Object.values(bytes.runtime).map(kb),
        budgetCell('motcua.js'),
      ],
      ...Object.entries(bytes.chunks).map(([name, s]) => [
        `  chunk beside it: ${name}`,
        ...Object.values(s).map(kb),
        budgetCell(name),
      ]),
      ['  of the runtime, Lit (bundled alone)', ...Object.values(bytes.parts.lit).map(kb), ''],
      [
        '  of the session chunk, XState (bundled alone)',
        ...Object.values(bytes.parts.xstate).map(kb),
        '',
      ],
      ...Object.entries(bytes.procedures).map(([id, s]) => [
        `procedure: ${id}`,
        ...Object.values(s).map(kb),
        '',
      ]),
      ...bytes.portalPage.files.map((f) => [
        `portal page: ${f.file}`,
        kb(f.raw),
        kb(f.gzip),
        kb(f.brotli),
        '',
      ]),
      ['portal page: total as served', ...Object.values(bytes.portalPage.total).map(kb), ''],
    ],
  );
  const loads = [
    ['blank page', firstLoad.blank],
    ...TIMED.flatMap((id) =>
      MODES.map((mode) => [`${id}, ${mode === 'src' ? 'src=' : 'fast path'}`, firstLoad[id][mode]]),
    ),
  ];
  table(
    `Bytes before first input: every response of a cold load (CPU ×${THROTTLE}) until the first ` +
      'input is ready, then what came in the 3 s after it (brotli quality 11 of each body)',
    ['page: file', 'raw', 'brotli', 'received at'],
    loads.flatMap(([name, load]) => [
      ...load.before.files.map((f) => [
        `${name}: ${f.file}`,
        kb(f.raw),
        kb(f.brotli),
        `${f.endMs} ms`,
      ]),
      [
        `${name}: TOTAL before first input (${load.firstInputMs} ms)`,
        kb(load.before.total.raw),
        kb(load.before.total.brotli),
        '',
      ],
      ...load.after.files.map((f) => [
        `${name}: after first input: ${f.file}`,
        kb(f.raw),
        kb(f.brotli),
        `${f.endMs} ms`,
      ]),
    ]),
  );
  table(
    `Time, ms (Chromium, CPU throttled ×${THROTTLE}, cold cache, median of ${RUNS} runs; ` +
      'ratio to the blank page measured between them)',
    [
      'procedure',
      'page',
      'steps',
      'navigation → first input',
      'first input → machine runs',
      'first input → rehearsed',
      'Continue → next step',
      'worst step',
    ],
    [
      [
        'blank page (one <input>, no framework)',
        '',
        timings.blank.steps,
        `${timings.blank.firstInputMs} ms`,
        '',
        '',
        `${timings.blank.continueMs} ms`,
        '',
      ],
      ...TIMED.flatMap((id) =>
        MODES.map((mode) => {
          const t = timings[id][mode];
          return [
            procedureName(id),
            mode === 'src' ? 'src=' : 'fast path',
            t.steps,
            versus(t.firstInputMs, t.firstInputRatio),
            t.machineAfterMs === undefined ? '' : `+${t.machineAfterMs} ms`,
            t.rehearsedAfterMs === undefined ? '' : `+${t.rehearsedAfterMs} ms`,
            versus(t.continueMs, t.continueRatio),
            `${t.worstStep.step}: ${versus(t.worstStep.ms, t.worstStep.ratio)}`,
          ];
        }),
      ),
    ],
  );
  // At most five checkpoints printed (every one is in latest.json).
  const every = 50 * Math.ceil(CYCLES / 250);
  const shown = (h) =>
    h.checkpoints.filter((p) => p.cycles % every === 0 || p === h.checkpoints.at(-1));
  const sample = heap[TIMED[0]];
  table(
    `JS heap after forced GC: after load (blank page: ${kb(heap.blank.afterLoadBytes)}), then ` +
      `fill-send-reset cycles on one page (src=)`,
    [
      'procedure',
      'after load',
      'fast path, after load',
      ...shown(sample)
        .slice(1)
        .map((point) => `${point.cycles} cycles`),
      `growth, ${sample.checkpoints.at(-1).cycles} cycles`,
      `growth, last ${sample.lastCycles}`,
      'ms per cycle',
    ],
    TIMED.map((id) => {
      const h = heap[id];
      return [
        id,
        `${kb(h.afterLoadBytes)} (${h.afterLoadRatio}× blank)`,
        `${kb(h.fastAfterLoadBytes)} (${h.fastAfterLoadRatio}× blank)`,
        ...shown(h)
          .slice(1)
          .map((point) => kb(point.bytes)),
        signedKb(h.growthBytes),
        signedKb(h.lastGrowthBytes),
        h.cycleMs,
      ];
    }),
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
if (runs('trace')) {
  const { traceFirstInput, reportTrace } = await import('./trace.mjs');
  results.trace = await traceFirstInput({ build: !options['no-build'], throttle: THROTTLE });
  reportTrace(results.trace);
  results.measured.trace = results.date;
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
// A run of one part keeps the other parts' figures from the last file, and the date of each.
if (existsSync(file)) {
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
