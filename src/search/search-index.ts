import Fuse, { type IFuseOptions } from 'fuse.js';
import type { Incident } from '../incidents/model.js';
import { newestFirst } from '../incidents/order.js';
import { NameIndex, type TermExpansion } from './name-index.js';
import { hasFilters, parseQuery } from './query-parser.js';
import { TextIndex } from './text-index.js';
import type { SearchFilters, SearchHit, SearchIndex, SearchOptions, SearchResult } from './types.js';

/** How many records each stage hands on; fuse.js then ranks at most twice this many. */
const STAGE_CANDIDATES = 48;
/** A name word in more records than this does not nominate candidates on its own (it still scores them). */
const COMMON_WORD_RECORDS = 2_000;
/** Upper bound on records scored per query, whatever the query: keeps the worst case bounded. */
const MAX_SCORED = 6_000;
/**
 * Curated cards are the incidents people ask about most, written for them; when a question fits a
 * card nearly as well as an official record, the card is the better answer.
 */
const CURATED_BONUS = 0.04;
/** "anthem 2015": Anthem's 2015 breach first, its later ones still listed below. */
const OTHER_YEAR_FACTOR = 0.85;

/** "Did you mean" tolerates more typos than search, since it only proposes. */
const SUGGESTION_MAX_EDITS = 3;
const MIN_SUGGESTION_SCORE = 0.3;

const FUSE_OPTIONS: IFuseOptions<Incident> = {
  keys: [
    { name: 'organization', weight: 3 },
    { name: 'aliases', weight: 2 },
    { name: 'relatedOrganizations', weight: 1 },
  ],
  includeScore: true,
  ignoreLocation: true,
  threshold: 0.6,
};

/**
 * The search: a candidate stage (a word index over names with prefix and typo expansion, and a BM25
 * index over descriptions) picks a few dozen records out of any number, and fuse.js ranks only those
 * by how closely their names match what was typed. Plain fuse.js over all records and summaries was
 * too slow past 1,000 records and ranked questions poorly (shared/search-notes.md); fuse's own
 * maintainers recommend exactly this culling in front of it.
 */
export function buildSearchIndex(incidents: readonly Incident[]): SearchIndex {
  const records = [...incidents];
  const names = new NameIndex(records);
  const texts = new TextIndex(records);

  function search(query: string, options: SearchOptions = {}): SearchResult {
    const limit = options.limit ?? 10;
    const parsed = parseQuery(query);
    // A bare year ("2023") is the only thing asked: read it as `year:2023`.
    if (parsed.terms.length === 0) parsed.filters.years.push(...parsed.yearHints);
    const matchesFilters = filterPredicate(parsed.filters);
    if (parsed.terms.length === 0) {
      const hits = hasFilters(parsed.filters) ? listFiltered(records, matchesFilters, limit) : [];
      return { query: parsed, hits };
    }

    const expansions = parsed.terms.map((term) => names.expand(term));
    const termWeights = expansions.map((expansion) => termWeight(names, expansion));
    const nameScores = new Map<number, number>();
    for (const record of nameCandidates(names, expansions)) {
      if (!matchesFilters(records[record] as Incident)) continue;
      const score = names.scoreRecord(record, expansions, termWeights);
      if (score > 0) nameScores.set(record, score);
    }

    const textScores = texts.score(parsed.terms);
    const candidates = new Set([...topKeys(nameScores, STAGE_CANDIDATES)]);
    const filteredText = new Map([...textScores].filter(([record]) => matchesFilters(records[record] as Incident)));
    for (const record of topKeys(filteredText, STAGE_CANDIDATES)) candidates.add(record);
    if (candidates.size === 0) return { query: parsed, hits: [] };

    const maxText = Math.max(0, ...[...candidates].map((record) => filteredText.get(record) ?? 0));
    const nameQuery = parsed.terms.filter((_, index) => (expansions[index] as TermExpansion).size > 0).join(' ');
    const fuseSimilarity = rankNames(records, [...candidates], nameQuery);
    // A query whose words are all found in names is a name query; one whose words are mostly not
    // (places, data, what happened) is a description, and the description index should decide.
    const nameShare = parsed.terms.length > 0 ? nameQuery.split(' ').filter(Boolean).length / parsed.terms.length : 0;
    const nameWeight = 0.35 + 0.5 * nameShare;

    const hits: SearchHit[] = [...candidates].map((record) => {
      const incident = records[record] as Incident;
      const nameScore = nameScores.get(record) ?? names.scoreRecord(record, expansions, termWeights);
      const nameSignal = nameQuery ? 0.65 * nameScore + 0.35 * (fuseSimilarity.get(record) ?? 0) : 0;
      const textSignal = maxText > 0 ? (filteredText.get(record) ?? 0) / maxText : 0;
      const bonus = incident.origin === 'curated' ? CURATED_BONUS : 0;
      const yearFactor =
        parsed.yearHints.length === 0 || parsed.yearHints.some((year) => incidentYears(incident).includes(year))
          ? 1
          : OTHER_YEAR_FACTOR;
      const score = (nameWeight * nameSignal + (1 - nameWeight) * textSignal) * yearFactor + bonus;
      return { incident, score: round(Math.min(1, score)) };
    });
    hits.sort(compareHits);
    return { query: parsed, hits: hits.slice(0, limit) };
  }

  function suggest(query: string, limit = 3): string[] {
    const terms = parseQuery(query).terms.filter((term) => term.length >= 3);
    if (terms.length === 0) return [];
    const expansions = terms.map((term) => names.expand(term, SUGGESTION_MAX_EDITS));
    const termWeights = expansions.map((expansion) => termWeight(names, expansion));
    const scored = [...nameCandidates(names, expansions)]
      .map((record) => ({ record, score: names.scoreRecord(record, expansions, termWeights) }))
      .filter(({ score }) => score >= MIN_SUGGESTION_SCORE)
      .sort((a, b) => b.score - a.score);
    const suggestions = new Set<string>();
    for (const { record } of scored) {
      suggestions.add((records[record] as Incident).organization);
      if (suggestions.size >= limit) break;
    }
    return [...suggestions];
  }

  return { size: records.length, search, suggest };
}

/** A term weighs what its best expansion says about identity: rare name words weigh most. */
function termWeight(names: NameIndex, expansion: TermExpansion): number {
  let best = 0;
  let weight = 0;
  for (const [id, similarity] of expansion) {
    if (similarity > best || (similarity === best && names.inverseFrequency(id) > weight)) {
      best = similarity;
      weight = names.inverseFrequency(id);
    }
  }
  return weight;
}

/**
 * Records worth scoring: those containing a query word (or its expansions) that is rare enough to
 * identify something. Common words ("health", "medical") only score what rarer words found, unless
 * the query has nothing rarer.
 */
function nameCandidates(names: NameIndex, expansions: readonly TermExpansion[]): Set<number> {
  const candidates = new Set<number>();
  const common: { id: number; frequency: number }[] = [];
  for (const expansion of expansions) {
    for (const id of expansion.keys()) {
      const frequency = names.documentFrequency(id);
      if (frequency > COMMON_WORD_RECORDS) {
        common.push({ id, frequency });
        continue;
      }
      for (const record of names.recordsWith(id)) {
        candidates.add(record);
        if (candidates.size >= MAX_SCORED) return candidates;
      }
    }
  }
  if (candidates.size === 0) {
    common.sort((a, b) => a.frequency - b.frequency);
    for (const { id } of common) {
      for (const record of names.recordsWith(id)) {
        candidates.add(record);
        if (candidates.size >= MAX_SCORED) return candidates;
      }
    }
  }
  return candidates;
}

/** fuse.js similarity (1 = identical, 0 = no match) of each candidate's names to the name words typed. */
function rankNames(
  records: readonly Incident[],
  candidates: readonly number[],
  nameQuery: string,
): Map<number, number> {
  const similarity = new Map<number, number>();
  if (!nameQuery) return similarity;
  const fuse = new Fuse(
    candidates.map((record) => records[record] as Incident),
    FUSE_OPTIONS,
  );
  for (const result of fuse.search(nameQuery)) {
    similarity.set(candidates[result.refIndex] as number, 1 - (result.score ?? 1));
  }
  return similarity;
}

function filterPredicate(filters: SearchFilters): (incident: Incident) => boolean {
  if (!hasFilters(filters)) return () => true;
  return (incident) =>
    (filters.states.length === 0 || (incident.state !== undefined && filters.states.includes(incident.state))) &&
    (filters.years.length === 0 || filters.years.some((year) => incidentYears(incident).includes(year))) &&
    (filters.breachTypes.length === 0 || incident.breachTypes.some((type) => filters.breachTypes.includes(type))) &&
    (filters.dataTypes.length === 0 || filters.dataTypes.every((type) => incident.dataTypes.includes(type))) &&
    (filters.entityTypes.length === 0 ||
      (incident.entityType !== undefined && filters.entityTypes.includes(incident.entityType)));
}

/** `year:2023` means the year it happened, or the year it was made public. */
function incidentYears(incident: Incident): number[] {
  return [incident.disclosed, incident.occurred?.start, incident.occurred?.end]
    .filter((date): date is string => date !== undefined)
    .map((date) => Number(date.slice(0, 4)));
}

/** Filters alone (`state:NJ year:2023`): the newest matching incidents, largest first on the same day. */
function listFiltered(
  records: readonly Incident[],
  matches: (incident: Incident) => boolean,
  limit: number,
): SearchHit[] {
  return records
    .filter(matches)
    .sort(newestFirst)
    .slice(0, limit)
    .map((incident) => ({ incident, score: 1 }));
}

function topKeys(scores: ReadonlyMap<number, number>, count: number): number[] {
  return [...scores]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([record]) => record);
}

/** Equal scores: curated cards first, then the most recent disclosure, then the largest. */
function compareHits(a: SearchHit, b: SearchHit): number {
  return (
    b.score - a.score ||
    Number(b.incident.origin === 'curated') - Number(a.incident.origin === 'curated') ||
    newestFirst(a.incident, b.incident)
  );
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}
