import { existsSync, mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_DATABASE_URL, databaseUrlSchema, parseDatabaseUrl } from '../../src/config/database-url.js';
import { openStore } from '../../src/store/open-store.js';
import { freePort } from '../support/free-port.js';

const SHAPE =
  'DATABASE_URL: must be sqlite:<path> or postgres://… ' +
  '(for example sqlite:./var/breachbot.db or postgres://user:password@host:5432/breachbot)';

describe('parseDatabaseUrl', () => {
  it('reads SQLite paths, relative, absolute or in memory, and the default', () => {
    expect(parseDatabaseUrl(DEFAULT_DATABASE_URL)).toEqual({ kind: 'sqlite', path: './var/breachbot.db' });
    expect(parseDatabaseUrl('sqlite:data/bot.db')).toEqual({ kind: 'sqlite', path: 'data/bot.db' });
    expect(parseDatabaseUrl(' sqlite:/srv/breachbot/bot.db\n')).toEqual({
      kind: 'sqlite',
      path: '/srv/breachbot/bot.db',
    });
    expect(parseDatabaseUrl('sqlite::memory:')).toEqual({ kind: 'sqlite', path: ':memory:' });
  });

  it('reads postgres:// and postgresql:// URLs as they are', () => {
    const url = 'postgres://bot:p%40ss@db.internal:6432/breachbot?sslmode=require';
    expect(parseDatabaseUrl(url)).toEqual({ kind: 'postgres', url });
    expect(parseDatabaseUrl('postgresql://db.internal/breachbot')).toEqual({
      kind: 'postgres',
      url: 'postgresql://db.internal/breachbot',
    });
  });

  it('says what a DATABASE_URL must look like, without repeating the value', () => {
    for (const value of ['mysql://root:hunter2@db/bot', 'hunter2', '', './var/breachbot.db']) {
      expect(() => parseDatabaseUrl(value)).toThrow(SHAPE);
      expect(() => parseDatabaseUrl(value)).not.toThrow(/hunter2/);
    }
    expect(() => parseDatabaseUrl('sqlite:')).toThrow('DATABASE_URL: must name a file after sqlite:');
    expect(() => parseDatabaseUrl('sqlite:///srv/bot.db')).toThrow(
      'DATABASE_URL: must be sqlite:<path> with the path right after the colon, not sqlite://…',
    );
    const broken = 'postgres://bot:hunter2@[::1/breachbot';
    expect(() => parseDatabaseUrl(broken)).toThrow(/^DATABASE_URL: is not a valid postgres:\/\/ URL; if the password/);
    expect(() => parseDatabaseUrl(broken)).not.toThrow(/hunter2/);
  });

  it('is also a zod schema, whose messages leave the variable name to the config module', () => {
    const parsed = databaseUrlSchema.safeParse('redis://cache');
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.message)).toEqual([SHAPE.replace('DATABASE_URL: ', '')]);
    expect(databaseUrlSchema.parse('sqlite:x.db')).toEqual({ kind: 'sqlite', path: 'x.db' });
  });
});

describe('openStore', () => {
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'breachbot-open-store-'));
  afterAll(() => rm(cwd, { recursive: true, force: true }));

  it('opens a SQLite file relative to cwd, creating its directory', async () => {
    const store = await openStore('sqlite:var/breachbot.db', { cwd });
    expect(store.kind).toBe('sqlite');
    await store.subscribe('C1', 'U1', 1_000);
    await store.close();
    expect(existsSync(path.join(cwd, 'var', 'breachbot.db'))).toBe(true);
    const again = await openStore(`sqlite:${path.join(cwd, 'var', 'breachbot.db')}`);
    expect(await again.subscription('C1')).toMatchObject({ subscribedBy: 'U1' });
    await again.close();
  });

  it('opens a private in-memory SQLite database', async () => {
    const store = await openStore('sqlite::memory:', { cwd });
    expect(await store.subscribe('C1', 'U1', 1_000)).toBe(true);
    await store.close();
    expect(existsSync(path.join(cwd, ':memory:'))).toBe(false);
  });

  it('refuses a URL it cannot use before touching anything', async () => {
    await expect(openStore('mongodb://db/bot', { cwd })).rejects.toThrow(SHAPE);
  });

  it('names the host and port and why PostgreSQL could not be reached, never the password', async () => {
    const port = await freePort();
    for (const host of ['127.0.0.1', 'localhost']) {
      const error = await openStore(`postgres://breachbot:Secret-Pa55@${host}:${port}/breachbot`).catch(
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toBe(
        `Cannot open the PostgreSQL database at ${host}:${port} (database "breachbot"): ` +
          'connection refused; is PostgreSQL running and listening there? (ECONNREFUSED)',
      );
      expect(inspect(error)).not.toContain('Secret-Pa55');
    }
  });
});
