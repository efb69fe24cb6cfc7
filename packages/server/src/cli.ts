import { parseArgs } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { MotcuaError } from '@motcua/core';
import { loadConfig } from './config.js';
import { createServer } from './server.js';

export const USAGE = `usage: motcua-server [--config motcua.config.json] [--port 8000] [--host 127.0.0.1]

Serves the pages, procedures and API of one site. Reads motcua.config.json in the current folder
(or the file given by --config or MOTCUA_CONFIG), then the environment: PORT, HOST, DATABASE_URL
(a PostgreSQL server; without it, embedded PGlite in MOTCUA_DATA_DIR, .motcua-data by default),
MOTCUA_SITE (a site file, such as sites/province.json), MOTCUA_SITE_ID, MOTCUA_STAFF_TOKEN, MOTCUA_TRUST_PROXY, MOTCUA_LOG_LEVEL. See docs/server.md.`;

/** Where the command writes. */
export interface ServeIo {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/**
 * `motcua-server`: reads the configuration, opens the database, and listens. Resolves with the
 * running server (its address in `origin`), or with an exit code when it could not start.
 *
 * @example
 * const started = await serve(process.argv.slice(2), { cwd, env: process.env, stdout, stderr });
 */
export async function serve(
  argv: readonly string[],
  io: ServeIo,
): Promise<{ server: FastifyInstance; origin: string } | { exitCode: number }> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        config: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    io.stderr.write(`motcua-server: ${(error as Error).message}\n${USAGE}\n`);
    return { exitCode: 2 };
  }
  if (values.help) {
    io.stdout.write(`${USAGE}\n`);
    return { exitCode: 0 };
  }
  let server: FastifyInstance | undefined;
  try {
    const config = await loadConfig({
      cwd: io.cwd,
      env: {
        ...io.env,
        ...(values.port !== undefined && { PORT: values.port }),
        ...(values.host !== undefined && { HOST: values.host }),
      },
      ...(values.config !== undefined && { file: values.config }),
    });
    server = createServer({
      ...config,
      logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    });
    const origin = await server.listen({ port: config.port, host: config.host });
    return { server, origin: origin.replace('://[::1]', '://localhost') };
  } catch (error) {
    // Opened before listen failed (the port is taken, a migration failed): closed, so PGlite's
    // lock is released and the next start does not take this for a crash.
    await server?.close().catch(() => undefined);
    if (error instanceof MotcuaError) {
      io.stderr.write(`motcua-server: ${error.message}\n`);
      return { exitCode: 1 };
    }
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      io.stderr.write(
        `motcua-server: the port is in use; choose another with PORT=8080 or --port 8080\n`,
      );
      return { exitCode: 1 };
    }
    throw error;
  }
}

/**
 * Closes the server on SIGTERM and SIGINT: requests in flight finish, the database is closed
 * cleanly (PGlite writes its files), then the process exits. A second signal exits at once.
 */
export function closeOnSignals(server: FastifyInstance, exit: (code: number) => void): void {
  let closing = false;
  // Node counts a connection that has sent no request yet as busy (against slow-loris), so
  // server.close() waits for as long as the client keeps it open: 70 s with Node's own fetch,
  // for ever with a silent socket (fastify sets no request timeout). A browser's pre-connected
  // socket would hold the stop past `docker stop`'s 10 s, whose SIGKILL leaves the database
  // unclosed. So while closing, whenever no request is being answered, every connection is
  // closed; a request being answered finishes first.
  let answering = 0;
  const raw = server.server;
  const closeUnlessAnswering = () => {
    if (closing && answering === 0) raw.closeAllConnections();
  };
  raw.on('request', (_request, response) => {
    answering++;
    response.once('close', () => {
      answering--;
      closeUnlessAnswering();
    });
  });
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) {
      exit(1);
      return;
    }
    closing = true;
    server.log.info({ signal }, 'closing');
    // Connections opened between two sweeps, until the server stops listening.
    setInterval(closeUnlessAnswering, 100).unref();
    server.close().then(
      () => exit(0),
      (error: unknown) => {
        server.log.error({ err: error }, 'could not close cleanly');
        exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
