import { describe, expect, it } from 'vitest';
import { DigestSchedule, isoWeekKey } from '../../src/digest/digest-schedule.js';

describe('isoWeekKey', () => {
  it.each([
    ['2026-11-30', '2026-W49'],
    ['2026-12-06', '2026-W49'],
    ['2026-12-07', '2026-W50'],
    // ISO years: 1 Jan 2027 is a Friday, so it belongs to 2026's last week; 31 Dec 2024 to 2025's first.
    ['2027-01-01', '2026-W53'],
    ['2024-12-31', '2025-W01'],
    ['2026-01-01', '2026-W01'],
  ])('%s is in %s', (day, key) => {
    expect(isoWeekKey(day)).toBe(key);
  });
});

describe('DigestSchedule', () => {
  const weekly = new DigestSchedule('0 9 * * 1', 'UTC');

  it('finds the newest fire at or before an instant, and the next one after it', () => {
    expect(weekly.lastFireAtOrBefore(new Date('2026-12-03T12:00:00Z'))).toEqual(new Date('2026-11-30T09:00:00Z'));
    expect(weekly.lastFireAtOrBefore(new Date('2026-11-30T09:00:00Z'))).toEqual(new Date('2026-11-30T09:00:00Z'));
    expect(weekly.lastFireAtOrBefore(new Date('2026-11-30T08:59:59Z'))).toEqual(new Date('2026-11-23T09:00:00Z'));
    expect(weekly.nextFireAfter(new Date('2026-11-30T09:00:00Z'))).toEqual(new Date('2026-12-07T09:00:00Z'));
  });

  it('delivers at each fire the whole days since the previous fire, keyed by ISO week', () => {
    expect(weekly.periodFor(new Date('2026-12-07T09:00:00Z'))).toEqual({
      key: '2026-W49',
      from: '2026-11-30',
      to: '2026-12-06',
    });
  });

  it('covers every day exactly once across consecutive fires, whatever the weekday', () => {
    const fridays = new DigestSchedule('30 17 * * 5', 'UTC');
    let fire = fridays.lastFireAtOrBefore(new Date('2026-10-01T00:00:00Z'));
    const periods = [];
    for (let i = 0; i < 6 && fire; i++) {
      periods.push(fridays.periodFor(fire));
      fire = fridays.nextFireAfter(fire);
    }
    for (let i = 1; i < periods.length; i++) {
      const previousTo = new Date(`${periods[i - 1]?.to}T00:00:00Z`).getTime();
      expect(new Date(`${periods[i]?.from}T00:00:00Z`).getTime() - previousTo).toBe(24 * 3600 * 1000);
    }
    expect(new Set(periods.map((period) => period.key)).size).toBe(periods.length);
  });

  it('reads days and fires in the digest time zone', () => {
    // 09:00 on Monday in Auckland is Sunday evening in UTC.
    const auckland = new DigestSchedule('0 9 * * 1', 'Pacific/Auckland');
    const fire = auckland.lastFireAtOrBefore(new Date('2026-12-01T00:00:00Z'));
    expect(fire).toEqual(new Date('2026-11-29T20:00:00Z'));
    expect(auckland.periodFor(fire as Date)).toEqual({ key: '2026-W48', from: '2026-11-23', to: '2026-11-29' });
    expect(auckland.dayOf(fire as Date)).toBe('2026-11-30');
  });

  it('keys a daily schedule by day', () => {
    const daily = new DigestSchedule('0 7 * * *', 'UTC');
    expect(daily.periodFor(new Date('2026-12-05T07:00:00Z'))).toEqual({
      key: '2026-12-04',
      from: '2026-12-04',
      to: '2026-12-04',
    });
  });

  it('refuses a schedule that fires more than once a day, since a digest covers whole days', () => {
    const hourly = new DigestSchedule('0 * * * *', 'UTC');
    expect(() => hourly.periodFor(new Date('2026-12-05T07:00:00Z'))).toThrow(/more than once a day/);
  });

  it('gives the periods of the same length before a period, newest first', () => {
    const period = weekly.periodFor(new Date('2026-12-07T09:00:00Z'));
    expect(weekly.previousPeriods(period, 2)).toEqual([
      { key: '2026-W48', from: '2026-11-23', to: '2026-11-29' },
      { key: '2026-W47', from: '2026-11-16', to: '2026-11-22' },
    ]);
  });
});
