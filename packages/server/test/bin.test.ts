// The installed `motcua-server` command, run as a user runs it: `node
// packages/server/bin/motcua-server.js` from the repository root, reading motcua.config.json and
// running the BUILT package (bin → ../dist/index.js), not the sources the other tests import.
// `npm test` builds before the Node tests; alone, run `npm run build` first.
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';

const REPO = join(import.meta.dirname, '..', '..', '..');
const BIN = join('packages', 'server', 'bin', 'motcua-server.js');
const DIST = join(REPO, 'packages', 'server', 'dist', 'index.js');

/** A port nothing listens on now: the command prints no address, so the test chooses it. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  const address = probe.address();
  await new Promise((done) => probe.close(done));
  if (!address || typeof address === 'string') throw new Error('no port from the probe');
  return address.port;
}

describe('the motcua-server command (packages/server/bin)', () => {
  let child: ChildProcess;
  let exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  let output = '';
  let dataDir: string;
  let origin: string;

  before(async () => {
    if (!existsSync(DIST)) {
      throw new Error(
        `${DIST} is missing: the command runs the built package; run \`npm run build\` first`,
      );
    }
    dataDir = mkdtempSync(join(tmpdir(), 'motcua-bin-'));
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, [BIN, '--port', String(port)], {
      cwd: REPO,
      // Only what a user's shell would set: no NODE_OPTIONS from the test runner (which would
      // load the sources), no PORT or DATABASE_URL from the developer's environment.
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        MOTCUA_DATA_DIR: dataDir,
        MOTCUA_LOG_LEVEL: 'silent',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    exited = new Promise((done) => child.on('exit', (code, signal) => done({ code, signal })));

    // The first start on a new data folder runs PGlite's initdb (about 5 s, more on a busy
    // machine): wait for the health check, or for the command to give up.
    const deadline = Date.now() + 90_000;
    let stopped: { code: number | null } | undefined;
    void exited.then((result) => (stopped = result));
    for (;;) {
      if (stopped) {
        throw new Error(`motcua-server exited with ${stopped.code} before serving:\n${output}`);
      }
      const health = await fetch(`${origin}/api/health`).catch(() => undefined);
      if (health?.ok) break;
      if (Date.now() > deadline) {
        throw new Error(`motcua-server did not answer /api/health in 90 s:\n${output}`);
      }
      await delay(200);
    }
  });

  after(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers the health check on embedded PGlite', async () => {
    const response = await fetch(`${origin}/api/health`);
    assert.deepEqual(await response.json(), { status: 'ok', database: 'pglite' });
  });

  it('serves the kiosk page at /', async () => {
    const response = await fetch(`${origin}/`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
    const body = await response.text();
    assert.match(body, /<title>Ki-ốt dịch vụ công/);
    assert.match(body, /<script type="module" src=".\/app.js"><\/script>/);
  });

  it("lists the procedures of motcua.config.json's two folders", async () => {
    const response = await fetch(`${origin}/api/procedures`);
    assert.equal(response.status, 200);
    const { procedures } = (await response.json()) as { procedures: { id: string }[] };
    const inFolders = ['examples/procedures', 'packages/vn/procedures'].flatMap((dir) =>
      readdirSync(join(REPO, dir))
        .filter((name) => name.endsWith('.procedure.json'))
        .map((name) => name.replace('.procedure.json', '')),
    );
    assert.ok(inFolders.length >= 9, inFolders.join());
    assert.deepEqual(
      procedures.map((procedure) => procedure.id).sort(),
      [...new Set(inFolders)].sort(),
    );
  });

  it('closes cleanly on SIGTERM: exit code 0', async () => {
    child.kill('SIGTERM');
    const { code, signal } = await exited;
    assert.equal(signal, null, output);
    assert.equal(code, 0, output);
    assert.equal(output, '', 'MOTCUA_LOG_LEVEL=silent: nothing on stdout or stderr');
  });
});
