import { describeDelay, onDate } from '../answer/fact-wording.js';
import { type DisclosureDelay, disclosureDelay } from '../answer/incident-timeline.js';
import { padDate } from '../incidents/merge.js';
import type { Incident, Source } from '../incidents/model.js';
import type { ScaleDraft } from './question-draft.js';
import { possessive, recordSource } from './record-wording.js';

const DAY_MS = 86_400_000;

/** The delays a question tells apart, in days, with where each ends (exclusive). */
export const DELAY_BUCKETS = [
  { label: 'Less than a month (under 30 days)', below: 30 },
  { label: '1 to 3 months (30 to 89 days)', below: 90 },
  { label: '3 to 6 months (90 to 179 days)', below: 180 },
  { label: 'More than 6 months (180 days or more)', below: Number.POSITIVE_INFINITY },
] as const;

export function delayBucket(days: number): number {
  return DELAY_BUCKETS.findIndex((bucket) => days < bucket.below);
}

/** The last day a date as precise as the source may stand for: `2023-02` -> `2023-02-28`. */
function lastDay(date: string): number {
  if (date.length === 10) return Date.parse(date);
  const [year = 0, month] = date.split('-').map(Number);
  // Day 0 of the next month is the last day of this one; of the next year, 31 December.
  return month === undefined ? Date.UTC(year, 12, 0) : Date.UTC(year, month, 0);
}

/**
 * The shortest and longest delay the dates allow: `2023-03` to `2023-05-02` is anything from 32 to
 * 62 days. A month-only date never becomes a guessed day.
 */
export function delayRange(start: string, disclosed: string): { min: number; max: number } {
  const min = Math.round((Date.parse(padDate(disclosed)) - lastDay(start)) / DAY_MS);
  const max = Math.round((lastDay(disclosed) - Date.parse(padDate(start))) / DAY_MS);
  return { min: Math.max(0, min), max };
}

const COUNTED_FROM: Record<DisclosureDelay['from'], string> = {
  discovered: 'when it was discovered',
  ended: 'when the intrusion ended',
  started: 'when it began',
};

const START_EVENT: Record<DisclosureDelay['from'], string> = {
  discovered: 'its discovery',
  ended: 'the end of the intrusion',
  started: 'its start',
};

function startOf(incident: Incident, from: DisclosureDelay['from']): string | undefined {
  if (from === 'discovered') return incident.discovered;
  return from === 'ended' ? incident.occurred?.end : incident.occurred?.start;
}

/**
 * The HHS OCR list gives no breach dates: where a record has them, another of its sources gave them
 * (a state's filing, a card's article), so that one is cited, and the HHS page only when there is no other.
 */
function datesSource(incident: Incident): Source | undefined {
  const hhsPages = new Set(
    (incident.filings ?? []).flatMap((filing) => (filing.origin === 'hhs-ocr' && filing.url ? [filing.url] : [])),
  );
  const own = recordSource(incident);
  if (incident.origin === 'hhs-ocr' && own) hhsPages.add(own.url);
  return incident.sources.find((source) => !hhsPages.has(source.url)) ?? own;
}

/**
 * "How long did it take to disclose?", answered only where the dates put the delay in one bucket
 * whatever day a month-only date stands for. Not for Have I Been Pwned, whose date is when it added
 * the breach to its list, not when anyone was told.
 */
export function delayQuestion(incident: Incident): ScaleDraft | undefined {
  if (incident.origin === 'hibp' || !incident.disclosed) return undefined;
  const delay = disclosureDelay(incident);
  const start = delay && startOf(incident, delay.from);
  const worded = describeDelay(incident);
  const source = datesSource(incident);
  if (!delay || !start || !worded || !source) return undefined;
  const range = delayRange(start, incident.disclosed);
  const answer = delayBucket(range.min);
  if (answer !== delayBucket(range.max)) return undefined;
  return {
    kind: 'scale',
    topic: 'notification-delay',
    prompt: `How long did ${incident.organization} take to disclose its breach, in a public notice or a filing with a regulator, counted from ${COUNTED_FROM[delay.from]}?`,
    choices: DELAY_BUCKETS.map((bucket) => bucket.label),
    answer,
    explanation: `The record dates ${START_EVENT[delay.from]} ${onDate(start)} and ${possessive(incident.organization)} first disclosure ${onDate(incident.disclosed)}: ${worded}.`,
    source,
  };
}
