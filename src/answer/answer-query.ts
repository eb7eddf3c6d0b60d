import type { Dataset } from '../dataset/load-dataset.js';
import { hasFilters } from '../search/query-parser.js';
import type { SearchIndex } from '../search/types.js';
import { stepsForDataTypes, stepsForIncident } from './protective-steps.js';
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

export interface AnswerContext {
  dataset: Dataset;
  index: SearchIndex;
}

/** What `/breach <text>` answers. Pure: the same text and data always give the same answer. */
export function answerQuery(text: string, { dataset, index }: AnswerContext): Answer {
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
      return answerLatest(argument, dataset);
    case 'stats':
      return answerStats(argument, dataset);
  }
  const askedTypes = stepsQuestionDataTypes(query);
  if (askedTypes) return { kind: 'steps', query, steps: stepsForDataTypes(dataset.guidance, askedTypes) };
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

function answerSearch(query: string, index: SearchIndex, dataset: Dataset): Answer {
  const result = index.search(query, { limit: MAX_ALTERNATIVES + 1 });
  const problems = result.query.invalidFilters;
  if (result.query.terms.length === 0 && hasFilters(result.query.filters)) {
    return result.hits.length > 0 && problems.length === 0
      ? { kind: 'list', query, hits: result.hits }
      : { kind: 'no-match', query, suggestions: [], problems };
  }
  const [best, ...others] = result.hits;
  if (!best || best.score < MIN_MATCH_SCORE || problems.length > 0) {
    return { kind: 'no-match', query, suggestions: index.suggest(query), problems };
  }
  const alternatives = others.filter((hit) => best.score - hit.score <= ALTERNATIVE_MARGIN);
  return {
    kind: 'incident',
    query,
    match: best,
    alternatives,
    steps: stepsForIncident(dataset.guidance, best.incident),
  };
}
