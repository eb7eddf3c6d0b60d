import { describe, expect, it } from 'vitest';
import { lastSuccessAt, STALE_AFTER_MS, staleSources } from '../../src/sources/staleness.js';
import { DAY, HOUR, NOW, overview } from '../services/source-overviews.js';

const sourcesOf = (overviews: ReturnType<typeof overview>[]) => overviews.map((o) => o.feed.source);

describe('staleSources', () => {
  it('is three days', () => {
    expect(STALE_AFTER_MS).toBe(3 * DAY);
  });

  it('keeps a configured source whose last successful sync is older than three days', () => {
    const fresh = overview({ source: 'hibp', syncedAt: NOW - 2 * DAY });
    const old = overview({ source: 'wa-ag', syncedAt: NOW - 3 * DAY - HOUR });
    expect(sourcesOf(staleSources([fresh, old], NOW))).toEqual(['wa-ag']);
  });

  it('is not stale at exactly three days', () => {
    expect(staleSources([overview({ syncedAt: NOW - STALE_AFTER_MS })], NOW)).toEqual([]);
  });

  it('counts a source that never synced successfully, even after recent failed attempts', () => {
    const never = overview({ source: 'hibp' });
    const failing = overview({ source: 'wa-ag', error: { at: NOW - HOUR, reason: 'HTTP 500' } });
    expect(sourcesOf(staleSources([never, failing], NOW))).toEqual(['hibp', 'wa-ag']);
  });

  it('counts a recent error after an old success, and not a recent success after an old error', () => {
    const broken = overview({ source: 'hibp', syncedAt: NOW - 5 * DAY, error: { at: NOW - HOUR, reason: 'x' } });
    const mended = overview({ source: 'wa-ag', syncedAt: NOW - HOUR, error: { at: NOW - 5 * DAY, reason: 'x' } });
    expect(sourcesOf(staleSources([broken, mended], NOW))).toEqual(['hibp']);
  });

  it('never counts a source that is not configured: nothing is expected of it', () => {
    expect(staleSources([overview({ source: 'hhs-ocr', configured: false })], NOW)).toEqual([]);
  });

  it('keeps the order it was given, and takes an unreadable status as never synced', () => {
    const overviews = [
      overview({ source: 'wa-ag', problem: 'not JSON' }),
      overview({ source: 'hhs-ocr', syncedAt: NOW - 10 * DAY }),
    ];
    expect(sourcesOf(staleSources(overviews, NOW))).toEqual(['wa-ag', 'hhs-ocr']);
  });
});

describe('lastSuccessAt', () => {
  it('reads the time of the last success, or undefined', () => {
    expect(lastSuccessAt(overview({ syncedAt: NOW - DAY }))).toBe(NOW - DAY);
    expect(lastSuccessAt(overview({ error: { at: NOW, reason: 'x' } }))).toBeUndefined();
  });
});
