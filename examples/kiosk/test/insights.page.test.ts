import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, HTTPRequest, Page } from 'puppeteer-core';
import { createServer, loadConfig } from '@motcua/server';
import { launchChromium } from '../../../scripts/chromium.mjs';
import {
  control,
  inForm,
  openRecordedPage,
  press,
  waitForForm,
} from '../../../scripts/page-driver.mjs';
import { KIOSK_VIEWPORT, REPO, waitForScreen } from './helpers.js';

// Issue 13, end to end: a citizen at the kiosk (`npm start`'s page on the real server) is refused
// once, answers, and gives up with "Về trang đầu"; the page sends one summary to /api/insights,
// and the staff's report counts it where it happened.

const STAFF_TOKEN = 'insights-page-test-token';

interface StepReport {
  step: string;
  reached: number;
  left: number;
  meanSeconds: number | null;
}
interface VersionReport {
  procedure: string;
  sessions: { total: number; submitted: number; left: number; kiosk: number; online: number };
  steps: StepReport[];
  errors: { field: string; code: string; count: number }[];
}

describe('the kiosk reports where a citizen gave up (issue 13)', () => {
  let server: FastifyInstance;
  let origin: string;
  let dataDir: string;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  const summaries: string[] = [];

  before(async () => {
    const config = await loadConfig({ cwd: REPO, env: {} });
    // The page loads insights.js beside the runtime, as motcua.config.json serves it.
    assert.ok(config.assets?.some((asset) => asset.path === 'insights.js'));
    dataDir = mkdtempSync(join(tmpdir(), 'motcua-insights-db-'));
    server = createServer({
      ...config,
      staffToken: STAFF_TOKEN,
      dataDir,
      logger: false,
    });
    [origin, browser] = await Promise.all([
      server.listen({ port: 0, host: '127.0.0.1' }),
      launchChromium(),
    ]);
    ({ page, problems } = await openRecordedPage(browser));
    await page.setViewport(KIOSK_VIEWPORT);
    page.on('request', (request: HTTPRequest) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/insights') {
        summaries.push(request.postData() ?? '');
      }
    });
    await page.goto(`${origin}/`, { waitUntil: 'load' });
    await waitForScreen(page, 'welcome-title');
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const report = async (query: string) => {
    const response = await fetch(`${origin}/api/insights/report?${query}`, {
      headers: { authorization: `Bearer ${STAFF_TOKEN}` },
    });
    assert.equal(response.status, 200, await response.clone().text());
    return (await response.json()) as { procedures: VersionReport[] };
  };

  it('counts the error shown, the steps reached and the step left, and no answer', async () => {
    await page.click('#procedures button[data-procedure="birth-registration"]');
    await waitForScreen(page, 'start-title');
    await page.waitForSelector('#start:not([disabled])');
    await page.click('#start');
    await waitForForm(page);

    const first = await page.evaluate(
      () =>
        (
          document.querySelector('motcua-procedure') as unknown as {
            session: { snapshot: { fields: { id: string }[] } };
          }
        ).session.snapshot.fields[0]!.id,
    );
    await press(page, 'Tiếp tục');
    await inForm(page, '.error-summary');
    await (await control(page, `#f-${first}`)).click();
    await page.keyboard.type('Trần Thị Mai');
    await press(page, 'Tiếp tục');
    await page.waitForFunction(
      (field) =>
        !(
          document.querySelector('motcua-procedure') as unknown as {
            session: { snapshot: { fields: { id: string }[] } };
          }
        ).session.snapshot.fields.some((f) => f.id === field),
      { timeout: 10_000 },
      first,
    );

    await page.click('#restart');
    await page.waitForSelector('dialog#confirm-restart[open]');
    await page.click('#confirm-yes');
    await waitForScreen(page, 'welcome-title');

    let counted: VersionReport | undefined;
    for (let i = 0; i < 100 && !counted?.sessions.total; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      [counted] = (await report('procedure=birth-registration')).procedures;
    }
    assert.ok(counted, 'the report has the birth registration');
    assert.deepEqual(counted.sessions, { total: 1, submitted: 0, left: 1, kiosk: 1, online: 0 });
    const requester = counted.steps.find((step) => step.step === 'requester');
    assert.deepEqual(
      [requester?.reached, requester?.left],
      [1, 1],
      'reached and left on requester',
    );
    assert.ok((requester?.meanSeconds ?? -1) >= 0, 'a time on the step');
    assert.equal(counted.steps.find((step) => step.step === 'child')?.reached, 0);
    assert.deepEqual(
      counted.errors.map(({ field, code, count }) => ({ field, code, count })),
      [{ field: first, code: 'required', count: 1 }],
    );

    assert.equal(summaries.length, 1, 'one summary for the one citizen');
    assert.ok(!summaries[0]!.includes('Trần Thị Mai'), 'no answer in the summary');
    assert.deepEqual(problems, [], 'no error logged, no request refused');
  });

  it('is a staff report: without the token it is refused', async () => {
    const response = await fetch(`${origin}/api/insights/report?procedure=birth-registration`);
    assert.equal(response.status, 401);
  });
});
