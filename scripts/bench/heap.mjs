// Where the heap after load goes: the JS heap (after two forced garbage collections) of pages
// that each add one layer, from the blank page of `npm run bench` to a procedure's page once
// loaded and rehearsed, each as a ratio to the blank page; then what V8's baseline compiler
// (Sparkplug) adds to them, and what the procedure's page holds that the runtime alone does not,
// by kind (a heap snapshot of each, compared).
//
//   node --import tsx --conditions=source scripts/bench/heap.mjs [procedure] [loads]
//
// `procedure` is one of site.mjs's TIMED (birth-registration by default), opened by the fast
// path; loads 2 (each figure is the median of them). Needs the runtime built (`npm run build`).
// Unthrottled, as the bench's heap: memory does not depend on speed. Figures for reading, never
// asserted. The layers (docs/performance.md, "Where the heap goes"):
//
//   blank           the bench's blank page: one input, no framework
//   lit             + Lit, and one LitElement that draws a four-question form with a radio group
//                   (what a hand-written Lit page of one step costs)
//   xstate          the blank page + XState, and a two-state machine's actor, started and sent
//                   one event
//   runtime         the blank page + motcua.js imported: the element defined, nothing mounted
//   first input     the procedure's page when its first input is drawn, the chunks it fetches
//                   after that (motcua-*.js, the procedure's checks) held back, never answered
//   after load      the procedure's page once the machine runs and the rehearsal is done (what
//                   `npm run bench` reads as "after load")
//   − rehearsal     after load (4 s after the first input), the rehearsal's chunk held back
//   − machine       the same, XState's and the machine's chunk (motcua-session) held back, and
//                   with it the rehearsal, which waits for the machine
//   − checks        the same, the procedure's checks held back, and with them the judging of
//                   answers (motcua-judge), the machine and the rehearsal, which wait for them
/* global window */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../chromium.mjs';
import { serveStatic } from '../serve-static.mjs';
import { TIMED, buildBenchSite, pagePath, root } from './site.mjs';

const id = process.argv[2] ?? 'birth-registration';
const loads = Math.max(1, Number(process.argv[3] ?? 2));
if (!TIMED.includes(id)) throw new Error(`heap: unknown procedure ${id}; one of ${TIMED}`);

/** A Lit page of one step: four questions with hints, five radios, Continue. */
const LIT_FORM = `import { LitElement, css, html } from 'lit';
customElements.define('bench-form', class extends LitElement {
  static properties = { step: { state: true } };
  static styles = css\`:host { display: block; font: 1.1rem sans-serif }
    label { display: block; margin: 0.5em 0 } input { font-size: 1.2em; padding: 0.4em }\`;
  constructor() { super(); this.step = 0; this.values = {}; }
  render() {
    const ids = [0, 1, 2, 3].map((i) => 'q' + this.step + '-' + i);
    return html\`<form @submit=\${(e) => { e.preventDefault(); this.step++; }}>
      <h1 tabindex="-1">Bước \${this.step + 1}</h1>
      \${ids.map((id) => html\`<div><label for=\${id}>Câu hỏi \${id}</label>
        <p>Gợi ý cho câu hỏi \${id}</p>
        <input id=\${id} .value=\${this.values[id] ?? ''}
          @input=\${(e) => { this.values[id] = e.target.value; }}></div>\`)}
      <fieldset><legend>Chọn một</legend>\${['a', 'b', 'c', 'd', 'e'].map(
        (v) => html\`<label><input type="radio" name="r" value=\${v}> \${v}</label>\`)}</fieldset>
      <button>Tiếp tục</button></form>\`;
  }
});
const form = document.createElement('bench-form');
document.body.append(form);
await form.updateComplete;`;

const XSTATE = `import { assign, createActor, setup } from 'xstate';
const machine = setup({}).createMachine({
  initial: 'a', context: { n: 0 },
  states: { a: { on: { GO: { target: 'b', actions: assign({ n: 1 }) } } }, b: {} },
});
const actor = createActor(machine);
actor.start();
actor.send({ type: 'GO' });
window.benchActor = actor;`;

const { work, site } = await buildBenchSite();
const { build: esbuild } = await import('esbuild');
const blankHtml = readFileSync(join(site, 'blank.html'), 'utf8');
/** A page: the blank one, with `source` run after its own script (bundled unless `as is`). */
const layer = async (name, source, asIs = false) => {
  const output = asIs
    ? { outputFiles: [{ contents: source }] }
    : await esbuild({
        stdin: { contents: source, resolveDir: root, loader: 'js' },
        bundle: true,
        minify: true,
        format: 'esm',
        write: false,
        logLevel: 'silent',
      });
  writeFileSync(join(site, `heap-${name}.js`), output.outputFiles[0].contents);
  writeFileSync(
    join(site, `heap-${name}.html`),
    blankHtml.replace('</body>', `<script type="module" src="./heap-${name}.js"></script></body>`),
  );
  return `/heap-${name}.html`;
};
const pages = {
  blank: { path: pagePath('blank') },
  lit: { path: await layer('lit', LIT_FORM) },
  xstate: { path: await layer('xstate', XSTATE) },
  // motcua.js as the site serves it, not a copy bundled with the page.
  runtime: { path: await layer('runtime', "import './motcua.js';\n", true) },
  'first input': { path: pagePath('fast', id), wait: 'ready' },
  'after load': { path: pagePath('fast', id), wait: 'rehearsed' },
  '− rehearsal': { path: pagePath('fast', id), wait: 'settled', hold: /motcua-rehearsal-/ },
  '− machine': { path: pagePath('fast', id), wait: 'settled', hold: /motcua-session-/ },
  '− checks': { path: pagePath('fast', id), wait: 'settled', hold: /\.checks-[0-9a-f]+\.js$/ },
};
/** What the first input's page holds back: every chunk fetched after the first input. */
const AFTER_FIRST_INPUT = /\/motcua-[\w-]+\.js$|\.checks-[0-9a-f]+\.js$/;

const server = await serveStatic({ root: site });
const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KB`;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Opens `page` in a fresh context, waits for what it waits for, then `measure(cdp)`. */
async function open(browser, { path, wait, hold }, measure) {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    const cdp = await page.createCDPSession();
    // Held back: asked for, never answered (nothing fetched after the first input, for it).
    const held = wait === 'ready' ? AFTER_FIRST_INPUT : hold;
    if (held) {
      await page.setRequestInterception(true);
      page.on('request', (request) => {
        if (!held.test(request.url())) request.continue();
      });
    }
    await page.goto(`${server.origin}${path}`, { waitUntil: 'load' });
    await page.waitForFunction(() => window.motcuaBench, { timeout: 60_000 });
    if (wait === 'ready') await page.evaluate(() => window.motcuaBench.ready);
    // What was not held back has come and run (the rehearsal takes under a second here).
    if (wait === 'settled') await new Promise((resolve) => setTimeout(resolve, 4000));
    if (wait === 'rehearsed') {
      await page.evaluate(() => window.motcuaBench.machine);
      await page.evaluate(() => window.motcuaBench.rehearsed);
    }
    // The layers' own modules have run (a module script runs before the load event).
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    return await measure(cdp);
  } finally {
    await context.close();
  }
}

const usedSize = async (cdp) => (await cdp.send('Runtime.getHeapUsage')).usedSize;

/** The snapshot's self sizes summed by node kind (DevTools' "Summary", by type). */
async function kinds(cdp) {
  let text = '';
  const onChunk = ({ chunk }) => (text += chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  const { snapshot, nodes, strings } = JSON.parse(text);
  const fields = snapshot.meta.node_fields;
  const types = snapshot.meta.node_types[0];
  const [type, name, size] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
  const sums = new Map();
  for (let i = 0; i < nodes.length; i += fields.length) {
    let kind = types[nodes[i + type]];
    // V8's own objects (bytecode, machine code, maps) are "code" or "hidden"; name them.
    if (kind === 'code' || kind === 'hidden' || kind === 'object shape' || kind === 'native')
      kind = `${kind}: ${strings[nodes[i + name]].replace(/^system \/ /, '')}`;
    else if (kind.endsWith('string')) kind = 'strings';
    sums.set(kind, (sums.get(kind) ?? 0) + nodes[i + size]);
  }
  return sums;
}

const browser = await launchChromium({ args: ['--js-flags=--expose-gc'] });
// The same pages without V8's baseline compiler: the machine code it makes of functions run
// often enough is part of the heap, and V8, not the page, decides when.
const noBaseline = await launchChromium({ args: ['--js-flags=--expose-gc --no-sparkplug'] });
try {
  const rows = [];
  for (const [name, page] of Object.entries(pages)) {
    const sizes = [];
    const without = [];
    for (let load = 0; load < loads; load++) {
      sizes.push(await open(browser, page, usedSize));
      without.push(await open(noBaseline, page, usedSize));
    }
    rows.push({ name, bytes: median(sizes), noBaseline: median(without) });
    process.stdout.write(`heap: ${name}   \r`);
  }
  const blank = rows[0].bytes;
  console.log(`\nJS heap after forced GC, ${id} (fast path), median of ${loads} loads\n`);
  console.log('| page        | heap      | ratio | without baseline code | ratio |');
  console.log('| ----------- | --------: | ----: | --------------------: | ----: |');
  for (const row of rows) {
    console.log(
      `| ${row.name.padEnd(11)} | ${kb(row.bytes).padStart(9)} | ` +
        `${(row.bytes / blank).toFixed(2).padStart(4)}× | ${kb(row.noBaseline).padStart(21)} | ` +
        `${(row.noBaseline / rows[0].noBaseline).toFixed(2).padStart(4)}× |`,
    );
  }

  // What the first input holds that the runtime alone does not, by kind (V8's heap and Blink's
  // objects alike: a snapshot counts both; the script's source text is Blink's, not V8's heap).
  const runtime = await open(browser, pages.runtime, kinds);
  const first = await open(browser, pages['first input'], kinds);
  const after = await open(browser, pages['after load'], kinds);
  const grown = [...new Set([...first.keys(), ...after.keys()])]
    .map((kind) => ({
      kind,
      first: (first.get(kind) ?? 0) - (runtime.get(kind) ?? 0),
      after: (after.get(kind) ?? 0) - (runtime.get(kind) ?? 0),
    }))
    .sort((a, b) => b.after - a.after)
    .slice(0, 20);
  console.log(
    `\nWhat the procedure's page adds to the runtime's, by kind (heap snapshot self size)\n`,
  );
  console.log('| kind                                         | first input | after load |');
  console.log('| -------------------------------------------- | ----------: | ---------: |');
  for (const row of grown) {
    console.log(
      `| ${row.kind.slice(0, 44).padEnd(44)} | ${kb(row.first).padStart(11)} | ` +
        `${kb(row.after).padStart(10)} |`,
    );
  }
} finally {
  await browser.close();
  await noBaseline.close();
  await server.close();
  rmSync(work, { recursive: true, force: true });
}
