import { describe, expect, it } from 'vitest';
import { mergeFilings } from '../../src/incidents/merge-filings.js';
import { describeAsOf, incidentFacts } from '../../src/views/incident-facts.js';
import { makeIncident } from '../support/incident-factory.js';

const hhs = makeIncident({
  id: 'hhs-arx',
  organization: 'ARx Patient Solutions',
  state: 'KS',
  disclosed: '2023-06-30',
  individualsAffected: 41_166,
  updated: '2026-07-01',
});
const wa = makeIncident({
  id: 'wa-arx',
  organization: 'ARx Patient Solutions',
  origin: 'wa-ag',
  disclosed: '2023-07-10',
  residentsAffected: { state: 'WA', count: 517 },
  updated: '2024-04-19',
});

describe('who and how many, for an incident of several filings', () => {
  it('gives every figure with its source, its filing date and the date of its list, totals first', () => {
    const [incident] = mergeFilings([], [wa, hhs]).incidents;
    expect(incident && incidentFacts(incident).affected).toBe(
      '41,166 people (HHS OCR breach portal, filed 30 Jun 2023, list of 1 Jul 2026); ' +
        '517 Washington residents (Washington State Attorney General, filed 10 Jul 2023, list of 19 Apr 2024)',
    );
  });

  it("names a card's own total when no filing gives it, and a filing the card cites by hand", () => {
    const card = makeIncident({
      id: 'arx-2022',
      organization: 'ARx Patient Solutions',
      origin: 'curated',
      disclosed: '2023-06-30',
      individualsAffected: 41_200,
      summary: 'x',
      lessons: ['y'],
      sources: [{ title: 't', url: 'https://example.org' }],
      filings: [
        { source: 'Maine Attorney General', residentsAffected: { state: 'ME', count: 526 }, filed: '2023-07-03' },
      ],
    });
    const [incident] = mergeFilings([card], []).incidents;
    expect(incident && incidentFacts(incident).affected).toBe(
      '41,200 people; 526 Maine residents (Maine Attorney General, filed 3 Jul 2023)',
    );
  });
});

describe('how fresh the facts are', () => {
  it('names each list behind the card with its date, and a card by its review', () => {
    const [merged] = mergeFilings([], [wa, hhs]).incidents;
    expect(merged && describeAsOf(merged)).toBe(
      'Facts as of: HHS OCR breach portal, list of 1 Jul 2026; Washington State Attorney General, list of 19 Apr 2024',
    );
    const hibp = makeIncident({ id: 'hibp-x', organization: 'X', origin: 'hibp', updated: '2026-08-22' });
    expect(describeAsOf(hibp)).toBe('Facts as of: Have I Been Pwned, list of 22 Aug 2026');
  });
});
