import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SourcesConfig } from '../../src/config/sources-config.js';
import { SourceStatus, type SourceStatusDeps } from '../../src/services/source-status.js';
import type { SourceOverview } from '../../src/sources/source-overview.js';
import { recordSyncResult } from '../../src/sources/sync-status.js';
import { FakeClock } from '../support/fake-clock.js';
import { DAY, HOUR, NOW, overview } from './source-overviews.js';

const CONFIG: SourcesConfig = {
  hibpUrl: 'https://hibp.example/breaches',
  waAgUrl: 'https://wa.example/x.csv',
  hhsOcrUrl: undefined,
};
const ADMIN = 'U0ADMIN001';
const SOMEONE = 'U0SOMEONE1';

function status(overviews: SourceOverview[], deps: Partial<SourceStatusDeps> = {}) {
  const read = vi.fn(async () => overviews);
  const clock = new FakeClock(NOW);
  const sources = new SourceStatus({
    dataDir: '/nowhere',
    config: CONFIG,
    syncEnabled: true,
    adminUserIds: [ADMIN],
    clock,
    read,
    ...deps,
  });
  return { sources, read, clock };
}

const stale = overview({ source: 'hibp', syncedAt: NOW - 4 * DAY });
const fresh = overview({ source: 'wa-ag', syncedAt: NOW - HOUR });

describe('SourceStatus', () => {
  it('reads the overviews once, for concurrent callers too, until invalidated', async () => {
    const { sources, read } = status([stale, fresh]);
    const [first, second] = await Promise.all([sources.overviews(), sources.overviews()]);
    expect(first).toBe(second);
    await sources.overviews();
    await sources.staleFor(ADMIN);
    expect(read).toHaveBeenCalledTimes(1);
    sources.invalidate();
    await sources.overviews();
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('does not keep a failed read', async () => {
    const read = vi.fn<() => Promise<SourceOverview[]>>();
    read.mockRejectedValueOnce(new Error('disk on fire')).mockResolvedValue([fresh]);
    const { sources } = status([], { read });
    await expect(sources.overviews()).rejects.toThrow('disk on fire');
    expect(await sources.overviews()).toEqual([fresh]);
  });

  it('shows stale sources to admins only, by the clock', async () => {
    const { sources, clock } = status([stale, fresh]);
    expect((await sources.staleFor(ADMIN)).map((o) => o.feed.source)).toEqual(['hibp']);
    expect(await sources.staleFor(SOMEONE)).toEqual([]);
    clock.advance(3 * DAY);
    expect((await sources.staleFor(ADMIN)).map((o) => o.feed.source)).toEqual(['hibp', 'wa-ag']);
  });

  it('shows them to everyone when ADMIN_USER_IDS is unset, since everyone may administer', async () => {
    const { sources } = status([stale], { adminUserIds: undefined });
    expect(sources.isAdmin(SOMEONE)).toBe(true);
    expect(await sources.staleFor(SOMEONE)).toHaveLength(1);
  });

  it('shows none while scheduled sync is off, without reading anything', async () => {
    const { sources, read } = status([stale], { syncEnabled: false });
    expect(sources.syncEnabled).toBe(false);
    expect(await sources.staleFor(ADMIN)).toEqual([]);
    expect(read).not.toHaveBeenCalled();
  });
});

describe('SourceStatus over a data folder', () => {
  let dataDir: string | undefined;
  afterEach(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    dataDir = undefined;
  });

  it('reads the sync status files, and a sync shows after invalidate()', async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'breachbot-source-status-'));
    const sources = new SourceStatus({
      dataDir,
      config: CONFIG,
      syncEnabled: true,
      adminUserIds: undefined,
      clock: new FakeClock(NOW),
    });
    expect((await sources.staleFor(ADMIN)).map((o) => o.feed.source)).toEqual(['hibp', 'wa-ag']);
    const success = {
      at: new Date(NOW - HOUR).toISOString(),
      url: CONFIG.hibpUrl,
      asOf: '2026-12-08',
      records: 0,
      sha256: 'b'.repeat(64),
    };
    await recordSyncResult(dataDir, 'hibp', { at: success.at, success });
    expect((await sources.staleFor(ADMIN)).map((o) => o.feed.source)).toEqual(['hibp', 'wa-ag']);
    sources.invalidate();
    expect((await sources.staleFor(ADMIN)).map((o) => o.feed.source)).toEqual(['wa-ag']);
  });
});
