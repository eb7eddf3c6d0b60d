import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/dataset/load-dataset.js';
import type { Incident } from '../../src/incidents/model.js';
import { buildSearchIndex } from '../../src/search/search-index.js';
import { TextIndex } from '../../src/search/text-index.js';
import { stem, words } from '../../src/search/text-normalizer.js';
import { makeIncident } from '../support/incident-factory.js';
import { REPO_DATA_DIR } from '../support/paths.js';

let incidents: Incident[];

beforeAll(async () => {
  const { dataset } = await loadDataset(REPO_DATA_DIR);
  incidents = dataset?.incidents ?? [];
});

const everyRecord = () => true;

/** What the index says of one term: the best records and their scores, in order. */
function scoresOf(index: TextIndex, term: string) {
  return index.score([term], { k: 50, accept: everyRecord, alsoFor: [0, 1, 2] });
}

describe('TextIndex with fewQueries', () => {
  it('scores every word of the shipped data exactly as the full build does', () => {
    const full = new TextIndex(incidents);
    const few = new TextIndex(incidents, { fewQueries: true });
    // Words of names and summaries, their stems, prefixes and endings that stem alike, and words
    // the data has not: a sample, since each term costs the few-queries index a scan of every text.
    const sample = new Set<string>(['child', 'children', 'prescriptions', 'pharmacy', 'pharmacies', 'a', '2023']);
    incidents.forEach((incident, i) => {
      if (i % 97 !== 0) return;
      for (const word of words(`${incident.organization} ${incident.summary ?? ''}`).slice(0, 6)) {
        sample.add(word);
        sample.add(stem(word));
        sample.add(word.slice(0, -1));
        sample.add(`${word}s`);
      }
    });
    sample.add('x'.repeat(40));
    expect(sample.size).toBeGreaterThan(300);
    for (const term of sample) expect(scoresOf(few, term), term).toEqual(scoresOf(full, term));
    // Several terms at once, and the same term again (its posting is kept).
    const query = ['kansas', 'child', 'patient', 'prescription', 'child'];
    const options = { k: 48, accept: (record: number) => record % 3 !== 0, alsoFor: [5, 50, 500] };
    expect(few.score(query, options)).toEqual(full.score(query, options));
    expect(few.score(query, options)).toEqual(full.score(query, options));
  });

  it('counts words of texts that fold apart, cut long words, and caps nothing it should not', () => {
    const records = [
      makeIncident({
        id: 'a',
        organization: 'AT&T Inc.',
        summary: 'P.A. & D.D.S. — Zürich’s clinic; children, children.',
      }),
      makeIncident({ id: 'b', organization: 'Children’s Hospital', summary: `${'a'.repeat(40)} ${'a'.repeat(32)}` }),
      makeIncident({ id: 'c', organization: 'O’Neil & Sons', aliases: ['ONeil'], summary: undefined }),
    ];
    const full = new TextIndex(records);
    const few = new TextIndex(records, { fewQueries: true });
    for (const term of ['att', 'pa', 'dds', 'zurich', 'child', 'children', 'a'.repeat(32), 'oneil', 'and', 'clinic']) {
      expect(scoresOf(few, term), term).toEqual(scoresOf(full, term));
    }
  });

  it('gives the same search results through buildSearchIndex', () => {
    const full = buildSearchIndex(incidents);
    const few = buildSearchIndex(incidents, { fewQueries: true });
    for (const query of [
      'helthec',
      'kansas child patient prescription breach',
      'state:NJ year:2023 hacking',
      'anthem 2015',
    ]) {
      expect(few.search(query), query).toEqual(full.search(query));
      expect(few.suggest(query), query).toEqual(full.suggest(query));
    }
  });
});
