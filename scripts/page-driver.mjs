// Drives a built example page in Chromium (puppeteer-core over CDP) as a citizen would: real
// clicks and keystrokes into <motcua-procedure>'s shadow DOM. Shared by the page tests
// (examples/*/test/*.page.test.ts), which also need to know of every policy violation, console
// error and failed request on the way.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/* global document, window -- in the functions page.evaluate runs in Chromium */

/**
 * @typedef {import('puppeteer-core').Page} Page
 * @typedef {{ directive: string, blocked: string, sample: string }} Violation
 * @typedef {string | { day: string, month: string, year: string }
 *   | { file: { name: string, type: string, content: string } }
 *   | { province: string, search: string, commune: string, detail?: string }} PageAnswer
 *   An address is answered as a citizen does: choose the province, type part of the commune's
 *   name into its search (`search`, without diacritics if you like), choose it, type the detail
 *   (left out for a field that asks none, such as a home town).
 */

/**
 * Opens a new page that records, from before any of its scripts runs, every
 * `securitypolicyviolation`, and collects console errors and warnings, uncaught errors, failed
 * requests and HTTP errors into `problems`.
 *
 * @param {import('puppeteer-core').Browser} browser
 * @returns {Promise<{ page: Page, problems: string[], violations: () => Promise<Violation[]> }>}
 */
export async function openRecordedPage(browser) {
  const page = await browser.newPage();
  /** @type {string[]} */
  const problems = [];
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
  return {
    page,
    problems,
    violations: () => page.evaluate(() => window.motcuaViolations ?? []),
  };
}

/**
 * Where the journey is: the step on screen, or the status once past the steps.
 *
 * @param {Page} page
 * @returns {Promise<string>}
 */
export function where(page) {
  return page.evaluate(() => {
    const snapshot = document.querySelector('motcua-procedure')?.session?.snapshot;
    return snapshot?.status === 'filling' ? (snapshot.step?.id ?? '?') : (snapshot?.status ?? '');
  });
}

/**
 * The one element matching `selector` inside the element's shadow root.
 *
 * @param {Page} page
 * @param {string} selector
 */
export async function control(page, selector) {
  const handle = await page.$(`motcua-procedure >>> ${selector}`);
  if (!handle) throw new Error(`nothing matches ${selector} in <motcua-procedure>`);
  return handle;
}

/**
 * The element's button whose text is `label`, once the page shows it: a page just reached may
 * still be drawing "Đang tải…" while its chunk comes (the review page is one). Throws, naming
 * the buttons there are, if none comes within `timeout` ms (10,000).
 *
 * @param {Page} page
 * @param {string} label
 * @param {{ timeout?: number }} [options]
 * @returns {Promise<import('puppeteer-core').ElementHandle<HTMLButtonElement>>}
 */
export async function buttonLabelled(page, label, { timeout = 10_000 } = {}) {
  const found = await page
    .waitForFunction(
      (text) =>
        [
          ...(document.querySelector('motcua-procedure')?.shadowRoot?.querySelectorAll('button') ??
            []),
        ].find((button) => button.textContent?.trim() === text),
      { timeout, polling: 50 },
      label,
    )
    .catch(() => undefined);
  const button = found?.asElement();
  if (!button) {
    const labels = await page.evaluate(() =>
      [
        ...(document.querySelector('motcua-procedure')?.shadowRoot?.querySelectorAll('button') ??
          []),
      ].map((b) => b.textContent?.trim()),
    );
    throw new Error(`no button "${label}"; buttons: ${labels.join(', ')}`);
  }
  return /** @type {import('puppeteer-core').ElementHandle<HTMLButtonElement>} */ (button);
}

/**
 * Clicks the element's button whose text is `label`, once the page shows it (buttonLabelled).
 *
 * @param {Page} page
 * @param {string} label
 * @param {{ timeout?: number }} [options] `timeout` in ms (10,000)
 */
export async function press(page, label, options) {
  await (await buttonLabelled(page, label, options)).click();
}

/**
 * Answers one field with real clicks and keystrokes, by the field's type.
 *
 * @param {Page} page
 * @param {string} id
 * @param {PageAnswer} value
 * @param {string} files a folder to write chosen files to
 */
export async function answer(page, id, value, files) {
  const type = await page.evaluate(
    (field) => document.querySelector('motcua-procedure')?.session?.procedure.field(field)?.type,
    id,
  );
  const selector = `#f-${id}`;
  // Over what is there: an answer a prefill gave is replaced, as a citizen would select it all.
  const typeInto = async (target, text) => {
    await (await control(page, target)).click({ count: 3 });
    await page.keyboard.press('Backspace');
    await page.keyboard.type(text);
  };
  if (type === 'radio') {
    await (
      await control(page, `input[type=radio][name="${id}"][value="${String(value)}"]`)
    ).click();
  } else if (type === 'select') {
    await (await control(page, selector)).select(String(value));
  } else if (type === 'date' && typeof value === 'object' && 'day' in value) {
    await typeInto(selector, value.day);
    await typeInto(`${selector}-month`, value.month);
    await typeInto(`${selector}-year`, value.year);
  } else if (type === 'address' && typeof value === 'object' && 'province' in value) {
    // The provinces, then the chosen province's communes, arrive by fetch; a list can be chosen
    // from once it holds the place.
    const listed = (list, code) =>
      page.waitForFunction(
        (list, code) =>
          Array.from(
            document.querySelector('motcua-procedure')?.shadowRoot?.querySelector(list)?.options ??
              [],
          ).some((option) => option.value === code),
        { timeout: 10_000, polling: 100 },
        list,
        code,
      );
    await listed(selector, value.province);
    await (await control(page, selector)).select(value.province);
    await listed(`${selector}-commune`, value.commune);
    await typeInto(`${selector}-commune-search`, value.search);
    await (await control(page, `${selector}-commune`)).select(value.commune);
    if (value.detail !== undefined) await typeInto(`${selector}-detail`, value.detail);
  } else if (type === 'file' && typeof value === 'object' && 'file' in value) {
    const path = join(files, value.file.name);
    writeFileSync(path, value.file.content);
    await /** @type {import('puppeteer-core').ElementHandle<HTMLInputElement>} */ (
      await control(page, selector)
    ).uploadFile(path);
  } else {
    await typeInto(selector, String(value));
  }
}

/**
 * Answers each page from `journey` and presses Continue, until review. Returns the steps it
 * answered, in order.
 *
 * @param {Page} page
 * @param {Readonly<Record<string, Readonly<Record<string, PageAnswer>>>>} journey
 * @param {string} files
 * @returns {Promise<string[]>}
 */
export async function walkToReview(page, journey, files) {
  const visited = [];
  // Where the element is: a step, its page (a kiosk asks one question per page) and the
  // questions on it.
  const onScreen = () =>
    page.evaluate(() => {
      const snapshot = document.querySelector('motcua-procedure')?.session?.snapshot;
      return {
        status: snapshot?.status ?? '',
        step: snapshot?.step?.id ?? '',
        page: snapshot?.page ?? 0,
        fields: snapshot?.fields.map((field) => field.id) ?? [],
      };
    });
  for (let guard = 0; guard < 120; guard++) {
    const at = await onScreen();
    if (at.status === 'review') return visited;
    const answers = journey[at.step];
    if (!answers) throw new Error(`the journey has no answers for step "${at.step}"`);
    if (!visited.includes(at.step)) visited.push(at.step);
    for (const [id, value] of Object.entries(answers)) {
      // Asked on this page, or shown by an answer on it ("other" after a choice).
      if ((await onScreen()).fields.includes(id)) await answer(page, id, value, files);
    }
    await (await control(page, 'form button[type=submit]')).click();
    await page.waitForFunction(
      (from) => {
        const snapshot = document.querySelector('motcua-procedure')?.session?.snapshot;
        return (
          snapshot?.status !== 'filling' ||
          snapshot.step?.id !== from.step ||
          snapshot.page !== from.page ||
          snapshot.errors.length > 0
        );
      },
      { timeout: 10_000, polling: 100 },
      at,
    );
    const errors = await page.evaluate(
      () => document.querySelector('motcua-procedure')?.session?.snapshot.errors ?? [],
    );
    if (errors.length > 0) throw new Error(`Continue on "${at.step}": ${JSON.stringify(errors)}`);
  }
  throw new Error('walkToReview: never reached review');
}

/**
 * How the element is styled: the number of rules in each of its stylesheets (a stylesheet that
 * failed to parse has none) and the main button's height, for checking that the built runtime
 * draws the form as designed and not as bare HTML. Once `loaded` settles: the portal's and the
 * kiosk's chunks adopt a stylesheet of their own.
 *
 * @param {Page} page
 * @returns {Promise<{ rules: number[], buttonHeight: number }>}
 */
export function elementStyling(page) {
  return page.evaluate(async () => {
    const element = document.querySelector('motcua-procedure');
    await /** @type {{ loaded?: Promise<void> } | null} */ (element)?.loaded;
    const root = element?.shadowRoot;
    const button = root?.querySelector('form button[type=submit]');
    return {
      rules: [...(root?.adoptedStyleSheets ?? [])].map((sheet) => sheet.cssRules.length),
      buttonHeight: button ? button.getBoundingClientRect().height : 0,
    };
  });
}

/**
 * Waits for what `<motcua-procedure>` draws: the first element of its shadow root that matches
 * `selector` (and is visible, with `visible`), looked for every 100 ms. Not puppeteer's
 * `waitForSelector('motcua-procedure >>> …')`: without `visible` that looks again only when the
 * light DOM changes (a MutationObserver on the document, which sees nothing inside a shadow
 * root), so what the element draws after the first look is never seen; with `visible` it looks
 * on animation frames, which a page behind another one, or on a loaded machine, may not get.
 *
 * @param {Page} page
 * @param {string} selector a CSS selector inside the element's shadow root
 * @param {{ timeout?: number, visible?: boolean }} [options] `timeout` in ms (10,000)
 * @returns {Promise<import('puppeteer-core').ElementHandle<Element>>}
 */
export async function inForm(page, selector, { timeout = 10_000, visible = false } = {}) {
  const handle = await page.waitForFunction(
    (wanted, mustShow) => {
      const found = document.querySelector('motcua-procedure')?.shadowRoot?.querySelector(wanted);
      return found && (!mustShow || found.checkVisibility()) ? found : null;
    },
    { timeout, polling: 100 },
    selector,
    visible,
  );
  return /** @type {import('puppeteer-core').ElementHandle<Element>} */ (handle);
}

/**
 * Resolves once `<motcua-procedure>` shows a form control: the procedure loaded and its first
 * page rendered.
 *
 * @param {Page} page
 */
export async function waitForForm(page) {
  await page.waitForFunction(
    () =>
      document
        .querySelector('motcua-procedure')
        ?.shadowRoot?.querySelector('input, select, textarea'),
    { timeout: 20_000, polling: 100 },
  );
}

/**
 * Presses "Gửi hồ sơ" on the review page and resolves with the dossier code the confirmation
 * shows.
 *
 * @param {Page} page
 * @returns {Promise<string>}
 */
export async function sendDossier(page) {
  await press(page, 'Gửi hồ sơ');
  const code = await page.waitForFunction(
    () =>
      document.querySelector('motcua-procedure')?.shadowRoot?.querySelector('.dossier-code')
        ?.textContent,
    { timeout: 10_000, polling: 100 },
  );
  return String(await code.jsonValue());
}
