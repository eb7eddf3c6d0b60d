import { DATA_TYPES, dataTypeForKeyword } from '../incidents/data-types.js';
import { BREACH_TYPES, type BreachType, ENTITY_TYPES, type EntityType } from '../incidents/model.js';
import { UNAMBIGUOUS_LEGAL_FORMS } from '../incidents/organization-name.js';
import { isUsStateCode, US_STATES, type UsStateCode } from '../incidents/us-states.js';
import { words } from './text-normalizer.js';
import type { ParsedQuery, SearchFilters } from './types.js';

/** At most this many words are matched: a pasted essay is answered from its first words, at once. */
export const MAX_QUERY_TERMS = 16;
/** Words read at all, filler included: a pasted essay costs no more than a sentence. */
const MAX_QUERY_WORDS = 64;
const MAX_QUERY_CHARACTERS = 2_000;

/**
 * Words that say how a person asks, not what about. Stripping them before matching took natural
 * questions from about 45% to nearly 100% right when the search was measured (docs/architecture.md,
 * "Search"): "what happened with the X breach" is a question about X.
 */
/** Filler words that are also common name words: kept as soft terms (see ParsedQuery.softTerms). */
const NAME_LIKE_FILLERS = new Set(['it', 'data', 'information', 'info', ...UNAMBIGUOUS_LEGAL_FORMS]);

const FILLER_WORDS = new Set(
  (
    'a an the what whats was were is are be been being did does do done has have had happened happen happening ' +
    'with about at of in on for to from by and or any there their they my me i im we our us you your it its ' +
    'this that these those tell show give find search look lookup info information news details detail ' +
    'breach breaches breached hack hacked hacks hacking hacker hackers attack attacked attacks cyberattack cyber ' +
    'incident incidents leak leaked leaks data compromise compromised exposed exposure stolen ' +
    'safe still know when how many much who whom which why where affected impact impacted ' +
    'please can could should would will if after before get got so ok okay hi hey hello thanks thank ' +
    'bot breachbot someone anyone heard hear say said says report reported reports'
  )
    .split(' ')
    // Legal forms: "HealthEC LLC" is HealthEC.
    .concat([...UNAMBIGUOUS_LEGAL_FORMS]),
);

const BREACH_TYPE_WORDS: Record<string, BreachType> = {
  hacking: 'hacking',
  hack: 'hacking',
  it: 'hacking',
  unauthorized: 'unauthorized-access',
  access: 'unauthorized-access',
  disclosure: 'unauthorized-access',
  theft: 'theft',
  stolen: 'theft',
  loss: 'loss',
  lost: 'loss',
  disposal: 'improper-disposal',
  ransomware: 'ransomware',
  phishing: 'email-compromise',
  email: 'email-compromise',
  misconfiguration: 'misconfiguration',
  other: 'other',
  unknown: 'unknown',
};

const ENTITY_TYPE_WORDS: Record<string, EntityType> = {
  provider: 'healthcare-provider',
  plan: 'health-plan',
  insurer: 'health-plan',
  associate: 'business-associate',
  vendor: 'business-associate',
  ba: 'business-associate',
  clearinghouse: 'clearinghouse',
  other: 'other',
};

const STATE_BY_NAME = new Map(
  Object.entries(US_STATES).map(([code, name]) => [words(name).join(' '), code as UsStateCode]),
);
/** The longest state name in words ("district of columbia", "northern mariana islands"). */
const MAX_STATE_NAME_WORDS = Math.max(...[...STATE_BY_NAME.keys()].map((name) => name.split(' ').length));

/** The state a name in folded words stands for ("new jersey" -> NJ), if it is one. */
export function stateForName(folded: string): UsStateCode | undefined {
  return STATE_BY_NAME.get(folded);
}

/** How many words the longest state name has: a reader of plain words looks that far ahead. */
export function maxStateNameWords(): number {
  return MAX_STATE_NAME_WORDS;
}

function emptyFilters(): SearchFilters {
  return { states: [], years: [], breachTypes: [], dataTypes: [], entityTypes: [] };
}

/** Slack mentions and links (`<@U123>`, `<!channel>`, `<https://x|label>`) are markup, not words to match. */
function stripSlackMarkup(text: string): string {
  return text.replace(/<[@#!][^>\s]*>/g, ' ').replace(/<(https?:[^|>\s]+)\|([^>]*)>/g, ' $2 ');
}

/** A query's `key:value` filters, and the rest of its text as tokens, in order. */
export interface SplitQuery {
  filters: SearchFilters;
  invalidFilters: string[];
  /** The tokens that are not filters, Slack markup removed. */
  free: string[];
}

/** Reads the `key:value` filters out of a query; a state's name may run on (`state:new jersey`). */
export function splitFilters(input: string): SplitQuery {
  const filters = emptyFilters();
  const invalidFilters: string[] = [];
  const free: string[] = [];
  const tokens = stripSlackMarkup(input.trim().slice(0, MAX_QUERY_CHARACTERS)).split(/\s+/);
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index] as string;
    const match = /^(state|year|type|data|entity):(.*)$/i.exec(token);
    if (!match) {
      if (token) free.push(token);
      continue;
    }
    const key = (match[1] as string).toLowerCase();
    let value = (match[2] as string).trim();
    if (key === 'state') {
      const taken = stateNameRunOn(value, tokens, index + 1);
      value = [value, ...tokens.slice(index + 1, index + 1 + taken)].join(' ');
      index += taken;
    }
    const problem = applyFilter(filters, key, value);
    if (problem) invalidFilters.push(problem);
  }
  return { filters, invalidFilters, free };
}

/**
 * How many of the tokens after `state:<first>` finish a state's name: `state:new jersey` is one filter,
 * so the shell-like split on spaces does not leave "new" as an unknown state and "jersey" as a name.
 * None when `<first>` is a state by itself ("state:washington dc breach" keeps "dc" as a word).
 */
function stateNameRunOn(first: string, tokens: readonly string[], from: number): number {
  const start = words(first);
  if (start.length === 0 || (start.length === 1 && isUsStateCode(first.toUpperCase()))) return 0;
  if (STATE_BY_NAME.has(start.join(' '))) return 0;
  for (let taken = MAX_STATE_NAME_WORDS - start.length; taken >= 1; taken--) {
    const next = tokens.slice(from, from + taken);
    if (next.length < taken || next.some((token) => token.includes(':'))) continue;
    if (STATE_BY_NAME.has(words([first, ...next].join(' ')).join(' '))) return taken;
  }
  return 0;
}

export function parseQuery(input: string): ParsedQuery {
  const raw = input.trim();
  const { filters, invalidFilters, free } = splitFilters(raw);
  const yearHints: number[] = [];
  const allWords = words(free.join(' ')).slice(0, MAX_QUERY_WORDS);
  const fillerWords = [...new Set(allWords.filter((word) => FILLER_WORDS.has(word)))];
  const terms = allWords
    .filter((word) => !FILLER_WORDS.has(word))
    .filter((word) => {
      const isYear = /^(?:19[9]\d|20\d\d)$/.test(word);
      if (isYear) yearHints.push(Number(word));
      return !isYear;
    })
    .slice(0, MAX_QUERY_TERMS);
  const softTerms = fillerWords.filter((word) => NAME_LIKE_FILLERS.has(word));
  return { raw, terms, fillerWords, softTerms, filters, yearHints, invalidFilters };
}

/** Adds one `key:value` filter; returns why it is invalid, or undefined. */
function applyFilter(filters: SearchFilters, key: string, value: string): string | undefined {
  const folded = words(value).join(' ');
  if (!folded) return `${key}: needs a value, e.g. ${example(key)}`;
  switch (key) {
    case 'state': {
      const upper = value.toUpperCase();
      const code = isUsStateCode(upper) ? upper : STATE_BY_NAME.get(folded);
      if (!code) return `state:${value} is not a US state; use a two-letter code such as NJ`;
      filters.states.push(code);
      return undefined;
    }
    case 'year': {
      const year = Number(value);
      if (!/^\d{4}$/.test(value) || year < 1990 || year > 2100)
        return `year:${value} is not a year; use e.g. year:2023`;
      filters.years.push(year);
      return undefined;
    }
    case 'type': {
      const type = (BREACH_TYPES as readonly string[]).includes(folded)
        ? (folded as BreachType)
        : BREACH_TYPE_WORDS[folded.split(' ')[0] as string];
      if (!type) return `type:${value} is not a breach type; use one of ${BREACH_TYPES.join(', ')}`;
      filters.breachTypes.push(type);
      return undefined;
    }
    case 'data': {
      const type = dataTypeForKeyword(folded) ?? dataTypeForKeyword(value.toLowerCase());
      if (!type) return `data:${value} is not a kind of data; use one of ${DATA_TYPES.join(', ')}`;
      filters.dataTypes.push(type);
      return undefined;
    }
    case 'entity': {
      const type = (ENTITY_TYPES as readonly string[]).includes(value.toLowerCase())
        ? (value.toLowerCase() as EntityType)
        : ENTITY_TYPE_WORDS[folded.split(' ').at(-1) as string];
      if (!type) return `entity:${value} is not an entity type; use one of ${ENTITY_TYPES.join(', ')}`;
      filters.entityTypes.push(type);
      return undefined;
    }
  }
  return undefined;
}

function example(key: string): string {
  return (
    { state: 'state:NJ', year: 'year:2023', type: 'type:hacking', data: 'data:ssn', entity: 'entity:plan' }[key] ?? ''
  );
}

export function hasFilters(filters: SearchFilters): boolean {
  return Object.values(filters).some((values: unknown[]) => values.length > 0);
}
