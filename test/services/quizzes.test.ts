import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AnswerContext } from '../../src/answer/answer-query.js';
import type { Incident } from '../../src/incidents/model.js';
import { QuizService } from '../../src/services/quizzes.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { FakeClock } from '../support/fake-clock.js';
import { makeIncident } from '../support/incident-factory.js';
import { firstCardsAnswerContext } from '../support/repo-dataset.js';

const NOW = Date.parse('2026-12-02T10:00:00Z');
const TRAINER = 'U0TRAINER1';
const ADMIN = 'U0ADMIN001';

let context: AnswerContext;
let store: Store;
let clock: FakeClock;
let quizzes: QuizService;

beforeAll(async () => {
  context = await firstCardsAnswerContext();
});

beforeEach(async () => {
  store = await openStore('sqlite::memory:');
  clock = new FakeClock(NOW);
  quizzes = new QuizService({
    store,
    clock,
    data: () => context.dataset,
    adminUserIds: [ADMIN],
  });
});

afterEach(async () => {
  await store.close();
});

function healthec(): Incident {
  const incident = context.dataset.incidents.find((candidate) => candidate.id === 'healthec-2023');
  if (!incident) throw new Error('HealthEC is one of the first cards');
  return incident;
}

async function postHealthec() {
  const posted = await quizzes.post(healthec(), 'C0TRAINING', TRAINER);
  if (posted.kind !== 'created') throw new Error('HealthEC states enough facts for a quiz');
  return posted.record;
}

describe('QuizService', () => {
  it('keeps the quiz as posted, with its trainer and a typeable id', async () => {
    const record = await postHealthec();
    expect(record).toMatchObject({ channelId: 'C0TRAINING', postedBy: TRAINER, createdAt: NOW });
    expect(record.quizId).toMatch(/^Q[0-9A-Z]{7}$/);
    expect(record.quiz.questions.length).toBeGreaterThanOrEqual(3);
    expect(await store.quiz(record.quizId)).toEqual(record);
  });

  it('says so when the record states too few facts, and keeps nothing', async () => {
    const bare = makeIncident({ id: 'bare-clinic', organization: 'Bare Clinic', breachTypes: ['unknown'] });
    expect(await quizzes.post(bare, 'C0TRAINING', TRAINER)).toMatchObject({
      kind: 'too-few-facts',
      organization: 'Bare Clinic',
    });
  });

  it('judges the first answer, and keeps it: a later click gets the verdict on the first', async () => {
    const record = await postHealthec();
    const question = record.quiz.questions[0];
    if (!question) throw new Error('a quiz has questions');
    const wrong = (question.answer + 1) % question.choices.length;
    const first = await quizzes.answer({ quizId: record.quizId, questionIndex: 0, choice: wrong, userId: 'U0ALICE01' });
    expect(first).toMatchObject({
      kind: 'answered',
      first: true,
      correct: false,
      choice: question.choices[wrong],
      rightChoice: question.choices[question.answer],
      explanation: question.explanation,
      source: question.source,
    });
    clock.advance(1_000);
    const again = await quizzes.answer({
      quizId: record.quizId,
      questionIndex: 0,
      choice: question.answer,
      userId: 'U0ALICE01',
    });
    expect(again).toMatchObject({ kind: 'answered', first: false, correct: false, choice: question.choices[wrong] });
    expect(await store.quizAnswers(record.quizId)).toEqual([
      { quizId: record.quizId, questionIndex: 0, userId: 'U0ALICE01', choice: wrong, correct: false, answeredAt: NOW },
    ]);
  });

  it('records one answer when two clicks race', async () => {
    const record = await postHealthec();
    const clicks = [0, 1, 2].map((choice) =>
      quizzes.answer({ quizId: record.quizId, questionIndex: 1, choice, userId: 'U0BOB0001' }),
    );
    const replies = await Promise.all(clicks);
    expect(replies.filter((reply) => reply.kind === 'answered' && reply.first)).toHaveLength(1);
    expect(await store.quizAnswers(record.quizId)).toHaveLength(1);
  });

  it('refuses a choice or question the quiz does not have, and an unknown quiz', async () => {
    const record = await postHealthec();
    const user = 'U0ALICE01';
    expect(await quizzes.answer({ quizId: record.quizId, questionIndex: 9, choice: 0, userId: user })).toEqual({
      kind: 'bad-choice',
    });
    expect(await quizzes.answer({ quizId: record.quizId, questionIndex: 0, choice: 7, userId: user })).toEqual({
      kind: 'bad-choice',
    });
    expect(await quizzes.answer({ quizId: 'QZZZZZZZ', questionIndex: 0, choice: 0, userId: user })).toEqual({
      kind: 'unknown-quiz',
    });
    expect(await store.quizAnswers(record.quizId)).toEqual([]);
  });

  it('shows the results to the trainer and the admins only', async () => {
    const record = await postHealthec();
    const question = record.quiz.questions[0];
    if (!question) throw new Error('a quiz has questions');
    await quizzes.answer({ quizId: record.quizId, questionIndex: 0, choice: question.answer, userId: 'U0ALICE01' });
    await quizzes.answer({
      quizId: record.quizId,
      questionIndex: 0,
      choice: (question.answer + 1) % question.choices.length,
      userId: 'U0BOB0001',
    });
    expect(await quizzes.results(record.quizId, 'U0BOB0001')).toMatchObject({ kind: 'refused' });
    for (const viewer of [TRAINER, ADMIN]) {
      const results = await quizzes.results(record.quizId, viewer);
      if (results.kind !== 'results') throw new Error(`${viewer} may see the results`);
      expect(results.tally.respondents).toBe(2);
      expect(results.tally.questions[0]).toMatchObject({ answered: 2, right: 1, shareRight: 0.5 });
      expect(results.answers.map((answer) => answer.userId).sort()).toEqual(['U0ALICE01', 'U0BOB0001']);
    }
    expect(await quizzes.results('QZZZZZZZ', TRAINER)).toEqual({ kind: 'unknown-quiz', quizId: 'QZZZZZZZ' });
  });
});
