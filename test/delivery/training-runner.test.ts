import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DigestPoster } from '../../src/delivery/deliver-digest.js';
import { TrainingRunner, type TrainingRunnerDeps } from '../../src/delivery/training-runner.js';
import { DigestSchedule } from '../../src/digest/digest-schedule.js';
import type { Guidance } from '../../src/guidance/model.js';
import type { Incident, IncidentInput } from '../../src/incidents/model.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { trainingQuizId } from '../../src/training/quiz-id.js';
import type { SlackMessage } from '../../src/views/blocks/answer-message.js';
import { FakeClock } from '../support/fake-clock.js';
import { makeIncident } from '../support/incident-factory.js';
import { shippedGuidance } from '../support/repo-dataset.js';
import { fakeQuizBuilder } from '../training/fake-quiz-builder.js';

/** Wednesday 9 December 2026, 10:00 UTC: a fire of the default TRAINING_CRON. */
const FIRE = new Date('2026-12-09T10:00:00Z');
const WEEK = '2026-W50';
const DAY = 86_400_000;
const TRAINER = 'U0TRAINER1';

/** A Slack that keeps each post with its message. */
class FakePoster implements DigestPoster {
  readonly posts: { channelId: string; key: string; message: SlackMessage }[] = [];

  async post(channelId: string, message: SlackMessage, period: { key: string }): Promise<string> {
    this.posts.push({ channelId, key: period.key, message });
    return `${1_700_000_000 + this.posts.length}.000100`;
  }

  async findPosted(channelId: string, period: { key: string }): Promise<string | undefined> {
    return this.posts.some((post) => post.channelId === channelId && post.key === period.key) ? '1.1' : undefined;
  }
}

const logged: string[] = [];
const logger = {
  info: (message: string) => void logged.push(message),
  warn: (message: string) => void logged.push(message),
  error: (message: string) => void logged.push(message),
};

function recent(id: string, overrides: Partial<IncidentInput> = {}): Incident {
  return makeIncident({ id, organization: `Organisation ${id}`, disclosed: '2026-11-20', ...overrides });
}

const INCIDENTS = [
  recent('largest', { individualsAffected: 9_000_000 }),
  recent('welltok', { organization: 'Welltok Inc', individualsAffected: 1_000 }),
  recent('ssn', { dataTypes: ['ssn'], individualsAffected: 2_000 }),
];

let guidance: Guidance;
let store: Store;
let clock: FakeClock;
let poster: FakePoster;

beforeEach(async () => {
  guidance ??= await shippedGuidance();
  store = await openStore('sqlite::memory:');
  clock = new FakeClock(FIRE.getTime() + 5_000);
  poster = new FakePoster();
  logged.length = 0;
});

afterEach(async () => {
  await store.close();
});

/** Shows what the post was given, so that each channel's quiz id can be read back. */
const render: TrainingRunnerDeps['render'] = ({ incident, record, reason }) => ({
  text: `${incident.id} ${record.quizId} ${record.postedBy} ${reason ?? ''}`,
  blocks: [],
});

function runner(overrides: Partial<TrainingRunnerDeps> = {}): TrainingRunner {
  return new TrainingRunner({
    incidents: INCIDENTS,
    guidance,
    store,
    schedule: new DigestSchedule('0 10 * * 3', 'UTC'),
    clock,
    instanceId: 'a',
    logger,
    poster,
    buildQuiz: fakeQuizBuilder().build,
    render,
    ...overrides,
  });
}

async function subscribe(...channels: string[]) {
  for (const channel of channels) await store.subscribeTraining(channel, TRAINER, FIRE.getTime() - 7 * DAY);
}

describe('TrainingRunner', () => {
  it('posts the week’s incident once to each channel, each with its own stored quiz, the trainer as its poster', async () => {
    await subscribe('C1', 'C2');
    const run = await runner().deliver(FIRE, 'subscribed-before-fire');
    expect(run.period.key).toBe(WEEK);
    expect(run.planned?.incident.id).toBe('largest');
    expect(run.outcomes.map((outcome) => outcome.outcome)).toEqual(['sent', 'sent']);
    expect(poster.posts.map((post) => [post.channelId, post.key])).toEqual([
      ['C1', `training:${WEEK}`],
      ['C2', `training:${WEEK}`],
    ]);
    const ids = ['C1', 'C2'].map((channel) => trainingQuizId(channel, WEEK));
    expect(new Set(ids).size).toBe(2);
    for (const [index, channel] of ['C1', 'C2'].entries()) {
      const quizId = ids[index] as string;
      expect(poster.posts[index]?.message.text).toContain(quizId);
      expect(await store.quiz(quizId)).toMatchObject({
        quizId,
        channelId: channel,
        postedBy: TRAINER,
        quiz: { incidentId: 'largest' },
      });
    }
    expect(await store.trainingPicks(0)).toEqual([{ periodKey: WEEK, incidentId: 'largest', pickedAt: clock.now() }]);
    // A training post is not a digest: the digest's status still has none.
    expect(await store.lastDelivery('C1')).toBeUndefined();
    expect(await store.lastDelivery('C1', 'training:')).toMatchObject({ periodKey: `training:${WEEK}`, state: 'sent' });
  });

  it('posts nothing on a second run, or from a second instance with other data', async () => {
    await subscribe('C1', 'C2');
    await runner().deliver(FIRE, 'subscribed-before-fire');
    const again = await runner().deliver(FIRE, 'subscribed-before-fire');
    expect(again.outcomes.map((outcome) => outcome.outcome)).toEqual(['skipped', 'skipped']);
    // Another instance whose newer data would pick another incident still takes the week's pick.
    const bigger = recent('even-larger', { individualsAffected: 90_000_000 });
    const other = await runner({ instanceId: 'b', incidents: [...INCIDENTS, bigger] }).deliver(
      FIRE,
      'subscribed-before-fire',
    );
    expect(other.planned?.incident.id).toBe('largest');
    expect(other.outcomes.map((outcome) => outcome.outcome)).toEqual(['skipped', 'skipped']);
    expect(poster.posts).toHaveLength(2);
  });

  it('runs two instances at once with one post per channel and one pick', async () => {
    await subscribe('C1', 'C2', 'C3');
    await Promise.all([
      runner().deliver(FIRE, 'subscribed-before-fire'),
      runner({ instanceId: 'b' }).deliver(FIRE, 'subscribed-before-fire'),
    ]);
    for (const channel of ['C1', 'C2', 'C3']) {
      expect(poster.posts.filter((post) => post.channelId === channel)).toHaveLength(1);
    }
    expect(await store.trainingPicks(0)).toHaveLength(1);
  });

  it('posts the incident another instance picked for the week, looked up in its own data', async () => {
    await subscribe('C1');
    await store.claimTrainingPick({ periodKey: WEEK, incidentId: 'ssn', pickedAt: FIRE.getTime() });
    const run = await runner().deliver(FIRE, 'subscribed-before-fire');
    expect(run.planned).toMatchObject({ incident: { id: 'ssn' }, claimed: true });
    expect(poster.posts[0]?.message.text).toMatch(/^ssn /);
  });

  it('retries later when the week’s pick is not in this instance’s data yet', async () => {
    await subscribe('C1');
    await store.claimTrainingPick({ periodKey: WEEK, incidentId: 'not-here-yet', pickedAt: FIRE.getTime() });
    await expect(runner().deliver(FIRE, 'subscribed-before-fire')).rejects.toThrow('not-here-yet');
    expect(poster.posts).toEqual([]);
  });

  it('prefers what the company watches and asks about, from the store', async () => {
    await subscribe('C1');
    await store.addVendor('Welltok', 'U1', 0);
    const run = await runner().deliver(FIRE, 'subscribed-before-fire');
    expect(run.planned?.incident.id).toBe('welltok');
    expect(poster.posts[0]?.message.text).toContain('on the watchlist (Welltok)');
  });

  it('prefers the kinds of data people asked about lately, from the store', async () => {
    await subscribe('C1');
    for (let i = 0; i < 5; i++) await store.noteAskedDataTypes(['ssn'], '2026-12-01');
    const run = await runner().deliver(FIRE, 'subscribed-before-fire');
    expect(run.planned?.incident.id).toBe('ssn');
    expect(poster.posts[0]?.message.text).toContain('data people here asked about (Social Security numbers)');
  });

  it('does not repeat an incident picked within 365 days, but may after', async () => {
    await subscribe('C1');
    await store.claimTrainingPick({
      periodKey: '2026-W10',
      incidentId: 'largest',
      pickedAt: FIRE.getTime() - 300 * DAY,
    });
    expect((await runner().deliver(FIRE, 'subscribed-before-fire')).planned?.incident.id).not.toBe('largest');

    const later = new Date('2027-03-10T10:00:00Z');
    clock.set(later);
    await store.claimTrainingPick({ periodKey: '2025-W50', incidentId: 'ssn', pickedAt: later.getTime() - 400 * DAY });
    const plan = await runner({
      incidents: INCIDENTS.map((incident) => ({ ...incident, disclosed: '2027-03-01' })),
    }).plan(later);
    expect(plan.planned?.incident.id).toBe('largest');
  });

  it('picks nothing while no channel has the training on, and only channels on by the fire get it', async () => {
    expect(await runner().deliver(FIRE, 'subscribed-before-fire')).toMatchObject({ planned: undefined, outcomes: [] });
    expect(await store.trainingPicks(0)).toEqual([]);

    await store.subscribeTraining('C-LATE', TRAINER, FIRE.getTime() + 60_000);
    expect((await runner().deliver(FIRE, 'subscribed-before-fire')).outcomes).toEqual([]);
    expect((await runner().deliver(FIRE, 'all-subscribed')).outcomes).toEqual([
      expect.objectContaining({ channelId: 'C-LATE', outcome: 'sent' }),
    ]);
  });

  it('posts nothing, records no pick and says so when no incident qualifies', async () => {
    await subscribe('C1');
    const quizless = fakeQuizBuilder(INCIDENTS.map((incident) => incident.id));
    const run = await runner({ buildQuiz: quizless.build }).deliver(FIRE, 'subscribed-before-fire');
    expect(run).toMatchObject({ planned: undefined, outcomes: [] });
    expect(poster.posts).toEqual([]);
    expect(await store.trainingPicks(0)).toEqual([]);
    expect(logged).toContain(`training: no incident qualifies for ${WEEK}; nothing is posted`);
  });

  it('posts with the quiz the store kept, when another instance stored the channel’s quiz first', async () => {
    await subscribe('C1');
    const quizId = trainingQuizId('C1', WEEK);
    const first = await runner().plan(FIRE);
    const kept = { quizId, channelId: 'C1', postedBy: 'U0EARLIER1', createdAt: 1, quiz: first.planned?.quiz };
    await store.createQuiz(kept as Parameters<Store['createQuiz']>[0]);
    await runner().deliver(FIRE, 'subscribed-before-fire');
    expect(poster.posts[0]?.message.text).toContain('U0EARLIER1');
    expect(await store.quiz(quizId)).toMatchObject({ postedBy: 'U0EARLIER1' });
  });

  it('plans the next post without recording a pick or a quiz', async () => {
    await subscribe('C1');
    const plan = await runner().plan(new Date('2026-12-16T10:00:00Z'));
    expect(plan.period.key).toBe('2026-W51');
    expect(plan.planned).toMatchObject({ incident: { id: 'largest' }, claimed: false });
    expect(await store.trainingPicks(0)).toEqual([]);
    expect(await store.quiz(trainingQuizId('C1', '2026-W51'))).toBeUndefined();
  });

  it('takes new data on reload', async () => {
    await subscribe('C1');
    const training = runner();
    training.replaceData({ incidents: [recent('fresh', { individualsAffected: 1 })], guidance });
    expect((await training.deliver(FIRE, 'subscribed-before-fire')).planned?.incident.id).toBe('fresh');
  });
});
