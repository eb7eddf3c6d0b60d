import type { Dataset } from '../dataset/load-dataset.js';
import type { Incident } from '../incidents/model.js';
import { buildSearchIndex } from '../search/search-index.js';
import type { SearchHit, SearchIndex } from '../search/types.js';
import { type AnswerContext, answerQuery } from './answer-query.js';
import { utcToday } from './list-question.js';
import { LruCache } from './lru-cache.js';
import { stepsForIncident } from './protective-steps.js';
import { directAnswer } from './question-intent.js';
import type { Answer, ProtectiveSteps } from './types.js';

/**
 * The one owner of the data and its search, for the Slack listeners and the CLI: listeners never
 * touch files or indexes, they ask this.
 */
export interface BreachService {
  readonly dataset: Dataset;
  readonly index: SearchIndex;
  answer(text: string): Answer;
  incident(id: string): Incident | undefined;
  /** The card for one incident, as if it had been the best match. */
  incidentAnswer(id: string): Answer | undefined;
  stepsFor(incident: Incident): ProtectiveSteps;
  search(text: string, limit: number): SearchHit[];
}

/**
 * Answers kept for repeated questions. Answers are pure and a service's data never changes (a newer
 * list replaces the whole service, see createLiveBreachService), so a cached answer is exactly the
 * one a new search would give; when a breach is in the news,
 * most questions are the same few names, and `stats` totals every record.
 */
export const ANSWER_CACHE_SIZE = 1_000;

/** The words that make a question a command: `latest.` is a search, `latest` a command. */
const COMMANDS = new Set(['help', 'steps', 'latest', 'stats']);
/** Two capitals may be a state code ("hospitals in CA"), so their case is kept (list-question.ts reads them so). */
const CAPITALS = /^[A-Z]{2}[.,;:!?]?$/;
/** What may surround a question without the search reading it: end punctuation and quotes. */
const AROUND = /^[\s"'“”‘’«»?!.,;:]+|[\s"'“”‘’«»?!.,;:]+$/g;

/**
 * The question as the search reads it: case (but for two capitals), runs of spaces and the punctuation around it make no
 * difference to the answer, only to the words the answer repeats back (see `askedAs`). Twenty ways
 * of typing `latest` are then one search instead of twenty. A command keeps its punctuation: the
 * command words are recognised only when typed bare.
 */
export function questionKey(question: string): string {
  const spaced = question
    .trim()
    .split(/\s+/)
    .map((token) => (CAPITALS.test(token) ? token.slice(0, 2) : token.toLowerCase()))
    .join(' ');
  const stripped = spaced.replace(AROUND, '');
  const first = (text: string) => text.split(' ', 1)[0] ?? '';
  return COMMANDS.has(first(stripped)) || COMMANDS.has(first(spaced)) ? spaced : stripped;
}

/**
 * The answer to `question`, from the cached answer to another way of typing it: the words it repeats
 * back are the person's own. Undefined when that takes a search (a name "as the query wrote it").
 */
function askedAs(answer: Answer, question: string, guidance: Dataset['guidance']): Answer | undefined {
  switch (answer.kind) {
    case 'latest':
    case 'stats':
      return answer;
    case 'usage':
      return answer.problem === undefined ? answer : undefined;
    case 'no-record':
      return undefined;
    case 'incident': {
      const { direct, ...rest } = answer;
      if (!direct) return { ...rest, query: question };
      const alternatives = answer.alternatives.map((hit) => hit.incident);
      return {
        ...rest,
        query: question,
        direct: directAnswer(question, answer.match.incident, { alternatives, guidance }),
      };
    }
    default:
      return { ...answer, query: question };
  }
}

export function createBreachService(
  dataset: Dataset,
  index: SearchIndex = buildSearchIndex(dataset.incidents),
  { today = utcToday }: Pick<AnswerContext, 'today'> = {},
): BreachService {
  // Exact questions under `=`, their search form under `~`: one bound for both.
  const answers = new LruCache<string, Answer>(ANSWER_CACHE_SIZE);
  const byId = new Map(dataset.incidents.map((incident) => [incident.id, incident]));
  const stepsFor = (incident: Incident) => stepsForIncident(dataset.guidance, incident);
  return {
    dataset,
    index,
    answer(text) {
      // "breaches this year" means another year after New Year's Eve: an answer is kept for its day
      // only. Keying every question by the day costs one cache miss per question a day, and no
      // question has to be recognised as relative before it is answered.
      const day = today();
      const question = text.trim();
      const exact = `=${day} ${question}`;
      const cached = answers.get(exact);
      if (cached) return cached;
      const searchKey = `~${day} ${questionKey(question)}`;
      const similar = answers.get(searchKey);
      const reworded = similar && askedAs(similar, question, dataset.guidance);
      if (reworded) return reworded;
      const answer = answerQuery(question, { dataset, index, today: () => day });
      answers.set(exact, answer);
      if (!similar) answers.set(searchKey, answer);
      return answer;
    },
    incident: (id) => byId.get(id),
    incidentAnswer(id) {
      const incident = byId.get(id);
      if (!incident) return undefined;
      return {
        kind: 'incident',
        query: incident.organization,
        match: { incident, score: 1 },
        alternatives: [],
        steps: stepsFor(incident),
      };
    },
    stepsFor,
    search: (text, limit) => index.search(text, { limit }).hits,
  };
}

/** A BreachService whose data can be replaced while the bot runs: a sync brought a newer list. */
export interface LiveBreachService extends BreachService {
  /** From now on, every question is answered from `context`; answers cached from the old data go. */
  replace(context: AnswerContext): void;
}

export function createLiveBreachService(context: AnswerContext): LiveBreachService {
  const { today } = context;
  let current = createBreachService(context.dataset, context.index, { today });
  // Each call reads `current` once, so an answer being built when the data is replaced is built
  // from one dataset, never half of each.
  return {
    get dataset() {
      return current.dataset;
    },
    get index() {
      return current.index;
    },
    answer: (text) => current.answer(text),
    incident: (id) => current.incident(id),
    incidentAnswer: (id) => current.incidentAnswer(id),
    stepsFor: (incident) => current.stepsFor(incident),
    search: (text, limit) => current.search(text, limit),
    replace(next) {
      // A reloaded list comes without the bot's time zone: the day stays the bot's.
      current = createBreachService(next.dataset, next.index, { today: next.today ?? today });
    },
  };
}
