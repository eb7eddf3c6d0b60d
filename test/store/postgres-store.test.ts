import { inspect } from 'node:util';
import pg from 'pg';
import { expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { openPostgresStore } from '../../src/store/postgres-store.js';
import { describePostgres } from '../support/postgres-server.js';
import { describeStoreContract } from './store-contract.js';

describePostgres('PostgreSQL store', (postgres) => {
  describeStoreContract('PostgreSQL', async () => {
    const url = await postgres().createDatabase();
    return {
      dialect: 'postgres',
      open: () => openPostgresStore(url),
      exec: async (sql) => void (await query(url, sql)),
      rows: (sql) => query(url, sql),
    };
  });

  it('migrates once when three instances start at the same time', async () => {
    const url = await postgres().createDatabase();
    // allSettled: a failed start must not leave the others opening while the server stops.
    const starts = await Promise.allSettled([openPostgresStore(url), openPostgresStore(url), openPostgresStore(url)]);
    const stores = starts.flatMap((start) => (start.status === 'fulfilled' ? [start.value] : []));
    try {
      for (const start of starts) if (start.status === 'rejected') throw start.reason;
      expect(stores.map((store) => store.kind)).toEqual(['postgres', 'postgres', 'postgres']);
      const versions = await query(url, 'SELECT version FROM schema_migrations ORDER BY version');
      expect(versions.map((row) => row.version)).toEqual(MIGRATIONS.map((migration) => migration.version));
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });

  it('refuses a database migrated by a newer breachbot, saying what to do', async () => {
    const url = await postgres().createDatabase();
    await (await openPostgresStore(url)).close();
    await query(url, "INSERT INTO schema_migrations (version, description, applied_at) VALUES (99, 'future', 0)");
    await expect(openPostgresStore(url)).rejects.toThrow(/schema is at version 99.*upgrade breachbot/);
  });

  it("names the server and the server's reason, never the password", async () => {
    const { port } = postgres();
    const error = await openPostgresStore(`postgres://postgres:Secret-Pa55@127.0.0.1:${port}/no_such_database`).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(
      `Cannot open the PostgreSQL database at 127.0.0.1:${port} (database "no_such_database"): ` +
        'database "no_such_database" does not exist',
    );
    expect(inspect(error)).not.toContain('Secret-Pa55');
  });
});

async function query(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}
