import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { type AnswerContext, answerQuery } from '../../src/answer/answer-query.js';
import { createBreachService } from '../../src/answer/breach-service.js';
import { firstCardsAnswerContext } from '../support/repo-dataset.js';

const counted = vi.hoisted(() => ({ answers: 0, comparisons: 0 }));

vi.mock('../../src/answer/answer-query.js', async (original) => {
  const actual = await original<typeof import('../../src/answer/answer-query.js')>();
  return {
    ...actual,
    answerQuery: (...args: Parameters<typeof actual.answerQuery>) => {
      counted.answers++;
      return actual.answerQuery(...args);
    },
  };
});

vi.mock('../../src/incidents/order.js', async (original) => {
  const actual = await original<typeof import('../../src/incidents/order.js')>();
  return {
    ...actual,
    newestFirst: (...args: Parameters<typeof actual.newestFirst>) => {
      counted.comparisons++;
      return actual.newestFirst(...args);
    },
  };
});

let context: AnswerContext;

beforeAll(async () => {
  context = await firstCardsAnswerContext();
});

const LATEST_VARIANTS = [
  'latest',
  'Latest',
  'LATEST',
  ' latest',
  'latest ',
  '  latest  ',
  'lAtEsT',
  'latest\t',
  'LaTeSt ',
  'Latest  ',
];

describe('the answer cache', () => {
  it('computes `latest` once for every way of typing it', () => {
    const service = createBreachService(context.dataset, context.index, { today: () => '2026-03-02' });
    const before = counted.answers;
    const answers = LATEST_VARIANTS.map((variant) => service.answer(variant));
    expect(counted.answers - before).toBe(1);
    for (const answer of answers) expect(answer).toEqual(answers[0]);
  });

  it('computes a question once whatever its case, spaces and surrounding punctuation', () => {
    const service = createBreachService(context.dataset, context.index, { today: () => '2026-03-02' });
    const before = counted.answers;
    for (const variant of [
      'was HealthEC hacked',
      'Was healthec hacked?',
      '  was   healthec  hacked ?!',
      '"was healthec hacked"',
    ])
      service.answer(variant);
    expect(counted.answers - before).toBe(1);
  });

  it('sorts the data once for every `latest`, whatever the count, and totals it once for `stats`', () => {
    const service = createBreachService(context.dataset, context.index, { today: () => '2026-03-02' });
    service.answer('latest');
    const sorted = counted.comparisons;
    expect(sorted).toBeGreaterThan(0);
    for (const count of [1, 5, 7, 20]) service.answer(`latest ${count}`);
    createBreachService(context.dataset, context.index, { today: () => '2026-03-03' }).answer('latest 3');
    expect(counted.comparisons).toBe(sorted);
    const stats = service.answer('stats');
    const again = createBreachService(context.dataset, context.index).answer('STATS');
    expect(again.kind === 'stats' && stats.kind === 'stats' && again.stats).toBe(stats.kind === 'stats' && stats.stats);
  });

  it('gives every variant the very answer answerQuery gives it', () => {
    const questions = [
      'helthec',
      'was HealthEC hacked?',
      'how many people did HealthEC affect',
      'Acme Hospital',
      'acme   hospital?',
      'what should I do about my SSN?',
      'steps ssn',
      'STEPS Foo',
      'latest',
      'latest 5',
      'latest.',
      '"latest"',
      'latest breaches at pharmacies',
      'biggest breaches 2024',
      'stats',
      'stats 2023',
      'stats abc',
      'help',
      'hospitals in CA',
      'hospitals in ca',
      'breaches in NY?',
      'IN',
      'Delta Airlines',
      'rite aid pharmacy',
      'riteaid',
      ...['present', 'absent'].flatMap((set) =>
        (
          JSON.parse(readFileSync(new URL(`../../bench/eval/${set}.json`, import.meta.url), 'utf8')) as {
            query: string;
          }[]
        )
          .slice(0, 60)
          .map((entry) => entry.query),
      ),
    ];
    const variants = (question: string) => [
      question,
      question.toUpperCase(),
      question.toLowerCase(),
      `  ${question.replace(/ /g, '   ')}  `,
      `${question}?`,
      `${question}!!`,
      `"${question}"`,
      `${question}.`,
    ];
    const service = createBreachService(context.dataset, context.index, { today: () => '2026-03-02' });
    for (const question of questions) {
      for (const variant of variants(question)) {
        expect(service.answer(variant), variant).toEqual(
          answerQuery(variant, { ...context, today: () => '2026-03-02' }),
        );
      }
    }
  });
});
