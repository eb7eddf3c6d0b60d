import { beforeAll, describe, expect, it } from 'vitest';
import { composeDigest } from '../../../src/digest/compose-digest.js';
import type { Guidance } from '../../../src/guidance/model.js';
import { loadCuratedIncidents } from '../../../src/incidents/load-curated.js';
import type { Incident } from '../../../src/incidents/model.js';
import { digestMessage } from '../../../src/views/blocks/digest-message.js';
import {
  MAX_WATCHLIST_SHOWN,
  olderAddedText,
  periodNoun,
  renderDigestText,
} from '../../../src/views/text/render-digest.js';
import { REPO_DATA_DIR } from '../../support/paths.js';
import { shippedGuidance } from '../../support/repo-dataset.js';
import { DIGEST_WEEK, WEEKS_BEFORE, weekIncident, weeklyDigest } from '../../support/weekly-digest.js';

let guidance: Guidance;
let curated: Incident[];
beforeAll(async () => {
  guidance = await shippedGuidance();
  curated = (await loadCuratedIncidents(REPO_DATA_DIR)).value;
});

describe('renderDigestText', () => {
  it('shows the period, the watched vendors before the largest, the trend, the tip with its URL and the data', () => {
    const watched = weekIncident('watched', {
      organization: 'Small Clinic',
      relatedOrganizations: ['Change Healthcare'],
      individualsAffected: 12,
      dataTypes: ['ssn'],
    });
    const big = weekIncident('big', { organization: 'Huge Health System', individualsAffected: 9_000_000 });
    const digest = weeklyDigest(guidance, { incidents: [big, watched], watchlist: ['Change Healthcare'] });
    const text = renderDigestText(digest);

    expect(text.split('\n')[0]).toBe('Breach digest: 30 Nov 2026 to 6 Dec 2026 (2026-W49)');
    expect(text.indexOf('Small Clinic')).toBeLessThan(text.indexOf('Largest new disclosures'));
    expect(text).toContain('Change Healthcare matched "Change Healthcare" (a related organisation)');
    expect(text).toMatch(/1\. Huge Health System .*9,000,000 people.*\[big\]/);
    expect(text).toContain('This week: 2 new incidents, 9,000,012 people affected');
    expect(text).toContain(`${digest.tip.text}`);
    expect(text).toContain(`Source: ${digest.tip.source.title}: ${digest.tip.source.url}`);
    expect(text).toContain('Social Security numbers: exposed in 1 of 2 new incidents this week.');
    expect(text).toMatch(/^Data: .*HHS OCR breach portal \(up to 1 Jul 2026\)/m);
  });

  it('draws one bar per period, oldest first, this one last', () => {
    const incidents = [
      weekIncident('now'),
      ...WEEKS_BEFORE.flatMap((period, index) =>
        Array.from({ length: index + 1 }, (_, n) =>
          weekIncident(`${period.key.toLowerCase()}-${n}`, { disclosed: period.from }),
        ),
      ),
    ];
    const text = renderDigestText(weeklyDigest(guidance, { incidents }));
    const chart = text.split('\n').filter((line) => /^ {2}2026-W\d\d/.test(line));
    expect(chart.map((line) => line.trim().split(' ')[0])).toEqual([
      '2026-W45',
      '2026-W46',
      '2026-W47',
      '2026-W48',
      '2026-W49',
    ]);
    expect(chart.map((line) => Number(line.trim().split(' ').at(-1)))).toEqual([4, 3, 2, 1, 1]);
    expect(chart.at(-1)).toContain('(this week)');
    expect(text).toContain('Down: 1 new incident, 60% fewer than an average of 2.5 a week over the previous 4 weeks.');
  });

  it('says how the trend is measured with fewer previous periods, and when there are none', () => {
    const incidents = [weekIncident('a'), weekIncident('b'), weekIncident('c', { disclosed: '2026-11-24' })];
    expect(renderDigestText(weeklyDigest(guidance, { incidents, previous: WEEKS_BEFORE.slice(0, 1) }))).toContain(
      'Up: 2 new incidents, 100% more than an average of 1 a week over the previous week.',
    );
    expect(renderDigestText(weeklyDigest(guidance, { incidents, previous: [] }))).toContain(
      'No earlier weeks to compare with yet.',
    );
    expect(
      renderDigestText(weeklyDigest(guidance, { incidents: incidents.slice(0, 2), previous: WEEKS_BEFORE.slice(1) })),
    ).toContain('Up: 2 new incidents; the previous 3 weeks had none.');
  });

  it('keeps a quiet week short and still useful', () => {
    const digest = weeklyDigest(guidance, {
      incidents: [weekIncident('old', { disclosed: '2026-11-10' })],
      watchlist: ['HealthEC'],
    });
    const text = renderDigestText(digest);
    expect(text).toContain('Nothing new was disclosed this week.');
    expect(text).not.toContain('Largest new disclosures');
    expect(text).not.toContain('At watched vendors');
    expect(text).toContain('This week: no new incidents');
    expect(text).toContain(`Tip: ${digest.tip.checklist}`);
    expect(text).toContain(digest.tip.source.url);
    expect(text).toContain('A step worth taking any week.');
  });

  it('warns when imported data stops before the period began', () => {
    const text = renderDigestText(
      weeklyDigest(guidance, { incidents: [weekIncident('old', { disclosed: '2024-01-02', updated: '2024-05-01' })] }),
    );
    expect(text).toContain(
      'The HHS OCR breach portal data ends 1 May 2024, before this week began: import a newer export (breachbot import hhs).',
    );
  });

  it('caps the watched vendors as the Slack message does, and says how many more there are', () => {
    const incidents = Array.from({ length: MAX_WATCHLIST_SHOWN + 4 }, (_, index) =>
      weekIncident(`acme-${index}`, { organization: `Acme Widgets ${index}`, individualsAffected: index }),
    );
    const text = renderDigestText(weeklyDigest(guidance, { incidents, watchlist: ['Acme Widgets'] }));
    expect(text.match(/^ {2}! /gm)).toHaveLength(MAX_WATCHLIST_SHOWN);
    expect(text).toContain('…and 4 more at watched vendors: `/breach latest`');
  });

  it('renders a real week: HealthEC on the watchlist in the week of its disclosure', () => {
    const period = { key: '2023-W51', from: '2023-12-18', to: '2023-12-24' };
    const text = renderDigestText(
      composeDigest({ incidents: curated, period, previous: [], watchlist: ['Helthec'], guidance }),
    );
    expect(text).toContain('HealthEC LLC (21 Dec 2023, NJ, 4,786,241 people');
    expect(text).toContain('Helthec matched "HealthEC LLC" (the organisation, close spelling)');
  });

  it('names periods by their length', () => {
    expect(periodNoun({ key: 'd', from: '2026-12-01', to: '2026-12-01' })).toBe('day');
    expect(periodNoun(DIGEST_WEEK)).toBe('week');
    expect(periodNoun({ key: 'm', from: '2026-02-01', to: '2026-02-28' })).toBe('month');
    expect(periodNoun({ key: 'q', from: '2026-01-01', to: '2026-03-31' })).toBe('period');
  });
});

describe('the older filings a period added', () => {
  const older = (id: string, individualsAffected: number) =>
    weekIncident(id, {
      disclosed: '2019-05-01',
      firstSeen: '2026-12-02',
      individualsAffected,
      organization: `Old <${id}>`,
    });

  it('are one line, the largest named, in the text and in Slack, escaped there', async () => {
    const digest = weeklyDigest(await shippedGuidance(), {
      incidents: [older('a', 10), older('b', 3_000), older('c', 200), older('d', 40)],
    });
    const line =
      '4 older filings were added to the record this week; the largest: Old <b> (3,000 people), Old <c> (200 people), Old <d> (40 people).';
    expect(olderAddedText(digest)).toBe(line);
    expect(renderDigestText(digest)).toContain(line);
    const slack = JSON.stringify(digestMessage(digest).blocks);
    expect(slack).toContain('Old &lt;b&gt; (3,000 people)');
    expect(slack).not.toContain('Old <b>');
  });

  it('are not mentioned when there are none', async () => {
    const digest = weeklyDigest(await shippedGuidance(), { incidents: [weekIncident('x')] });
    expect(olderAddedText(digest)).toBeUndefined();
    expect(renderDigestText(digest)).not.toContain('older filing');
  });
});

describe('revised counts in the digest', () => {
  it('show the figure before and after, with the list, escaped in Slack', async () => {
    const revised = weekIncident('r', {
      organization: 'HealthEC <LLC>',
      disclosed: '2023-12-21',
      origin: 'hhs-ocr',
      individualsAffected: 4_786_241,
      countRevised: { from: 112_005, on: '2026-12-02' },
    });
    const digest = weeklyDigest(await shippedGuidance(), { incidents: [revised] });
    expect(renderDigestText(digest)).toContain('HealthEC <LLC>: 112,005 → 4,786,241 people (HHS OCR breach portal)');
    const slack = JSON.stringify(digestMessage(digest).blocks);
    expect(slack).toContain('HealthEC &lt;LLC&gt;: 112,005 → 4,786,241 people');
  });
});
