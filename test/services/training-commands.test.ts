import { afterEach, describe, expect, it, vi } from 'vitest';
import { TrainingRunner } from '../../src/delivery/training-runner.js';
import { DigestSchedule } from '../../src/digest/digest-schedule.js';
import type { Incident } from '../../src/incidents/model.js';
import type { Announce } from '../../src/services/channel-subscription.js';
import { createTrainingServices } from '../../src/services/training-commands.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { parseTrainingCommand, type TrainingCommand } from '../../src/training/parse-training-command.js';
import { trainingQuizId } from '../../src/training/quiz-id.js';
import { FakeClock } from '../support/fake-clock.js';
import { makeIncident } from '../support/incident-factory.js';
import { shippedGuidance } from '../support/repo-dataset.js';
import { fakeQuizBuilder } from '../training/fake-quiz-builder.js';

/** Thursday 10 December 2026, 12:00 UTC: the Wednesday 10:00 training last ran yesterday. */
const NOW = Date.parse('2026-12-10T12:00:00Z');
const NEXT_WEDNESDAY = new Date('2026-12-16T10:00:00Z');
const CHANNEL = 'C0SECURITY1';
const ADMIN = 'U0ADMIN001';
const SOMEONE = 'U0SOMEONE1';
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

const INCIDENTS = [
  makeIncident({
    id: 'northwind',
    organization: 'Northwind Clinic',
    disclosed: '2026-12-03',
    individualsAffected: 900,
  }),
  makeIncident({ id: 'welltok', organization: 'Welltok Inc', disclosed: '2026-11-03', dataTypes: ['ssn'] }),
];

let store: Store | undefined;

afterEach(async () => {
  await store?.close();
  store = undefined;
});

async function training(
  options: { adminUserIds?: readonly string[]; incidents?: Incident[]; quizless?: boolean } = {},
) {
  store = await openStore('sqlite::memory:');
  const clock = new FakeClock(NOW);
  const incidents = options.incidents ?? INCIDENTS;
  const trainingRunner = new TrainingRunner({
    incidents,
    guidance: await shippedGuidance(),
    store,
    schedule: new DigestSchedule('0 10 * * 3', 'UTC'),
    clock,
    instanceId: 'test',
    logger: quiet,
    buildQuiz: fakeQuizBuilder(options.quizless ? incidents.map((incident) => incident.id) : []).build,
  });
  const services = createTrainingServices({ store, trainingRunner, clock, adminUserIds: options.adminUserIds });
  const announce = vi.fn<Announce>(async () => ({ posted: true }));
  const run = (text: string, userId = ADMIN, announcer: Announce = announce) =>
    services.commands.run(parseTrainingCommand(text) as TrainingCommand, {
      channelId: CHANNEL,
      userId,
      announce: announcer,
    });
  return { ...services, store, clock, run, announce };
}

describe('TrainingCommands', () => {
  it('turns the training on with the asker as the trainer, announces it, and turns it off', async () => {
    const { run, announce, store } = await training();
    expect(await run('training on')).toEqual({
      kind: 'turned-on',
      channelId: CHANNEL,
      nextRun: NEXT_WEDNESDAY,
      timeZone: 'UTC',
    });
    expect(announce).toHaveBeenCalledExactlyOnceWith(NEXT_WEDNESDAY);
    expect(await store.trainingSubscription(CHANNEL)).toMatchObject({ subscribedBy: ADMIN });
    // The digest is another subscription: turning the training on leaves it off.
    expect(await store.subscription(CHANNEL)).toBeUndefined();
    expect(await run('training on')).toEqual({ kind: 'already-on', channelId: CHANNEL });
    expect(announce).toHaveBeenCalledOnce();
    expect(await run('training off')).toEqual({ kind: 'turned-off', channelId: CHANNEL });
    expect(await run('training off')).toEqual({ kind: 'was-off', channelId: CHANNEL });
  });

  it('takes the subscription back when the bot cannot post in the channel, and says why', async () => {
    const { run, store } = await training();
    const refused: Announce = async () => ({ posted: false, code: 'not_in_channel' });
    expect(await run('training on', ADMIN, refused)).toEqual({
      kind: 'cannot-post',
      channelId: CHANNEL,
      code: 'not_in_channel',
    });
    expect(await store.trainingSubscriptions()).toEqual([]);
    const throwing: Announce = async () => {
      throw new Error('socket hang up');
    };
    await expect(run('training on', ADMIN, throwing)).rejects.toThrow('socket hang up');
    expect(await store.trainingSubscriptions()).toEqual([]);
  });

  it('with admins set, lets only them turn it on or off, and anyone look', async () => {
    const { run, announce, store } = await training({ adminUserIds: [ADMIN] });
    for (const text of ['training on', 'training off']) {
      expect(await run(text, SOMEONE)).toEqual({ kind: 'refused', admins: [ADMIN] });
    }
    expect(announce).not.toHaveBeenCalled();
    expect(await store.trainingSubscriptions()).toEqual([]);
    expect((await run('training status', SOMEONE)).kind).toBe('status');
    expect((await run('training preview', SOMEONE)).kind).toBe('preview');
    expect((await run('training on', ADMIN)).kind).toBe('turned-on');
  });

  it('passes a usage problem through as it is', async () => {
    const { run } = await training();
    expect(await run('training daily')).toEqual(parseTrainingCommand('training daily'));
  });

  it('shows the status: on or off, the schedule, the last training post and the coming week’s incident', async () => {
    const { run, store } = await training();
    await run('training on');
    await store.claimDelivery({
      channelId: CHANNEL,
      periodKey: 'training:2026-W50',
      instanceId: 'a',
      now: NOW - 1_000,
      leaseMs: 1_000,
    });
    await store.markSent({
      channelId: CHANNEL,
      periodKey: 'training:2026-W50',
      instanceId: 'a',
      now: NOW - 500,
      messageTs: '1.2',
    });
    // A digest delivery is not a training post.
    await store.claimDelivery({ channelId: CHANNEL, periodKey: '2026-W50', instanceId: 'a', now: NOW, leaseMs: 1 });
    const outcome = await run('training status');
    expect(outcome).toMatchObject({
      kind: 'status',
      status: {
        channelId: CHANNEL,
        subscription: { subscribedBy: ADMIN },
        cron: '0 10 * * 3',
        timeZone: 'UTC',
        nextRun: NEXT_WEDNESDAY,
        lastDelivery: { periodKey: 'training:2026-W50', state: 'sent' },
        coming: {
          period: { key: '2026-W51' },
          planned: { incident: { id: 'northwind' }, claimed: false, reason: { basis: 'recent' } },
        },
      },
    });
    expect(await store.trainingPicks(0)).toEqual([]);
  });

  it('shows the incident already picked for the coming week, as picked', async () => {
    const { run, store } = await training();
    await store.claimTrainingPick({ periodKey: '2026-W51', incidentId: 'welltok', pickedAt: NOW });
    expect(await run('training status')).toMatchObject({
      status: { coming: { planned: { incident: { id: 'welltok' }, claimed: true } } },
    });
  });

  it('previews the next post with the channel’s own quiz id, recording neither a pick nor a quiz', async () => {
    const { run, store } = await training();
    await run('training on', ADMIN);
    const outcome = await run('training preview', SOMEONE);
    const quizId = trainingQuizId(CHANNEL, '2026-W51');
    expect(outcome).toMatchObject({
      kind: 'preview',
      preview: {
        sendsAt: NEXT_WEDNESDAY,
        timeZone: 'UTC',
        period: { key: '2026-W51' },
        post: {
          incident: { id: 'northwind' },
          claimed: false,
          record: { quizId, channelId: CHANNEL, postedBy: ADMIN, quiz: { incidentId: 'northwind' } },
        },
      },
    });
    expect(await store.trainingPicks(0)).toEqual([]);
    expect(await store.quiz(quizId)).toBeUndefined();
  });

  it('says in status and preview when no incident qualifies', async () => {
    const { run } = await training({ quizless: true });
    expect(await run('training status')).toMatchObject({
      status: { coming: { period: { key: '2026-W51' }, planned: undefined } },
    });
    expect(await run('training preview')).toMatchObject({ preview: { post: undefined } });
  });
});
