import type { App } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerContext } from '../../src/answer/answer-query.js';
import { createBreachService } from '../../src/answer/breach-service.js';
import { blockActionsPayload } from '../../src/playground/emulator/payloads.js';
import { interactionBody, slashCommandBody } from '../../src/playground/emulator/sign-request.js';
import type { SlackEmulator } from '../../src/playground/emulator/web-api-server.js';
import { AskedTopics } from '../../src/services/asked-topics.js';
import { QuizService } from '../../src/services/quizzes.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import type { QuizRecord } from '../../src/training/records.js';
import { ACTION_QUIZ, ACTION_QUIZ_ANSWERS, ACTION_QUIZ_RESULTS, quizAnswerValue } from '../../src/views/blocks/ids.js';
import { checkMessageLimits, type SlackSurface } from '../../src/views/blocks/limits.js';
import { postCheckedToApp, startCheckedEmulator } from '../support/checked-emulator.js';
import { FakeClock } from '../support/fake-clock.js';
import { startHttpApp } from '../support/http-app.js';
import { firstCardsAnswerContext } from '../support/repo-dataset.js';

const SECRET = '8f742231b10e8888abcd99aaaaaa85a5';
const TRAINING = 'C0TRAINING1';
const TRAINER = 'U0TRAINER1';
const ADMIN = 'U0ADMIN001';
const ALICE = 'U0ALICE001';
const BOB = 'U0BOB00001';

let context: AnswerContext;
let emulator: SlackEmulator;
let store: Store;
let app: App;
let url: string;
let replies = 0;

beforeAll(async () => {
  context = await firstCardsAnswerContext();
  emulator = await startCheckedEmulator({
    channels: { [TRAINING]: { visibility: 'public', isMember: true, name: 'training' } },
    users: {
      [TRAINER]: { name: 'tina', realName: 'Tina Trainer' },
      [ALICE]: { name: 'alice', realName: 'Alice Example' },
      [BOB]: { name: 'bob', realName: 'Bob Example' },
      [ADMIN]: { name: 'ada', realName: 'Ada Admin' },
    },
  });
  store = await openStore('sqlite::memory:');
  const quizzes = new QuizService({
    store,
    clock: new FakeClock(Date.parse('2026-12-02T10:00:00Z')),
    data: () => context.dataset,
    adminUserIds: [ADMIN],
  });
  ({ app, url } = await startHttpApp(createBreachService(context.dataset, context.index), {
    slackApiUrl: emulator.url,
    signingSecret: SECRET,
    quizzes,
    askedTopics: new AskedTopics({
      store,
      clock: new FakeClock(Date.parse('2026-12-02T10:00:00Z')),
      timeZone: 'UTC',
      onError: () => undefined,
    }),
  }));
});

afterAll(async () => {
  await app?.stop();
  await store?.close();
  await emulator?.close();
});

type Reply = { response_type: string; text: string; blocks: unknown[] };

async function command(text: string, user: string): Promise<Reply> {
  const id = `quiz-reply-${++replies}`;
  const body = slashCommandBody({ text, channel_id: TRAINING, user_id: user, response_url: emulator.responseUrl(id) });
  expect((await postCheckedToApp(url, body, { signingSecret: SECRET })).status).toBe(200);
  const reply = await emulator.waitForResponseUrlPost(id);
  expect(checkMessageLimits(reply.body as SlackSurface)).toEqual([]);
  return reply.body as Reply;
}

/** Clicks a button; the id of the response_url it carried. */
async function press(actionId: string, value: string, user: string, messageTs?: string): Promise<string> {
  const id = `quiz-click-${++replies}`;
  const payload = blockActionsPayload({
    action_id: actionId,
    value,
    user_id: user,
    channel_id: TRAINING,
    response_url: emulator.responseUrl(id),
    ...(messageTs && { message_ts: messageTs }),
  });
  expect((await postCheckedToApp(url, interactionBody(payload), { signingSecret: SECRET })).status).toBe(200);
  return id;
}

/** Clicks a button and returns what the app answered at its response_url. */
async function click(actionId: string, value: string, user: string): Promise<Reply> {
  const reply = await emulator.waitForResponseUrlPost(await press(actionId, value, user));
  expect(checkMessageLimits(reply.body as SlackSurface)).toEqual([]);
  return reply.body as Reply;
}

const textOf = (value: unknown): string => JSON.stringify(value) ?? '';

/** The quiz posted in the channel for `quizId`, as Slack received it. */
async function postedQuiz(predicate: (text: string) => boolean) {
  const call = await emulator.waitForCall(
    'chat.postMessage',
    (c) => c.args.channel === TRAINING && predicate(textOf(c.args.blocks)),
  );
  expect(checkMessageLimits(call.args as SlackSurface)).toEqual([]);
  return call;
}

async function quizFromReply(reply: Reply): Promise<QuizRecord> {
  const quizId = /quiz (Q[0-9A-Z]{7})/.exec(reply.text)?.[1];
  if (!quizId) throw new Error(`no quiz id in: ${reply.text}`);
  const record = await store.quiz(quizId);
  if (!record) throw new Error(`quiz ${quizId} was not kept`);
  return record;
}

describe('quizzes in Slack', () => {
  it('posts a quiz, answers each person privately, counts for the trainer, and sends the CSV to the trainer alone', async () => {
    const posted = await command('quiz healthec', TRAINER);
    expect(posted.response_type).toBe('ephemeral');
    expect(posted.text).toContain('Posted quiz');
    const record = await quizFromReply(posted);
    const message = await postedQuiz((text) => text.includes(record.quizId) && text.includes(ACTION_QUIZ_ANSWERS[0]));
    expect(textOf(message.args.blocks)).toContain('Quiz: HealthEC LLC');

    const question = record.quiz.questions[0];
    if (!question) throw new Error('a quiz has questions');
    const wrong = (question.answer + 1) % question.choices.length;
    const right = await click(
      ACTION_QUIZ_ANSWERS[question.answer] as string,
      quizAnswerValue(record.quizId, 0, question.answer),
      ALICE,
    );
    expect(right).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(textOf(right.blocks)).toContain('✅');
    expect(textOf(right.blocks)).toContain(question.source.url);
    const notQuite = await click(ACTION_QUIZ_ANSWERS[wrong] as string, quizAnswerValue(record.quizId, 0, wrong), BOB);
    expect(textOf(notQuite.blocks)).toContain('❌');
    // Alice changes her mind: her first answer stands.
    const again = await click(ACTION_QUIZ_ANSWERS[wrong] as string, quizAnswerValue(record.quizId, 0, wrong), ALICE);
    expect(textOf(again.blocks)).toContain('your first answer counts');
    expect(textOf(again.blocks)).toContain('✅');

    const refused = await click(ACTION_QUIZ_RESULTS, record.quizId, BOB);
    expect(refused.text).toContain('Only the trainer');
    for (const viewer of [TRAINER, ADMIN]) {
      const results = textOf((await click(ACTION_QUIZ_RESULTS, record.quizId, viewer)).blocks);
      expect(results).toContain('*2 people* answered so far');
      expect(results).toContain('2 answered, 50% right');
      expect(results).not.toContain(ALICE);
      expect(results).not.toContain('alice');
    }

    expect((await command(`quiz results ${record.quizId}`, BOB)).text).toContain('Only the trainer');
    const uploadsBefore = emulator.callsTo('files.completeUploadExternal').length;
    const sent = await command(`quiz results ${record.quizId.toLowerCase()}`, TRAINER);
    expect(sent.text).toContain('as a CSV, in our direct messages');
    const completes = emulator.callsTo('files.completeUploadExternal');
    expect(completes).toHaveLength(uploadsBefore + 1);
    const dm = emulator.workspace.directMessageChannel(TRAINER);
    expect(completes.at(-1)?.args.channel_id).toBe(dm);
    const shared = emulator.conversations.history(dm, { limit: 10, inclusive: true }).messages;
    const fileId = textOf(shared).match(/"id":"(F[A-Z0-9]+)"/)?.[1];
    const bytes = fileId ? emulator.files.get(fileId)?.bytes : undefined;
    const csv = bytes?.toString('utf8') ?? '';
    expect(csv.split('\r\n')[0]).toContain('person_name');
    expect(csv).toContain(`${ALICE},alice,`);
    expect(csv).toContain(`${BOB},bob,`);
    expect(csv.trim().split('\r\n')).toHaveLength(3);

    // Names never reach the channel.
    const inChannel = textOf(emulator.callsTo('chat.postMessage').filter((c) => c.args.channel === TRAINING));
    expect(inChannel).not.toContain(ALICE);
    expect(inChannel).not.toContain(BOB);
  });

  it('posts a quiz from the button under a shared card, with the clicker as trainer, once per double click', async () => {
    const before = emulator.callsTo('chat.postMessage').length;
    await press(ACTION_QUIZ, 'arx-patient-solutions-2022', ALICE, '1764669600.000100');
    await press(ACTION_QUIZ, 'arx-patient-solutions-2022', ALICE, '1764669600.000100');
    const message = await postedQuiz((text) => text.includes('Quiz: ARx Patient Solutions'));
    const quizId = textOf(message.args.blocks).match(/Quiz (Q[0-9A-Z]{7})/)?.[1] ?? '';
    expect(await store.quiz(quizId)).toMatchObject({ postedBy: ALICE, channelId: TRAINING });
    expect(emulator.callsTo('chat.postMessage').length).toBe(before + 1);
  });

  it('says what it could not find, escaped, and posts nothing', async () => {
    const before = emulator.callsTo('chat.postMessage').length;
    const reply = await command('quiz <!channel> Acme Hospital', TRAINER);
    expect(textOf(reply)).not.toContain('<!channel>');
    expect(reply.text).toContain('Name one incident');
    expect((await command('quiz', TRAINER)).text).toContain('Name the incident');
    expect((await command('quiz results QZZZZZZZ', TRAINER)).text).toContain('I have no quiz QZZZZZZZ');
    expect(emulator.callsTo('chat.postMessage').length).toBe(before);
  });
});

describe('what people ask about', () => {
  it('counts the kinds of data of the incident a /breach question was answered with, for the weekly pick', async () => {
    const body = slashCommandBody({ text: 'helthec', channel_id: TRAINING, user_id: ALICE });
    const ack = await postCheckedToApp(url, body, { signingSecret: SECRET });
    expect(JSON.stringify(ack.json)).toContain('HealthEC LLC');
    await expect.poll(async () => (await store.askedDataTypes('2026-12-02')).ssn ?? 0).toBeGreaterThan(0);
  });
});

describe('an app built without a store', () => {
  it('says quizzes and the weekly training need one, and posts nothing', async () => {
    const bare = await startHttpApp(createBreachService(context.dataset, context.index), {
      slackApiUrl: emulator.url,
      signingSecret: SECRET,
    });
    try {
      const before = emulator.callsTo('chat.postMessage').length;
      const ask = async (body: string, id: string) => {
        expect((await postCheckedToApp(bare.url, body, { signingSecret: SECRET })).status).toBe(200);
        return (await emulator.waitForResponseUrlPost(id)).body as Reply;
      };
      const quiz = await ask(
        slashCommandBody({
          text: 'quiz healthec',
          channel_id: TRAINING,
          response_url: emulator.responseUrl('bare-quiz'),
        }),
        'bare-quiz',
      );
      expect(quiz.text).toContain("Quizzes need breachbot's store");
      const training = await ask(
        slashCommandBody({
          text: 'training on',
          channel_id: TRAINING,
          response_url: emulator.responseUrl('bare-training'),
        }),
        'bare-training',
      );
      expect(training.text).toContain('it has no store');
      const answer = await ask(
        interactionBody(
          blockActionsPayload({
            action_id: ACTION_QUIZ_ANSWERS[0],
            value: quizAnswerValue('Q0000000', 0, 0),
            channel_id: TRAINING,
            response_url: emulator.responseUrl('bare-answer'),
          }),
        ),
        'bare-answer',
      );
      expect(answer.text).toContain("Quizzes need breachbot's store");
      expect(emulator.callsTo('chat.postMessage').length).toBe(before);
    } finally {
      await bare.app.stop();
    }
  });
});
