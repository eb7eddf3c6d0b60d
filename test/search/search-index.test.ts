import { describe, expect, it } from 'vitest';
import { buildSearchIndex } from '../../src/search/search-index.js';
import { makeIncident } from '../support/incident-factory.js';

const incidents = [
  makeIncident({
    id: 'healthec-2023',
    organization: 'HealthEC LLC',
    aliases: ['HealthEC'],
    state: 'NJ',
    entityType: 'business-associate',
    disclosed: '2023-12-21',
    dataTypes: ['ssn', 'diagnosis'],
    summary: 'An unknown actor copied files from the network of a population health vendor.',
  }),
  makeIncident({
    id: 'arx',
    organization: 'ARx Patient Solutions',
    state: 'KS',
    disclosed: '2023-06-30',
    breachTypes: ['email-compromise'],
    dataTypes: ['child-data', 'prescription'],
    summary: "An employee mailbox held child patients' prescription information.",
  }),
  makeIncident({ id: 'nvh', organization: 'North Valley Health', state: 'OR', disclosed: '2019-02-01' }),
  makeIncident({ id: 'nvhp', organization: 'North Valley Health Partners', state: 'WA', disclosed: '2021-05-01' }),
  makeIncident({
    id: 'health-first',
    organization: 'Health First',
    state: 'FL',
    disclosed: '2016-01-01',
    breachTypes: ['theft'],
  }),
  makeIncident({ id: 'mitchell-it', organization: 'Mitchell IT Solutions Group, LLC', state: 'TX' }),
  makeIncident({ id: 'mitchell-home', organization: 'Mitchell Health', state: 'TX' }),
  makeIncident({ id: 'canyon-pa', organization: 'Central Canyon Oral Surgery, P.A.', state: 'AZ' }),
  makeIncident({ id: 'canyon-institute', organization: 'Central Canyon Oral Surgery Institute', state: 'AZ' }),
  makeIncident({ id: 'change-2022', organization: 'Change Healthcare', state: 'GA', disclosed: '2022-07-07' }),
  makeIncident({ id: 'change-2024', organization: 'Change Healthcare, Inc.', state: 'MN', disclosed: '2024-07-19' }),
  makeIncident({
    id: 'kansas-ortho',
    organization: 'Kansas Orthopedics',
    state: 'KS',
    disclosed: '2020-03-03',
    summary: 'A laptop with patient records was stolen from a car.',
    breachTypes: ['theft'],
  }),
  makeIncident({
    id: 'vendor',
    organization: 'Acme Billing',
    relatedOrganizations: ['Lakeside Clinic'],
    state: 'NJ',
    disclosed: '2023-02-02',
  }),
];
const index = buildSearchIndex(incidents);
const top = (query: string) => index.search(query).hits[0]?.incident.id;

describe('buildSearchIndex', () => {
  it.each([
    ['exact name', 'HealthEC', 'healthec-2023'],
    ['name with legal form', 'healthec llc', 'healthec-2023'],
    ['typo', 'helthec', 'healthec-2023'],
    ['swapped letters', 'haelthec', 'healthec-2023'],
    ['partial name', 'arx patient', 'arx'],
    ['prefix of a word', 'arx pat', 'arx'],
    ['question', 'was HealthEC hacked?', 'healthec-2023'],
    ['description without a name', 'kansas child patient prescription breach', 'arx'],
    ['related organisation', 'lakeside clinic', 'vendor'],
    ['emoji around a name', '🔥 HealthEC 🔥', 'healthec-2023'],
  ])('finds by %s: %s', (_kind, query, expected) => {
    expect(top(query)).toBe(expected);
  });

  it('finds a name with two letters swapped, and ignores legal forms', () => {
    expect(['change-2022', 'change-2024']).toContain(top('chnage helthcare'));
  });

  it('prefers the year mentioned in passing, and reads a bare year as a filter', () => {
    expect(top('was change healthcare hacked in 2024')).toBe('change-2024');
    expect(top('change healthcare 2022')).toBe('change-2022');
    expect(index.search('2019').hits.map((hit) => hit.incident.id)).toEqual(['nvh']);
  });

  it('lets filler words that are name words ("IT", "data") pick between names that share the rest', () => {
    expect(top('Mitchell IT')).toBe('mitchell-it');
    expect(top('i got a letter from mitchell it about a breach')).toBe('mitchell-it');
    expect(top('mitchell health')).toBe('mitchell-home');
  });

  it('reads initialisms as one word, so "P.A." is a legal form', () => {
    expect(top('was Central Canyon Oral Surgery hacked?')).toBe('canyon-pa');
    expect(top('central canyon oral surgery institute')).toBe('canyon-institute');
  });

  it('prefers the name that the query covers whole among near twins', () => {
    expect(top('north valley health')).toBe('nvh');
    expect(top('north vally health')).toBe('nvh');
    expect(top('north valley health partners')).toBe('nvhp');
    expect(top('north valley helth partnrs')).toBe('nvhp');
  });

  it('scores from 0 to 1, best first', () => {
    const { hits } = index.search('north valley health');
    expect(hits.length).toBeGreaterThan(1);
    for (const hit of hits) expect(hit.score).toBeGreaterThanOrEqual(0);
    for (const hit of hits) expect(hit.score).toBeLessThanOrEqual(1);
    expect(hits.map((hit) => hit.score)).toEqual([...hits.map((hit) => hit.score)].sort((a, b) => b - a));
  });

  it('applies filters to words and lists by filters alone, newest first', () => {
    expect(index.search('health state:FL').hits.map((hit) => hit.incident.id)).toEqual(['health-first']);
    expect(index.search('state:NJ').hits.map((hit) => hit.incident.id)).toEqual(['healthec-2023', 'vendor']);
    expect(index.search('year:2023 type:email-compromise').hits.map((hit) => hit.incident.id)).toEqual(['arx']);
    expect(index.search('data:ssn').hits.map((hit) => hit.incident.id)).toEqual(['healthec-2023']);
    expect(index.search('entity:associate').hits.map((hit) => hit.incident.id)).toEqual(['healthec-2023']);
    expect(index.search('type:theft state:KS').hits.map((hit) => hit.incident.id)).toEqual(['kansas-ortho']);
  });

  it('finds nothing for words that are nowhere, and returns no hits for an empty query', () => {
    expect(index.search('xyzzy plugh').hits).toEqual([]);
    expect(index.search('   ').hits).toEqual([]);
  });

  it('answers a 10,000-character query from its first words', () => {
    const result = index.search(`healthec ${'a'.repeat(10_000)}`);
    expect(result.hits[0]?.incident.id).toBe('healthec-2023');
  });

  it('suggests close names when the spelling is far off', () => {
    expect(index.suggest('helthek')).toContain('HealthEC LLC');
    expect(index.suggest('zzzz qqqq')).toEqual([]);
  });

  it('is safe on an empty dataset', () => {
    const empty = buildSearchIndex([]);
    expect(empty.search('healthec').hits).toEqual([]);
    expect(empty.suggest('healthec')).toEqual([]);
  });
});
