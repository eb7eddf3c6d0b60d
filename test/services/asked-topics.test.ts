import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AnswerContext } from '../../src/answer/answer-query.js';
import { createBreachService } from '../../src/answer/breach-service.js';
import { AskedTopics } from '../../src/services/asked-topics.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { FakeClock } from '../support/fake-clock.js';
import { firstCardsAnswerContext } from '../support/repo-dataset.js';

/** 23:30 UTC on 2 December is already the 3rd in Auckland: days are counted in the bot's time zone. */
const NOW = Date.parse('2026-12-02T23:30:00Z');

let context: AnswerContext;
let store: Store;
let errors: unknown[];

beforeAll(async () => {
  context = await firstCardsAnswerContext();
});

beforeEach(async () => {
  store = await openStore('sqlite::memory:');
  errors = [];
});

afterEach(async () => {
  await store.close();
});

function topics(over: Store = store) {
  return new AskedTopics({
    store: over,
    clock: new FakeClock(NOW),
    timeZone: 'Pacific/Auckland',
    onError: (error) => errors.push(error),
  });
}

describe('AskedTopics', () => {
  it('counts the kinds of data an answered incident lists, and a steps question’s, on the local day', async () => {
    const service = createBreachService(context.dataset, context.index);
    const healthec = service.answer('healthec');
    if (healthec.kind !== 'incident') throw new Error('HealthEC is one of the first cards');
    await topics().note(healthec);
    await topics().note(service.answer('steps ssn'));
    const counts = await store.askedDataTypes('2026-12-03');
    for (const type of healthec.match.incident.dataTypes) expect(counts[type], type).toBeGreaterThanOrEqual(1);
    expect(counts.ssn).toBe(healthec.match.incident.dataTypes.includes('ssn') ? 2 : 1);
    expect(await store.askedDataTypes('2026-12-04')).toEqual({});
  });

  it('counts nothing for answers about no kind of data', async () => {
    await topics().note(createBreachService(context.dataset, context.index).answer('latest'));
    expect(await store.askedDataTypes('2000-01-01')).toEqual({});
  });

  it('never fails the answer: a store that cannot write is reported, not thrown', async () => {
    const broken = await openStore('sqlite::memory:');
    await broken.close();
    await expect(
      topics(broken).note({ kind: 'steps', query: 'ssn', steps: { dataTypes: ['ssn'], checklists: [], notice: '' } }),
    ).resolves.toBeUndefined();
    expect(errors).toHaveLength(1);
  });
});
