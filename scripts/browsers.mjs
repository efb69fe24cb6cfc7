// Which browsers the browser tests run in, and where they are, on Linux, macOS and Windows. Shared
// by scripts/test.mjs (which installs Debian's packages when missing) and the wtr config.
//
//   MOTCUA_BROWSERS=chromium,firefox,webkit   the default: every one of these that is found
//                                             (WebKit only on Linux: WebKitGTK under Xvfb)
//   MOTCUA_BROWSERS=firefox                   one of them, or any list
//   CHROME_PATH=…  FIREFOX_PATH=…      a binary to use, looked at before the usual places
//
// Chromium is driven over CDP, Firefox over WebDriver BiDi, both by puppeteer-core; WebKit by
// WebKitWebDriver (scripts/webkit-launcher.mjs). docs/browsers.md says why and what is tested.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { findChromium } from './chromium.mjs';
import { MINIBROWSER, WEBKIT_DRIVER } from './webkit-launcher.mjs';

/** The browsers the tests know, in the order they run. */
export const BROWSER_NAMES = /** @type {const} */ (['chromium', 'firefox', 'webkit']);

/** Those the tests run in when MOTCUA_BROWSERS is not set (WebKit where it can be driven). */
export const DEFAULT_BROWSERS = /** @type {const} */ (['chromium', 'firefox', 'webkit']);

/** Whether WebKit can be driven on this OS at all: WebKitGTK, so Linux only. */
export const WEBKIT_POSSIBLE = process.platform === 'linux';

/** @typedef {(typeof BROWSER_NAMES)[number]} BrowserName */

/** The Debian packages that provide each browser (scripts/test.mjs installs them as root). */
export const DEBIAN_PACKAGES = {
  chromium: ['chromium'],
  firefox: ['firefox-esr'],
  // WebKitWebDriver, which pulls in libwebkit2gtk-4.1-0 and its MiniBrowser; WebKitGTK has no
  // headless mode, so it draws into an Xvfb display (started directly: no xvfb-run, no xauth).
  webkit: ['webkit2gtk-driver', 'xvfb'],
};

/** Where Firefox usually is on each OS (ESR first on Linux: Debian ships only that). */
export const FIREFOX_CANDIDATES = {
  linux: [
    '/usr/bin/firefox-esr',
    '/usr/bin/firefox',
    '/usr/lib/firefox-esr/firefox-esr',
    '/usr/lib/firefox/firefox',
    '/opt/firefox/firefox',
  ],
  darwin: [
    '/Applications/Firefox.app/Contents/MacOS/firefox',
    join(homedir(), 'Applications/Firefox.app/Contents/MacOS/firefox'),
    '/Applications/Firefox Developer Edition.app/Contents/MacOS/firefox',
    '/Applications/Firefox Nightly.app/Contents/MacOS/firefox',
  ],
  win32: [process.env.PROGRAMFILES, process.env['PROGRAMFILES(X86)'], process.env.LOCALAPPDATA]
    .filter(Boolean)
    .map((dir) => `${dir}\\Mozilla Firefox\\firefox.exe`),
}[process.platform] ?? ['/usr/bin/firefox'];

/** @returns {string | undefined} FIREFOX_PATH when it exists, else the first candidate found */
export function findFirefox({ quiet = false } = {}) {
  const fromEnv = process.env.FIREFOX_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  if (fromEnv && !quiet) console.log(`FIREFOX_PATH=${fromEnv} does not exist; looking elsewhere.`);
  return FIREFOX_CANDIDATES.find((path) => existsSync(path));
}

/**
 * @param {BrowserName} name
 * @returns {string | undefined} the browser's executable, when found
 */
export function findBrowser(name, { quiet = false } = {}) {
  if (name === 'webkit') {
    if (!WEBKIT_POSSIBLE) return undefined;
    const found = [MINIBROWSER, WEBKIT_DRIVER, '/usr/bin/Xvfb'].every((path) => existsSync(path));
    return found ? MINIBROWSER : undefined;
  }
  return name === 'firefox' ? findFirefox({ quiet }) : findChromium({ quiet });
}

/**
 * The browsers asked for in MOTCUA_BROWSERS (comma-separated), or {@link DEFAULT_BROWSERS} when
 * it is unset or empty; `explicit` says whether they were asked for, so that a missing one is an error rather
 * than left out.
 *
 * @returns {{ names: BrowserName[], explicit: boolean }}
 */
export function requestedBrowsers(value = process.env.MOTCUA_BROWSERS) {
  const names = (value ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  if (names.length === 0) return { names: [...DEFAULT_BROWSERS], explicit: false };
  const unknown = names.filter((name) => !BROWSER_NAMES.includes(/** @type {any} */ (name)));
  if (unknown.length > 0) {
    throw new Error(
      `MOTCUA_BROWSERS=${value}: unknown browser ${unknown.join(', ')}; use a comma-separated ` +
        `list of ${BROWSER_NAMES.join(', ')}, e.g. MOTCUA_BROWSERS=firefox.`,
    );
  }
  return {
    names: BROWSER_NAMES.filter((name) => names.includes(name)),
    explicit: true,
  };
}

/**
 * How to install a missing browser, for messages.
 *
 * @param {BrowserName} name
 */
export function installHint(name) {
  const install = `apt-get update && apt-get install -y ${DEBIAN_PACKAGES[name].join(' ')}`;
  if (name === 'webkit') return `install it (on Debian, as root: ${install}).`;
  const env = name === 'firefox' ? 'FIREFOX_PATH' : 'CHROME_PATH';
  return (
    `install it (on Debian, as root: ${install}) or set ${env} to its binary; \`npm test\` ` +
    'installs it by itself when run as root on Debian.'
  );
}
