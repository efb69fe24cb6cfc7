import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { launchChromium } from '../../../scripts/chromium.mjs';
import { inForm, openRecordedPage, waitForForm } from '../../../scripts/page-driver.mjs';
import {
  KIOSK_VIEWPORT,
  REPO,
  axe,
  siteFile,
  startServer,
  tap,
  tapButton,
  textOf,
  waitForScreen,
  type RunningServer,
} from './helpers.js';

// Issue 12 point 13: a citizen who switches the kiosk to English reads English everywhere the
// kiosk speaks (its header, the finder, the situations, the start page, the form's chrome, the
// questions before a wipe, the slip), not only in the form. Proper names stay as they are: the
// site's and agencies' names come from the site file in both languages, places and people are
// named in Vietnamese, and the switch back says "Tiếng Việt" in Vietnamese on purpose.

/** Letters only Vietnamese writes: any of them in English mode is a word left untranslated. */
const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;

const json = (file: string): unknown => JSON.parse(readFileSync(join(REPO, file), 'utf8'));

type Places = { provinces?: { name: string }[]; communes?: { name: string }[] };
/** The provinces, and the communes of the demo site's province (Hà Nội), with their kinds. */
const PLACES = [
  ...(json('packages/vn/data/provinces.json') as Places).provinces!.flatMap(({ name }) => [
    name,
    `Thành phố ${name}`,
    `Tỉnh ${name}`,
  ]),
  ...(json('packages/vn/data/communes/01.json') as Places).communes!.flatMap(({ name }) => [
    name,
    `Phường ${name}`,
    `Xã ${name}`,
  ]),
];

/** A valid birth registration's answers: the dossier behind the slip. */
const BIRTH_ANSWERS = (
  json('examples/procedures/birth-registration.cases.json') as {
    cases: { valid: boolean; answers: Record<string, unknown> }[];
  }
).cases.find((test) => test.valid)!.answers;

/**
 * What may stay Vietnamese in English mode: the switch back to Vietnamese (written in its own
 * language, with lang="vi"), names of places, the example of a name under a name question, and
 * what the citizen typed (names and addresses, shown back on the slip and the declaration).
 */
const PROPER_NAMES = [
  'Tiếng Việt',
  'Nguyễn Văn An',
  ...PLACES,
  ...Object.values(BIRTH_ANSWERS).flatMap((value) =>
    typeof value === 'string'
      ? [value]
      : // An address's house-number line, as typed.
        typeof (value as { detail?: unknown } | null)?.detail === 'string'
        ? [(value as { detail: string }).detail]
        : [],
  ),
]
  .filter((name) => name.length > 0)
  // Longest first, so that a longer name is set aside before a shorter one inside it.
  .sort((a, b) => b.length - a.length);

// A string, not a function: tsx names the inner functions with a helper the page does not have.
const VISIBLE_TEXT = `(() => {
  const texts = [document.title];
  const skip = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT']);
  // An option of a closed list is not rendered, but it is what the list offers.
  const shown = (element) =>
    element.checkVisibility({ visibilityProperty: true }) ||
    element.closest('select')?.checkVisibility({ visibilityProperty: true }) === true;
  const visit = (node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) {
        const parent = child.parentElement ?? child.parentNode?.host;
        const text = (child.textContent ?? '').replace(/\\s+/g, ' ').trim();
        if (text && parent && !skip.has(parent.tagName) && shown(parent)) texts.push(text);
      } else if (child instanceof Element) {
        if (skip.has(child.tagName)) continue;
        if (shown(child)) {
          for (const name of ['aria-label', 'placeholder', 'alt', 'title']) {
            const value = child.getAttribute(name);
            if (value?.trim()) texts.push(value.trim());
          }
        }
        if (child.shadowRoot) visit(child.shadowRoot);
        visit(child);
      }
    }
  };
  visit(document.body);
  return texts;
})()`;

/**
 * Every piece of text a citizen can see or hear on the page now: the text nodes of visible
 * elements, through open shadow roots (the form is `<motcua-procedure>`'s shadow DOM), with the
 * accessible names and hints a screen reader speaks (aria-label, placeholder, alt, title) and
 * the document's title.
 */
function visibleText(page: Page): Promise<string[]> {
  return page.evaluate(VISIBLE_TEXT) as Promise<string[]>;
}

/** The visible texts that still hold Vietnamese words once the proper names are set aside. */
async function vietnameseLeft(page: Page): Promise<string[]> {
  return (await visibleText(page)).filter((text) => {
    let rest = text;
    for (const name of PROPER_NAMES) rest = rest.split(name).join(' ');
    return VIETNAMESE.test(rest);
  });
}

/** `lang` of the page and of the form, when there is one. */
function languages(page: Page): Promise<{ page: string; form: string | null }> {
  return page.evaluate(() => ({
    page: document.documentElement.lang,
    form: document.querySelector('motcua-procedure')?.getAttribute('lang') ?? null,
  }));
}

describe('the kiosk in English (Issue 12 point 13)', () => {
  let running: RunningServer;
  let browser: Browser;
  let page: Page;
  let main: Page;
  let problems: string[];
  const site = siteFile('demo.json') as {
    name: { vi: string; en: string };
    counters: { name: { vi: string; en: string } }[];
  };

  /** Asserts that the screen is English through and through, and passes axe. */
  async function assertEnglish(screen: string, allowed: (text: string) => boolean = () => false) {
    assert.deepEqual(await languages(page), {
      page: 'en',
      form: (await page.$('motcua-procedure')) ? 'en' : null,
    });
    const left = (await vietnameseLeft(page)).filter((text) => !allowed(text));
    assert.deepEqual(left, [], `Vietnamese on ${screen}`);
    assert.deepEqual(await axe(page), [], `axe on ${screen}`);
  }

  before(async () => {
    [running, browser] = await Promise.all([startServer(), launchChromium()]);
    ({ page, problems } = await openRecordedPage(browser));
    main = page;
    await page.setViewport(KIOSK_VIEWPORT);
    await page.goto(`${running.origin}/`, { waitUntil: 'load' });
    await waitForScreen(page, 'welcome-title');
  });

  after(async () => {
    await browser?.close();
    await running?.close();
  });

  it('is Vietnamese until the switch: the check finds the Vietnamese it is meant to find', async () => {
    assert.equal((await languages(page)).page, 'vi');
    const left = await vietnameseLeft(page);
    for (const text of ['Cần trợ giúp', 'Bạn cần làm thủ tục gì?', site.name.vi]) {
      assert.ok(left.includes(text), `"${text}" is found in Vietnamese mode`);
    }
  });

  it('switches the welcome screen to English: header, finder, situations, procedures', async () => {
    await tap(page, '#language');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    const header = await page.$eval('#header', (node) => (node as HTMLElement).innerText);
    assert.ok(header.includes(site.name.en), `the site's English name in the header: ${header}`);
    await assertEnglish('the welcome screen');
  });

  it('finds in English: results for "birth", and a search with no result', async () => {
    await tap(page, '#search');
    await page.keyboard.type('birth');
    await page.waitForSelector('#found-procedures button[data-procedure="birth-registration"]');
    // The birth registration, and the copy of a civil status record ("copy of birth certificate").
    assert.equal(await textOf(page, '#results-count'), '2 results for “birth”.');
    assert.deepEqual(
      await page.$$eval('#found-procedures button[data-procedure]', (buttons) =>
        buttons.map((button) => (button as HTMLButtonElement).dataset.procedure),
      ),
      ['birth-registration', 'civil-status-extract'],
    );
    await assertEnglish('the results for "birth"');
    await page.$eval('#search', (input) => ((input as HTMLInputElement).value = ''));
    await tap(page, '#search');
    await page.keyboard.type('passport');
    await page.waitForSelector('#found-elsewhere');
    await assertEnglish('a procedure handled elsewhere');
    await page.$eval('#search', (input) => ((input as HTMLInputElement).value = ''));
    await tap(page, '#search');
    await page.keyboard.type('zzqx');
    await page.waitForFunction(() =>
      document.querySelector('#results-count')?.textContent?.includes('zzqx'),
    );
    await assertEnglish('no results');
  });

  it('asks a situation in English, and says where to go for what it does not handle', async () => {
    await tap(page, '#events button[data-event="new-baby"]');
    await waitForScreen(page, 'event-title');
    await assertEnglish("the new baby's first question");
    await tap(page, '.back-link');
    await waitForScreen(page, 'welcome-title');
    await tap(page, '#events button[data-event="travel-abroad"]');
    await waitForScreen(page, 'not-here-title');
    await assertEnglish('not handled here');
    await tap(page, '.back-link');
    await waitForScreen(page, 'welcome-title');
  });

  it('shows the start page of the birth registration in English', async () => {
    await tap(page, '#procedures button[data-procedure="birth-registration"]');
    await waitForScreen(page, 'start-title');
    await page.waitForSelector('#start:not([disabled])');
    await page.waitForSelector('#start-papers');
    const where = await page.$eval('#start-counter', (node) => (node as HTMLElement).innerText);
    assert.ok(where.includes(site.counters[0]!.name.en), `the counter in English: ${where}`);
    await assertEnglish('the start page');
  });

  it('says that a volunteer is called, in English', async () => {
    await tap(page, '#help');
    await page.waitForFunction(() => document.querySelector('#help-status')?.textContent?.trim());
    await assertEnglish('"Get help" on the start page');
  });

  it('opens the form in English, its chrome and its keyboard included', async () => {
    await tap(page, '#start');
    await waitForForm(page);
    await assertEnglish('the first page of the form');
    await tapButton(page, 'Keyboard', 'motcua-procedure >>> ');
    await tap(page, 'motcua-procedure >>> input:not([type=hidden])');
    await inForm(page, '.keyboard__key');
    // The keys themselves type Vietnamese letters: a key cap is one or two characters.
    await assertEnglish('the on-screen keyboard', (text) => text.length <= 2);
    await tapButton(page, 'Keyboard', 'motcua-procedure >>> ');
  });

  it('asks before wiping a half-filled form, in English', async () => {
    await tap(page, 'motcua-procedure >>> input:not([type=hidden])');
    await page.keyboard.type('a');
    await tap(page, '#restart');
    await page.waitForSelector('dialog#confirm-restart[open]');
    await assertEnglish('the question before wiping');
    await tap(page, '#confirm-no');
  });

  it('gives the slip and the declaration in English, and links its QR code to the status page in English', async () => {
    // The form is walked page by page elsewhere (journey.page.test.ts); here the dossier goes to
    // the real server with a valid case's answers and the kiosk hears the form's own events, so
    // that the slip is checked whatever the form's pages are.
    const receipt = await page.evaluate(async (answers) => {
      const element = document.querySelector('motcua-procedure') as unknown as HTMLElement & {
        session: { procedure: { id: string; version: string } };
      };
      const { id, version } = element.session.procedure;
      const key = crypto.randomUUID();
      const response = await fetch('/api/dossiers', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify({ procedure: id, version, answers }),
      });
      if (!response.ok) throw new Error(`POST /api/dossiers: ${await response.text()}`);
      const body = (await response.json()) as { dossierCode: string; accessCode: string };
      element.dispatchEvent(new CustomEvent('motcua-submit', { detail: { answers, key } }));
      element.dispatchEvent(
        new CustomEvent('motcua-submitted', { detail: { receipt: body, answers } }),
      );
      return body;
    }, BIRTH_ANSWERS);
    await waitForScreen(page, 'slip-title');
    await page.waitForSelector('#ticket-number');
    await page.waitForSelector('#slip-qr');
    await assertEnglish('the slip');
    await tap(page, '#show-declaration');
    await page.waitForSelector('#declaration');
    await assertEnglish('the declaration');

    // The QR code is drawn as an SVG: its link is built here as app.js builds it, with the
    // kiosk's language.
    const phone = await browser.newPage();
    try {
      const link = await page.evaluate(
        async (receipt) =>
          (await import(new URL('slip.js', document.baseURI).href)).statusLink(
            receipt,
            document.baseURI,
            document.documentElement.lang,
          ) as string,
        receipt,
      );
      assert.match(link, /[#&]lang=en(&|$)/, `the QR code's link: ${link}`);
      await phone.goto(link, { waitUntil: 'load' });
      await phone.waitForSelector('#result dl');
      assert.match(await textOf(phone, '#result'), /Birth registration.*one file still missing/);
      page = phone;
      await assertEnglish("the QR code's status page");
    } finally {
      page = main;
      await phone.close();
    }
  });

  it('asks "are you still using the kiosk?" in English', async () => {
    await page.goto(`${running.origin}/?idle=1&idle-warning=60`, { waitUntil: 'load' });
    await waitForScreen(page, 'welcome-title');
    await tap(page, '#language');
    await tap(page, '#procedures button[data-procedure="criminal-record"]');
    await waitForScreen(page, 'start-title');
    await page.waitForSelector('dialog#idle[open]', { timeout: 10_000 });
    await assertEnglish('the idle question');
  });

  it('logged no error', () => {
    assert.deepEqual(problems, []);
  });
});
