import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { BIRTH_REGISTRATION } from '../../../packages/elements/test/journeys.js';
import { launchChromium } from '../../../scripts/chromium.mjs';
import { openRecordedPage } from '../../../scripts/page-driver.mjs';
import {
  KIOSK_VIEWPORT,
  axe,
  displays,
  formAt,
  pngSize,
  recordPrints,
  startServer,
  tap,
  tapButton,
  tapToReview,
  textOf,
  waitForScreen,
  type RunningServer,
} from './helpers.js';

// A citizen's whole visit to `npm start`'s kiosk, by touch, in Chromium against the real server
// (the repository's configuration, PGlite in a temporary folder): find the birth registration
// from words typed without diacritics and from a situation, read its start page, fill it in
// kiosk mode with taps, bring the birth notice on paper instead of uploading it, send, take the
// slip with a queue number, print it (80 mm roll and A4), print the filled declaration, finish;
// and a kiosk left alone wipes itself back to the welcome screen.

/** The birth registration's answers, as the start page and then the form take them. */
const JOURNEY = BIRTH_REGISTRATION;

/** Types into the finder's box as a citizen does: a tap, then keystrokes. */
async function typeSearch(page: Page, words: string): Promise<void> {
  await tap(page, '#search');
  await page.evaluate(() => {
    const input = document.querySelector<HTMLInputElement>('#search')!;
    input.select();
  });
  await page.keyboard.press('Backspace');
  await page.keyboard.type(words);
}

/** The procedures, situations and places elsewhere the finder lists now. */
function results(page: Page) {
  return page.evaluate(() => ({
    procedures: [...document.querySelectorAll<HTMLElement>('#found-procedures [data-procedure]')]
      .filter((node) => node.offsetParent !== null)
      .map((node) => node.dataset.procedure),
    events: [...document.querySelectorAll<HTMLElement>('#results [data-event]')].map(
      (node) => node.dataset.event,
    ),
    elsewhere: [...document.querySelectorAll('#found-elsewhere li')].map((node) =>
      (node.textContent ?? '').replace(/\s+/g, ' ').trim(),
    ),
  }));
}

/**
 * Whether each part draws on the page as it is now (print media or not): a screenshot of its
 * box differs from one with the part made invisible.
 */
async function drawn(page: Page, selectors: readonly string[]): Promise<Record<string, boolean>> {
  const found: Record<string, boolean> = {};
  for (const selector of selectors) {
    const handle = await page.$(selector);
    const box = await handle?.boundingBox();
    if (!handle || !box || box.width < 1 || box.height < 1) {
      found[selector] = false;
      continue;
    }
    const clip = { x: box.x, y: box.y, width: box.width, height: box.height };
    const shown = await page.screenshot({ clip, captureBeyondViewport: true });
    await handle.evaluate((node) => ((node as HTMLElement).style.visibility = 'hidden'));
    const hidden = await page.screenshot({ clip, captureBeyondViewport: true });
    await handle.evaluate((node) => (node as HTMLElement).style.removeProperty('visibility'));
    found[selector] = Buffer.compare(Buffer.from(shown), Buffer.from(hidden)) !== 0;
  }
  return found;
}

/** The slip's parts: each must reach the paper. */
const SLIP_PARTS = [
  '#slip-title',
  '#slip-site',
  '#ticket-number',
  '#ticket-counter',
  '#slip-procedure',
  '#slip-applicant',
  '#slip-time',
  '#slip-code',
  '#slip-access',
  '#slip-qr',
  '#slip-lookup',
  '#slip-papers',
  '#slip-total',
];
/** The kiosk's chrome: none of it may reach the paper. */
const CHROME = [
  '#header',
  '#restart',
  '#help',
  '#language',
  '#print-slip',
  '#show-declaration',
  '#finish',
  '.slip__lead',
];

describe('a citizen at the kiosk, by touch: birth registration with the birth notice on paper', () => {
  let running: RunningServer;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  let violations: () => Promise<unknown[]>;
  let code = '';

  before(async () => {
    [running, browser] = await Promise.all([startServer(), launchChromium()]);
    ({ page, problems, violations } = await openRecordedPage(browser));
    await page.setViewport(KIOSK_VIEWPORT);
    await recordPrints(page);
    await page.goto(`${running.origin}/`, { waitUntil: 'load' });
    await waitForScreen(page, 'welcome-title');
  });

  after(async () => {
    await browser?.close();
    await running?.close();
  });

  it('finds the birth registration from "dang ky khai sinh" typed without diacritics', async () => {
    await typeSearch(page, 'dang ky khai sinh');
    await page.waitForFunction(() => document.querySelector('#found-procedures'));
    assert.deepEqual((await results(page)).procedures, ['birth-registration']);
    assert.equal(await textOf(page, '#results-count'), 'Có 1 kết quả cho “dang ky khai sinh”.');
    // Telex, as typed on a keyboard without a Vietnamese input method.
    await typeSearch(page, 'ddawng kys khai sinh');
    await page.waitForFunction(() =>
      document.querySelector('#results-count')?.textContent?.includes('ddawng'),
    );
    assert.deepEqual((await results(page)).procedures, ['birth-registration']);
    // Plain words and synonyms.
    for (const [words, id] of [
      ['lam giay khai sinh', 'birth-registration'],
      ['chuyen ho khau', 'permanent-residence'],
      ['ly lich', 'criminal-record'],
    ] as const) {
      await typeSearch(page, words);
      await page.waitForFunction(
        (typed) => document.querySelector('#results-count')?.textContent?.includes(typed),
        {},
        words,
      );
      assert.equal((await results(page)).procedures[0], id, words);
    }
  });

  it('says where to go for a procedure the site does not handle ("lam ho chieu")', async () => {
    await typeSearch(page, 'lam ho chieu');
    await page.waitForFunction(() => document.querySelector('#found-elsewhere'));
    const found = await results(page);
    assert.deepEqual(found.procedures, []);
    assert.equal(found.elsewhere.length, 1);
    assert.match(found.elsewhere[0]!, /Cấp hộ chiếu phổ thông/);
    assert.match(found.elsewhere[0]!, /Phòng Quản lý xuất nhập cảnh/);
  });

  it('"Sắp đi nước ngoài": a situation the kiosk has no form for says where to go instead', async () => {
    await tap(page, '#events [data-event="travel-abroad"]');
    await waitForScreen(page, 'not-here-title');
    assert.equal(
      await textOf(page, '#not-here-title'),
      'Ki-ốt này chưa làm thủ tục “Cấp hộ chiếu phổ thông”.',
    );
    assert.match(await textOf(page, '#not-here-places'), /Phòng Quản lý xuất nhập cảnh/);
    await tapButton(page, 'Chọn thủ tục khác');
    await waitForScreen(page, 'welcome-title');
  });

  it('"Sắp kết hôn" leads straight to the marriage registration, now on this kiosk', async () => {
    await tap(page, '#events [data-event="marriage"]');
    await waitForScreen(page, 'start-title');
    assert.equal(await textOf(page, '#start-title'), 'Đăng ký kết hôn');
    await tapButton(page, 'Chọn thủ tục khác');
    await waitForScreen(page, 'welcome-title');
  });

  it('"Có con mới sinh" leads to the birth registration in one question (of two at most)', async () => {
    await tap(page, '#events [data-event="new-baby"]');
    await waitForScreen(page, 'event-title');
    assert.match(await textOf(page, '.caption'), /Câu hỏi 1 \/ 2/);
    assert.equal(await textOf(page, '#event-title'), 'Con bạn đã được đăng ký khai sinh chưa?');
    await tapButton(page, 'Chưa, tôi cần làm giấy khai sinh cho con');
    await waitForScreen(page, 'start-title');
    assert.equal(await textOf(page, '#start-title'), 'Đăng ký khai sinh');
  });

  it('the start page: what it is for, who, where, the fee, the time, online, papers, VNeID', async () => {
    await page.waitForSelector('#start-papers');
    const facts = await textOf(page, '.facts');
    assert.match(facts, /Ai được nộp Cha hoặc mẹ của trẻ/);
    assert.match(await textOf(page, '#start-counter'), /^Quầy 1 tại Bộ phận Một cửa phường/);
    // The birth date is not asked yet: the free on-time fee and the late one both may apply.
    const fee = await textOf(page, '#start-fee');
    assert.match(fee, /Lệ phí đăng ký khai sinh đúng hạn: Miễn phí \(tuỳ trường hợp của bạn\)/);
    assert.match(fee, /quá hạn 60 ngày: Cán bộ sẽ báo mức phí chính xác\. \(tuỳ trường hợp/);
    assert.match(fee, /8\.000 đồng \(tuỳ trường hợp của bạn\)/);
    assert.match(facts, /Thời gian giải quyết Trong ngày/);
    assert.match(await textOf(page, '#start-online'), /^Được\./);
    assert.match(await textOf(page, '.screen.start > .lead'), /cấp Giấy khai sinh/);
    assert.match(await textOf(page, '.inset'), /VNeID mức độ 2/);
    // Before the two questions, three papers depend on the answers.
    assert.match(await textOf(page, '#start-papers'), /^Giấy tờ tùy thân của người đi đăng ký/);
    assert.match(await textOf(page, '#start-papers-maybe'), /Giấy chứng sinh/);
    assert.match(await textOf(page, '#start-papers-maybe'), /Văn bản của người làm chứng/);
    // Two taps make the list exact: the birth notice and the marriage certificate, no witness.
    await tap(page, '#early-hasBirthNotice-yes');
    await tap(page, '#early-fatherDetermined-yes');
    await page.waitForFunction(() => !document.querySelector('#start-papers-maybe'));
    const papers = await textOf(page, '#start-papers');
    assert.match(papers, /Giấy chứng sinh/);
    assert.match(papers, /Giấy chứng nhận kết hôn/);
    assert.match(papers, /Giấy tờ tùy thân/);
    assert.doesNotMatch(papers, /người làm chứng/);
  });

  it('fills the form by touch in kiosk mode, bringing the birth notice on paper', async () => {
    await tap(page, '#start');
    await page.waitForFunction(
      () => document.querySelector('motcua-procedure')?.shadowRoot?.querySelector('input'),
      { timeout: 20_000 },
    );
    const element = await page.$eval('motcua-procedure', (node) => ({
      mode: node.getAttribute('mode'),
      answers: (node as unknown as { session: { snapshot: { answers: object } } }).session.snapshot
        .answers,
    }));
    assert.equal(element.mode, 'kiosk');
    // The start page's answers went into the form: nobody answers twice.
    assert.deepEqual(element.answers, { hasBirthNotice: 'yes', fatherDetermined: 'yes' });
    const steps = await tapToReview(page, JOURNEY, { onPaper: ['birthNotice'] });
    assert.deepEqual(steps, Object.keys(JOURNEY));
    assert.equal(await formAt(page), 'review');
    const review = await page.$eval(
      'motcua-procedure',
      (node) => node.shadowRoot?.textContent?.replace(/\s+/g, ' ') ?? '',
    );
    assert.match(review, /Mang bản giấy đến quầy/);
  });

  it('sends it: a dossier code, a queue ticket, and the server knows the paper is coming', async () => {
    await tapButton(page, 'Gửi hồ sơ', 'motcua-procedure >>> ');
    await waitForScreen(page, 'slip-title');
    await page.waitForSelector('#ticket-number');
    code = await textOf(page, '#slip-code');
    assert.match(code, /^HS-\d{8}-DEMO-0001$/);
    assert.equal(await textOf(page, '#ticket-number'), '1');
    assert.equal(await page.$('motcua-procedure'), null, 'the form is gone');
    const { rows } = await running.server.motcua.db.query<{
      answers: Record<string, unknown>;
      receipt: {
        papers: { field: string; label: { vi: string } }[];
        files: unknown[];
        missingFiles: number;
      };
    }>('SELECT answers, receipt FROM dossiers WHERE code = $1', [code]);
    assert.equal(rows.length, 1);
    const [{ answers, receipt }] = rows as [(typeof rows)[number]];
    assert.deepEqual(answers.birthNotice, { paper: true });
    assert.equal(answers.childName, 'Nguyễn Minh An');
    assert.deepEqual(
      receipt.papers.map((paper) => [paper.field, paper.label.vi]),
      [['birthNotice', 'Giấy chứng sinh']],
    );
    assert.equal(receipt.missingFiles, 0, 'nothing to upload: the paper replaces the file');
    const tickets = await running.server.motcua.db.query<{
      counter: string;
      number: number;
      procedure_id: string;
    }>('SELECT counter, number, procedure_id FROM tickets');
    assert.deepEqual(tickets.rows, [
      { counter: '1', number: 1, procedure_id: 'birth-registration' },
    ]);
  });

  it('the slip: procedure, name, date and time, code, papers with the paper copy, fees, counter', async () => {
    assert.equal(await textOf(page, '#slip-procedure'), 'Đăng ký khai sinh');
    assert.equal(await textOf(page, '#slip-applicant'), 'Trần Thị Mai');
    const { rows } = await running.server.motcua.db.query<{ received_at: Date }>(
      'SELECT received_at FROM dossiers WHERE code = $1',
      [code],
    );
    const sent = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Ho_Chi_Minh',
      dateStyle: 'short',
      timeStyle: 'short',
    })
      .format(rows[0]!.received_at)
      .replace(', ', ' lúc ');
    assert.equal(await textOf(page, '#slip-time'), sent);
    assert.equal(await textOf(page, '#ticket-counter'), 'tại Quầy 1');
    assert.match(await textOf(page, '#slip-site'), /^Bộ phận Một cửa phường Hoàn Kiếm/);
    const papers = await page.$$eval('#slip-papers li', (items) =>
      items.map((item) => item.textContent?.replace(/\s+/g, ' ').trim()),
    );
    assert.deepEqual(papers, [
      'Giấy chứng sinh (bản giấy, thay cho tệp chưa tải lên)',
      'Giấy tờ tùy thân của người đi đăng ký',
      'Giấy chứng nhận kết hôn của cha, mẹ trẻ (nếu có)',
    ]);
    // The receipt's fees, for the kiosk: a child born on 20/08/2025 is past the 60-day limit
    // (the late fee is the province's, said by the officer), and two copies at 8.000 đồng.
    const fees = await page.$$eval('#slip-fees li', (items) =>
      items.map((item) => item.textContent?.replace(/\s+/g, ' ').trim()),
    );
    assert.deepEqual(fees, [
      'Lệ phí đăng ký khai sinh quá hạn 60 ngày: Cán bộ sẽ báo mức phí chính xác.',
      'Phí cấp bản sao Giấy khai sinh: 16.000 đồng',
    ]);
    assert.equal(await textOf(page, '#slip-total'), 'Tổng lệ phí: 16.000 đồng');
    assert.match(await textOf(page, '#slip-lookup'), /status\.html/);
    // The QR code, drawn by the runtime's lazily loaded encoder as an SVG, named for screen readers.
    const qr = await page.$eval('#slip-qr [role=img]', (node) => ({
      label: node.getAttribute('aria-label'),
      svg: node.querySelector('svg')?.getBoundingClientRect().width ?? 0,
    }));
    assert.equal(qr.label, `Mã QR tra cứu hồ sơ ${code}`);
    assert.ok(qr.svg >= 150, `the QR code is ${qr.svg}px wide`);
  });

  it("the QR code's page: the slip's codes show the dossier's status on a phone", async () => {
    const access = await textOf(page, '#slip-access');
    const phone = await browser.newPage();
    try {
      await phone.setViewport({ width: 390, height: 844, hasTouch: true, isMobile: true });
      const link = new URL('status.html', running.origin);
      link.hash = new URLSearchParams({ code, access }).toString();
      await phone.goto(link.href, { waitUntil: 'load' });
      await phone.waitForSelector('#result dl');
      const found = await textOf(phone, '#result');
      assert.match(found, new RegExp(`Mã hồ sơ ${code}`));
      assert.match(found, /Thủ tục Đăng ký khai sinh/);
      assert.match(found, /Tình trạng Đã tiếp nhận/);
      assert.deepEqual(await axe(phone), [], 'axe on the status page');
    } finally {
      await phone.close();
    }
  });

  it('prints the slip on an 80 mm roll and on A4: its parts on paper, none of the kiosk', async () => {
    await tap(page, '#print-slip');
    assert.equal(await page.evaluate(() => (window as unknown as { prints: number }).prints), 1);
    try {
      await page.emulateMediaType('print');
      // 80 mm at 96 dpi; `hasTouch` kept, or Chromium would reload the page.
      for (const [name, width] of [
        ['80 mm', 302],
        ['A4', 794],
      ] as const) {
        await page.setViewport({ ...KIOSK_VIEWPORT, width });
        const hidden = await displays(page, CHROME);
        assert.ok(
          hidden.every((display) => display === 'none' || display === 'absent'),
          `${name}: ${CHROME.map((selector, i) => `${selector}=${hidden[i]}`).join(' ')}`,
        );
        const parts = await drawn(page, SLIP_PARTS);
        assert.deepEqual(
          Object.entries(parts).filter(([, on]) => !on),
          [],
          `${name}: every part prints`,
        );
        const layout = await page.evaluate(() => ({
          root: getComputedStyle(document.documentElement).fontSize,
          facts: getComputedStyle(
            document.querySelector('.slip__facts > div')!,
          ).gridTemplateColumns.split(' ').length,
          paper: document.querySelector('#slip')!.getBoundingClientRect().width,
        }));
        const shot = await page.screenshot({ fullPage: true });
        const size = pngSize(shot);
        assert.equal(size.width, width, `${name}: the screenshot is the page's width`);
        if (name === '80 mm') {
          // One column, small type, the whole roll's width.
          assert.equal(layout.facts, 1);
          assert.ok(Math.abs(parseFloat(layout.root) - (9.5 * 96) / 72) < 0.1, layout.root);
          assert.ok(layout.paper <= width, `${layout.paper}px`);
        } else {
          assert.equal(layout.facts, 2);
          assert.ok(Math.abs(parseFloat(layout.root) - (11 * 96) / 72) < 0.1, layout.root);
          // At most 120 mm wide: the top of an A4 sheet.
          assert.ok(layout.paper <= (120 * 96) / 25.4 + 1, `${layout.paper}px`);
        }
      }
    } finally {
      await page.emulateMediaType('screen');
      await page.setViewport(KIOSK_VIEWPORT);
    }
    // On screen the chrome is there again.
    const shown = await displays(page, ['#header', '#finish', '#print-slip']);
    assert.ok(!shown.includes('none'), shown.join(' '));
  });

  it('the filled declaration: the template from the server with the answers, on A4', async () => {
    const template = (await (
      await fetch(`${running.origin}/api/procedures/birth-registration/declaration`)
    ).json()) as { title: { vi: string }; signature: { vi: string } };
    await tap(page, '#show-declaration');
    await page.waitForSelector('#declaration');
    assert.equal(await textOf(page, '#declaration-title'), template.title.vi);
    const paper = await textOf(page, '#declaration');
    assert.match(paper, /CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM/);
    assert.match(paper, /Họ, chữ đệm, tên: Nguyễn Minh An/);
    assert.match(paper, /Ngày, tháng, năm sinh: 20\/08\/2025/);
    // Places by their names, never their codes.
    assert.match(paper, /Nơi sinh: Phường Giảng Võ, Thành phố Hà Nội/);
    assert.match(paper, /Tên cơ sở y tế nơi sinh: Bệnh viện Phụ sản Hà Nội/);
    assert.match(paper, /Quê quán: Xã Thanh Trì, Thành phố Hà Nội/);
    assert.match(
      paper,
      /Nơi cư trú: Số 12, ngõ 5, phố Tân Mai, Phường Hoàng Mai, Thành phố Hà Nội/,
    );
    assert.doesNotMatch(paper, /\b0\d{4}\b/, 'no commune code on the paper');
    // A question never asked is not a row ("Dân tộc (ghi cụ thể)" after "Kinh").
    assert.doesNotMatch(paper, /ghi cụ thể/);
    assert.match(await textOf(page, '.form-paper__date'), /ngày \d{2} tháng \d{2} năm \d{4}$/);
    assert.ok(paper.includes(template.signature.vi), 'the words over the signature');
    assert.equal(await textOf(page, '.form-paper__signer'), 'Trần Thị Mai');
    await tap(page, '#print-declaration');
    assert.equal(await page.evaluate(() => (window as unknown as { prints: number }).prints), 2);
    try {
      await page.emulateMediaType('print');
      await page.setViewport({ ...KIOSK_VIEWPORT, width: 794 });
      const hidden = await displays(page, ['#header', '#print-declaration', '.back-link']);
      assert.deepEqual(hidden, ['none', 'none', 'none']);
      const parts = await drawn(page, [
        '.form-paper__nation',
        '#declaration-title',
        '.form-paper__rows',
        '.form-paper__sign',
      ]);
      assert.ok(Object.values(parts).every(Boolean), JSON.stringify(parts));
    } finally {
      await page.emulateMediaType('screen');
      await page.setViewport(KIOSK_VIEWPORT);
    }
  });

  it('"Kết thúc" goes back to the welcome screen with nothing of the citizen left', async () => {
    await tapButton(page, 'Kết thúc');
    await waitForScreen(page, 'welcome-title');
    const left = await page.evaluate(() => ({
      text: document.body.innerText,
      search: document.querySelector<HTMLInputElement>('#search')?.value,
      form: document.querySelector('motcua-procedure') !== null,
      storage: localStorage.length + sessionStorage.length,
    }));
    assert.equal(left.search, '');
    assert.equal(left.form, false);
    assert.equal(left.storage, 0);
    for (const trace of ['Trần Thị Mai', 'Nguyễn Minh An', code]) {
      assert.ok(!left.text.includes(trace), `"${trace}" is still on screen`);
    }
  });

  it('left alone on a screen of its own, the kiosk asks, then wipes itself to welcome', async () => {
    const other = await browser.newPage();
    try {
      await other.setViewport(KIOSK_VIEWPORT);
      await other.goto(`${running.origin}/?idle=1&idle-warning=5`, { waitUntil: 'load' });
      await waitForScreen(other, 'welcome-title');
      await tap(other, '#events [data-event="job-record"]');
      await waitForScreen(other, 'start-title');
      await other.waitForSelector('dialog#idle[open]', { timeout: 10_000 });
      assert.match(await textOf(other, '#idle-title'), /Bạn vẫn đang dùng máy chứ\?/);
      assert.deepEqual(await axe(other), [], 'axe on the question');
      // "Tôi vẫn đang dùng" keeps the screen; asked again, unanswered, it wipes.
      await tap(other, '#idle-stay');
      await other.waitForSelector('dialog#idle', { hidden: true });
      assert.equal(await textOf(other, '#start-title'), 'Cấp Phiếu lý lịch tư pháp');
      await other.waitForSelector('dialog#idle[open]', { timeout: 10_000 });
      await waitForScreen(other, 'welcome-title');
      assert.match(await textOf(other, '#cleared'), /đã được xoá/);
      // In the form, the element's own timer (set from the same parameters) does the same.
      await tap(other, '#procedures [data-procedure="criminal-record"]');
      await waitForScreen(other, 'start-title');
      await tap(other, '#start');
      await other.waitForFunction(
        () => document.querySelector('motcua-procedure')?.shadowRoot?.querySelector('input'),
        { timeout: 20_000 },
      );
      await tap(other, 'motcua-procedure >>> input[type=text]');
      await other.keyboard.type('Lê Văn Tám');
      await waitForScreen(other, 'welcome-title');
      assert.equal(await other.$('motcua-procedure'), null);
      assert.ok(!(await other.evaluate(() => document.body.innerText)).includes('Lê Văn Tám'));
      assert.match(await textOf(other, '#cleared'), /đã được xoá/);
    } finally {
      await other.close();
    }
  });

  it('raised no policy violation and logged no error on the way', async () => {
    assert.deepEqual(await violations(), []);
    assert.deepEqual(problems, []);
  });
});
