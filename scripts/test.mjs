// `npm test`: the static checks (typecheck, lint, build, docs: each counted as one test, so CI's
// `npm ci && npm test` is the whole gate), the Node tests (node:test through tsx), the browser
// tests (@web/test-runner in Chromium, Firefox and, on Linux, WebKitGTK) and the page tests (built
// pages in Chromium),
// then one closing line with the summed counts, `N passed, N failed, N skipped`, which CI reads as
// the result. Every runner runs even if one fails. Exits 1 if any test failed or a runner crashed
// (a crash without counts counts as one failed test).
//
//   node scripts/test.mjs                  all checks and tests
//   node scripts/test.mjs --only=checks    typecheck, lint, build and the API reference (TypeDoc,
//                                          warnings fail)
//   node scripts/test.mjs --only=node      {packages,examples}/*/test/**/*.test.ts, but not these:
//   node scripts/test.mjs --only=browser   packages/*/test/**/*.browser.test.ts (wtr, in Chromium,
//                                          Firefox and WebKit; MOTCUA_BROWSERS=firefox for one)
//   node scripts/test.mjs --only=pages     *.page.test.ts: node:test driving Chromium through CDP
//                                          over built pages (run `npm run build` first when alone)
//
// Tests import workspace packages by their public names; `--conditions=source` resolves those to
// the TypeScript sources, so no build is needed first.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DEBIAN_PACKAGES,
  WEBKIT_POSSIBLE,
  findBrowser,
  installHint,
  requestedBrowsers,
} from './browsers.mjs';
import { ensurePostgres, startPostgres } from './postgres.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
if (only !== undefined && !['checks', 'node', 'browser', 'pages'].includes(only)) {
  console.error(
    `test: unknown --only=${only}; use --only=checks, --only=node, --only=browser or --only=pages.`,
  );
  process.exit(2);
}

/** @typedef {{passed: number, failed: number, skipped: number}} Counts */

/** @returns {string[]} files below `dir` (skipping node_modules), sorted */
function walk(dir) {
  if (!existsSync(dir)) return [];
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...walk(path));
    else if (entry.isFile()) files.push(path);
  }
  return files.sort();
}

/** @returns {string[]} every {packages,examples}/<name>/test/**\/*.test.ts, relative to the root */
function findTestFiles() {
  return ['packages', 'examples']
    .map((top) => join(root, top))
    .filter((dir) => existsSync(dir))
    .flatMap((dir) =>
      readdirSync(dir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .flatMap((entry) => walk(join(dir, entry.name, 'test'))),
    )
    .filter((file) => file.endsWith('.test.ts'))
    .map((file) => relative(root, file));
}

/** Runs a command with inherited output; resolves to its exit code (1 if it could not start). */
function run(command, args, env = process.env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env, stdio: 'inherit' });
    child.on('error', (error) => {
      console.error(`test: could not start ${command}: ${error.message}`);
      resolve(1);
    });
    child.on('close', (code, signal) => {
      if (signal) console.error(`test: ${command} was stopped by ${signal}`);
      resolve(code ?? 1);
    });
  });
}

/** @returns {Counts | undefined} */
function readCounts(file) {
  try {
    const counts = JSON.parse(readFileSync(file, 'utf8'));
    return ['passed', 'failed', 'skipped'].every((key) => Number.isInteger(counts[key]))
      ? counts
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A runner's counts, trusting its exit code over its report: a non-zero exit with no failed test
 * reported (a crash, a file that could not load, an error outside any test) is one failure.
 * @returns {Counts}
 */
function settle(name, code, counts) {
  if (counts === undefined) {
    console.error(`test: ${name} exited with code ${code} and reported no counts.`);
    return { passed: 0, failed: 1, skipped: 0 };
  }
  if (code !== 0 && counts.failed === 0) {
    console.error(`test: ${name} exited with code ${code} without a failing test; counted as 1.`);
    return { ...counts, failed: 1 };
  }
  return counts;
}

/**
 * Finds each browser, installing Debian's packages for the missing ones in one go when running
 * as root on Linux with apt-get (CI may run on a fresh machine; no browser download works there,
 * only the Debian packages: chromium, firefox-esr, webkit2gtk-driver and xvfb, in one apt-get call).
 *
 * @param {import('./browsers.mjs').BrowserName[]} names
 * @returns {Map<import('./browsers.mjs').BrowserName, string>} the ones found, by name
 */
function ensureBrowsers(names) {
  const find = () =>
    new Map(
      names.flatMap((name) => {
        const path = findBrowser(name, { quiet: true });
        return path ? [[name, path]] : [];
      }),
    );
  const found = find();
  const missing = names.filter((name) => !found.has(name));
  const canInstall =
    process.platform === 'linux' &&
    process.getuid?.() === 0 &&
    spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  if (missing.length === 0 || !canInstall) return found;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const aptGet = (/** @type {string[]} */ args) => {
    console.log(`test: ${missing.join(' and ')} not found; running apt-get ${args.join(' ')}`);
    const result = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (result.status === 0) return true;
    console.error(`test: apt-get ${args.join(' ')} failed (${result.error ?? result.status}).`);
    return false;
  };
  if (!aptGet(['update'])) return found;
  // One call for all; should one browser's packages fail, each browser on its own, so that a
  // missing WebKit never costs the run its Chromium.
  if (!aptGet(['install', '-y', ...missing.flatMap((name) => DEBIAN_PACKAGES[name])])) {
    for (const name of missing) aptGet(['install', '-y', ...DEBIAN_PACKAGES[name]]);
  }
  return find();
}

/**
 * The browsers the wtr suite runs in, found or installed: those in MOTCUA_BROWSERS, else all
 * (WebKit on Linux only). A browser asked for by name, or in CI, that cannot be found is a failure;
 * elsewhere a missing Firefox or WebKit only warns (a developer's machine without them still runs
 * the suite in Chromium).
 *
 * @returns {{ paths: Map<import('./browsers.mjs').BrowserName, string>, missing: string[] }}
 */
function browsersForSuite() {
  let requested;
  try {
    requested = requestedBrowsers();
  } catch (error) {
    console.error(`test: ${/** @type {Error} */ (error).message}`);
    return { paths: new Map(), missing: ['(MOTCUA_BROWSERS)'] };
  }
  const { explicit } = requested;
  // WebKit is WebKitGTK, Linux only: elsewhere it is left out unless asked for by name.
  const names = requested.names.filter((name) => explicit || name !== 'webkit' || WEBKIT_POSSIBLE);
  const paths = ensureBrowsers(names);
  const missing = [];
  for (const name of names.filter((name) => !paths.has(name))) {
    const required = explicit || name === 'chromium' || Boolean(process.env.CI);
    console[required ? 'error' : 'warn'](
      `test: ${name} ${required ? 'is needed' : 'was not found, so the browser tests skip it'}: ` +
        installHint(name),
    );
    if (required) missing.push(name);
  }
  return { paths, missing };
}

/**
 * A throwaway PostgreSQL cluster on 127.0.0.1 for the node tests (scripts/postgres.mjs),
 * installing Debian's package first when missing and running as root.
 * @returns {Promise<{ url: string, stop: () => void } | undefined>}
 */
async function startTestPostgres() {
  const bin = ensurePostgres();
  if (!bin) return undefined;
  try {
    const started = await startPostgres({ bin });
    console.log(`test: PostgreSQL for the server tests at ${started.url}`);
    return started;
  } catch (error) {
    console.error(`test: ${/** @type {Error} */ (error).message}`);
    return undefined;
  }
}

const testFiles = only === 'checks' ? [] : findTestFiles();
const isBrowser = (/** @type {string} */ f) => f.endsWith('.browser.test.ts');
const isPage = (/** @type {string} */ f) => f.endsWith('.page.test.ts');
const runs = (/** @type {string} */ kind) => only === undefined || only === kind;
const nodeFiles = runs('node') ? testFiles.filter((f) => !isBrowser(f) && !isPage(f)) : [];
const browserFiles = runs('browser') ? testFiles.filter(isBrowser) : [];
const pageFiles = runs('pages') ? testFiles.filter(isPage) : [];
const checks =
  only === undefined || only === 'checks' ? ['typecheck', 'lint', 'build', 'docs'] : [];
/**
 * Runs test files with node:test through tsx, resolving workspace packages to their sources.
 * @returns {Promise<Counts>}
 */
async function nodeTest(name, files, summaryName, env = {}) {
  const summary = join(outDir, summaryName);
  const code = await run(
    process.execPath,
    [
      '--import',
      'tsx',
      '--conditions=source',
      '--test',
      // A test file that hangs fails after five minutes instead of stalling CI. (On Node 20 the
      // limit applies to each file as a whole: the crash and chaos files take one to two minutes
      // on a loaded 2-core machine.)
      '--test-timeout=300000',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      `--test-reporter=${join(root, 'scripts', 'node-summary-reporter.mjs')}`,
      `--test-reporter-destination=${summary}`,
      ...files,
    ],
    { ...process.env, ...env },
  );
  return settle(name, code, readCounts(summary));
}

const outDir = mkdtempSync(join(tmpdir(), 'motcua-test-'));
/** @type {Counts[]} */
const results = [];

try {
  for (const check of checks) {
    console.log(`test: npm run ${check}`);
    const code = await run(process.platform === 'win32' ? 'npm.cmd' : 'npm', [
      'run',
      '--silent',
      check,
    ]);
    console.log(`test: ${check} ${code === 0 ? 'passed' : `failed (exit ${code})`}`);
    results.push(
      code === 0 ? { passed: 1, failed: 0, skipped: 0 } : { passed: 0, failed: 1, skipped: 0 },
    );
  }

  if (nodeFiles.length > 0) {
    // The server's tests run on embedded PGlite and on a real PostgreSQL: one throwaway cluster
    // for the whole run, each test file making its own database in it. Without PostgreSQL (and
    // not installable here) those tests fail in CI and are skipped elsewhere.
    const postgres = await startTestPostgres();
    try {
      results.push(
        await nodeTest(
          'node --test',
          nodeFiles,
          'node.json',
          postgres ? { MOTCUA_TEST_POSTGRES_URL: postgres.url } : {},
        ),
      );
    } finally {
      postgres?.stop();
    }
  } else if (runs('node') && only !== undefined) {
    console.log('test: no Node test files yet.');
  }

  if (browserFiles.length === 0) {
    if (only === 'browser') console.log('test: no browser test files yet.');
  } else {
    const { paths, missing } = browsersForSuite();
    const wtr = join(root, 'node_modules', '@web', 'test-runner', 'dist', 'bin.js');
    for (const name of missing) results.push(settle(`web-test-runner in ${name}`, 1, undefined));
    if (!existsSync(wtr)) {
      console.error('test: @web/test-runner is not installed; run `npm ci` first.');
      results.push(settle('web-test-runner', 1, undefined));
    } else if (paths.size > 0) {
      const summary = join(outDir, 'wtr.json');
      const env = {
        ...process.env,
        MOTCUA_BROWSERS: [...paths.keys()].join(','),
        MOTCUA_WTR_SUMMARY: summary,
        ...(paths.has('chromium') ? { CHROME_PATH: paths.get('chromium') } : {}),
        ...(paths.has('firefox') ? { FIREFOX_PATH: paths.get('firefox') } : {}),
      };
      const code = await run(
        process.execPath,
        ['--import', 'tsx', '--conditions=source', wtr, '--config', 'web-test-runner.config.mjs'],
        env,
      );
      results.push(settle('web-test-runner', code, readCounts(summary)));
    }
  }

  if (pageFiles.length === 0) {
    if (only === 'pages') console.log('test: no page test files yet.');
  } else {
    // The page tests drive Chromium over CDP only (scripts/page-driver.mjs; docs/browsers.md).
    const chromePath = ensureBrowsers(['chromium']).get('chromium');
    if (!chromePath) console.error(`test: chromium is needed: ${installHint('chromium')}`);
    results.push(
      chromePath
        ? await nodeTest('page tests', pageFiles, 'pages.json', { CHROME_PATH: chromePath })
        : settle('page tests', 1, undefined),
    );
  }
} finally {
  rmSync(outDir, { recursive: true, force: true });
}

const total = results.reduce(
  (sum, counts) => ({
    passed: sum.passed + counts.passed,
    failed: sum.failed + counts.failed,
    skipped: sum.skipped + counts.skipped,
  }),
  { passed: 0, failed: 0, skipped: 0 },
);
// The very last line of the output: CI reads it as the result.
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exitCode = total.failed > 0 ? 1 : 0;
