import { createWatchlistMatcher } from '../digest/watchlist-match.js';
import type { Guidance } from '../guidance/model.js';
import type { DataType } from '../incidents/data-types.js';
import { padDate } from '../incidents/merge.js';
import type { Incident } from '../incidents/model.js';
import { newestFirst } from '../incidents/order.js';
import { buildQuiz, type QuizContext } from './build-quiz.js';
import type { Quiz, QuizBuild } from './quiz.js';

/** An incident is recent when it was news (see `newsDay`) at most this many days before the post. */
export const TRAINING_RECENT_DAYS = 90;
/** An incident picked for a training post is not picked again for this many days. */
export const TRAINING_REPEAT_DAYS = 365;
/**
 * How many incidents of each kind (recent, then notable) are offered to the quiz builder at most:
 * building a quiz reads other incidents for its wrong answers, so it runs on a shortlist only, and
 * the pick's cost stays bounded however many incidents the data holds.
 */
export const QUIZ_TRIES_MAX = 20;

export type QuizBuilder = (incident: Incident, context: QuizContext) => QuizBuild;

export interface TrainingPickInput {
  incidents: readonly Incident[];
  guidance: Guidance;
  /** The day of the post (`YYYY-MM-DD`, in the schedule's time zone): what "recent" counts back from. */
  today: string;
  /** The company's watched vendors. */
  watchlist: readonly string[];
  /** How often each kind of data was asked about lately (`store.askedDataTypes`). */
  asked: Partial<Record<DataType, number>>;
  /** Incidents picked within the last `TRAINING_REPEAT_DAYS`: never picked again so soon. */
  pickedRecently: Iterable<string>;
  /** The real builder unless a test gives another. */
  buildQuiz?: QuizBuilder;
}

/** Why an incident was chosen, for "Chosen because …". */
export interface TrainingReason {
  /** `recent`: news within `TRAINING_RECENT_DAYS`; `notable`: a curated card, when no recent one would do. */
  basis: 'recent' | 'notable';
  /** The day it was news, for a recent one. */
  newsDay?: string;
  /** Watched vendors it names, as the watchlist spells them. */
  watchedVendors: string[];
  /** Its kinds of data people asked about, most asked first. */
  askedDataTypes: DataType[];
}

export interface TrainingChoice {
  incident: Incident;
  quiz: Quiz;
  reason: TrainingReason;
}

const WATCHED_SCORE = 1000;
const ASKED_SCORE = 200;
const RECENCY_SCORE = 60;
const SIZE_SCORE_PER_DIGIT = 6;
/** A curated card brings lessons and a discussion question for the post, which a bare filing lacks. */
const LESSONS_SCORE = 30;

/**
 * The incident of a week's training post, or undefined when none qualifies (nothing is posted that
 * week). A recent incident the quiz builder can ask about, preferring, in this order of weight, one
 * at a watched vendor, one whose kinds of data people asked about, then the newer and the larger;
 * without one, a curated card, newest first. Never an incident picked within the last year. The same
 * input always gives the same choice, so that previews and status agree with the post.
 */
export function pickTrainingIncident(input: TrainingPickInput): TrainingChoice | undefined {
  const picked = new Set(input.pickedRecently);
  const explain = reasonExplainer(input);
  const build = quizBuilder(input);

  const totalAsked = Object.values(input.asked).reduce((sum, count) => sum + (count ?? 0), 0);
  const recent: { incident: Incident; score: number; reason: TrainingReason }[] = [];
  for (const incident of input.incidents) {
    if (picked.has(incident.id)) continue;
    const day = newsDay(incident);
    if (day === undefined) continue;
    const age = daysBetween(day, input.today);
    if (age < 0 || age > TRAINING_RECENT_DAYS) continue;
    const reason = explain(incident, { basis: 'recent', newsDay: day });
    recent.push({ incident, reason, score: score(incident, reason, age, input.asked, totalAsked) });
  }
  recent.sort((a, b) => b.score - a.score || tieBreak(a.incident, b.incident));
  for (const candidate of recent.slice(0, QUIZ_TRIES_MAX)) {
    const quiz = build(candidate.incident);
    if (quiz) return { incident: candidate.incident, quiz, reason: candidate.reason };
  }

  const notable = input.incidents
    .filter((incident) => incident.origin === 'curated' && !picked.has(incident.id))
    .sort(tieBreak)
    .slice(0, QUIZ_TRIES_MAX);
  for (const incident of notable) {
    const quiz = build(incident);
    if (quiz) return { incident, quiz, reason: explain(incident, { basis: 'notable' }) };
  }
  return undefined;
}

/**
 * Why `incident` would be chosen: for a period whose pick was made already (by another instance, or
 * before a reload), so that the post still says why.
 */
export function explainTrainingChoice(
  incident: Incident,
  input: Pick<TrainingPickInput, 'incidents' | 'today' | 'watchlist' | 'asked'>,
): TrainingReason {
  const day = newsDay(incident);
  const age = day === undefined ? undefined : daysBetween(day, input.today);
  const recent = age !== undefined && age >= 0 && age <= TRAINING_RECENT_DAYS;
  return reasonExplainer(input)(incident, recent ? { basis: 'recent', newsDay: day } : { basis: 'notable' });
}

/** The quiz of one incident, or undefined when its record states too few facts. */
export function quizBuilder(
  input: Pick<TrainingPickInput, 'incidents' | 'guidance' | 'buildQuiz'>,
): (incident: Incident) => Quiz | undefined {
  const build = input.buildQuiz ?? buildQuiz;
  const context: QuizContext = { incidents: input.incidents, guidance: input.guidance };
  return (incident) => {
    const result = build(incident, context);
    return result.kind === 'quiz' ? result.quiz : undefined;
  };
}

function reasonExplainer(input: Pick<TrainingPickInput, 'incidents' | 'watchlist' | 'asked'>) {
  // Reading the watchlist scans every incident's name once: skipped when nothing is watched.
  const match = input.watchlist.length > 0 ? createWatchlistMatcher(input.watchlist, input.incidents) : undefined;
  return (incident: Incident, basis: Pick<TrainingReason, 'basis' | 'newsDay'>): TrainingReason => ({
    ...basis,
    watchedVendors: match ? match(incident).map((vendor) => vendor.vendor) : [],
    askedDataTypes: [...new Set(incident.dataTypes)]
      .filter((type) => (input.asked[type] ?? 0) > 0)
      .sort((a, b) => (input.asked[b] ?? 0) - (input.asked[a] ?? 0) || a.localeCompare(b)),
  });
}

function score(
  incident: Incident,
  reason: TrainingReason,
  age: number,
  asked: Partial<Record<DataType, number>>,
  totalAsked: number,
): number {
  const askedHere = reason.askedDataTypes.reduce((sum, type) => sum + (asked[type] ?? 0), 0);
  return (
    (reason.watchedVendors.length > 0 ? WATCHED_SCORE + reason.watchedVendors.length : 0) +
    (totalAsked > 0 ? (ASKED_SCORE * askedHere) / totalAsked : 0) +
    RECENCY_SCORE * (1 - age / TRAINING_RECENT_DAYS) +
    SIZE_SCORE_PER_DIGIT * Math.log10(1 + (incident.individualsAffected ?? 0)) +
    (incident.lessons.length > 0 ? LESSONS_SCORE : 0)
  );
}

/** Newest first, then the larger, then by id: a total order, so equal scores still give one answer. */
function tieBreak(a: Incident, b: Incident): number {
  return newestFirst(a, b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The day an incident was news: the day breachbot first saw its filing when that came soon after the
 * disclosure (HHS posts filings weeks late), otherwise its disclosure. A filing first seen long after
 * its disclosure is history filled in (an archive, a first sync), as the digest counts it.
 */
function newsDay(incident: Incident): string | undefined {
  const disclosed = incident.disclosed === undefined ? undefined : padDate(incident.disclosed);
  const firstSeen = incident.origin === 'curated' ? undefined : incident.firstSeen;
  if (
    firstSeen !== undefined &&
    (disclosed === undefined || daysBetween(disclosed, firstSeen) <= TRAINING_RECENT_DAYS)
  ) {
    return disclosed !== undefined && disclosed > firstSeen ? disclosed : firstSeen;
  }
  return disclosed;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
