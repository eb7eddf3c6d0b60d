import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { type Clock, systemClock } from '../digest/clock.js';
import { CREATE_SCHEMA_MIGRATIONS, migrationSql, pendingMigrations, SELECT_APPLIED_VERSIONS } from './migrations.js';
import { type Row, type SqlDriver, SqlStore, type SqlValue } from './sql-store.js';
import type { Store } from './store.js';

/** How long a statement waits for another process's write to finish before giving up. */
const BUSY_TIMEOUT_MS = 5_000;
const WAL_RETRY_FIRST_MS = 5;
const WAL_RETRY_MAX_MS = 100;

/**
 * Opens (creating it and its directory if need be) the SQLite database at `file`, an absolute path or
 * `:memory:`, and brings its schema up to date. Several processes may share the file.
 */
export async function openSqliteStore(file: string): Promise<Store> {
  let db: Database.Database | undefined;
  try {
    if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
    db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
    // WAL lets readers in other processes go on while one writes; the busy timeout makes writers queue
    // for the file instead of failing with SQLITE_BUSY.
    await enableWal(db);
    migrate(db);
  } catch (error) {
    db?.close();
    throw new Error(`Cannot open the SQLite database ${file}: ${error instanceof Error ? error.message : error}`);
  }
  return new SqlStore(sqliteDriver(db));
}

/**
 * Switches the file to WAL. SQLite answers SQLITE_BUSY at once, without waiting on the busy timeout,
 * when other processes are opening the same new file and switching it too (about one start in six
 * when three instances start together on a new file), so this waits and tries again until the busy
 * timeout would have run out. Once one process has switched the file it stays in WAL, and the
 * others' switch changes nothing.
 */
export async function enableWal(db: Pick<Database.Database, 'pragma'>, clock: Clock = systemClock): Promise<void> {
  const deadline = clock.now() + BUSY_TIMEOUT_MS;
  for (let wait = WAL_RETRY_FIRST_MS; ; wait = Math.min(wait * 2, WAL_RETRY_MAX_MS)) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'SQLITE_BUSY' || clock.now() + wait > deadline) throw error;
      await clock.sleep(wait);
    }
  }
}

function migrate(db: Database.Database): void {
  // IMMEDIATE takes the write lock before reading the applied versions, so two processes opening the
  // file at once apply each step once: the second waits, then finds nothing left to do.
  const applyMissing = db.transaction(() => {
    db.exec(CREATE_SCHEMA_MIGRATIONS);
    const applied = db.prepare(SELECT_APPLIED_VERSIONS).pluck().all() as number[];
    const record = db.prepare('INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)');
    for (const migration of pendingMigrations(applied)) {
      db.exec(migrationSql(migration, 'sqlite'));
      record.run(migration.version, migration.description, Date.now());
    }
  });
  applyMissing.immediate();
}

function sqliteDriver(db: Database.Database): SqlDriver {
  const statements = new Map<string, Database.Statement>();
  const prepared = (sql: string): Database.Statement => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  return {
    kind: 'sqlite',
    // better-sqlite3 is synchronous; the Store is async so that both databases look alike to callers.
    async query(sql: string, params: Record<string, SqlValue>): Promise<Row[]> {
      const statement = prepared(sql);
      if (statement.reader) return statement.all(params) as Row[];
      statement.run(params);
      return [];
    },
    async close(): Promise<void> {
      db.close();
    },
  };
}
