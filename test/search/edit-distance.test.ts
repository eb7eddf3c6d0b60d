import { describe, expect, it } from 'vitest';
import { boundedEditDistance } from '../../src/search/edit-distance.js';

describe('boundedEditDistance', () => {
  it.each([
    ['healthec', 'healthec', 0],
    ['helthec', 'healthec', 1],
    ['healthce', 'healthec', 1],
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
  ])('%s -> %s is %i', (a, b, expected) => {
    expect(boundedEditDistance(a, b, 5)).toBe(expected);
  });

  it('gives up past the bound with bound + 1', () => {
    expect(boundedEditDistance('kitten', 'sitting', 1)).toBe(2);
    expect(boundedEditDistance('a', 'abcdef', 2)).toBe(3);
  });
});
