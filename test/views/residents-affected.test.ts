import { describe, expect, it } from 'vitest';
import type { ProtectiveSteps } from '../../src/answer/types.js';
import type { IncidentInput } from '../../src/incidents/model.js';
import { incidentCardBlocks, incidentLine } from '../../src/views/blocks/incident-card.js';
import { incidentFacts } from '../../src/views/incident-facts.js';
import { answerToJson } from '../../src/views/json/answer-json.js';
import { oneLine } from '../../src/views/text/render-answer.js';
import { makeIncident } from '../support/incident-factory.js';

/** ARx Patient Solutions as the Washington State Attorney General lists it. */
const waFiling = (overrides: Partial<IncidentInput> = {}) =>
  makeIncident({
    id: 'wa-arx-patient-solutions-2023-15323',
    organization: 'ARx Patient Solutions',
    origin: 'wa-ag',
    state: 'KS',
    disclosed: '2023-07-10',
    breachTypes: ['unauthorized-access'],
    residentsAffected: { state: 'WA', count: 517 },
    updated: '2024-04-19',
    ...overrides,
  });

const NO_STEPS: ProtectiveSteps = { dataTypes: [], checklists: [], notice: 'US advice.' };

describe('a count of one state’s residents', () => {
  it('is shown as such on the card, credited to its source, never as the number of people', () => {
    expect(incidentFacts(waFiling()).affected).toBe('517 Washington residents (Washington State Attorney General)');
    const card = JSON.stringify(incidentCardBlocks(waFiling(), NO_STEPS));
    expect(card).toContain('517 Washington residents (Washington State Attorney General)');
    expect(card).not.toContain('517 people');
  });

  it('stands beside the total when a record has both', () => {
    expect(incidentFacts(waFiling({ individualsAffected: 41_166 })).affected).toBe(
      '41,166 people; 517 Washington residents (Washington State Attorney General)',
    );
  });

  it('fills a list line only when the total is unknown', () => {
    expect(oneLine(waFiling())).toBe(
      'ARx Patient Solutions (10 Jul 2023, KS, 517 Washington residents, Unauthorized access or disclosure) [wa-arx-patient-solutions-2023-15323]',
    );
    expect(incidentLine(waFiling())).toBe('*ARx Patient Solutions* · 10 Jul 2023 · KS · 517 Washington residents');
    expect(incidentLine(waFiling({ individualsAffected: 41_166 }))).toBe(
      '*ARx Patient Solutions* · 10 Jul 2023 · KS · 41,166 people',
    );
  });

  it('is in the --json answer beside individualsAffected', () => {
    const json = answerToJson('arx', { kind: 'list', query: 'arx', hits: [{ incident: waFiling(), score: 1 }] });
    expect(json).toHaveProperty('matches');
    expect((json as { matches: unknown[] }).matches[0]).toMatchObject({
      individualsAffected: null,
      residentsAffected: { state: 'WA', count: 517 },
      origin: 'wa-ag',
    });
  });

  it('leaves a record with no count at all "not stated"', () => {
    expect(incidentFacts(waFiling({ residentsAffected: undefined })).affected).toBe('not stated');
  });
});
