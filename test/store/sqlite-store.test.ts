import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, renameSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { enableWal, openSqliteStore } from '../../src/store/sqlite-store.js';
import { StoreUnavailableError } from '../../src/store/store.js';
import { FakeClock } from '../support/fake-clock.js';
import { REPO_ROOT } from '../support/paths.js';
import { describeStoreContract } from './store-contract.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'breachbot-sqlite-'));
let databases = 0;
/** A file in a directory that does not exist yet: the store creates it. */
const freshFile = () => {
  databases += 1;
  return path.join(root, `db-${databases}`, 'var', 'breachbot.db');
};
afterAll(() => rm(root, { recursive: true, force: true }));

describeStoreContract('SQLite', async () => {
  const file = freshFile();
  const raw = <T>(use: (db: Database.Database) => T): T => {
    mkdirSync(path.dirname(file), { recursive: true });
    const db = new Database(file);
    try {
      return use(db);
    } finally {
      db.close();
    }
  };
  return {
    dialect: 'sqlite',
    open: () => openSqliteStore(file),
    exec: async (sql) => raw((db) => void db.exec(sql)),
    rows: async (sql) => raw((db) => db.prepare(sql).all() as Record<string, unknown>[]),
  };
});

describe('SQLite store', () => {
  it('creates the file and its directory, in WAL mode so that several processes can share it', async () => {
    const file = freshFile();
    const store = await openSqliteStore(file);
    expect(store.kind).toBe('sqlite');
    await store.close();
    expect(existsSync(file)).toBe(true);
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it('works with two stores on the same file', async () => {
    const file = freshFile();
    const one = await openSqliteStore(file);
    const two = await openSqliteStore(file);
    try {
      await one.subscribe('C1', 'U1', 1_000);
      expect(await two.subscription('C1')).toMatchObject({ subscribedBy: 'U1' });
      const request = { channelId: 'C1', periodKey: '2026-W48', now: 1_000, leaseMs: 60_000 };
      expect(await one.claimDelivery({ ...request, instanceId: 'one' })).toMatchObject({ claimed: true });
      expect(await two.claimDelivery({ ...request, instanceId: 'two' })).toMatchObject({ claimed: false });
      expect(await two.markSent({ ...request, instanceId: 'two', messageTs: '1.2' })).toBe(false);
      expect(await one.markSent({ ...request, instanceId: 'one', messageTs: '1.2' })).toBe(true);
      expect(await two.delivery('C1', '2026-W48')).toMatchObject({ state: 'sent', messageTs: '1.2' });
    } finally {
      await one.close();
      await two.close();
    }
  });

  it('refuses a database migrated by a newer breachbot, saying what to do', async () => {
    const file = freshFile();
    await (await openSqliteStore(file)).close();
    const raw = new Database(file);
    raw.prepare("INSERT INTO schema_migrations (version, description, applied_at) VALUES (99, 'future', 0)").run();
    raw.close();
    await expect(openSqliteStore(file)).rejects.toThrow(/schema is at version 99.*upgrade breachbot/);
  });

  it('switches to WAL again after SQLITE_BUSY, which SQLite answers at once while another process switches a new file', async () => {
    const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    const clock = new FakeClock(0);
    let attempts = 0;
    const racing = {
      pragma: () => {
        attempts += 1;
        if (attempts <= 4) throw busy;
        return 'wal';
      },
    };
    await enableWal(racing as never, clock);
    expect(attempts).toBe(5);
    expect(clock.sleeps).toEqual([5, 10, 20, 40]);

    const alwaysFailing = (error: Error) =>
      ({
        pragma: () => {
          throw error;
        },
      }) as never;
    // Still busy when the busy timeout would have run out: the error, not a hang.
    const stuck = new FakeClock(0);
    await expect(enableWal(alwaysFailing(busy), stuck)).rejects.toThrow('database is locked');
    expect(stuck.now()).toBeLessThanOrEqual(5_000);
    expect(stuck.sleeps.length).toBeGreaterThan(4);

    // Anything else is no race: it fails at once.
    const other = new FakeClock(0);
    const readOnly = Object.assign(new Error('attempt to write a readonly database'), { code: 'SQLITE_READONLY' });
    await expect(enableWal(alwaysFailing(readOnly), other)).rejects.toThrow('readonly');
    expect(other.sleeps).toEqual([]);
  });

  it('refuses to store, and logs once, while its file is read-only or replaced', async () => {
    const file = freshFile();
    const errors: string[] = [];
    const store = await openSqliteStore(file, { logger: { error: (message) => errors.push(message) } });
    try {
      await store.subscribe('C1', 'U1', 1_000);
      chmodSync(file, 0o444);
      await expect(store.subscribe('C2', 'U1', 1_000)).rejects.toThrow(StoreUnavailableError);
      await expect(store.addVendor('Acme', 'U1', 1_000)).rejects.toThrow(/became read-only/);
      expect(errors).toEqual([expect.stringContaining(`${file} became read-only`)]);
      chmodSync(file, 0o644);
      expect(await store.subscribe('C2', 'U1', 1_000)).toBe(true);

      renameSync(file, `${file}.old`);
      copyFileSync(`${file}.old`, file);
      await expect(store.subscribe('C3', 'U1', 1_000)).rejects.toThrow(/was replaced/);
    } finally {
      await store.close();
    }
  });

  it('says which file it could not open', async () => {
    const blocker = freshFile();
    await (await openSqliteStore(blocker)).close();
    // A path below a regular file can never be created.
    await expect(openSqliteStore(path.join(blocker, 'breachbot.db'))).rejects.toThrow(
      `Cannot open the SQLite database ${path.join(blocker, 'breachbot.db')}`,
    );
  });

  it('gives each delivery to exactly one of three processes opening and claiming at the same time', async () => {
    const file = freshFile();
    const periods = 1000;
    const claimers = Array.from({ length: 3 }, (_, n) => claimInProcess(file, `process-${n}`, periods));
    // Each step starts in all three at once: first opening (and migrating) the new file, then claiming.
    try {
      await Promise.all(claimers.map((claimer) => claimer.loaded));
      for (const claimer of claimers) claimer.next();
      await Promise.all(claimers.map((claimer) => claimer.opened));
      for (const claimer of claimers) claimer.next();
      const claimed = (await Promise.all(claimers.map((claimer) => claimer.done))).flat();
      expect(claimed).toHaveLength(periods);
      expect(new Set(claimed).size).toBe(periods);
    } finally {
      for (const claimer of claimers) claimer.kill();
    }
  });
});

/** The child: says `loaded`, and on each line from the parent takes the next step: open, then claim every period. */
const CHILD = `
  import { createInterface } from 'node:readline';
  const [moduleUrl, file, instanceId, periods] = process.argv.slice(1);
  const { openSqliteStore } = await import(moduleUrl);
  const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
  process.stdout.write('loaded\\n');
  await lines.next();
  const store = await openSqliteStore(file);
  process.stdout.write('opened\\n');
  await lines.next();
  const won = [];
  for (let n = 0; n < Number(periods); n += 1) {
    const periodKey = 'period-' + n;
    const result = await store.claimDelivery({ channelId: 'C1', periodKey, instanceId, now: 1000, leaseMs: 60000 });
    if (result.claimed) won.push(periodKey);
  }
  await store.close();
  process.stdout.write(JSON.stringify(won) + '\\n');
  process.exit(0);
`;

function claimInProcess(file: string, instanceId: string, periods: number) {
  const moduleUrl = pathToFileURL(path.join(REPO_ROOT, 'src/store/sqlite-store.ts')).href;
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', CHILD, moduleUrl, file, instanceId, String(periods)],
    { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const lines: string[] = [];
  const waiters: Array<() => void> = [];
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr += chunk;
  });
  let partial = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
    for (const wake of waiters.splice(0)) wake();
  });
  // 'close', not 'exit': only then has all of the child's output been read.
  const closed = new Promise<number | null>((resolve) => child.once('close', resolve));
  const failed = (step: string, code: number | null) =>
    new Error(`${instanceId} exited (${code}) before it ${step}:\n${stderr}`);
  const line = (index: number, step: string) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        if (lines.length > index) resolve(lines[index] as string);
        else waiters.push(check);
      };
      check();
      closed.then((code) => reject(failed(step, code)));
    });
  return {
    loaded: line(0, 'loaded'),
    opened: line(1, 'opened the store'),
    done: line(2, 'claimed').then((won) => JSON.parse(won) as string[]),
    next: () => child.stdin.write('next\n'),
    kill: () => child.kill(),
  };
}
