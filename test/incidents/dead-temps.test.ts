import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importedFilePath, removeDeadTemps } from '../../src/incidents/imported-store.js';
import { syncStatusPath, writeAtomically } from '../../src/sources/sync-status.js';

let dataDir: string;
/** A pid that ran and is gone: what a killed import leaves its temp file named after. */
let deadPid: number;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'breachbot-temps-'));
  await mkdir(path.join(dataDir, 'imported'), { recursive: true });
  deadPid = spawnSync(process.execPath, ['-e', '']).pid as number;
});

afterEach(() => rm(dataDir, { recursive: true, force: true }));

const leftovers = async () => (await readdir(path.join(dataDir, 'imported'))).filter((name) => name.endsWith('.tmp'));

describe('temporary files of a killed process', () => {
  it('are removed by the next atomic write of a shared list or a sync status', async () => {
    const list = importedFilePath(dataDir, 'hhs-ocr');
    const status = syncStatusPath(dataDir, 'hhs-ocr');
    await writeFile(`${list}.${deadPid}.1a2b3c4d.tmp`, '{"half', 'utf8');
    await writeFile(`${status}.${deadPid}.5e6f7a8b.tmp`, '{"half', 'utf8');
    await writeAtomically(list, '{}\n');
    await writeAtomically(status, '{}\n');
    expect(await leftovers()).toEqual([]);
  });

  it('are removed at start, before anything is written, and a running process keeps its own', async () => {
    const list = importedFilePath(dataDir, 'wa-ag');
    await writeFile(`${list}.${deadPid}.tmp`, '{"half', 'utf8');
    await writeFile(`${list}.${deadPid}.1a2b3c4d.tmp`, '{"half', 'utf8');
    const mine = `${list}.${process.pid}.9c9c9c9c.tmp`;
    await writeFile(mine, '{"being written', 'utf8');
    // Alive (this process), but written by nobody for a day: a pid reused after a crash looks alive.
    const abandoned = `${list}.${process.ppid}.77777777.tmp`;
    await writeFile(abandoned, '{"half', 'utf8');
    const dayAgo = new Date(Date.now() - 24 * 3600_000);
    await utimes(abandoned, dayAgo, dayAgo);
    await removeDeadTemps(path.join(dataDir, 'imported'));
    expect(await leftovers()).toEqual([path.basename(mine)]);
  });
});
