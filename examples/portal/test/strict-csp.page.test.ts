import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { BIRTH_REGISTRATION } from '../../../packages/elements/test/journeys.js';
import { buildSite, sites } from '../../../scripts/build-examples.mjs';
import { launchChromium } from '../../../scripts/chromium.mjs';
import {
  control,
  elementStyling,
  openRecordedPage,
  sendDossier,
  waitForForm,
  walkToReview,
  where,
} from '../../../scripts/page-driver.mjs';
import { STRICT_CSP, serveStatic } from '../../../scripts/serve-static.mjs';
import { findUnsafeCode } from '../../../scripts/unsafe-code.mjs';

// The built portal (runtime bundle + a procedure made by `motcua build`, as a portal deploys
// them), served with a strict Content-Security-Policy and Trusted Types, in real Chromium: a
// citizen types their way to the review page and sends the dossier, and the page must raise no
// policy violation and log no error on the way.

const portal = sites.find((site) => site.name === 'portal');
if (!portal) throw new Error('scripts/build-examples.mjs has no "portal" site');

describe('the portal under a strict CSP with Trusted Types', () => {
  let browser: Browser;
  let page: Page;
  let problems: string[];
  let violations: () => Promise<{ directive: string }[]>;
  let server: Awaited<ReturnType<typeof serveStatic>>;
  let files: string;
  let site: string;
  let cspHeader: string | undefined;

  before(async () => {
    site = await buildSite(portal);
    server = await serveStatic({ root: site });
    files = mkdtempSync(join(tmpdir(), 'motcua-csp-'));
    browser = await launchChromium();
    ({ page, problems, violations } = await openRecordedPage(browser));
    const response = await page.goto(`${server.origin}/`, { waitUntil: 'load' });
    cspHeader = response?.headers()['content-security-policy'];
    try {
      await waitForForm(page);
    } catch (error) {
      // Name the cause (a refused script, a policy violation), not only the timeout.
      throw new Error(
        `the form never showed its first input: ${String(error)}; violations: ` +
          `${JSON.stringify(await violations().catch(() => []))}; problems: ${JSON.stringify(problems)}`,
        { cause: error },
      );
    }
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    if (files) rmSync(files, { recursive: true, force: true });
  });

  it('ships no code that the policy would refuse: every script of the built site is scanned', () => {
    const scripts = readdirSync(site, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.js'))
      .sort();
    assert.deepEqual(scripts, ['app.js', 'motcua.js', join('procedures', 'birth-registration.js')]);
    assert.deepEqual(findUnsafeCode(scripts.map((file) => join(site, file))), []);
  });

  it('is served with the strict policy', () => {
    assert.equal(cspHeader, STRICT_CSP);
    assert.match(STRICT_CSP, /require-trusted-types-for 'script'/);
  });

  it('draws the form with its styles: every stylesheet parsed, buttons at least 44px high', async () => {
    const { rules, buttonHeight } = await elementStyling(page);
    assert.equal(rules.length, 2);
    assert.ok(
      rules.every((count) => count > 20),
      `rules per stylesheet: ${rules.join(', ')}`,
    );
    assert.ok(buttonHeight >= 44, `the Continue button is ${buttonHeight}px high`);
  });

  it('takes a citizen through every step to the review page, and sends the dossier', async () => {
    const visited = await walkToReview(page, BIRTH_REGISTRATION, files);
    assert.deepEqual(visited, Object.keys(BIRTH_REGISTRATION));
    assert.equal(await where(page), 'review');
    const heading = await (await control(page, 'h1')).evaluate((node) => node.textContent?.trim());
    assert.equal(heading, 'Kiểm tra lại thông tin');

    const code = await sendDossier(page);
    assert.match(code, /^HS-\d{8}-\d{4}$/);
  });

  it('raised no policy violation and logged no error on the way', async () => {
    assert.deepEqual(await violations(), []);
    assert.deepEqual(problems, []);
  });

  it('really enforces the policy: HTML strings and inline scripts are refused and reported', async () => {
    // Without this, a page served with no policy at all would pass the test above.
    const outcome = await page.evaluate(() => {
      const results: string[] = [];
      try {
        document.body.insertAdjacentHTML('beforeend', '<b>not trusted</b>');
        results.push('HTML string accepted');
      } catch (error) {
        results.push((error as Error).name);
      }
      const script = document.createElement('script');
      try {
        script.textContent = 'window.inlineRan = true';
        document.body.append(script);
        results.push('script text accepted');
      } catch (error) {
        results.push((error as Error).name);
      }
      return results;
    });
    assert.deepEqual(outcome, ['TypeError', 'TypeError']);
    const seen = await violations();
    assert.ok(
      seen.length >= 2 && seen.every((v) => v.directive === 'require-trusted-types-for'),
      `expected Trusted Types violations, got ${JSON.stringify(seen)}`,
    );
  });
});
