import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, HTTPRequest, Page } from 'puppeteer-core';
import { launchChromium } from '../../../scripts/chromium.mjs';
import { openRecordedPage, waitForForm } from '../../../scripts/page-driver.mjs';
import { type RunningServer, startServer } from '../../kiosk/test/helpers.js';

// Issue 15: English is loaded on demand. A procedure module made by `motcua build` (here by
// @motcua/server, as `npm start` serves the portal) holds its definition in Vietnamese; its
// English texts come with its checks, `procedures/<id>.checks-<hash>.js`. The element's own
// English words are a chunk of the runtime, `motcua-strings-en-<hash>.js`. A Vietnamese page
// fetches neither before its first input; a page in English fetches both before it draws, and
// draws nothing in Vietnamese meanwhile. Here the portal's element is given `lang="en"` before
// the runtime runs, and the checks chunk is held back until the test lets it go.

const REPO = join(import.meta.dirname, '..', '..', '..');
const CHECKS_CHUNK = /\/procedures\/birth-registration\.checks-[0-9a-f]{12}\.js$/;
const ENGLISH_CHUNK = /\/motcua-strings-en-[\w-]+\.js$/;
const definition = JSON.parse(
  readFileSync(join(REPO, 'examples/procedures/birth-registration.procedure.json'), 'utf8'),
) as { steps: { title: { vi: string; en: string } }[] };
const FIRST = definition.steps[0]!.title;

describe('a page in English, its texts loaded on demand', () => {
  let browser: Browser;
  let page: Page;
  let problems: string[];
  let running: RunningServer;
  let origin: string;
  const checks: HTTPRequest[] = [];
  const english: string[] = [];

  before(async () => {
    running = await startServer();
    origin = running.origin;
    browser = await launchChromium();
    ({ page, problems } = await openRecordedPage(browser));
  });

  after(async () => {
    await browser?.close();
    await running?.close();
  });

  it('fetches no English before the first input of a Vietnamese page', async () => {
    const requests: string[] = [];
    const record = (request: HTTPRequest) => requests.push(request.url());
    page.on('request', record);
    await page.goto(`${origin}/portal/`, { waitUntil: 'load' });
    await waitForForm(page);
    // Once the machine runs, everything the page fetches after its first page has come.
    const timing = await page.evaluate(async () => {
      const element = document.querySelector('motcua-procedure') as unknown as {
        session: { ready: Promise<void>; procedure: { definition: { title: unknown } } };
      };
      await element.session.ready;
      const [firstInput] = performance.getEntriesByName('motcua:first-input', 'mark');
      const checks = performance
        .getEntriesByType('resource')
        .find((entry) => /\.checks-[0-9a-f]{12}\.js$/.test(entry.name));
      return {
        firstInput: firstInput?.startTime,
        checksAsked: checks?.startTime,
        title: element.session.procedure.definition.title,
      };
    });
    page.off('request', record);
    assert.deepEqual(
      requests.filter((url) => ENGLISH_CHUNK.test(url)),
      [],
      'no English words',
    );
    assert.equal(requests.filter((url) => CHECKS_CHUNK.test(url)).length, 1);
    assert.ok(timing.firstInput !== undefined && timing.checksAsked !== undefined);
    assert.ok(timing.checksAsked > timing.firstInput, 'the checks are asked for after it');
    // The module holds its definition in Vietnamese; its English came with the checks.
    assert.deepEqual(timing.title, { vi: 'Đăng ký khai sinh', en: 'Birth registration' });
  });

  it('in English, draws nothing until its texts came, then the first page in English', async () => {
    // A new tab that finds nothing in the browser's cache: the first test's page cached the
    // checks (served immutable).
    ({ page, problems } = await openRecordedPage(browser));
    await page.setCacheEnabled(false);
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      if (CHECKS_CHUNK.test(request.url())) checks.push(request);
      else {
        if (ENGLISH_CHUNK.test(request.url())) english.push(request.url());
        void request.continue();
      }
    });
    // The page in English: its element says so before the runtime upgrades it.
    await page.evaluateOnNewDocument(() => {
      new MutationObserver((_, observer) => {
        const element = document.querySelector('motcua-procedure');
        if (!element) return;
        element.setAttribute('lang', 'en');
        observer.disconnect();
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(`${origin}/portal/`, { waitUntil: 'load' });
    for (let tries = 0; tries < 200 && checks.length === 0; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    assert.equal(checks.length, 1, 'the checks, with the English texts, are asked for at once');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const meanwhile = await page.evaluate(
      () => document.querySelector('motcua-procedure')?.shadowRoot?.textContent ?? '',
    );
    assert.doesNotMatch(meanwhile, /Tiếp tục|Đang tải|Thông tin|Họ, chữ đệm/);
    assert.equal(meanwhile.trim(), '', 'nothing drawn while the English texts are on their way');

    void checks[0]!.continue();
    await waitForForm(page);
    const drawn = await page.evaluate(() => {
      const root = document.querySelector('motcua-procedure')!.shadowRoot!;
      return {
        heading: root.querySelector('h1')?.textContent?.replace(/\s+/g, ' ').trim(),
        submit: root.querySelector('form button[type=submit]')?.textContent?.trim(),
      };
    });
    assert.deepEqual(drawn, { heading: FIRST.en, submit: 'Continue' });
    assert.equal(english.length, 1, 'the element’s English words, once');
    assert.deepEqual(problems, []);
  });
});
