import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'puppeteer-core';
import { createServer, loadConfig, openMemoryPglite } from '@motcua/server';
import { BIRTH_REGISTRATION } from '../../../packages/elements/test/journeys.js';
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
import { STRICT_CSP } from '../../../scripts/serve-static.mjs';
import { findUnsafeCode } from '../../../scripts/unsafe-code.mjs';

// The portal as `npm start` serves it at /portal/: @motcua/server with the repository's
// motcua.config.json (the runtime bundle, the procedure compiled by the server, the API), with
// a strict Content-Security-Policy and Trusted Types, in real Chromium: a citizen types their way
// to the review page and sends the dossier to /api/dossiers, and the page must raise no policy
// violation and log no error on the way.

const REPO = join(import.meta.dirname, '..', '..', '..');

/** The scripts the portal loads, as the server sends them. */
const SCRIPTS = [
  'app.js',
  'motcua.js',
  'procedures/birth-registration.js',
  'vn-address.js',
  'insights.js',
];

/** A policy as directive → its sorted values: helmet and serve-static order them differently. */
function directives(policy: string): Record<string, string[]> {
  return Object.fromEntries(
    policy
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...values]) => [name, values.sort()]),
  );
}

describe('the portal under a strict CSP with Trusted Types', () => {
  let browser: Browser;
  let page: Page;
  let problems: string[];
  let violations: () => Promise<{ directive: string }[]>;
  let server: FastifyInstance;
  let origin: string;
  let files: string;
  let cspHeader: string | undefined;
  /** Every script URL the page requested, below the portal. */
  const requested: string[] = [];

  before(async () => {
    const config = await loadConfig({ cwd: REPO, env: {} });
    server = createServer({ ...config, database: await openMemoryPglite(), logger: false });
    origin = await server.listen({ port: 0, host: '127.0.0.1' });
    files = mkdtempSync(join(tmpdir(), 'motcua-csp-'));
    browser = await launchChromium();
    ({ page, problems, violations } = await openRecordedPage(browser));
    page.on('request', (request) => {
      if (request.resourceType() === 'script') requested.push(request.url());
    });
    const response = await page.goto(`${origin}/portal/`, { waitUntil: 'load' });
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

  it('ships no code that the policy would refuse: every script the page loads is scanned', async () => {
    // Once the first page is drawn, the element loads chunks beside the runtime (each name has
    // a content hash): XState and the journey's machine, portal mode's drafts, the review page,
    // the code that sends the dossier, the code that judges answers with the default messages,
    // the renderers of the address and file questions the birth registration asks later, and
    // the Vietnamese words of those pages;
    // and the procedure's checks (Ajv's validators, the Vietnam pack's code), a chunk beside its
    // module. Every one of them is scanned too.
    const wanted = [
      'session',
      'portal',
      'review',
      'post',
      'judge',
      'address',
      'file',
      'strings-later',
      // The later pages drawn once out of sight (rehearsal.ts), once the others are here.
      'rehearsal',
    ];
    const chunkOf = (script: string) => /^motcua-([a-z-]+)-[\w-]{8}\.js$/.exec(script)?.[1];
    const isChecks = (script: string) =>
      /^procedures\/birth-registration\.checks-[0-9a-f]{12}\.js$/.test(script);
    const loadedNow = () =>
      [...new Set(requested)].map((url) => url.slice(`${origin}/portal/`.length));
    for (let tries = 0; tries < 200; tries++) {
      const now = loadedNow();
      if (
        wanted.every((name) => now.some((script) => chunkOf(script) === name)) &&
        now.some(isChecks)
      )
        break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const loaded = loadedNow();
    const chunks = loaded.filter((script) => chunkOf(script) !== undefined || isChecks(script));
    assert.deepEqual(
      chunks.map((script) => chunkOf(script) ?? 'checks').sort(),
      [...wanted, 'checks'].sort(),
      loaded.join(', '),
    );
    assert.deepEqual(loaded.sort(), [...SCRIPTS, ...chunks].sort());
    const scanned = join(files, 'scripts');
    const paths = [];
    for (const script of [...SCRIPTS, ...chunks]) {
      const response = await fetch(`${origin}/portal/${script}`);
      assert.equal(response.status, 200, `GET /portal/${script}`);
      const path = join(scanned, script);
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, await response.text());
      paths.push(path);
    }
    assert.deepEqual(findUnsafeCode(paths), []);
  });

  it('is served with the strict policy', () => {
    assert.ok(cspHeader, 'the page has a Content-Security-Policy header');
    assert.deepEqual(directives(cspHeader), directives(STRICT_CSP));
    assert.deepEqual(directives(cspHeader)['require-trusted-types-for'], ["'script'"]);
  });

  it('draws the form with its styles: every stylesheet parsed, buttons at least 44px high', async () => {
    // The review pages add theirs when their chunk has run (fetched after the first page).
    let styling = await elementStyling(page);
    for (let tries = 0; tries < 100 && styling.rules.length < 4; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      styling = await elementStyling(page);
    }
    const { rules, buttonHeight } = styling;
    assert.equal(
      rules.length,
      4,
      "the element's, its fields', its drafts' and its review pages' stylesheets",
    );
    assert.ok(
      rules.every((count) => count > 5),
      `rules per stylesheet: ${rules.join(', ')}`,
    );
    assert.ok(buttonHeight >= 44, `the Continue button is ${buttonHeight}px high`);
  });

  it('takes a citizen through every step to the review page, and sends the dossier to the server', async () => {
    const visited = await walkToReview(page, BIRTH_REGISTRATION, files);
    assert.deepEqual(visited, Object.keys(BIRTH_REGISTRATION));
    assert.equal(await where(page), 'review');
    const heading = await (await control(page, 'h1')).evaluate((node) => node.textContent?.trim());
    assert.equal(heading, 'Kiểm tra lại thông tin');

    const code = await sendDossier(page);
    assert.match(code, /^HS-\d{8}-DEMO-\d{4}$/);
    // The code shown is the one the server stored the dossier under.
    const { rows } = await server.motcua.db.query<{
      procedure_id: string;
      answers: Record<string, unknown>;
    }>('SELECT procedure_id, answers FROM dossiers WHERE code = $1', [code]);
    assert.equal(rows.length, 1, `one dossier ${code} in the database`);
    assert.equal(rows[0]?.procedure_id, 'birth-registration');
    assert.equal(rows[0]?.answers.childName, 'Nguyễn Minh An');
    // The page shows what it sent, from the element's motcua-submit event.
    const shown = await page.$eval('#payload', (node) => ({
      hidden: (node as HTMLElement).hidden,
      json: node.querySelector('pre')?.textContent ?? '',
    }));
    assert.equal(shown.hidden, false);
    const sent = JSON.parse(shown.json) as { procedure: string; version: string; answers: object };
    assert.equal(sent.procedure, 'birth-registration');
    assert.equal(sent.version, '1.0.0');
    assert.deepEqual(sent.answers, rows[0]?.answers);
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
