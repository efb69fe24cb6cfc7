import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, HTTPRequest, Page } from 'puppeteer-core';
import { createServer, loadConfig, openMemoryPglite } from '@motcua/server';
import { launchChromium } from '../../../scripts/chromium.mjs';
import {
  answer,
  inForm,
  openRecordedPage,
  waitForForm,
  where,
} from '../../../scripts/page-driver.mjs';
import { type RunningServer, startServer, tapToReview } from './helpers.js';

// The kiosk left mid-form and come back to with the browser's Back button: the real back/forward
// navigation of `npm start`'s kiosk in Chromium. A citizen types, the kiosk's browser goes to
// another page, and Back brings the kiosk page back, from the back/forward cache, the whole page
// frozen as it was left, unless the element wiped it on `pagehide`. Then not one canary may be
// anywhere in the page (shadow roots included) nor in the page's storage. Again with the
// back/forward cache turned off, where Back loads the page anew and the browser may restore
// what was typed into its controls.

const REPO = join(import.meta.dirname, '..', '..', '..');

/** What the citizen types: each holds "kanari", found nowhere else on the page. */
const REQUESTER = {
  requesterName: 'Kanari Trần Thị Mai',
  requesterRelationship: 'mother',
  requesterPersonalId: '001190012345',
};
const CHILD_NAME = 'Kanari Nguyễn Minh An';

/**
 * Where "kanari" is found in the page: every node of the document and of every shadow root
 * (text, attributes, control values, chosen files' names), localStorage, sessionStorage,
 * cookies, every IndexedDB store, Cache Storage and history.state; and the choices still ticked.
 */
async function findCanaries(page: Page): Promise<string[]> {
  // tsx compiles this file keeping function names, through a `__name` helper that the page does
  // not have: the function below names its helpers, so the page gets a stand-in first.
  await page.evaluate('globalThis.__name ??= (fn) => fn');
  return page.evaluate(async () => {
    const found: string[] = [];
    const check = (where: string, value: unknown) => {
      if (String(value).toLowerCase().includes('kanari')) found.push(where);
    };
    const name = (node: Element) => `${node.localName}${node.id ? `#${node.id}` : ''}`;
    const visit = (scope: Document | ShadowRoot) => {
      const walker = document.createTreeWalker(
        scope,
        NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT | NodeFilter.SHOW_COMMENT,
      );
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!(node instanceof Element)) {
          check(`text in ${node.parentElement ? name(node.parentElement) : '?'}`, node.nodeValue);
          continue;
        }
        for (const attribute of Array.from(node.attributes)) {
          check(`${name(node)}[${attribute.name}]`, attribute.value);
        }
        if (
          node instanceof HTMLInputElement ||
          node instanceof HTMLTextAreaElement ||
          node instanceof HTMLSelectElement
        ) {
          check(`${name(node)}.value`, node.value);
          if (
            node instanceof HTMLInputElement &&
            (node.type === 'radio' || node.type === 'checkbox')
          )
            if (node.checked) found.push(`${name(node)} checked`);
          for (const file of Array.from((node as HTMLInputElement).files ?? [])) {
            check(`${name(node)}.files`, file.name);
          }
        }
        if (node.shadowRoot) visit(node.shadowRoot);
      }
    };
    visit(document);
    for (const [label, storage] of [
      ['localStorage', localStorage],
      ['sessionStorage', sessionStorage],
    ] as const) {
      for (let index = 0; index < storage.length; index++) {
        const key = storage.key(index)!;
        check(`${label} ${key}`, `${key} ${storage.getItem(key)}`);
      }
    }
    check('document.cookie', document.cookie);
    check('history.state', JSON.stringify(history.state));
    const done = <T>(request: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    for (const { name: database } of await indexedDB.databases()) {
      if (!database) continue;
      const db = await done(indexedDB.open(database));
      for (const store of Array.from(db.objectStoreNames)) {
        const records = await done(db.transaction(store).objectStore(store).getAll());
        const files = records.flatMap((record) =>
          record && typeof record === 'object' ? Object.values(record) : [],
        );
        const texts = await Promise.all(
          files.filter((value) => value instanceof Blob).map((blob) => (blob as Blob).text()),
        );
        check(`IndexedDB ${database}/${store}`, JSON.stringify(records) + texts.join(' '));
      }
      db.close();
    }
    for (const cacheName of await caches.keys()) {
      const cache = await caches.open(cacheName);
      for (const request of await cache.keys()) {
        check(
          `Cache Storage ${cacheName}`,
          `${request.url} ${await (await cache.match(request))?.text()}`,
        );
      }
    }
    return found;
  });
}

/** What a test leaves on the page's window: the document marked, and the wipes it saw. */
interface Marks {
  sameDocument: boolean;
  resets: string[];
}

/** From the kiosk's welcome screen to the birth registration's first page, by its start page. */
async function openBirthRegistration(page: Page): Promise<void> {
  await page.waitForSelector('#procedures button[data-procedure="birth-registration"]');
  await page.click('#procedures button[data-procedure="birth-registration"]');
  await page.waitForFunction(() => document.querySelector('#screen h1')?.id === 'start-title');
  await page.waitForSelector('#start:not([disabled])');
  await page.click('#start');
  await waitForForm(page);
}

/** Opens the birth registration, passes its first page and types on the second one. */
async function typeCanaries(page: Page, origin: string, files: string): Promise<void> {
  await page.goto(`${origin}/`, { waitUntil: 'load' });
  await openBirthRegistration(page);
  // One question per page: each of the requester's, then the child's name.
  await tapToReview(page, { requester: REQUESTER }, { until: 'child' });
  await answer(page, 'childName', CHILD_NAME, files);
  assert.equal(await where(page), 'child');
}

describe('the kiosk left and come back to with Back', () => {
  let server: FastifyInstance;
  let origin: string;
  let files: string;
  const browsers: Browser[] = [];

  before(async () => {
    const config = await loadConfig({ cwd: REPO, env: {} });
    server = createServer({ ...config, database: await openMemoryPglite(), logger: false });
    origin = await server.listen({ port: 0, host: '127.0.0.1' });
    files = mkdtempSync(join(tmpdir(), 'motcua-kiosk-privacy-'));
  });

  after(async () => {
    for (const browser of browsers) await browser.close();
    await server?.close();
    if (files) rmSync(files, { recursive: true, force: true });
  });

  it('comes back from the back/forward cache already wiped: no canary anywhere', async () => {
    const browser = await launchChromium();
    browsers.push(browser);
    const page = await browser.newPage();
    // Records each wipe with the moment it happened: as the page was left, or once it was back.
    // Installed before the page's own scripts, so these listeners run before the element's.
    await page.evaluateOnNewDocument(() => {
      const marks = window as unknown as Marks;
      let moment = 'while open';
      marks.resets = [];
      window.addEventListener('pagehide', () => (moment = 'as it was left'));
      window.addEventListener('pageshow', (event) => event.persisted && (moment = 'once back'));
      document.addEventListener('motcua-reset', (event) =>
        marks.resets.push(`${(event as CustomEvent<{ reason: string }>).detail.reason} ${moment}`),
      );
    });
    await typeCanaries(page, origin, files);
    // The search sees what is typed on screen, and the choice made on the page before.
    const typed = await findCanaries(page);
    assert.ok(typed.includes('input#f-childName.value'), typed.join(', '));
    // Back, one question at a time: the choice made, then the name typed.
    const back = async (to: string) => {
      await page.click('motcua-procedure >>> .back-link');
      await page.waitForFunction(
        (selector: string) =>
          document.querySelector('motcua-procedure')?.shadowRoot?.querySelector(selector),
        {},
        to,
      );
    };
    await back('#f-requesterPhone');
    await back('#f-requesterPersonalId');
    await back('input[name=requesterRelationship]:checked');
    const chosen = await findCanaries(page);
    assert.ok(
      chosen.some((found) => found.endsWith(' checked')),
      chosen.join(', '),
    );
    await back('#f-requesterName');
    const before = await findCanaries(page);
    assert.ok(before.includes('input#f-requesterName.value'), before.join(', '));
    await page.evaluate(() => ((window as unknown as Marks).sameDocument = true));

    await page.goto(`${origin}/api/health`, { waitUntil: 'load' });
    assert.match(await page.content(), /"status":"ok"/);
    await page.goBack({ waitUntil: 'load' });

    const state = await page.evaluate(() => {
      const marks = window as unknown as Partial<Marks>;
      return { sameDocument: marks.sameDocument === true, resets: marks.resets };
    });
    assert.deepEqual(
      state,
      { sameDocument: true, resets: ['pagehide as it was left'] },
      'restored from the back/forward cache, wiped by the element as the page was left',
    );
    assert.equal(page.url(), `${origin}/`);
    assert.deepEqual(await findCanaries(page), []);
    // The kiosk's start screen tells the next person, until their first touch or key.
    const notice = () =>
      page.evaluate(() => {
        const node = document.querySelector<HTMLElement>('#cleared');
        return !node || node.hidden ? '' : node.textContent;
      });
    assert.equal(
      (await notice())?.replace(/\s+/g, ' ').trim(),
      'Những gì người dùng trước đã nhập đều đã được xoá để bảo vệ thông tin cá nhân của họ.',
    );
    await page.keyboard.press('Tab');
    assert.equal(await notice(), '');
  });

  it('keeps nothing either when Back loads the page anew (no back/forward cache)', async () => {
    const browser = await launchChromium({ args: ['--disable-back-forward-cache'] });
    browsers.push(browser);
    const page = await browser.newPage();
    await typeCanaries(page, origin, files);
    await page.evaluate(() => ((window as unknown as Marks).sameDocument = true));
    await page.goto(`${origin}/api/health`, { waitUntil: 'load' });
    await page.goBack({ waitUntil: 'load' });
    const sameDocument = await page.evaluate(
      () => (window as unknown as Partial<Marks>).sameDocument === true,
    );
    assert.equal(sameDocument, false, 'a new document');
    // Open the same procedure again: the browser restores no control's state into it.
    await openBirthRegistration(page);
    assert.deepEqual(await findCanaries(page), []);
  });
});

// The idle guard ("are you still there?", then the wipe) comes with the kiosk's chunk, fetched once
// the first page is drawn. A kiosk whose chunk failed to load asks for it again every few seconds,
// so that a citizen who walks away from a half-filled first page is still wiped for the next one.
describe('the kiosk chunk failed to load', () => {
  let running: RunningServer;
  let origin: string;
  let files: string;
  let browser: Browser;

  before(async () => {
    running = await startServer();
    origin = running.origin;
    files = mkdtempSync(join(tmpdir(), 'motcua-kiosk-chunk-'));
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await running?.close();
    if (files) rmSync(files, { recursive: true, force: true });
  });

  it('is asked for again, and the idle guard still asks and keeps the answers', async () => {
    const { page, problems } = await openRecordedPage(browser);
    await page.setCacheEnabled(false);
    await page.setRequestInterception(true);
    const asked: HTTPRequest[] = [];
    page.on('request', (request) => {
      if (!/\/motcua-kiosk-[\w-]{8}\.js$/.test(request.url())) return void request.continue();
      asked.push(request);
      if (asked.length === 1) void request.abort('internetdisconnected');
      else void request.continue();
    });
    await page.goto(`${origin}/?idle=4&idle-warning=60`, { waitUntil: 'load' });
    await openBirthRegistration(page);
    await answer(page, 'requesterName', REQUESTER.requesterName, files);

    const question = await inForm(page, 'dialog.idle[open]', { timeout: 20_000 });
    assert.ok(question, '"are you still there?"');
    assert.equal(asked.length, 2, 'the chunk was asked for again after it failed');
    await (await inForm(page, 'dialog.idle button')).click();
    await page.waitForFunction(
      () => !document.querySelector('motcua-procedure')?.shadowRoot?.querySelector('dialog.idle'),
      { polling: 100 },
    );
    const kept = await page.evaluate(
      () =>
        (
          document.querySelector('motcua-procedure') as unknown as {
            session: { snapshot: { answers: Record<string, unknown> } };
          }
        ).session.snapshot.answers.requesterName,
    );
    assert.equal(kept, REQUESTER.requesterName, '"Tôi vẫn đang làm" keeps the answers');
    // Only the failed load is on the console.
    assert.ok(
      problems.every((problem) => /kiosk|ERR_INTERNET|request failed/i.test(problem)),
      problems.join('\n'),
    );
    await page.close();
  });
});
