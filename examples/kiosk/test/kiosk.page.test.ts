import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
  press,
  sendDossier,
  waitForForm,
  walkToReview,
} from '../../../scripts/page-driver.mjs';
import { STRICT_CSP } from '../../../scripts/serve-static.mjs';

// `npm start`'s kiosk, served as `npm start` serves it: @motcua/server with the repository's
// motcua.config.json (strict CSP, procedures compiled by the server, dossiers stored in
// PostgreSQL, here an in-memory PGlite), in Chromium: choose a procedure, file it with real
// keystrokes, get a dossier code from the server, and leave nothing behind for the next citizen.

const REPO = join(import.meta.dirname, '..', '..', '..');

const axeSource = readFileSync(fileURLToPath(import.meta.resolve('axe-core/axe.min.js')), 'utf8');

/** axe-core's WCAG 2.2 A and AA rules on the page as it is: the ids and targets of violations. */
async function axe(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const { violations } = await (
      window as unknown as {
        axe: {
          run(
            context: Document,
            options: object,
          ): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }>;
        };
      }
    ).axe.run(document, {
      runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
    });
    return violations.map(
      (violation) =>
        `${violation.id}: ${violation.nodes.map((node) => JSON.stringify(node.target)).join(', ')}`,
    );
  });
}

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

/** A journey through the permanent residence, page by page: an adult who owns the home. */
const PERMANENT_RESIDENCE = {
  applicant: {
    applicantName: 'Nguyễn Văn An',
    applicantBirthDate: { day: '14', month: '5', year: '1990' },
    applicantSex: 'male',
    applicantPersonalId: '001090012345',
  },
  address: {
    // Typed without diacritics, as many citizens must.
    homeAddress: {
      province: '01',
      search: 'hoang mai',
      commune: '00331',
      detail: 'Số 12, ngõ 5, phố Tân Mai',
    },
  },
  ownership: { ownsHome: 'yes' },
  household: { joinHousehold: 'no' },
  lawfulResidence: { residenceOnRecord: 'yes' },
  membersQuestion: { membersMoving: 'no' },
};

type Cases = { cases: { valid: boolean; answers: Record<string, unknown> }[] };
const validAnswers = (file: string) =>
  (JSON.parse(readFileSync(join(REPO, file), 'utf8')) as Cases).cases.find((c) => c.valid)
    ?.answers ?? {};

interface ProblemBody {
  type: string;
  status: number;
  detail: string;
  i18n: { vi: { detail: string }; en: { detail: string } };
  errors?: { field: string; code: string }[];
}

/** Checks that `response` is the problem `name` with `status`, and returns its document. */
async function problem(response: Response, status: number, name: string): Promise<ProblemBody> {
  const text = await response.text();
  assert.equal(response.status, status, text);
  assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
  const body = JSON.parse(text) as ProblemBody;
  assert.equal(body.type, `tag:motcua,2026:problem/${name}`);
  assert.equal(body.status, status);
  assert.ok(body.detail.length > 0 && body.i18n.en.detail.length > 0, 'a detail in vi and en');
  return body;
}

describe('the kiosk example (npm start)', () => {
  let browser: Browser;
  let page: Page;
  let problems: string[];
  let violations: () => Promise<unknown[]>;
  let server: FastifyInstance;
  let origin: string;
  let files: string;
  let cspHeader: string | undefined;
  /** The birth registration module as the page received it. */
  let loadedProcedure: Promise<string> | undefined;

  before(async () => {
    const config = await loadConfig({ cwd: REPO, env: {} });
    server = createServer({ ...config, database: await openMemoryPglite(), logger: false });
    origin = await server.listen({ port: 0, host: '127.0.0.1' });
    files = mkdtempSync(join(tmpdir(), 'motcua-kiosk-'));
    browser = await launchChromium();
    ({ page, problems, violations } = await openRecordedPage(browser));
    page.on('response', (response) => {
      if (response.url() === `${origin}/procedures/birth-registration.js` && response.ok()) {
        loadedProcedure ??= response.text();
      }
    });
    const response = await page.goto(`${origin}/`, { waitUntil: 'load' });
    cspHeader = response?.headers()['content-security-policy'];
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    if (files) rmSync(files, { recursive: true, force: true });
  });

  /** The stored dossier with this code: what the server kept, from the database. */
  async function stored(code: string) {
    const { rows } = await server.motcua.db.query<{
      procedure_id: string;
      answers: Record<string, unknown>;
    }>('SELECT procedure_id, answers FROM dossiers WHERE code = $1', [code]);
    assert.equal(rows.length, 1, `one dossier ${code} in the database`);
    return rows[0]!;
  }

  const post = (body: unknown, key: string = randomUUID()) =>
    fetch(`${origin}/api/dossiers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': key },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('is served with the strict policy', () => {
    assert.ok(cspHeader, 'the page has a Content-Security-Policy header');
    assert.deepEqual(directives(cspHeader), directives(STRICT_CSP));
    assert.deepEqual(directives(cspHeader)['require-trusted-types-for'], ["'script'"]);
  });

  it('opens on the choice of procedures, in Vietnamese', async () => {
    const heading = await page.$eval('h1', (node) => node.textContent?.trim());
    assert.equal(heading, 'Bạn cần làm thủ tục gì?');
    const choices = await page.$$eval('button[data-procedure]', (buttons) =>
      buttons.map((button) => (button as HTMLButtonElement).dataset.procedure),
    );
    assert.deepEqual(choices, ['birth-registration', 'permanent-residence', 'criminal-record']);
  });

  it('files a birth registration: kiosk mode, every step, a code from the server', async () => {
    await page.click('button[data-procedure="birth-registration"]');
    await waitForForm(page);
    const mode = await page.$eval('motcua-procedure', (node) => node.getAttribute('mode'));
    assert.equal(mode, 'kiosk');
    // Kiosk sizes: 22px text, 56px buttons for fingers on a public screen.
    const { rules, buttonHeight } = await elementStyling(page);
    assert.ok(rules.length === 3 && rules.every((count) => count > 5), `rules: ${rules}`);
    assert.ok(buttonHeight >= 56, `the Continue button is ${buttonHeight}px high`);
    await walkToReview(page, BIRTH_REGISTRATION, files);
    const code = await sendDossier(page);
    assert.match(code, /^HS-\d{8}-DEMO-0001$/);
    // The server re-checked the dossier and stored its pruned answers under that code.
    const kept = await stored(code);
    assert.equal(kept.procedure_id, 'birth-registration');
    assert.equal(kept.answers.childName, 'Nguyễn Minh An');
  });

  it('ran the procedure the server compiled: procedures/birth-registration.js', async () => {
    assert.ok(loadedProcedure, 'the page loaded procedures/birth-registration.js');
    const compiled = await server.motcua.procedures.module('birth-registration');
    assert.ok(compiled, 'the server has the birth registration');
    assert.ok((await loadedProcedure) === compiled.code, 'the page got the compiled module');
    assert.ok(/from\s*["']\.\.\/motcua\.js["']/.test(compiled.code), 'it imports ../motcua.js');
  });

  it('leaves nothing for the next citizen: "Làm hồ sơ mới" goes back to the choice', async () => {
    await press(page, 'Làm hồ sơ mới');
    await page.waitForFunction(() => !document.getElementById('chooser')?.hidden);
    assert.equal(await page.$('motcua-procedure'), null);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
    const storage = await page.evaluate(() => [localStorage.length, sessionStorage.length]);
    assert.deepEqual(storage, [0, 0]);
  });

  it('files a permanent residence: the address from the Vietnam data, checked by the server', async () => {
    await page.click('button[data-procedure="permanent-residence"]');
    await waitForForm(page);
    await walkToReview(page, PERMANENT_RESIDENCE, files);
    const code = await sendDossier(page);
    assert.match(code, /^HS-\d{8}-DEMO-0002$/);
    const kept = await stored(code);
    assert.equal(kept.procedure_id, 'permanent-residence');
    assert.deepEqual(kept.answers.homeAddress, {
      province: '01',
      commune: '00331',
      detail: 'Số 12, ngõ 5, phố Tân Mai',
    });
    await press(page, 'Làm hồ sơ mới');
    await page.waitForFunction(() => !document.getElementById('chooser')?.hidden);
  });

  it('asks before wiping a half-filled form, then wipes it', async () => {
    await page.click('button[data-procedure="criminal-record"]');
    await waitForForm(page);
    await (await control(page, 'input')).click();
    await page.keyboard.type('Nguyễn Văn An');
    await page.click('#restart');
    assert.equal(await page.$eval('#confirm-restart', (d) => (d as HTMLDialogElement).open), true);
    await page.click('#confirm-no');
    assert.notEqual(await page.$('motcua-procedure'), null, '"Tiếp tục điền" keeps the form');
    await page.click('#restart');
    await page.click('#confirm-yes');
    assert.equal(await page.$('motcua-procedure'), null);
    assert.equal(await page.$eval('#chooser', (node) => (node as HTMLElement).hidden), false);
  });

  it('raised no policy violation and logged no error', async () => {
    assert.deepEqual(await violations(), []);
    assert.deepEqual(problems, []);
  });

  it('passes axe (WCAG 2.2 AA): the choice, and the question before wiping', async () => {
    // Last: axe is injected through CDP (the policy would refuse it as a script, rightly), and
    // what it does in the page is not the page's own doing.
    await page.goto(`${origin}/`, { waitUntil: 'load' });
    assert.deepEqual(await axe(page), [], 'the choice of procedures');
    await page.click('button[data-procedure="birth-registration"]');
    await waitForForm(page);
    assert.deepEqual(await axe(page), [], 'the first step in kiosk mode');
    await (await control(page, 'input')).click();
    await page.keyboard.type('Trần Thị Mai');
    await page.click('#restart');
    assert.deepEqual(await axe(page), [], 'the question before wiping');
    await page.click('#confirm-yes');
  });

  describe('the dossier endpoint re-checks with the same rules', () => {
    const birth = validAnswers('examples/procedures/birth-registration.cases.json');
    const residence = validAnswers('packages/vn/procedures/permanent-residence.cases.json');

    it('refuses a dossier that breaks a rule, with the errors as data', async () => {
      const response = await post({
        procedure: 'birth-registration',
        version: '1.0.0',
        answers: { ...birth, childEthnicity: 'tay' },
      });
      const { errors } = await problem(response, 422, 'invalid-answers');
      assert.ok(
        errors?.some((error) => error.field === 'childEthnicity'),
        JSON.stringify(errors),
      );
    });

    it('refuses an address whose commune is not in its province (checked against the data)', async () => {
      const response = await post({
        procedure: 'permanent-residence',
        version: '1.0.0',
        answers: {
          ...residence,
          homeAddress: { province: '79', commune: '00331', detail: 'Số 12' },
        },
      });
      const { errors } = await problem(response, 422, 'invalid-answers');
      assert.deepEqual(
        errors?.map(({ field, code }) => ({ field, code })),
        [{ field: 'homeAddress', code: 'vn-address.commune' }],
      );
    });

    it('answers a retry with the same idempotency key and body with the same receipt', async () => {
      const body = { procedure: 'birth-registration', version: '1.0.0', answers: birth };
      const first = await post(body, 'kiosk-retry:1');
      assert.equal(first.status, 201);
      const again = await post(body, 'kiosk-retry:1');
      assert.equal(again.status, 201);
      const receipt = (await first.json()) as { dossierCode: string };
      assert.match(receipt.dossierCode, /^HS-\d{8}-DEMO-\d{4}$/);
      assert.deepEqual(await again.json(), receipt);
      const { rows } = await server.motcua.db.query(
        'SELECT code FROM dossiers WHERE idempotency_key = $1',
        ['kiosk-retry:1'],
      );
      assert.equal(rows.length, 1, 'stored once');
    });

    it('refuses a body that is not JSON', async () => {
      await problem(await post('{not json'), 400, 'invalid-json');
    });

    it('refuses an unknown procedure, naming the ones it takes', async () => {
      const response = await post({ procedure: 'nope', version: '1', answers: {} });
      const { detail } = await problem(response, 404, 'unknown-procedure');
      for (const id of ['birth-registration', 'permanent-residence', 'criminal-record']) {
        assert.ok(detail.includes(id), `"${detail}" names ${id}`);
      }
    });

    it('refuses a dossier filled in another version of the form', async () => {
      const response = await post({ procedure: 'birth-registration', version: '0.9', answers: {} });
      await problem(response, 409, 'procedure-version-mismatch');
    });

    it('refuses a __proto__ key', async () => {
      const response = await post(
        '{"procedure":"birth-registration","version":"1.0.0","answers":{"__proto__":{"x":1}}}',
      );
      await problem(response, 400, 'forbidden-key');
    });
  });
});
