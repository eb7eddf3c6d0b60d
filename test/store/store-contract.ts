import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALERT_KEY_PREFIX } from '../../src/digest/records.js';
import { CREATE_SCHEMA_MIGRATIONS, type Dialect, MIGRATIONS, migrationSql } from '../../src/store/migrations.js';
import type { ClaimResult, Store } from '../../src/store/store.js';
import type { Quiz, QuizQuestion } from '../../src/training/quiz.js';
import {
  type QuizAnswer,
  type QuizRecord,
  TRAINING_KEY_PREFIX,
  type TrainingPick,
} from '../../src/training/records.js';

/** A fresh, empty database: no schema until a store is first opened on it. */
export interface TestDatabase {
  readonly dialect: Dialect;
  /** Opens another Store instance on the database, as another process would. */
  open(): Promise<Store>;
  /** Runs SQL as it is, one statement or several, beside any open store: what a person at a SQL prompt could do. */
  exec(sql: string): Promise<void>;
  /** The rows of one query, as the driver gives them. */
  rows(sql: string): Promise<Record<string, unknown>[]>;
}

export type FreshDatabase = () => Promise<TestDatabase>;

/** A fixed clock: every time in these tests is T plus a few milliseconds; nothing sleeps. */
const T = 1_800_000_000_000;
const LEASE = 60_000;
const WEEK = '2026-W48';

const SOURCE = { title: 'HHS OCR breach portal', url: 'https://ocrportal.hhs.gov/ocr/breach/breach_report.jsf' };
const QUESTIONS: QuizQuestion[] = [
  {
    topic: 'data-exposed',
    prompt: 'Which kind of data did Acme Health say was exposed?',
    choices: ['Social Security numbers', 'Passwords', 'Payment cards'],
    answer: 0,
    explanation: 'The filing lists Social Security numbers among the exposed data.',
    source: SOURCE,
  },
  {
    topic: 'how-it-happened',
    prompt: 'How did the breach happen?',
    choices: ['A phishing email', 'A lost laptop', 'A misdirected letter', 'A stolen server'],
    answer: 0,
    explanation: 'An employee answered a phishing email.',
    source: SOURCE,
  },
  {
    topic: 'protective-step',
    prompt: 'What should someone whose SSN was exposed do first?',
    choices: ['Freeze their credit', 'Change their email address', 'Wait for a letter'],
    answer: 0,
    explanation: 'A credit freeze stops new accounts in their name.',
    source: SOURCE,
  },
];
const QUIZ: Quiz = { incidentId: 'acme-health-2026-01', organization: 'Acme Health', questions: QUESTIONS };
const QUIZ_ID = 'QABCDEFG';

function quizRecord(overrides: Partial<QuizRecord> = {}): QuizRecord {
  return { quizId: QUIZ_ID, channelId: 'C1', postedBy: 'U1', createdAt: T, quiz: QUIZ, ...overrides };
}

function answer(overrides: Partial<QuizAnswer> = {}): QuizAnswer {
  return { quizId: QUIZ_ID, questionIndex: 0, userId: 'U1', choice: 0, correct: true, answeredAt: T, ...overrides };
}

/** SQL text for a string literal: what a test writing rows by hand needs. */
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * Every promise of src/store/store.ts, for any implementation. Each test gets a fresh database; the stores it
 * opens are closed after it, and `cleanup` runs once at the end.
 */
export function describeStoreContract(name: string, freshDatabase: FreshDatabase, cleanup?: () => Promise<void>) {
  describe(`${name}: the Store contract`, () => {
    const opened: Store[] = [];
    let database: TestDatabase;
    let store: Store;

    const open = async (on: TestDatabase = database): Promise<Store> => {
      const instance = await on.open();
      opened.push(instance);
      return instance;
    };
    const claim = (by: Store, instanceId: string, now: number, periodKey = WEEK, channelId = 'C1') =>
      by.claimDelivery({ channelId, periodKey, instanceId, now, leaseMs: LEASE });

    beforeEach(async () => {
      database = await freshDatabase();
      store = await open();
    });
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((instance) => instance.close()));
    });
    if (cleanup) afterAll(cleanup);

    describe('subscriptions', () => {
      it('subscribes a channel once, keeping the first subscription', async () => {
        expect(await store.subscribe('C1', 'U1', T)).toBe(true);
        expect(await store.subscribe('C1', 'U2', T + 5)).toBe(false);
        expect(await store.subscription('C1')).toEqual({ channelId: 'C1', subscribedBy: 'U1', subscribedAt: T });
        expect(await store.subscriptions()).toHaveLength(1);
      });

      it('unsubscribes, and says when the channel was not subscribed', async () => {
        await store.subscribe('C1', 'U1', T);
        await store.subscribe('C2', 'U1', T + 1);
        expect(await store.unsubscribe('C1')).toBe(true);
        expect(await store.unsubscribe('C1')).toBe(false);
        expect(await store.unsubscribe('C404')).toBe(false);
        expect(await store.subscription('C1')).toBeUndefined();
        expect((await store.subscriptions()).map((s) => s.channelId)).toEqual(['C2']);
      });

      it('lists subscriptions oldest first, whatever the order they were written in', async () => {
        await store.subscribe('C2', 'U1', T + 20);
        await store.subscribe('C3', 'U1', T + 30);
        await store.subscribe('C1', 'U1', T + 10);
        expect((await store.subscriptions()).map((s) => s.channelId)).toEqual(['C1', 'C2', 'C3']);
      });
    });

    describe('watchlist', () => {
      it('keeps a vendor as typed, trimmed, and refuses the same name in any case', async () => {
        expect(await store.addVendor('  Acme Health Systems ', 'U1', T)).toBe(true);
        expect(await store.addVendor('ACME health systems', 'U2', T + 1)).toBe(false);
        // Beyond ASCII too: both databases must agree on what "any case" means.
        expect(await store.addVendor('Ärzte Verbund', 'U1', T + 2)).toBe(true);
        expect(await store.addVendor('ärzte verbund', 'U2', T + 3)).toBe(false);
        expect(await store.removeVendor('ÄRZTE VERBUND')).toBe(true);
        expect(await store.addVendor('Ärzte Verbund', 'U1', T + 2)).toBe(true);
        expect(await store.watchlist()).toEqual([
          { name: 'Acme Health Systems', addedBy: 'U1', addedAt: T },
          { name: 'Ärzte Verbund', addedBy: 'U1', addedAt: T + 2 },
        ]);
      });

      it('removes a vendor by name in any case, and says when it was not watched', async () => {
        await store.addVendor('HealthEC', 'U1', T);
        expect(await store.removeVendor(' healthec ')).toBe(true);
        expect(await store.removeVendor('HealthEC')).toBe(false);
        expect(await store.watchlist()).toEqual([]);
        expect(await store.addVendor('HEALTHEC', 'U2', T + 1)).toBe(true);
      });

      it('lists vendors by name without regard to case', async () => {
        for (const [index, name] of ['zeta', 'Gamma', 'alpha', 'Beta', 'Delta'].entries()) {
          await store.addVendor(name, 'U1', T + index);
        }
        expect((await store.watchlist()).map((vendor) => vendor.name)).toEqual([
          'alpha',
          'Beta',
          'Delta',
          'Gamma',
          'zeta',
        ]);
      });

      it('refuses an empty vendor name', async () => {
        await expect(store.addVendor('   ', 'U1', T)).rejects.toThrow(/must not be empty/);
        expect(await store.watchlist()).toEqual([]);
      });
    });

    describe('deliveries', () => {
      it('creates the delivery as sending, leased to its first claimer', async () => {
        const first = await claim(store, 'instance-a', T);
        expect(first).toEqual({
          claimed: true,
          recovering: false,
          delivery: {
            channelId: 'C1',
            periodKey: WEEK,
            state: 'sending',
            claimedBy: 'instance-a',
            leaseUntil: T + LEASE,
            attempts: 1,
            messageTs: null,
            error: null,
            updatedAt: T,
          },
        });
        expect(await store.delivery('C1', WEEK)).toEqual(first.delivery);
      });

      it('refuses every claim while the lease runs, up to and including its last instant', async () => {
        const first = await claim(store, 'instance-a', T);
        for (const [instanceId, now] of [
          ['instance-b', T + 1],
          ['instance-a', T + 2],
          ['instance-b', T + LEASE],
        ] as const) {
          expect(await claim(store, instanceId, now)).toEqual({ claimed: false, delivery: first.delivery });
        }
      });

      it('makes a sent delivery final: no claim gets it back, however late', async () => {
        await claim(store, 'instance-a', T);
        expect(await markSent(store, 'instance-a', T + 5)).toBe(true);
        const sent = await store.delivery('C1', WEEK);
        expect(sent).toMatchObject({ state: 'sent', messageTs: '1800000000.000100', attempts: 1, updatedAt: T + 5 });
        expect(await claim(store, 'instance-b', T + 10 * LEASE)).toEqual({ claimed: false, delivery: sent });
        expect(await markSent(store, 'instance-a', T + 6)).toBe(false);
        expect(await markFailed(store, 'instance-a', T + 7, true)).toBe(false);
        expect(await store.delivery('C1', WEEK)).toEqual(sent);
      });

      it('takes over an expired sending lease as recovering, and the old holder can no longer finish', async () => {
        await claim(store, 'instance-a', T);
        const takeover = await claim(store, 'instance-b', T + LEASE + 1);
        expect(takeover).toEqual({
          claimed: true,
          recovering: true,
          delivery: expect.objectContaining({
            state: 'sending',
            claimedBy: 'instance-b',
            leaseUntil: T + LEASE + 1 + LEASE,
            attempts: 2,
            updatedAt: T + LEASE + 1,
          }),
        });
        expect(await markSent(store, 'instance-a', T + LEASE + 2)).toBe(false);
        expect(await markFailed(store, 'instance-a', T + LEASE + 2, false)).toBe(false);
        expect(await store.delivery('C1', WEEK)).toEqual(takeover.delivery);
        expect(await markSent(store, 'instance-b', T + LEASE + 3)).toBe(true);
      });

      it('lets a holder whose lease ran out finish while nobody has taken over: its post went out', async () => {
        await claim(store, 'instance-a', T);
        expect(await markSent(store, 'instance-a', T + 2 * LEASE)).toBe(true);
        expect(await store.delivery('C1', WEEK)).toMatchObject({ state: 'sent', claimedBy: 'instance-a' });
      });

      it('makes a transient failure claimable again at once, without recovering', async () => {
        await claim(store, 'instance-a', T);
        expect(await markFailed(store, 'instance-a', T + 5, false, 'ratelimited')).toBe(true);
        const retry = await store.delivery('C1', WEEK);
        expect(retry).toMatchObject({ state: 'retry', error: 'ratelimited', updatedAt: T + 5 });
        expect(retry?.leaseUntil).toBeLessThanOrEqual(T + 5);
        // Well inside the first lease: markFailed released it.
        const again = await claim(store, 'instance-b', T + 6);
        expect(again).toMatchObject({
          claimed: true,
          recovering: false,
          delivery: { state: 'sending', claimedBy: 'instance-b', leaseUntil: T + 6 + LEASE, attempts: 2 },
        });
        expect(await claim(store, 'instance-c', T + 7)).toMatchObject({ claimed: false });
      });

      it('makes a permanent failure final for the period', async () => {
        await claim(store, 'instance-a', T);
        expect(await markFailed(store, 'instance-a', T + 5, true, 'channel_not_found')).toBe(true);
        const failed = await store.delivery('C1', WEEK);
        expect(failed).toMatchObject({ state: 'failed', error: 'channel_not_found', updatedAt: T + 5 });
        expect(failed?.leaseUntil).toBeLessThanOrEqual(T + 5);
        expect(await claim(store, 'instance-b', T + 10 * LEASE)).toEqual({ claimed: false, delivery: failed });
        expect(await markSent(store, 'instance-a', T + 6)).toBe(false);
        expect(await store.delivery('C1', WEEK)).toEqual(failed);
      });

      it('lets nobody but the lease holder finish, and a finish by anyone else changes nothing', async () => {
        const { delivery } = await claim(store, 'instance-a', T);
        expect(await markSent(store, 'instance-b', T + 1)).toBe(false);
        expect(await markFailed(store, 'instance-b', T + 1, true)).toBe(false);
        expect(await markFailed(store, 'instance-b', T + 1, false)).toBe(false);
        expect(await store.delivery('C1', WEEK)).toEqual(delivery);
        // Nor can anyone finish a delivery nobody claimed.
        expect(await markSent(store, 'instance-a', T + 1, 'C1', '2026-W49')).toBe(false);
        expect(await store.delivery('C1', '2026-W49')).toBeUndefined();
      });

      it('keeps one delivery per channel and period', async () => {
        expect(await claim(store, 'instance-a', T, WEEK, 'C1')).toMatchObject({ claimed: true });
        expect(await claim(store, 'instance-b', T, WEEK, 'C2')).toMatchObject({ claimed: true });
        expect(await claim(store, 'instance-b', T, '2026-W49', 'C1')).toMatchObject({ claimed: true });
        await markSent(store, 'instance-a', T + 1, 'C1', WEEK);
        expect(await store.delivery('C2', WEEK)).toMatchObject({ state: 'sending', claimedBy: 'instance-b' });
        expect(await store.delivery('C1', '2026-W49')).toMatchObject({ state: 'sending' });
        expect(await store.delivery('C3', WEEK)).toBeUndefined();
      });

      it("gives a channel's newest delivery, whatever its state", async () => {
        expect(await store.lastDelivery('C1')).toBeUndefined();
        await claim(store, 'instance-a', T, '2026-W47');
        await claim(store, 'instance-a', T + 1_000, WEEK);
        await claim(store, 'instance-a', T + 2_000, '2026-W49', 'C2');
        // The older period changes last: it stays the older delivery.
        await markFailed(store, 'instance-a', T + 3_000, false, 'timeout', 'C1', '2026-W47');
        expect(await store.lastDelivery('C1')).toMatchObject({ periodKey: WEEK, state: 'sending' });
        await markFailed(store, 'instance-a', T + 4_000, true, 'is_archived', 'C1', WEEK);
        expect(await store.lastDelivery('C1')).toMatchObject({ periodKey: WEEK, state: 'failed' });
        expect(await store.lastDelivery('C2')).toMatchObject({ periodKey: '2026-W49' });
        expect(await store.lastDelivery('C3')).toBeUndefined();
      });

      it("leaves alerts out of a channel's newest digest delivery", async () => {
        await claim(store, 'instance-a', T, WEEK);
        await claim(store, 'instance-a', T + 1_000, `${ALERT_KEY_PREFIX}new:healthec`);
        expect(await store.lastDelivery('C1')).toMatchObject({ periodKey: WEEK });
        expect(await store.delivery('C1', `${ALERT_KEY_PREFIX}new:healthec`)).toMatchObject({ state: 'sending' });
      });

      it('leaves training posts out of the newest digest, and gives only the keys of a prefix when asked', async () => {
        await claim(store, 'instance-a', T + 1_000, `${TRAINING_KEY_PREFIX}2026-W47`);
        expect(await store.lastDelivery('C1')).toBeUndefined();
        await claim(store, 'instance-a', T + 2_000, WEEK);
        await claim(store, 'instance-a', T + 3_000, `${ALERT_KEY_PREFIX}new:healthec`);
        await claim(store, 'instance-a', T + 4_000, `${TRAINING_KEY_PREFIX}${WEEK}`);
        await claim(store, 'instance-a', T + 5_000, `${TRAINING_KEY_PREFIX}2026-W49`, 'C2');
        expect(await store.lastDelivery('C1')).toMatchObject({ periodKey: WEEK });
        expect(await store.lastDelivery('C1', TRAINING_KEY_PREFIX)).toMatchObject({
          periodKey: `${TRAINING_KEY_PREFIX}${WEEK}`,
        });
        expect(await store.lastDelivery('C1', ALERT_KEY_PREFIX)).toMatchObject({
          periodKey: `${ALERT_KEY_PREFIX}new:healthec`,
        });
        expect(await store.lastDelivery('C3', TRAINING_KEY_PREFIX)).toBeUndefined();
        // A prefix is text, not a pattern: '_' and '%' match only themselves.
        expect(await store.lastDelivery('C1', 'alert_')).toBeUndefined();
        expect(await store.lastDelivery('C1', '%')).toBeUndefined();
      });

      it('gives the newest of a prefix by first claim, like digests', async () => {
        await claim(store, 'instance-a', T, `${TRAINING_KEY_PREFIX}2026-W47`);
        await claim(store, 'instance-a', T + 1_000, `${TRAINING_KEY_PREFIX}${WEEK}`);
        await markFailed(store, 'instance-a', T + 2_000, false, 'timeout', 'C1', `${TRAINING_KEY_PREFIX}2026-W47`);
        expect(await store.lastDelivery('C1', TRAINING_KEY_PREFIX)).toMatchObject({
          periodKey: `${TRAINING_KEY_PREFIX}${WEEK}`,
          state: 'sending',
        });
      });
    });

    describe('training subscriptions', () => {
      it('subscribes a channel once, keeping the first subscription, apart from the digest', async () => {
        expect(await store.subscribeTraining('C1', 'U1', T)).toBe(true);
        expect(await store.subscribeTraining('C1', 'U2', T + 5)).toBe(false);
        expect(await store.trainingSubscription('C1')).toEqual({
          channelId: 'C1',
          subscribedBy: 'U1',
          subscribedAt: T,
        });
        expect(await store.subscription('C1')).toBeUndefined();
        expect(await store.subscribe('C2', 'U3', T)).toBe(true);
        expect(await store.trainingSubscription('C2')).toBeUndefined();
        expect(await store.trainingSubscriptions()).toEqual([{ channelId: 'C1', subscribedBy: 'U1', subscribedAt: T }]);
      });

      it('unsubscribes, says when the channel was not subscribed, and lists oldest first', async () => {
        await store.subscribeTraining('C3', 'U1', T + 30);
        await store.subscribeTraining('C2', 'U1', T + 20);
        await store.subscribeTraining('C1', 'U1', T + 10);
        await store.subscribe('C2', 'U1', T);
        expect((await store.trainingSubscriptions()).map((s) => s.channelId)).toEqual(['C1', 'C2', 'C3']);
        expect(await store.unsubscribeTraining('C2')).toBe(true);
        expect(await store.unsubscribeTraining('C2')).toBe(false);
        expect(await store.unsubscribeTraining('C404')).toBe(false);
        expect(await store.trainingSubscription('C2')).toBeUndefined();
        expect(await store.subscription('C2')).toMatchObject({ subscribedBy: 'U1' });
        expect((await store.trainingSubscriptions()).map((s) => s.channelId)).toEqual(['C1', 'C3']);
      });
    });

    describe('quizzes', () => {
      it('keeps a quiz as posted, once per id', async () => {
        expect(await store.createQuiz(quizRecord())).toBe(true);
        const other = { ...QUIZ, incidentId: 'other-incident', organization: 'Other Clinic' };
        expect(
          await store.createQuiz(quizRecord({ channelId: 'C2', postedBy: 'U2', createdAt: T + 5, quiz: other })),
        ).toBe(false);
        expect(await store.quiz(QUIZ_ID)).toEqual(quizRecord());
        expect(await (await open()).quiz(QUIZ_ID)).toEqual(quizRecord());
        expect(await store.quiz('QNOTHERE')).toBeUndefined();
      });

      it('refuses to keep a quiz it could not read back', async () => {
        const broken = { ...QUIZ, questions: QUESTIONS.slice(0, 2) };
        await expect(store.createQuiz(quizRecord({ quiz: broken }))).rejects.toThrow(
          /quiz QABCDEFG cannot be kept: questions: /,
        );
        expect(await store.quiz(QUIZ_ID)).toBeUndefined();
      });

      it('fails on a quiz whose stored questions are damaged, naming the quiz and the problem', async () => {
        await store.createQuiz(quizRecord());
        const damage = (questions: string) =>
          database.exec(`UPDATE quizzes SET questions = ${literal(questions)} WHERE quiz_id = ${literal(QUIZ_ID)}`);

        await damage(JSON.stringify(QUIZ).slice(0, 40));
        await expect(store.quiz(QUIZ_ID)).rejects.toThrow(
          /^Store: quiz QABCDEFG is damaged: its questions are not JSON/,
        );
        await damage(
          JSON.stringify({ ...QUIZ, questions: [QUESTIONS[0], { ...QUESTIONS[1], answer: 7 }, QUESTIONS[2]] }),
        );
        await expect(store.quiz(QUIZ_ID)).rejects.toThrow(
          'Store: quiz QABCDEFG is damaged: questions.1: answer must index one of the choices.',
        );
        await damage(JSON.stringify({ ...QUIZ, incidentId: 'someone-else' }));
        await expect(store.quiz(QUIZ_ID)).rejects.toThrow(/quiz QABCDEFG is damaged: .*someone-else/);
      });

      it('records the first answer to a question; a second records nothing and returns the first', async () => {
        const first = answer({ choice: 2, correct: false, answeredAt: T + 10 });
        expect(await store.recordQuizAnswer(first)).toEqual({ recorded: true });
        const again = answer({ choice: 0, correct: true, answeredAt: T + 20 });
        expect(await store.recordQuizAnswer(again)).toEqual({ recorded: false, existing: first });
        expect(await (await open()).recordQuizAnswer(again)).toEqual({ recorded: false, existing: first });
        expect(await store.quizAnswers(QUIZ_ID)).toEqual([first]);
        // Another question, another person, another quiz: each a first answer of its own.
        expect(await store.recordQuizAnswer(answer({ questionIndex: 1 }))).toEqual({ recorded: true });
        expect(await store.recordQuizAnswer(answer({ userId: 'U2' }))).toEqual({ recorded: true });
        expect(await store.recordQuizAnswer(answer({ quizId: 'QOTHERQZ' }))).toEqual({ recorded: true });
        expect(await store.quizAnswers(QUIZ_ID)).toHaveLength(3);
      });

      it("lists a quiz's answers by question, then oldest first, then by person", async () => {
        const answers = [
          answer({ questionIndex: 1, userId: 'U2', answeredAt: T + 5 }),
          answer({ questionIndex: 0, userId: 'U3', answeredAt: T + 9, choice: 1, correct: false }),
          answer({ questionIndex: 2, userId: 'U1', answeredAt: T }),
          answer({ questionIndex: 0, userId: 'U1', answeredAt: T + 9 }),
          answer({ questionIndex: 0, userId: 'U2', answeredAt: T + 1 }),
          answer({ quizId: 'QOTHERQZ', questionIndex: 0, userId: 'U9', answeredAt: T }),
        ];
        for (const each of answers) await store.recordQuizAnswer(each);
        expect((await store.quizAnswers(QUIZ_ID)).map((a) => `${a.questionIndex} ${a.userId} ${a.correct}`)).toEqual([
          '0 U2 true',
          '0 U1 true',
          '0 U3 false',
          '1 U2 true',
          '2 U1 true',
        ]);
        expect(await store.quizAnswers('QNOTHERE')).toEqual([]);
      });

      it('refuses an answer with a negative or fractional index', async () => {
        await expect(store.recordQuizAnswer(answer({ questionIndex: -1 }))).rejects.toThrow(/questionIndex/);
        await expect(store.recordQuizAnswer(answer({ choice: 1.5 }))).rejects.toThrow(/choice/);
        expect(await store.quizAnswers(QUIZ_ID)).toEqual([]);
      });
    });

    describe('training picks', () => {
      it('keeps the first pick of a period and gives it to every later claimer', async () => {
        const first: TrainingPick = { periodKey: WEEK, incidentId: 'acme-health-2026-01', pickedAt: T };
        expect(await store.claimTrainingPick(first)).toEqual(first);
        expect(await store.claimTrainingPick({ periodKey: WEEK, incidentId: 'other', pickedAt: T + 5 })).toEqual(first);
        expect(await (await open()).claimTrainingPick({ ...first, incidentId: 'third', pickedAt: T + 6 })).toEqual(
          first,
        );
        expect(await store.trainingPicks(0)).toEqual([first]);
      });

      it('lists the picks made at or after a time, newest first', async () => {
        await store.claimTrainingPick({ periodKey: '2026-W46', incidentId: 'a', pickedAt: T });
        await store.claimTrainingPick({ periodKey: '2026-W48', incidentId: 'c', pickedAt: T + 2_000 });
        await store.claimTrainingPick({ periodKey: '2026-W47', incidentId: 'b', pickedAt: T + 1_000 });
        expect((await store.trainingPicks(T + 1_000)).map((pick) => pick.incidentId)).toEqual(['c', 'b']);
        expect((await store.trainingPicks(T)).map((pick) => pick.incidentId)).toEqual(['c', 'b', 'a']);
        expect(await store.trainingPicks(T + 2_001)).toEqual([]);
      });
    });

    describe('asked data types', () => {
      it('counts each kind once per note, per day, and sums the days from one on', async () => {
        await store.noteAskedDataTypes(['diagnosis'], '2026-11-30');
        await store.noteAskedDataTypes(['ssn', 'email', 'ssn'], '2026-12-01');
        await store.noteAskedDataTypes(['ssn'], '2026-12-02');
        await store.noteAskedDataTypes([], '2026-12-02');
        expect(await store.askedDataTypes('2026-12-01')).toEqual({ ssn: 2, email: 1 });
        expect(await store.askedDataTypes('2026-11-30')).toEqual({ ssn: 2, email: 1, diagnosis: 1 });
        expect(await store.askedDataTypes('2026-12-02')).toEqual({ ssn: 1 });
        expect(await store.askedDataTypes('2026-12-03')).toEqual({});
      });

      it('adds up notes made at once by several instances', async () => {
        const instances = [store, await open(), await open()];
        await Promise.all(
          Array.from({ length: 12 }, (_, n) =>
            (instances[n % 3] as Store).noteAskedDataTypes(['ssn', 'email'], '2026-12-01'),
          ),
        );
        expect(await store.askedDataTypes('2026-12-01')).toEqual({ ssn: 12, email: 12 });
      });

      it('refuses a day that is not YYYY-MM-DD', async () => {
        await expect(store.noteAskedDataTypes(['ssn'], '2026-12-1')).rejects.toThrow(/YYYY-MM-DD/);
        await expect(store.askedDataTypes('yesterday')).rejects.toThrow(/YYYY-MM-DD/);
      });
    });

    describe('schema', () => {
      it('brings a database at version 3 up to the newest, keeping what it held', async () => {
        const old = await freshDatabase();
        const upToThree = MIGRATIONS.filter((migration) => migration.version <= 3);
        expect(upToThree.map((migration) => migration.version)).toEqual([1, 2, 3]);
        await old.exec(CREATE_SCHEMA_MIGRATIONS);
        for (const migration of upToThree) {
          await old.exec(migrationSql(migration, old.dialect));
          await old.exec(
            `INSERT INTO schema_migrations (version, description, applied_at) VALUES (${migration.version}, ${literal(migration.description)}, 0)`,
          );
        }
        await old.exec(
          `INSERT INTO subscriptions (channel_id, subscribed_by, subscribed_at) VALUES ('C1', 'U1', ${T})`,
        );

        const upgraded = await open(old);
        const versions = await old.rows('SELECT version FROM schema_migrations ORDER BY version');
        expect(versions.map((row) => Number(row.version))).toEqual(MIGRATIONS.map((migration) => migration.version));
        expect(await upgraded.subscription('C1')).toEqual({ channelId: 'C1', subscribedBy: 'U1', subscribedAt: T });
        expect(await upgraded.subscribeTraining('C1', 'U1', T)).toBe(true);
        expect(await upgraded.createQuiz(quizRecord())).toBe(true);
        expect(await upgraded.recordQuizAnswer(answer())).toEqual({ recorded: true });
        expect(await upgraded.claimTrainingPick({ periodKey: WEEK, incidentId: 'a', pickedAt: T })).toMatchObject({
          incidentId: 'a',
        });
        await upgraded.noteAskedDataTypes(['ssn'], '2026-12-01');
        expect(await upgraded.askedDataTypes('2026-12-01')).toEqual({ ssn: 1 });
      });
    });

    describe('personal watches', () => {
      it("keeps each person's list apart: nobody else's list is listed, changed or cleared", async () => {
        expect(await store.addPersonalWatch('U1', ' Aetna ', T)).toBe(true);
        expect(await store.addPersonalWatch('U1', 'AETNA', T + 1)).toBe(false);
        expect(await store.addPersonalWatch('U2', 'aetna', T + 2)).toBe(true);
        expect(await store.addPersonalWatch('U1', 'Walgreens', T + 3)).toBe(true);
        expect(await store.personalWatches('U1')).toEqual([
          { userId: 'U1', name: 'Aetna', addedAt: T },
          { userId: 'U1', name: 'Walgreens', addedAt: T + 3 },
        ]);
        expect(await store.removePersonalWatch('U2', 'walgreens')).toBe(false);
        expect(await store.removePersonalWatch('U1', 'walgreens')).toBe(true);
        expect(await store.clearPersonalWatches('U2')).toBe(1);
        expect(await store.clearPersonalWatches('U2')).toBe(0);
        expect(await store.personalWatches('U1')).toEqual([{ userId: 'U1', name: 'Aetna', addedAt: T }]);
      });

      it('lists everyone by person, then by name without regard to case', async () => {
        await store.addPersonalWatch('U2', 'zeta', T);
        await store.addPersonalWatch('U1', 'Beta', T);
        await store.addPersonalWatch('U2', 'Alpha', T);
        expect((await store.allPersonalWatches()).map((watch) => `${watch.userId} ${watch.name}`)).toEqual([
          'U1 Beta',
          'U2 Alpha',
          'U2 zeta',
        ]);
      });

      it('refuses an empty name', async () => {
        await expect(store.addPersonalWatch('U1', '  ', T)).rejects.toThrow(/must not be empty/);
      });
    });

    describe('shared source lists', () => {
      it('counts every publish of a list or its status in one revision, keeping the other half', async () => {
        expect(await store.sourceListRevisions()).toEqual([]);
        expect(
          await store.publishSyncStatus({ source: 'hibp', syncStatus: '{"a":1}', publishedBy: 'i1', now: T }),
        ).toBe(1);
        expect(await store.sourceList('hibp')).toEqual({
          source: 'hibp',
          revision: 1,
          sha256: null,
          collection: null,
          syncStatus: '{"a":1}',
          publishedBy: 'i1',
          publishedAt: T,
        });
        const list = { source: 'hibp', sha256: 'ab'.repeat(32), collection: 'H4sI', publishedBy: 'i2', now: T + 5 };
        expect(await store.publishSourceList(list)).toBe(2);
        expect(await store.publishSourceList({ ...list, source: 'wa-ag' })).toBe(1);
        expect(await store.sourceList('hibp')).toMatchObject({
          revision: 2,
          collection: 'H4sI',
          syncStatus: '{"a":1}',
        });
        expect(await store.sourceListRevisions()).toEqual([
          { source: 'hibp', revision: 2, sha256: 'ab'.repeat(32), syncStatus: '{"a":1}', publishedAt: T + 5 },
          { source: 'wa-ag', revision: 1, sha256: 'ab'.repeat(32), syncStatus: null, publishedAt: T + 5 },
        ]);
        expect(await store.sourceList('hhs-ocr')).toBeUndefined();
      });

      it('gives concurrent publishes from several instances one revision each', async () => {
        const others = [store, await open(), await open()];
        const revisions = await Promise.all(
          Array.from({ length: 12 }, (_, i) =>
            (others[i % 3] as Store).publishSyncStatus({
              source: 'hibp',
              syncStatus: `{"n":${i}}`,
              publishedBy: `i${i}`,
              now: T + i,
            }),
          ),
        );
        expect([...revisions].sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
      });
    });

    describe('locks', () => {
      it('is held by one owner until it expires; its owner may extend it', async () => {
        expect(await store.acquireLock('digest:fire', 'a', T, 1_000)).toBe(true);
        expect(await store.acquireLock('digest:fire', 'b', T + 500, 1_000)).toBe(false);
        expect(await store.acquireLock('digest:fire', 'b', T + 1_000, 1_000)).toBe(false);
        // Re-entry by the owner extends the expiry to T + 1_800.
        expect(await store.acquireLock('digest:fire', 'a', T + 800, 1_000)).toBe(true);
        expect(await store.acquireLock('digest:fire', 'b', T + 1_500, 1_000)).toBe(false);
        expect(await store.acquireLock('digest:fire', 'b', T + 1_801, 1_000)).toBe(true);
        expect(await store.acquireLock('digest:fire', 'a', T + 1_802, 1_000)).toBe(false);
      });

      it('is released by its owner only', async () => {
        await store.acquireLock('digest:fire', 'a', T, 1_000);
        await store.releaseLock('digest:fire', 'b');
        expect(await store.acquireLock('digest:fire', 'b', T + 1, 1_000)).toBe(false);
        await store.releaseLock('digest:fire', 'a');
        expect(await store.acquireLock('digest:fire', 'b', T + 2, 1_000)).toBe(true);
      });

      it('keeps each key apart', async () => {
        expect(await store.acquireLock('digest:2026-12-07', 'a', T, 1_000)).toBe(true);
        expect(await store.acquireLock('digest:2026-12-14', 'b', T, 1_000)).toBe(true);
        expect(await store.acquireLock('digest:2026-12-07', 'b', T, 1_000)).toBe(false);
      });
    });

    describe('seen requests', () => {
      it('claims a key once until it expires, then once again', async () => {
        expect(await store.claimRequest('event:Ev1', T, 1_000)).toBe(true);
        expect(await store.claimRequest('event:Ev1', T + 1_000, 1_000)).toBe(false);
        expect(await store.claimRequest('event:Ev2', T + 1, 1_000)).toBe(true);
        expect(await store.claimRequest('event:Ev1', T + 1_001, 1_000)).toBe(true);
        expect(await store.claimRequest('event:Ev1', T + 1_500, 1_000)).toBe(false);
      });

      it('gives a key to exactly one of several instances claiming at once, and remembers it across a reopen', async () => {
        const others = await Promise.all([open(), open(), open()]);
        const claims = await Promise.all(
          [store, ...others].flatMap((by) => Array.from({ length: 5 }, () => by.claimRequest('share:x', T, 60_000))),
        );
        expect(claims.filter(Boolean)).toHaveLength(1);
        const reopened = await open();
        expect(await reopened.claimRequest('share:x', T + 59_000, 60_000)).toBe(false);
      });

      it('forgets expired keys without losing live ones', async () => {
        await store.claimRequest('old', T, 1_000);
        await store.claimRequest('live', T + 60_000, 600_000);
        // The next claim, a minute on, clears what expired; the live key stays claimed.
        await store.claimRequest('other', T + 120_000, 1_000);
        expect(await store.claimRequest('live', T + 120_001, 600_000)).toBe(false);
        expect(await store.claimRequest('old', T + 120_002, 1_000)).toBe(true);
      });
    });

    describe('several instances on one database', () => {
      it('migrates once: a store opened again, or later, sees the same data', async () => {
        const second = await open();
        await store.subscribe('C1', 'U1', T);
        await second.addVendor('HealthEC', 'U2', T + 1);
        await claim(second, 'instance-b', T + 2);
        expect(await second.subscription('C1')).toMatchObject({ subscribedBy: 'U1' });
        expect(await store.watchlist()).toMatchObject([{ name: 'HealthEC' }]);
        expect(await claim(store, 'instance-a', T + 3)).toMatchObject({ claimed: false });

        await Promise.all(opened.splice(0).map((instance) => instance.close()));
        const later = await open();
        expect(await later.subscriptions()).toHaveLength(1);
        expect(await later.delivery('C1', WEEK)).toMatchObject({ claimedBy: 'instance-b' });
      });

      it('gives exactly one of 20 concurrent claims from 3 instances the delivery', async () => {
        const instances = [store, await open(), await open()];
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, n) => claim(instances[n % 3] as Store, `instance-${n}`, T)),
        );
        const winners = results.filter((result) => result.claimed);
        expect(winners).toHaveLength(1);
        const winner = winners[0] as ClaimResult;
        expect(results.every((result) => result.delivery.claimedBy === winner.delivery.claimedBy)).toBe(true);
        expect(await store.delivery('C1', WEEK)).toMatchObject({ attempts: 1, claimedBy: winner.delivery.claimedBy });
      });

      it('gives exactly one of 20 concurrent claims the takeover of an expired lease', async () => {
        const instances = [store, await open(), await open()];
        await claim(store, 'crashed', T);
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, n) => claim(instances[n % 3] as Store, `instance-${n}`, T + LEASE + 1)),
        );
        const winners = results.filter((result) => result.claimed);
        expect(winners).toHaveLength(1);
        expect(winners[0]).toMatchObject({ recovering: true, delivery: { attempts: 2 } });
        expect(await store.delivery('C1', WEEK)).toMatchObject({ attempts: 2 });
      });

      it('gives a lock to exactly one of 20 concurrent owners', async () => {
        const instances = [store, await open(), await open()];
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, n) =>
            (instances[n % 3] as Store).acquireLock('digest:fire', `o${n}`, T, 1_000),
          ),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
      });

      it("records exactly one of 20 concurrent answers from 3 instances to one person's question", async () => {
        const instances = [store, await open(), await open()];
        const attempts = Array.from({ length: 20 }, (_, n) =>
          answer({ choice: n % 4, correct: n % 4 === 0, answeredAt: T + n }),
        );
        const results = await Promise.all(
          attempts.map((attempt, n) => (instances[n % 3] as Store).recordQuizAnswer(attempt)),
        );
        const winners = attempts.filter((_, n) => results[n]?.recorded);
        expect(winners).toHaveLength(1);
        const winner = winners[0] as QuizAnswer;
        for (const result of results) if (!result.recorded) expect(result.existing).toEqual(winner);
        expect(await store.quizAnswers(QUIZ_ID)).toEqual([winner]);
      });

      it("gives all of 20 concurrent claimers from 3 instances the same period's pick", async () => {
        const instances = [store, await open(), await open()];
        const proposals = Array.from({ length: 20 }, (_, n) => ({
          periodKey: WEEK,
          incidentId: `incident-${n}`,
          pickedAt: T + n,
        }));
        const picks = await Promise.all(
          proposals.map((proposal, n) => (instances[n % 3] as Store).claimTrainingPick(proposal)),
        );
        const pick = picks[0] as TrainingPick;
        expect(proposals).toContainEqual(pick);
        expect(picks.every((each) => JSON.stringify(each) === JSON.stringify(pick))).toBe(true);
        expect(await store.trainingPicks(0)).toEqual([pick]);
      });
    });
  });
}

function markSent(store: Store, instanceId: string, now: number, channelId = 'C1', periodKey = WEEK) {
  return store.markSent({ channelId, periodKey, instanceId, now, messageTs: '1800000000.000100' });
}

function markFailed(
  store: Store,
  instanceId: string,
  now: number,
  permanent: boolean,
  error = 'internal_error',
  channelId = 'C1',
  periodKey = WEEK,
) {
  return store.markFailed({ channelId, periodKey, instanceId, now, permanent, error });
}
