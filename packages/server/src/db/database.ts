/** One row of a query result: column name → value, as the driver parses it. */
export type Row = Record<string, unknown>;

/** What a query returns, the same for PGlite and `pg`. */
export interface QueryResult<R extends Row = Row> {
  rows: R[];
  /** Rows inserted, updated or deleted (0 for a SELECT). */
  rowCount: number;
}

/** Something that runs SQL: the database itself, or one transaction of it. */
export interface Queryable {
  /** Runs one statement with `$1…` parameters. */
  query<R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>>;
  /** Runs a script of several statements, without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

/**
 * The PostgreSQL the service stores everything in: embedded PGlite or a real server through
 * `pg`, behind the same small interface, so every query and migration is the same SQL on both.
 */
export interface Database extends Queryable {
  /** `'pglite'` (embedded, one process) or `'postgres'` (a server, shared by instances). */
  readonly kind: 'pglite' | 'postgres';
  /**
   * Runs `work` in one transaction on one connection: committed when it resolves, rolled back
   * when it throws (the error is thrown on).
   */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Calls `onNotify` with the payload of every `NOTIFY channel` from any instance on this
   * database. Resolves to a function that stops listening.
   */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  /** Closes the database; waits for running queries. */
  close(): Promise<void>;
}
