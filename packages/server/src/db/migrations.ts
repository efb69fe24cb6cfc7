import type { Database } from './database.js';

/**
 * The schema, as an ordered list of migrations. Each runs once, in order, in one transaction
 * with its record in `motcua_migrations`. Never edit one that has shipped: add the next.
 */
export const MIGRATIONS: readonly { id: string; sql: string }[] = [
  {
    id: '0001-dossiers',
    sql: `
      -- One row per dossier a citizen filed. The idempotency key is UNIQUE and written in the
      -- same transaction as the dossier: a dossier is stored once or not at all.
      CREATE TABLE dossiers (
        id bigserial PRIMARY KEY,
        code text NOT NULL UNIQUE,
        idempotency_key text NOT NULL UNIQUE,
        request_hash text NOT NULL,
        site text NOT NULL,
        procedure_id text NOT NULL,
        procedure_version text NOT NULL,
        locale text NOT NULL,
        answers jsonb NOT NULL,
        -- json, not jsonb: a retry gets the very text of the first receipt, keys in order.
        receipt json NOT NULL,
        access_code text NOT NULL,
        received_at timestamptz NOT NULL
      );
      CREATE INDEX dossiers_received_at ON dossiers (received_at);

      -- The last number given per site and day: dossier codes count from 1 each day.
      CREATE TABLE dossier_counters (
        site text NOT NULL,
        day text NOT NULL,
        last integer NOT NULL,
        PRIMARY KEY (site, day)
      );

      -- The bytes of a dossier's files, each once (a retried upload is the same row).
      CREATE TABLE dossier_files (
        id bigserial PRIMARY KEY,
        dossier_id bigint NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
        field text NOT NULL,
        name text NOT NULL,
        type text NOT NULL,
        size integer NOT NULL,
        sha256 text NOT NULL,
        bytes bytea NOT NULL,
        received_at timestamptz NOT NULL,
        UNIQUE (dossier_id, field, name)
      );

      -- Queue tickets: numbers per site, counter and day, with no gap and no duplicate.
      CREATE TABLE ticket_counters (
        site text NOT NULL,
        counter text NOT NULL,
        day text NOT NULL,
        last integer NOT NULL,
        PRIMARY KEY (site, counter, day)
      );
      CREATE TABLE tickets (
        site text NOT NULL,
        counter text NOT NULL,
        day text NOT NULL,
        number integer NOT NULL,
        procedure_id text,
        issued_at timestamptz NOT NULL,
        PRIMARY KEY (site, counter, day, number)
      );

      -- Drafts to resume on another device. The resume code is never stored: only its hash to
      -- find the draft, and the answers are encrypted with a key made from the code.
      CREATE TABLE drafts (
        lookup text PRIMARY KEY,
        site text NOT NULL,
        procedure_id text NOT NULL,
        procedure_version text NOT NULL,
        sealed bytea NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX drafts_expires_at ON drafts (expires_at);

      -- Help calls from kiosks, watched live by the volunteers' page.
      CREATE TABLE help_requests (
        id bigserial PRIMARY KEY,
        site text NOT NULL,
        kiosk text NOT NULL,
        procedure_id text,
        step text,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'taken', 'done')),
        taken_by text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      );
      CREATE INDEX help_requests_open ON help_requests (site, status);

      -- Request counts for rate limits, shared by every instance.
      CREATE TABLE rate_limits (
        key text PRIMARY KEY,
        count integer NOT NULL,
        reset_at timestamptz NOT NULL
      );
    `,
  },
  {
    id: '0002-shared-dossiers',
    sql: `
      -- The secret a kiosk gets with its help call, to share its dossier in progress: only its
      -- SHA-256 is kept.
      ALTER TABLE help_requests ADD COLUMN share_hash text;

      -- The dossier in progress a kiosk shares with the volunteer it called: answers only, never
      -- file bytes; deleted when the session ends, when the call is done, or 30 minutes after
      -- its last change.
      CREATE TABLE help_dossiers (
        help_id bigint PRIMARY KEY REFERENCES help_requests (id) ON DELETE CASCADE,
        procedure_id text NOT NULL,
        procedure_version text NOT NULL,
        answers jsonb NOT NULL,
        step text,
        locale text,
        updated_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX help_dossiers_expires_at ON help_dossiers (expires_at);
    `,
  },
  {
    id: '0003-insight-counts',
    sql: `
      -- Where citizens fail, for the agency's periodic review: counts only, per site, procedure
      -- version, day (in the site's time zone) and channel. Never an answer, a dossier code, a
      -- kiosk, an address or a time finer than the day. See docs/insights.md.
      -- kind: session (code = outcome), reached, left, time (total_ms; count = visits) and help
      -- (step); error and warning (step, field, code); rejected (field, code; with both empty:
      -- the dossiers refused) and filed, counted by the server itself.
      CREATE TABLE insight_counts (
        site text NOT NULL,
        procedure_id text NOT NULL,
        procedure_version text NOT NULL,
        day text NOT NULL,
        channel text NOT NULL DEFAULT '',
        kind text NOT NULL,
        step text NOT NULL DEFAULT '',
        field text NOT NULL DEFAULT '',
        code text NOT NULL DEFAULT '',
        count bigint NOT NULL,
        total_ms bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (site, procedure_id, procedure_version, day, channel, kind, step, field, code)
      );
      CREATE INDEX insight_counts_day ON insight_counts (site, day);
    `,
  },
];

/** Any fixed number: the advisory lock every instance takes to migrate, one at a time. */
const MIGRATION_LOCK = 7_261_001;

/**
 * Brings the schema up to date. Safe to run at every start and from several instances at once:
 * each takes the same advisory lock inside its transaction, so the second waits for the first
 * and then finds nothing left to do.
 * @returns the ids of the migrations this call applied
 */
export async function migrate(db: Database): Promise<string[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(
      `CREATE TABLE IF NOT EXISTS motcua_migrations (
         id text PRIMARY KEY,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const { rows } = await tx.query<{ id: string }>('SELECT id FROM motcua_migrations');
    const done = new Set(rows.map((row) => row.id));
    const applied: string[] = [];
    for (const migration of MIGRATIONS) {
      if (done.has(migration.id)) continue;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO motcua_migrations (id) VALUES ($1)', [migration.id]);
      applied.push(migration.id);
    }
    return applied;
  });
}
