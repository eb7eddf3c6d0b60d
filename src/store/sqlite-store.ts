import { accessSync, constants, mkdirSync, type Stats, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { type Clock, systemClock } from '../digest/clock.js';
import { CREATE_SCHEMA_MIGRATIONS, migrationSql, pendingMigrations, SELECT_APPLIED_VERSIONS } from './migrations.js';
import { type Row, type SqlDriver, SqlStore, type SqlValue } from './sql-store.js';
import { type Store, StoreUnavailableError } from './store.js';

/** How long a statement waits for another process's write to finish before giving up. */
const BUSY_TIMEOUT_MS = 5_000;
const RETRY_FIRST_MS = 5;
const RETRY_MAX_MS = 100;

export interface SqliteStoreOptions {
  /** How long a statement waits, without blocking the process, for another process's write lock (default 5 s). */
  busyWaitMs?: number;
  /** Told once when the file vanishes, is replaced or becomes read-only. */
  logger?: { error(message: string): void };
  clock?: Clock;
}

/**
 * Opens (creating it and its directory if need be) the SQLite database at `file`, an absolute path or
 * `:memory:`, and brings its schema up to date. Several processes may share the file.
 */
export async function openSqliteStore(file: string, options: SqliteStoreOptions = {}): Promise<Store> {
  let db: Database.Database | undefined;
  let identity: Stats | undefined;
  try {
    if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
    db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
    // WAL lets readers in other processes go on while one writes.
    await enableWal(db);
    migrate(db);
    // better-sqlite3 is synchronous: a busy timeout would stop the whole process, every Slack request
    // with it, while another process (a cron `breachbot digest run`) writes. From here on a locked
    // database answers SQLITE_BUSY at once and the driver waits with timers instead.
    db.pragma('busy_timeout = 0');
    if (file !== ':memory:') identity = statSync(file);
  } catch (error) {
    db?.close();
    throw new Error(`Cannot open the SQLite database ${file}: ${error instanceof Error ? error.message : error}`);
  }
  const guard = identity ? fileGuard(file, identity, options.logger) : () => {};
  return new SqlStore(sqliteDriver(db, guard, options.busyWaitMs ?? BUSY_TIMEOUT_MS, options.clock ?? systemClock));
}

/**
 * An open connection goes on reading and writing a file that was deleted or replaced (its inode
 * lives on until closed) and, as root, one whose mode was made read-only: every later "Done" would
 * then be a lie, and a restart would find an empty or older database. Throws while that is so.
 */
function fileGuard(file: string, opened: Stats, logger: SqliteStoreOptions['logger']): () => void {
  let reported = false;
  return () => {
    const problem = fileProblem(file, opened);
    if (!problem) {
      reported = false;
      return;
    }
    const message = `The SQLite database ${file} ${problem}: nothing more can be stored until it is restored and breachbot restarted.`;
    if (!reported) logger?.error(message);
    reported = true;
    throw new StoreUnavailableError(message);
  };
}

function fileProblem(file: string, opened: Stats): string | undefined {
  let now: Stats;
  try {
    now = statSync(file);
  } catch {
    return 'was deleted while breachbot was running';
  }
  if (now.ino !== opened.ino || now.dev !== opened.dev)
    return 'was replaced by another file while breachbot was running';
  try {
    accessSync(file, constants.W_OK);
  } catch {
    return 'became read-only';
  }
  return (now.mode & 0o222) === 0 ? 'became read-only' : undefined;
}

const isBusy = (error: unknown): boolean => {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
};

/**
 * Switches the file to WAL. SQLite answers SQLITE_BUSY at once, without waiting on the busy timeout,
 * when other processes are opening the same new file and switching it too (about one start in six
 * when three instances start together on a new file), so this waits and tries again until the busy
 * timeout would have run out. Once one process has switched the file it stays in WAL, and the
 * others' switch changes nothing.
 */
export async function enableWal(db: Pick<Database.Database, 'pragma'>, clock: Clock = systemClock): Promise<void> {
  const deadline = clock.now() + BUSY_TIMEOUT_MS;
  for (let wait = RETRY_FIRST_MS; ; wait = Math.min(wait * 2, RETRY_MAX_MS)) {
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

function sqliteDriver(db: Database.Database, guard: () => void, busyWaitMs: number, clock: Clock): SqlDriver {
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
      guard();
      const deadline = clock.now() + busyWaitMs;
      for (let wait = RETRY_FIRST_MS; ; wait = Math.min(wait * 2, RETRY_MAX_MS)) {
        try {
          let rows: Row[] = [];
          if (statement.reader) rows = statement.all(params) as Row[];
          else statement.run(params);
          // Also after: a write that raced the file's removal went to the removed file.
          if (!statement.readonly) guard();
          return rows;
        } catch (error) {
          if (!isBusy(error)) throw error;
          if (clock.now() + wait > deadline) {
            throw new StoreUnavailableError(
              `The SQLite database is locked by another process (a \`breachbot digest run\` or \`sync\`?) and stayed locked for ${busyWaitMs} ms.`,
              { cause: error },
            );
          }
          await clock.sleep(wait);
        }
      }
    },
    async close(): Promise<void> {
      db.close();
    },
  };
}
