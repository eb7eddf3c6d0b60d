import path from 'node:path';
import { parseDatabaseUrl } from '../config/database-url.js';
import type { Store } from './store.js';

/**
 * Opens the store DATABASE_URL names, creating or migrating its schema. A relative SQLite path is
 * resolved against `cwd` (default: the process's working directory).
 */
export async function openStore(
  databaseUrl: string,
  options: { cwd?: string; logger?: { error(message: string): void } } = {},
): Promise<Store> {
  const location = parseDatabaseUrl(databaseUrl);
  // Loaded on demand: a SQLite deployment never loads pg, and a PostgreSQL one never the native SQLite module.
  if (location.kind === 'postgres') {
    const { openPostgresStore } = await import('./postgres-store.js');
    return openPostgresStore(location.url);
  }
  const { openSqliteStore } = await import('./sqlite-store.js');
  const file = location.path === ':memory:' ? ':memory:' : path.resolve(options.cwd ?? process.cwd(), location.path);
  return openSqliteStore(file, { ...(options.logger && { logger: options.logger }) });
}
