// Screenshots of every kiosk screen and of the volunteers' tablet, for docs/kiosk.md: `npm start`'s
// server (the repository's motcua.config.json, PGlite in a temporary folder, a staff token) and
// Debian's Chromium, driven as a citizen and a volunteer would, one PNG per screen in docs/kiosk/.
//
//   npm run build     (the runtime the server serves)
//   node --import tsx --conditions=source scripts/screenshots.mjs [--only=welcome,slip,…]
//
// A screen that cannot be reached is reported and left out; the others are still taken. Exits 1
// when any screen failed.
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, loadConfig } from '@motcua/server';
import { launchChromium } from './chromium.mjs';
import { answer, control, inForm, waitForForm, where } from './page-driver.mjs';
import { BIRTH_REGISTRATION } from '../packages/elements/test/journeys.ts';

/* global document, window -- in the functions page.evaluate runs in Chromium */

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'docs', 'kiosk');
const only = process.argv
  .find((arg) => arg.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');

/** A kiosk's portrait touch screen; the volunteers' tablet is shown at the same size. */
const VIEWPORT = { width: 900, height: 1400, deviceScaleFactor: 1, hasTouch: true };
/** 80 mm paper, about 72 mm printable: 302 CSS pixels at 96 per inch is the full 80 mm. */
const RECEIPT_WIDTH = 302;
/** A4 is 210 mm wide: 794 CSS pixels. */
const A4_WIDTH = 794;
const STAFF_TOKEN = 'screenshots-staff-token';

/** The birth registration as a walk-in files it, page by page (no scan: the paper is brought). */
const { attachments: _scan, ...BIRTH } = BIRTH_REGISTRATION;

/** @typedef {import('puppeteer-core').Page} Page */

/** @type {{ name: string, ok: boolean, note: string }[]} */
const report = [];

/**
 * Takes one screenshot: the viewport, cut to the page's height when it is shorter. `full`
 * takes the whole page instead (the print views).
 *
 * @param {Page} page
 * @param {string} name
 * @param {{ full?: boolean }} [options]
 */
async function shoot(page, name, { full = false } = {}) {
  await page.evaluate(() => document.fonts.ready);
  const file = join(out, `${name}.png`);
  if (full) {
    await page.screenshot({ path: file, fullPage: true });
  } else {
    // Down to the end of what is drawn (plus a margin), not the empty page below it.
    const { top, bottom } = await page.evaluate(() => ({
      top: window.scrollY,
      bottom:
        Math.max(
          ...[...document.body.children].map(
            (child) => child.getBoundingClientRect().bottom + window.scrollY,
          ),
        ) + 24,
    }));
    const viewport = page.viewport() ?? VIEWPORT;
    await page.screenshot({
      path: file,
      clip: {
        x: 0,
        y: top,
        width: viewport.width,
        height: Math.max(200, Math.min(bottom - top, viewport.height)),
      },
    });
  }
  report.push({ name, ok: true, note: `${Math.round(statSync(file).size / 1024)} KB` });
}

/**
 * Runs one screen's steps and its screenshot; a failure is reported, not thrown.
 *
 * @param {string} name
 * @param {() => Promise<void>} steps
 */
async function screen(name, steps) {
  if (only && !only.includes(name)) {
    return;
  }
  try {
    await steps();
  } catch (error) {
    report.push({ name, ok: false, note: String(/** @type {Error} */ (error).message ?? error) });
  }
}

/** @param {Page} page @param {string} id the screen heading's id */
async function waitForScreen(page, id) {
  await page.waitForFunction(
    (wanted) => document.querySelector('#screen h1')?.id === wanted,
    { timeout: 15_000 },
    id,
  );
}

/** @param {Page} page @param {string} selector */
async function tap(page, selector) {
  const handle = await page.waitForSelector(selector, { visible: true, timeout: 10_000 });
  if (!handle) throw new Error(`nothing matches ${selector}`);
  await handle.scrollIntoView();
  await handle.tap();
}

/** Taps the button whose text is `label` (`scope` `motcua-procedure >>> ` for the form's). */
async function tapButton(/** @type {Page} */ page, /** @type {string} */ label, scope = '') {
  for (const button of await page.$$(`${scope}button`)) {
    const text = await button.evaluate((node) => node.textContent?.replace(/\s+/g, ' ').trim());
    const shown = await button.evaluate((node) => node.getClientRects().length > 0);
    if (text === label && shown) {
      await button.scrollIntoView();
      await button.tap();
      return;
    }
  }
  throw new Error(`no button "${label}"`);
}

/** Back to the welcome screen (through "Về trang đầu" and its question when asked). */
async function goHome(/** @type {Page} */ page) {
  if (await page.$('#restart')) {
    await tap(page, '#restart');
    if (await page.waitForSelector('#confirm-yes', { timeout: 1000 }).catch(() => null)) {
      await tap(page, '#confirm-yes');
    }
  }
  await waitForScreen(page, 'welcome-title');
  await page.evaluate(() => window.scrollTo(0, 0));
}

/** Opens a procedure's start page from the welcome screen, then its form. */
async function openForm(/** @type {Page} */ page, /** @type {string} */ id) {
  await goHome(page);
  await tap(page, `button[data-procedure="${id}"]`);
  await waitForScreen(page, 'start-title');
  await page.waitForFunction(() => !document.querySelector('#start')?.hasAttribute('disabled'));
  await tap(page, '#start');
  await waitForForm(page);
}

/**
 * Answers the form's pages from `journey` (answers by step) and continues, until the step
 * `until` is on screen. The kiosk asks one question per page: each page answers what it asks.
 */
async function walk(/** @type {Page} */ page, /** @type {Record<string, any>} */ journey, until) {
  const onScreen = () =>
    page.evaluate(() => {
      const snapshot = /** @type {any} */ (document.querySelector('motcua-procedure'))?.session
        ?.snapshot;
      return {
        step: snapshot?.status === 'filling' ? snapshot.step?.id : snapshot?.status,
        page: snapshot?.page ?? 0,
        fields: (snapshot?.fields ?? []).map((/** @type {any} */ field) => field.id),
      };
    });
  for (let guard = 0; guard < 120; guard++) {
    const at = await onScreen();
    if (at.step === until) return;
    const answers = journey[at.step];
    if (!answers) throw new Error(`no answers for the step "${at.step}"`);
    for (const [id, value] of Object.entries(answers)) {
      if ((await onScreen()).fields.includes(id)) await answer(page, id, value, tmp);
    }
    await (await control(page, 'form button[type=submit]')).tap();
    await page.waitForFunction(
      (from) => {
        const snapshot = /** @type {any} */ (document.querySelector('motcua-procedure'))?.session
          ?.snapshot;
        return (
          snapshot?.status !== 'filling' ||
          snapshot.step?.id !== from.step ||
          snapshot.page !== from.page
        );
      },
      { timeout: 10_000 },
      at,
    );
  }
  throw new Error(`never reached "${until}"`);
}

const tmp = mkdtempSync(join(tmpdir(), 'motcua-screenshots-'));
const config = await loadConfig({ cwd: root, env: {} });
const server = createServer({
  ...config,
  dataDir: join(tmp, 'db'),
  staffToken: STAFF_TOKEN,
  logger: false,
});
const origin = await server.listen({ port: 0, host: '127.0.0.1' });
// Two browsers, as there are two devices (a page in a background tab gets no rendering frames).
const kioskBrowser = await launchChromium();
const tabletBrowser = await launchChromium();
mkdirSync(out, { recursive: true });

try {
  const kiosk = await kioskBrowser.newPage();
  await kiosk.setViewport(VIEWPORT);
  // Headless Chromium would print to nowhere; the slip's "In phiếu" must not block.
  await kiosk.evaluateOnNewDocument(() => {
    window.print = () => undefined;
  });
  await kiosk.goto(`${origin}/?kiosk=1`, { waitUntil: 'load' });
  await waitForScreen(kiosk, 'welcome-title');

  await screen('welcome', async () => {
    await goHome(kiosk);
    await shoot(kiosk, 'welcome');
  });

  await screen('welcome-high-contrast', async () => {
    await goHome(kiosk);
    await tap(kiosk, '#contrast');
    await kiosk.waitForFunction(() => document.documentElement.dataset.contrast === 'high');
    await kiosk.evaluate(() => window.scrollTo(0, 0));
    try {
      await shoot(kiosk, 'welcome-high-contrast');
    } finally {
      await tap(kiosk, '#contrast');
    }
  });

  await screen('finder-results', async () => {
    await goHome(kiosk);
    await tap(kiosk, '#search');
    await kiosk.keyboard.type('dang ky khai sinh');
    await kiosk.waitForSelector('#results:not([hidden])', { timeout: 5000 });
    await shoot(kiosk, 'finder-results');
    await kiosk.evaluate(() => {
      const input = /** @type {HTMLInputElement} */ (document.getElementById('search'));
      input.select();
    });
    await kiosk.keyboard.press('Backspace');
  });

  await screen('life-event', async () => {
    await goHome(kiosk);
    await tap(kiosk, '#events [data-event="new-baby"]');
    await waitForScreen(kiosk, 'event-title');
    await shoot(kiosk, 'life-event');
  });

  await screen('elsewhere', async () => {
    await goHome(kiosk);
    await tap(kiosk, '#events [data-event="marriage"]');
    await waitForScreen(kiosk, 'not-here-title');
    await shoot(kiosk, 'elsewhere');
  });

  await screen('start', async () => {
    await goHome(kiosk);
    await tap(kiosk, 'button[data-procedure="birth-registration"]');
    await waitForScreen(kiosk, 'start-title');
    await kiosk.waitForSelector('#start-papers', { timeout: 10_000 });
    await shoot(kiosk, 'start');
  });

  await screen('keyboard', async () => {
    await openForm(kiosk, 'birth-registration');
    await tapButton(kiosk, 'Bàn phím', 'motcua-procedure >>> ');
    await (await control(kiosk, '#f-requesterName')).tap();
    await kiosk.keyboard.type('Trần Thị M');
    // "a" on the on-screen keyboard: the row of its marked forms opens (à á ả ã ạ …).
    await tapButton(kiosk, 'a', 'motcua-procedure >>> .keyboard ');
    await inForm(kiosk, '#keyboard-marks-label', { timeout: 2000 });
    await (
      await control(kiosk, '.keyboard')
    ).evaluate((node) => node.scrollIntoView({ block: 'end' }));
    await shoot(kiosk, 'keyboard');
  });

  await screen('paper-choice', async () => {
    await openForm(kiosk, 'birth-registration');
    await walk(kiosk, BIRTH, 'attachments');
    await tap(kiosk, 'motcua-procedure >>> #f-birthNotice-paper');
    await kiosk.evaluate(() => window.scrollTo(0, 0));
    await shoot(kiosk, 'paper-choice');
  });

  await screen('review', async () => {
    if ((await where(kiosk)) !== 'attachments') {
      await openForm(kiosk, 'birth-registration');
      await walk(kiosk, BIRTH, 'attachments');
      await tap(kiosk, 'motcua-procedure >>> #f-birthNotice-paper');
    }
    await (await control(kiosk, 'form button[type=submit]')).tap();
    await kiosk.waitForFunction(
      () =>
        /** @type {any} */ (document.querySelector('motcua-procedure'))?.session?.snapshot
          .status === 'review',
      { timeout: 10_000 },
    );
    await kiosk.evaluate(() => window.scrollTo(0, 0));
    await shoot(kiosk, 'review');
  });

  await screen('slip', async () => {
    if ((await where(kiosk)) !== 'review') throw new Error('the review screen did not come');
    await tapButton(kiosk, 'Gửi hồ sơ', 'motcua-procedure >>> ');
    await waitForScreen(kiosk, 'slip-title');
    await kiosk
      .waitForFunction(
        () => /[0-9]/.test(document.querySelector('#slip-ticket')?.textContent ?? ''),
        {
          timeout: 10_000,
        },
      )
      .catch(() => undefined);
    await kiosk.evaluate(() => window.scrollTo(0, 0));
    await shoot(kiosk, 'slip');
  });

  for (const [name, width] of /** @type {const} */ ([
    ['slip-print-80mm', RECEIPT_WIDTH],
    ['slip-print-a4', A4_WIDTH],
  ])) {
    await screen(name, async () => {
      await waitForScreen(kiosk, 'slip-title');
      await kiosk.emulateMediaType('print');
      await kiosk.setViewport({ ...VIEWPORT, width, height: 600 });
      try {
        await shoot(kiosk, name, { full: true });
      } finally {
        await kiosk.emulateMediaType(null);
        await kiosk.setViewport(VIEWPORT);
      }
    });
  }

  await screen('declaration', async () => {
    await waitForScreen(kiosk, 'slip-title');
    await tap(kiosk, '#show-declaration');
    await waitForScreen(kiosk, 'declaration-title');
    await kiosk.waitForSelector('#declaration', { timeout: 10_000 });
    await kiosk.evaluate(() => window.scrollTo(0, 0));
    await shoot(kiosk, 'declaration');
  });

  await screen('declaration-print-a4', async () => {
    await kiosk.waitForSelector('#declaration', { timeout: 1000 });
    await kiosk.emulateMediaType('print');
    await kiosk.setViewport({ ...VIEWPORT, width: A4_WIDTH, height: 600 });
    try {
      await shoot(kiosk, 'declaration-print-a4', { full: true });
    } finally {
      await kiosk.emulateMediaType(null);
      await kiosk.setViewport(VIEWPORT);
    }
  });

  // The volunteers' tablet, signed in with the staff token; a citizen on the kiosk with a name
  // typed without diacritics calls for help.
  const tablet = await tabletBrowser.newPage();
  await tablet.setViewport(VIEWPORT);
  await tablet.goto(`${origin}/volunteer/`, { waitUntil: 'load' });
  await tablet.waitForSelector('#token');
  await tablet.type('#token', STAFF_TOKEN);
  await tablet.keyboard.press('Enter');
  await tablet.waitForSelector('#requests', { timeout: 10_000 });

  await screen('help', async () => {
    await goHome(kiosk);
    await tap(kiosk, 'button[data-procedure="permanent-residence"]');
    await waitForScreen(kiosk, 'start-title');
    await tap(kiosk, '#early-ownsHome-no + label');
    await kiosk.waitForFunction(() => !document.querySelector('#start')?.hasAttribute('disabled'));
    await tap(kiosk, '#start');
    await waitForForm(kiosk);
    // One question per page: the citizen asks for help on the first, their name.
    await (await control(kiosk, '#f-applicantName')).tap();
    await kiosk.keyboard.type('Nguyen Van An');
    await tapButton(kiosk, 'Cần trợ giúp', 'motcua-procedure >>> ');
    await inForm(kiosk, '.help-notice', { timeout: 2000 });
    await kiosk.evaluate(() => window.scrollTo(0, 0));
    await shoot(kiosk, 'help');
  });

  await screen('volunteer-list', async () => {
    await tablet.waitForSelector('[data-request] [data-action="review"]', { timeout: 10_000 });
    await shoot(tablet, 'volunteer-list');
  });

  await screen('volunteer-review', async () => {
    await tap(tablet, '[data-request] [data-action="review"]');
    await tablet.waitForSelector('#review-summary', { timeout: 10_000 });
    await tablet.evaluate(() => window.scrollTo(0, 0));
    await shoot(tablet, 'volunteer-review');
  });
} finally {
  await kioskBrowser.close();
  await tabletBrowser.close();
  await server.close();
  rmSync(tmp, { recursive: true, force: true });
}

let total = 0;
for (const { name, ok, note } of report) {
  if (ok) total += statSync(join(out, `${name}.png`)).size;
  console.log(`${ok ? 'ok    ' : 'FAILED'} ${name}: ${note}`);
}
console.log(`${relative(root, out)}: ${Math.round(total / 1024)} KB in all`);
process.exitCode = report.some((entry) => !entry.ok) ? 1 : 0;
