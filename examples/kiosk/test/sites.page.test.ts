import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { launchChromium } from '../../../scripts/chromium.mjs';
import {
  openRecordedPage,
  press,
  waitForForm,
  walkToReview,
} from '../../../scripts/page-driver.mjs';
import {
  KIOSK_VIEWPORT,
  PERMANENT_RESIDENCE,
  siteFile,
  startServer,
  tap,
  textOf,
  waitForScreen,
  type RunningServer,
} from './helpers.js';

// One build, any site: the same kiosk files and runtime, served with the demo commune's site
// (sites/demo.json: every procedure at counter 1) and with the province centre's
// (sites/province.json: civil status at 1, residence at 2, judicial records at 3), show each
// site's own counters, opening hours and "not handled here", and give queue numbers at the
// counter of the site that takes the procedure.

describe('one build, two sites: the demo commune and the province centre', () => {
  let demo: RunningServer;
  let province: RunningServer;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  let files: string;

  before(async () => {
    [demo, province, browser] = await Promise.all([
      startServer({ site: siteFile('demo.json') }),
      startServer({ site: siteFile('province.json') }),
      launchChromium(),
    ]);
    files = mkdtempSync(join(tmpdir(), 'motcua-kiosk-sites-'));
    ({ page, problems } = await openRecordedPage(browser));
    await page.setViewport(KIOSK_VIEWPORT);
  });

  after(async () => {
    await browser?.close();
    await Promise.all([demo?.close(), province?.close()]);
    if (files) rmSync(files, { recursive: true, force: true });
  });

  /** The welcome screen of a site: its name, opening hours and each procedure's counter. */
  async function welcomeOf(site: RunningServer) {
    await page.goto(`${site.origin}/`, { waitUntil: 'load' });
    await waitForScreen(page, 'welcome-title');
    return {
      name: await textOf(page, '.kiosk-header__site'),
      hours: await textOf(page, '.opening-hours'),
      counters: Object.fromEntries(
        await page.$$eval('#procedures [data-procedure]', (buttons) =>
          buttons.map((button) => [
            (button as HTMLElement).dataset.procedure,
            button.querySelector('.choice__note')?.textContent?.split(' · ')[0]?.trim(),
          ]),
        ),
      ),
    };
  }

  it('each welcome screen names its site, its hours and its counters', async () => {
    const commune = await welcomeOf(demo);
    assert.match(commune.name, /phường Hoàn Kiếm/);
    assert.match(commune.hours, /sáng 7 giờ 30 đến 11 giờ 30/);
    assert.deepEqual(commune.counters, {
      'birth-registration': 'Nộp tại Quầy 1',
      'certified-copy': 'Nộp tại Quầy 1',
      'civil-status-extract': 'Nộp tại Quầy 1',
      'criminal-record': 'Nộp tại Quầy 1',
      'death-registration': 'Nộp tại Quầy 1',
      'household-business': 'Nộp tại Quầy 1',
      'marriage-registration': 'Nộp tại Quầy 1',
      'permanent-residence': 'Nộp tại Quầy 1',
      'temporary-residence': 'Nộp tại Quầy 1',
    });
    const centre = await welcomeOf(province);
    assert.match(centre.name, /Trung tâm Phục vụ hành chính công tỉnh Ninh Bình/);
    assert.match(centre.hours, /sáng thứ Bảy/);
    assert.deepEqual(centre.counters, {
      'birth-registration': 'Nộp tại Quầy 1 – Hộ tịch',
      'certified-copy': 'Nộp tại Quầy 4 – Chứng thực, hộ kinh doanh',
      'civil-status-extract': 'Nộp tại Quầy 1 – Hộ tịch',
      'criminal-record': 'Nộp tại Quầy 3 – Lý lịch tư pháp',
      'death-registration': 'Nộp tại Quầy 1 – Hộ tịch',
      'household-business': 'Nộp tại Quầy 4 – Chứng thực, hộ kinh doanh',
      'marriage-registration': 'Nộp tại Quầy 1 – Hộ tịch',
      'permanent-residence': 'Nộp tại Quầy 2 – Cư trú',
      'temporary-residence': 'Nộp tại Quầy 2 – Cư trú',
    });
  });

  it('each says where to go for what it does not handle, from its own list', async () => {
    const land = async (site: RunningServer) => {
      await page.goto(`${site.origin}/`, { waitUntil: 'load' });
      await waitForScreen(page, 'welcome-title');
      await tap(page, '#search');
      await page.keyboard.type('so do dat dai');
      await page.waitForSelector('#results-count:not(:empty)');
      return page.$$eval('#found-elsewhere li', (items) =>
        items.map((item) => item.textContent?.replace(/\s+/g, ' ').trim()),
      );
    };
    const centre = await land(province);
    assert.equal(centre.length, 1);
    assert.match(centre[0]!, /Đăng ký đất đai.*bàn hướng dẫn cạnh cửa vào/);
    assert.deepEqual(await land(demo), [], 'the demo commune has no word on land');
  });

  it("the province's start page and slip send a residence to counter 2, with a number there", async () => {
    await page.goto(`${province.origin}/`, { waitUntil: 'load' });
    await waitForScreen(page, 'welcome-title');
    await tap(page, '#procedures [data-procedure="permanent-residence"]');
    await waitForScreen(page, 'start-title');
    assert.match(await textOf(page, '#start-counter'), /^Quầy 2 – Cư trú tại Trung tâm Phục vụ/);
    await page.waitForSelector('#start:not([disabled])');
    await tap(page, '#start');
    await waitForForm(page);
    await walkToReview(page, PERMANENT_RESIDENCE, files);
    await press(page, 'Gửi hồ sơ');
    await waitForScreen(page, 'slip-title');
    await page.waitForSelector('#ticket-number');
    assert.match(await textOf(page, '#slip-code'), /^HS-\d{8}-NB-HCC-0001$/);
    assert.equal(await textOf(page, '#ticket-counter'), 'tại Quầy 2 – Cư trú');
    assert.equal(await textOf(page, '#ticket-number'), '1');
    assert.match(await textOf(page, '#slip-site'), /tỉnh Ninh Bình/);
    const { rows } = await province.server.motcua.db.query<{ counter: string; number: number }>(
      'SELECT counter, number FROM tickets',
    );
    assert.deepEqual(rows, [{ counter: '2', number: 1 }]);
  });

  it('the same procedure on the demo site goes to its counter 1', async () => {
    await page.goto(`${demo.origin}/`, { waitUntil: 'load' });
    await waitForScreen(page, 'welcome-title');
    await tap(page, '#procedures [data-procedure="permanent-residence"]');
    await waitForScreen(page, 'start-title');
    assert.match(await textOf(page, '#start-counter'), /^Quầy 1 tại Bộ phận Một cửa phường/);
    const ticket = (await (
      await fetch(`${demo.origin}/api/tickets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ procedure: 'criminal-record' }),
      })
    ).json()) as { counter: string; number: number };
    assert.deepEqual([ticket.counter, ticket.number], ['1', 1]);
  });

  it('logged no error on the way', () => {
    assert.deepEqual(problems, []);
  });
});
