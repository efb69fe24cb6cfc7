import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { BIRTH_REGISTRATION } from '../../../packages/elements/test/journeys.js';
import { launchChromium } from '../../../scripts/chromium.mjs';
import { openRecordedPage, press, walkToReview } from '../../../scripts/page-driver.mjs';
import {
  KIOSK_VIEWPORT,
  axe,
  formAt,
  startServer,
  tap,
  textOf,
  waitForScreen,
  type RunningServer,
} from './helpers.js';

// The kiosk's own screens for everyone: the way from the finder to the form with the keyboard
// alone (Tab, Enter and Space: a kiosk with a switch device or a keyboard, a blind citizen with
// a screen reader), and axe (WCAG 2.2 AA, zero violations) on every screen in Vietnamese and
// English, in the normal and in the high-contrast, larger-text modes of the kiosk's switches.

/** What has focus, through shadow roots: enough to tell one control from another. */
function focused(page: Page) {
  return page.evaluate(() => {
    let node: Element | null = document.activeElement;
    while (node?.shadowRoot?.activeElement) node = node.shadowRoot.activeElement;
    const input = node as HTMLInputElement | null;
    return {
      id: node?.id ?? '',
      tag: node?.localName ?? '',
      type: input?.type ?? '',
      name: input?.name ?? '',
      value: input?.value ?? '',
      text: (node?.textContent ?? '').replace(/\s+/g, ' ').trim(),
    };
  });
}
type Focused = Awaited<ReturnType<typeof focused>>;

/** Presses Tab until `wanted` has focus (at most 40 times); fails naming where focus went. */
async function tabTo(page: Page, what: string, wanted: (at: Focused) => boolean): Promise<void> {
  const seen: string[] = [];
  for (let presses = 0; presses < 40; presses++) {
    const at = await focused(page);
    if (wanted(at)) return;
    seen.push(at.id || `${at.tag}:${at.text.slice(0, 20)}`);
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${what}; focus went ${seen.join(' → ')}`);
}

/** The modes a citizen can switch the kiosk's screens to, with the toolbar's buttons. */
const MODES = [
  { locale: 'vi', contrast: 'normal', textSize: 'normal' },
  { locale: 'en', contrast: 'normal', textSize: 'normal' },
  { locale: 'en', contrast: 'high', textSize: 'large' },
  { locale: 'vi', contrast: 'high', textSize: 'large' },
] as const;

/** The kiosk's modes now, as its root element reflects them. */
function mode(page: Page) {
  return page.evaluate(() => ({
    locale: document.documentElement.lang,
    contrast: document.documentElement.dataset.contrast,
    textSize: document.documentElement.dataset.textSize,
  }));
}

/**
 * axe on the screen as it is, in each mode in turn (switched with the toolbar, as a citizen
 * does), back to Vietnamese and normal contrast at the end: violations by mode.
 */
async function axeInEveryMode(page: Page): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = {};
  for (const wanted of MODES) {
    const now = await mode(page);
    if (now.locale !== wanted.locale) await page.click('#language');
    if (now.contrast !== wanted.contrast) await page.click('#contrast');
    if (now.textSize !== wanted.textSize) await page.click('#text-size');
    assert.deepEqual(await mode(page), { ...wanted }, 'the toolbar switched the mode');
    const violations = await axe(page);
    if (violations.length > 0) {
      found[`${wanted.locale}/${wanted.contrast}/${wanted.textSize}`] = violations;
    }
  }
  // Back to where MODES began.
  await page.click('#contrast');
  await page.click('#text-size');
  assert.deepEqual(await mode(page), { ...MODES[0] });
  return found;
}

describe('the kiosk for everyone: keyboard alone, and axe on every screen', () => {
  let running: RunningServer;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  let files: string;

  before(async () => {
    [running, browser] = await Promise.all([startServer(), launchChromium()]);
    files = mkdtempSync(join(tmpdir(), 'motcua-kiosk-a11y-'));
    ({ page, problems } = await openRecordedPage(browser));
    await page.setViewport(KIOSK_VIEWPORT);
    await page.goto(`${running.origin}/`, { waitUntil: 'load' });
    await waitForScreen(page, 'welcome-title');
  });

  after(async () => {
    await browser?.close();
    await running?.close();
    if (files) rmSync(files, { recursive: true, force: true });
  });

  it('finder → start page → the first page of the form, with Tab, Enter and Space only', async () => {
    await tabTo(page, 'the search box', (at) => at.id === 'search');
    await page.keyboard.type('dang ky khai sinh');
    await page.keyboard.press('Enter');
    // Enter searches and takes focus to the count of results, read by screen readers.
    assert.equal((await focused(page)).id, 'results-count');
    await tabTo(page, 'the first result', (at) => at.text.startsWith('Đăng ký khai sinh'));
    await page.keyboard.press('Enter');
    await waitForScreen(page, 'start-title');
    assert.equal((await focused(page)).id, 'start-title', 'focus moves to the new heading');
    // The start page's two questions: Tab into each group, Space chooses.
    await page.waitForSelector('#early-hasBirthNotice');
    await tabTo(page, 'the birth notice question', (at) => at.name === 'early-hasBirthNotice');
    await page.keyboard.press('Space');
    await tabTo(page, 'the father question', (at) => at.name === 'early-fatherDetermined');
    await page.keyboard.press('Space');
    const chosen = await page.$$eval('.early input:checked', (inputs) =>
      inputs.map(
        (input) => `${(input as HTMLInputElement).name}=${(input as HTMLInputElement).value}`,
      ),
    );
    assert.deepEqual(chosen, ['early-hasBirthNotice=yes', 'early-fatherDetermined=yes']);
    await tabTo(page, '"Bắt đầu điền hồ sơ"', (at) => at.id === 'start');
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () => document.querySelector('motcua-procedure')?.shadowRoot?.querySelector('input'),
      { timeout: 20_000 },
    );
    assert.equal(await formAt(page), 'requester');
    // One question per page: Tab to it, answer, Tab to "Tiếp tục", Enter; then the next.
    const pageNow = () =>
      page.evaluate(
        () =>
          (
            document.querySelector('motcua-procedure') as unknown as {
              session: { snapshot: { page: number } };
            }
          ).session.snapshot.page,
      );
    const keyContinue = async () => {
      const before = await pageNow();
      await tabTo(page, '"Tiếp tục"', (at) => at.tag === 'button' && at.type === 'submit');
      await page.keyboard.press('Enter');
      await page.waitForFunction(
        (from: number) =>
          (
            document.querySelector('motcua-procedure') as unknown as {
              session: { snapshot: { page: number } };
            }
          ).session.snapshot.page !== from,
        { timeout: 10_000 },
        before,
      );
    };
    await tabTo(page, 'the requester name', (at) => at.id === 'f-requesterName');
    await page.keyboard.type('Trần Thị Mai');
    await keyContinue();
    await tabTo(page, 'the relationship', (at) => at.name === 'requesterRelationship');
    await page.keyboard.press('Space');
    await keyContinue();
    await tabTo(page, 'the personal ID', (at) => at.id === 'f-requesterPersonalId');
    await page.keyboard.type('001190012345');
    await keyContinue();
    // The phone is optional: "Tiếp tục" without it goes to the child's step.
    await tabTo(page, '"Tiếp tục"', (at) => at.tag === 'button' && at.type === 'submit');
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () =>
        (
          document.querySelector('motcua-procedure') as unknown as {
            session: { snapshot: { step?: { id: string } } };
          }
        ).session.snapshot.step?.id === 'child',
      { timeout: 10_000 },
    );
    assert.equal(await formAt(page), 'child');
  });

  it('"Về trang đầu" by keyboard asks first, and Enter on the dialog wipes', async () => {
    await tabTo(page, '"Về trang đầu"', (at) => at.id === 'restart');
    await page.keyboard.press('Enter');
    await page.waitForSelector('dialog#confirm-restart[open]');
    assert.deepEqual(await axe(page), [], 'the question before wiping');
    // Focus starts on the safe answer, "Tiếp tục điền".
    assert.equal((await focused(page)).id, 'confirm-no');
    await tabTo(page, '"Xoá và về trang đầu"', (at) => at.id === 'confirm-yes');
    await page.keyboard.press('Enter');
    await waitForScreen(page, 'welcome-title');
    assert.equal(await page.$('motcua-procedure'), null);
  });

  it('axe: the welcome screen', async () => {
    assert.deepEqual(await axeInEveryMode(page), {});
  });

  it('axe: the finder with results (procedures, situations, elsewhere)', async () => {
    await tap(page, '#search');
    await page.keyboard.type('dang ky');
    await page.waitForSelector('#found-procedures');
    assert.deepEqual(await axeInEveryMode(page), {});
    await page.evaluate(() => (document.querySelector('#search') as HTMLInputElement).select());
    await page.keyboard.type('ho chieu');
    await page.waitForSelector('#found-elsewhere');
    assert.deepEqual(await axeInEveryMode(page), {});
  });

  it("axe: a situation's question, and a procedure this site does not handle", async () => {
    await tap(page, '#events [data-event="new-baby"]');
    await waitForScreen(page, 'event-title');
    assert.deepEqual(await axeInEveryMode(page), {});
    await tap(page, '.back-link');
    await waitForScreen(page, 'welcome-title');
    await tap(page, '#events [data-event="travel-abroad"]');
    await waitForScreen(page, 'not-here-title');
    assert.deepEqual(await axeInEveryMode(page), {});
    await tap(page, '.back-link');
    await waitForScreen(page, 'welcome-title');
  });

  it('axe: the start page, before and after its questions', async () => {
    await tap(page, '#procedures [data-procedure="permanent-residence"]');
    await waitForScreen(page, 'start-title');
    await page.waitForSelector('#start-papers');
    assert.deepEqual(await axeInEveryMode(page), {});
    await tap(page, '.back-link');
    await waitForScreen(page, 'welcome-title');
    await tap(page, '#procedures [data-procedure="birth-registration"]');
    await waitForScreen(page, 'start-title');
    await tap(page, '#early-hasBirthNotice-no');
    assert.deepEqual(await axeInEveryMode(page), {});
  });

  it('axe: the slip and the filled declaration', async () => {
    await tap(page, '#start');
    await page.waitForFunction(
      () => document.querySelector('motcua-procedure')?.shadowRoot?.querySelector('input'),
      { timeout: 20_000 },
    );
    const journey = {
      ...BIRTH_REGISTRATION,
      birthNoticeStatus: {},
      attachments: {
        witnessStatement: {
          file: { name: 'lam-chung.pdf', type: 'application/pdf', content: '%PDF-1.4' },
        },
      },
    };
    await walkToReview(page, journey, files);
    // High contrast switched on in the form carries over to the kiosk's own screens.
    await press(page, 'Tương phản cao');
    await page.waitForFunction(() => document.documentElement.dataset.contrast === 'high');
    await press(page, 'Gửi hồ sơ');
    await waitForScreen(page, 'slip-title');
    assert.equal((await mode(page)).contrast, 'high');
    await page.waitForSelector('#ticket-number');
    assert.match(await textOf(page, '#slip-code'), /^HS-\d{8}-DEMO-\d{4}$/);
    assert.deepEqual(await axeInEveryMode(page), {});
    await tap(page, '#show-declaration');
    await page.waitForSelector('#declaration');
    assert.deepEqual(await axeInEveryMode(page), {});
    await tap(page, '.button--finish');
    await waitForScreen(page, 'welcome-title');
  });

  it('logged no error on the way', () => {
    assert.deepEqual(problems, []);
  });
});
