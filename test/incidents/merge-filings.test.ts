import { describe, expect, it } from 'vitest';
import { FILING_GAP_MAX_DAYS, mergeFilings } from '../../src/incidents/merge-filings.js';
import type { Incident } from '../../src/incidents/model.js';
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

describe('mergeFilings', () => {
  it('lets a curated card stand for the official record of the same incident', () => {
    const official = makeIncident({
      id: 'hhs-healthec',
      organization: 'HealthEC, LLC ',
      state: 'NJ',
      disclosed: '2023-12-21',
    });
    const { incidents, coveredByCurated } = mergeFilings([curated], [official]);
    expect(incidents.map((incident) => incident.id)).toEqual(['healthec-2023']);
    expect(coveredByCurated.get('hhs-healthec')).toBe('healthec-2023');
  });

  it('keeps records of the same organisation in another state or years apart', () => {
    const otherState = makeIncident({ id: 'o1', organization: 'HealthEC', state: 'NY', disclosed: '2023-12-21' });
    const yearsLater = makeIncident({ id: 'o2', organization: 'HealthEC', state: 'NJ', disclosed: '2026-01-10' });
    const { incidents } = mergeFilings([curated], [otherState, yearsLater]);
    expect(incidents.map((incident) => incident.id)).toEqual(['healthec-2023', 'o1', 'o2']);
  });
});

describe('mergeFilings with several filings near a card', () => {
  it("covers the closest filing and refilings of the same count, and keeps the organisation's other incidents", () => {
    const ucla = makeIncident({
      id: 'ucla-health-2015',
      organization: 'UCLA Health',
      aliases: ['University of California, Los Angeles Health'],
      state: 'CA',
      disclosed: '2015-07-17',
      individualsAffected: 4_500_000,
      origin: 'curated',
      summary: 'x',
      lessons: ['y'],
      sources: [{ title: 't', url: 'https://example.org' }],
    });
    const filings = [
      makeIncident({
        id: 'hack',
        organization: 'University of California, Los Angeles Health',
        state: 'CA',
        disclosed: '2015-07-17',
        individualsAffected: 4_500_000,
      }),
      makeIncident({
        id: 'refiled',
        organization: 'UCLA Health',
        state: 'CA',
        disclosed: '2015-07-30',
        individualsAffected: 4_500_000,
      }),
      makeIncident({
        id: 'laptop',
        organization: 'University of California, Los Angeles Health',
        state: 'CA',
        disclosed: '2015-09-01',
        individualsAffected: 1_242,
      }),
    ];
    const { incidents, coveredByCurated } = mergeFilings([ucla], filings);
    expect([...coveredByCurated.keys()].sort()).toEqual(['hack', 'refiled']);
    expect(incidents.map((incident) => incident.id)).toEqual(['ucla-health-2015', 'laptop']);
  });
});

const hhs = (id: string, organization: string, disclosed: string, individualsAffected: number, state = 'KS') =>
  makeIncident({ id, organization, disclosed, individualsAffected, state: state as Incident['state'] });
const wa = (id: string, organization: string, disclosed: string, count: number, start?: string) =>
  makeIncident({
    id,
    organization,
    disclosed,
    origin: 'wa-ag',
    residentsAffected: { state: 'WA', count },
    ...(start && { occurred: { start } }),
    discovered: disclosed,
  });
const ids = (incidents: readonly Incident[]) => incidents.map((incident) => incident.id).sort();

describe('mergeFilings across lists', () => {
  it("joins one breach's filings to different lists, keeping each figure with its list and taking the dates HHS lacks", () => {
    const { incidents, joined } = mergeFilings(
      [],
      [
        hhs('hhs-acme', 'Acme Clinic, LLC', '2023-06-30', 41_166),
        wa('wa-acme', 'Acme Clinic', '2023-07-10', 517, '2022-03-23'),
      ],
    );
    expect(joined).toBe(1);
    expect(incidents).toHaveLength(1);
    const [incident] = incidents;
    expect(incident).toMatchObject({ id: 'hhs-acme', individualsAffected: 41_166, occurred: { start: '2022-03-23' } });
    expect(
      incident?.filings?.map((filing) => [filing.origin, filing.individualsAffected, filing.residentsAffected]),
    ).toEqual([
      ['hhs-ocr', 41_166, undefined],
      ['wa-ag', undefined, { state: 'WA', count: 517 }],
    ]);
  });

  it('never joins two filings to the same list, however close: they are separate breaches or separate clients', () => {
    const { incidents } = mergeFilings(
      [],
      [hhs('a', 'Acme Clinic', '2023-06-30', 100), hhs('b', 'Acme Clinic', '2023-07-01', 200)],
    );
    expect(ids(incidents)).toEqual(['a', 'b']);
  });

  it('joins a filing to the closest of several on another list, and leaves the rest alone', () => {
    const { incidents } = mergeFilings(
      [],
      [
        hhs('far', 'Acme Clinic', '2023-05-01', 5_000),
        hhs('near', 'Acme Clinic', '2023-07-08', 3_881),
        wa('wa', 'Acme Clinic', '2023-07-10', 1_185),
      ],
    );
    expect(ids(incidents)).toEqual(['far', 'near']);
    expect(incidents.find((incident) => incident.id === 'near')?.filings?.map((filing) => filing.recordId)).toEqual([
      'near',
      'wa',
    ]);
  });

  it(`keeps apart filings more than ${FILING_GAP_MAX_DAYS} days apart, in other states, or filed before the breach began`, () => {
    const { incidents } = mergeFilings(
      [],
      [
        hhs('h2015', 'Acme Health', '2015-03-17', 11_000_000, 'WA'),
        wa('w2023', 'Acme Health', '2023-07-10', 33_237),
        hhs('h-ny', 'Beta Labs', '2023-07-01', 10, 'NY'),
        { ...wa('w-beta', 'Beta Labs', '2023-07-02', 5), state: 'NJ' },
        hhs('h-early', 'Gamma Care', '2023-01-10', 10),
        wa('w-gamma', 'Gamma Care', '2023-02-01', 5, '2023-01-20'),
      ],
    );
    expect(incidents).toHaveLength(6);
    expect(incidents.every((incident) => incident.filings === undefined)).toBe(true);
  });

  it('lets a curated card stand for its breach in every list, with each list as a filing', () => {
    const card = makeIncident({
      id: 'acme-2022',
      organization: 'Acme Clinic',
      state: 'KS',
      disclosed: '2023-06-30',
      individualsAffected: 41_166,
      origin: 'curated',
      summary: 'x',
      lessons: ['y'],
      sources: [{ title: 't', url: 'https://example.org' }],
      filings: [
        { source: 'Maine Attorney General', residentsAffected: { state: 'ME', count: 526 }, filed: '2023-07-03' },
      ],
    });
    const { incidents, coveredByCurated } = mergeFilings(
      [card],
      [hhs('hhs-acme', 'Acme Clinic', '2023-06-30', 41_166), wa('wa-acme', 'Acme Clinic', '2023-07-10', 517)],
    );
    expect(ids(incidents)).toEqual(['acme-2022']);
    expect([...coveredByCurated.keys()].sort()).toEqual(['hhs-acme', 'wa-acme']);
    expect(incidents[0]?.filings?.map((filing) => filing.source)).toEqual([
      'Maine Attorney General',
      'HHS OCR breach portal',
      'Washington State Attorney General',
    ]);
  });
});
