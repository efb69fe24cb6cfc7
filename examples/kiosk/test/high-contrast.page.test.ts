import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { launchChromium } from '../../../scripts/chromium.mjs';
import { openRecordedPage } from '../../../scripts/page-driver.mjs';
import {
  KIOSK_VIEWPORT,
  axe,
  startServer,
  tap,
  waitForScreen,
  type RunningServer,
} from './helpers.js';

// The kiosk's screens, header included, in high contrast and larger text: every piece of text at
// least 7:1 against what is behind it (WCAG 2.2 AAA, 1.4.6, for text of every size), the header's
// text at 150% of its normal size, and no sideways scrolling at the kiosk's 900px width.

/** Text below 7:1, through the form's shadow root: each described with its ratio. */
async function lowContrast(page: Page): Promise<string[]> {
  // tsx (esbuild, keepNames) wraps the named helpers below in `__name(…)`, which the page lacks.
  await page.evaluate('globalThis.__name ??= (f) => f');
  return page.evaluate(() => {
    const parse = (colour: string) => {
      const [r = 0, g = 0, b = 0, a = 1] = colour.match(/[\d.]+/g)!.map(Number);
      return [r, g, b, a] as const;
    };
    const luminance = ([r, g, b]: readonly number[]) =>
      [r!, g!, b!]
        .map((value) => value / 255)
        .map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
        .reduce((sum, c, index) => sum + c * [0.2126, 0.7152, 0.0722][index]!, 0);
    const backgroundOf = (node: Element) => {
      for (let at: Element | null = node; at;) {
        const colour = parse(getComputedStyle(at).backgroundColor);
        if (colour[3] === 1) return colour;
        at = at.parentElement ?? ((at.getRootNode() as ShadowRoot).host || null);
      }
      return parse(getComputedStyle(document.documentElement).backgroundColor);
    };
    const all = (root: Document | ShadowRoot): Element[] =>
      Array.from(root.querySelectorAll('*')).flatMap((node) => [
        node,
        ...(node.shadowRoot ? all(node.shadowRoot) : []),
      ]);
    const found: string[] = [];
    for (const node of all(document)) {
      if (node.closest('.visually-hidden, [hidden], script, style, template')) continue;
      const own = Array.from(node.childNodes).some(
        (child) => child.nodeType === 3 && child.textContent!.trim(),
      );
      if (!own || node.getClientRects().length === 0) continue;
      const [a, b] = [
        luminance(parse(getComputedStyle(node).color)),
        luminance(backgroundOf(node)),
      ];
      const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      if (ratio < 7) {
        const text = node.textContent!.replace(/\s+/g, ' ').trim().slice(0, 40);
        found.push(
          `<${node.localName} id="${node.id}" class="${node.className}">${text}: ${ratio.toFixed(2)}:1`,
        );
      }
    }
    return found;
  });
}

function headerSize(page: Page): Promise<number> {
  return page.evaluate(() =>
    parseFloat(getComputedStyle(document.querySelector('.kiosk-header__name')!).fontSize),
  );
}

function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(
    () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
  );
}

/** axe-core's AAA colour rule alone. */
const enhancedContrast = (page: Page) =>
  axe(page, { type: 'rule', values: ['color-contrast-enhanced'] });

describe('the kiosk in high contrast and larger text', () => {
  let running: RunningServer;
  let browser: Browser;
  let page: Page;
  let normalHeader: number;

  before(async () => {
    [running, browser] = await Promise.all([startServer(), launchChromium()]);
    ({ page } = await openRecordedPage(browser));
    await page.setViewport(KIOSK_VIEWPORT);
    await page.goto(`${running.origin}/`, { waitUntil: 'load' });
    await waitForScreen(page, 'welcome-title');
    normalHeader = await headerSize(page);
    await page.click('#contrast');
    await page.click('#text-size');
    await page.waitForFunction(
      () =>
        document.documentElement.dataset.contrast === 'high' &&
        document.documentElement.dataset.textSize === 'large',
    );
  });

  after(async () => {
    await browser?.close();
    await running?.close();
  });

  async function check(state: string): Promise<void> {
    assert.deepEqual(await lowContrast(page), [], `${state}: text below 7:1`);
    assert.deepEqual(await enhancedContrast(page), [], `${state}: axe color-contrast-enhanced`);
    assert.equal(await scrollsSideways(page), false, `${state}: scrolls sideways at 900px`);
  }

  it('is white and yellow on black, with the header at 150% of its normal size', async () => {
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.equal(background, 'rgb(0, 0, 0)');
    assert.ok(
      (await headerSize(page)) >= normalHeader * 1.5,
      `header ${normalHeader}px → ${await headerSize(page)}px`,
    );
    await check('the welcome screen');
  });

  it('keeps 7:1 on the finder, the start page and the form', async () => {
    await tap(page, '#search');
    await page.keyboard.type('dang ky');
    await page.waitForSelector('#found-procedures');
    await check('the finder with results');
    await tap(page, '#procedures [data-procedure="birth-registration"]');
    await waitForScreen(page, 'start-title');
    await tap(page, '#early-hasBirthNotice-no');
    await check('the start page');
    await tap(page, '#start');
    await page.waitForFunction(
      () => document.querySelector('motcua-procedure')?.shadowRoot?.querySelector('input'),
      { timeout: 20_000 },
    );
    await check('the form');
  });
});
