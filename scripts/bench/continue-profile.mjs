// Where a Continue's time goes: the bench site's fast path of one procedure (scripts/bench/
// site.mjs), CPU throttled ×4, its answers filled in once the machine runs, then every Continue
// but the last (to review) profiled through CDP (a sample every 100 µs), in a fresh context per
// load. Prints each load's Continue times and the functions with the most self time over all
// loads: `(program)` is the browser's own work (style, layout, paint), and a DOM method (`focus`,
// `remove`, `importNode`) holds the style or layout it forced. Each Continue's time is split
// into the engine's (the session's next(): XState's transition and the checks), Lit's render of
// the new page (the element's update()) and the rest, the browser's (style, layout, the
// heading's focus, which forces them, and the wait for the next frame).
//
//   node --import tsx --conditions=source scripts/bench/continue-profile.mjs [procedure] [loads]
//
// `procedure` is one of site.mjs's TIMED (birth-registration by default); loads 3. Needs the
// runtime built (`npm run build`). Figures for reading, not for asserting.
/* global window, document */
import { launchChromium } from '../chromium.mjs';
import { serveStatic } from '../serve-static.mjs';
import { buildBenchSite, pagePath } from './site.mjs';

const id = process.argv[2] ?? 'birth-registration';
const loads = Number(process.argv[3] ?? 3);
const { site } = await buildBenchSite();
const server = await serveStatic({ root: site });
const browser = await launchChromium();
/** Self time in ms by function, over every load. */
const totals = new Map();
try {
  for (let load = 0; load < loads; load++) {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    const cdp = await page.createCDPSession();
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.goto(`${server.origin}${pagePath('fast', id)}`, { waitUntil: 'load' });
    await page.evaluate(() => window.motcuaBench.ready);
    await page.evaluate(() => window.motcuaBench.fill());
    // The chunks fetched after the first page have come, as for a citizen reading it.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    const times = await page.evaluate(async () => {
      const bench = window.motcuaBench;
      // Each Continue split: the engine (the session's next(), XState's transition and the
      // checks), Lit's render of the new page (the element's update()), and the rest, the
      // browser's (style, layout, focus, paint, the frame).
      const element = document.querySelector('motcua-procedure');
      const session = element.session;
      const timed = (object, name, into) => {
        const original = object[name].bind(object);
        object[name] = (...args) => {
          const start = performance.now();
          try {
            return original(...args);
          } finally {
            into.ms += performance.now() - start;
          }
        };
      };
      const engine = { ms: 0 };
      const render = { ms: 0 };
      timed(session, 'next', engine);
      timed(element, 'update', render);
      const steps = [];
      for (;;) {
        engine.ms = render.ms = 0;
        const step = await bench.next();
        steps.push({ ...step, engine: engine.ms, render: render.ms });
        if (!bench.where().startsWith('step:')) return steps;
      }
    });
    const { profile } = await cdp.send('Profiler.stop');
    const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
    profile.samples.forEach((sample, index) => {
      const { functionName, url, lineNumber, columnNumber } = nodes.get(sample).callFrame;
      const key = `${functionName || '(anonymous)'} ${url.replace(/^.*\//, '')}:${lineNumber}:${columnNumber}`;
      totals.set(key, (totals.get(key) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000);
    });
    console.log(
      `load ${load + 1}, ms (engine + render + browser): ` +
        times
          .map(
            (t) =>
              `${t.step} ${Math.round(t.ms)} (${t.engine.toFixed(1)} + ${t.render.toFixed(1)} + ` +
              `${(t.ms - t.engine - t.render).toFixed(0)})`,
          )
          .join(', '),
    );
    await context.close();
  }
  console.log('\nself time, ms, over every load (the last Continue, to review, included)');
  for (const [key, ms] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, 30)) {
    console.log(`${ms.toFixed(1).padStart(8)}  ${key}`);
  }
} finally {
  await browser.close();
  await server.close();
}
