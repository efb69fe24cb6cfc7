// The server as a real process (test/fixtures/serve.ts, the `motcua-server` command on the
// sources), for the tests that kill it, restart it, or run two of it: what `createServer` in the
// test's own process cannot show.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { REPO } from './helpers.js';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'serve.ts');

/** What the server logs when the last stop was not clean: a dead process's lock was in the folder. */
export const RECOVERY_MESSAGE = 'was not closed cleanly last time';

/** One `motcua-server` process. */
export interface ServerProcess {
  readonly pid: number;
  /**
   * Resolves with the origin once it listens; rejects, with its output, if it exits first or
   * does not listen within 60 s.
   */
  readonly ready: Promise<string>;
  /** Resolves when it has exited: its exit code, or the signal that ended it. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Whether it has exited. */
  readonly done: boolean;
  /** How long it took from its spawn to listening, in ms, once it listens. */
  readonly startedIn: number | undefined;
  /** Everything it wrote so far, stdout then stderr. */
  output(): string;
  kill(signal: NodeJS.Signals): void;
}

const running = new Set<ServerProcess>();
// A test that fails half way must not leave servers behind holding a port or a data folder.
process.once('exit', () => {
  for (const server of running) server.kill('SIGKILL');
});

/**
 * Starts the server from the repository root, with `env` over a clean environment (the caller's
 * own MOTCUA_*, PORT, HOST and DATABASE_URL are left out) and its logs at `warn`.
 */
export function startServerProcess(env: Record<string, string>): ServerProcess {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) =>
        !name.startsWith('MOTCUA_') &&
        !['PORT', 'HOST', 'DATABASE_URL', 'NODE_TEST_CONTEXT'].includes(name),
    ),
  );
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=source', FIXTURE], {
    cwd: REPO,
    env: { ...inherited, PORT: '0', MOTCUA_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const output = () => `${stdout}${stderr ? `\n--- stderr ---\n${stderr}` : ''}`;
  let done = false;
  const spawnedAt = Date.now();
  let startedIn: number | undefined;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      done = true;
      running.delete(server);
      resolve({ code, signal });
    });
  });
  const ready = new Promise<string>((resolve, reject) => {
    const onData = () => {
      const origin = /^listening (\S+)$/m.exec(stdout)?.[1];
      if (origin) {
        startedIn = Date.now() - spawnedAt;
        child.stdout.off('data', onData);
        resolve(origin);
      }
    };
    child.stdout.on('data', onData);
    void exited.then(({ code, signal }) =>
      reject(new Error(`the server exited (${signal ?? code}) before listening:\n${output()}`)),
    );
    // A start that hangs fails with what the server said, not with the test's own timeout.
    setTimeout(
      () => reject(new Error(`the server did not listen within 60 s:\n${output()}`)),
      60_000,
    ).unref();
  });
  // Not every test waits for `ready` (a start that must fail, a kill during the start).
  ready.catch(() => undefined);
  const server: ServerProcess = {
    pid: child.pid ?? -1,
    ready,
    exited,
    get done() {
      return done;
    },
    get startedIn() {
      return startedIn;
    },
    output,
    kill: (signal) => {
      if (!done) child.kill(signal);
    },
  };
  running.add(server);
  return server;
}

/** Ends `server` with `signal` and waits until it has exited. */
export async function stopServerProcess(server: ServerProcess, signal: NodeJS.Signals) {
  server.kill(signal);
  return server.exited;
}

/** Whether `error` is what fetch throws when the server is gone or went away mid-answer. */
const isNetworkError = (error: unknown): boolean =>
  error instanceof TypeError || ['TimeoutError', 'AbortError'].includes((error as Error).name);

/** Failed attempts of {@link postUntilAnswered}, by kind. */
export interface FailedAttempts {
  networkErrors: number;
  serverErrors: number;
}

/**
 * POSTs JSON until an answer that is not a 5xx, retrying network errors and 5xx (a server being
 * killed, restarting, or closing) with the same body and headers, as a kiosk does.
 * `origin` is called before every attempt: a server that moved is followed, and the caller knows
 * when the attempt that was answered was sent. `timeout` gives each attempt's time limit: a short
 * one loses the answer to a request the server may well have carried out.
 */
export async function postUntilAnswered(
  origin: () => string,
  path: string,
  body: unknown,
  options: {
    headers?: Record<string, string>;
    failed?: FailedAttempts;
    timeout?: () => number;
  } = {},
): Promise<{ status: number; headers: Headers; text: string }> {
  const failed = options.failed ?? { networkErrors: 0, serverErrors: 0 };
  // Long enough for a restart on a busy machine; a server that never answers fails the test.
  const deadline = Date.now() + 90_000;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${origin()}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...options.headers },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeout?.() ?? 15_000),
      });
      const text = await response.text();
      if (response.status < 500)
        return { status: response.status, headers: response.headers, text };
      failed.serverErrors++;
      last = `${response.status} ${text}`;
    } catch (error) {
      if (!isNetworkError(error)) throw error;
      failed.networkErrors++;
      last = String((error as Error).cause ?? error);
    }
    await sleep(50);
  }
  throw new Error(`POST ${path} was not answered within 90 s; the last attempt: ${last}`);
}
