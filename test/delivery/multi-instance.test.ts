import { WebClient } from '@slack/web-api';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import type { AnswerContext } from '../../src/answer/answer-query.js';
import { DigestRunner } from '../../src/delivery/digest-runner.js';
import { DigestScheduler, TRAINING_TASK_NAME } from '../../src/delivery/digest-scheduler.js';
import { type TrainingRun, TrainingRunner } from '../../src/delivery/training-runner.js';
import { systemClock } from '../../src/digest/clock.js';
import { DigestSchedule } from '../../src/digest/digest-schedule.js';
import type { SlackEmulator } from '../../src/playground/emulator/web-api-server.js';
import { webClientOptions } from '../../src/slack/app.js';
import { slackDigestPoster } from '../../src/slack/digest-poster.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { startCheckedEmulator } from '../support/checked-emulator.js';
import { digestPostsPerChannel, oncePerChannel } from '../support/digest-posts.js';
import { describePostgres } from '../support/postgres-server.js';
import { firstCardsAnswerContext } from '../support/repo-dataset.js';

const CHANNELS = ['C0SEC00001', 'C0SEC00002', 'C0SEC00003', 'C0SEC00004'];
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

let context: AnswerContext;
let emulator: SlackEmulator;
const stores: Store[] = [];
const schedulers: { stop(): Promise<void> }[] = [];

beforeAll(async () => {
  context = await firstCardsAnswerContext();
  emulator = await startCheckedEmulator({
    channels: Object.fromEntries(CHANNELS.map((id) => [id, { visibility: 'public', isMember: true }])),
  });
});

afterEach(async () => {
  for (const scheduler of schedulers.splice(0)) await scheduler.stop();
  vi.useRealTimers();
  for (const store of stores.splice(0)) await store.close();
});

afterAll(async () => {
  await emulator.close();
});

/** One bot instance: its own connection pool to the shared database, its own Slack client and scheduler. */
async function instance(databaseUrl: string, name: string): Promise<DigestScheduler> {
  const store = await openStore(databaseUrl);
  stores.push(store);
  const client = new WebClient('xoxb-1-test', webClientOptions({ slackApiUrl: emulator.url }));
  const runner = new DigestRunner({
    incidents: context.dataset.incidents,
    guidance: context.dataset.guidance,
    store,
    schedule: new DigestSchedule('0 9 * * 1', 'UTC'),
    clock: systemClock,
    instanceId: name,
    logger: silent,
    poster: slackDigestPoster(client),
  });
  const scheduler = new DigestScheduler({ runner, store, clock: systemClock, instanceId: name, logger: silent });
  schedulers.push(scheduler);
  return scheduler;
}

/** One bot instance's training scheduler (Wednesdays 10:00 UTC), on its own pool and Slack client. */
async function trainingInstance(databaseUrl: string, name: string): Promise<DigestScheduler<TrainingRun>> {
  const store = await openStore(databaseUrl);
  stores.push(store);
  const client = new WebClient('xoxb-1-test', webClientOptions({ slackApiUrl: emulator.url }));
  const runner = new TrainingRunner({
    incidents: context.dataset.incidents,
    guidance: context.dataset.guidance,
    store,
    schedule: new DigestSchedule('0 10 * * 3', 'UTC'),
    clock: systemClock,
    instanceId: name,
    logger: silent,
    poster: slackDigestPoster(client),
  });
  const scheduler = new DigestScheduler<TrainingRun>({
    runner,
    store,
    clock: systemClock,
    instanceId: name,
    logger: silent,
    taskName: TRAINING_TASK_NAME,
    label: 'training',
  });
  schedulers.push(scheduler);
  return scheduler;
}

/** A fresh database with every channel subscribed, and three instances on it, under a fake clock at `now`. */
async function threeInstances(databaseUrl: string, now: string) {
  // Only Date and timers are faked: PostgreSQL and HTTP traffic run for real.
  vi.useFakeTimers({ now: new Date(now), toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  const setup = await openStore(databaseUrl);
  stores.push(setup);
  for (const channel of CHANNELS) await setup.subscribe(channel, 'U1', Date.parse('2026-12-01T00:00:00Z'));
  const instances = await Promise.all(['a', 'b', 'c'].map((name) => instance(databaseUrl, name)));
  return { setup, instances };
}

/** As `threeInstances`, for the weekly training post. */
async function threeTrainingInstances(databaseUrl: string, now: string) {
  vi.useFakeTimers({ now: new Date(now), toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  const setup = await openStore(databaseUrl);
  stores.push(setup);
  for (const channel of CHANNELS) await setup.subscribeTraining(channel, 'U1', Date.parse('2026-12-01T00:00:00Z'));
  const instances = await Promise.all(['a', 'b', 'c'].map((name) => trainingInstance(databaseUrl, name)));
  return { setup, instances };
}

describePostgres('three instances sharing one PostgreSQL', (postgres) => {
  it('fire at once and post exactly one digest per channel', async () => {
    const { setup, instances } = await threeInstances(await postgres().createDatabase(), '2026-12-07T08:59:00Z');
    await Promise.all(instances.map((scheduler) => scheduler.start()));
    expect(digestPostsPerChannel(emulator, '2026-W49')).toEqual({});

    await vi.advanceTimersByTimeAsync(61_000);
    await vi.waitFor(() => expect(digestPostsPerChannel(emulator, '2026-W49')).toEqual(oncePerChannel(CHANNELS)), {
      timeout: 10_000,
    });
    for (const channel of CHANNELS) {
      expect(await setup.delivery(channel, '2026-W49')).toMatchObject({ state: 'sent' });
    }
  });

  it('start at once after a missed run and catch it up exactly once per channel', async () => {
    const { instances } = await threeInstances(await postgres().createDatabase(), '2026-12-15T12:00:00Z');
    await Promise.all(instances.map((scheduler) => scheduler.start()));
    expect(digestPostsPerChannel(emulator, '2026-W50')).toEqual(oncePerChannel(CHANNELS));
  });

  it('fire the training post at once and post it exactly once per channel, one pick for all', async () => {
    const { setup, instances } = await threeTrainingInstances(
      await postgres().createDatabase(),
      '2026-12-09T09:59:00Z',
    );
    await Promise.all(instances.map((scheduler) => scheduler.start()));
    expect(digestPostsPerChannel(emulator, 'training:2026-W50')).toEqual({});

    await vi.advanceTimersByTimeAsync(61_000);
    await vi.waitFor(
      () => expect(digestPostsPerChannel(emulator, 'training:2026-W50')).toEqual(oncePerChannel(CHANNELS)),
      { timeout: 10_000 },
    );
    const picks = await setup.trainingPicks(0);
    expect(picks.filter((pick) => pick.periodKey === '2026-W50')).toHaveLength(1);
  });

  it('start at once after a missed Wednesday and catch the training post up exactly once per channel', async () => {
    const { instances } = await threeTrainingInstances(await postgres().createDatabase(), '2026-12-17T12:00:00Z');
    await Promise.all(instances.map((scheduler) => scheduler.start()));
    expect(digestPostsPerChannel(emulator, 'training:2026-W51')).toEqual(oncePerChannel(CHANNELS));
  });
});
