import { describe, expect, it } from 'vitest';
import { MAX_QUERY_TERMS, parseQuery } from '../../src/search/query-parser.js';

describe('parseQuery', () => {
  it('keeps the words that identify an incident and drops how the question is asked', () => {
    expect(parseQuery('what happened with the kansas child patient prescription breach').terms).toEqual([
      'kansas',
      'child',
      'patient',
      'prescription',
    ]);
    expect(parseQuery('Was HealthEC LLC hacked?').terms).toEqual(['healthec']);
  });

  it('reads filters by code, name and synonym', () => {
    const { filters, terms, invalidFilters } = parseQuery(
      'state:nj year:2023 type:hacking data:ssn entity:plan state:Kansas',
    );
    expect(terms).toEqual([]);
    expect(invalidFilters).toEqual([]);
    expect(filters).toEqual({
      states: ['NJ', 'KS'],
      years: [2023],
      breachTypes: ['hacking'],
      dataTypes: ['ssn'],
      entityTypes: ['health-plan'],
    });
  });

  it('reads a state filter by a name of several words, typed plainly or in quotes', () => {
    for (const query of ['state:new jersey year:2023', 'state:"New Jersey" year:2023', 'year:2023 state:New-Jersey']) {
      const { filters, terms, invalidFilters } = parseQuery(query);
      expect(invalidFilters, query).toEqual([]);
      expect(terms, query).toEqual([]);
      expect(filters.states, query).toEqual(['NJ']);
    }
    expect(parseQuery('state:district of columbia').filters.states).toEqual(['DC']);
    // A state by itself takes no more words: "dc" here is a word of the question.
    expect(parseQuery('state:washington dc breach')).toMatchObject({ filters: { states: ['WA'] }, terms: ['dc'] });
    expect(parseQuery('state:new healthec').invalidFilters[0]).toContain('state:new is not a US state');
  });

  it('explains filters it cannot use', () => {
    const { invalidFilters } = parseQuery('state:XX year:20 type:aliens data:shoes state:');
    expect(invalidFilters).toHaveLength(5);
    expect(invalidFilters[0]).toContain('state:XX is not a US state');
    expect(invalidFilters[1]).toContain('year:20 is not a year');
    expect(invalidFilters[4]).toContain('needs a value');
  });

  it('ignores Slack mentions and special mentions, and folds accents and emoji', () => {
    expect(parseQuery('<@U123ABC> <!channel> Clínica Ñandú 🔥').terms).toEqual(['clinica', 'nandu']);
    expect(parseQuery('<https://evil.example|HealthEC>').terms).toEqual(['healthec']);
  });

  it('bounds the work: at most a fixed number of terms, each of bounded length', () => {
    const parsed = parseQuery(`${'x'.repeat(5000)} ${'word '.repeat(2000)}`);
    expect(parsed.terms.length).toBeLessThanOrEqual(MAX_QUERY_TERMS);
    expect(Math.max(...parsed.terms.map((term) => term.length))).toBeLessThanOrEqual(32);
  });
});
