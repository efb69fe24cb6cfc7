// Where navigation → first input goes: a few cold loads (CPU throttled ×4, a fresh context each)
// of the bench pages (scripts/bench/site.mjs), each traced through CDP (Tracing, with the
// devtools.timeline, v8.execute and blink.user_timing categories) and profiled (Profiler, a
// sample every 200 µs), split into milestones and the time between them, with the functions that
// took the main thread from the procedure's arrival to the first input.
//
//   node --import tsx --conditions=source scripts/bench/trace.mjs          build, then trace
//   node --import tsx --conditions=source scripts/bench/trace.mjs --no-build --loads=3
//   npm run bench -- --only=trace [--no-build]     the same, and the figures in latest.json
//
// Milestones, in ms from navigationStart, read from the trace:
//   runtime received    motcua.js's ResourceFinish (its finishTime on the network)
//   runtime evaluated   the end of v8.evaluateModule of motcua.js and its static imports
//                       (v8.evaluateModule names no URL: it is matched with the
//                       AnimationFrame::Script::Execute that starts with it, else it is the first
//                       after motcua.js's v8.compileModule). On the fast path the runtime is
//                       evaluated within the page module's graph, with the procedure: both end
//                       with that graph's evaluation.
//   procedure received  procedures/<id>.js's ResourceFinish (requested: its ResourceSendRequest)
//   session started     the page's mark bench:session-started (the element's first
//                       motcua-step-change, sent when its session starts)
//   first input         the element's mark motcua:first-input (procedure-element.ts)
// The split takes them in that order, each from the latest milestone before it, so that the
// parts add up to navigation → first input even when, on the fast path, the procedure arrives
// before the runtime has run (its part is then 0). The raw milestones are printed as well.
//
// The trace and CPU profile of each page's first load are written to scripts/bench/results/
// (trace-<page>.json for the Performance panel, trace-<page>.cpuprofile), not committed.
/* global window */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildPackages } from '../build-examples.mjs';
import { launchChromium } from '../chromium.mjs';
import { serveStatic } from '../serve-static.mjs';
import { TIMED, buildBenchSite, pagePath, root } from './site.mjs';

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'v8',
  'blink.user_timing',
  'loading',
];

/** The pages traced: each timed procedure, loaded by the element and by the page itself. */
const PAGES = TIMED.flatMap((id) => [
  { id, mode: 'src', name: `${id}, src=` },
  { id, mode: 'fast', name: `${id}, fast path` },
]);

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const round = (value, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * Traces `loads` cold loads of every page and returns the milestones, the split and the top
 * self-time functions of each (medians over the loads; self time averaged).
 *
 * @param {{ build?: boolean, throttle?: number, loads?: number, top?: number }} [options]
 */
export async function traceFirstInput({ build = true, throttle = 4, loads = 2, top = 15 } = {}) {
  if (build) {
    console.log('trace: npm run build');
    buildPackages();
  }
  const { work, site } = await buildBenchSite();
  const server = await serveStatic({ root: site });
  const browser = await launchChromium();
  const mapper = await sourceMapper(site);
  const out = join(root, 'scripts/bench/results');
  mkdirSync(out, { recursive: true });
  const result = { settings: { loads, cpuThrottling: throttle, categories: CATEGORIES } };
  try {
    // One load thrown away: the browser's first page pays for warm-up no later page does.
    await traceLoad(browser, `${server.origin}${pagePath('src', TIMED[0])}`, throttle);
    for (const page of PAGES) {
      const traced = [];
      for (let i = 0; i < loads; i++) {
        process.stdout.write(`trace: ${page.name}, load ${i + 1}/${loads}   \r`);
        const load = await traceLoad(
          browser,
          `${server.origin}${pagePath(page.mode, page.id)}`,
          throttle,
        );
        if (i === 0) {
          const file = `trace-${page.id}-${page.mode}`;
          writeFileSync(join(out, `${file}.json`), JSON.stringify({ traceEvents: load.events }));
          writeFileSync(join(out, `${file}.cpuprofile`), JSON.stringify(load.profile));
        }
        traced.push(analyse(load, page.id, mapper));
      }
      result[page.name] = summarise(traced, top);
    }
    process.stdout.write('\n');
  } finally {
    await browser.close();
    await server.close();
    rmSync(work, { recursive: true, force: true });
  }
  return result;
}

/** One cold, throttled load of `url`, traced and profiled until its first input is ready. */
async function traceLoad(browser, url, throttle) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  const cdp = await page.createCDPSession();
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await page.tracing.start({ categories: CATEGORIES });
  const problems = [];
  page.on('pageerror', (error) => problems.push(String(error)));
  await page.goto(url);
  await page.waitForFunction(() => window.motcuaBench, { timeout: 60_000 });
  const ready = await page.evaluate(() => window.motcuaBench.ready);
  const trace = JSON.parse(Buffer.from(await page.tracing.stop()).toString('utf8'));
  const { profile } = await cdp.send('Profiler.stop');
  await context.close();
  if (problems.length) throw new Error(`trace: ${url}: ${problems.join('; ')}`);
  return { url, ready, events: trace.traceEvents ?? trace, profile };
}

/** The milestones of one load, the split, and the self time of each function in the window. */
function analyse({ url, ready, events, profile }, id, mapper) {
  // The page's own renderer: where its marks are (the trace also holds the browser's own pages).
  // The element's own mark, made in the render that drew the first input (the page's
  // bench:first-input copies its time, but is made later).
  const firstInputMark = events.find((e) => e.name === 'motcua:first-input');
  if (!firstInputMark) throw new Error(`trace: ${url}: no motcua:first-input mark in the trace`);
  const { pid, tid } = firstInputMark;
  const mine = events.filter((e) => e.pid === pid);
  // navigationStart of this document, as the page's performance.now() counts from it.
  const start = firstInputMark.ts - firstInputMark.args.data.startTime * 1000;
  const ms = (ts) => (ts === undefined ? undefined : round((ts - start) / 1000));
  const mark = (name) => mine.find((e) => e.name === name)?.ts;

  const urls = new Map();
  for (const e of mine) {
    if (e.name === 'ResourceSendRequest') urls.set(e.args.data.requestId, e);
  }
  const request = (path) => [...urls.values()].find((e) => pathOf(e.args.data.url) === path);
  const finish = (path) => {
    const sent = request(path);
    const done =
      sent &&
      mine.find(
        (e) => e.name === 'ResourceFinish' && e.args.data.requestId === sent.args.data.requestId,
      );
    return done && done.args.data.finishTime * 1e6;
  };
  // The v8.evaluateModule of a module: the one that starts with an
  // AnimationFrame::Script::Execute naming its URL (Chromium keeps those for long scripts only),
  // else the first after its v8.compileModule. A module imported statically by another (the
  // runtime and the procedure on the fast path) is evaluated within its importer's.
  const starts = mine.filter(
    (e) =>
      e.name === 'AnimationFrame::Script::Execute' &&
      e.ph === 'b' &&
      e.args.animation_frame_script_timing_info?.invoker_type === 'MODULE_SCRIPT',
  );
  const evaluations = mine.filter((e) => e.name === 'v8.evaluateModule' && e.tid === tid);
  const evaluated = (path) => {
    const named = evaluations.find((e) => {
      const script = starts.find((s) => Math.abs(s.ts - e.ts) < 100);
      return pathOf(script?.args.animation_frame_script_timing_info.source_location_url) === path;
    });
    if (named) return named;
    const compiled = mine.find(
      (e) => e.name === 'v8.compileModule' && pathOf(e.args.data?.url) === path,
    );
    return compiled && evaluations.find((e) => e.ts >= compiled.ts + compiled.dur);
  };
  const busy = (name, path) =>
    round(
      mine
        .filter((e) => e.name === name && e.ph === 'X' && pathOf(e.args.data?.url) === path)
        .reduce((sum, e) => sum + e.dur, 0) / 1000,
    );
  const runtimeEvaluation = evaluated('/motcua.js');
  const procedurePath = `/procedures/${id}.js`;
  const procedureEvaluation = evaluated(procedurePath);
  const milestones = {
    runtimeRequested: ms(request('/motcua.js')?.ts),
    runtimeReceived: ms(finish('/motcua.js')),
    runtimeEvaluated: ms(runtimeEvaluation && runtimeEvaluation.ts + runtimeEvaluation.dur),
    procedureRequested: ms(request(procedurePath)?.ts),
    procedureReceived: ms(finish(procedurePath)),
    procedureEvaluated: ms(procedureEvaluation && procedureEvaluation.ts + procedureEvaluation.dur),
    pageScript: ms(mark('bench:page-script')),
    sessionStarted: ms(mark('bench:session-started')),
    firstInput: ms(firstInputMark.ts),
  };
  const work = {
    runtimeParseOffThread: busy('v8.parseOnBackground', '/motcua.js'),
    runtimeCompile: busy('v8.compileModule', '/motcua.js'),
    runtimeEvaluate: round((runtimeEvaluation?.dur ?? 0) / 1000),
    procedureParseOffThread: busy('v8.parseOnBackground', procedurePath),
    procedureCompile: busy('v8.compileModule', procedurePath),
    procedureEvaluate: round((procedureEvaluation?.dur ?? 0) / 1000),
  };
  // The split: each part from the latest milestone before it.
  const order = [
    ['navigation → runtime received', milestones.runtimeReceived],
    ['compiling and evaluating the runtime', milestones.runtimeEvaluated],
    ["the procedure's import (→ received)", milestones.procedureReceived],
    ['procedure received → session started', milestones.sessionStarted],
    ['first render (session started → first input)', milestones.firstInput],
  ];
  const split = {};
  let reached = 0;
  for (const [name, at] of order) {
    split[name] = at === undefined ? undefined : round(Math.max(0, at - reached));
    if (at !== undefined) reached = Math.max(reached, at);
  }

  // Self time by function, between the procedure's arrival and the first input, from the CPU
  // profile (its clock is the trace's: µs of the same monotonic time).
  const from = milestones.procedureReceived * 1000 + start;
  const to = firstInputMark.ts;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    const duration = profile.timeDeltas[i + 1] ?? 0;
    if (t < from || t > to) continue;
    const { fn, file, line } = describe(nodes.get(profile.samples[i]).callFrame, mapper);
    const key = file ? `${fn}\t${file}:${line}` : fn;
    self.set(key, (self.get(key) ?? 0) + duration);
  }
  return {
    firstInputMs: round(ready),
    milestones,
    work,
    split,
    self,
    windowMs: (to - from) / 1000,
  };
}

/** The path of a URL, or undefined for none (or an empty one). */
function pathOf(url) {
  try {
    return new URL(url).pathname;
  } catch {
    return undefined;
  }
}

/**
 * A profile frame as `{ fn, file, line }`, through the served file's source map where there is
 * one; `file` is undefined for the renderer's and V8's own entries (`(program)`, `(garbage
 * collector)`, a native function).
 */
function describe({ functionName, url, lineNumber, columnNumber }, mapper) {
  const path = pathOf(url);
  if (!path) return { fn: functionName || '(anonymous)' };
  const original = mapper(path, lineNumber, columnNumber);
  if (original) {
    return {
      fn: original.name || functionName || '(anonymous)',
      file: original.source,
      line: original.line,
    };
  }
  return { fn: functionName || '(anonymous)', file: path, line: lineNumber + 1 };
}

/**
 * Maps a position in a served file to its source through the file's `.map` beside it, when
 * @jridgewell/trace-mapping is installed (it comes with the build tools); positions unmapped
 * otherwise.
 */
async function sourceMapper(site) {
  let TraceMap;
  let originalPositionFor;
  try {
    ({ TraceMap, originalPositionFor } = await import('@jridgewell/trace-mapping'));
  } catch {
    return () => undefined;
  }
  const maps = new Map();
  return (path, line, column) => {
    if (!maps.has(path)) {
      const file = join(site, `${path}.map`);
      maps.set(path, existsSync(file) ? new TraceMap(readFileSync(file, 'utf8')) : undefined);
    }
    const map = maps.get(path);
    if (!map || line < 0) return undefined;
    const position = originalPositionFor(map, { line: line + 1, column });
    if (!position.source) return undefined;
    const source = position.source.replace(/^(\.\.\/)+/, '').replace(/^.*node_modules\//, '');
    return { source, line: position.line, name: position.name };
  };
}

/** Medians over the loads; self time summed over them, then divided by their number. */
function summarise(traced, top) {
  const medianOf = (pick) => {
    const keys = Object.keys(pick(traced[0]));
    return Object.fromEntries(
      keys.map((key) => {
        const values = traced.map((load) => pick(load)[key]).filter((v) => v !== undefined);
        return [key, values.length ? round(median(values)) : undefined];
      }),
    );
  };
  const self = new Map();
  for (const load of traced) {
    for (const [key, us] of load.self) self.set(key, (self.get(key) ?? 0) + us / traced.length);
  }
  const byFile = new Map();
  for (const [key, us] of self) {
    // A key is `function\tfile:line`, or the name alone of the renderer's and V8's own entries.
    const file = key.includes('\t') ? key.slice(key.indexOf('\t') + 1).replace(/:\d+$/, '') : key;
    byFile.set(file, (byFile.get(file) ?? 0) + us);
  }
  const ranked = (map) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name: name.replace('\t', ' '), ms: round(us / 1000) }));
  return {
    firstInputMs: round(median(traced.map((load) => load.firstInputMs))),
    milestones: medianOf((load) => load.milestones),
    work: medianOf((load) => load.work),
    split: medianOf((load) => load.split),
    windowMs: round(median(traced.map((load) => load.windowMs))),
    topFunctions: ranked(self),
    topFiles: ranked(byFile),
  };
}

/** Prints what traceFirstInput returned. */
export function reportTrace(result) {
  const { settings, ...pages } = result;
  console.log(
    `\nTrace of navigation → first input (CPU ×${settings.cpuThrottling}, cold cache, median ` +
      `of ${settings.loads} traced loads; tracing and profiling slow the page a little)`,
  );
  for (const [name, page] of Object.entries(pages)) {
    console.log(`\n${name}: first input at ${page.firstInputMs} ms`);
    for (const [part, ms] of Object.entries(page.split)) {
      console.log(`  ${part.padEnd(48)} ${String(ms ?? '–').padStart(8)} ms`);
    }
    console.log(
      `  milestones, ms: ${Object.entries(page.milestones)
        .map(([key, ms]) => `${key} ${ms ?? '–'}`)
        .join(', ')}`,
    );
    console.log(
      `  main-thread work, ms: ${Object.entries(page.work)
        .map(([key, ms]) => `${key} ${ms}`)
        .join(', ')}`,
    );
    console.log(`  top self time, procedure received → first input (${page.windowMs} ms):`);
    for (const { name: fn, ms } of page.topFunctions) {
      console.log(`    ${String(ms).padStart(7)} ms  ${fn}`);
    }
    console.log('  by file:');
    for (const { name: file, ms } of page.topFiles) {
      console.log(`    ${String(ms).padStart(7)} ms  ${file}`);
    }
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      'no-build': { type: 'boolean', default: false },
      loads: { type: 'string', default: '2' },
      throttle: { type: 'string', default: '4' },
      top: { type: 'string', default: '15' },
    },
  });
  const result = await traceFirstInput({
    build: !values['no-build'],
    loads: Math.max(1, Number(values.loads)),
    throttle: Math.max(1, Number(values.throttle)),
    top: Math.max(1, Number(values.top)),
  });
  reportTrace(result);
}
