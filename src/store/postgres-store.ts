import pg from 'pg';
import { CREATE_SCHEMA_MIGRATIONS, migrationSql, pendingMigrations, SELECT_APPLIED_VERSIONS } from './migrations.js';
import { type Row, type SqlDriver, SqlStore, type SqlValue } from './sql-store.js';
import type { Store } from './store.js';

/** Without a limit, pg waits forever for a host that drops packets. */
const CONNECT_TIMEOUT_MS = 10_000;

/** Serialises schema migrations across instances; any constant no other advisory-lock user shares. */
const MIGRATION_LOCK_KEY = 7_305_112_611;

/**
 * Connects a pool to the PostgreSQL database at `url` (postgres:// or postgresql://) and brings its
 * schema up to date. Fails with the host, port and reason, never the password.
 */
export async function openPostgresStore(url: string): Promise<Store> {
  const pool = new pg.Pool({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // An idle connection that breaks (a server restart) is dropped by the pool, and the next query
  // connects afresh or fails with the reason; without a listener the 'error' event would end the process.
  pool.on('error', () => {});
  try {
    await migrate(pool);
  } catch (error) {
    await pool.end().catch(() => {});
    throw new Error(`Cannot open the PostgreSQL database at ${serverName(url)}: ${redact(reason(error), url)}`);
  }
  return new SqlStore(postgresDriver(pool));
}

async function migrate(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    // Held until COMMIT: instances starting together apply each step once, one after the other.
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(CREATE_SCHEMA_MIGRATIONS);
    const applied = (await client.query<{ version: number }>(SELECT_APPLIED_VERSIONS)).rows.map((row) => row.version);
    for (const migration of pendingMigrations(applied)) {
      await client.query(migrationSql(migration, 'postgres'));
      await client.query('INSERT INTO schema_migrations (version, description, applied_at) VALUES ($1, $2, $3)', [
        migration.version,
        migration.description,
        Date.now(),
      ]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}

function postgresDriver(pool: pg.Pool): SqlDriver {
  return {
    kind: 'postgres',
    async query(sql: string, params: Record<string, SqlValue>): Promise<Row[]> {
      const { text, values } = positional(sql, params);
      return (await pool.query<Row>(text, values)).rows;
    },
    async close(): Promise<void> {
      await pool.end();
    },
  };
}

/** pg takes $1, $2, … in order; the shared SQL names its parameters `@name`. */
function positional(sql: string, params: Record<string, SqlValue>): { text: string; values: SqlValue[] } {
  const names: string[] = [];
  const text = sql.replace(/@(\w+)/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`Store: the statement needs a parameter @${name}.`);
    let index = names.indexOf(name);
    if (index < 0) index = names.push(name) - 1;
    return `$${index + 1}`;
  });
  return { text, values: names.map((name) => params[name] ?? null) };
}

/** host:port and database, for messages: what a person needs to find the server, never the credentials. */
function serverName(url: string): string {
  try {
    const parsed = new URL(url);
    const host = parsed.searchParams.get('host') ?? (parsed.hostname || 'localhost');
    const port = parsed.searchParams.get('port') ?? (parsed.port || '5432');
    const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
    return `${host}:${port}${database ? ` (database "${database}")` : ''}`;
  } catch {
    return 'the server in DATABASE_URL';
  }
}

const SYSTEM_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'connection refused; is PostgreSQL running and listening there?',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'timed out',
  EHOSTUNREACH: 'host unreachable',
  ECONNRESET: 'the server closed the connection',
};

function reason(error: unknown): string {
  // Node reports a refused connection to a name with several addresses as an AggregateError with no message.
  const first = error instanceof AggregateError && error.errors.length > 0 ? error.errors[0] : error;
  if (!(first instanceof Error)) return String(first);
  const code = (first as Error & { code?: unknown }).code;
  if (typeof code === 'string' && code in SYSTEM_ERRORS) return `${SYSTEM_ERRORS[code]} (${code})`;
  return first.message || String(code ?? 'unknown error');
}

/** Error texts should never hold the password, but a driver or server may echo the URL: take no chances. */
function redact(text: string, url: string): string {
  let password = '';
  try {
    password = new URL(url).password;
  } catch {
    return text.split(url).join('[DATABASE_URL]');
  }
  let redacted = text.split(url).join('[DATABASE_URL]');
  for (const secret of new Set([password, safeDecode(password)])) {
    if (secret) redacted = redacted.split(secret).join('***');
  }
  return redacted;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
