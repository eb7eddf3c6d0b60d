import { rm } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Incident, IncidentInput } from '../../src/incidents/model.js';
import { buildQuiz } from '../../src/training/build-quiz.js';
import {
  explainTrainingChoice,
  pickTrainingIncident,
  QUIZ_TRIES_MAX,
  type TrainingPickInput,
} from '../../src/training/pick-training-incident.js';
import { quizSchema } from '../../src/training/quiz.js';
import { makeIncident } from '../support/incident-factory.js';
import { answerContextFor, shippedDataCopy, shippedGuidance } from '../support/repo-dataset.js';
import { fakeQuizBuilder } from './fake-quiz-builder.js';

const TODAY = '2026-12-09';
const guidance = await shippedGuidance();

function recent(id: string, overrides: Partial<IncidentInput> = {}): Incident {
  return makeIncident({ id, organization: `Organisation ${id}`, disclosed: '2026-11-20', ...overrides });
}

/** A curated card: the notable incidents a week falls back on. */
function card(id: string, disclosed: string, overrides: Partial<IncidentInput> = {}): Incident {
  return makeIncident({
    id,
    organization: `Card ${id}`,
    origin: 'curated',
    disclosed,
    summary: 'What happened.',
    lessons: ['What to learn.'],
    sources: [{ title: 'Notice', url: 'https://example.org/notice' }],
    ...overrides,
  });
}

function pick(incidents: readonly Incident[], input: Partial<TrainingPickInput> = {}) {
  const { build } = fakeQuizBuilder();
  return pickTrainingIncident({
    incidents,
    guidance,
    today: TODAY,
    watchlist: [],
    asked: {},
    pickedRecently: [],
    buildQuiz: build,
    ...input,
  });
}

describe('pickTrainingIncident', () => {
  it('prefers a recent incident at a watched vendor, and says which vendor', () => {
    const incidents = [
      recent('huge', { individualsAffected: 50_000_000, disclosed: '2026-12-08' }),
      recent('vendor', { organization: 'Welltok Inc', individualsAffected: 1_000 }),
    ];
    expect(pick(incidents)?.incident.id).toBe('huge');
    const choice = pick(incidents, { watchlist: ['Welltok'] });
    expect(choice?.incident.id).toBe('vendor');
    expect(choice?.reason).toMatchObject({ basis: 'recent', newsDay: '2026-11-20', watchedVendors: ['Welltok'] });
  });

  it('prefers the kinds of data people asked about, and names them most asked first', () => {
    const incidents = [
      recent('cards', { dataTypes: ['payment-card'], individualsAffected: 900_000 }),
      recent('ssn', { dataTypes: ['ssn', 'date-of-birth', 'name'], individualsAffected: 2_000 }),
    ];
    expect(pick(incidents)?.incident.id).toBe('cards');
    const choice = pick(incidents, { asked: { 'date-of-birth': 2, ssn: 9, 'lab-results': 30 } });
    expect(choice?.incident.id).toBe('ssn');
    expect(choice?.reason.askedDataTypes).toEqual(['ssn', 'date-of-birth']);
  });

  it('prefers the newer and the larger when nothing else tells them apart', () => {
    expect(
      pick([recent('older', { disclosed: '2026-09-20' }), recent('newer', { disclosed: '2026-12-01' })])?.incident.id,
    ).toBe('newer');
    expect(
      pick([recent('small', { individualsAffected: 500 }), recent('large', { individualsAffected: 5_000_000 })])
        ?.incident.id,
    ).toBe('large');
  });

  it('counts as recent what was news in the last 90 days, by disclosure or a first sighting soon after it', () => {
    const old = recent('old', { disclosed: '2026-08-01' });
    const late = recent('late', { disclosed: '2026-09-01', firstSeen: '2026-10-20' });
    const archive = recent('archive', { disclosed: '2019-03-01', firstSeen: '2026-12-01' });
    const future = recent('future', { disclosed: '2026-12-20' });
    const fallback = card('fallback', '2020-01-01');
    expect(pick([old, archive, future, fallback])?.incident.id).toBe('fallback');
    expect(pick([late, fallback])?.reason).toMatchObject({ basis: 'recent', newsDay: '2026-10-20' });
  });

  it('never picks an incident picked within the year', () => {
    const incidents = [recent('first', { individualsAffected: 9_000_000 }), recent('second')];
    expect(pick(incidents, { pickedRecently: ['first'] })?.incident.id).toBe('second');
    expect(pick(incidents, { pickedRecently: ['first', 'second'] })).toBeUndefined();
  });

  it('falls back on a curated card, newest first and not picked within the year, when no recent incident gives a quiz', () => {
    const { build } = fakeQuizBuilder(['bare']);
    const incidents = [
      recent('bare'),
      card('anthem', '2015-02-04'),
      card('moveit', '2023-06-01'),
      card('okta', '2023-10-20'),
    ];
    const choice = pick(incidents, { buildQuiz: build, pickedRecently: ['okta'] });
    expect(choice?.incident.id).toBe('moveit');
    expect(choice?.reason).toEqual({ basis: 'notable', watchedVendors: [], askedDataTypes: [] });
    expect(choice?.quiz.incidentId).toBe('moveit');
  });

  it('gives nothing when no incident qualifies', () => {
    const { build } = fakeQuizBuilder(['bare', 'card']);
    expect(pick([recent('bare'), card('card', '2015-01-01')], { buildQuiz: build })).toBeUndefined();
    expect(pick([])).toBeUndefined();
  });

  it('gives the same choice whatever the order of the data, ties broken by id', () => {
    const incidents = [recent('b'), recent('c'), recent('a'), card('y', '2020-01-01'), card('x', '2020-01-01')];
    const expected = pick(incidents)?.incident.id;
    expect(expected).toBe('a');
    for (const order of [
      [...incidents].reverse(),
      [incidents[3], incidents[1], incidents[0], incidents[4], incidents[2]],
    ]) {
      expect(pick(order as Incident[])?.incident.id).toBe(expected);
    }
    const { build } = fakeQuizBuilder(['a', 'b', 'c']);
    expect(pick(incidents, { buildQuiz: build })?.incident.id).toBe('x');
  });

  it('offers only a shortlist to the quiz builder, however many incidents qualify', () => {
    const many = Array.from({ length: 5_000 }, (_, i) => recent(`filing-${i}`, { individualsAffected: i }));
    const cards = Array.from({ length: 100 }, (_, i) => card(`card-${i}`, '2020-01-01'));
    const quizless = fakeQuizBuilder([...many, ...cards].map((incident) => incident.id));
    expect(pick([...many, ...cards], { buildQuiz: quizless.build })).toBeUndefined();
    expect(quizless.offered).toHaveLength(2 * QUIZ_TRIES_MAX);
    expect(quizless.offered[0]).toBe('filing-4999');
  });

  it('explains an incident picked already, as the pick would have', () => {
    const incident = recent('vendor', { organization: 'Welltok Inc', dataTypes: ['ssn'] });
    expect(
      explainTrainingChoice(incident, {
        incidents: [incident],
        today: TODAY,
        watchlist: ['Welltok'],
        asked: { ssn: 1 },
      }),
    ).toEqual({
      basis: 'recent',
      newsDay: '2026-11-20',
      watchedVendors: ['Welltok'],
      askedDataTypes: ['ssn'],
    });
    expect(
      explainTrainingChoice(card('old', '2015-01-01'), { incidents: [], today: TODAY, watchlist: [], asked: {} }),
    ).toMatchObject({
      basis: 'notable',
    });
  });

  it('with the real quiz builder and the shipped cards, picks a card whose quiz is valid', async () => {
    const dataDir = await shippedDataCopy();
    const { dataset } = await answerContextFor(dataDir).finally(() => rm(dataDir, { recursive: true, force: true }));
    const choice = pickTrainingIncident({
      incidents: dataset.incidents,
      guidance: dataset.guidance,
      today: TODAY,
      watchlist: [],
      asked: {},
      pickedRecently: [],
    });
    // The shipped cards are all older than 90 days before TODAY: the pick falls back on the newest card with a quiz.
    expect(choice?.reason.basis).toBe('notable');
    expect(choice?.incident.origin).toBe('curated');
    expect(quizSchema.safeParse(choice?.quiz).success).toBe(true);
    expect(choice?.quiz.incidentId).toBe(choice?.incident.id);
    expect(buildQuiz(choice?.incident as Incident, dataset).kind).toBe('quiz');
  });
});
