import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, HTTPRequest, Page } from 'puppeteer-core';
import { createServer, loadConfig, openMemoryPglite } from '@motcua/server';
import { BIRTH_REGISTRATION } from '../../../packages/elements/test/journeys.js';
import { launchChromium } from '../../../scripts/chromium.mjs';
import {
  answer,
  control,
  openRecordedPage,
  waitForForm,
  walkToReview,
  where,
} from '../../../scripts/page-driver.mjs';

// Issue 15: the runtime draws the first page before XState. The state machine (XState and the
// journey's machine) is its own chunk, `motcua-session-<hash>.js`, fetched once the first page
// is drawn, so the first input waits for neither its bytes nor its start. Here, on the portal
// as `npm start` serves it, in real Chromium, that chunk's response is held back: the citizen
// types the first page's answers and presses Continue while it is on its way. Nothing typed
// is lost, Continue takes effect once the chunk has come, and the journey goes on to review.
// The procedure's checks (validators, the Vietnam pack's code) are a chunk of their own too,
// `procedures/<id>.checks-<hash>.js`, fetched at the same time and held back the same way: the
// machine, which judges the answers, waits for both. So are the Vietnamese words of the pages
// after the first (review, fees, the address, file and group questions), imported by the
// chunks that draw them: held back too, the first page is drawn and typed into without them.

const REPO = join(import.meta.dirname, '..', '..', '..');
const SESSION_CHUNK = /\/motcua-session-[\w-]+\.js$/;
const CHECKS_CHUNK = /\/procedures\/birth-registration\.checks-[0-9a-f]{12}\.js$/;
const LATER_WORDS = /\/motcua-strings-later-[\w-]+\.js$/;

describe('the first page before XState has loaded', () => {
  let browser: Browser;
  let page: Page;
  let problems: string[];
  let server: FastifyInstance;
  let files: string;
  /** The session chunk's request and the checks chunk's, held until the test lets them go. */
  const held: HTTPRequest[] = [];
  const checks: HTTPRequest[] = [];
  const later: HTTPRequest[] = [];

  before(async () => {
    const config = await loadConfig({ cwd: REPO, env: {} });
    server = createServer({ ...config, database: await openMemoryPglite(), logger: false });
    const origin = await server.listen({ port: 0, host: '127.0.0.1' });
    files = mkdtempSync(join(tmpdir(), 'motcua-first-page-'));
    browser = await launchChromium();
    ({ page, problems } = await openRecordedPage(browser));
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      if (SESSION_CHUNK.test(request.url())) held.push(request);
      else if (CHECKS_CHUNK.test(request.url())) checks.push(request);
      else if (LATER_WORDS.test(request.url())) later.push(request);
      else void request.continue();
    });
    await page.goto(`${origin}/portal/`, { waitUntil: 'load' });
    await waitForForm(page);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    if (files) rmSync(files, { recursive: true, force: true });
  });

  it('draws the first page, and asks for the state machine only once it is drawn', async () => {
    const asked = () => held.length > 0 && checks.length > 0 && later.length > 0;
    for (let tries = 0; tries < 100 && !asked(); tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal(held.length, 1, 'the session chunk is asked for once');
    assert.equal(checks.length, 1, 'the checks chunk is asked for once');
    assert.equal(later.length, 1, 'the later pages’ words are asked for once');
    assert.equal(await where(page), 'requester');
    // The actor is not there yet; its absence is said plainly to a host that asks for it.
    const actor = await page.evaluate(() => {
      try {
        const element = document.querySelector('motcua-procedure') as unknown as {
          session?: { actor: unknown };
        };
        void element.session?.actor;
        return 'there';
      } catch (error) {
        return (error as Error).message;
      }
    });
    assert.match(actor, /XState is still loading; await session\.ready/);
  });

  it('takes what the citizen types, and keeps Continue until the machine has come', async () => {
    for (const [id, value] of Object.entries(BIRTH_REGISTRATION.requester!)) {
      await answer(page, id, value, files);
    }
    const answers = () =>
      page.evaluate(() => document.querySelector('motcua-procedure')?.session?.snapshot.answers);
    assert.deepEqual(await answers(), BIRTH_REGISTRATION.requester);
    const continueButton = await control(page, 'form button[type=submit]');
    await continueButton.click();
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(await where(page), 'requester', 'Continue waits for the machine');
    assert.equal(held.length, 1);
    // The button says it is on its way; a second press adds no second Continue, which would
    // pass the next step unseen (with its errors).
    const busy = () =>
      page.$eval('motcua-procedure >>> form button[type=submit]', (node) =>
        node.getAttribute('aria-disabled'),
      );
    assert.equal(await busy(), 'true');
    await continueButton.click();

    // XState alone is not enough: the machine judges the page, so it waits for the checks.
    await held[0]!.continue();
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(await where(page), 'requester', 'Continue waits for the checks');
    assert.equal(await busy(), 'true');
    await checks[0]!.continue();
    await later[0]!.continue();
    await page.waitForFunction(
      () => document.querySelector('motcua-procedure')?.session?.snapshot.step?.id === 'child',
      { timeout: 10_000 },
    );
    assert.deepEqual(await answers(), BIRTH_REGISTRATION.requester);
    const heading = await (await control(page, 'h1')).evaluate((node) => node.textContent);
    assert.equal(heading?.trim(), 'Thông tin về trẻ');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(await where(page), 'child', 'the second press moved nothing');
    const errors = await page.evaluate(() => {
      const element = document.querySelector('motcua-procedure') as unknown as {
        session?: { snapshot: { errors: unknown[] } };
      };
      return element.session?.snapshot.errors.length;
    });
    assert.equal(errors, 0);
    assert.equal(await busy(), null);
    // Both chunks were asked for after the render that drew the first input (resource timing).
    for (const chunk of [SESSION_CHUNK, CHECKS_CHUNK, LATER_WORDS]) {
      const order = await page.evaluate(
        (source) => ({
          drawn: performance.getEntriesByName('motcua:first-input', 'mark')[0]?.startTime,
          asked: performance
            .getEntriesByType('resource')
            .find((entry) => new RegExp(source).test(entry.name))?.startTime,
        }),
        chunk.source,
      );
      assert.ok(order.drawn !== undefined && order.asked !== undefined, JSON.stringify(order));
      assert.ok(
        order.asked >= order.drawn,
        `${chunk}: asked at ${order.asked}, drawn at ${order.drawn}`,
      );
    }
  });

  it('goes on to review with the machine, and logged no error on the way', async () => {
    const { requester: _done, ...rest } = BIRTH_REGISTRATION;
    const visited = await walkToReview(page, rest, files);
    assert.deepEqual(visited, Object.keys(rest));
    assert.equal(await where(page), 'review');
    // In the words that came later.
    const heading = await (await control(page, 'h1')).evaluate((node) => node.textContent);
    assert.equal(heading?.trim(), 'Kiểm tra lại thông tin');
    assert.deepEqual(problems, []);
  });
});
