import { beforeAll, describe, expect, it } from 'vitest';
import { type AnswerContext, answerQuery, MAX_QUERY_LENGTH } from '../../src/answer/answer-query.js';
import { buildSearchIndex } from '../../src/search/search-index.js';
import { makeIncident } from '../support/incident-factory.js';
import { firstCardsAnswerContext } from '../support/repo-dataset.js';

let context: AnswerContext;
beforeAll(async () => {
  context = await firstCardsAnswerContext();
});

describe('answerQuery', () => {
  it('answers a sloppy name with the incident card and the steps for its data', () => {
    const answer = answerQuery('helthec', context);
    expect(answer.kind).toBe('incident');
    if (answer.kind !== 'incident') return;
    expect(answer.match.incident.id).toBe('healthec-2023');
    expect(answer.steps.checklists.map((checklist) => checklist.id)).toEqual([
      'ssn',
      'medical',
      'health-insurance',
      'phishing',
    ]);
  });

  it("adds the child credit freeze when children's data was exposed", () => {
    const answer = answerQuery('what happened with the kansas child patient prescription breach', context);
    expect(answer.kind === 'incident' && answer.match.incident.id).toBe('arx-patient-solutions-2022');
    expect(answer.kind === 'incident' && answer.steps.checklists.map((checklist) => checklist.id)).toContain('child');
  });

  it('gives the checklist for `steps <data type>` and for plain questions about leaked data', () => {
    const ssn = answerQuery('steps ssn', context);
    expect(ssn.kind === 'steps' && ssn.steps.checklists.map((checklist) => checklist.id)).toEqual(['ssn']);
    const medical = answerQuery('what do I do if my medical records leaked', context);
    expect(medical.kind === 'steps' && medical.steps.checklists.map((checklist) => checklist.id)).toEqual(['medical']);
    const both = answerQuery('steps social security number and credit card', context);
    expect(both.kind === 'steps' && both.steps.dataTypes).toEqual(['ssn', 'payment-card']);
  });

  it('explains what it needs for steps of an unknown kind of data', () => {
    const answer = answerQuery('steps shoes', context);
    expect(answer).toMatchObject({ kind: 'usage', problem: expect.stringContaining('shoes') });
  });

  it('gives usage for an empty query or help, and refuses an overlong one at once', () => {
    expect(answerQuery('   ', context)).toEqual({ kind: 'usage' });
    expect(answerQuery('help', context)).toEqual({ kind: 'usage' });
    const long = answerQuery('a'.repeat(10_000), context);
    expect(long).toMatchObject({ kind: 'usage', problem: expect.stringContaining(String(MAX_QUERY_LENGTH)) });
  });

  it('says no match, with did-you-mean and the filter problems, when nothing fits', () => {
    expect(answerQuery('pizza recipe', context)).toMatchObject({
      kind: 'no-record',
      organization: 'pizza recipe',
      suggestions: [],
    });
    const bad = answerQuery('healthec state:XX', context);
    expect(bad).toMatchObject({ kind: 'no-match', problems: [expect.stringContaining('state:XX')] });
  });

  it('offers close alternatives when the search cannot tell two incidents apart', () => {
    const incidents = [
      makeIncident({ id: 'a', organization: 'Lakeside Medical Group', disclosed: '2020-01-01' }),
      makeIncident({ id: 'b', organization: 'Lakeside Medical Group', disclosed: '2022-01-01' }),
      makeIncident({ id: 'c', organization: 'Riverbend Dental' }),
    ];
    const answer = answerQuery('lakeside medical', {
      dataset: { incidents, guidance: context.dataset.guidance },
      index: buildSearchIndex(incidents),
    });
    expect(answer.kind).toBe('incident');
    if (answer.kind !== 'incident') return;
    expect(answer.match.incident.id).toBe('b');
    expect(answer.alternatives.map((hit) => hit.incident.id)).toEqual(['a']);
  });

  it('lists by filters alone, and answers latest and stats', () => {
    expect(answerQuery('state:NJ', context)).toMatchObject({
      kind: 'list',
      hits: [{ incident: { id: 'healthec-2023' } }],
    });
    const latest = answerQuery('latest 1', context);
    expect(latest.kind === 'latest' && latest.incidents.map((incident) => incident.id)).toEqual(['healthec-2023']);
    const stats = answerQuery('stats 2023', context);
    expect(stats.kind === 'stats' && stats.stats.incidents).toBe(2);
    expect(answerQuery('stats last-year', context)).toMatchObject({ kind: 'usage' });
    expect(answerQuery('latest 500', context)).toMatchObject({ kind: 'usage' });
  });
});
