import { existsSync, readFileSync } from 'node:fs';
import { link, mkdir, readFile, rename, rm, writeFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import process from 'node:process';
import { PGlite } from '@electric-sql/pglite';
import { MotcuaError } from '@motcua/core';
import type { Database, Queryable, QueryResult, Row } from './database.js';

/** The folder in the data folder that holds PostgreSQL's files. */
const PGDATA = 'pgdata';
/** Our own lock: the pid of the one process that has the data folder open. */
const LOCK = 'motcua-server.pid';

/** Thrown when the data folder is in use by another running process, or cannot be used. */
export class DataFolderError extends MotcuaError {
  constructor(message: string) {
    super(message);
    this.name = 'DataFolderError';
  }
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * What tells a process apart from a later one given the same pid: the boot, and when the process
 * started (field 22 of /proc/<pid>/stat). After a power loss the pid in the lock often belongs to
 * another program at the next boot, and a new container numbers its processes from 1 again; the
 * pid alone would then refuse the folder for good. Undefined where Linux's /proc is not.
 */
function identity(pid: number): string | undefined {
  try {
    const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name, in parentheses, may hold spaces: count fields after its last ')'.
    const start = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    return start ? `${boot} ${start}` : undefined;
  } catch {
    return undefined;
  }
}

/** Who holds a lock file's content: this process, another live one, or no one any more. */
function holder(content: string): 'this' | 'other' | 'none' {
  const [first = '', recorded = ''] = content.split('\n');
  const pid = Number(first.trim());
  if (!alive(pid)) return 'none';
  const now = identity(pid);
  if (recorded.trim() && now && recorded.trim() !== now) return 'none';
  return pid === process.pid ? 'this' : 'other';
}

/** Makes `file` from `draft` unless it exists: whether it did. */
async function create(file: string, draft: string, content: string): Promise<boolean> {
  try {
    await link(draft, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
  }
  // A file system without hard links (FAT, some network and VM shares): create it exclusively.
  try {
    await writeFile(file, content, { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Takes the data folder for this process. PGlite is PostgreSQL in this process's memory: two
 * processes on one folder would corrupt it, so a second one is refused while the first lives.
 * A lock left by a process that died (SIGKILL, power loss) is taken over.
 * @returns whether a dead process's lock was found: the last stop was not clean.
 */
async function lock(dir: string): Promise<boolean> {
  const file = join(dir, LOCK);
  const mine = `${process.pid}\n${identity(process.pid) ?? ''}\n`;
  // Written whole, then linked into place: link() fails when the lock exists, so of two
  // processes starting at once only one takes it, and no one ever reads a half-written lock.
  const draft = join(dir, `${LOCK}.${process.pid}`);
  await writeFile(draft, mine);
  let stale = false;
  try {
    for (;;) {
      if (await create(file, draft, mine)) return stale;
      const content = await readFile(file, 'utf8').catch(() => undefined);
      // Removed meanwhile (its owner stopped): try again.
      if (content === undefined) continue;
      const owner = holder(content);
      if (owner === 'other') {
        throw new DataFolderError(
          `the data folder ${dir} is in use by another motcua-server (process ${Number(content.split('\n')[0])}); stop it, ` +
            'or give this one its own folder with MOTCUA_DATA_DIR. Several instances share a ' +
            'database only on PostgreSQL (DATABASE_URL).',
        );
      }
      if (owner === 'this') return stale;
      stale = true;
      await rm(file, { force: true });
    }
  } finally {
    await rm(draft, { force: true });
  }
}

async function unlock(dir: string): Promise<void> {
  const file = join(dir, LOCK);
  try {
    if (holder(await readFile(file, 'utf8')) === 'this') await rm(file);
  } catch {
    // Already gone: nothing to release.
  }
}

/**
 * Makes a new PostgreSQL data folder in a scratch folder and renames it into place when whole:
 * a process killed during the first start (initdb takes seconds) leaves only scratch, removed at
 * the next start, never a half-made database that would stop every later start.
 */
async function initialise(dir: string): Promise<void> {
  for (const entry of await readdir(dir)) {
    if (entry.startsWith(`${PGDATA}.new-`)) await rm(join(dir, entry), { recursive: true });
  }
  const scratch = join(dir, `${PGDATA}.new-${process.pid}`);
  const db = new PGlite(scratch);
  await db.waitReady;
  await db.close();
  await rename(scratch, join(dir, PGDATA));
}

/**
 * Opens (and on first use creates) the embedded database in `dir`.
 *
 * After an unclean stop PGlite leaves its `postmaster.pid` behind, which has been seen to stop
 * the next start ("Aborted()"); PostgreSQL's own crash recovery (WAL replay) does the rest. So
 * when our lock shows the last owner died, the stale pid file is removed before opening.
 */
export async function openPglite(dir: string): Promise<Database & { recovered: boolean }> {
  await mkdir(dir, { recursive: true });
  const recovered = await lock(dir);
  try {
    const pgdata = join(dir, PGDATA);
    if (!existsSync(join(pgdata, 'PG_VERSION'))) await initialise(dir);
    if (recovered || existsSync(join(pgdata, 'postmaster.pid'))) {
      await rm(join(pgdata, 'postmaster.pid'), { force: true });
    }
    const db = new PGlite(pgdata);
    await db.waitReady;
    return wrap(db, dir, recovered);
  } catch (error) {
    await unlock(dir);
    if (error instanceof DataFolderError) throw error;
    throw new DataFolderError(
      `could not open the embedded database in ${dir}: ${(error as Error).message}`,
    );
  }
}

/** An in-memory PGlite, for tests and throwaway runs: gone when closed. */
export async function openMemoryPglite(): Promise<Database> {
  const db = new PGlite();
  await db.waitReady;
  return wrap(db, undefined, false);
}

function wrap(db: PGlite, dir: string | undefined, recovered: boolean) {
  const run = async <R extends Row>(
    on: Pick<PGlite, 'query'>,
    sql: string,
    params: readonly unknown[] = [],
  ): Promise<QueryResult<R>> => {
    const result = await on.query<R>(sql, params as unknown[]);
    return { rows: result.rows, rowCount: result.affectedRows ?? 0 };
  };
  let closed = false;
  return {
    kind: 'pglite' as const,
    recovered,
    query: <R extends Row>(sql: string, params?: readonly unknown[]) => run<R>(db, sql, params),
    exec: async (sql: string) => void (await db.exec(sql)),
    transaction: <T>(work: (tx: Queryable) => Promise<T>) =>
      db.transaction((tx) =>
        work({
          query: <R extends Row>(sql: string, params?: readonly unknown[]) =>
            run<R>(tx, sql, params),
          exec: async (sql: string) => void (await tx.exec(sql)),
        }),
      ),
    async listen(channel: string, onNotify: (payload: string) => void) {
      const stop = await db.listen(channel, onNotify);
      return async () => {
        if (!closed) await stop();
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      await db.close();
      if (dir) await unlock(dir);
    },
  };
}
