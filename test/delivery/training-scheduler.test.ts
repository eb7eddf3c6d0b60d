import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AnswerContext } from '../../src/answer/answer-query.js';
import { type DigestPoster, PostError } from '../../src/delivery/deliver-digest.js';
import { DigestRunner } from '../../src/delivery/digest-runner.js';
import { DigestScheduler, TRAINING_TASK_NAME } from '../../src/delivery/digest-scheduler.js';
import { type TrainingRun, TrainingRunner } from '../../src/delivery/training-runner.js';
import { systemClock } from '../../src/digest/clock.js';
import { DigestSchedule } from '../../src/digest/digest-schedule.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { trainingQuizId } from '../../src/training/quiz-id.js';
import { firstCardsAnswerContext } from '../support/repo-dataset.js';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const TRAINER = 'U0TRAINER1';
const CHANNELS = ['C0SEC00001', 'C0SEC00002', 'C0SEC00003'];

/** Records posts, shared by every instance as one Slack workspace is; fails the first `failures` with a passing error. */
function recordingPoster(failures = 0) {
  const posts: { channelId: string; key: string }[] = [];
  let left = failures;
  const poster: DigestPoster = {
    async post(channelId, _message, period) {
      if (left-- > 0) throw new PostError('internal_error', 'transient');
      posts.push({ channelId, key: period.key });
      return `${Date.now() / 1000}`;
    },
    findPosted: async (channelId, period) =>
      posts.some((post) => post.channelId === channelId && post.key === period.key) ? '1.1' : undefined,
  };
  return { poster, posts };
}

function perChannel(posts: readonly { channelId: string; key: string }[], key: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const post of posts.filter((post) => post.key === key))
    counts[post.channelId] = (counts[post.channelId] ?? 0) + 1;
  return counts;
}

const once = (channels: readonly string[]) => Object.fromEntries(channels.map((channel) => [channel, 1]));

let context: AnswerContext;
let dir: string;
const stores: Store[] = [];
const schedulers: { stop(): Promise<void> }[] = [];

beforeAll(async () => {
  context = await firstCardsAnswerContext();
});

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'breachbot-training-'));
});

afterEach(async () => {
  for (const scheduler of schedulers.splice(0)) await scheduler.stop();
  vi.useRealTimers();
  for (const store of stores.splice(0)) await store.close();
  await rm(dir, { recursive: true, force: true });
});

/** One bot instance's store connection to the shared database file. */
async function storeOf(): Promise<Store> {
  const store = await openStore(`sqlite:${path.join(dir, 'shared.db')}`);
  stores.push(store);
  return store;
}

/** One instance's training scheduler on TRAINING_CRON, with the real quiz builder and post over the first two cards. */
function trainingScheduler(store: Store, poster: DigestPoster, instanceId = 'a', cron = '0 10 * * 3') {
  const runner = new TrainingRunner({
    incidents: context.dataset.incidents,
    guidance: context.dataset.guidance,
    store,
    schedule: new DigestSchedule(cron, 'UTC'),
    clock: systemClock,
    instanceId,
    logger: silent,
    poster,
  });
  const scheduler = new DigestScheduler<TrainingRun>({
    runner,
    store,
    clock: systemClock,
    instanceId,
    logger: silent,
    taskName: TRAINING_TASK_NAME,
    label: 'training',
  });
  schedulers.push(scheduler);
  return scheduler;
}

async function subscribeAll(store: Store, at = Date.parse('2026-11-01T10:00:00Z')) {
  for (const channel of CHANNELS) await store.subscribeTraining(channel, TRAINER, at);
}

describe('the training post on the digest’s scheduler', () => {
  it('fires at TRAINING_CRON and posts once per channel, each with its own quiz kept in the store', async () => {
    vi.useFakeTimers({
      now: new Date('2026-12-09T09:58:00Z'),
      toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'],
    });
    const store = await storeOf();
    await subscribeAll(store);
    const { poster, posts } = recordingPoster();
    await trainingScheduler(store, poster).start();
    // The catch-up delivers last Wednesday's, which nobody subscribed by then had had.
    expect(perChannel(posts, 'training:2026-W49')).toEqual(once(CHANNELS));

    await vi.advanceTimersByTimeAsync(60_000);
    expect(perChannel(posts, 'training:2026-W50')).toEqual({});
    await vi.advanceTimersByTimeAsync(61_000);
    await vi.waitFor(() => expect(perChannel(posts, 'training:2026-W50')).toEqual(once(CHANNELS)));
    const picks = await store.trainingPicks(0);
    expect(picks.map((pick) => pick.periodKey)).toEqual(['2026-W50', '2026-W49']);
    // Two cards, two weeks: the second week's is the other card, never the same one again.
    expect(new Set(picks.map((pick) => pick.incidentId)).size).toBe(2);
    for (const channel of CHANNELS) {
      const quizId = trainingQuizId(channel, '2026-W50');
      expect(await store.quiz(quizId)).toMatchObject({ channelId: channel, postedBy: TRAINER });
      expect(await store.delivery(channel, 'training:2026-W50')).toMatchObject({ state: 'sent' });
    }
  });

  it('catches up a missed Wednesday at start, once, and a restart posts nothing', async () => {
    vi.useFakeTimers({ now: new Date('2026-12-11T15:00:00Z'), toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    const store = await storeOf();
    await subscribeAll(store, Date.parse('2026-12-01T10:00:00Z'));
    // Turned on after the missed fire: that channel waits for the next one.
    await store.subscribeTraining('C0LATE0001', TRAINER, Date.parse('2026-12-10T10:00:00Z'));
    const { poster, posts } = recordingPoster();
    const run = await trainingScheduler(store, poster).start();
    expect(run?.period.key).toBe('2026-W50');
    expect(perChannel(posts, 'training:2026-W50')).toEqual(once(CHANNELS));

    await schedulers.pop()?.stop();
    await trainingScheduler(store, poster).start();
    expect(posts).toHaveLength(CHANNELS.length);
  });

  it('with two instances starting at once after a missed Wednesday, posts once per channel', async () => {
    vi.useFakeTimers({ now: new Date('2026-12-11T15:00:00Z'), toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    const setup = await storeOf();
    await subscribeAll(setup);
    const { poster, posts } = recordingPoster();
    const [a, b] = [trainingScheduler(await storeOf(), poster, 'a'), trainingScheduler(await storeOf(), poster, 'b')];
    await Promise.all([a.start(), b.start()]);
    expect(perChannel(posts, 'training:2026-W50')).toEqual(once(CHANNELS));
    expect(await setup.trainingPicks(0)).toHaveLength(1);
  });

  it('retries a passing failure after a minute, on the fake clock', async () => {
    vi.useFakeTimers({ now: new Date('2026-12-09T10:00:00Z'), toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    const store = await storeOf();
    await store.subscribeTraining(CHANNELS[0] as string, TRAINER, Date.parse('2026-12-02T12:00:00Z'));
    const { poster, posts } = recordingPoster(1);
    await trainingScheduler(store, poster).start();
    expect(posts).toEqual([]);
    expect(await store.delivery(CHANNELS[0] as string, 'training:2026-W50')).toMatchObject({ state: 'retry' });

    await vi.advanceTimersByTimeAsync(59_000);
    expect(posts).toEqual([]);
    await vi.advanceTimersByTimeAsync(2_000);
    await vi.waitFor(() => expect(posts).toEqual([{ channelId: CHANNELS[0], key: 'training:2026-W50' }]));
  });

  it('runs beside the digest, each on its own schedule and under its own keys', async () => {
    vi.useFakeTimers({ now: new Date('2026-12-09T10:30:00Z'), toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    const store = await storeOf();
    await subscribeAll(store);
    await store.subscribe(CHANNELS[0] as string, TRAINER, Date.parse('2026-11-01T10:00:00Z'));
    const { poster, posts } = recordingPoster();
    const digest = new DigestScheduler({
      runner: new DigestRunner({
        ...context.dataset,
        store,
        schedule: new DigestSchedule('0 9 * * 1', 'UTC'),
        clock: systemClock,
        instanceId: 'a',
        logger: silent,
        poster,
      }),
      store,
      clock: systemClock,
      instanceId: 'a',
      logger: silent,
    });
    schedulers.push(digest);
    await Promise.all([digest.start(), trainingScheduler(store, poster).start()]);
    // Monday's digest covers the week to Sunday (2026-W49); Wednesday's training is keyed by its own period.
    expect(perChannel(posts, '2026-W49')).toEqual(once([CHANNELS[0] as string]));
    expect(perChannel(posts, 'training:2026-W50')).toEqual(once(CHANNELS));
    expect(await store.lastDelivery(CHANNELS[0] as string)).toMatchObject({ periodKey: '2026-W49' });
    expect(await store.lastDelivery(CHANNELS[0] as string, 'training:')).toMatchObject({
      periodKey: 'training:2026-W50',
    });
  });

  it('reports its next run', async () => {
    vi.useFakeTimers({ now: new Date('2026-12-10T12:00:00Z'), toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    const scheduler = trainingScheduler(await storeOf(), recordingPoster().poster);
    await scheduler.start();
    expect(scheduler.nextRun()).toEqual(new Date('2026-12-16T10:00:00Z'));
  });
});
