import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Database, ServerOptions } from '@motcua/server';
import {
  ConfigError,
  ProcedureLoadError,
  ServerConfigError,
  USAGE,
  createServer,
  loadConfig,
  serve,
} from '@motcua/server';
import { BACKENDS, REPO, freshPostgresDatabase, postgresSkip } from './helpers.js';

const RUNTIME = join(REPO, 'packages/elements/dist/browser/motcua.js');

/** A scratch folder with these files (objects are written as JSON). */
function folder(files: Record<string, unknown> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-config-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(
      join(dir, name),
      typeof content === 'string' ? content : JSON.stringify(content, null, 2),
    );
  }
  return dir;
}

/** What a command writes, to read back. */
function io(cwd: string, env: Record<string, string | undefined> = {}) {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: {
      cwd,
      env,
      stdout: { write: (text: string) => (out.stdout += text) },
      stderr: { write: (text: string) => (out.stderr += text) },
    },
  };
}

/** Rejects (or throws) with a ConfigError whose message matches every pattern. */
async function refuses(load: () => Promise<unknown>, ...patterns: RegExp[]): Promise<ConfigError> {
  let caught: unknown;
  try {
    await load();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof ConfigError, `expected a ConfigError, got ${String(caught)}`);
  assert.equal(caught.name, 'ConfigError');
  for (const pattern of patterns) assert.match(caught.message, pattern);
  return caught;
}

// loadConfig and the command's flags read files and the environment only: no database is
// opened, so they run once. What opens a database (createServer, serve) runs on both below.
describe('loadConfig', () => {
  const made: string[] = [];
  const scratch = (files?: Record<string, unknown>) => {
    const dir = folder(files);
    made.push(dir);
    return dir;
  };
  after(() => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });

  it('reads motcua.config.json in the working folder, paths relative to it', async () => {
    const cwd = scratch({
      'motcua.config.json': {
        port: 9001,
        host: '0.0.0.0',
        dataDir: 'data',
        site: { id: 'HK', counters: [{ id: '1' }, { id: 'A' }] },
        procedures: [{ dir: 'procedures', packs: ['@motcua/vn/pack'] }],
        checks: ['@motcua/vn/server'],
        pages: [{ path: '/', dir: 'kiosk' }],
        assets: [
          { path: 'vn-address.js', file: 'vn/address.js' },
          { path: 'vn-data/', dir: '/srv/vn-data' },
        ],
        limits: { draftDays: 30 },
        logLevel: 'warn',
      },
    });
    const config = await loadConfig({ cwd, env: {} });
    assert.equal(config.file, join(cwd, 'motcua.config.json'));
    assert.equal(config.cwd, cwd);
    assert.equal(config.port, 9001);
    assert.equal(config.host, '0.0.0.0');
    assert.equal(config.logLevel, 'warn');
    assert.equal(config.dataDir, join(cwd, 'data'));
    assert.deepEqual(config.site, { id: 'HK', counters: [{ id: '1' }, { id: 'A' }] });
    assert.deepEqual(config.procedures, [
      { dir: join(cwd, 'procedures'), packs: ['@motcua/vn/pack'] },
    ]);
    assert.deepEqual(config.checks, ['@motcua/vn/server']);
    assert.deepEqual(config.pages, [{ path: '/', dir: join(cwd, 'kiosk') }]);
    assert.deepEqual(config.assets, [
      { path: 'vn-address.js', file: join(cwd, 'vn/address.js') },
      { path: 'vn-data/', dir: '/srv/vn-data' },
    ]);
    assert.deepEqual(config.limits, { draftDays: 30 });
    assert.equal(config.databaseUrl, undefined);
  });

  it('starts from defaults when there is no configuration file', async () => {
    const cwd = scratch();
    const config = await loadConfig({ cwd, env: {} });
    assert.equal(config.file, undefined);
    assert.equal(config.port, 8000);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.logLevel, 'info');
    assert.equal(config.dataDir, join(cwd, '.motcua-data'));
    assert.deepEqual(config.procedures, []);
  });

  it('reads the file MOTCUA_CONFIG or the file option names, paths relative to that file', async () => {
    const cwd = scratch({
      'motcua.config.json': { port: 1111 },
      'sites/hk/site.json': { port: 2222, dataDir: 'data', procedures: [{ dir: 'procedures' }] },
      'sites/xa/site.json': { port: 3333 },
    });
    const named = await loadConfig({ cwd, env: { MOTCUA_CONFIG: 'sites/hk/site.json' } });
    assert.equal(named.file, join(cwd, 'sites/hk/site.json'));
    assert.equal(named.port, 2222);
    assert.equal(named.cwd, join(cwd, 'sites/hk'));
    assert.equal(named.dataDir, join(cwd, 'sites/hk/data'));
    assert.deepEqual(named.procedures, [{ dir: join(cwd, 'sites/hk/procedures') }]);
    // The option (--config) wins over the environment.
    const option = await loadConfig({
      cwd,
      env: { MOTCUA_CONFIG: 'sites/hk/site.json' },
      file: 'sites/xa/site.json',
    });
    assert.equal(option.port, 3333);
  });

  it('lets the environment win over the file', async () => {
    const cwd = scratch({
      'conf/motcua.json': {
        port: 9001,
        host: '127.0.0.1',
        dataDir: 'data',
        logLevel: 'warn',
        staffToken: 'token-from-the-file-0000',
        trustProxy: false,
        site: { id: 'HK', name: { vi: 'UBND phường Hoàn Kiếm', en: 'Hoan Kiem Ward' } },
      },
    });
    const env = {
      MOTCUA_CONFIG: 'conf/motcua.json',
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://motcua@db.internal:5432/motcua',
      MOTCUA_DATA_DIR: 'var/motcua',
      MOTCUA_SITE_ID: 'XA-00331',
      MOTCUA_STAFF_TOKEN: 'token-from-the-environment',
      MOTCUA_TRUST_PROXY: 'true',
      MOTCUA_LOG_LEVEL: 'debug',
    };
    const config = await loadConfig({ cwd, env });
    assert.equal(config.port, 8080);
    assert.equal(config.host, '0.0.0.0');
    assert.equal(config.databaseUrl, 'postgres://motcua@db.internal:5432/motcua');
    // Paths in the environment are relative to the working folder, not the file's.
    assert.equal(config.dataDir, join(cwd, 'var/motcua'));
    assert.deepEqual(config.site, {
      id: 'XA-00331',
      name: { vi: 'UBND phường Hoàn Kiếm', en: 'Hoan Kiem Ward' },
    });
    assert.equal(config.staffToken, 'token-from-the-environment');
    assert.equal(config.trustProxy, true);
    assert.equal(config.logLevel, 'debug');

    const proxies = await loadConfig({ cwd, env: { ...env, MOTCUA_TRUST_PROXY: '10.0.0.0/8' } });
    assert.equal(proxies.trustProxy, '10.0.0.0/8');
    assert.equal(
      (await loadConfig({ cwd, env: { ...env, MOTCUA_TRUST_PROXY: 'false' } })).trustProxy,
      false,
    );
    assert.equal((await loadConfig({ cwd, env: { ...env, PORT: '0' } })).port, 0);
  });

  it(
    'reads the repository’s own motcua.config.json',
    {
      // Its runtime is a build output, checked to exist; `npm test` builds before the Node tests.
      skip: existsSync(RUNTIME) ? false : `${RUNTIME} is missing: run npm run build`,
    },
    async () => {
      const config = await loadConfig({ cwd: REPO, env: {} });
      assert.equal(config.file, join(REPO, 'motcua.config.json'));
      assert.equal(config.runtime, RUNTIME);
      assert.equal(config.procedures?.length, 2);
    },
  );

  it('says where a file is not JSON', async () => {
    const cwd = scratch({ 'motcua.config.json': '{ "port": 8000, }' });
    await refuses(
      () => loadConfig({ cwd, env: {} }),
      new RegExp(`${join(cwd, 'motcua.config.json').replaceAll('/', '\\/')} is not JSON`),
    );
  });

  it('names an unknown key and a value of the wrong type', async () => {
    const cwd = scratch({
      'motcua.config.json': {
        port: '8000',
        colour: 'red',
        site: { id: 'HK', counters: [{ id: '1', window: 3 }] },
      },
    });
    const error = await refuses(
      () => loadConfig({ cwd, env: {} }),
      /has 3 problem\(s\)/,
      / {2}\/colour: must NOT have additional properties/,
      /\/port: must be integer/,
      /\/site\/counters\/0\/window: unknown key "window"; use one of: id, name, procedures/,
    );
    assert.ok(error.message.includes(join(cwd, 'motcua.config.json')));
  });

  it('refuses PORT=abc, a port over 65535, and a log level pino does not know', async () => {
    const cwd = scratch();
    await refuses(
      () => loadConfig({ cwd, env: { PORT: 'abc' } }),
      /PORT=abc is not a port/,
      /PORT=8000/,
    );
    await refuses(() => loadConfig({ cwd, env: { PORT: '70000' } }), /PORT=70000 is not a port/);
    await refuses(
      () => loadConfig({ cwd, env: { MOTCUA_LOG_LEVEL: 'verbose' } }),
      /MOTCUA_LOG_LEVEL=verbose is not a log level; use one of fatal, error, warn, info, debug, trace, silent/,
    );
  });

  it('refuses a MOTCUA_STAFF_TOKEN shorter than the file’s 16 characters', async () => {
    await refuses(
      () => loadConfig({ cwd: scratch(), env: { MOTCUA_STAFF_TOKEN: 'secret' } }),
      /MOTCUA_STAFF_TOKEN is 6 characters; give at least 16/,
    );
    const cwd = scratch({ 'motcua.config.json': { staffToken: 'secret' } });
    await refuses(() => loadConfig({ cwd, env: {} }), /\/staffToken: must NOT have fewer than 16/);
  });

  it('refuses a DATABASE_URL that is not PostgreSQL', async () => {
    await refuses(
      () => loadConfig({ cwd: scratch(), env: { DATABASE_URL: 'mysql://motcua@db/motcua' } }),
      /DATABASE_URL must be a PostgreSQL URL, such as postgres:\/\//,
    );
  });

  it('refuses a runtime file that is missing, saying how to build it', async () => {
    const cwd = scratch({ 'motcua.config.json': { runtime: 'build/motcua.js' } });
    await refuses(
      () => loadConfig({ cwd, env: {} }),
      new RegExp(`the runtime ${join(cwd, 'build/motcua.js').replaceAll('/', '\\/')} is missing`),
      /npm run build/,
    );
  });

  it('refuses a configuration file that MOTCUA_CONFIG names but is not there', async () => {
    await refuses(
      () => loadConfig({ cwd: scratch(), env: { MOTCUA_CONFIG: 'nowhere.json' } }),
      /nowhere\.json cannot be read \(ENOENT\); check MOTCUA_CONFIG or --config/,
    );
  });
});

describe('motcua-server’s flags', () => {
  it('prints the usage for --help and -h, and exits 0', async () => {
    for (const flag of ['--help', '-h']) {
      const { out, io: streams } = io(REPO);
      assert.deepEqual(await serve([flag], streams), { exitCode: 0 });
      assert.equal(out.stdout, `${USAGE}\n`);
      assert.match(out.stdout, /^usage: motcua-server/);
      assert.equal(out.stderr, '');
    }
  });

  it('exits 2 on an unknown flag, naming it, with the usage', async () => {
    const { out, io: streams } = io(REPO);
    assert.deepEqual(await serve(['--prot', '8000'], streams), { exitCode: 2 });
    assert.match(out.stderr, /--prot/);
    assert.ok(out.stderr.includes(USAGE));
    assert.equal(out.stdout, '');
  });

  it('exits 1 with the configuration problem on one line, no stack', async () => {
    const { out, io: streams } = io(REPO, { PORT: 'abc' });
    assert.deepEqual(await serve([], streams), { exitCode: 1 });
    assert.equal(out.stderr.split('\n').filter(Boolean).length, 1);
    assert.match(out.stderr, /^motcua-server: PORT=abc is not a port/);
  });
});

for (const backend of BACKENDS) {
  describe(`createServer and motcua-server on ${backend.name}`, async () => {
    const skip = backend.name === 'PostgreSQL' ? await postgresSkip() : false;
    let db: Database;
    const made: string[] = [];

    before(async () => {
      if (skip) return;
      db = await backend.open();
    });
    after(async () => {
      await db?.close();
      for (const dir of made) rmSync(dir, { recursive: true, force: true });
    });

    const refusesSite = (site: ServerOptions['site'], ...patterns: RegExp[]) => {
      let caught: unknown;
      try {
        createServer({ database: db, site });
      } catch (error) {
        caught = error;
      }
      assert.ok(
        caught instanceof ServerConfigError,
        `expected a ServerConfigError: ${String(caught)}`,
      );
      assert.equal(caught.name, 'ServerConfigError');
      for (const pattern of patterns) assert.match(caught.message, pattern);
    };

    it('refuses a site id that cannot be part of a dossier code', { skip }, () => {
      refusesSite({ id: 'hk' }, /site\.id "hk"/, /capital letters/);
      refusesSite({ id: 'HK/2' }, /site\.id "HK\/2"/);
      refusesSite({ id: '' }, /site\.id ""/);
    });

    it('refuses a time zone that is not one', { skip }, () => {
      refusesSite(
        { id: 'HK', timeZone: 'Asia/Hanoi City' },
        /site\.timeZone "Asia\/Hanoi City" is not a time zone/,
        /Asia\/Ho_Chi_Minh/,
      );
    });

    it(
      'does not get ready with a broken definition: ProcedureLoadError names the file and the pointer',
      { skip },
      async () => {
        const definition = JSON.parse(
          readFileSync(join(REPO, 'examples/procedures/birth-registration.procedure.json'), 'utf8'),
        ) as { id: string; steps: { fields: { type: string }[] }[] };
        definition.steps[0]!.fields[0]!.type = 'dat';
        const dir = folder({
          'procedures/broken.procedure.json': definition,
          'procedures/notes.txt': 'not a definition',
        });
        made.push(dir);
        const server = createServer({
          database: db,
          cwd: dir,
          procedures: [{ dir: 'procedures' }],
        });
        let caught: unknown;
        try {
          await server.ready();
        } catch (error) {
          caught = error;
        }
        await server.close().catch(() => undefined);
        assert.ok(
          caught instanceof ProcedureLoadError,
          `expected a ProcedureLoadError: ${String(caught)}`,
        );
        assert.equal(caught.name, 'ProcedureLoadError');
        assert.match(
          caught.message,
          /procedures\/broken\.procedure\.json: \/steps\/0\/fields\/0\/type: unknown field type "dat" \(did you mean "date"\?\)/,
        );
      },
    );

    it(
      'starts from a configuration file and the environment, and answers /api/health',
      { skip },
      async () => {
        const cwd = folder({
          'motcua.config.json': {
            site: { id: 'HK' },
            procedures: [
              {
                dir: join(REPO, 'examples/procedures'),
                // Found from the repository: the temporary folder has no node_modules.
                packs: [fileURLToPath(import.meta.resolve('@motcua/vn/pack'))],
              },
            ],
            runtime: 'motcua.js',
          },
          'motcua.js': 'export {};',
        });
        made.push(cwd);
        const env: Record<string, string> = {
          PORT: '0',
          HOST: '127.0.0.1',
          MOTCUA_LOG_LEVEL: 'silent',
          ...(backend.name === 'PostgreSQL'
            ? { DATABASE_URL: await freshPostgresDatabase() }
            : { MOTCUA_DATA_DIR: 'data' }),
        };
        const { out, io: streams } = io(cwd, env);
        const started = await serve([], streams);
        assert.ok('server' in started, out.stderr);
        try {
          assert.match(started.origin, /^http:\/\/127\.0\.0\.1:\d+$/);
          const health = await fetch(`${started.origin}/api/health`);
          assert.equal(health.status, 200);
          assert.deepEqual(await health.json(), {
            status: 'ok',
            database: backend.name === 'PostgreSQL' ? 'postgres' : 'pglite',
          });
          const catalogue = (await (await fetch(`${started.origin}/api/procedures`)).json()) as {
            site: { id: string };
            procedures: { id: string }[];
          };
          assert.equal(catalogue.site.id, 'HK');
          assert.deepEqual(
            catalogue.procedures.map((procedure) => procedure.id),
            ['birth-registration'],
          );
        } finally {
          await started.server.close();
        }
      },
    );
  });
}
