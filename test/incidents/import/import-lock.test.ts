import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runImport } from '../../../src/incidents/import/run-import.js';
import {
  importedFilePath,
  importLockPath,
  readImportedCollection,
  withImportLock,
} from '../../../src/incidents/imported-store.js';
import { hhsCsv } from '../../support/hhs-export.js';

const NOW = new Date('2026-11-24T12:00:00Z');

let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'breachbot-lock-'));
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

/** A pid that ran and has exited, as a killed import's would be. */
function deadPid(): number {
  const { pid } = spawnSync(process.execPath, ['-e', '']);
  if (!pid) throw new Error('could not start a child process');
  return pid;
}

/**
 * An HHS export with one filing by `name`, written into the data folder. Each name gets its own
 * date, or the import would take two filings of one day and count for a rename.
 */
async function exportFile(file: string, name: string): Promise<string> {
  const day = String(1 + (name.charCodeAt(0) % 28)).padStart(2, '0');
  await writeFile(
    path.join(dataDir, file),
    hhsCsv(`"${name}","KS","Health Plan","10","01/${day}/2024","Theft","Laptop","No",""`),
  );
  return file;
}

function importHhs(from: string, lock?: Parameters<typeof runImport>[0]['lock']) {
  return runImport({ source: 'hhs-ocr', from, dataDir, cwd: dataDir, now: NOW, ...(lock && { lock }) });
}

async function storedNames(): Promise<string[]> {
  const { value, problems } = await readImportedCollection(dataDir, 'hhs-ocr');
  expect(problems).toEqual([]);
  return value.incidents.map((incident) => incident.organization).sort();
}

async function writeLock(holder: Record<string, unknown>, ageMs = 0): Promise<string> {
  const lockFile = importLockPath(dataDir, 'hhs-ocr');
  await mkdir(path.dirname(lockFile), { recursive: true });
  await writeFile(lockFile, JSON.stringify(holder));
  const then = new Date(Date.now() - ageMs);
  await utimes(lockFile, then, then);
  return lockFile;
}

describe('imports of one source running at once', () => {
  it('lose nothing: each one reads what the other wrote', async () => {
    const files = await Promise.all(
      ['Alpha', 'Beta', 'Gamma', 'Delta'].map((name) => exportFile(`${name}.csv`, `${name} Health`)),
    );
    const reports = await Promise.all(files.map((file) => importHhs(file)));
    expect(reports.map((report) => report.added)).toEqual([1, 1, 1, 1]);
    expect(await storedNames()).toEqual(['Alpha Health', 'Beta Health', 'Delta Health', 'Gamma Health']);
    const { value } = await readImportedCollection(dataDir, 'hhs-ocr');
    expect(value.exports.map((record) => path.basename(record.from)).sort()).toEqual(
      files.map((file) => path.basename(file)).sort(),
    );
    await expect(readFile(importLockPath(dataDir, 'hhs-ocr'))).rejects.toThrow(/ENOENT/);
  });

  it('run one after the other: the second starts only once the first has written', async () => {
    const events: string[] = [];
    const slow = (label: string) => async () => {
      events.push(`${label} in`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      events.push(`${label} out`);
    };
    await Promise.all([
      withImportLock(dataDir, 'hhs-ocr', slow('a'), { retryMs: 5 }),
      withImportLock(dataDir, 'hhs-ocr', slow('b'), { retryMs: 5 }),
      withImportLock(dataDir, 'hibp', slow('other source'), { retryMs: 5 }),
    ]);
    // Whichever takes the lock first (a busy machine decides), the other starts only after it is done.
    const same = events.filter((event) => !event.startsWith('other'));
    const first = same[0]?.split(' ')[0];
    const second = first === 'a' ? 'b' : 'a';
    expect(same).toEqual([`${first} in`, `${first} out`, `${second} in`, `${second} out`]);
    // Another source has its own lock and does not wait.
    expect(events.indexOf('other source in')).toBeLessThan(events.indexOf(`${first} out`));
  });

  it('releases the lock when the import fails', async () => {
    const file = importedFilePath(dataDir, 'hhs-ocr');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, '{ not json');
    await expect(importHhs(await exportFile('a.csv', 'Alpha Health'))).rejects.toThrow(/importing would overwrite/);
    await expect(readFile(importLockPath(dataDir, 'hhs-ocr'))).rejects.toThrow(/ENOENT/);
  });
});

describe('a lock left behind', () => {
  it('is taken over at once when its process is gone from this machine', async () => {
    await writeLock({ pid: deadPid(), host: os.hostname(), acquiredAt: new Date().toISOString(), token: 'killed' });
    const report = await importHhs(await exportFile('a.csv', 'Alpha Health'), { timeoutMs: 2_000 });
    expect(report.added).toBe(1);
    expect(await storedNames()).toEqual(['Alpha Health']);
    await expect(readFile(importLockPath(dataDir, 'hhs-ocr'))).rejects.toThrow(/ENOENT/);
  });

  it('is taken over from another machine, or when unreadable, only once older than staleMs', async () => {
    const elsewhere = { pid: 1, host: 'another-host', acquiredAt: '2026-11-24T11:00:00Z', token: 'x' };
    await writeLock(elsewhere, 10 * 60_000);
    expect((await importHhs(await exportFile('a.csv', 'Alpha Health'), { staleMs: 5 * 60_000 })).added).toBe(1);

    await writeLock(elsewhere, 1_000);
    await expect(
      importHhs(await exportFile('b.csv', 'Beta Health'), { staleMs: 5 * 60_000, timeoutMs: 300, retryMs: 20 }),
    ).rejects.toThrow(
      /another import of hhs-ocr is still running \(process 1 on another-host since 2026-11-24T11:00:00Z, holding .*hhs-ocr\.json\.lock\)/,
    );

    // A lock cut short while being written names no holder: only its age tells.
    const lockFile = await writeLock({}, 10 * 60_000);
    await writeFile(lockFile, '');
    const old = new Date(Date.now() - 10 * 60_000);
    await utimes(lockFile, old, old);
    expect((await importHhs('b.csv', { staleMs: 5 * 60_000 })).added).toBe(1);
    expect(await storedNames()).toEqual(['Alpha Health', 'Beta Health']);
  });

  it('held by a live process is waited for, then named, and never removed', async () => {
    const live = { pid: process.pid, host: os.hostname(), acquiredAt: '2026-11-24T11:59:00Z', token: 'someone-else' };
    const lockFile = await writeLock(live, 60 * 60_000);
    const started = Date.now();
    await expect(importHhs(await exportFile('a.csv', 'Alpha Health'), { timeoutMs: 300, retryMs: 20 })).rejects.toThrow(
      `another import of hhs-ocr is still running (process ${process.pid} on ${os.hostname()} since 2026-11-24T11:59:00Z`,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(JSON.parse(await readFile(lockFile, 'utf8'))).toEqual(live);
    await expect(readFile(importedFilePath(dataDir, 'hhs-ocr'))).rejects.toThrow(/ENOENT/);
  });
});

describe('temporary files of a killed import', () => {
  it('are removed by the next import of the source; those of running processes are kept', async () => {
    const file = importedFilePath(dataDir, 'hhs-ocr');
    await mkdir(path.dirname(file), { recursive: true });
    const dead = `${path.basename(file)}.${deadPid()}.tmp`;
    const running = `${path.basename(file)}.${process.ppid}.tmp`;
    const otherSource = `${path.basename(importedFilePath(dataDir, 'hibp'))}.${deadPid()}.tmp`;
    for (const name of [dead, running, otherSource]) {
      await writeFile(path.join(path.dirname(file), name), '{"half": ');
    }

    expect((await importHhs(await exportFile('a.csv', 'Alpha Health'))).added).toBe(1);
    expect((await readdir(path.dirname(file))).sort()).toEqual(['hhs-ocr.json', running, otherSource].sort());
    expect(await storedNames()).toEqual(['Alpha Health']);
  });
});
