import { describe, expect, it } from 'vitest';
import { ALERT_WINDOW_DAYS, alertCandidates, matchAlerts } from '../../src/digest/alert-candidates.js';
import { ALERT_KEY_PREFIX } from '../../src/digest/records.js';
import type { Incident } from '../../src/incidents/model.js';
import { makeIncident } from '../support/incident-factory.js';

const TODAY = '2026-12-06';

describe('alertCandidates', () => {
  it('takes a filing first seen within the window and disclosed recently, once per incident', () => {
    const fresh = makeIncident({ organization: 'Acme Health', firstSeen: '2026-12-05', disclosed: '2026-11-20' });
    const [candidate, ...rest] = alertCandidates([fresh], TODAY, 60);
    expect(rest).toEqual([]);
    expect(candidate).toMatchObject({ key: `${ALERT_KEY_PREFIX}new:acme-health` });
    expect(candidate?.update).toBeUndefined();
  });

  it('leaves out what arrived before the window, and history filled in (disclosed long before it was seen)', () => {
    const before = `2026-12-0${6 - ALERT_WINDOW_DAYS - 1}`;
    const incidents = [
      makeIncident({ organization: 'Old Arrival', firstSeen: before, disclosed: before }),
      makeIncident({ organization: 'Archive Filing', firstSeen: TODAY, disclosed: '2024-01-10' }),
      makeIncident({ organization: 'Shipped Baseline', disclosed: '2026-06-01' }),
    ];
    expect(alertCandidates(incidents, TODAY, 60)).toEqual([]);
  });

  it('takes a count revised within the window, keyed by the new count so that a later revision alerts again', () => {
    const revised = (to: number) =>
      makeIncident({
        organization: 'HealthEC',
        firstSeen: '2024-01-05',
        disclosed: '2023-12-22',
        individualsAffected: to,
        countRevised: { from: 112_005, on: '2026-12-06' },
      });
    const [first] = alertCandidates([revised(4_500_000)], TODAY, 60);
    const [second] = alertCandidates([revised(4_600_000)], TODAY, 60);
    expect(first?.update).toEqual({ from: 112_005, to: 4_500_000 });
    expect(first?.key).not.toBe(second?.key);
  });

  it('never takes a curated card: it is written by hand, not arriving in a list', () => {
    const imported = makeIncident({ organization: 'Curated Co', disclosed: TODAY });
    const curated = { ...imported, origin: 'curated' } as Incident;
    expect(alertCandidates([curated], TODAY, 60)).toEqual([]);
  });
});

describe('matchAlerts', () => {
  const incidents = [
    makeIncident({ organization: 'Acme Health LLC', firstSeen: TODAY, disclosed: TODAY }),
    makeIncident({ organization: 'Other Clinic', firstSeen: TODAY, disclosed: TODAY }),
  ];

  it('keeps the candidates that name a watched name, with the names matched', () => {
    const matches = matchAlerts(alertCandidates(incidents, TODAY, 60), ['acme health'], incidents);
    expect(matches.map((match) => match.incident.organization)).toEqual(['Acme Health LLC']);
    expect(matches[0]?.vendors.map((vendor) => vendor.vendor)).toEqual(['acme health']);
  });

  it('matches nothing without names', () => {
    expect(matchAlerts(alertCandidates(incidents, TODAY, 60), [], incidents)).toEqual([]);
  });
});
