// A @web/test-runner launcher for WebKit on Linux: Debian's WebKitGTK MiniBrowser driven by its
// WebDriver (`webkit2gtk-driver`: WebKitWebDriver) over plain HTTP, in an Xvfb display
// (WebKitGTK has no headless mode). Run by default where found (scripts/browsers.mjs); see
// docs/browsers.md for what it does and does not stand for (it is not Safari).
//
// The automation session is ephemeral, like Safari's private browsing: its IndexedDB refuses
// Blobs and Files (persistence.ts stores a file's bytes there).
//
// It calls itself a 'puppeteer' launcher and hands @web/test-runner-commands a page whose
// keyboard and mouse speak WebDriver actions, so sendKeys (with down and up) and sendMouse work.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

/** Debian's multiarch folder for this machine (amd64 or arm64). */
const MULTIARCH = process.arch === 'arm64' ? 'aarch64-linux-gnu' : 'x86_64-linux-gnu';
export const MINIBROWSER = `/usr/lib/${MULTIARCH}/webkit2gtk-4.1/MiniBrowser`;
export const WEBKIT_DRIVER = '/usr/bin/WebKitWebDriver';

/** WebDriver's codes for the keys the tests press (W3C WebDriver, "Keyboard actions"). */
const KEYS = {
  Tab: '\uE004',
  Enter: '\uE007',
  Escape: '\uE00C',
  Shift: '\uE008',
  Control: '\uE009',
  Alt: '\uE00A',
  Backspace: '\uE003',
  Space: ' ',
  ArrowLeft: '\uE012',
  ArrowUp: '\uE013',
  ArrowRight: '\uE014',
  ArrowDown: '\uE015',
};

/** @returns {Promise<number>} a free TCP port on 127.0.0.1 */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** @returns {import('@web/test-runner').BrowserLauncher} */
export function webkitLauncher({ binary = MINIBROWSER, driver = WEBKIT_DRIVER } = {}) {
  /** @type {import('node:child_process').ChildProcess | undefined} */
  let xvfb;
  /** @type {import('node:child_process').ChildProcess | undefined} */
  let webdriver;
  let base = '';
  /** @type {string | undefined} */
  let session;
  /** @type {Promise<void> | undefined} */
  let starting;
  const urls = new Map();

  async function call(method, path, body) {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await response.json();
    if (!response.ok) throw new Error(`WebKitWebDriver ${path}: ${JSON.stringify(json.value)}`);
    return json.value;
  }

  async function start() {
    if (!existsSync(binary) || !existsSync(driver)) {
      throw new Error(
        `WebKit needs ${binary} and ${driver}: apt-get install -y webkit2gtk-driver xvfb`,
      );
    }
    const display = `:${90 + Math.floor(Math.random() * 900)}`;
    xvfb = spawn('Xvfb', [display, '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
      stdio: 'ignore',
    });
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    webdriver = spawn(driver, [`--port=${port}`], {
      stdio: 'ignore',
      env: { ...process.env, DISPLAY: display },
    });
    for (let i = 0; ; i++) {
      try {
        await call('GET', '/status');
        break;
      } catch (error) {
        if (i > 50) throw error;
        await sleep(100);
      }
    }
    const created = await call('POST', '/session', {
      capabilities: {
        alwaysMatch: {
          'webkitgtk:browserOptions': { binary, args: ['--automation'] },
        },
      },
    });
    session = created.sessionId;
    await call('POST', `/session/${session}/window/rect`, { width: 800, height: 600 });
  }

  const keyActions = (/** @type {object[]} */ actions) =>
    call('POST', `/session/${session}/actions`, {
      actions: [{ type: 'key', id: 'keyboard', actions }],
    });
  const key = (/** @type {string} */ name) => KEYS[/** @type {keyof KEYS} */ (name)] ?? name;
  const pointer = (/** @type {object[]} */ actions) =>
    call('POST', `/session/${session}/actions`, {
      actions: [{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions }],
    });
  const button = (/** @type {string | undefined} */ name) =>
    name === 'right' ? 2 : name === 'middle' ? 1 : 0;

  const page = {
    keyboard: {
      type: (/** @type {string} */ text) =>
        keyActions(
          [...text].flatMap((c) => [
            { type: 'keyDown', value: c },
            { type: 'keyUp', value: c },
          ]),
        ),
      press: (/** @type {string} */ name) =>
        keyActions([
          { type: 'keyDown', value: key(name) },
          { type: 'keyUp', value: key(name) },
        ]),
      down: (/** @type {string} */ name) => keyActions([{ type: 'keyDown', value: key(name) }]),
      up: (/** @type {string} */ name) => keyActions([{ type: 'keyUp', value: key(name) }]),
    },
    mouse: {
      move: (/** @type {number} */ x, /** @type {number} */ y) =>
        pointer([{ type: 'pointerMove', x: Math.round(x), y: Math.round(y), origin: 'viewport' }]),
      click: (/** @type {number} */ x, /** @type {number} */ y, { button: name } = {}) =>
        pointer([
          { type: 'pointerMove', x: Math.round(x), y: Math.round(y), origin: 'viewport' },
          { type: 'pointerDown', button: button(name) },
          { type: 'pointerUp', button: button(name) },
        ]),
      down: ({ button: name } = {}) => pointer([{ type: 'pointerDown', button: button(name) }]),
      up: ({ button: name } = {}) => pointer([{ type: 'pointerUp', button: button(name) }]),
      reset: () => call('DELETE', `/session/${session}/actions`),
    },
  };

  return {
    name: 'WebKit',
    type: 'puppeteer',
    concurrency: 1,
    async startSession(id, url) {
      starting ??= start();
      await starting;
      urls.set(id, url);
      await call('POST', `/session/${session}/url`, { url });
    },
    isActive: (id) => urls.has(id),
    getBrowserUrl: (id) => urls.get(id),
    getPage: () => page,
    async startDebugSession() {
      throw new Error('Debugging is not supported in WebKit here.');
    },
    async stopSession(id) {
      urls.delete(id);
      // The file's page is closed, as wtr's other launchers close theirs, and the next file gets
      // a new one. A page only sent to about:blank could live on in the back-forward cache with
      // its IndexedDB connection: the next file's first IndexedDB call (the tests' beforeEach
      // that clears the drafts) then waited behind it until mocha's limit, a different file each
      // CI run.
      const { handle } = await call('POST', `/session/${session}/window/new`, { type: 'tab' });
      await call('DELETE', `/session/${session}/window`);
      await call('POST', `/session/${session}/window`, { handle });
      await call('POST', `/session/${session}/window/rect`, { width: 800, height: 600 });
      return {};
    },
    async stop() {
      if (session) await call('DELETE', `/session/${session}`).catch(() => undefined);
      webdriver?.kill();
      xvfb?.kill();
    },
  };
}
