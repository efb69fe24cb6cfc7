// The screenshot of docs/theming.md: the portal as `npm start` serves it (the repository's
// motcua.config.json, PGlite in a temporary folder), restyled by the host page's own stylesheet
// with the element's custom properties and parts only, in Debian's Chromium.
//
//   npm run build
//   node --import tsx --conditions=source scripts/theme-screenshot.mjs
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, loadConfig } from '@motcua/server';
import { launchChromium } from './chromium.mjs';
import { waitForForm } from './page-driver.mjs';

/* global document, CSSStyleSheet -- in the functions page.evaluate runs in Chromium */

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const theme = readFileSync(join(root, 'docs', 'theming', 'theme.css'), 'utf8');
const dataDir = mkdtempSync(join(tmpdir(), 'motcua-theme-'));
const server = createServer({
  ...(await loadConfig({ cwd: root, env: {} })),
  dataDir,
  logger: false,
});
const origin = await server.listen({ port: 0, host: '127.0.0.1' });
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 900, height: 1000, deviceScaleFactor: 1 });
  await page.goto(`${origin}/portal/`, { waitUntil: 'networkidle0' });
  await waitForForm(page);
  // The host's stylesheet, as a site would link it (a file of its own, so the strict CSP holds).
  await page.evaluate((css) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  }, theme);
  // Continue on an empty page: the error summary and a field in error show the error colour.
  await page.evaluate(() => {
    const form = document.querySelector('motcua-procedure');
    const button = form?.shadowRoot?.querySelector('button[type="submit"], [part~="button"]');
    button?.click();
  });
  await new Promise((resolve) => setTimeout(resolve, 500));
  const path = join(root, 'docs', 'theming', 'portal-themed.png');
  await page.screenshot({ path, fullPage: false });
  console.log(`wrote ${path}`);
} finally {
  await browser.close();
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
}
