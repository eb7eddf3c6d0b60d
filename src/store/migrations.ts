/**
 * The store's schema, as an ordered list of steps. Each store applies the steps its database lacks when
 * it opens, in one transaction, and records them in `schema_migrations`; a step once released is never
 * edited, only followed by a new one.
 *
 * The SQL is written once for both databases (TEXT, INTEGER, BIGINT, CHECK, composite keys). A step
 * that cannot be portable gives one text per dialect, side by side, so the difference stays visible.
 */

export type Dialect = 'sqlite' | 'postgres';

export interface Migration {
  version: number;
  description: string;
  sql: string | Record<Dialect, string>;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'subscriptions, watchlist, deliveries, locks',
    sql: `
      CREATE TABLE subscriptions (
        channel_id TEXT PRIMARY KEY,
        subscribed_by TEXT NOT NULL,
        subscribed_at BIGINT NOT NULL
      );

      -- name_key is lower(name), computed by the application (vendor-name.ts) rather than with SQL's
      -- lower(): SQLite's lower() folds only ASCII and PostgreSQL's depends on the database's locale,
      -- and the two stores must agree on which names are the same vendor.
      CREATE TABLE watchlist (
        name_key TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        added_by TEXT NOT NULL,
        added_at BIGINT NOT NULL
      );

      -- claimed_from is the state the row was in when last claimed (NULL when the claim created it):
      -- the claim is one conditional upsert, and this is how it tells a recovery from a retry.
      CREATE TABLE deliveries (
        channel_id TEXT NOT NULL,
        period_key TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('sending', 'sent', 'retry', 'failed')),
        claimed_by TEXT NOT NULL,
        claimed_from TEXT CHECK (claimed_from IN ('sending', 'retry')),
        lease_until BIGINT NOT NULL,
        attempts INTEGER NOT NULL,
        message_ts TEXT,
        error TEXT,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        PRIMARY KEY (channel_id, period_key)
      );
      CREATE INDEX deliveries_by_channel_created ON deliveries (channel_id, created_at);

      CREATE TABLE locks (
        key TEXT PRIMARY KEY,
        owner TEXT NOT NULL,
        expires_at BIGINT NOT NULL
      );
    `,
  },
  {
    version: 2,
    description: 'shared source lists, personal watches',
    sql: `
      -- The newest imported collection of each official list and its sync status, as the last sync
      -- published them: how a sync on one instance reaches every other instance sharing the database.
      -- revision grows by one on every publish; collection is gzip + base64 of the collection's JSON
      -- (NULL while only a status has been published), sha256 is of that JSON.
      CREATE TABLE source_lists (
        source TEXT PRIMARY KEY,
        revision BIGINT NOT NULL,
        sha256 TEXT,
        collection TEXT,
        sync_status TEXT,
        published_by TEXT NOT NULL,
        published_at BIGINT NOT NULL
      );

      -- One person's own watch (an insurer, a hospital, a pharmacy); name_key as in watchlist.
      CREATE TABLE personal_watches (
        user_id TEXT NOT NULL,
        name_key TEXT NOT NULL,
        name TEXT NOT NULL,
        added_at BIGINT NOT NULL,
        PRIMARY KEY (user_id, name_key)
      );
    `,
  },
  {
    version: 3,
    description: 'seen requests',
    sql: `
      -- Requests already handled (Slack's event ids, replayed interactive requests, double clicks), so
      -- that a retry reaching another instance, or this one after a restart, does nothing twice.
      -- A row whose expires_at is past may be claimed again or deleted.
      CREATE TABLE seen_requests (
        key TEXT PRIMARY KEY,
        expires_at BIGINT NOT NULL
      );
      CREATE INDEX seen_requests_by_expiry ON seen_requests (expires_at);
    `,
  },
  {
    version: 4,
    description: 'quizzes, answers, weekly training',
    sql: `
      -- A posted quiz, its questions as posted (JSON of src/training/quiz.ts), so that answers are
      -- judged against what people saw even after the data changed.
      CREATE TABLE quizzes (
        quiz_id TEXT PRIMARY KEY,
        incident_id TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        posted_by TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        questions TEXT NOT NULL
      );

      -- One answer per person and question: the primary key makes the first one final.
      CREATE TABLE quiz_answers (
        quiz_id TEXT NOT NULL,
        question_index INTEGER NOT NULL,
        user_id TEXT NOT NULL,
        choice INTEGER NOT NULL,
        correct INTEGER NOT NULL CHECK (correct IN (0, 1)),
        answered_at BIGINT NOT NULL,
        PRIMARY KEY (quiz_id, question_index, user_id)
      );

      CREATE TABLE training_subscriptions (
        channel_id TEXT PRIMARY KEY,
        subscribed_by TEXT NOT NULL,
        subscribed_at BIGINT NOT NULL
      );

      -- The incident of each period's training post, so that every instance posts the same one and
      -- none repeats within a year.
      CREATE TABLE training_picks (
        period_key TEXT PRIMARY KEY,
        incident_id TEXT NOT NULL,
        picked_at BIGINT NOT NULL
      );
      CREATE INDEX training_picks_by_time ON training_picks (picked_at);

      -- How often each kind of data was asked about, per day: counts only, never who asked.
      CREATE TABLE asked_data_types (
        data_type TEXT NOT NULL,
        day TEXT NOT NULL,
        asks BIGINT NOT NULL,
        PRIMARY KEY (data_type, day)
      );
    `,
  },
];

/** Run before reading the applied versions, inside the migration transaction. */
export const CREATE_SCHEMA_MIGRATIONS = `
  CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    description TEXT NOT NULL,
    applied_at BIGINT NOT NULL
  )
`;

export const SELECT_APPLIED_VERSIONS = 'SELECT version FROM schema_migrations ORDER BY version';

export function migrationSql(migration: Migration, dialect: Dialect): string {
  return typeof migration.sql === 'string' ? migration.sql : migration.sql[dialect];
}

/**
 * The steps still to apply, oldest first. A database that has steps this code does not know was
 * migrated by a newer breachbot: writing to it could corrupt what that version relies on, so refuse.
 */
export function pendingMigrations(appliedVersions: readonly number[]): Migration[] {
  const known = MIGRATIONS.at(-1)?.version ?? 0;
  const newest = Math.max(0, ...appliedVersions);
  if (newest > known) {
    throw new Error(
      `The database's schema is at version ${newest}, newer than this breachbot knows (${known}): ` +
        'upgrade breachbot, or point DATABASE_URL at another database.',
    );
  }
  const applied = new Set(appliedVersions);
  return MIGRATIONS.filter((migration) => !applied.has(migration.version));
}
