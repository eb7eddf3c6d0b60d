import type { DataType } from '../incidents/data-types.js';
import type { BreachType, EntityType, Incident } from '../incidents/model.js';
import type { UsStateCode } from '../incidents/us-states.js';
import type { NameMatch } from './name-index.js';

/** Filters a user can type: `state:NJ year:2023 type:hacking data:ssn entity:plan`. */
export interface SearchFilters {
  states: UsStateCode[];
  years: number[];
  breachTypes: BreachType[];
  dataTypes: DataType[];
  entityTypes: EntityType[];
}

export interface ParsedQuery {
  /** The query as typed (trimmed). */
  raw: string;
  /** Words that may identify an incident: names, places, descriptive words (no filler like "what happened"). */
  terms: string[];
  /** The filler words dropped from `terms` ("what", "data", "it"): names may still contain them. */
  fillerWords: string[];
  /**
   * Filler words that are often part of a name ("Mitchell IT", "Salem Data", "... LLC"): they never
   * find a record on their own, but a record whose name has them matches better.
   */
  softTerms: string[];
  filters: SearchFilters;
  /** Years mentioned in passing ("was Anthem hacked in 2015"): preferred, unlike `year:` which filters. */
  yearHints: number[];
  /** Filter tokens that could not be understood, e.g. `state:XX`, with why. */
  invalidFilters: string[];
}

export interface SearchHit {
  incident: Incident;
  /** Relevance from 0 (barely) to 1 (certain), comparable between hits of one query. */
  score: number;
  /** How the record's names meet `SearchResult.nameTerms`; absent on hits listed by filters alone. */
  names?: NameMatch;
}

export interface SearchResult {
  query: ParsedQuery;
  hits: SearchHit[];
  /** `query.terms` as matched against names: "riteaid" read as "rite aid", "last pass" as "lastpass". */
  nameTerms: string[];
}

export interface SearchOptions {
  /** How many hits to return at most (default 10). */
  limit?: number;
}

export interface SearchIndex {
  readonly size: number;
  search(query: string, options?: SearchOptions): SearchResult;
  /** Organisation names close to what was typed, for "did you mean" when nothing matched. */
  suggest(query: string, limit?: number): string[];
}
