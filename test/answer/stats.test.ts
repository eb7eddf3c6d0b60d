import { describe, expect, it } from 'vitest';
import { computeStats, dataAsOf, latestIncidents } from '../../src/answer/stats.js';
import { makeIncident } from '../support/incident-factory.js';

const incidents = [
  makeIncident({
    id: 'a',
    organization: 'A',
    state: 'NJ',
    entityType: 'health-plan',
    disclosed: '2023-01-05',
    individualsAffected: 100,
    breachTypes: ['hacking', 'theft'],
  }),
  makeIncident({ id: 'b', organization: 'B', state: 'NJ', disclosed: '2023-03-01', individualsAffected: 50 }),
  makeIncident({
    id: 'c',
    organization: 'C',
    state: 'KS',
    disclosed: '2021-03-01',
    individualsAffected: 7,
    breachTypes: ['loss'],
  }),
  makeIncident({ id: 'd', organization: 'D' }),
];

describe('computeStats', () => {
  it('totals incidents and people by type, kind of organisation, year and state', () => {
    const stats = computeStats(incidents);
    expect(stats.incidents).toBe(4);
    expect(stats.individuals).toBe(157);
    expect(stats.byBreachType).toEqual([
      { key: 'hacking', incidents: 3, individuals: 150 },
      { key: 'theft', incidents: 1, individuals: 100 },
      { key: 'loss', incidents: 1, individuals: 7 },
    ]);
    expect(stats.byEntityType[0]).toEqual({ key: 'unknown', incidents: 3, individuals: 57 });
    expect(stats.byYear.map((entry) => entry.key)).toEqual([2021, 2023]);
    expect(stats.topStates[0]).toEqual({ key: 'NJ', incidents: 2, individuals: 150 });
  });

  it('limits to the incidents disclosed in a year', () => {
    const stats = computeStats(incidents, 2023);
    expect(stats).toMatchObject({ year: 2023, incidents: 2, individuals: 150 });
  });
});

describe('latestIncidents', () => {
  it('lists the newest disclosures first and leaves out undated ones', () => {
    expect(latestIncidents(incidents, 10).map((incident) => incident.id)).toEqual(['b', 'a', 'c']);
    expect(latestIncidents(incidents, 1).map((incident) => incident.id)).toEqual(['b']);
  });
});

describe('dataAsOf', () => {
  it("gives each source's newest list, counting the filings an incident stands for", () => {
    const lists = [
      makeIncident({ id: 'a', organization: 'A', updated: '2024-06-28' }),
      makeIncident({ id: 'b', organization: 'B', updated: '2026-07-01' }),
      makeIncident({
        id: 'c',
        organization: 'C',
        origin: 'hibp',
        updated: '2025-03-04',
        filings: [{ source: 'Washington State Attorney General', origin: 'wa-ag', asOf: '2024-04-19' }],
      }),
    ];
    expect(dataAsOf(lists)).toEqual([
      { origin: 'hhs-ocr', asOf: '2026-07-01' },
      { origin: 'hibp', asOf: '2025-03-04' },
      { origin: 'wa-ag', asOf: '2024-04-19' },
    ]);
  });
});
