import type { Dataset } from '../dataset/load-dataset.js';
import { hasFilters } from '../search/query-parser.js';
import type { SearchIndex } from '../search/types.js';
import { listQuestionAnswer, utcToday } from './list-question.js';
import { namesRecord, organizationAsWritten, queryNames } from './named-organization.js';
import { stepsForDataTypes, stepsForIncident } from './protective-steps.js';
import { directAnswer } from './question-intent.js';
import { computeStats, latestIncidents } from './stats.js';
import { dataTypesNamedIn, stepsQuestionDataTypes } from './steps-intent.js';
import type { Answer } from './types.js';

/** Longer input is refused at once rather than searched: nobody types 500 characters of a name. */
export const MAX_QUERY_LENGTH = 500;
/** Below this relevance the best hit is a guess, and "no match" with suggestions serves better. */
export const MIN_MATCH_SCORE = 0.25;
/** Hits this close to the best are shown as alternatives: the search cannot tell them apart. */
export const ALTERNATIVE_MARGIN = 0.12;
const MAX_ALTERNATIVES = 4;
/**
 * Hits read to find one the query names: a record whose names have the words asked about may rank
 * below records that only share a rare one ("delta airlines": Delta Dental ranks high).
 */
const HITS_CONSIDERED = 10;

export interface AnswerContext {
  dataset: Dataset;
  index: SearchIndex;
  /**
   * Today (`YYYY-MM-DD`) in the bot's time zone, for "this year" and "last year"; the UTC day by
   * default. Passed in, so that the answer stays a function of its inputs.
   */
  today?: () => string;
}

/** What `/breach <text>` answers. Pure: the same text, data and day always give the same answer. */
export function answerQuery(text: string, { dataset, index, today = utcToday }: AnswerContext): Answer {
  const query = text.trim();
  if (!query) return { kind: 'usage' };
  if (query.length > MAX_QUERY_LENGTH) {
    return { kind: 'usage', problem: `That is ${query.length} characters; ask in at most ${MAX_QUERY_LENGTH}.` };
  }
  const [first = '', ...rest] = query.split(/\s+/);
  const argument = rest.join(' ');
  switch (first.toLowerCase()) {
    case 'help':
      return { kind: 'usage' };
    case 'steps':
      return answerSteps(query, argument, dataset);
    case 'latest':
      // "latest breaches at pharmacies" is a list question; "latest 5" the newest five.
      if (argument && !/^\d+$/.test(argument)) {
        const list = listQuestionAnswer(query, dataset.incidents, today());
        if (list) return list;
      }
      return answerLatest(argument, dataset);
    case 'stats':
      return answerStats(argument, dataset);
  }
  const askedTypes = stepsQuestionDataTypes(query);
  if (askedTypes) {
    // "I got a letter from BSI Financial Services, what should I do?" asks about BSI's breach, whose
    // card has the steps: only a question naming no organisation is about a kind of data.
    if (namesAnIncident(query, index)) return answerSearch(query, index, dataset);
    return { kind: 'steps', query, steps: stepsForDataTypes(dataset.guidance, askedTypes) };
  }
  const list = listQuestionAnswer(query, dataset.incidents, today());
  if (list) return list;
  return answerSearch(query, index, dataset);
}

function answerSteps(query: string, argument: string, dataset: Dataset): Answer {
  const types = dataTypesNamedIn(argument);
  if (types.length === 0) {
    return {
      kind: 'usage',
      problem: argument
        ? `I don't know which kind of data "${argument}" is. Try \`steps ssn\`, \`steps medical\` or \`steps password\`.`
        : 'Say which kind of data, e.g. `steps ssn`, `steps medical`, `steps credit card`.',
    };
  }
  return { kind: 'steps', query, steps: stepsForDataTypes(dataset.guidance, types) };
}

function answerLatest(argument: string, dataset: Dataset): Answer {
  const count = argument ? Number(argument) : 10;
  if (!Number.isInteger(count) || count < 1 || count > 20) {
    return { kind: 'usage', problem: '`latest` takes an optional count from 1 to 20, e.g. `latest 5`.' };
  }
  return { kind: 'latest', incidents: latestIncidents(dataset.incidents, count) };
}

function answerStats(argument: string, dataset: Dataset): Answer {
  if (argument && !/^\d{4}$/.test(argument)) {
    return { kind: 'usage', problem: '`stats` takes an optional year, e.g. `stats 2023`.' };
  }
  return { kind: 'stats', stats: computeStats(dataset.incidents, argument ? Number(argument) : undefined) };
}

/** Whether the query names an organisation (not only a kind of one) that a record is about. */
function namesAnIncident(query: string, index: SearchIndex): boolean {
  const result = index.search(query, { limit: HITS_CONSIDERED });
  const names = queryNames(result);
  const distinctive = names.classes.includes('distinctive');
  return distinctive && result.hits.some((hit) => hit.score >= MIN_MATCH_SCORE && namesRecord(names, hit));
}

function answerSearch(query: string, index: SearchIndex, dataset: Dataset): Answer {
  const result = index.search(query, { limit: HITS_CONSIDERED });
  const problems = result.query.invalidFilters;
  if (result.query.terms.length === 0 && hasFilters(result.query.filters)) {
    return result.hits.length > 0 && problems.length === 0
      ? { kind: 'list', query, hits: result.hits.slice(0, MAX_ALTERNATIVES + 1) }
      : { kind: 'no-match', query, suggestions: [], problems };
  }
  const names = queryNames(result);
  if (names.nothingToName) return { kind: 'no-match', query, suggestions: [], problems };
  // Only hits the query names: a guess at another organisation is worse than saying there is none.
  const [best, ...others] = result.hits.filter((hit) => namesRecord(names, hit));
  if (!best || best.score < MIN_MATCH_SCORE || problems.length > 0) {
    const organization = names.identity.length > 0 ? organizationAsWritten(result.query.raw, names) : undefined;
    if (problems.length === 0 && organization) {
      return { kind: 'no-record', query, organization, suggestions: index.suggest(query) };
    }
    return { kind: 'no-match', query, suggestions: index.suggest(query), problems };
  }
  const alternatives = others.filter((hit) => best.score - hit.score <= ALTERNATIVE_MARGIN).slice(0, MAX_ALTERNATIVES);
  return {
    kind: 'incident',
    query,
    match: best,
    alternatives,
    steps: stepsForIncident(dataset.guidance, best.incident),
    direct: directAnswer(query, best.incident, {
      alternatives: alternatives.map((hit) => hit.incident),
      guidance: dataset.guidance,
    }),
  };
}
