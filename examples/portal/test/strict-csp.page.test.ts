import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import { BIRTH_REGISTRATION, type PageAnswer } from '../../../packages/elements/test/journeys.js';
import { buildSite, sites } from '../../../scripts/build-examples.mjs';
import { launchChromium } from '../../../scripts/chromium.mjs';
import { STRICT_CSP, serveStatic } from '../../../scripts/serve-static.mjs';
import { findUnsafeCode } from '../../../scripts/unsafe-code.mjs';

// The built portal (runtime bundle + a procedure made by the compiler, as a portal deploys them),
// served with a strict Content-Security-Policy and Trusted Types, in real Chromium: a citizen
// types their way to the review page and sends the dossier, and the page must raise no policy
// violation and log no error on the way.

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
}

declare global {
  interface Window {
    motcuaViolations: Violation[];
  }
}

const portal = sites.find((site) => site.name === 'portal');
if (!portal) throw new Error('scripts/build-examples.mjs has no "portal" site');

describe('the portal under a strict CSP with Trusted Types', () => {
  let browser: Browser;
  let page: Page;
  let server: Awaited<ReturnType<typeof serveStatic>>;
  let files: string;
  let site: string;
  const problems: string[] = [];
  let cspHeader: string | undefined;

  before(async () => {
    site = await buildSite(portal);
    server = await serveStatic({ root: site });
    files = mkdtempSync(join(tmpdir(), 'motcua-csp-'));
    browser = await launchChromium();
    page = await browser.newPage();
    // Installed by CDP before any of the page's scripts, so it sees every violation.
    await page.evaluateOnNewDocument(() => {
      window.motcuaViolations = [];
      document.addEventListener('securitypolicyviolation', (event) => {
        window.motcuaViolations.push({
          directive: event.effectiveDirective,
          blocked: event.blockedURI,
          sample: event.sample,
        });
      });
    });
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warn') {
        problems.push(`console.${message.type()}: ${message.text()}`);
      }
    });
    page.on('pageerror', (error) => problems.push(`uncaught: ${String(error)}`));
    page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
    });
    const response = await page.goto(`${server.origin}/`, { waitUntil: 'load' });
    cspHeader = response?.headers()['content-security-policy'];
    try {
      await page.waitForFunction(
        () => document.querySelector('motcua-procedure')?.shadowRoot?.querySelector('input'),
        { timeout: 20_000 },
      );
    } catch (error) {
      // Name the cause (a refused script, a policy violation), not only the timeout.
      const violations = await page.evaluate(() => window.motcuaViolations).catch(() => []);
      throw new Error(
        `the form never showed its first input: ${String(error)}; violations: ` +
          `${JSON.stringify(violations)}; problems: ${JSON.stringify(problems)}`,
        { cause: error },
      );
    }
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    if (files) rmSync(files, { recursive: true, force: true });
  });

  /** The step on screen, or the journey's status once past the steps. */
  function where(): Promise<string> {
    return page.evaluate(() => {
      const element = document.querySelector('motcua-procedure') as unknown as {
        session?: { snapshot: { status: string; step?: { id: string } | null } };
      };
      const snapshot = element.session?.snapshot;
      return snapshot?.status === 'filling' ? (snapshot.step?.id ?? '?') : (snapshot?.status ?? '');
    });
  }

  async function control(selector: string): Promise<ElementHandle> {
    const handle = await page.$(`motcua-procedure >>> ${selector}`);
    assert.ok(handle, `nothing matches ${selector} on the page`);
    return handle;
  }

  async function typeInto(selector: string, value: string): Promise<void> {
    await (await control(selector)).click();
    await page.keyboard.type(value);
  }

  /** Answers one field with real clicks and keystrokes, by the field's type. */
  async function answer(id: string, value: PageAnswer): Promise<void> {
    const type = await page.evaluate(
      (field) =>
        (
          document.querySelector('motcua-procedure') as unknown as {
            session: { procedure: { field(id: string): { type: string } | undefined } };
          }
        ).session.procedure.field(field)?.type,
      id,
    );
    const selector = `#f-${id}`;
    if (type === 'radio') {
      await (await control(`input[type=radio][name="${id}"][value="${String(value)}"]`)).click();
    } else if (type === 'select') {
      await (await control(selector)).select(String(value));
    } else if (type === 'date' && typeof value === 'object' && 'day' in value) {
      await typeInto(selector, value.day);
      await typeInto(`${selector}-month`, value.month);
      await typeInto(`${selector}-year`, value.year);
    } else if (type === 'file' && typeof value === 'object' && 'file' in value) {
      const path = join(files, value.file.name);
      writeFileSync(path, value.file.content);
      await ((await control(selector)) as ElementHandle<HTMLInputElement>).uploadFile(path);
    } else {
      await typeInto(selector, String(value));
    }
  }

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

  it('takes a citizen through every step to the review page, and sends the dossier', async () => {
    const visited: string[] = [];
    for (let guard = 0; guard < 20; guard++) {
      const step = await where();
      if (step === 'review') break;
      const answers = BIRTH_REGISTRATION[step];
      assert.ok(answers, `the journey has no answers for step "${step}"`);
      visited.push(step);
      for (const [id, value] of Object.entries(answers)) await answer(id, value);
      await (await control('form button[type=submit]')).click();
      await page.waitForFunction(
        (from) => {
          const element = document.querySelector('motcua-procedure') as unknown as {
            session?: { snapshot: { status: string; step?: { id: string } | null } };
          };
          const snapshot = element.session?.snapshot;
          return snapshot?.status !== 'filling' || snapshot.step?.id !== from;
        },
        { timeout: 10_000 },
        step,
      );
    }
    assert.deepEqual(visited, Object.keys(BIRTH_REGISTRATION));
    assert.equal(await where(), 'review');
    const heading = await (await control('h1')).evaluate((node) => node.textContent?.trim());
    assert.equal(heading, 'Kiểm tra lại thông tin');

    const send = await page.$$('motcua-procedure >>> button');
    const labels = await Promise.all(send.map((b) => b.evaluate((n) => n.textContent?.trim())));
    const index = labels.indexOf('Gửi hồ sơ');
    assert.ok(index >= 0, `no "Gửi hồ sơ" button; buttons: ${labels.join(', ')}`);
    await send[index]?.click();
    await page.waitForFunction(
      () =>
        document.querySelector('motcua-procedure')?.shadowRoot?.querySelector('.dossier-code')
          ?.textContent,
      { timeout: 10_000 },
    );
    const code = await (await control('.dossier-code')).evaluate((node) => node.textContent);
    assert.match(code ?? '', /^HS-\d{8}-\d{4}$/);
  });

  it('raised no policy violation and logged no error on the way', async () => {
    const violations = await page.evaluate(() => window.motcuaViolations);
    assert.deepEqual(violations, []);
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
    const violations = await page.evaluate(() => window.motcuaViolations);
    assert.ok(
      violations.length >= 2 &&
        violations.every((v) => v.directive === 'require-trusted-types-for'),
      `expected Trusted Types violations, got ${JSON.stringify(violations)}`,
    );
  });
});
