import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, HTTPRequest, Page } from 'puppeteer-core';
import { launchChromium } from '../../../scripts/chromium.mjs';
import { openRecordedPage, waitForForm } from '../../../scripts/page-driver.mjs';
import { type RunningServer, startServer } from '../../kiosk/test/helpers.js';

// Issue 15: what a procedure needs only once its checks are here (the code that judges answers:
// rules, fees, papers, messages; and core's default messages, "Nhập họ, chữ đệm và tên", in
// every locale) is no part of what the first input waits for. In the runtime (`motcua.js`) it is
// a chunk, `motcua-judge-<hash>.js`, that `procedure.load()` fetches with the procedure's checks
// once the first page is drawn. A procedure judges nothing before, so a citizen never sees a
// message's code in place of its words, however slow the chunk.

const MESSAGES_CHUNK = /\/motcua-judge-[\w-]{8}\.js$/;

describe('judging and the default messages, loaded with the checks', () => {
  let browser: Browser;
  let running: RunningServer;
  let origin: string;

  before(async () => {
    running = await startServer();
    origin = running.origin;
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await running?.close();
  });

  it('are fetched after the first input, and a Continue pressed before they came waits for them', async () => {
    const { page, problems } = await openRecordedPage(browser);
    await page.setCacheEnabled(false);
    await page.setRequestInterception(true);
    const held: HTTPRequest[] = [];
    page.on('request', (request) => {
      if (MESSAGES_CHUNK.test(request.url())) held.push(request);
      else void request.continue();
    });
    await page.goto(`${origin}/portal/`, { waitUntil: 'load' });
    await waitForForm(page);
    const firstInput = await page.evaluate(
      () => performance.getEntriesByName('motcua:first-input', 'mark')[0]?.startTime,
    );
    assert.ok(firstInput !== undefined, 'the first input was drawn with the messages held back');
    for (let tries = 0; tries < 200 && held.length === 0; tries++) await pause(25);
    assert.equal(held.length, 1, 'the messages are asked for once the first page is drawn');

    // Continue on an empty first page: the machine waits for the messages, so nothing shows yet.
    await submit(page);
    await pause(300);
    assert.deepEqual(await errors(page), [], 'no error drawn while its words are on their way');
    assert.equal(await ready(page), false, 'the session is not ready without its messages');

    void held[0]!.continue();
    await page.waitForFunction(
      () =>
        (document.querySelector('motcua-procedure')?.shadowRoot?.querySelectorAll('.error-message')
          .length ?? 0) > 0,
      { timeout: 10_000 },
    );
    const shown = await errors(page);
    assert.ok(shown.length > 0);
    for (const message of shown) {
      assert.match(message, /^(Lỗi: )?(Nhập|Chọn|Trả lời) /, `"${message}" is written out`);
    }
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('a procedure made in the page with its checks given is loaded once load() fetched them, and load() tries again after a failure', async () => {
    const { page } = await openRecordedPage(browser);
    await page.setCacheEnabled(false);
    await page.setRequestInterception(true);
    let refused = 0;
    page.on('request', (request) => {
      if (MESSAGES_CHUNK.test(request.url()) && refused === 0) {
        refused++;
        void request.abort('internetdisconnected');
      } else void request.continue();
    });
    // A page that draws no procedure of its own: only the runtime, as a host script imports it.
    await page.goto(`${origin}/portal/motcua.js`, { waitUntil: 'load' });
    const result = await page.evaluate(async (runtime) => {
      const { createProcedure } = (await import(runtime)) as typeof import('@motcua/core');
      // A rule too, reading two answers: what it reads is worked out once the judge chunk is
      // here, and it waits while one of them has an error of its own.
      const definition = {
        id: 'one-question',
        version: '1',
        title: { vi: 'Một câu hỏi', en: 'One question' },
        steps: [
          {
            id: 'you',
            title: { vi: 'Về bạn', en: 'About you' },
            fields: [
              {
                id: 'fullName',
                type: 'text',
                required: true,
                label: { vi: 'Họ và tên', en: 'Full name' },
              },
              { id: 'age', type: 'number', label: { vi: 'Tuổi', en: 'Age' } },
            ],
          },
        ],
        rules: [
          {
            id: 'as-on-the-card',
            assert: {
              any: [
                { field: 'fullName', equals: 'Nguyễn Văn An' },
                { field: 'age', equals: 99 },
              ],
            },
            fields: ['fullName'],
            message: { vi: 'Hãy nhập tên như trên thẻ.', en: 'Enter the name as on the card.' },
          },
        ],
      };
      const procedure = createProcedure(definition as never);
      // Made before the chunk, and never loaded itself: another procedure's load() brings it.
      const another = createProcedure(definition as never);
      const before = procedure.loaded;
      let judged: string;
      try {
        procedure.validate({});
        judged = 'validated';
      } catch (error) {
        judged = (error as Error).message;
      }
      let first: string;
      try {
        await procedure.load();
        first = 'loaded';
      } catch (error) {
        first = (error as Error).message;
      }
      const afterFailure = procedure.loaded;
      await procedure.load();
      return {
        before,
        judged,
        first,
        afterFailure,
        after: procedure.loaded,
        vi: procedure.validate({}).errors.map((error) => error.message),
        en: procedure.validate({}, { locale: 'en' }).errors.map((error) => error.message),
        rule: procedure.validate({ fullName: 'An' }).errors.map((error) => error.message),
        another: another
          .validate({ fullName: 'An', age: 'abc' }, { locale: 'en' })
          .errors.map((error) => error.field),
      };
    }, `${origin}/portal/motcua.js`);
    assert.equal(result.before, false);
    assert.match(result.judged, /await procedure\.load\(\) first/);
    assert.match(result.first, /could not be loaded.*call load\(\) again/);
    assert.equal(result.afterFailure, false);
    assert.equal(result.after, true);
    assert.deepEqual(result.vi, ['Nhập họ và tên']);
    assert.deepEqual(result.en, ['Enter full name']);
    assert.deepEqual(result.rule, ['Hãy nhập tên như trên thẻ.']);
    assert.deepEqual(result.another, ['age'], 'the rule waits for the age to be fixed');
    assert.equal(refused, 1);
    await page.close();
  });
});

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function submit(page: Page): Promise<void> {
  await page.evaluate(() => {
    const button = document
      .querySelector('motcua-procedure')!
      .shadowRoot!.querySelector<HTMLButtonElement>('form button[type=submit]')!;
    button.click();
  });
}

async function errors(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [
      ...(document
        .querySelector('motcua-procedure')
        ?.shadowRoot?.querySelectorAll('.error-message') ?? []),
    ].map((node) => node.textContent!.replace(/\s+/g, ' ').trim()),
  );
}

async function ready(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const element = document.querySelector('motcua-procedure') as unknown as {
      session: { ready: Promise<void> };
    };
    let settled = false;
    void element.session.ready.then(() => (settled = true));
    return new Promise<boolean>((resolve) => setTimeout(() => resolve(settled), 50));
  });
}
