import type { Database } from './db/database.js';

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/**
 * A store for @fastify/rate-limit in PostgreSQL: the counts are shared by every instance on the
 * database (the plugin's default store is one process's memory, which a second instance behind
 * the load balancer would not see). One upsert per request; windows are fixed.
 */
export function postgresRateLimitStore(db: Database) {
  return class PostgresRateLimitStore {
    readonly #prefix: string;

    constructor(options: { routeInfo?: { method?: string; url?: string } } = {}) {
      const route = options.routeInfo;
      this.#prefix = route?.url ? `${route.method ?? ''} ${route.url}|` : 'all|';
    }

    incr(key: string, callback: Callback, timeWindow: number): void {
      db.query<{ count: number; ttl: number }>(
        `INSERT INTO rate_limits (key, count, reset_at)
         VALUES ($1, 1, clock_timestamp() + $2 * interval '1 millisecond')
         ON CONFLICT (key) DO UPDATE SET
           count = CASE WHEN rate_limits.reset_at <= clock_timestamp() THEN 1 ELSE rate_limits.count + 1 END,
           reset_at = CASE WHEN rate_limits.reset_at <= clock_timestamp()
             THEN clock_timestamp() + $2 * interval '1 millisecond' ELSE rate_limits.reset_at END
         RETURNING count, greatest(0, ceil(extract(epoch FROM reset_at - clock_timestamp()) * 1000))::int AS ttl`,
        [this.#prefix + key, timeWindow],
      ).then(
        ({ rows }) =>
          callback(null, { current: Number(rows[0]?.count), ttl: Number(rows[0]?.ttl) }),
        (error: Error) => callback(error),
      );
    }

    child(routeOptions: { routeInfo?: { method?: string; url?: string } }) {
      return new PostgresRateLimitStore(routeOptions);
    }
  };
}

/** Removes windows that ended long ago; run now and then by each instance. */
export async function sweepRateLimits(db: Database): Promise<void> {
  await db.query(`DELETE FROM rate_limits WHERE reset_at < now() - interval '1 hour'`);
}
