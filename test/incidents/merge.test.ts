import { describe, expect, it } from 'vitest';
import { mergeCuratedAndImported, reviseImported } from '../../src/incidents/merge.js';
import { makeIncident } from '../support/incident-factory.js';

const curated = makeIncident({
  id: 'healthec-2023',
  organization: 'HealthEC LLC',
  aliases: ['HealthEC'],
  state: 'NJ',
  disclosed: '2023-12-21',
  origin: 'curated',
  summary: 'x',
  lessons: ['y'],
  sources: [{ title: 't', url: 'https://example.org' }],
});

describe('mergeCuratedAndImported', () => {
  it('lets a curated card stand for the official record of the same incident', () => {
    const official = makeIncident({ id: 'hhs-healthec', organization: 'HealthEC, LLC ', state: 'NJ', disclosed: '2023-12-21' });
    const { incidents, coveredByCurated } = mergeCuratedAndImported([curated], [official]);
    expect(incidents.map((incident) => incident.id)).toEqual(['healthec-2023']);
    expect(coveredByCurated.get('hhs-healthec')).toBe('healthec-2023');
  });

  it('keeps records of the same organisation in another state or years apart', () => {
    const otherState = makeIncident({ id: 'o1', organization: 'HealthEC', state: 'NY', disclosed: '2023-12-21' });
    const yearsLater = makeIncident({ id: 'o2', organization: 'HealthEC', state: 'NJ', disclosed: '2026-01-10' });
    const { incidents } = mergeCuratedAndImported([curated], [otherState, yearsLater]);
    expect(incidents.map((incident) => incident.id)).toEqual(['healthec-2023', 'o1', 'o2']);
  });
});

describe('reviseImported', () => {
  const old = makeIncident({ id: 'r', organization: 'R', individualsAffected: 4_656_293, updated: '2024-06-28' });
  const revised = makeIncident({ id: 'r', organization: 'R', individualsAffected: 4_786_241, updated: '2026-07-01' });

  it('lets a newer export revise an older one, and never the reverse', () => {
    const forward = reviseImported([old], [revised]);
    expect(forward).toMatchObject({ added: 0, revised: 1, unchanged: 0, stale: 0 });
    expect(forward.incidents[0]?.individualsAffected).toBe(4_786_241);
    const backward = reviseImported([revised], [old]);
    expect(backward).toMatchObject({ revised: 0, stale: 1 });
    expect(backward.incidents[0]?.individualsAffected).toBe(4_786_241);
  });

  it('counts new and unchanged records', () => {
    const same = { ...old, updated: '2025-01-01' };
    const other = makeIncident({ id: 'new', organization: 'New' });
    expect(reviseImported([old], [same, other])).toMatchObject({ added: 1, unchanged: 1, revised: 0 });
  });
});
