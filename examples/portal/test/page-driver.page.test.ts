import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { launchChromium } from '../../../scripts/chromium.mjs';
import { inForm } from '../../../scripts/page-driver.mjs';

// The page tests wait for what <motcua-procedure> draws with `inForm`, which looks into its
// shadow root every 100 ms. Puppeteer's `waitForSelector('motcua-procedure >>> …')` looks again
// only when the light DOM changes, so what the element draws after its first look is never seen:
// fresh-clone CI runs lost the volunteer's card offer and the drafts' "Có mã hồ sơ đã lưu?" to
// it. Here a stand-in element draws into its shadow root only when told, after the wait began.

/** A stand-in for the element: an open shadow root that the test fills, nothing in light DOM. */
const PAGE = `<!doctype html><html lang="vi"><body><motcua-procedure></motcua-procedure><script>
customElements.define('motcua-procedure', class extends HTMLElement {
  constructor() { super(); this.attachShadow({ mode: 'open' }); }
  draw(html) { this.shadowRoot.innerHTML = html; }
});
</script></body></html>`;

describe('inForm: waiting for what the element draws', () => {
  let browser: Browser;
  let page: Page;

  before(async () => {
    browser = await launchChromium();
    page = await browser.newPage();
    await page.setContent(PAGE);
  });

  after(async () => {
    await browser?.close();
  });

  const draw = (html: string) =>
    page.evaluate(
      (markup) =>
        (
          document.querySelector('motcua-procedure') as unknown as { draw(html: string): void }
        ).draw(markup),
      html,
    );

  it('finds what is drawn in the shadow root after it began to look', async () => {
    await draw('');
    const waiting = inForm(page, '.later', { timeout: 5000 });
    await new Promise((resolve) => setTimeout(resolve, 400));
    await draw('<p class="later">Đã vẽ</p>');
    const found = await waiting;
    assert.equal(await found.evaluate((node) => node.textContent), 'Đã vẽ');
  });

  it('with visible, waits until it shows', async () => {
    await draw('<p class="shy" hidden>Ẩn</p>');
    const waiting = inForm(page, '.shy', { timeout: 5000, visible: true });
    let settled = false;
    void waiting.then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.equal(settled, false, 'a hidden element is not found with visible');
    await draw('<p class="shy">Hiện</p>');
    assert.equal(await (await waiting).evaluate((node) => node.textContent), 'Hiện');
  });

  it('gives up after its timeout, naming nothing found', async () => {
    await draw('');
    await assert.rejects(
      inForm(page, '.never', { timeout: 300 }),
      /Waiting failed: 300ms exceeded/,
    );
  });
});
