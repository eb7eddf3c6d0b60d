import { describe, expect, it } from 'vitest';
import { median, medianItem, percentile, round } from '../../bench/stats.js';

describe('bench statistics', () => {
  it('median averages the middle two of an even count, and is NaN for nothing', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('percentile is nearest-rank: p99 of fewer than 100 values is the largest', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile([5, 1, 9], 99)).toBe(9);
    expect(percentile([5, 1, 9], 0)).toBe(1);
    expect(percentile([], 99)).toBeNaN();
  });

  it('medianItem returns one of the items, the lower middle one for an even count', () => {
    const rounds = [{ rps: 300 }, { rps: 100 }, { rps: 200 }];
    expect(medianItem(rounds, (entry) => entry.rps)).toBe(rounds[2]);
    expect(medianItem([{ rps: 4 }, { rps: 1 }, { rps: 3 }, { rps: 2 }], (entry) => entry.rps)).toEqual({ rps: 2 });
    expect(medianItem([], (entry: { rps: number }) => entry.rps)).toBeUndefined();
  });

  it('round keeps the digits asked for', () => {
    expect(round(1.23456, 3)).toBe(1.235);
    expect(round(1234.5, 0)).toBe(1235);
  });
});
