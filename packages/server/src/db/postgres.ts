import pg from 'pg';
import type { Database, Queryable, QueryResult, Row } from './database.js';

/** Options of {@link openPostgres}. */
export interface PostgresOptions {
  /** Connections per instance; PostgreSQL's own limit is shared by every instance. */
  max?: number;
}

const toResult = <R extends Row>(result: pg.QueryResult): QueryResult<R> => ({
  rows: result.rows as R[],
  rowCount: result.rowCount ?? 0,
});

/**
 * A real PostgreSQL, through a `pg` pool: what a province runs, shared by every instance.
 *
 * @example
 * const db = await openPostgres('postgres://motcua@db.internal/motcua');
 */
export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  // An idle connection that breaks (the server restarts) is dropped by the pool; without a
  // listener its error would end the process.
  pool.on('error', () => undefined);
  // Fail at start, not at the first request, when the database cannot be reached.
  const client = await pool.connect();
  client.release();
  /** LISTEN needs a connection of its own that stays open. */
  let listener: pg.Client | undefined;
  const channels = new Map<string, Set<(payload: string) => void>>();

  async function connectListener(): Promise<pg.Client> {
    const connection = new pg.Client({ connectionString: url });
    connection.on('notification', (message) => {
      for (const handler of channels.get(message.channel) ?? []) handler(message.payload ?? '');
    });
    connection.on('error', () => {
      // The connection broke: reconnect and listen again, once the pool is still open.
      if (listener === connection) listener = undefined;
      if (!closed && channels.size > 0) {
        setTimeout(() => void ensureListener().catch(() => undefined), 1000).unref();
      }
    });
    await connection.connect();
    for (const channel of channels.keys())
      await connection.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    return connection;
  }
  let connecting: Promise<pg.Client> | undefined;
  async function ensureListener(): Promise<pg.Client> {
    if (listener) return listener;
    connecting ??= connectListener().then(
      (connection) => {
        listener = connection;
        connecting = undefined;
        return connection;
      },
      (error) => {
        connecting = undefined;
        throw error;
      },
    );
    return connecting;
  }

  let closed = false;
  return {
    kind: 'postgres',
    query: async <R extends Row>(sql: string, params: readonly unknown[] = []) =>
      toResult<R>(await pool.query(sql, params as unknown[])),
    exec: async (sql: string) => void (await pool.query(sql)),
    async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
      const connection = await pool.connect();
      try {
        await connection.query('BEGIN');
        const result = await work({
          query: async <R extends Row>(sql: string, params: readonly unknown[] = []) =>
            toResult<R>(await connection.query(sql, params as unknown[])),
          exec: async (sql: string) => void (await connection.query(sql)),
        });
        await connection.query('COMMIT');
        return result;
      } catch (error) {
        await connection.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        connection.release();
      }
    },
    async listen(channel: string, onNotify: (payload: string) => void) {
      let handlers = channels.get(channel);
      const first = !handlers;
      if (!handlers) channels.set(channel, (handlers = new Set()));
      handlers.add(onNotify);
      const connection = await ensureListener();
      // A new listener connection LISTENs to every channel itself.
      if (first && connection === listener) {
        await connection.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      }
      return async () => {
        handlers.delete(onNotify);
        if (handlers.size === 0) {
          channels.delete(channel);
          await listener?.query(`UNLISTEN ${pg.escapeIdentifier(channel)}`).catch(() => undefined);
        }
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      const connection = listener;
      listener = undefined;
      await connection?.end().catch(() => undefined);
      await pool.end();
    },
  };
}
