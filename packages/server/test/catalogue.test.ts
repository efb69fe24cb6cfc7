import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Database } from '@motcua/server';
import { BACKENDS, REPO, postgresSkip, testServer } from './helpers.js';

const RUNTIME = 'packages/elements/dist/browser/motcua.js';
/** Every procedure the repository's site serves: the birth registration and the Vietnam pack's. */
const VN = readdirSync(join(REPO, 'packages/vn/procedures'))
  .filter((file) => file.endsWith('.procedure.json'))
  .map((file) => file.slice(0, -'.procedure.json'.length));
const IDS = ['birth-registration', ...VN].sort();

interface Definition {
  id: string;
  version: string;
  title: { vi: string; en: string };
  agency: object;
  fees: object[];
  processingTime: object;
  documents: { id: string; when?: object }[];
}
const definition = (file: string) =>
  JSON.parse(readFileSync(join(REPO, file), 'utf8')) as Definition;
const DEFINITIONS: Record<string, Definition> = {
  'birth-registration': definition('examples/procedures/birth-registration.procedure.json'),
  ...Object.fromEntries(
    VN.map((id) => [id, definition(`packages/vn/procedures/${id}.procedure.json`)]),
  ),
};

/**
 * A page folder holding what a repository's page folder holds besides the page: tests, builds,
 * TypeScript and package files, a dotfile. Only the page and its script are for browsers.
 */
function pageFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-page-'));
  const files: Record<string, string> = {
    'index.html':
      '<!doctype html><title>Trang</title><script type="module" src="./app.js"></script>',
    'app.js': 'export {};',
    'test/fixture.html': '<p>test fixture</p>',
    'test/answers.json': '{}',
    'dist/app.js': 'export {};',
    'node_modules/x/index.js': 'export {};',
    'app.ts': 'export {};',
    'app.js.map': '{}',
    'tsconfig.json': '{}',
    'package.json': '{}',
    '.env': 'SECRET=1',
  };
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

for (const backend of BACKENDS) {
  describe(`the catalogue and the pages on ${backend.name}`, async () => {
    const skip = backend.name === 'PostgreSQL' ? await postgresSkip() : false;
    let db: Database;
    let server: FastifyInstance;
    let page: string;

    before(async () => {
      if (skip) return;
      // The runtime pages import is a build output: build it once when it is missing.
      if (!existsSync(join(REPO, RUNTIME))) {
        const { execFileSync } = await import('node:child_process');
        execFileSync('npm', ['run', 'build'], { cwd: REPO, stdio: 'inherit' });
      }
      page = pageFolder();
      db = await backend.open();
      // As motcua.config.json serves them, and one more page folder with files not to serve.
      server = await testServer(db, {
        runtime: RUNTIME,
        pages: [
          { path: '/', dir: 'examples/kiosk' },
          { path: '/portal/', dir: 'examples/portal' },
          { path: '/extra/', dir: page },
        ],
      });
    });
    after(async () => {
      await server?.close();
      await db?.close();
      if (page) rmSync(page, { recursive: true, force: true });
    });

    it(
      'lists every procedure with titles, agency, fees, processing time and documents',
      { skip },
      async () => {
        const response = await server.inject({ url: '/api/procedures' });
        assert.equal(response.statusCode, 200, response.body);
        assert.equal(response.headers['cache-control'], 'no-cache');
        const catalogue = response.json<{
          site: { id: string; counters: { id: string }[] };
          procedures: (Definition & { search: string[]; module: string })[];
        }>();
        assert.deepEqual(catalogue.procedures.map((p) => p.id).sort(), IDS);
        assert.deepEqual(
          catalogue.site.counters.map((c) => c.id),
          ['1'],
        );
        for (const procedure of catalogue.procedures) {
          const source = DEFINITIONS[procedure.id]!;
          assert.equal(procedure.version, source.version);
          assert.deepEqual(procedure.title, source.title);
          assert.ok(procedure.title.vi && procedure.title.en, `${procedure.id}: both titles`);
          assert.deepEqual(procedure.agency, source.agency);
          assert.deepEqual(procedure.fees, source.fees);
          assert.deepEqual(procedure.processingTime, source.processingTime);
          // The documents keep their conditions as data, for the start page to phrase.
          assert.deepEqual(procedure.documents, source.documents);
          assert.ok(procedure.documents.some((document) => document.when !== undefined));
          assert.equal(procedure.module, `procedures/${procedure.id}.js`);
        }
        const birth = catalogue.procedures.find((p) => p.id === 'birth-registration')!;
        const marriage = birth.documents.find((d) => d.id === 'marriage-certificate');
        assert.equal(typeof marriage?.when, 'object');
      },
    );

    it('gives each procedure search keys in lower case without diacritics', { skip }, async () => {
      const { procedures } = (await server.inject({ url: '/api/procedures' })).json<{
        procedures: { id: string; search: string[] }[];
      }>();
      const keys = (id: string) => procedures.find((p) => p.id === id)!.search;
      assert.ok(keys('birth-registration').includes('dang ky khai sinh'));
      assert.ok(keys('birth-registration').includes('birth registration'));
      assert.ok(keys('permanent-residence').includes('dang ky thuong tru'));
      assert.ok(keys('criminal-record').includes('cap phieu ly lich tu phap'));
      for (const { search } of procedures) {
        for (const key of search) {
          assert.equal(key, key.toLowerCase());
          assert.doesNotMatch(key.normalize('NFD'), /[\u0300-\u036f]|đ|Đ/, key);
        }
      }
    });

    it(
      'serves a compiled procedure as revalidated JavaScript with an ETag, and 304 when unchanged',
      { skip },
      async () => {
        const response = await server.inject({ url: '/procedures/birth-registration.js' });
        assert.equal(response.statusCode, 200, response.body);
        assert.equal(response.headers['content-type'], 'text/javascript; charset=utf-8');
        assert.equal(response.headers['cache-control'], 'no-cache');
        const hash = createHash('sha256').update(response.body).digest('hex').slice(0, 12);
        assert.equal(response.headers.etag, `"${hash}"`);
        // It imports the runtime served beside the page, and runs under a CSP without eval.
        assert.match(response.body, /["']\.\.\/motcua\.js["']/);
        assert.equal(response.body.includes('new Function'), false);
        assert.equal(response.body.includes('eval('), false);

        const again = await server.inject({
          url: '/procedures/birth-registration.js',
          headers: { 'if-none-match': `"${hash}"` },
        });
        assert.equal(again.statusCode, 304);
        assert.equal(again.body, '');
        const changed = await server.inject({
          url: '/procedures/birth-registration.js',
          headers: { 'if-none-match': '"000000000000"' },
        });
        assert.equal(changed.statusCode, 200);
        // Every page folder gets the same module.
        const portal = await server.inject({ url: '/portal/procedures/birth-registration.js' });
        assert.equal(portal.body, response.body);
      },
    );

    it(
      'maps each procedure to <id>.<hash>.js in manifest.json, served to be cached forever',
      { skip },
      async () => {
        const response = await server.inject({ url: '/procedures/manifest.json' });
        assert.equal(response.statusCode, 200, response.body);
        assert.equal(response.headers['cache-control'], 'no-cache');
        const manifest = response.json<Record<string, { file: string; version: string }>>();
        assert.deepEqual(Object.keys(manifest).sort(), IDS);
        for (const id of IDS) {
          const plain = await server.inject({ url: `/procedures/${id}.js` });
          const hash = String(plain.headers.etag).replaceAll('"', '');
          assert.equal(manifest[id]?.file, `${id}.${hash}.js`);
          assert.equal(manifest[id]?.version, '1.0.0');
          const hashed = await server.inject({ url: `/procedures/${manifest[id]!.file}` });
          assert.equal(hashed.statusCode, 200);
          assert.equal(hashed.headers['cache-control'], 'public, max-age=31536000, immutable');
          assert.equal(hashed.body, plain.body);
        }
      },
    );

    it(
      "serves each module's checks (validators, pack code) as the chunk it imports, cached forever",
      { skip },
      async () => {
        for (const id of IDS) {
          const module = (await server.inject({ url: `/procedures/${id}.js` })).body;
          const chunk = /import\("\.\/([\w-]+\.checks-[0-9a-f]{12}\.js)"\)/.exec(module)?.[1];
          assert.ok(
            chunk !== undefined && chunk.startsWith(`${id}.checks-`),
            `${id} imports its checks`,
          );
          assert.doesNotMatch(module, /\bvalidate\d+\b/, `${id}: no validator in the module`);
          const response = await server.inject({ url: `/portal/procedures/${chunk}` });
          assert.equal(response.statusCode, 200, chunk);
          assert.equal(response.headers['content-type'], 'text/javascript; charset=utf-8');
          assert.equal(response.headers['cache-control'], 'public, max-age=31536000, immutable');
          assert.match(response.body, /\bvalidators\b/);
          assert.equal(response.body.includes('new Function'), false);
          // Named by its content.
          const hash = /checks-([0-9a-f]{12})/.exec(chunk)![1];
          assert.ok(createHash('sha256').update(response.body).digest('hex').startsWith(hash!));
        }
        for (const url of [
          '/procedures/birth-registration.checks-0123456789ab.js',
          '/procedures/no-such-procedure.checks-0123456789ab.js',
        ]) {
          assert.equal((await server.inject({ url })).statusCode, 404, url);
        }
      },
    );

    it('answers 404 for a wrong hash or an unknown procedure', { skip }, async () => {
      for (const url of [
        '/procedures/birth-registration.0123456789ab.js',
        '/procedures/no-such-procedure.js',
        '/procedures/birth-registration.ts',
      ]) {
        const response = await server.inject({ url });
        assert.equal(response.statusCode, 404, url);
        assert.equal(response.json().type, 'tag:motcua,2026:problem/not-found');
      }
    });

    it('serves the runtime beside every page', { skip }, async () => {
      const runtime = readFileSync(join(REPO, RUNTIME), 'utf8');
      for (const url of ['/motcua.js', '/portal/motcua.js']) {
        const response = await server.inject({ url });
        assert.equal(response.statusCode, 200, url);
        assert.match(String(response.headers['content-type']), /javascript/);
        assert.equal(response.body, runtime);
      }
    });

    it(
      'serves the chunks the runtime loads on demand beside every page, cached forever',
      { skip },
      async () => {
        const folder = dirname(join(REPO, RUNTIME));
        const chunks = readdirSync(folder).filter((name) => /^motcua-[\w-]+\.js$/.test(name));
        assert.ok(chunks.length >= 2, `the portal and QR chunks are built: ${chunks.join(', ')}`);
        for (const chunk of chunks) {
          for (const url of [`/${chunk}`, `/portal/${chunk}`]) {
            const response = await server.inject({ url });
            assert.equal(response.statusCode, 200, url);
            assert.match(String(response.headers['content-type']), /javascript/);
            assert.equal(response.headers['cache-control'], 'public, max-age=31536000, immutable');
            assert.equal(response.body, readFileSync(join(folder, chunk), 'utf8'));
          }
        }
        for (const url of [
          '/motcua-nothing-here.js',
          '/motcua-..%2Fpackage.json',
          '/motcua-x.txt',
        ]) {
          assert.equal((await server.inject({ url })).statusCode, 404, url);
        }
      },
    );

    it(
      'serves pages under a strict Content-Security-Policy with Trusted Types',
      { skip },
      async () => {
        for (const url of ['/', '/portal/', '/extra/']) {
          const response = await server.inject({ url });
          assert.equal(response.statusCode, 200, url);
          assert.match(String(response.headers['content-type']), /^text\/html/);
          const csp = String(response.headers['content-security-policy']);
          const directives = new Map(
            csp.split(';').map((part) => {
              const [name = '', ...values] = part.trim().split(/\s+/);
              return [name, values.join(' ')];
            }),
          );
          assert.equal(directives.get('require-trusted-types-for'), "'script'", csp);
          assert.equal(directives.get('trusted-types'), 'lit-html', csp);
          assert.equal(directives.get('script-src'), "'self'", csp);
          assert.equal(directives.get('object-src'), "'none'", csp);
          assert.equal(directives.get('frame-ancestors'), "'none'", csp);
        }
      },
    );

    it(
      'does not serve tests, builds, TypeScript, package files or dotfiles from a page folder',
      { skip },
      async () => {
        assert.equal((await server.inject({ url: '/extra/app.js' })).statusCode, 200);
        for (const file of [
          'test/fixture.html',
          'test/answers.json',
          'dist/app.js',
          'node_modules/x/index.js',
          'app.ts',
          'app.js.map',
          'tsconfig.json',
          'package.json',
          '.env',
        ]) {
          const response = await server.inject({ url: `/extra/${file}` });
          assert.equal(response.statusCode, 404, `${file} is served`);
        }
        // The repository's own page tests are not served either.
        const kioskTest = await server.inject({ url: '/test/kiosk.page.test.ts' });
        assert.equal(kioskTest.statusCode, 404);
      },
    );
  });
}
