import { describe, expect, it } from 'vitest';
import { sourcesMessage, staleSourceLine } from '../../../src/views/blocks/sources-message.js';
import { DAY, HOUR, NOW, overview } from '../../services/source-overviews.js';
import { EVIL, EVIL_ESCAPED, expectNoLiveMarkup, expectWithinLimits } from './fixtures.js';

const texts = (message: { blocks: unknown[] }) => JSON.stringify(message.blocks);

describe('sourcesMessage', () => {
  const overviews = [
    overview({ source: 'hhs-ocr', configured: false, records: 7000, list: { asOf: '2026-07-01', shipped: true } }),
    overview({
      source: 'hibp',
      records: 900,
      syncedAt: NOW - 5 * DAY,
      error: { at: NOW - HOUR, reason: `HTTP 503 ${EVIL}` },
    }),
    overview({ source: 'wa-ag', records: 1500, syncedAt: NOW - 2 * HOUR, error: { at: NOW - 4 * DAY, reason: 'old' } }),
  ];

  it('shows one block per source: records, list date, last sync, a later error and what is missing', () => {
    const message = sourcesMessage({ overviews, syncEnabled: true, now: NOW });
    expectWithinLimits(message);
    expectNoLiveMarkup(message);
    expect(message.blocks).toHaveLength(1 + overviews.length);
    const [hhs, hibp, wa] = message.blocks.slice(1).map((block) => JSON.stringify(block));
    expect(hhs).toContain('*HHS OCR breach portal*');
    expect(hhs).toContain('Records: 7,000');
    expect(hhs).toContain('List as of 1 Jul 2026 (shipped with breachbot)');
    expect(hhs).toContain('Last successful sync: none (never synced)');
    expect(hhs).toContain('Not configured (set `HHS_OCR_URL`)');
    expect(hhs).not.toContain(':warning:');
    expect(hibp).toContain(
      'Last successful sync: Fri, 4 Dec 2026, 10:00 UTC (5 days ago; list as of 1 Dec 2026, 900 records)',
    );
    expect(hibp).toContain(`Last error: Wed, 9 Dec 2026, 09:00 UTC: HTTP 503 ${EVIL_ESCAPED}`);
    expect(hibp).toContain(':warning: No successful sync for 5 days.');
    expect(wa).toContain('(today;');
    expect(wa).not.toContain('Last error');
    expect(wa).not.toContain(':warning:');
    expect(message.text).toContain('Have I Been Pwned: 900 records (no sync for over 3 days)');
  });

  it('says once that scheduled sync is off, and then warns about no source', () => {
    const message = sourcesMessage({ overviews, syncEnabled: false, now: NOW });
    expectWithinLimits(message);
    expect(texts(message)).toContain('Scheduled sync is off (`SYNC_CRON=off`)');
    expect(texts(message)).not.toContain(':warning:');
    expect(texts(sourcesMessage({ overviews, syncEnabled: true, now: NOW }))).not.toContain('SYNC_CRON');
  });

  it('says a source never synced successfully, and hides the status file’s path', () => {
    const message = sourcesMessage({
      overviews: [
        overview({ source: 'hibp', error: { at: NOW - HOUR, reason: 'HTTP 404' } }),
        overview({
          source: 'wa-ag',
          problem: '/srv/data/imported/wa-ag.sync-status.json: is not valid JSON',
          dataProblems: 2,
        }),
      ],
      syncEnabled: true,
      now: NOW,
    });
    const text = texts(message);
    expect(text).toContain('Last successful sync: none (every attempt so far failed)');
    expect(text).toContain(':warning: It has never synced successfully.');
    expect(text).toContain('Its sync status could not be read');
    expect(text).not.toContain('/srv/data');
    expect(text).toContain('2 problem(s) in the stored list');
  });

  it('stays within the limits with huge errors and many sources', () => {
    const many = Array.from({ length: 120 }, (_, index) =>
      overview({
        source: 'hibp',
        records: index,
        syncedAt: NOW - 10 * DAY,
        error: { at: NOW, reason: `${EVIL} ${'a very long reason & more '.repeat(400)}` },
      }),
    );
    const message = sourcesMessage({ overviews: many, syncEnabled: false, now: NOW });
    expectWithinLimits(message);
    expectNoLiveMarkup(message);
    expect(texts(message)).toMatch(/…and \d+ more: `breachbot sources` lists them all/);
    expect(sourcesMessage({ overviews: [], syncEnabled: true, now: NOW }).text).toBe('Official breach lists: none');
  });
});

describe('staleSourceLine', () => {
  it('names the source and when it last synced, or that it never did', () => {
    expect(staleSourceLine(overview({ source: 'wa-ag', syncedAt: NOW - 4 * DAY }), NOW)).toBe(
      '*Washington State Attorney General*: last synced Sat, 5 Dec 2026, 10:00 UTC (4 days ago)',
    );
    expect(staleSourceLine(overview({ source: 'hibp' }), NOW)).toBe('*Have I Been Pwned*: never synced successfully');
  });
});
