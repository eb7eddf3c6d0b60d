import { formatCount, formatDate } from '../answer/fact-wording.js';
import type { Filing, Incident, Source } from '../incidents/model.js';
import { stateName } from '../incidents/us-states.js';
import type { ScaleDraft } from './question-draft.js';
import { capitalise, filerName, listName, possessive, recordSource } from './record-wording.js';
import { type Random, randomIndex } from './seeded-random.js';

/** Orders of magnitude, each ending (exclusive) where the next begins. */
export const COUNT_BUCKETS = [1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, Number.POSITIVE_INFINITY];
const WINDOW = 4;

export function countBucket(count: number): number {
  return COUNT_BUCKETS.findIndex((end) => count < end);
}

function bucketLabel(index: number): string {
  const end = COUNT_BUCKETS[index] as number;
  const start = index === 0 ? 0 : (COUNT_BUCKETS[index - 1] as number);
  if (index === 0) return `Fewer than ${formatCount(end)}`;
  if (end === Number.POSITIVE_INFINITY) return `${formatCount(start)} or more`;
  return `${formatCount(start)} to ${formatCount(end - 1)}`;
}

interface Figure {
  count: number;
  /** What is counted: "people", "accounts", "Washington residents". */
  unit: string;
  /** Who counted it, as the subject of "According to ___". */
  counter: string;
  /** The date of the list the figure was read from, when it has one. */
  asOf?: string;
  source: Source;
}

function figureFrom(incident: Incident, filing: Filing | undefined, count: number, unit: string): Figure | undefined {
  const source = filing?.url ? { title: filing.source, url: filing.url } : recordSource(incident);
  if (!source) return undefined;
  const counter = filing ? filerName(filing) : listName(incident);
  const asOf = filing ? filing.asOf : incident.origin === 'curated' ? undefined : incident.updated;
  return { count, unit, counter, asOf, source };
}

/**
 * The figure a question asks about: the record's total, credited to the filing that gives it; else the
 * residents one state counted, said to be that state's only. Have I Been Pwned counts accounts, not
 * people. A zero is left out: a list that counted nobody more likely did not count.
 */
function figureOf(incident: Incident): Figure | undefined {
  const total = incident.individualsAffected;
  if (total !== undefined && total > 0) {
    const filing = incident.filings?.find((each) => each.individualsAffected === total && each.url);
    const unit = (filing?.origin ?? incident.origin) === 'hibp' ? 'accounts' : 'people';
    return figureFrom(incident, filing, total, unit);
  }
  const residents = incident.residentsAffected;
  if (residents && residents.count > 0) {
    const filing = incident.filings?.find((each) => each.residentsAffected?.state === residents.state && each.url);
    return figureFrom(incident, filing, residents.count, `${stateName(residents.state)} residents`);
  }
  return undefined;
}

/**
 * "About how many people were affected?": four neighbouring orders of magnitude, the right one among
 * them at a place drawn from the incident, so the answer is not always the same button.
 */
export function peopleAffectedQuestion(incident: Incident, random: Random): ScaleDraft | undefined {
  const figure = figureOf(incident);
  if (!figure) return undefined;
  const bucket = countBucket(figure.count);
  const first = Math.max(0, bucket - WINDOW + 1);
  const last = Math.min(bucket, COUNT_BUCKETS.length - WINDOW);
  const start = first + randomIndex(random, last - first + 1);
  const window = Array.from({ length: WINDOW }, (_, offset) => start + offset);
  const when = figure.asOf ? ` (list of ${formatDate(figure.asOf)})` : '';
  return {
    kind: 'scale',
    topic: 'people-affected',
    prompt: `According to ${figure.counter}, how many ${figure.unit} were affected by ${possessive(incident.organization)} breach?`,
    choices: window.map(bucketLabel),
    answer: bucket - start,
    explanation: `${capitalise(figure.counter)} counts ${formatCount(figure.count)} ${figure.unit} affected by ${possessive(incident.organization)} breach${when}.`,
    source: figure.source,
  };
}
