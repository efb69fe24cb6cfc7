import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { BIRTH_REGISTRATION } from '../../../packages/elements/test/journeys.js';
import { buildSite, sites } from '../../../scripts/build-examples.mjs';
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
import { startKiosk } from '../server.mjs';

// `npm start`'s kiosk, built and served as `npm start` serves it (strict CSP, embedded dossier
// endpoint), in Chromium: choose a procedure, file it with real keystrokes, get a dossier code
// from the server, and leave nothing behind for the next citizen.

const kiosk = sites.find((site) => site.name === 'kiosk');
if (!kiosk) throw new Error('scripts/build-examples.mjs has no "kiosk" site');

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

const cases = JSON.parse(
  readFileSync(new URL('../../procedures/birth-registration.cases.json', import.meta.url), 'utf8'),
) as { cases: { valid: boolean; answers: Record<string, unknown> }[] };

describe('the kiosk example (npm start)', () => {
  let browser: Browser;
  let page: Page;
  let problems: string[];
  let violations: () => Promise<unknown[]>;
  let server: Awaited<ReturnType<typeof startKiosk>>;
  let files: string;

  before(async () => {
    const root = await buildSite(kiosk);
    server = await startKiosk({ root, procedures: kiosk.procedures });
    files = mkdtempSync(join(tmpdir(), 'motcua-kiosk-'));
    browser = await launchChromium();
    ({ page, problems, violations } = await openRecordedPage(browser));
    await page.goto(`${server.origin}/`, { waitUntil: 'load' });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    if (files) rmSync(files, { recursive: true, force: true });
  });

  const post = (body: unknown, key?: string) =>
    fetch(`${server.origin}/api/dossiers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key && { 'idempotency-key': key }) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
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
    assert.ok(rules.length === 2 && rules.every((count) => count > 20), `rules: ${rules}`);
    assert.ok(buttonHeight >= 56, `the Continue button is ${buttonHeight}px high`);
    await walkToReview(page, BIRTH_REGISTRATION, files);
    const code = await sendDossier(page);
    assert.match(code, /^HS-\d{8}-0001$/);
    // The server re-checked the dossier and kept its pruned answers under that code.
    const kept = server.dossiers.get(code) as { procedure: string; answers: object };
    assert.equal(kept.procedure, 'birth-registration');
    assert.equal((kept.answers as Record<string, unknown>).childName, 'Nguyễn Minh An');
  });

  it('leaves nothing for the next citizen: "Làm hồ sơ mới" goes back to the choice', async () => {
    await press(page, 'Làm hồ sơ mới');
    await page.waitForFunction(() => !document.getElementById('chooser')?.hidden);
    assert.equal(await page.$('motcua-procedure'), null);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
    const stored = await page.evaluate(() => [localStorage.length, sessionStorage.length]);
    assert.deepEqual(stored, [0, 0]);
  });

  it('files a permanent residence: the address from the Vietnam data, checked by the server', async () => {
    await page.click('button[data-procedure="permanent-residence"]');
    await waitForForm(page);
    await walkToReview(page, PERMANENT_RESIDENCE, files);
    const code = await sendDossier(page);
    const kept = server.dossiers.get(code) as { answers: Record<string, unknown> };
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
    await page.goto(`${server.origin}/`, { waitUntil: 'load' });
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
    const valid = cases.cases.find((c) => c.valid)?.answers ?? {};
    const residence = (
      JSON.parse(
        readFileSync(
          new URL(
            '../../../packages/vn/procedures/permanent-residence.cases.json',
            import.meta.url,
          ),
          'utf8',
        ),
      ) as { cases: { valid: boolean; answers: Record<string, unknown> }[] }
    ).cases.find((c) => c.valid)?.answers;

    it('refuses a dossier that breaks a rule, with the errors as data', async () => {
      const response = await post({
        procedure: 'birth-registration',
        version: '1.0.0',
        answers: { ...valid, childEthnicity: 'tay' },
      });
      assert.equal(response.status, 422);
      const { errors } = (await response.json()) as { errors: { field: string }[] };
      assert.ok(errors.some((error) => error.field === 'childEthnicity'));
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
      assert.equal(response.status, 422);
      const { errors } = (await response.json()) as { errors: { field: string; code: string }[] };
      assert.deepEqual(
        errors.map(({ field, code }) => ({ field, code })),
        [{ field: 'homeAddress', code: 'vn-address.commune' }],
      );
    });

    it('gives the same code to a retry with the same idempotency key', async () => {
      const body = { procedure: 'birth-registration', version: '1.0.0', answers: valid };
      const first = await post(body, 'retry-key');
      assert.equal(first.status, 201);
      const again = await post(body, 'retry-key');
      assert.deepEqual(await again.json(), await first.json());
    });

    it('says what is wrong with a bad request', async () => {
      assert.equal((await post('{not json')).status, 400);
      const unknown = await post({ procedure: 'nope', version: '1', answers: {} });
      assert.equal(unknown.status, 404);
      assert.match(((await unknown.json()) as { error: string }).error, /birth-registration/);
      const stale = await post({ procedure: 'birth-registration', version: '0.9', answers: {} });
      assert.equal(stale.status, 409);
      const polluted = await post(
        '{"procedure":"birth-registration","version":"1.0.0","answers":{"__proto__":{"x":1}}}',
      );
      assert.equal(polluted.status, 400);
    });
  });
});
