import { beforeAll, describe, expect, it } from 'vitest';
import { type AnswerContext, answerQuery } from '../../src/answer/answer-query.js';
import type { Answer } from '../../src/answer/types.js';
import { buildSearchIndex } from '../../src/search/search-index.js';
import { answerToJson } from '../../src/views/json/answer-json.js';
import { renderAnswerText } from '../../src/views/text/render-answer.js';
import { makeIncident } from '../support/incident-factory.js';
import { shippedGuidance } from '../support/repo-dataset.js';

const incidents = [
  makeIncident({
    id: 'delta-dental',
    organization: 'Delta Dental of California',
    state: 'CA',
    disclosed: '2023-09-05',
  }),
  makeIncident({ id: 'delta-health', organization: 'Delta Health System', state: 'MS', disclosed: '2024-03-29' }),
  makeIncident({ id: 'alaska-air', organization: 'Alaska Airlines', disclosed: '2018-05-03' }),
  makeIncident({
    id: 'lurie',
    organization: "Lurie Children's Hospital of Chicago",
    state: 'IL',
    disclosed: '2024-02-01',
  }),
  makeIncident({ id: 'rite-aid-2011', organization: 'Rite Aid Corporation', state: 'PA', disclosed: '2011-12-07' }),
  makeIncident({ id: 'rite-aid-2023', organization: 'Rite Aid Corporation', state: 'PA', disclosed: '2023-07-19' }),
  makeIncident({ id: 'home-point', organization: 'Home Point Financial Corporation', disclosed: '2017-06-20' }),
  makeIncident({ id: 'lastpass', organization: 'LastPass', disclosed: '2022-08-25', origin: 'hibp' }),
  makeIncident({ id: 'collection-1', organization: 'Collection #1', disclosed: '2019-01-16', origin: 'hibp' }),
  makeIncident({
    id: 'kaiser',
    organization: 'Kaiser Permanente',
    disclosed: '2024-04-12',
    summary: 'Tracking code on its websites and apps sent member data to Google, Microsoft and X.',
  }),
  makeIncident({
    id: 'arx',
    organization: 'ARx Patient Solutions',
    state: 'KS',
    disclosed: '2023-06-30',
    dataTypes: ['child-data', 'prescription'],
    summary: "An employee mailbox held child patients' prescription information.",
  }),
];

let context: AnswerContext;
beforeAll(async () => {
  context = { dataset: { incidents, guidance: await shippedGuidance() }, index: buildSearchIndex(incidents) };
});

const ask = (query: string): Answer => answerQuery(query, context);
const matchId = (answer: Answer) => (answer.kind === 'incident' ? answer.match.incident.id : answer.kind);

describe('answers "no record" rather than another organisation', () => {
  it.each([
    ['Delta Airlines', 'Delta Airlines'],
    ['was Acme Hospital hacked?', 'Acme Hospital'],
    ['Home Depot', 'Home Depot'],
    ['Microsoft', 'Microsoft'],
    ['what happened at American Airlines?', 'American Airlines'],
  ])('%s', (query, organization) => {
    expect(ask(query)).toMatchObject({ kind: 'no-record', organization });
  });

  it('offers only names that have the distinctive words asked, and says so plainly', () => {
    const answer = ask('Delta Airlines');
    expect(answer.kind === 'no-record' && answer.suggestions).toEqual([
      'Delta Health System',
      'Delta Dental of California',
    ]);
    expect(ask('Home Depot')).toMatchObject({ suggestions: [] });
    const text = renderAnswerText(answer);
    expect(text.split('\n')[0]).toBe('I have no record of a breach at Delta Airlines.');
    expect(text).toContain('Did you mean: Delta Health System; Delta Dental of California?');
    expect(answerToJson('Delta Airlines', answer)).toMatchObject({
      kind: 'no-record',
      matches: [],
      organization: 'Delta Airlines',
    });
  });

  it('takes a bare number for nothing to look up', () => {
    expect(ask('1')).toMatchObject({ kind: 'no-match' });
  });
});

describe('still answers names, parts of names and descriptions', () => {
  it.each([
    ['Delta Dental', 'delta-dental'],
    ['delta dental insurance', 'delta-dental'],
    ['Rite Aid pharmacy breach', 'rite-aid-2023'],
    ['riteaid', 'rite-aid-2023'],
    ['last pass', 'lastpass'],
    ['lurie childrens hospital ransomware', 'lurie'],
    ['collection 1', 'collection-1'],
    ['kansas child patient prescription breach', 'arx'],
    ['I got a letter from Kaiser Permanente, what should I do?', 'kaiser'],
    // What a question asks is no part of the name it asks about.
    ['when was ARx Patient Solutions discovered', 'arx'],
    ['which organisations did the Kaiser Permanente breach reach', 'kaiser'],
    ['how long did ARx take to notify people', 'arx'],
  ])('%s', (query, id) => {
    expect(matchId(ask(query))).toBe(id);
  });

  it('puts the newest of same-name records first, unless a year is asked', () => {
    const answer = ask('Rite Aid');
    expect(matchId(answer)).toBe('rite-aid-2023');
    expect(answer.kind === 'incident' && answer.alternatives.map((hit) => hit.incident.id)).toEqual(['rite-aid-2011']);
    expect(matchId(ask('rite aid 2011'))).toBe('rite-aid-2011');
  });
});

describe('"did you mean" names', () => {
  it('never rest on a short word one letter off: "acme" is not "acne", "depot" is not "dept"', async () => {
    const lookalikes = [
      makeIncident({ id: 'acne-org', organization: 'Acne.org', origin: 'hibp', disclosed: '2014-11-01' }),
      makeIncident({ id: 'pa-dept', organization: 'PA Dept. of Human Services', state: 'PA', disclosed: '2022-01-10' }),
      makeIncident({ id: 'walgreen', organization: 'Walgreen Co.', state: 'IL', disclosed: '2020-03-10' }),
    ];
    const own = {
      dataset: { incidents: lookalikes, guidance: await shippedGuidance() },
      index: buildSearchIndex(lookalikes),
    };
    expect(answerQuery('Acme Hospital', own)).toMatchObject({ kind: 'no-record', suggestions: [] });
    expect(answerQuery('Home Depot', own)).toMatchObject({ kind: 'no-record', suggestions: [] });
    // A longer word a letter off is still offered.
    expect(answerQuery('Walgren pharmacy', own)).toMatchObject({ kind: 'no-record', suggestions: ['Walgreen Co.'] });
  });
});

describe('question words', () => {
  it('are read as written, never by stem: "Longs Drugs" names an organisation', async () => {
    const drugs = [
      makeIncident({ id: 'morton', organization: 'Morton Drug Company', state: 'WI', disclosed: '2021-05-01' }),
    ];
    const own = { dataset: { incidents: drugs, guidance: await shippedGuidance() }, index: buildSearchIndex(drugs) };
    expect(answerQuery('was Longs Drugs hacked?', own)).toMatchObject({ kind: 'no-record' });
  });
});
