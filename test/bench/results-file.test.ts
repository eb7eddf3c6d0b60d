import { describe, expect, it } from 'vitest';
import { mergeEntries } from '../../bench/results-file.js';

interface Entry {
  app: string;
  rps: number;
}

const ORDER = ['breachbot', 'bare-bolt', 'other'];
const merge = (previous: unknown, measured: Entry[]) =>
  mergeEntries(
    previous,
    measured,
    (entry) => entry.app,
    (a, b) => ORDER.indexOf(a.app) - ORDER.indexOf(b.app),
  );

describe('mergeEntries', () => {
  it('replaces what the run measured and keeps, in order, what it did not', () => {
    const previous = [
      { app: 'bare-bolt', rps: 1 },
      { app: 'breachbot', rps: 2 },
      { app: 'other', rps: 3 },
    ];
    const { merged, kept } = merge(previous, [{ app: 'breachbot', rps: 20 }]);
    expect(merged).toEqual([
      { app: 'breachbot', rps: 20 },
      { app: 'bare-bolt', rps: 1 },
      { app: 'other', rps: 3 },
    ]);
    expect(kept.map((entry) => entry.app)).toEqual(['bare-bolt', 'other']);
  });

  it('keeps everything when nothing was measured, and starts afresh from a missing or broken key', () => {
    const previous = [{ app: 'breachbot', rps: 2 }];
    expect(merge(previous, []).merged).toEqual(previous);
    expect(merge(undefined, [{ app: 'bare-bolt', rps: 5 }]).merged).toEqual([{ app: 'bare-bolt', rps: 5 }]);
    expect(merge({ not: 'a list' }, []).merged).toEqual([]);
  });
});
