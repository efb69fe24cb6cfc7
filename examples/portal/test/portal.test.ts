import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startDevServer } from '@web/dev-server';
import config from '../../../web-dev-server.config.mjs';

// `npm run serve` with the same config, on a free port. The element itself is tested in Chromium
// by packages/elements/test; this checks that the page and what it loads are served as a browser
// needs them, with no build step.
describe('the portal example, served by `npm run serve`', () => {
  let server: Awaited<ReturnType<typeof startDevServer>> | undefined;
  let origin: string;

  before(async () => {
    server = await startDevServer({
      // The server watches every file it serves (to invalidate its cache); a watch still being
      // added when stop() closes the watcher stayed open and kept this process from exiting
      // (a timeout, about one run in four): watches that do not hold the process cannot.
      config: { ...config, port: 0, watch: false, chokidarOptions: { persistent: false } },
      readCliArgs: false,
      readFileConfig: false,
      autoExitProcess: false,
      logStartMessage: false,
    });
    const { port } = server.server?.address() as AddressInfo;
    origin = `http://127.0.0.1:${port}`;
  });

  after(async () => {
    // fetch keeps connections alive; the server's stop() waits for them, so close them first.
    (server?.server as { closeAllConnections?: () => void } | undefined)?.closeAllConnections?.();
    await server?.stop();
  });

  async function get(path: string): Promise<{ type: string; body: string; url: string }> {
    const response = await fetch(origin + path);
    assert.equal(response.status, 200, `GET ${path} answered ${response.status}`);
    return {
      type: response.headers.get('content-type') ?? '',
      body: await response.text(),
      url: response.url.slice(origin.length),
    };
  }

  it('serves the page: Vietnamese, a main landmark, and the element loading the procedure', async () => {
    const { type, body } = await get('/examples/portal/');
    assert.match(type, /text\/html/);
    assert.match(body, /<html lang="vi">/);
    assert.match(body, /Cổng dịch vụ công — ví dụ/);
    assert.match(body, /<main\b/);
    // The names @motcua/server serves (npm start); the dev server redirects them below.
    assert.match(body, /<motcua-procedure[^>]*src="\.\/procedures\/birth-registration\.js"/);
    // The element sends the dossier itself, to the server's API.
    assert.match(body, /<motcua-procedure[^>]*endpoint="\/api\/dossiers"/);
    assert.match(body, /<script type="module" src="\.\/motcua\.js">/);
    // Nothing inline, so the page runs under a strict CSP (see strict-csp.page.test.ts).
    assert.doesNotMatch(body, /<style|<script(?![^>]*\ssrc=)|\sstyle=|\son\w+=/);
  });

  it('serves the procedure definition as JavaScript that builds the procedure', async () => {
    const { type, body, url } = await get('/examples/portal/procedures/birth-registration.js');
    assert.equal(url, '/examples/procedures/birth-registration.procedure.json');
    assert.match(type, /javascript/);
    // Checked with .test so that a failure names the expectation, not the 40 KB module.
    assert.ok(/\bcreateProcedure\(definition/.test(body), 'the module calls createProcedure');
    assert.ok(/export\s*\{[^}]*\bas default\b/.test(body), 'the module has a default export');
    // Ajv's standalone validators only: the page must not need the Ajv compiler or eval.
    assert.ok(!/new Function|\beval\(/.test(body), 'the module uses no eval or new Function');
  });

  it('serves the element entry compiled from TypeScript to JavaScript', async () => {
    const { type, body, url } = await get('/examples/portal/motcua.js');
    assert.equal(url, '/packages/elements/src/motcua.ts');
    assert.match(type, /javascript/);
    assert.match(body, /defineMotcuaProcedure\(\)/);
    // Bare specifiers are resolved to paths a browser can load.
    assert.doesNotMatch(body, /from ['"]@motcua\//);
  });

  it('serves the page styles and icon as files', async () => {
    assert.match((await get('/examples/portal/portal.css')).type, /text\/css/);
    assert.match((await get('/examples/portal/favicon.svg')).type, /image\/svg/);
  });

  it('serves the host script of the page, which shows what the element sends', async () => {
    const { type, body } = await get('/examples/portal/app.js');
    assert.match(type, /javascript/);
    assert.match(body, /addEventListener\(["']motcua-submit["']/);
    // No made-up receipt: the code comes from the server the element posts to.
    assert.doesNotMatch(body, /\.submit\s*=/);
    // The address fields' places, from the data beside the page.
    assert.match(body, /from ['"]\.\/vn-address\.js['"]/);
    assert.match(body, /\.addressData\s*=/);
  });

  it('serves the address module and its data beside the page, as the built site has them', async () => {
    const module = await get('/examples/portal/vn-address.js');
    assert.equal(module.url, '/packages/vn/src/address/browser.ts');
    assert.match(module.type, /javascript/);
    assert.match(module.body, /createAddressData/);
    assert.doesNotMatch(module.body, /from ['"]@motcua\//);
    const provinces = await get('/examples/portal/vn-data/provinces.json');
    assert.equal(provinces.url, '/packages/vn/data/provinces.json');
    assert.equal((JSON.parse(provinces.body) as { provinces: unknown[] }).provinces.length, 34);
    const hanoi = await get('/examples/portal/vn-data/communes/01.json');
    assert.match(hanoi.body, /"code": "00331", "name": "Hoàng Mai"/);
  });
});
