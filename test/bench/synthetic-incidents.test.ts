import { describe, expect, it } from 'vitest';
import { createRng } from '../../bench/prng.js';
import {
  buildQuerySet,
  INCIDENT_QUERY_KINDS,
  type IncidentQuery,
  makeTypo,
  NameWordIndex,
} from '../../bench/query-set.js';
import { generateIncidents } from '../../bench/synthetic-incidents.js';
import { type Incident, incidentSchema } from '../../src/incidents/model.js';
import { foldText, organizationKey } from '../../src/incidents/organization-name.js';

const incidents = generateIncidents(1_000, { seed: 42 });
const querySet = buildQuerySet(incidents, { seed: 7 });

function words(text: string): string[] {
  return foldText(text).split(' ').filter(Boolean);
}

describe('synthetic incidents', () => {
  it('are the same for the same seed, and different for another', () => {
    expect(generateIncidents(1_000, { seed: 42 })).toEqual(incidents);
    expect(generateIncidents(50, { seed: 43 }).map((incident) => incident.organization)).not.toEqual(
      generateIncidents(50, { seed: 42 }).map((incident) => incident.organization),
    );
  });

  it('are valid incidents, unchanged by parsing', () => {
    for (const incident of incidents) {
      expect(incidentSchema.parse(incident)).toEqual(incident);
    }
  });

  it('have unique ids and unique names, legal forms aside', () => {
    expect(new Set(incidents.map((incident) => incident.id)).size).toBe(incidents.length);
    const names = incidents.flatMap((incident) => [incident.organization, ...incident.aliases]);
    expect(new Set(names.map(organizationKey)).size).toBe(names.length);
  });

  it('look like HHS records: US states, 2010-2026, 60-150 word summaries naming the organisation', () => {
    for (const incident of incidents) {
      expect(incident.origin).toBe('hhs-ocr');
      expect(incident.country).toBe('US');
      expect(incident.state).toBeDefined();
      const disclosed = incident.disclosed ?? '';
      expect(disclosed >= '2010-01-01' && disclosed <= '2026-12-31').toBe(true);
      const count = (incident.summary ?? '').split(/\s+/).length;
      expect(count).toBeGreaterThanOrEqual(60);
      expect(count).toBeLessThanOrEqual(150);
      expect(incident.summary).toContain(incident.organization);
      expect(incident.dataTypes).toContain('name');
    }
  });

  it('include near-twin names and some aliases', () => {
    const keys = incidents.map((incident) => organizationKey(incident.organization));
    const keySet = new Set(keys);
    const twins = keys.filter((key) => {
      const parts = key.split(' ');
      return parts.some((_, end) => end > 0 && keySet.has(parts.slice(0, end).join(' ')));
    });
    expect(twins.length).toBeGreaterThan(20);
    expect(incidents.filter((incident) => incident.aliases.length > 0).length).toBeGreaterThan(20);
  });
});

describe('query set', () => {
  const byId = new Map(incidents.map((incident) => [incident.id, incident]));
  const targetOf = (query: IncidentQuery): Incident => {
    const target = byId.get(query.targetId);
    if (!target) throw new Error(`no record ${query.targetId}`);
    return target;
  };

  it('is the same for the same seed', () => {
    expect(buildQuerySet(incidents, { seed: 7 })).toEqual(querySet);
  });

  it('has about 200 incident queries, balanced across kinds, each with a known target', () => {
    for (const kind of INCIDENT_QUERY_KINDS) {
      expect(querySet.incident.filter((query) => query.kind === kind)).toHaveLength(52);
    }
    for (const query of querySet.incident) {
      expect(byId.has(query.targetId)).toBe(true);
      expect(query.acceptIds).toEqual([query.targetId]);
    }
    expect(querySet.dataType.length).toBeGreaterThan(0);
  });

  it('makes exact queries from the name or an alias', () => {
    for (const query of querySet.incident.filter((q) => q.kind === 'exact')) {
      const target = targetOf(query);
      expect([target.organization, ...target.aliases]).toContain(query.text);
    }
    expect(querySet.incident.some((q) => q.kind === 'exact' && byId.get(q.targetId)?.organization !== q.text)).toBe(
      true,
    );
  });

  it('makes typo queries that differ from the name (not only in case)', () => {
    for (const query of querySet.incident.filter((q) => q.kind === 'typo')) {
      const target = targetOf(query);
      expect(foldText(query.text)).not.toBe(foldText(target.organization));
      expect(organizationKey(query.text)).not.toBe(organizationKey(target.organization));
    }
  });

  it('keeps a partial query only when no other record has all its words, whole or as prefixes', () => {
    // Checked by brute force, independently of NameWordIndex; words that identify nothing aside.
    const noIdentity = new Set(['the', 'of', 'and', 'for', 'at', 'in', 'dba', 'd', 'b', 'a']);
    const recordWords = incidents.map((incident) => [incident.organization, ...incident.aliases].flatMap(words));
    for (const query of querySet.incident.filter((q) => q.kind === 'partial')) {
      const tokens = words(query.text).filter((word) => !noIdentity.has(word));
      expect(tokens.length).toBeGreaterThan(0);
      const matching = incidents.filter((_, record) =>
        tokens.every((token) => (recordWords[record] as string[]).some((word) => word.startsWith(token))),
      );
      expect(matching.map((incident) => incident.id)).toEqual([query.targetId]);
      expect(organizationKey(query.text)).not.toBe(organizationKey(targetOf(query).organization));
    }
  });

  it('finds the records that share words and prefixes', () => {
    const index = new NameWordIndex(incidents);
    const target = incidents[0] as Incident;
    const tokens = words(target.organization).slice(0, 1);
    const found = [...index.recordsMatchingAll(tokens)].map((record) => incidents[record]?.id);
    expect(found).toContain(target.id);
  });
});

describe('makeTypo', () => {
  it('changes letters, not only case, in a word of four letters or more', () => {
    const rng = createRng(1);
    for (let i = 0; i < 500; i++) {
      const typo = makeTypo(rng, 'North Valley Health Partners');
      expect(typo).toBeDefined();
      expect(foldText(typo ?? '')).not.toBe('north valley health partners');
    }
  });
});
