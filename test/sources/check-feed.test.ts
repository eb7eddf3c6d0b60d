import { describe, expect, it } from 'vitest';
import type { ExportRecord } from '../../src/incidents/imported-store.js';
import { checkFeed, type FeedToCheck, lastExport } from '../../src/sources/check-feed.js';
import { hhsList, hibpList, names } from './feed-lists.js';

const exportOf = (asOf: string, rows: number, importedAt = `${asOf}T00:00:00.000Z`): ExportRecord => ({
  from: 'https://example.org/list',
  asOf,
  importedAt,
  rows,
});

function check(feed: Partial<FeedToCheck> & Pick<FeedToCheck, 'source' | 'text'>) {
  return checkFeed({
    contentType: undefined,
    from: 'https://example.org/list',
    today: '2026-11-24',
    previous: [],
    ...feed,
  });
}

describe('checkFeed', () => {
  it('lets through a list with up to 5% of its rows unreadable', () => {
    const bad = '"Bad","QQ","Health Plan","1","10/01/2026","Loss","Paper/Films","No",""';
    const result = check({ source: 'hhs-ocr', text: hhsList(names('Clinic', 19), [bad]) });
    expect(result).toMatchObject({ ok: true, parsed: { read: 20, rejected: [{ line: 21 }] } });
  });

  it('lets through a list up to 10% shorter than the last one, and no shorter', () => {
    const previous = [exportOf('2026-10-01', 20)];
    expect(check({ source: 'hibp', text: hibpList(names('Shop', 18)), previous }).ok).toBe(true);
    expect(check({ source: 'hibp', text: hibpList(names('Shop', 17)), previous })).toEqual({
      ok: false,
      reason:
        'the list has 17 records where the last one (as of 2026-10-01) had 20: 15% fewer (more than 10% fewer means a cut-short or broken list)',
    });
  });

  it('refuses a list with no usable record', () => {
    expect(check({ source: 'hibp', text: '[]' })).toEqual({
      ok: false,
      reason: 'no usable record in the list (0 read, 0 rejected)',
    });
  });

  it('names the expected format of each source', () => {
    expect(check({ source: 'hhs-ocr', text: '<html><body>Log in</body></html>' })).toEqual({
      ok: false,
      reason: 'the answer is a web page, not the HHS OCR breach portal CSV export',
    });
    expect(check({ source: 'wa-ag', text: '', contentType: 'text/csv' })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^not the CSV list of data breach notifications: .*is empty/),
    });
  });
});

describe('lastExport', () => {
  it('is the newest list by its date, the later import of two of one date', () => {
    const older = exportOf('2026-08-22', 136);
    const first = exportOf('2026-10-01', 900, '2026-10-02T00:00:00.000Z');
    const second = exportOf('2026-10-01', 950, '2026-10-03T00:00:00.000Z');
    expect(lastExport([first, second, older])).toBe(second);
    expect(lastExport([exportOf('2025', 5), older])).toBe(older);
    expect(lastExport([])).toBeUndefined();
  });
});
