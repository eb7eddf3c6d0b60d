import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/dataset/load-dataset.js';
import { loadDataset } from '../../src/dataset/load-dataset.js';
import { checklistsFor } from '../../src/guidance/steps-for.js';
import { dataTypeLabel } from '../../src/incidents/data-types.js';
import { BREACH_TYPE_LABELS, LOCATION_LABELS } from '../../src/incidents/labels.js';
import type { Incident } from '../../src/incidents/model.js';
import { buildQuiz } from '../../src/training/build-quiz.js';
import { QUESTION_TOPICS, type QuizBuild, type QuizQuestion, quizSchema } from '../../src/training/quiz.js';
import { shippedDataCopy } from '../support/repo-dataset.js';

/**
 * Properties of the quizzes built from the shipped data: every curated card and every imported record
 * the repository ships. Each question is checked against the record's own fields, worked out here
 * independently of the builder.
 */

let dataDir: string;
let dataset: Dataset;
let built: { incident: Incident; build: QuizBuild }[];

beforeAll(async () => {
  dataDir = await shippedDataCopy();
  const loaded = await loadDataset(dataDir, { trustShipped: true });
  if (!loaded.dataset) throw new Error('the shipped data did not load');
  dataset = loaded.dataset;
  built = dataset.incidents.map((incident) => ({ incident, build: buildQuiz(incident, dataset) }));
});

afterAll(() => rm(dataDir, { recursive: true, force: true }));

const right = (q: QuizQuestion) => q.choices[q.answer] as string;
const wrong = (q: QuizQuestion) => q.choices.filter((_, index) => index !== q.answer);
const quizzes = () =>
  built.flatMap(({ incident, build }) => (build.kind === 'quiz' ? [{ incident, quiz: build.quiz }] : []));

const knownTypes = (incident: Incident) =>
  incident.breachTypes.filter((type) => type !== 'unknown' && type !== 'other').map((type) => BREACH_TYPE_LABELS[type]);
const knownLocations = (incident: Incident) =>
  incident.locations.filter((location) => location !== 'other').map((location) => LOCATION_LABELS[location]);
const statedCount = (incident: Incident) =>
  incident.individualsAffected || incident.residentsAffected?.count || undefined;

/** The first and the last day a date as precise as the source may be, in days since 1970. */
function dayRange(date: string): [number, number] {
  const [year = 0, month, day] = date.split('-').map(Number);
  const first = Date.UTC(year, (month ?? 1) - 1, day ?? 1);
  const last = day ? first : month ? Date.UTC(year, month, 0) : Date.UTC(year, 11, 31);
  return [first / 86_400_000, last / 86_400_000];
}

/** The start a delay is counted from, as the prompt names it. */
function delayStart(incident: Incident, prompt: string): string | undefined {
  if (/when it was discovered/.test(prompt)) return incident.discovered;
  if (/when the intrusion ended/.test(prompt)) return incident.occurred?.end;
  return /when it began/.test(prompt) ? incident.occurred?.start : undefined;
}

/** "1 to 3 months (30 to 89 days)" -> [30, 89]. */
function delayBounds(label: string): [number, number] {
  const under = /under (\d+) days/.exec(label);
  if (under) return [0, Number(under[1]) - 1];
  const more = /(\d+) days or more/.exec(label);
  if (more) return [Number(more[1]), Number.POSITIVE_INFINITY];
  const [, low, high] = /(\d+) to (\d+) days/.exec(label) ?? [];
  return [Number(low), Number(high)];
}

function countBounds(label: string): [number, number] {
  const numbers = [...label.matchAll(/[\d,]+/g)].map((match) => Number(match[0].replace(/,/g, '')));
  if (label.startsWith('Fewer than')) return [0, (numbers[0] as number) - 1];
  if (label.endsWith('or more')) return [numbers[0] as number, Number.POSITIVE_INFINITY];
  return [numbers[0] as number, numbers[1] as number];
}

const within = (value: number, [low, high]: [number, number]) => value >= low && value <= high;

const allSteps = () => dataset.guidance.checklists.flatMap((checklist) => checklist.steps);

/** What is wrong with one question, judged from the record's fields; empty when nothing is. */
function problemsOf(incident: Incident, q: QuizQuestion): string[] {
  const problems: string[] = [];
  const fail = (message: string) => problems.push(`${incident.id} [${q.topic}] ${message}`);
  const steps = allSteps();
  const applying = checklistsFor(dataset.guidance, incident.dataTypes).flatMap((checklist) => checklist.steps);
  switch (q.topic) {
    case 'data-exposed': {
      const listed = incident.dataTypes.map(dataTypeLabel);
      if (!listed.includes(right(q))) fail(`${right(q)} is not listed`);
      for (const choice of wrong(q)) if (listed.includes(choice)) fail(`wrong answer ${choice} is listed`);
      break;
    }
    case 'how-it-happened': {
      const listed = /Where was the data/.test(q.prompt) ? knownLocations(incident) : knownTypes(incident);
      if (!listed.includes(right(q))) fail(`${right(q)} is not listed`);
      for (const choice of wrong(q)) if (listed.includes(choice)) fail(`wrong answer ${choice} is listed`);
      break;
    }
    case 'notification-delay': {
      const start = delayStart(incident, q.prompt);
      if (incident.origin === 'hibp' || !start || !incident.disclosed) {
        fail('asks a delay the record does not date');
        break;
      }
      const [startFirst, startLast] = dayRange(start);
      const [disclosedFirst, disclosedLast] = dayRange(incident.disclosed);
      const bounds = delayBounds(right(q));
      const shortest = Math.max(0, disclosedFirst - startLast);
      if (!within(shortest, bounds) || !within(disclosedLast - startFirst, bounds)) {
        fail(`${start} to ${incident.disclosed} is not always ${right(q)}`);
      }
      break;
    }
    case 'protective-step': {
      const step = applying.find((each) => each.text.startsWith(right(q)));
      if (!step) fail(`"${right(q)}" is on no checklist for what the record lists`);
      else if (step.source.url !== q.source.url) fail('cites another source than its step');
      for (const choice of wrong(q)) {
        if (applying.some((each) => each.text.startsWith(choice))) fail(`wrong answer "${choice}" applies`);
        if (!steps.some((each) => each.text.startsWith(choice))) fail(`wrong answer "${choice}" is no step`);
      }
      break;
    }
    case 'staff-action': {
      const step = applying.find((each) => each.text.includes(right(q)));
      if (!step) fail(`"${right(q)}" is in no step for what the record lists`);
      else if (step.source.url !== q.source.url) fail('cites another source than its step');
      for (const choice of wrong(q))
        if (steps.some((each) => each.text.includes(choice))) fail(`"${choice}" is advice`);
      break;
    }
    case 'people-affected': {
      const count = statedCount(incident);
      if (count === undefined) fail('asks a count the record does not state');
      else if (!within(count, countBounds(right(q)))) fail(`${count} is not ${right(q)}`);
      else for (const choice of wrong(q)) if (within(count, countBounds(choice))) fail(`${count} is also ${choice}`);
      break;
    }
    case 'hand-written':
      if (incident.origin !== 'curated' || !incident.quiz?.some((each) => each.question === q.prompt)) {
        fail('is not a question the card carries');
      }
      break;
  }
  const cited = new Set([
    ...incident.sources.map((source) => source.url),
    ...(incident.filings ?? []).flatMap((filing) => (filing.url ? [filing.url] : [])),
    ...steps.map((step) => step.source.url),
    ...(incident.origin === 'curated'
      ? (incident.quiz ?? []).flatMap((each) => (each.source ? [each.source.url] : []))
      : []),
  ]);
  if (!cited.has(q.source.url)) fail(`cites ${q.source.url}, which the data does not`);
  return problems;
}

/** The most questions a record's stated facts allow, counted without the builder. */
function mostQuestions(incident: Incident): number {
  const dated = incident.disclosed && (incident.discovered || incident.occurred) && incident.origin !== 'hibp';
  const own = incident.origin === 'curated' ? (incident.quiz?.length ?? 0) : 0;
  return (
    own +
    (incident.dataTypes.length > 0 ? 3 : 0) +
    (knownTypes(incident).length > 0 ? 1 : 0) +
    (knownLocations(incident).length > 0 ? 1 : 0) +
    (dated ? 1 : 0) +
    (statedCount(incident) !== undefined ? 1 : 0)
  );
}

describe('quizzes on the shipped data', () => {
  it('validate, every one', () => {
    const invalid = quizzes().filter(({ quiz }) => !quizSchema.safeParse(quiz).success);
    expect(invalid.map(({ incident }) => incident.id)).toEqual([]);
  });

  it('ask only what the record states, with right answers it states and wrong answers it does not', () => {
    const asked = quizzes().flatMap(({ incident, quiz }) => quiz.questions.map((q) => ({ incident, q })));
    expect(new Set(asked.map(({ q }) => q.topic))).toEqual(new Set(QUESTION_TOPICS));
    const problems = asked.flatMap(({ incident, q }) => problemsOf(incident, q));
    expect(problems.slice(0, 20)).toEqual([]);
  });

  it('say too few facts where the record states too little, and never ask more than it allows', () => {
    const sparse = built.filter(({ incident }) => mostQuestions(incident) < 3);
    expect(sparse.length).toBeGreaterThan(0);
    expect(sparse.filter(({ build }) => build.kind === 'quiz').map(({ incident }) => incident.id)).toEqual([]);
    const overasked = built.filter(({ incident, build }) => {
      const asked = build.kind === 'quiz' ? build.quiz.questions.length : build.questions;
      return asked > mostQuestions(incident) || (build.kind === 'too-few-facts' && build.questions >= 3);
    });
    expect(overasked.map(({ incident }) => incident.id)).toEqual([]);
  });

  it('never ask a health-data question that rests on the HHS assumption alone', () => {
    const assumed = quizzes().filter(
      ({ incident, quiz }) =>
        incident.dataTypes.length === 0 &&
        quiz.questions.some((q) => ['data-exposed', 'protective-step', 'staff-action'].includes(q.topic)),
    );
    expect(assumed.map(({ incident }) => incident.id)).toEqual([]);
  });

  it('are the same each time, and vary where the right answer sits', () => {
    const again = { incidents: [...dataset.incidents], guidance: dataset.guidance };
    const sample = built.filter((_, index) => index % 50 === 0);
    for (const { incident, build } of sample) expect(buildQuiz(incident, again)).toEqual(build);
    const samePlace = quizzes().filter(({ quiz }) => new Set(quiz.questions.map((q) => q.answer)).size === 1);
    expect(samePlace.map(({ incident }) => incident.id)).toEqual([]);
  });

  it('cover every curated card and most imported records', () => {
    const curated = built.filter(({ incident }) => incident.origin === 'curated');
    const imported = built.filter(({ incident }) => incident.origin !== 'curated');
    expect(curated.filter(({ build }) => build.kind !== 'quiz').map(({ incident }) => incident.id)).toEqual([]);
    const share = imported.filter(({ build }) => build.kind === 'quiz').length / imported.length;
    expect(share).toBeGreaterThan(0.9);
  });
});
