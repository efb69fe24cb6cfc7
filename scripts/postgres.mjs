// A throwaway PostgreSQL for tests and the benchmark: Debian's PostgreSQL binaries, a cluster in a
// temporary folder on 127.0.0.1 and a free port, trust authentication, stopped and deleted by
// stop(). PostgreSQL refuses to run as root, so as root the cluster runs as the `postgres` user
// that Debian's package creates.
//
// `npm test` (scripts/test.mjs) starts one cluster for the whole run and gives its URL to the
// tests as MOTCUA_TEST_POSTGRES_URL; each test file makes its own database in it (see
// packages/server/test/helpers.ts). Run alone, a test file starts a cluster of its own.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** @returns {string | undefined} the folder of initdb and pg_ctl, newest version first */
export function findPostgres() {
  if (process.env.PG_BIN && existsSync(join(process.env.PG_BIN, 'pg_ctl')))
    return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((name) => /^\d+$/.test(name))
    .sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const bin = join(root, version, 'bin');
    if (existsSync(join(bin, 'pg_ctl')) && existsSync(join(bin, 'initdb'))) return bin;
  }
  return undefined;
}

/**
 * Finds PostgreSQL, installing Debian's package when missing and running as root (CI may run on
 * a fresh machine).
 * @returns {string | undefined}
 */
export function ensurePostgres() {
  const found = findPostgres();
  if (found) return found;
  if (process.getuid?.() !== 0) {
    console.error(
      'PostgreSQL is needed for the server tests and was not found. Install it with\n' +
        '  sudo apt-get update && sudo apt-get install -y postgresql\n' +
        'or set PG_BIN to the folder holding initdb and pg_ctl.',
    );
    return undefined;
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'postgresql']]) {
    console.log(`PostgreSQL not found; running apt-get ${args.join(' ')}`);
    const result = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (result.status !== 0) {
      console.error(`apt-get ${args.join(' ')} failed (${result.error ?? result.status}).`);
      return undefined;
    }
  }
  return findPostgres();
}

/** @returns {Promise<number>} a port free on 127.0.0.1 right now */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * Starts a new cluster. Throws when PostgreSQL is not installed (see ensurePostgres).
 *
 * @param {{ bin?: string, durable?: boolean }} [options] `durable`: fsync as in production (the
 *   benchmark); tests run without it, as their data is thrown away.
 * @returns {Promise<{ url: string, port: number, stop: () => void }>}
 */
export async function startPostgres(options = {}) {
  const bin = options.bin ?? findPostgres();
  if (!bin)
    throw new Error('PostgreSQL is not installed: apt-get install -y postgresql, or set PG_BIN.');
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'motcua-pg-'));
  // The cluster's owner must be able to enter the folder.
  chmodSync(dir, 0o777);
  const run = (command, args) => {
    const full = join(bin, command);
    return asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', full, ...args], { stdio: 'pipe' })
      : execFileSync(full, args, { stdio: 'pipe' });
  };
  const data = join(dir, 'data');
  const stop = () => {
    try {
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } catch {
      // Not running (it failed to start, or was stopped already).
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    run('initdb', [
      '-D',
      data,
      '-A',
      'trust',
      '-U',
      'postgres',
      '--no-sync',
      '-E',
      'UTF8',
      '--locale=C',
    ]);
    const fsync = options.durable ? '' : ' -c fsync=off';
    for (let attempt = 0; ; attempt++) {
      const port = await freePort();
      try {
        run('pg_ctl', [
          '-D',
          data,
          '-l',
          join(dir, 'log'),
          '-w',
          '-t',
          '60',
          '-o',
          `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200${fsync}`,
          'start',
        ]);
        return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, port, stop };
      } catch (error) {
        // The port may have been taken between the probe and the start: try another.
        if (attempt >= 3) throw error;
      }
    }
  } catch (error) {
    stop();
    const detail = /** @type {{ stderr?: Buffer }} */ (error).stderr?.toString() ?? '';
    throw new Error(
      `could not start PostgreSQL: ${/** @type {Error} */ (error).message}\n${detail}`,
      { cause: error },
    );
  }
}
