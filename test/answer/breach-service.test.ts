import { beforeAll, describe, expect, it } from 'vitest';
import { type AnswerContext, answerQuery } from '../../src/answer/answer-query.js';
import { ANSWER_CACHE_SIZE, createBreachService } from '../../src/answer/breach-service.js';
import { firstCardsAnswerContext } from '../support/repo-dataset.js';

let context: AnswerContext;

beforeAll(async () => {
  context = await firstCardsAnswerContext();
});

describe('BreachService.answer', () => {
  it('answers as answerQuery does, and a repeated question from its cache', () => {
    const service = createBreachService(context.dataset, context.index);
    const first = service.answer('  helthec ');
    expect(first).toEqual(answerQuery('helthec', context));
    expect(service.answer('helthec')).toBe(first);
    expect(service.answer('stats')).toBe(service.answer('stats'));
  });

  it('keeps at most its capacity and still answers what it forgot', () => {
    const service = createBreachService(context.dataset, context.index);
    const first = service.answer('helthec');
    for (let i = 0; i < ANSWER_CACHE_SIZE; i++) service.answer(`question ${i}`);
    const again = service.answer('helthec');
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });
});
