import { describe, expect, it } from 'vitest';
import { DEDUPE_WINDOW_MS, EventDeduper } from '../../src/slack/event-deduper.js';

describe('EventDeduper', () => {
  it('answers an event id once within ten minutes, and again after that', () => {
    let now = 1_000_000;
    const deduper = new EventDeduper(() => now);
    expect(deduper.firstTime('Ev1')).toBe(true);
    expect(deduper.firstTime('Ev1')).toBe(false);
    expect(deduper.firstTime('Ev2')).toBe(true);
    now += DEDUPE_WINDOW_MS - 1;
    expect(deduper.firstTime('Ev1')).toBe(false);
    now += 2;
    expect(deduper.firstTime('Ev1')).toBe(true);
  });
});
