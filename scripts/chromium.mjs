// Where Chromium (or Chrome) is and how we start it, shared by the test runner (scripts/test.mjs,
// the wtr config through scripts/browsers.mjs), the page tests and the benchmark. No browser
// download works on our machines: we use an installed browser — Debian's package
// (`apt-get install -y chromium`) in CI — found on Linux, macOS and Windows, or CHROME_PATH.
import { existsSync } from 'node:fs';
import { Launcher } from 'chrome-launcher';

/**
 * Looked at after chrome-launcher, which finds Chrome through `which` and desktop files on Linux,
 * in /Applications on macOS and in Program Files on Windows, but not Chromium outside Linux's
 * PATH nor Microsoft Edge (Chromium too, and on every Windows machine).
 */
export const CHROME_CANDIDATES = {
  linux: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'],
  darwin: [
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  ],
  win32: [
    ...[process.env.PROGRAMFILES, process.env['PROGRAMFILES(X86)'], process.env.LOCALAPPDATA]
      .filter(Boolean)
      .flatMap((dir) => [
        `${dir}\\Chromium\\Application\\chrome.exe`,
        `${dir}\\Microsoft\\Edge\\Application\\msedge.exe`,
      ]),
  ],
}[process.platform] ?? ['/usr/bin/chromium'];

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

/** @returns {string[]} chrome-launcher's installations, best first; none where it finds none */
function chromeLauncherInstallations() {
  try {
    return Launcher.getInstallations();
  } catch {
    // On Linux it throws when it finds nothing; on an OS it does not know it throws too.
    return [];
  }
}

/**
 * CHROME_PATH when it exists, else the first Chrome or Chromium that chrome-launcher finds, else
 * the first of {@link CHROME_CANDIDATES} that exists.
 *
 * @returns {string | undefined}
 */
export function findChromium({ quiet = false } = {}) {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  if (fromEnv && !quiet) console.log(`CHROME_PATH=${fromEnv} does not exist; looking elsewhere.`);
  return (
    chromeLauncherInstallations().find((path) => path !== fromEnv && existsSync(path)) ??
    CHROME_CANDIDATES.find((path) => existsSync(path))
  );
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
      `Chromium not found (looked at CHROME_PATH, chrome-launcher's installations and ` +
        `${CHROME_CANDIDATES.join(', ')}). Install Chromium or Chrome (on Debian, as root: ` +
        '`apt-get update && apt-get install -y chromium`), or set CHROME_PATH. `npm test` ' +
        'installs it by itself when run as root on Debian.',
    );
  }
  const { launch } = await import('puppeteer-core');
  return launch({ executablePath, headless: true, args: [...CHROME_ARGS, ...args] });
}
