import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, HTTPRequest, Page } from 'puppeteer-core';
import { launchChromium } from '../../../scripts/chromium.mjs';
import {
  answer,
  control,
  inForm,
  openRecordedPage,
  waitForForm,
} from '../../../scripts/page-driver.mjs';
import { type RunningServer, startServer } from '../../kiosk/test/helpers.js';

// Issue 15 put what the first page does not need in chunks fetched once it is drawn: XState and
// the journey's machine (the session chunk), the procedure's checks, the judging code. On a bad
// network one of them may fail while the citizen types on the first page. The page then says so,
// says that nothing typed is lost, and offers "Thử lại": the chunk is asked for again and the
// form goes on from the answers it had, without reloading the page (which would lose them).

const CHUNKS = {
  'the session chunk (XState and the machine)': /\/motcua-session-[\w-]{8}\.js$/,
  'the judge chunk (rules and messages)': /\/motcua-judge-[\w-]{8}\.js$/,
};

describe('a chunk that failed to load, tried again', () => {
  let browser: Browser;
  let running: RunningServer;
  let files: string;

  before(async () => {
    running = await startServer();
    browser = await launchChromium();
    files = mkdtempSync(join(tmpdir(), 'motcua-try-again-'));
  });

  after(async () => {
    await browser?.close();
    await running?.close();
    rmSync(files, { recursive: true, force: true });
  });

  for (const [what, chunk] of Object.entries(CHUNKS)) {
    it(`${what}: says so, keeps the answers, and goes on after "Thử lại"`, async () => {
      // A context of its own: the portal keeps a draft on the device, which another case's page
      // would be offered.
      const context = await browser.createBrowserContext();
      const { page, problems } = await openRecordedPage(context as unknown as Browser);
      await page.setCacheEnabled(false);
      await page.setRequestInterception(true);
      const held: HTTPRequest[] = [];
      let asked = 0;
      page.on('request', (request) => {
        if (chunk.test(request.url()) && asked++ === 0) held.push(request);
        else void request.continue();
      });
      await page.goto(`${running.origin}/portal/`, { waitUntil: 'load' });
      await waitForForm(page);
      await answer(page, 'requesterName', 'Nguyễn Văn An', files);
      for (let tries = 0; tries < 200 && held.length === 0; tries++) await pause(25);
      assert.equal(held.length, 1, 'the chunk was asked for once the first page was drawn');

      // The network fails under the citizen's typing.
      await held[0]!.abort('internetdisconnected');
      await inForm(page, '.load-failed__retry');
      assert.deepEqual(await alertText(page), [
        'Chưa tải được thủ tục. Hãy kiểm tra kết nối mạng rồi bấm “Thử lại”, hoặc nhờ cán bộ hỗ trợ.',
        'Những gì bạn đã nhập vẫn được giữ nguyên.',
      ]);

      // By keyboard, as a citizen without a mouse would.
      await (await control(page, '.load-failed__retry')).focus();
      await page.keyboard.press('Enter');
      await waitForForm(page);
      const after = await page.evaluate(async () => {
        const element = document.querySelector('motcua-procedure') as unknown as HTMLElement & {
          session: {
            ready: Promise<void>;
            actor: unknown;
            snapshot: { answers: Record<string, unknown> };
          };
          updateComplete: Promise<boolean>;
        };
        await element.session.ready;
        await element.updateComplete;
        const root = element.shadowRoot!;
        return {
          focused: root.activeElement?.tagName,
          value: root.querySelector<HTMLInputElement>('#f-requesterName')?.value,
          answer: element.session.snapshot.answers.requesterName,
          machine: element.session.actor !== undefined,
          alerts: root.querySelectorAll('.load-failed__retry').length,
        };
      });
      assert.deepEqual(after, {
        focused: 'H1',
        value: 'Nguyễn Văn An',
        answer: 'Nguyễn Văn An',
        machine: true,
        alerts: 0,
      });
      assert.equal(asked, 2, 'asked for once more');
      // Only the failed load is on the console.
      assert.ok(
        problems.every((problem) =>
          /could not load|Failed to fetch|ERR_INTERNET|request failed/i.test(problem),
        ),
        problems.join('\n'),
      );
      await context.close();
    });
  }
});

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function alertText(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [
      ...(document
        .querySelector('motcua-procedure')
        ?.shadowRoot?.querySelectorAll('[role=alert] p') ?? []),
    ].map((node) => node.textContent!.replace(/\s+/g, ' ').trim()),
  );
}
