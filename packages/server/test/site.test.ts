// One build, any site: a site file (schema/site.schema.json) says who the site is, its counters
// and what it does not take; the catalogue carries it to the kiosk, tickets follow its counters.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Database, ServerOptions } from '@motcua/server';
import {
  ConfigError,
  ProcedureLoadError,
  ServerConfigError,
  createServer,
  loadConfig,
} from '@motcua/server';
import { BACKENDS, PROCEDURES, REPO, postgresSkip, testServer } from './helpers.js';

const DEMO = join(REPO, 'sites/demo.json');
const PROVINCE = join(REPO, 'sites/province.json');
const made: string[] = [];
after(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A scratch folder with these files (objects are written as JSON). */
function folder(files: Record<string, unknown> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-site-'));
  made.push(dir);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(
      join(dir, name),
      typeof content === 'string' ? content : JSON.stringify(content, null, 2),
    );
  }
  return dir;
}

const demo = () => JSON.parse(readFileSync(DEMO, 'utf8')) as Record<string, unknown>;

interface Catalogue {
  site: {
    id: string;
    name: { vi: string; en: string };
    counters: { id: string; name: { vi: string; en: string }; procedures?: string[] }[];
    administrativeCode?: { province: string; commune?: string };
    openingHours?: { vi: string; en: string };
    languages: string[];
    filesAtCounter: boolean;
    elsewhere: { title: { vi: string }; where: { vi: string; en: string }; search: string[] }[];
  };
  procedures: {
    id: string;
    keywords: { vi: string; en: string }[];
    audience?: { vi: string; en: string };
    online?: string;
    hasDeclaration: boolean;
    search: string[];
  }[];
}

describe('site files', () => {
  it('names the file, the pointer and what to write for every problem', async () => {
    const site = {
      ...demo(),
      id: 'HK',
      colour: 'red',
      administrativeCode: { province: '1' },
      languages: ['en'],
      filesAtCounter: 'yes',
      counters: [{ id: '1', name: { en: 'Counter 1' } }],
    };
    const dir = folder({ 'sites/hk.json': site, 'motcua.config.json': { site: 'sites/hk.json' } });
    let caught: unknown;
    try {
      await loadConfig({ cwd: dir, env: {} });
    } catch (error) {
      caught = error;
    }
    assert.ok(caught instanceof ConfigError, String(caught));
    const file = join(dir, 'sites/hk.json');
    const lines = caught.message.split('\n');
    assert.equal(lines[0], 'the site has 5 problem(s):');
    assert.deepEqual(lines.slice(1).sort(), [
      `  ${file}: /administrativeCode/province: must be a province code of 2 digits, such as "01" for Hà Nội`,
      `  ${file}: /colour: unknown key "colour"; use one of: $schema, id, name, administrativeCode, timeZone, counters, openingHours, languages, filesAtCounter, elsewhere`,
      `  ${file}: /counters/0/name: must be a text: a string, or {"vi": "…", "en": "…"} with no other keys`,
      `  ${file}: /filesAtCounter: must be true or false`,
      `  ${file}: /languages: must include "vi": Vietnamese is every site's first language`,
    ]);
  });

  it('says which text lacks its English when the site offers English', () => {
    let caught: unknown;
    try {
      createServer({ site: { ...demo(), openingHours: { vi: 'Sáng thứ Hai đến thứ Sáu' } } });
    } catch (error) {
      caught = error;
    }
    assert.ok(caught instanceof ServerConfigError, String(caught));
    assert.match(
      caught.message,
      /site: \/openingHours: add the English text \("en"\): the site offers English/,
    );
    // A Vietnamese-only site needs no English.
    createServer({
      site: { ...demo(), languages: ['vi'], openingHours: { vi: 'Sáng thứ Hai đến thứ Sáu' } },
    });
  });

  it('reads the site named by MOTCUA_SITE, relative to the working folder', async () => {
    const config = await loadConfig({ cwd: REPO, env: { MOTCUA_SITE: 'sites/province.json' } });
    assert.equal(config.site, PROVINCE);
    const inline = await loadConfig({
      cwd: folder({ 'motcua.config.json': { site: { id: 'HK', colour: 'red' } } }),
      env: {},
    }).catch((error: Error) => error);
    assert.match(String(inline), /\/site\/colour: unknown key "colour"/);
  });
});

for (const backend of BACKENDS) {
  describe(`two sites from one build on ${backend.name}`, async () => {
    const skip = backend.name === 'PostgreSQL' ? await postgresSkip() : false;
    const databases: Database[] = [];
    const servers: FastifyInstance[] = [];
    let commune: FastifyInstance;
    let province: FastifyInstance;

    before(async () => {
      if (skip) return;
      const start = async (site: string) => {
        const db = await backend.open();
        databases.push(db);
        const server = await testServer(db, { site });
        servers.push(server);
        return server;
      };
      commune = await start(DEMO);
      province = await start(PROVINCE);
    });
    after(async () => {
      for (const server of servers) await server.close();
      for (const db of databases) await db.close();
    });

    const catalogue = async (server: FastifyInstance) =>
      (await server.inject({ url: '/api/procedures' })).json<Catalogue>();
    const ticket = (server: FastifyInstance, body: object) =>
      server.inject({ method: 'POST', url: '/api/tickets', payload: body });

    it('serves each site with its own name, place, hours and counters', { skip }, async () => {
      const a = (await catalogue(commune)).site;
      const b = (await catalogue(province)).site;
      assert.equal(a.id, 'DEMO');
      assert.equal(b.id, 'NB-HCC');
      assert.deepEqual(a.administrativeCode, { province: '01', commune: '00070' });
      assert.deepEqual(b.administrativeCode, { province: '37' });
      assert.deepEqual(
        a.counters.map((counter) => counter.id),
        ['1'],
      );
      assert.deepEqual(
        b.counters.map((counter) => [counter.id, counter.name.vi, counter.procedures]),
        [
          [
            '1',
            'Quầy 1 – Hộ tịch',
            [
              'birth-registration',
              'marriage-registration',
              'death-registration',
              'civil-status-extract',
            ],
          ],
          ['2', 'Quầy 2 – Cư trú', ['permanent-residence', 'temporary-residence']],
          ['3', 'Quầy 3 – Lý lịch tư pháp', ['criminal-record']],
          ['4', 'Quầy 4 – Chứng thực, hộ kinh doanh', ['certified-copy', 'household-business']],
        ],
      );
      assert.notDeepEqual(a.openingHours, b.openingHours);
      for (const site of [a, b]) {
        assert.deepEqual(site.languages, ['vi', 'en']);
        assert.equal(site.filesAtCounter, true);
        assert.match(site.openingHours?.en ?? '', /Monday/);
      }
    });

    it('sends a ticket for a procedure to the counter that takes it', { skip }, async () => {
      const expected: [FastifyInstance, string, string, string][] = [
        [commune, 'criminal-record', '1', 'Quầy 1'],
        [commune, 'permanent-residence', '1', 'Quầy 1'],
        [province, 'birth-registration', '1', 'Quầy 1 – Hộ tịch'],
        [province, 'permanent-residence', '2', 'Quầy 2 – Cư trú'],
        [province, 'criminal-record', '3', 'Quầy 3 – Lý lịch tư pháp'],
        [province, 'death-registration', '1', 'Quầy 1 – Hộ tịch'],
        [province, 'temporary-residence', '2', 'Quầy 2 – Cư trú'],
        [province, 'household-business', '4', 'Quầy 4 – Chứng thực, hộ kinh doanh'],
      ];
      for (const [server, procedure, counter, name] of expected) {
        const response = await ticket(server, { procedure });
        assert.equal(response.statusCode, 201, response.body);
        const taken = response.json();
        assert.equal(taken.counter, counter, procedure);
        assert.equal(taken.counterName.vi, name);
        assert.equal(taken.procedure, procedure);
      }
      // The province's counter 3 counts its own queue: a second ticket there is number 2.
      assert.equal((await ticket(province, { procedure: 'criminal-record' })).json().number, 2);
      // Counter 2 gave numbers 1 and 2 above (permanent, then temporary residence): next is 3.
      assert.equal((await ticket(province, { counter: '2' })).json().number, 3);
      const wrong = await ticket(province, { counter: '1', procedure: 'criminal-record' });
      assert.equal(wrong.json().type, 'tag:motcua,2026:problem/wrong-counter');
      const unknown = await ticket(province, { procedure: 'marriage' });
      assert.equal(unknown.json().type, 'tag:motcua,2026:problem/unknown-procedure');
    });

    it(
      'lists what each site does not take, and where to go, with search keys',
      { skip },
      async () => {
        const elsewhere = (await catalogue(commune)).site.elsewhere;
        const passport = elsewhere.find((entry) => entry.search.includes('ho chieu'));
        assert.ok(passport, 'hộ chiếu is found as "ho chieu"');
        assert.equal(passport.title.vi, 'Cấp hộ chiếu phổ thông');
        assert.match(passport.where.vi, /Phòng Quản lý xuất nhập cảnh/);
        assert.match(passport.where.en, /immigration office/);
        const land = (await catalogue(province)).site.elsewhere.find((entry) =>
          entry.search.includes('so do'),
        );
        assert.ok(land, 'sổ đỏ at the province');
      },
    );
  });
}

describe('site checks at start', () => {
  const refusesReady = async (options: ServerOptions, ...patterns: RegExp[]) => {
    const server = createServer({ cwd: REPO, procedures: PROCEDURES, ...options });
    let caught: unknown;
    try {
      await server.ready();
    } catch (error) {
      caught = error;
    }
    await server.close().catch(() => undefined);
    assert.ok(
      caught instanceof ServerConfigError,
      `expected a ServerConfigError: ${String(caught)}`,
    );
    for (const pattern of patterns) assert.match(caught.message, pattern);
  };

  it('checks the administrative code against the address data', async () => {
    const { openMemoryPglite } = await import('@motcua/server');
    const db = await openMemoryPglite();
    try {
      await refusesReady(
        {
          database: db,
          checks: ['@motcua/vn/server'],
          site: { ...demo(), administrativeCode: { province: '99' } },
        },
        /site: \/administrativeCode\/province: "99" is not a province in @motcua\/vn's address data/,
        /01 Hà Nội, 04 Cao Bằng/,
      );
      await refusesReady(
        {
          database: db,
          checks: ['@motcua/vn/server'],
          site: { ...demo(), administrativeCode: { province: '01', commune: '00071' } },
        },
        /\/administrativeCode\/commune: "00071" is not a commune of Hà Nội \(01\)/,
      );
      await refusesReady(
        {
          database: db,
          site: {
            ...demo(),
            counters: [{ id: '1', procedures: ['birth-registration', 'criminal-recrd'] }],
          },
        },
        /\/counters\/0\/procedures\/1: "criminal-recrd" is not a procedure of this site/,
        /no counter takes "permanent-residence"/,
      );
    } finally {
      await db.close();
    }
  });
});

describe('the catalogue for the finder and start page', async () => {
  const { openMemoryPglite } = await import('@motcua/server');
  let db: Database;
  let server: FastifyInstance;
  before(async () => {
    db = await openMemoryPglite();
    server = await testServer(db, { site: DEMO });
  });
  after(async () => {
    await server?.close();
    await db?.close();
  });

  it('gives each procedure its keywords, who may file it, whether it is online, and its declaration', async () => {
    const { procedures } = (await server.inject({ url: '/api/procedures' })).json<Catalogue>();
    for (const procedure of procedures) {
      assert.ok(procedure.keywords.length >= 5, procedure.id);
      for (const keyword of procedure.keywords) assert.ok(keyword.vi && keyword.en);
      assert.ok(procedure.audience?.vi && procedure.audience.en, procedure.id);
      assert.ok(['full', 'partial', 'counter'].includes(procedure.online ?? ''), procedure.id);
      // A certified copy has no declaration form; the forms of temporary residence (CT01) and
      // of a household business (Mẫu 01) are not written yet.
      const without = ['certified-copy', 'household-business', 'temporary-residence'];
      assert.equal(procedure.hasDeclaration, !without.includes(procedure.id), procedure.id);
    }
    const find = (words: string) =>
      procedures.filter((p) => p.search.some((key) => key.includes(words))).map((p) => p.id);
    assert.deepEqual(find('lam giay khai sinh'), ['birth-registration']);
    assert.deepEqual(find('dang ky cho con'), ['birth-registration']);
    assert.deepEqual(find('chuyen ho khau'), ['permanent-residence']);
    assert.deepEqual(find('ly lich'), ['criminal-record']);
  });

  it('serves the declaration to fill and print, and says when there is none', async () => {
    const response = await server.inject({ url: '/api/procedures/birth-registration/declaration' });
    assert.equal(response.statusCode, 200, response.body);
    const template = response.json();
    assert.equal(template.title.vi, 'TỜ KHAI ĐĂNG KÝ KHAI SINH');
    assert.equal(template.$schema, undefined);
    assert.equal(template.sections[1].rows[0].field, 'childName');
    assert.match(template.signature.vi, /Người yêu cầu/);
    const unknown = await server.inject({ url: '/api/procedures/marriage/declaration' });
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json().type, 'tag:motcua,2026:problem/unknown-procedure');

    const dir = folder();
    cpSync(
      join(REPO, 'examples/procedures/birth-registration.procedure.json'),
      join(dir, 'birth-registration.procedure.json'),
    );
    const bare = await testServer(db, { procedures: [{ dir, packs: ['@motcua/vn/pack'] }] });
    try {
      const none = await bare.inject({ url: '/api/procedures/birth-registration/declaration' });
      assert.equal(none.statusCode, 404);
      assert.equal(none.json().type, 'tag:motcua,2026:problem/no-declaration');
      assert.match(none.json().i18n.vi.detail, /Đăng ký khai sinh.*tại quầy/);
      const listed = (await bare.inject({ url: '/api/procedures' })).json<Catalogue>();
      assert.equal(listed.procedures[0]?.hasDeclaration, false);
    } finally {
      await bare.close();
    }
  });

  it('does not start with a declaration that names a field the procedure lacks', async () => {
    const dir = folder({
      'birth-registration.declaration.json': {
        title: 'Tờ khai',
        sections: [{ heading: 'Trẻ', rows: [{ label: 'Họ tên', field: 'childNam' }] }],
        signature: 'Người khai',
      },
    });
    cpSync(
      join(REPO, 'examples/procedures/birth-registration.procedure.json'),
      join(dir, 'birth-registration.procedure.json'),
    );
    const broken = createServer({
      database: db,
      // By its file URL: a package name resolves from `cwd`, a temporary folder with no packages.
      procedures: [{ dir, packs: [import.meta.resolve('@motcua/vn/pack')] }],
      cwd: dir,
    });
    let caught: unknown;
    try {
      await broken.ready();
    } catch (error) {
      caught = error;
    }
    await broken.close().catch(() => undefined);
    assert.ok(caught instanceof ProcedureLoadError, String(caught));
    assert.match(
      caught.message,
      /birth-registration\.declaration\.json: \/sections\/0\/rows\/0\/field: no field "childNam" in the procedure "birth-registration" \(did you mean "childName"\?\)/,
    );
  });
});
