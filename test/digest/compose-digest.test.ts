import { beforeAll, describe, expect, it } from 'vitest';
import { composeDigest, type DigestInput, isNewInPeriod, LARGEST_SHOWN } from '../../src/digest/compose-digest.js';
import type { DigestPeriod } from '../../src/digest/digest-period.js';
import type { Guidance } from '../../src/guidance/model.js';
import type { DataType } from '../../src/incidents/data-types.js';
import { loadCuratedIncidents } from '../../src/incidents/load-curated.js';
import type { Incident, IncidentInput } from '../../src/incidents/model.js';
import { makeIncident } from '../support/incident-factory.js';
import { REPO_DATA_DIR } from '../support/paths.js';
import { shippedGuidance } from '../support/repo-dataset.js';

let guidance: Guidance;
let curated: Incident[];
beforeAll(async () => {
  guidance = await shippedGuidance();
  const cards = await loadCuratedIncidents(REPO_DATA_DIR);
  expect(cards.problems).toEqual([]);
  curated = cards.value;
});

/** `YYYY-MM-DD` plus `days`, in UTC like the dates themselves. */
function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** A seven-day period starting on `from`. */
function week(from: string, key = `week-of-${from}`): DigestPeriod {
  return { key, from, to: addDays(from, 6) };
}

/** The `count` weeks before `period`, newest first, as the scheduler passes them. */
function weeksBefore(period: DigestPeriod, count: number): DigestPeriod[] {
  return Array.from({ length: count }, (_, index) => week(addDays(period.from, -7 * (index + 1))));
}

const THIS_WEEK = week('2026-11-30', '2026-W49');

let serial = 0;
function disclosedOn(disclosed: string, overrides: Partial<IncidentInput> = {}): Incident {
  serial++;
  return makeIncident({ id: `incident-${serial}`, organization: `Organisation ${serial}`, disclosed, ...overrides });
}

function compose(input: Partial<DigestInput> & { incidents: readonly Incident[] }) {
  return composeDigest({ period: THIS_WEEK, previous: [], watchlist: [], guidance, ...input });
}

const ids = (incidents: readonly Incident[]) => incidents.map((incident) => incident.id);

describe('composeDigest: what is new in the period', () => {
  it('counts the first and last day and nothing on either side', () => {
    const before = disclosedOn(addDays(THIS_WEEK.from, -1));
    const first = disclosedOn(THIS_WEEK.from);
    const middle = disclosedOn(addDays(THIS_WEEK.from, 3));
    const last = disclosedOn(THIS_WEEK.to);
    const after = disclosedOn(addDays(THIS_WEEK.to, 1));
    const undated = makeIncident({ id: 'undated', organization: 'Undated' });
    const digest = compose({ incidents: [before, first, middle, last, after, undated] });
    expect(ids(digest.incidents).sort()).toEqual(ids([first, middle, last]).sort());
  });

  it('lists the new incidents newest first', () => {
    const incidents = [THIS_WEEK.from, THIS_WEEK.to, addDays(THIS_WEEK.from, 2)].map((day) => disclosedOn(day));
    const days = compose({ incidents }).incidents.map((incident) => incident.disclosed as string);
    expect(days).toEqual([...days].sort().reverse());
  });

  it('counts a partial date only when all of it lies inside the period', () => {
    const month = disclosedOn('2026-12');
    const year = disclosedOn('2026');
    const inWeek = compose({ incidents: [month, year], period: week('2026-12-01') });
    expect(inWeek.incidents).toEqual([]);
    const december = { key: '2026-12', from: '2026-12-01', to: '2026-12-31' };
    expect(ids(compose({ incidents: [month, year], period: december }).incidents)).toEqual(ids([month]));
    const wholeYear = { key: '2026', from: '2026-01-01', to: '2026-12-31' };
    expect(ids(compose({ incidents: [month, year], period: wholeYear }).incidents).sort()).toEqual(
      ids([month, year]).sort(),
    );
  });

  it('knows how long a month is', () => {
    const february = disclosedOn('2024-02');
    expect(isNewInPeriod(february, { key: 'feb', from: '2024-02-01', to: '2024-02-29' })).toBe(true);
    expect(isNewInPeriod(february, { key: 'short', from: '2024-02-01', to: '2024-02-28' })).toBe(false);
  });

  it('never places a real card with a month-only disclosure in any week of that month', () => {
    const monthOnly = curated.filter((card) => card.disclosed?.length === 7);
    expect(monthOnly.length).toBeGreaterThan(0);
    for (const card of monthOnly) {
      const first = `${card.disclosed}-01`;
      for (let offset = -6; offset < 31; offset++) {
        expect(isNewInPeriod(card, week(addDays(first, offset)))).toBe(false);
      }
    }
  });

  it('finds the real HealthEC card in the week of its disclosure', () => {
    const digest = compose({ incidents: curated, period: week('2023-12-18') });
    expect(ids(digest.incidents)).toContain('healthec-2023');
    for (const incident of digest.incidents) {
      expect(incident.disclosed && incident.disclosed >= '2023-12-18' && incident.disclosed <= '2023-12-24').toBe(true);
    }
  });

  it('counts an imported record when its source listed it in the period, not when an export last touched it', () => {
    // HHS's submission date is `disclosed`; `updated` is the newest date inside the export that wrote it.
    const filedThisWeek = disclosedOn(addDays(THIS_WEEK.from, 2), { origin: 'hhs-ocr', updated: THIS_WEEK.to });
    const filedLastWeekRevisedNow = disclosedOn(addDays(THIS_WEEK.from, -3), {
      origin: 'hhs-ocr',
      updated: addDays(THIS_WEEK.from, 4),
    });
    const hibpAddedThisWeek = disclosedOn(THIS_WEEK.to, { origin: 'hibp', updated: addDays(THIS_WEEK.to, 20) });
    // A first import of the whole portal stamps every record with the export's date.
    const firstImport = Array.from({ length: 50 }, (_, index) =>
      disclosedOn(addDays('2015-01-05', index * 30), { origin: 'hhs-ocr', updated: THIS_WEEK.to }),
    );
    const digest = compose({ incidents: [filedThisWeek, filedLastWeekRevisedNow, hibpAddedThisWeek, ...firstImport] });
    expect(ids(digest.incidents).sort()).toEqual(ids([filedThisWeek, hibpAddedThisWeek]).sort());
  });
});

describe('composeDigest: filings the source posted late (firstSeen)', () => {
  const submitted = addDays(THIS_WEEK.from, -19); // a Wednesday three weeks earlier
  const submissionWeek = week(addDays(THIS_WEEK.from, -21));
  const seen = (firstSeen: string, overrides: Partial<IncidentInput> = {}) =>
    disclosedOn(submitted, { origin: 'hhs-ocr', firstSeen, ...overrides });

  it('shows a filing submitted three weeks ago and first imported this week in this week, and only there', () => {
    const late = seen(addDays(THIS_WEEK.from, 1), { organization: 'HealthEC LLC', individualsAffected: 40_000 });
    const previous = weeksBefore(THIS_WEEK, 4);
    expect(previous[2]).toEqual(submissionWeek);
    const digest = compose({ incidents: [late], previous, watchlist: ['HealthEC'] });
    expect(ids(digest.incidents)).toEqual(ids([late]));
    expect(ids(digest.largest)).toEqual(ids([late]));
    expect(digest.watchlistMatches.map((match) => match.incident.id)).toEqual(ids([late]));
    expect(digest.totals).toMatchObject({ incidents: 1, individuals: 40_000 });
    // Counted once: not in the trend's weeks, its submission week included.
    expect(digest.previousTotals.map((totals) => totals.incidents)).toEqual([0, 0, 0, 0]);
    expect(digest.trend).toMatchObject({ direction: 'up', averageIncidents: 0 });
    expect(compose({ incidents: [late], period: submissionWeek }).incidents).toEqual([]);
  });

  it('keeps a filing seen in its submission week there, however late an export revises it', () => {
    const onTime = seen(addDays(submitted, 1), { updated: THIS_WEEK.to, individualsAffected: 9 });
    expect(ids(compose({ incidents: [onTime], period: submissionWeek }).incidents)).toEqual(ids([onTime]));
    const digest = compose({ incidents: [onTime], previous: weeksBefore(THIS_WEEK, 4) });
    expect(digest.incidents).toEqual([]);
    expect(digest.previousTotals.map((totals) => totals.incidents)).toEqual([0, 0, 1, 0]);
  });

  it('counts a filing first seen on the last day, not one seen the day after', () => {
    const lastDay = seen(THIS_WEEK.to);
    const dayAfter = seen(addDays(THIS_WEEK.to, 1));
    const dayBefore = seen(addDays(THIS_WEEK.from, -1));
    expect(ids(compose({ incidents: [lastDay, dayAfter, dayBefore] }).incidents)).toEqual(ids([lastDay]));
  });

  it('places a month-only disclosure in the week it was first seen: that day is known', () => {
    const monthOnly = disclosedOn('2026-11', { firstSeen: '2026-12-02' });
    expect(ids(compose({ incidents: [monthOnly] }).incidents)).toEqual(ids([monthOnly]));
    const november = { key: '2026-11', from: '2026-11-01', to: '2026-11-30' };
    const december = { key: '2026-12', from: '2026-12-01', to: '2026-12-31' };
    expect(isNewInPeriod(monthOnly, november)).toBe(false);
    expect(isNewInPeriod(monthOnly, december)).toBe(true);
  });

  it('puts every incident in exactly one week and one month, with or without firstSeen', () => {
    const incidents = [
      disclosedOn('2026-10-14', { firstSeen: '2026-11-09' }),
      disclosedOn('2026-10-14', { firstSeen: '2026-10-15' }),
      disclosedOn('2026-11-29', { firstSeen: '2026-11-30' }),
      disclosedOn('2026-11', { firstSeen: '2026-12-02' }),
      disclosedOn('2026-11', { firstSeen: '2026-11-18' }),
      disclosedOn('2026-10-05', { origin: 'hibp', firstSeen: '2026-10-05' }),
      disclosedOn('2026-11-01'),
      disclosedOn('2026-12-31', { updated: '2026-12-31' }),
    ];
    const weeks = Array.from({ length: 14 }, (_, index) => week(addDays('2026-09-28', 7 * index)));
    const months = ['10', '11', '12'].map((month) => ({
      key: `2026-${month}`,
      from: `2026-${month}-01`,
      to: addDays(month === '12' ? '2027-01-01' : `2026-${Number(month) + 1}-01`, -1),
    }));
    for (const periods of [weeks, months]) {
      for (const incident of incidents) {
        const where = periods.filter((period) => isNewInPeriod(incident, period)).map((period) => period.key);
        expect(where, `${incident.id} ${incident.disclosed}`).toHaveLength(1);
      }
      const perPeriod = periods.map(
        (period, index) => compose({ incidents, period, previous: periods.slice(0, index).reverse() }).totals.incidents,
      );
      expect(perPeriod.reduce((sum, count) => sum + count, 0)).toBe(incidents.length);
    }
  });
});

describe('composeDigest: watched vendors, largest and totals', () => {
  it('flags the new incidents at watched vendors, largest first, and never an old one', () => {
    const small = disclosedOn(THIS_WEEK.from, { organization: 'HealthEC LLC', individualsAffected: 10 });
    const related = disclosedOn(THIS_WEEK.to, {
      organization: 'Some Clinic',
      relatedOrganizations: ['Change Healthcare'],
      individualsAffected: 5_000,
    });
    const unwatched = disclosedOn(THIS_WEEK.to, { organization: 'Elsewhere Hospital', individualsAffected: 9_000 });
    const oldMatch = disclosedOn('2020-01-01', { organization: 'HealthEC', individualsAffected: 99_999 });
    const digest = compose({
      incidents: [small, related, unwatched, oldMatch],
      watchlist: ['HealthEC', 'Change Healthcare', 'Nobody'],
    });
    expect(digest.watchlistMatches.map((match) => match.incident.id)).toEqual(ids([related, small]));
    expect(digest.watchlistMatches[0]?.vendors[0]).toMatchObject({ vendor: 'Change Healthcare', field: 'related' });
    expect(digest.watchedVendors).toBe(3);
  });

  it('ranks the largest by people affected, at most five, records without a count after those with one', () => {
    const counts = [120, undefined, 5_000_000, 7, 43_000, 43_001, 900];
    const incidents = counts.map((individualsAffected, index) =>
      disclosedOn(addDays(THIS_WEEK.from, index % 7), individualsAffected === undefined ? {} : { individualsAffected }),
    );
    const { largest } = compose({ incidents });
    const expected = counts
      .filter((count): count is number => count !== undefined)
      .sort((a, b) => b - a)
      .slice(0, LARGEST_SHOWN);
    expect(largest.map((incident) => incident.individualsAffected)).toEqual(expected);

    const fewCounted = [disclosedOn(THIS_WEEK.from), disclosedOn(THIS_WEEK.to, { individualsAffected: 3 })];
    expect(compose({ incidents: fewCounted }).largest.map((incident) => incident.individualsAffected)).toEqual([
      3,
      undefined,
    ]);
  });

  it('totals the period and each previous one, saying how many records give no count', () => {
    const previous = weeksBefore(THIS_WEEK, 2);
    const lastWeek = previous[0] as DigestPeriod;
    const incidents = [
      disclosedOn(THIS_WEEK.from, { individualsAffected: 1_000 }),
      disclosedOn(THIS_WEEK.to, { individualsAffected: 234 }),
      disclosedOn(THIS_WEEK.to),
      disclosedOn(lastWeek.from, { individualsAffected: 50 }),
    ];
    const digest = compose({ incidents, previous });
    expect(digest.totals).toEqual({ period: THIS_WEEK, incidents: 3, individuals: 1_234, uncounted: 1 });
    expect(digest.previousTotals).toEqual([
      { period: lastWeek, incidents: 1, individuals: 50, uncounted: 0 },
      { period: previous[1], incidents: 0, individuals: 0, uncounted: 0 },
    ]);
  });
});

describe('composeDigest: trend', () => {
  /** Incidents: `current` this week and, for each previous week (newest first), its count. */
  function trendFor(current: number, previousCounts: readonly number[]) {
    const previous = weeksBefore(THIS_WEEK, previousCounts.length);
    const incidents = [
      ...Array.from({ length: current }, () => disclosedOn(THIS_WEEK.from, { individualsAffected: 100 })),
      ...previousCounts.flatMap((count, index) =>
        Array.from({ length: count }, () =>
          disclosedOn((previous[index] as DigestPeriod).to, { individualsAffected: 10 }),
        ),
      ),
    ];
    return compose({ incidents, previous }).trend;
  }

  const average = (counts: readonly number[]) => counts.reduce((sum, count) => sum + count, 0) / counts.length;

  it('has no earlier data without previous periods', () => {
    expect(trendFor(3, [])).toEqual({ direction: 'no-earlier-data' });
  });

  it.each([
    { current: 6, previous: [3], direction: 'up' },
    { current: 6, previous: [2, 4], direction: 'up' },
    { current: 1, previous: [4, 3, 5], direction: 'down' },
    { current: 10, previous: [10, 9, 11, 10], direction: 'flat' },
    { current: 12, previous: [10, 10, 10, 10], direction: 'up' },
    { current: 7, previous: [10, 10, 10, 10], direction: 'down' },
    { current: 2, previous: [2, 1, 3, 2], direction: 'flat' },
  ])('$current against $previous is $direction', ({ current, previous, direction }) => {
    const trend = trendFor(current, previous);
    const mean = average(previous);
    expect(trend).toEqual({
      direction,
      periods: previous.length,
      averageIncidents: mean,
      averageIndividuals: mean * 10,
      percent: Math.round(((current - mean) / mean) * 100),
    });
  });

  it('is up from none, without a percentage, and flat at none', () => {
    const fromNone = trendFor(2, [0, 0, 0, 0]);
    expect(fromNone).toMatchObject({ direction: 'up', averageIncidents: 0 });
    expect(fromNone).not.toHaveProperty('percent');
    expect(trendFor(0, [0, 0])).toMatchObject({ direction: 'flat', averageIncidents: 0 });
  });

  it('does not call a change of one a trend at small counts', () => {
    expect(trendFor(1, [0, 1, 0, 1]).direction).toBe('flat');
    expect(trendFor(0, [1, 0, 0, 0]).direction).toBe('flat');
  });
});

describe('composeDigest: the tip', () => {
  const checklistOf = (dataType: DataType) =>
    guidance.checklists.find((checklist) => checklist.dataTypes.includes(dataType));

  it('is a step for the kind of data exposed most often, with its source', () => {
    const incidents = [
      disclosedOn(THIS_WEEK.from, { dataTypes: ['payment-card'] }),
      disclosedOn(THIS_WEEK.from, { dataTypes: ['payment-card', 'ssn'] }),
      disclosedOn(THIS_WEEK.to, { dataTypes: ['payment-card'] }),
      disclosedOn('2020-01-01', { dataTypes: ['ssn'] }),
      disclosedOn('2020-01-02', { dataTypes: ['ssn'] }),
    ];
    const { tip } = compose({ incidents });
    const checklist = checklistOf('payment-card');
    expect(tip.basis).toEqual({ kind: 'data-type', dataType: 'payment-card', incidents: 3 });
    expect(tip.checklist).toBe(checklist?.title);
    expect(checklist?.steps).toContainEqual({ text: tip.text, source: tip.source });
    expect(tip.source.url).toMatch(/^https:\/\//);
    expect(tip.notice).toBe(guidance.notice);
  });

  it('breaks a tie with the more urgent checklist, whatever the order of the records', () => {
    const incidents = [
      disclosedOn(THIS_WEEK.from, { dataTypes: ['payment-card'] }),
      disclosedOn(THIS_WEEK.from, { dataTypes: ['ssn'] }),
    ];
    const urgency = (type: DataType) =>
      guidance.checklists.findIndex((checklist) => checklist.dataTypes.includes(type));
    const moreUrgent = urgency('ssn') < urgency('payment-card') ? 'ssn' : 'payment-card';
    expect(compose({ incidents }).tip.basis).toMatchObject({ dataType: moreUrgent });
    expect(compose({ incidents: [...incidents].reverse() }).tip.basis).toMatchObject({ dataType: moreUrgent });
  });

  it('is the same on a rerun of the period, and rotates over the steps across periods', () => {
    const incidentsFor = (period: DigestPeriod) => [disclosedOn(period.from, { dataTypes: ['ssn'] })];
    const periods = Array.from({ length: 20 }, (_, index) => week(addDays('2026-01-05', 7 * index), `2026-W${index}`));
    const steps = periods.map((period) => {
      const incidents = incidentsFor(period);
      const tip = compose({ incidents, period }).tip;
      expect(compose({ incidents, period }).tip).toEqual(tip);
      return tip.text;
    });
    const ssnSteps = checklistOf('ssn')?.steps.map((step) => step.text) ?? [];
    expect(ssnSteps.length).toBeGreaterThan(1);
    for (const step of steps) expect(ssnSteps).toContain(step);
    expect(new Set(steps).size).toBeGreaterThan(1);
  });

  it('in a quiet week, or when no record says what data, is a step marked good for any week, rotating', () => {
    const anyWeekSteps = guidance.checklists.flatMap((checklist) =>
      checklist.steps.filter((step) => step.anyWeek).map((step) => step.text),
    );
    expect(anyWeekSteps.length).toBeGreaterThan(1);
    const tips = Array.from({ length: 20 }, (_, index) => {
      const period = week(addDays('2026-01-05', 7 * index), `2026-W${index}`);
      const quiet = compose({ incidents: [], period }).tip;
      expect(quiet.basis).toEqual({ kind: 'general' });
      expect(quiet.source.url).toMatch(/^https:\/\//);
      expect(compose({ incidents: [disclosedOn(period.from)], period }).tip).toEqual(quiet);
      return quiet.text;
    });
    for (const tip of tips) expect(anyWeekSteps).toContain(tip);
    expect(new Set(tips).size).toBeGreaterThan(1);
    expect(tips.join(' ')).not.toMatch(/Close the account/);
  });
});

describe('composeDigest: a quiet week and the data sources', () => {
  it('still has the trend, the tip and the totals when nothing is new', () => {
    const previous = weeksBefore(THIS_WEEK, 4);
    const incidents = previous.map((period) => disclosedOn(period.from, { individualsAffected: 40 }));
    const digest = compose({ incidents, previous, watchlist: ['HealthEC'] });
    expect(digest.incidents).toEqual([]);
    expect(digest.largest).toEqual([]);
    expect(digest.watchlistMatches).toEqual([]);
    expect(digest.totals).toMatchObject({ incidents: 0, individuals: 0 });
    expect(digest.trend).toMatchObject({ direction: 'down', periods: 4, averageIncidents: 1, percent: -100 });
    expect(digest.tip.text.length).toBeGreaterThan(0);
  });

  it('names each source with its newest date, and flags imported data that stops before the period', () => {
    const incidents = [
      disclosedOn('2023-01-02', {
        origin: 'curated',
        updated: '2026-11-24',
        summary: 's',
        lessons: ['l'],
        sources: [{ title: 't', url: 'https://example.com' }],
      }),
      disclosedOn('2023-01-02', { origin: 'hhs-ocr', updated: '2026-07-01' }),
      disclosedOn('2023-01-03', { origin: 'hhs-ocr', updated: '2025-01-01' }),
      disclosedOn('2026-12-02', { origin: 'hibp', updated: '2026-12-03' }),
    ];
    expect(compose({ incidents }).sources).toEqual([
      { origin: 'curated', asOf: '2026-11-24', endsBeforePeriod: false },
      { origin: 'hhs-ocr', asOf: '2026-07-01', endsBeforePeriod: true },
      { origin: 'hibp', asOf: '2026-12-03', endsBeforePeriod: false },
    ]);
  });
});

describe('composeDigest: new means new (recentDays)', () => {
  const seenThisWeek = addDays(THIS_WEEK.from, 2);

  it('lists a filing first seen in the period only if disclosed within recentDays of being seen', () => {
    const recent = disclosedOn(addDays(seenThisWeek, -60), { firstSeen: seenThisWeek, individualsAffected: 10 });
    const yearLate = disclosedOn(addDays(seenThisWeek, -61), { firstSeen: seenThisWeek, individualsAffected: 500 });
    const undated = makeIncident({ id: 'undated-seen', organization: 'Undated', firstSeen: seenThisWeek });
    const digest = compose({ incidents: [recent, yearLate, undated] });
    expect(ids(digest.incidents).sort()).toEqual(ids([recent, undated]).sort());
    expect(digest.olderAdded).toEqual({ count: 1, largest: [yearLate] });
    expect(compose({ incidents: [recent, yearLate], recentDays: 90 }).olderAdded.count).toBe(0);
  });

  it('sums up the history a sync brings as older filings, the largest named, and never counts them as new later', () => {
    const backfill = Array.from({ length: 5 }, (_, index) =>
      disclosedOn(`201${index}-03-0${index + 1}`, { firstSeen: seenThisWeek, individualsAffected: (index + 1) * 1000 }),
    );
    const digest = compose({ incidents: backfill });
    expect(digest.incidents).toEqual([]);
    expect(digest.olderAdded.count).toBe(5);
    expect(digest.olderAdded.largest.map((incident) => incident.individualsAffected)).toEqual([5000, 4000, 3000]);
    for (const incident of backfill) {
      for (const period of [THIS_WEEK, ...weeksBefore(THIS_WEEK, 600)])
        expect(isNewInPeriod(incident, period)).toBe(false);
    }
  });
});

describe('composeDigest: revised counts', () => {
  it('lists a count an import changed in the period as updated, with both figures, and not as new', () => {
    const revised = disclosedOn('2023-12-21', {
      origin: 'hhs-ocr',
      individualsAffected: 4_786_241,
      countRevised: { from: 112_005, on: addDays(THIS_WEEK.from, 1) },
    });
    const earlier = disclosedOn('2023-01-05', {
      origin: 'hhs-ocr',
      individualsAffected: 20,
      countRevised: { from: 10, on: addDays(THIS_WEEK.from, -1) },
    });
    const digest = compose({ incidents: [revised, earlier] });
    expect(digest.updated).toEqual([{ incident: revised, from: 112_005, to: 4_786_241 }]);
    expect(digest.incidents).toEqual([]);
  });
});
