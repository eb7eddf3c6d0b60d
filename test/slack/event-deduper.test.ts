import { describe, expect, it } from 'vitest';
import { DEDUPE_WINDOW_MS, EventDeduper, requestKey } from '../../src/slack/event-deduper.js';
import { openStore } from '../../src/store/open-store.js';

describe('EventDeduper', () => {
  it('answers an event id once within ten minutes, and again after that', async () => {
    let now = 1_000_000;
    const deduper = new EventDeduper({ now: () => now });
    expect(await deduper.firstTime('Ev1')).toBe(true);
    expect(await deduper.firstTime('Ev1')).toBe(false);
    expect(await deduper.firstTime('Ev2')).toBe(true);
    now += DEDUPE_WINDOW_MS - 1;
    expect(await deduper.firstTime('Ev1')).toBe(false);
    now += 2;
    expect(await deduper.firstTime('Ev1')).toBe(true);
  });

  it('keeps a shorter window when asked for one', async () => {
    let now = 1_000_000;
    const deduper = new EventDeduper({ now: () => now });
    expect(await deduper.firstTime('click', 10_000)).toBe(true);
    now += 9_000;
    expect(await deduper.firstTime('click', 10_000)).toBe(false);
    now += 2_000;
    expect(await deduper.firstTime('click', 10_000)).toBe(true);
  });

  it('remembers in the store: another instance, or this one restarted, sees the repeat', async () => {
    const store = await openStore('sqlite::memory:');
    try {
      const now = () => 1_000_000;
      expect(await new EventDeduper({ store, now }).firstTime('event:Ev1')).toBe(true);
      expect(await new EventDeduper({ store, now }).firstTime('event:Ev1')).toBe(false);
    } finally {
      await store.close();
    }
  });

  it('decides from memory when the store fails, and says so', async () => {
    const errors: unknown[] = [];
    const store = { claimRequest: async () => Promise.reject(new Error('locked')) };
    const deduper = new EventDeduper({ store, onStoreError: (error) => errors.push(error) });
    expect(await deduper.firstTime('Ev1')).toBe(true);
    expect(await deduper.firstTime('Ev1')).toBe(false);
    expect(errors).toHaveLength(1);
  });

  it('keys a request by its exact body', () => {
    expect(requestKey('share', { a: 1 })).toBe(requestKey('share', { a: 1 }));
    expect(requestKey('share', { a: 1 })).not.toBe(requestKey('share', { a: 2 }));
  });
});
