import type { App } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerContext } from '../../src/answer/answer-query.js';
import { createBreachService } from '../../src/answer/breach-service.js';
import { TrainingRunner } from '../../src/delivery/training-runner.js';
import { DigestSchedule } from '../../src/digest/digest-schedule.js';
import { blockActionsPayload } from '../../src/playground/emulator/payloads.js';
import { interactionBody, slashCommandBody } from '../../src/playground/emulator/sign-request.js';
import type { SlackEmulator } from '../../src/playground/emulator/web-api-server.js';
import { QuizService } from '../../src/services/quizzes.js';
import { createTrainingServices } from '../../src/services/training-commands.js';
import { slackDigestPoster } from '../../src/slack/digest-poster.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { trainingQuizId } from '../../src/training/quiz-id.js';
import { ACTION_QUIZ_ANSWERS, ACTION_QUIZ_RESULTS, quizAnswerValue } from '../../src/views/blocks/ids.js';
import { checkMessageLimits, type SlackSurface } from '../../src/views/blocks/limits.js';
import { postCheckedToApp, startCheckedEmulator } from '../support/checked-emulator.js';
import { FakeClock } from '../support/fake-clock.js';
import { startHttpApp } from '../support/http-app.js';
import { firstCardsAnswerContext } from '../support/repo-dataset.js';

const SECRET = '8f742231b10e8888abcd99aaaaaa85a5';
const CHANNEL = 'C0TRAINING1';
const TRAINER = 'U0TRAINER1';
const ALICE = 'U0ALICE001';
/** Monday 7 December 2026: the first training post is due on Wednesday the 9th at 10:00 UTC. */
const MONDAY = Date.parse('2026-12-07T12:00:00Z');
const WEDNESDAY_FIRE = new Date('2026-12-09T10:00:00Z');
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

let context: AnswerContext;
let emulator: SlackEmulator;
let store: Store;
let app: App;
let url: string;
let runner: TrainingRunner;
let clock: FakeClock;
let replies = 0;

beforeAll(async () => {
  context = await firstCardsAnswerContext();
  emulator = await startCheckedEmulator({
    channels: { [CHANNEL]: { visibility: 'public', isMember: true, name: 'training' } },
  });
  store = await openStore('sqlite::memory:');
  clock = new FakeClock(MONDAY);
  runner = new TrainingRunner({
    ...context.dataset,
    store,
    schedule: new DigestSchedule('0 10 * * 3', 'UTC'),
    clock,
    instanceId: 'test',
    logger: quiet,
    poster: slackDigestPoster(new WebClient('xoxb-1-test', { slackApiUrl: emulator.url })),
  });
  ({ app, url } = await startHttpApp(createBreachService(context.dataset, context.index), {
    slackApiUrl: emulator.url,
    signingSecret: SECRET,
    training: createTrainingServices({ store, trainingRunner: runner, clock, adminUserIds: undefined }),
    quizzes: new QuizService({ store, clock, data: () => context.dataset, adminUserIds: undefined }),
  }));
});

afterAll(async () => {
  await app?.stop();
  await store?.close();
  await emulator?.close();
});

type Reply = { response_type: string; text: string; blocks: unknown[] };

async function reply(body: string, id: string): Promise<Reply> {
  expect((await postCheckedToApp(url, body, { signingSecret: SECRET })).status).toBe(200);
  const posted = await emulator.waitForResponseUrlPost(id);
  expect(checkMessageLimits(posted.body as SlackSurface)).toEqual([]);
  return posted.body as Reply;
}

function command(text: string, user = TRAINER): Promise<Reply> {
  const id = `training-${++replies}`;
  return reply(
    slashCommandBody({ text, channel_id: CHANNEL, user_id: user, response_url: emulator.responseUrl(id) }),
    id,
  );
}

function click(actionId: string, value: string, user: string): Promise<Reply> {
  const id = `training-click-${++replies}`;
  const payload = blockActionsPayload({
    action_id: actionId,
    value,
    user_id: user,
    channel_id: CHANNEL,
    response_url: emulator.responseUrl(id),
  });
  return reply(interactionBody(payload), id);
}

const textOf = (value: unknown): string => JSON.stringify(value) ?? '';

describe('/breach training', () => {
  it('turns the weekly post on, previews it without buttons, posts it once with its quiz, and turns it off', async () => {
    const on = await command('training on');
    expect(on.response_type).toBe('ephemeral');
    expect(await store.trainingSubscription(CHANNEL)).toMatchObject({ subscribedBy: TRAINER });
    await emulator.waitForCall('chat.postMessage', (call) => call.args.channel === CHANNEL);

    expect(textOf(await command('training status'))).toContain('Wed, 9 Dec 2026, 10:00 UTC');
    const preview = textOf(await command('training preview'));
    expect(preview).toContain('Preview');
    expect(preview).not.toContain(ACTION_QUIZ_ANSWERS[0]);
    expect(await store.trainingPicks(0)).toEqual([]);

    clock.set(WEDNESDAY_FIRE.getTime() + 60_000);
    const first = await runner.deliver(WEDNESDAY_FIRE, 'subscribed-before-fire');
    expect(first.outcomes).toEqual([expect.objectContaining({ channelId: CHANNEL, outcome: 'sent' })]);
    const again = await runner.deliver(WEDNESDAY_FIRE, 'subscribed-before-fire');
    expect(again.outcomes).toEqual([expect.objectContaining({ channelId: CHANNEL, outcome: 'skipped' })]);

    const quizId = trainingQuizId(CHANNEL, first.period.key);
    const posts = emulator
      .callsTo('chat.postMessage')
      .filter((call) => call.args.channel === CHANNEL && textOf(call.args.blocks).includes(quizId));
    expect(posts).toHaveLength(1);
    const post = textOf(posts[0]?.args.blocks);
    expect(post).toContain("This week's breach training");
    expect(post).toContain('Lessons for staff');
    expect(post).toContain('To discuss');
    expect(checkMessageLimits(posts[0]?.args as SlackSurface)).toEqual([]);

    // The trainer of a scheduled post is who turned it on; anyone answers.
    const record = await store.quiz(quizId);
    expect(record).toMatchObject({ postedBy: TRAINER, channelId: CHANNEL });
    const question = record?.quiz.questions[0];
    if (!question) throw new Error('the post carries a quiz');
    const answered = await click(
      ACTION_QUIZ_ANSWERS[question.answer] as string,
      quizAnswerValue(quizId, 0, question.answer),
      ALICE,
    );
    expect(textOf(answered.blocks)).toContain('✅');
    expect(textOf((await click(ACTION_QUIZ_RESULTS, quizId, TRAINER)).blocks)).toContain('*1 person* answered');

    expect((await command('training off')).text).toContain('off');
    expect(await store.trainingSubscription(CHANNEL)).toBeUndefined();
  });
});
