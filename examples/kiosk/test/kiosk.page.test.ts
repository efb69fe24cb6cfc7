import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { BIRTH_REGISTRATION } from '../../../packages/elements/test/journeys.js';
import { launchChromium } from '../../../scripts/chromium.mjs';
import {
  control,
  elementStyling,
  openRecordedPage,
  press,
  waitForForm,
  walkToReview,
} from '../../../scripts/page-driver.mjs';
import { STRICT_CSP } from '../../../scripts/serve-static.mjs';
import {
  KIOSK_VIEWPORT,
  PERMANENT_RESIDENCE,
  REPO,
  axe,
  inHeap,
  startServer,
  textOf,
  waitForScreen,
  type RunningServer,
} from './helpers.js';

// `npm start`'s kiosk, served as `npm start` serves it: @motcua/server with the repository's
// motcua.config.json (strict CSP, procedures compiled by the server, dossiers stored in
// PostgreSQL, here PGlite in a temporary folder), in Chromium: choose a procedure, read its start
// page, file it with real keystrokes, get a dossier code and a slip from the server, and leave
// nothing behind for the next citizen. (journey.page.test.ts walks the whole visit by touch.)

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
  let running: RunningServer;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  let violations: () => Promise<unknown[]>;
  let origin: string;
  let files: string;
  let cspHeader: string | undefined;
  /** The birth registration module as the page received it. */
  let loadedProcedure: Promise<string> | undefined;

  before(async () => {
    [running, browser] = await Promise.all([startServer(), launchChromium()]);
    origin = running.origin;
    files = mkdtempSync(join(tmpdir(), 'motcua-kiosk-'));
    ({ page, problems, violations } = await openRecordedPage(browser));
    await page.setViewport(KIOSK_VIEWPORT);
    page.on('response', (response) => {
      if (response.url() === `${origin}/procedures/birth-registration.js` && response.ok()) {
        loadedProcedure ??= response.text();
      }
    });
    const response = await page.goto(`${origin}/`, { waitUntil: 'load' });
    cspHeader = response?.headers()['content-security-policy'];
    await waitForScreen(page, 'welcome-title');
  });

  after(async () => {
    await browser?.close();
    await running?.close();
    if (files) rmSync(files, { recursive: true, force: true });
  });

  /** The stored dossier with this code: what the server kept, from the database. */
  async function stored(code: string) {
    const { rows } = await running.server.motcua.db.query<{
      procedure_id: string;
      answers: Record<string, unknown>;
    }>('SELECT procedure_id, answers FROM dossiers WHERE code = $1', [code]);
    assert.equal(rows.length, 1, `one dossier ${code} in the database`);
    return rows[0]!;
  }

  /** From the welcome screen to the first page of a procedure's form, through its start page. */
  async function openForm(id: string) {
    await page.click(`#procedures button[data-procedure="${id}"]`);
    await waitForScreen(page, 'start-title');
    await page.waitForSelector('#start:not([disabled])');
    await page.click('#start');
    await waitForForm(page);
  }

  /** Presses "Gửi hồ sơ" and returns the dossier code the kiosk's slip shows. */
  async function send() {
    await press(page, 'Gửi hồ sơ');
    await waitForScreen(page, 'slip-title');
    return textOf(page, '#slip-code');
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

  it("opens on the finder, in Vietnamese, with every procedure of the site's counters", async () => {
    assert.equal(await textOf(page, 'h1'), 'Bạn cần làm thủ tục gì?');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'welcome-title');
    const choices = await page.$$eval('#procedures button[data-procedure]', (buttons) =>
      buttons.map((button) => (button as HTMLButtonElement).dataset.procedure),
    );
    const site = JSON.parse(readFileSync(join(REPO, 'sites/demo.json'), 'utf8')) as {
      counters: { procedures: string[] }[];
    };
    const atCounters = site.counters.flatMap((counter) => counter.procedures);
    assert.ok(atCounters.length >= 9, atCounters.join());
    assert.deepEqual(choices.sort(), [...new Set(atCounters)].sort());
  });

  it('files a birth registration with its file: kiosk mode, every step, a code from the server', async () => {
    await openForm('birth-registration');
    const mode = await page.$eval('motcua-procedure', (node) => node.getAttribute('mode'));
    assert.equal(mode, 'kiosk');
    // Kiosk sizes: 22px text, 56px buttons for fingers on a public screen.
    const { rules, buttonHeight } = await elementStyling(page);
    // The element's, its fields', the kiosk chunk's (keyboard, idle question, help notice), and
    // the card scan's for a procedure that reads the Căn cước card.
    assert.ok(rules.length >= 3 && rules.every((count) => count > 5), `rules: ${rules}`);
    assert.ok(buttonHeight >= 56, `the Continue button is ${buttonHeight}px high`);
    await walkToReview(page, BIRTH_REGISTRATION, files);
    const code = await send();
    assert.match(code, /^HS-\d{8}-DEMO-0001$/);
    // The server re-checked the dossier and stored its pruned answers and the file.
    const kept = await stored(code);
    assert.equal(kept.procedure_id, 'birth-registration');
    assert.equal(kept.answers.childName, 'Nguyễn Minh An');
    assert.equal(await page.$('#slip-papers .slip__paper-copy'), null, 'no paper: the file came');
    const { rows } = await running.server.motcua.db.query<{ field: string; name: string }>(
      'SELECT f.field, f.name FROM dossier_files f JOIN dossiers d ON d.id = f.dossier_id WHERE d.code = $1',
      [code],
    );
    // Sent after the answers (the receipt first said one was missing), before the slip showed.
    assert.deepEqual(rows, [{ field: 'birthNotice', name: 'giay-chung-sinh.pdf' }]);
  });

  it('ran the procedure the server compiled: procedures/birth-registration.js', async () => {
    assert.ok(loadedProcedure, 'the page loaded procedures/birth-registration.js');
    const compiled = await running.server.motcua.procedures.module('birth-registration');
    assert.ok(compiled, 'the server has the birth registration');
    assert.ok((await loadedProcedure) === compiled.code, 'the page got the compiled module');
    // The page's own runtime (the element registered it), else the one beside the page.
    assert.ok(
      /import\(\s*["']\.\.\/motcua\.js["']\s*\)/.test(compiled.code),
      'it imports ../motcua.js',
    );
  });

  it('leaves nothing for the next citizen: "Kết thúc" goes back to the welcome screen', async () => {
    // The citizen's names (the mother's, who filed, and the father's; in no procedure's text):
    // on the slip, so in the page's memory, until "Kết thúc".
    const names = [
      BIRTH_REGISTRATION.requester!.requesterName,
      BIRTH_REGISTRATION.father!.fatherName,
    ];
    assert.deepEqual(await inHeap(page, names as string[]), names, 'the search finds them');
    await page.click('#finish');
    await waitForScreen(page, 'welcome-title');
    assert.equal(await page.$('motcua-procedure'), null);
    assert.equal(await page.$('#slip'), null);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
    const storage = await page.evaluate(() => [localStorage.length, sessionStorage.length]);
    assert.deepEqual(storage, [0, 0]);
    // Nor in the page's memory: no variable, closure or cache of the page or the element kept
    // them (the next citizen's scripts could not read them, nor could a memory dump).
    assert.deepEqual(await inHeap(page, names as string[]), []);
  });

  it('files a permanent residence: the address from the Vietnam data, checked by the server', async () => {
    await openForm('permanent-residence');
    await walkToReview(page, PERMANENT_RESIDENCE, files);
    const code = await send();
    assert.match(code, /^HS-\d{8}-DEMO-0002$/);
    const kept = await stored(code);
    assert.equal(kept.procedure_id, 'permanent-residence');
    assert.deepEqual(kept.answers.homeAddress, {
      province: '01',
      commune: '00331',
      detail: 'Số 12, ngõ 5, phố Tân Mai',
    });
    await page.waitForSelector('#ticket-number');
    assert.equal(await textOf(page, '#ticket-number'), '2', 'the second number at counter 1');
    await page.click('#finish');
    await waitForScreen(page, 'welcome-title');
  });

  it('asks before wiping a half-filled form, then wipes it', async () => {
    await openForm('criminal-record');
    await (await control(page, 'input')).click();
    await page.keyboard.type('Nguyễn Văn An');
    await page.click('#restart');
    await page.waitForSelector('dialog#confirm-restart[open]');
    assert.deepEqual(await axe(page), [], 'the question before wiping');
    await page.click('#confirm-no');
    assert.notEqual(await page.$('motcua-procedure'), null, '"Tiếp tục điền" keeps the form');
    await page.click('#restart');
    await page.waitForSelector('dialog#confirm-restart[open]');
    await page.click('#confirm-yes');
    await waitForScreen(page, 'welcome-title');
    assert.equal(await page.$('motcua-procedure'), null);
  });

  it('raised no policy violation and logged no error', async () => {
    assert.deepEqual(await violations(), []);
    assert.deepEqual(problems, []);
  });

  it('passes axe (WCAG 2.2 AA): the welcome screen and the first step in kiosk mode', async () => {
    // Last: axe is injected through CDP (the policy would refuse it as a script, rightly), and
    // what it does in the page is not the page's own doing.
    await page.goto(`${origin}/`, { waitUntil: 'load' });
    await waitForScreen(page, 'welcome-title');
    assert.deepEqual(await axe(page), [], 'the welcome screen');
    await openForm('birth-registration');
    assert.deepEqual(await axe(page), [], 'the first step in kiosk mode');
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
      const { rows } = await running.server.motcua.db.query(
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
