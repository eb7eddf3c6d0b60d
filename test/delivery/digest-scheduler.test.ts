import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AnswerContext } from '../../src/answer/answer-query.js';
import { type DigestPoster, PostError } from '../../src/delivery/deliver-digest.js';
import { DigestRunner } from '../../src/delivery/digest-runner.js';
import { DigestScheduler } from '../../src/delivery/digest-scheduler.js';
import { systemClock } from '../../src/digest/clock.js';
import { DigestSchedule } from '../../src/digest/digest-schedule.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { firstCardsAnswerContext } from '../support/repo-dataset.js';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Records posts; fails the first `failures` of them with a passing error. */
function recordingPoster(failures = 0) {
  const posts: { channelId: string; period: string }[] = [];
  let left = failures;
  const poster: DigestPoster = {
    async post(channelId, _message, period) {
      if (left-- > 0) throw new PostError('internal_error', 'transient');
      posts.push({ channelId, period: period.key });
      return `${Date.now() / 1000}`;
    },
    findPosted: async () => undefined,
  };
  return { poster, posts };
}

let context: AnswerContext;
let store: Store;
let scheduler: DigestScheduler | undefined;

beforeAll(async () => {
  context = await firstCardsAnswerContext();
});

beforeEach(async () => {
  store = await openStore('sqlite::memory:');
});

afterEach(async () => {
  await scheduler?.stop();
  scheduler = undefined;
  vi.useRealTimers();
  await store.close();
});

function startScheduler(poster: DigestPoster, cron = '0 9 * * 1', timeZone = 'UTC') {
  const runner = new DigestRunner({
    incidents: context.dataset.incidents,
    guidance: context.dataset.guidance,
    store,
    schedule: new DigestSchedule(cron, timeZone),
    clock: systemClock,
    instanceId: 'test',
    logger: silent,
    poster,
  });
  scheduler = new DigestScheduler({ runner, store, clock: systemClock, instanceId: 'test', logger: silent });
  return scheduler.start();
}

describe('DigestScheduler', () => {
  it('fires at DIGEST_CRON in DIGEST_TZ and delivers the period that just ended', async () => {
    vi.useFakeTimers({ now: new Date('2026-12-07T07:58:00Z') });
    await store.subscribe('C1', 'U1', Date.parse('2026-12-01T10:00:00Z'));
    const { poster, posts } = recordingPoster();
    // 09:00 in Berlin is 08:00 UTC in winter.
    await startScheduler(poster, '0 9 * * 1', 'Europe/Berlin');
    expect(posts).toEqual([]);

    await vi.advanceTimersByTimeAsync(60_000);
    expect(posts).toEqual([]);
    await vi.advanceTimersByTimeAsync(61_000);
    await vi.waitFor(() => expect(posts).toEqual([{ channelId: 'C1', period: '2026-W49' }]));
    expect(await store.delivery('C1', '2026-W49')).toMatchObject({ state: 'sent' });
  });

  it('catches up at start a run missed while it was down, once', async () => {
    vi.useFakeTimers({ now: new Date('2026-12-09T15:00:00Z') });
    await store.subscribe('C1', 'U1', Date.parse('2026-11-01T10:00:00Z'));
    // Subscribed after the missed fire: that channel waits for the next one.
    await store.subscribe('C2', 'U1', Date.parse('2026-12-08T10:00:00Z'));
    const { poster, posts } = recordingPoster();
    await startScheduler(poster);
    expect(posts).toEqual([{ channelId: 'C1', period: '2026-W49' }]);

    await scheduler?.stop();
    await startScheduler(poster);
    expect(posts).toHaveLength(1);
  });

  it('retries a passing failure after a back-off, on the fake clock', async () => {
    vi.useFakeTimers({ now: new Date('2026-12-07T10:00:00Z') });
    await store.subscribe('C1', 'U1', Date.parse('2026-11-01T10:00:00Z'));
    const { poster, posts } = recordingPoster(1);
    await startScheduler(poster);
    expect(posts).toEqual([]);
    expect(await store.delivery('C1', '2026-W49')).toMatchObject({ state: 'retry' });

    await vi.advanceTimersByTimeAsync(59_000);
    expect(posts).toEqual([]);
    await vi.advanceTimersByTimeAsync(2_000);
    await vi.waitFor(() => expect(posts).toEqual([{ channelId: 'C1', period: '2026-W49' }]));
  });

  it('reports the next run', async () => {
    vi.useFakeTimers({ now: new Date('2026-12-02T12:00:00Z') });
    const { poster } = recordingPoster();
    await startScheduler(poster);
    expect(scheduler?.nextRun()).toEqual(new Date('2026-12-07T09:00:00Z'));
  });
});
