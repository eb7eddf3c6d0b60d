import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SyncConfig } from '../../src/config/app-config.js';
import type { SourcesConfig } from '../../src/config/sources-config.js';
import { loadDataset } from '../../src/dataset/load-dataset.js';
import { importedFilePath } from '../../src/incidents/imported-store.js';
import type { LiveData } from '../../src/live/live-data.js';
import { SyncScheduler } from '../../src/live/sync-scheduler.js';
import { readSyncStatus } from '../../src/sources/sync-status.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { ERROR_PAGE, hhsList, hibpList, names, waList } from '../sources/feed-lists.js';
import { type Answer, FeedServer } from '../sources/feed-server.js';
import { FakeClock } from '../support/fake-clock.js';
import { firstCardsDataDir } from '../support/repo-dataset.js';

const JSON_TYPE = 'application/json; charset=utf-8';
const CSV_TYPE = 'text/csv; charset=utf-8';
const HIBP_PATH = '/api/v3/breaches';
const NOW = Date.parse('2026-11-24T12:00:00Z');
/**
 * Monthly, on the 1st at 03:00 UTC: by the fake clock the last fire was 2026-11-01 03:00, and by the
 * real one node-cron never fires while a test runs.
 */
const CRON = '0 3 1 * *';
const LAST_FIRE = Date.parse('2026-11-01T03:00:00Z');
const HOUR = 3_600_000;

interface LogLine {
  level: 'info' | 'warn' | 'error';
  message: string;
}

let server: FeedServer;
let sources: SourcesConfig;
let dataDir: string;
let store: Store;
let clock: FakeClock;
let log: LogLine[];
const schedulers: SyncScheduler[] = [];

beforeAll(async () => {
  server = await new FeedServer().start();
  sources = { hibpUrl: server.url(HIBP_PATH), waAgUrl: server.url('/wa.csv'), hhsOcrUrl: undefined };
});

afterAll(async () => {
  await server.stop();
});

beforeEach(async () => {
  dataDir = await firstCardsDataDir();
  store = await openStore(`sqlite:${path.join(dataDir, 'store.db')}`);
  clock = new FakeClock(NOW);
  log = [];
  server.requests.length = 0;
  server.set(HIBP_PATH, hibp(names('Shop', 20)));
  server.set('/wa.csv', { kind: 'list', body: waList(names('Retailer', 10)), contentType: CSV_TYPE });
});

afterEach(async () => {
  for (const scheduler of schedulers.splice(0)) await scheduler.stop();
  await store.close();
  await rm(dataDir, { recursive: true, force: true });
});

function hibp(titles: readonly string[], firstDay?: number): Answer {
  return { kind: 'list', body: hibpList(titles, firstDay), contentType: JSON_TYPE };
}

/** LiveData's part, recorded: the scheduler only hands it the new lists. */
function fakeLive() {
  const refresh = vi.fn(async (_reason: 'start' | 'poll' | 'sync') => ({ reloaded: true, alertsSent: 0 }));
  return { live: { refresh } as unknown as LiveData, refresh };
}

function scheduler(
  options: { instanceId?: string; live?: LiveData; config?: Partial<SourcesConfig> } = {},
): SyncScheduler {
  const config: SyncConfig & { cron: string } = {
    cron: CRON,
    timeZone: 'UTC',
    sources: { ...sources, ...options.config },
  };
  const record = (level: LogLine['level']) => (message: string) => log.push({ level, message });
  const created = new SyncScheduler({
    config,
    dataDir,
    store,
    clock,
    instanceId: options.instanceId ?? 'instance-a',
    logger: { info: record('info'), warn: record('warn'), error: record('error') },
    live: options.live ?? fakeLive().live,
    timeoutMs: 5_000,
  });
  schedulers.push(created);
  return created;
}

function errors(): string[] {
  return log.filter((line) => line.level === 'error').map((line) => line.message);
}

async function storedHibp(): Promise<Buffer | undefined> {
  return readFile(importedFilePath(dataDir, 'hibp')).catch(() => undefined);
}

async function datasetNames(): Promise<string[]> {
  const { dataset, problems } = await loadDataset(dataDir);
  expect(problems).toEqual([]);
  return (dataset?.incidents ?? []).map((incident) => incident.organization).sort();
}

describe('SyncScheduler.run', () => {
  it('imports an updated list, then hands the new lists to LiveData', async () => {
    const { live, refresh } = fakeLive();
    const sync = scheduler({ live });
    expect((await sync.run('now')).map((outcome) => [outcome.source, outcome.kind])).toEqual([
      ['hhs-ocr', 'skipped'],
      ['hibp', 'updated'],
      ['wa-ag', 'updated'],
    ]);
    expect(refresh).toHaveBeenCalledTimes(1);

    server.set(HIBP_PATH, hibp([...names('Shop', 20), 'Brand New Breach']));
    clock.advance(HOUR);
    const outcomes = await sync.run('now');

    expect(outcomes.find((outcome) => outcome.source === 'hibp')).toMatchObject({
      kind: 'updated',
      report: { added: 1 },
    });
    expect(outcomes.find((outcome) => outcome.source === 'wa-ag')?.kind).toBe('unchanged');
    expect(refresh).toHaveBeenCalledTimes(2);
    expect(refresh).toHaveBeenLastCalledWith('sync');
    expect(await datasetNames()).toContain('Brand New Breach');
    expect(errors()).toEqual([]);
    expect(log.filter((line) => line.level === 'info').map((line) => line.message)).toContainEqual(
      expect.stringMatching(/^sync \(now\): hibp: updated: .*added 1\b/),
    );
  });

  const good = hibpList(names('Shop', 20));
  it.each<[string, Answer, RegExp]>([
    [
      'an HTML page in its place',
      { kind: 'list', body: ERROR_PAGE, contentType: 'text/html; charset=utf-8' },
      /the answer is a web page, not the JSON breach list$/,
    ],
    [
      'a body cut off before its declared length',
      { kind: 'cut-off', body: good, contentType: JSON_TYPE },
      /the download from .* broke off/,
    ],
    ['a much shorter list', hibp(names('Shop', 10)), /the list has 10 records where the last one .* had 20/],
  ])('refuses %s: the stored list and the dataset stay, and one error line says why', async (_, answer, why) => {
    const { live, refresh } = fakeLive();
    const sync = scheduler({ live });
    await sync.run('now');
    const before = await storedHibp();
    const namesBefore = await datasetNames();
    expect(before).toBeDefined();

    server.set(HIBP_PATH, answer);
    clock.advance(HOUR);
    const outcome = (await sync.run('now')).find((each) => each.source === 'hibp');

    expect(outcome?.kind).toBe('refused');
    expect(await storedHibp()).toEqual(before);
    expect(await datasetNames()).toEqual(namesBefore);
    expect(errors()).toEqual([
      expect.stringMatching(/^sync \(now\): hibp: refused, the stored list stays as it was: /),
    ]);
    expect(errors()[0]).toMatch(why);
    expect((await readSyncStatus(dataDir, 'hibp')).status?.lastError?.at).toBe(new Date(clock.now()).toISOString());
    // The other lists' news still reaches the instances.
    expect(refresh).toHaveBeenCalledTimes(2);
  });
});

describe('SyncScheduler catch-up at start', () => {
  /** Syncs every configured list at `at`, as an earlier run of the bot would have. */
  async function syncedAt(at: number, config?: Partial<SourcesConfig>): Promise<void> {
    clock.set(at);
    await scheduler({ instanceId: 'earlier', ...(config && { config }) }).run('scheduled');
    clock.set(NOW);
    server.requests.length = 0;
  }

  it('runs when no configured list was ever tried', async () => {
    const { live, refresh } = fakeLive();
    const outcomes = await scheduler({ live }).start();

    expect(outcomes?.map((outcome) => [outcome.source, outcome.kind])).toEqual([
      ['hhs-ocr', 'skipped'],
      ['hibp', 'updated'],
      ['wa-ag', 'updated'],
    ]);
    expect(refresh).toHaveBeenCalledWith('sync');
    expect(log.map((line) => line.message)).toContainEqual(expect.stringMatching(/^sync \(catch-up\): hibp: updated/));
  });

  it('does not run when every configured list was tried since the last fire', async () => {
    await syncedAt(LAST_FIRE + HOUR);
    const { live, refresh } = fakeLive();

    expect(await scheduler({ live }).start()).toBeUndefined();
    expect(server.requests).toEqual([]);
    expect(refresh).not.toHaveBeenCalled();
  });

  it('runs when a list was last tried before the last fire', async () => {
    await syncedAt(LAST_FIRE - HOUR);
    const outcomes = await scheduler().start();
    expect(outcomes?.find((outcome) => outcome.source === 'hibp')?.kind).toBe('unchanged');
    expect(server.requestsTo(HIBP_PATH)).toHaveLength(1);
  });

  it('runs when a configured list was never tried, though the others were since the last fire', async () => {
    await syncedAt(LAST_FIRE + HOUR);
    server.set('/hhs.csv', { kind: 'list', body: hhsList(names('Clinic', 5)), contentType: CSV_TYPE });

    const outcomes = await scheduler({ config: { hhsOcrUrl: server.url('/hhs.csv') } }).start();

    expect(outcomes?.find((outcome) => outcome.source === 'hhs-ocr')?.kind).toBe('updated');
  });

  it('runs on one of two instances sharing the store', async () => {
    const a = fakeLive();
    const b = fakeLive();
    const results = await Promise.all([
      scheduler({ instanceId: 'instance-a', live: a.live }).start(),
      scheduler({ instanceId: 'instance-b', live: b.live }).start(),
    ]);

    expect(results.filter((outcomes) => outcomes !== undefined)).toHaveLength(1);
    expect(server.requestsTo(HIBP_PATH)).toHaveLength(1);
    expect(server.requestsTo('/wa.csv')).toHaveLength(1);
    expect(a.refresh.mock.calls.length + b.refresh.mock.calls.length).toBe(1);
  });
});
