// Browser tests: packages/*/test/**/*.browser.test.ts, in Debian's Chromium (no browser download
// works on our machines). Run through `npm test`, which also runs the Node tests and prints the
// combined counts, or alone with `npm run test:browser`.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fromRollup } from '@web/dev-server-rollup';
import { motcuaProcedures } from '@motcua/core/compiler';
import vn from '@motcua/vn/pack';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { CHROME_ARGS } from './scripts/chromium.mjs';
import { summaryCountsReporter } from './scripts/wtr-summary-reporter.mjs';

const root = dirname(fileURLToPath(import.meta.url));
const chromePath = process.env.CHROME_PATH || '/usr/bin/chromium';

if (!existsSync(chromePath)) {
  throw new Error(
    `Chromium not found at ${chromePath}. Install it (as root: apt-get update && apt-get install ` +
      '-y chromium) or set CHROME_PATH to a Chromium or Chrome binary. `npm test` installs it ' +
      'by itself when run as root.',
  );
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
  fromRollup(motcuaProcedures)({ packs: [vn] }),
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
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: chromePath,
        args: CHROME_ARGS,
      },
    }),
  ],
  reporters: [defaultReporter(), summaryCountsReporter()],
  // Mocha's 2 s per test is short on a loaded 2-core machine for the tests that step a manual
  // clock through a minute and a half of countdown, rendering each second; 10 s still catches a
  // test that hangs.
  testFramework: { config: { timeout: 10_000 } },
};
