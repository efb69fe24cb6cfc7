// Browser tests: packages/*/test/**/*.browser.test.ts, in Chromium (over CDP) and Firefox (over
// WebDriver BiDi), both driven by puppeteer-core through @web/test-runner-chrome's launcher, and
// WebKitGTK (classic WebDriver, scripts/webkit-launcher.mjs, Linux only), with installed browsers
// (no browser download works on our machines; scripts/browsers.mjs finds them). By default all
// three run (Firefox and WebKit are left out with a warning when not found); MOTCUA_BROWSERS=
// picks some, e.g. MOTCUA_BROWSERS=chromium or =firefox,webkit. Run through
// `npm test`, which also runs the Node tests and prints the combined counts, or alone with
// `npm run test:browser`.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fromRollup } from '@web/dev-server-rollup';
import { motcuaProcedures } from '@motcua/core/compiler';
import vn from '@motcua/vn/pack';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher, puppeteerCore } from '@web/test-runner-chrome';
import {
  WEBKIT_POSSIBLE,
  findBrowser,
  installHint,
  requestedBrowsers,
} from './scripts/browsers.mjs';
import { CHROME_ARGS } from './scripts/chromium.mjs';
import { webkitLauncher } from './scripts/webkit-launcher.mjs';
import { summaryCountsReporter } from './scripts/wtr-summary-reporter.mjs';

const root = dirname(fileURLToPath(import.meta.url));

/**
 * One launcher per browser. Passing `puppeteer` names them "Chromium" and "Firefox" in the
 * reports; @web/test-runner-chrome 0.18 wants puppeteer-core 24, the same copy as ours, which
 * drives Firefox over WebDriver BiDi when told `browser: 'firefox'`.
 *
 * @param {import('./scripts/browsers.mjs').BrowserName} name
 * @param {string} executablePath
 */
function launcher(name, executablePath) {
  if (name === 'webkit') return webkitLauncher({ binary: executablePath });
  return name === 'firefox'
    ? chromeLauncher({
        puppeteer: puppeteerCore,
        launchOptions: { browser: 'firefox', executablePath, headless: true },
      })
    : chromeLauncher({
        puppeteer: puppeteerCore,
        launchOptions: { executablePath, args: CHROME_ARGS },
      });
}

const { names, explicit } = requestedBrowsers();
const found = names
  // WebKit is WebKitGTK: not on macOS or Windows unless asked for (and then an error below).
  .filter((name) => explicit || name !== 'webkit' || WEBKIT_POSSIBLE)
  .map((name) => ({ name, path: findBrowser(name, { quiet: true }) }));
for (const { name, path } of found) {
  // Chromium is always needed unless left out on purpose; Firefox and WebKit only when asked for.
  if (!path && (explicit || name === 'chromium')) {
    throw new Error(`${name} not found for the browser tests: ${installHint(name)}`);
  }
  if (!path) {
    console.warn(`wtr: ${name} not found, so the browser tests skip it: ${installHint(name)}`);
  }
}

/**
 * Dev-server plugins, in order. `motcuaProcedures` (through `fromRollup`) lets tests import a
 * `*.procedure.json` as its compiled module, exactly as a built page gets it; `mimeTypes` below
 * serves those files as JavaScript. scripts/test.mjs starts wtr with
 * `node --import tsx --conditions=source`, so this config imports the compiler's TypeScript
 * sources by package name.
 *
 * @type {import('@web/test-runner').TestRunnerPlugin[]}
 */
export const plugins = [
  // The Vietnam pack, as the example sites build them: the birth registration checks names
  // with its vn-person-name.
  fromRollup(motcuaProcedures)({ packs: [vn], underFileName: true }),
  esbuildPlugin({
    ts: true,
    target: 'es2022',
    // Read raw, ignoring "extends": this file holds every option esbuild needs.
    tsconfig: join(root, 'tsconfig.browser-tests.json'),
  }),
];

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  rootDir: root,
  files: ['packages/*/test/**/*.browser.test.ts'],
  nodeResolve: { exportConditions: ['source', 'browser', 'import', 'default'] },
  mimeTypes: { '**/*.procedure.json': 'js' },
  plugins,
  browsers: found.flatMap(({ name, path }) => (path ? [launcher(name, path)] : [])),
  reporters: [defaultReporter(), summaryCountsReporter()],
  // One browser at a time: Chromium, then Firefox, then WebKit, each on a quiet machine. Side by
  // side on the 2-core CI machine, WebKit (driven over classic WebDriver, the slowest to answer)
  // missed a real click's letter and timed out beside whichever browser was still running; the
  // countdown tests, which render each second of a minute and a half, are at risk there too.
  concurrentBrowsers: 1,
  // Mocha's 2 s per test is short on a loaded 2-core machine for the tests that step a manual
  // clock through a minute and a half of countdown, rendering each second. 30 s still catches a
  // test that hangs. (The WebKit "timeouts" of a file's first test, a different file each CI run,
  // were its first IndexedDB call waiting behind the last file's page: see webkit-launcher.mjs.)
  testFramework: { config: { timeout: 30_000 } },
};
