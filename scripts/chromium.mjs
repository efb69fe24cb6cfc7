// Where Chromium is and how we start it, shared by the test runner (scripts/test.mjs, the wtr
// config), the page tests and the benchmark. No browser download works on our machines: we use
// Debian's package (`apt-get install -y chromium`), or CHROME_PATH.
import { existsSync } from 'node:fs';

export const CHROME_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
];

/**
 * As root Chromium needs --no-sandbox; the rest stop it reaching for a network that our machines
 * do not have.
 */
export const CHROME_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** @returns {string | undefined} CHROME_PATH when it exists, else the first candidate found */
export function findChromium({ quiet = false } = {}) {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  if (fromEnv && !quiet) console.log(`CHROME_PATH=${fromEnv} does not exist; looking elsewhere.`);
  return CHROME_CANDIDATES.find((path) => existsSync(path));
}

/**
 * Starts headless Chromium through puppeteer-core (CDP), for page tests and the benchmark.
 *
 * @param {{ args?: string[] }} [options] extra command-line switches
 * @returns {Promise<import('puppeteer-core').Browser>}
 */
export async function launchChromium({ args = [] } = {}) {
  const executablePath = findChromium({ quiet: true });
  if (!executablePath) {
    throw new Error(
      `Chromium not found (looked at CHROME_PATH and ${CHROME_CANDIDATES.join(', ')}). Install ` +
        'it as root with `apt-get update && apt-get install -y chromium`, or set CHROME_PATH. ' +
        '`npm test` installs it by itself when run as root.',
    );
  }
  const { launch } = await import('puppeteer-core');
  return launch({ executablePath, headless: true, args: [...CHROME_ARGS, ...args] });
}
