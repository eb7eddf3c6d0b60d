import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AnswerContext } from '../../src/answer/answer-query.js';
import { createLiveBreachService, type LiveBreachService } from '../../src/answer/breach-service.js';
import { loadAnswerContext } from '../../src/answer/load-answer-context.js';
import { ChannelPacer } from '../../src/delivery/channel-pacer.js';
import { deliverAlerts } from '../../src/delivery/deliver-alerts.js';
import type { DigestPoster } from '../../src/delivery/deliver-digest.js';
import { runImport } from '../../src/incidents/import/run-import.js';
import { importedFilePath } from '../../src/incidents/imported-store.js';
import { LiveData } from '../../src/live/live-data.js';
import { type ExchangeResult, SharedLists } from '../../src/sources/shared-lists.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { hibpList, names } from '../sources/feed-lists.js';
import { FakeClock } from '../support/fake-clock.js';
import { mondayDigestRunner } from '../support/monday-runner.js';
import { firstCardsAnswerContext, firstCardsDataDir } from '../support/repo-dataset.js';

// Passed through, only counted: whether LiveData attempts alerts is what these tests are about.
vi.mock('../../src/delivery/deliver-alerts.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/delivery/deliver-alerts.js')>();
  return { ...actual, deliverAlerts: vi.fn(actual.deliverAlerts) };
});

const NOW = Date.parse('2026-11-24T12:00:00Z');
const DAY = 86_400_000;
const CHANNEL = 'C0SECURITY1';
const NEW_BREACH = 'Zorblax Clinic';
const BASELINE = names('Shop', 20);

interface LogLine {
  level: 'info' | 'warn' | 'error';
  message: string;
  context?: Record<string, unknown>;
}

let store: Store;
let clock: FakeClock;
const dataDirs: string[] = [];
const lives: LiveData[] = [];

beforeEach(async () => {
  clock = new FakeClock(NOW);
  const dataDir = await newDataDir();
  store = await openStore(`sqlite:${path.join(dataDir, 'store.db')}`);
  vi.mocked(deliverAlerts).mockClear();
});

afterEach(async () => {
  for (const live of lives.splice(0)) await live.stop();
  vi.useRealTimers();
  await store.close();
  for (const dataDir of dataDirs.splice(0)) await rm(dataDir, { recursive: true, force: true });
});

async function newDataDir(): Promise<string> {
  const dataDir = await firstCardsDataDir();
  dataDirs.push(dataDir);
  return dataDir;
}

/** Imports an HIBP list into `dataDir` as `breachbot import` would, on the fake clock's day. */
async function importHibp(dataDir: string, titles: readonly string[], at = clock.now()): Promise<void> {
  await runImport({
    source: 'hibp',
    from: 'hibp.json',
    dataDir,
    cwd: dataDir,
    text: hibpList(titles),
    now: new Date(at),
  });
}

function recordingPoster() {
  const posts: { channelId: string; key: string; text: string }[] = [];
  const poster: DigestPoster = {
    async post(channelId, message, period) {
      posts.push({ channelId, key: period.key, text: message.text });
      return `${posts.length}.000100`;
    },
    findPosted: async () => undefined,
  };
  return { poster, posts };
}

interface Instance {
  live: LiveData;
  service: LiveBreachService;
  log: LogLine[];
  posts: ReturnType<typeof recordingPoster>['posts'];
  onChange: ReturnType<typeof vi.fn>;
}

/** One instance's LiveData over `dataDir`, as bot.ts builds it, sharing the test's store. */
async function instance(
  dataDir: string,
  name: string,
  options: { load?: (dataDir: string) => Promise<AnswerContext>; shared?: SharedLists } = {},
): Promise<Instance> {
  const log: LogLine[] = [];
  const record = (level: LogLine['level']) => (message: string, context?: Record<string, unknown>) =>
    log.push({ level, message, ...(context && { context }) });
  const logger = { info: record('info'), warn: record('warn'), error: record('error') };
  const context = await loadAnswerContext(dataDir);
  const service = createLiveBreachService(context);
  const runner = mondayDigestRunner({ ...context.dataset, store, clock, instanceId: name, logger });
  const shared = options.shared ?? new SharedLists({ store, dataDir, instanceId: name, clock });
  await shared.markLoaded();
  const { poster, posts } = recordingPoster();
  const onChange = vi.fn();
  const live = new LiveData({
    dataDir,
    service,
    runner,
    shared,
    clock,
    logger,
    timeZone: 'UTC',
    recentDays: 60,
    delivery: { store, poster, clock, pacer: new ChannelPacer(clock), instanceId: name, leaseMs: 600_000, logger },
    onChange,
    ...(options.load && { load: options.load }),
  });
  lives.push(live);
  return { live, service, log, posts, onChange };
}

function answeredOrganization(service: LiveBreachService, text: string): string | undefined {
  const answer = service.answer(text);
  return answer.kind === 'incident' ? answer.match.incident.organization : undefined;
}

function errors(log: readonly LogLine[]): LogLine[] {
  return log.filter((line) => line.level === 'error');
}

describe('LiveData', () => {
  it('reloads a list changed here, and one another instance changed, and answers from the new data', async () => {
    const [hereDir, thereDir] = [await newDataDir(), await newDataDir()];
    const here = await instance(hereDir, 'here');
    const there = await instance(thereDir, 'there');
    expect(answeredOrganization(here.service, NEW_BREACH)).toBeUndefined();

    await importHibp(hereDir, [...BASELINE, NEW_BREACH]);
    expect(await here.live.refresh('sync')).toMatchObject({ reloaded: true });
    expect(answeredOrganization(here.service, NEW_BREACH)).toBe(NEW_BREACH);
    expect(here.onChange).toHaveBeenCalled();

    expect(answeredOrganization(there.service, NEW_BREACH)).toBeUndefined();
    expect(await there.live.refresh('poll')).toMatchObject({ reloaded: true });
    expect(answeredOrganization(there.service, NEW_BREACH)).toBe(NEW_BREACH);
    expect(there.log.map((line) => line.message)).toContain('data: answering from the new lists');

    // Nothing changed since: no reload.
    expect(await there.live.refresh('poll')).toMatchObject({ reloaded: false });
    expect(await here.live.refresh('poll')).toMatchObject({ reloaded: false });
    expect([...errors(here.log), ...errors(there.log)]).toEqual([]);
  });

  it('keeps answering from the old data, and logs an error, when a changed list fails to load', async () => {
    const dataDir = await newDataDir();
    await importHibp(dataDir, BASELINE);
    const { live, service, log } = await instance(dataDir, 'one');
    await live.refresh('start');
    expect(answeredOrganization(service, 'Shop 7')).toBe('Shop 7');
    const incidents = service.dataset.incidents.length;

    // A record that breaks the schema: the load refuses the whole data, as a start would.
    await writeFile(
      importedFilePath(dataDir, 'hibp'),
      JSON.stringify({ source: 'hibp', exports: [], incidents: [{ id: 'broken', organization: '' }] }),
    );
    expect(await live.refresh('poll')).toEqual({ reloaded: false, alertsSent: 0 });

    expect(service.dataset.incidents).toHaveLength(incidents);
    expect(answeredOrganization(service, 'Shop 7')).toBe('Shop 7');
    expect(errors(log)).toEqual([
      {
        level: 'error',
        message: 'data: the new lists could not be loaded; still answering from the previous ones',
        context: { sources: 'hibp', error: expect.stringContaining('hibp.json') },
      },
    ]);
    // A failed reload sends no alerts: nothing new is answered from.
    expect(deliverAlerts).toHaveBeenCalledTimes(1);
  });

  it('runs refreshes one at a time, in order, and drops a poll that finds one running', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const context = await firstCardsAnswerContext();
    const events: string[] = [];
    const gates: (() => void)[] = [];
    const changed: ExchangeResult = { changed: ['hibp'], published: [], pulled: [], errors: [] };
    let blocking = false;
    const shared = {
      markLoaded: async () => undefined,
      exchange: vi.fn(async () => {
        events.push('exchange');
        return changed;
      }),
    } as unknown as SharedLists;
    const load = async () => {
      events.push('load');
      if (blocking) await new Promise<void>((resolve) => gates.push(resolve));
      events.push('loaded');
      return context;
    };
    const { live } = await instance(await newDataDir(), 'one', { load, shared });
    await live.start(1_000);
    expect(events).toEqual(['exchange', 'load', 'loaded']);
    events.length = 0;

    blocking = true;
    const refreshes = [live.refresh('sync'), live.refresh('poll'), live.refresh('sync')];
    await vi.waitFor(() => expect(gates).toHaveLength(1));
    // Polls while one is loading: dropped, not queued behind it.
    await vi.advanceTimersByTimeAsync(5_000);
    expect(events).toEqual(['exchange', 'load']);
    for (let released = 0; released < 3; released++) {
      await vi.waitFor(() => expect(gates.length).toBeGreaterThan(released));
      gates[released]?.();
    }
    await Promise.all(refreshes);
    expect(events).toEqual(['exchange', 'load', 'loaded', 'exchange', 'load', 'loaded', 'exchange', 'load', 'loaded']);

    blocking = false;
    events.length = 0;
    await vi.advanceTimersByTimeAsync(1_000);
    await live.stop();
    expect(events).toEqual(['exchange', 'load', 'loaded']);
  });

  it('attempts alerts on the first refresh and after each reload only, and posts each alert once', async () => {
    const dataDir = await newDataDir();
    // The source's first import is history, not news: it gives no record a first-seen day.
    await importHibp(dataDir, BASELINE, NOW - 10 * DAY);
    await store.subscribe(CHANNEL, 'U0ADMIN001', NOW - DAY);
    await store.addVendor(NEW_BREACH, 'U0ADMIN001', NOW - DAY);
    const { live, posts } = await instance(dataDir, 'one');

    // Alerts missed while no instance ran: tried once at start, even with nothing to reload.
    expect(await live.start(60_000)).toEqual({ reloaded: false, alertsSent: 0 });
    expect(deliverAlerts).toHaveBeenCalledTimes(1);
    await live.refresh('poll');
    await live.refresh('sync');
    expect(deliverAlerts).toHaveBeenCalledTimes(1);

    await importHibp(dataDir, [...BASELINE, NEW_BREACH]);
    expect(await live.refresh('poll')).toEqual({ reloaded: true, alertsSent: 1 });
    expect(deliverAlerts).toHaveBeenCalledTimes(2);
    expect(posts).toEqual([{ channelId: CHANNEL, key: `alert:new:hibp-zorblax-clinic`, text: expect.any(String) }]);
    expect(posts[0]?.text).toContain(NEW_BREACH);

    await live.refresh('poll');
    expect(deliverAlerts).toHaveBeenCalledTimes(2);

    // Another reload alerts again, but the filing already alerted is not posted twice.
    await importHibp(dataDir, [...BASELINE, NEW_BREACH, 'Shop 21']);
    expect(await live.refresh('poll')).toEqual({ reloaded: true, alertsSent: 0 });
    expect(deliverAlerts).toHaveBeenCalledTimes(3);
    expect(posts).toHaveLength(1);
  });
});
