import { type Incident, type IncidentInput, incidentSchema } from '../../src/incidents/model.js';
import { slugify } from '../../src/incidents/organization-name.js';

/** A valid imported-style incident; tests state only the fields they care about. */
export function makeIncident(overrides: Partial<IncidentInput> & { organization: string }): Incident {
  return incidentSchema.parse({
    id: overrides.id ?? slugify(overrides.organization),
    breachTypes: ['hacking'],
    origin: 'hhs-ocr',
    updated: '2026-07-01',
    ...overrides,
  });
}
