import Fuse, { type IFuseOptions } from 'fuse.js';
import type { Incident } from '../incidents/model.js';
import { newestFirst } from '../incidents/order.js';
import { organizationKey } from '../incidents/organization-name.js';
import { NameIndex, type TermExpansion } from './name-index.js';
import { classifyTerms } from './name-words.js';
import { hasFilters, parseQuery } from './query-parser.js';
import { TextIndex, type TextIndexOptions } from './text-index.js';
import { TopK } from './top-k.js';
import type { SearchFilters, SearchHit, SearchIndex, SearchOptions, SearchResult } from './types.js';

/** How many records each candidate stage hands on. */
const STAGE_CANDIDATES = 48;
/** A soft term ("IT" in "Mitchell IT") weighs this share of a real term of the same rarity. */
const SOFT_TERM_WEIGHT = 0.5;
/** How many of those fuse.js ranks by name similarity. */
const FUSE_CANDIDATES = 20;
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

const MIN_SUGGESTION_SCORE = 0.3;

/** "Did you mean" tolerates a typo more than search, since it only proposes; short words none. */
function suggestionEdits(term: string): number {
  // One letter off a four-letter word is another word more often than a typo: "acme" is not "acne".
  if (term.length < 5) return 0;
  return term.length < 7 ? 1 : 2;
}

/**
 * The name words a suggestion may stand on for `term`: within `suggestionEdits`, and never a short
 * word reached by a typo: "depot" is not "dept", an abbreviation that many names share.
 */
function suggestionExpansion(names: NameIndex, term: string): TermExpansion {
  const expansion = names.expand(term, suggestionEdits(term));
  for (const id of [...expansion.keys()]) {
    const word = names.vocabulary[id] as string;
    if (word !== term && !word.startsWith(term) && word.length < 5) expansion.delete(id);
  }
  return expansion;
}

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
 * too slow past 1,000 records and ranked questions poorly (`npm run bench` still measures it against
 * this search; docs/architecture.md, "Search"); fuse's own maintainers recommend exactly this
 * culling in front of it.
 */
export function buildSearchIndex(incidents: readonly Incident[], options: TextIndexOptions = {}): SearchIndex {
  const records = [...incidents];
  const names = new NameIndex(records);
  const texts = new TextIndex(records, options);
  const seen = new CandidateMarks(records.length);

  function search(query: string, options: SearchOptions = {}): SearchResult {
    const limit = options.limit ?? 10;
    const parsed = parseQuery(query);
    // A bare year ("2023") is the only thing asked: read it as `year:2023`.
    if (parsed.terms.length === 0) parsed.filters.years.push(...parsed.yearHints);
    const matchesFilters = filterPredicate(parsed.filters);
    if (parsed.terms.length === 0) {
      const hits = hasFilters(parsed.filters) ? listFiltered(records, matchesFilters, limit) : [];
      return { query: parsed, hits, nameTerms: [] };
    }

    const nameTerms = names.rewriteTerms(parsed.terms, namesSomething);
    const expansions = nameTerms.map((term) => names.expand(term));
    const termWeights = expansions.map((expansion) => termWeight(names, expansion));
    const softExpansions = [...names.exactIds(parsed.softTerms)].map((id): TermExpansion => new Map([[id, 1]]));
    const scoredExpansions = [...expansions, ...softExpansions];
    const scoredWeights = [
      ...termWeights,
      ...softExpansions.map((expansion) => SOFT_TERM_WEIGHT * termWeight(names, expansion)),
    ];
    const fillerIds = names.exactIds(parsed.fillerWords);
    const accept = (record: number) => matchesFilters(records[record] as Incident);
    const scoreName = (record: number) => names.scoreRecord(record, scoredExpansions, scoredWeights, fillerIds);

    const bestNames = new TopK(STAGE_CANDIDATES);
    const bounds = names.scoreBounds(scoredExpansions, scoredWeights);
    for (const record of nameCandidates(names, expansions, seen)) {
      // Strictly below: such a record would be refused by the top-k anyway, so skipping it changes nothing.
      if ((bounds[record] as number) < bestNames.threshold || !accept(record)) continue;
      const score = scoreName(record);
      if (score > 0) bestNames.offer(record, score);
    }
    const nameScores = new Map(bestNames.sorted().map(({ item, score }) => [item, score]));
    const text = texts.score(parsed.terms, { k: STAGE_CANDIDATES, accept, alsoFor: nameScores.keys() });
    const candidates = [...new Set([...nameScores.keys(), ...text.top.map(({ item }) => item)])];
    if (candidates.length === 0) return { query: parsed, hits: [], nameTerms };

    const maxText = Math.max(0, ...text.scores.values());
    const foundTerms = nameTerms.filter((_, index) => (expansions[index] as TermExpansion).size > 0);
    // fuse.js reads the raw names, legal forms included, so it gets the soft terms as typed.
    const nameQuery = foundTerms.length > 0 ? [...foundTerms, ...parsed.softTerms].join(' ') : '';
    // A query whose words are all found in names is a name query; one whose words are mostly not
    // (places, data, what happened) is a description, and the description index should decide.
    const nameShare = foundTerms.length / nameTerms.length;
    const nameWeight = 0.35 + 0.5 * nameShare;
    const signals = (record: number, fuse: number) => {
      const nameScore = nameScores.get(record) ?? scoreName(record);
      const nameSignal = nameQuery ? 0.65 * nameScore + 0.35 * fuse : 0;
      const textSignal = maxText > 0 ? (text.scores.get(record) ?? 0) / maxText : 0;
      return nameWeight * nameSignal + (1 - nameWeight) * textSignal;
    };

    // fuse.js costs most of a query, and only decides among the best: rank the rest without it.
    const shortlist = new TopK(Math.max(limit, FUSE_CANDIDATES));
    for (const record of candidates) shortlist.offer(record, signals(record, 0));
    const finalists = shortlist.sorted().map(({ item }) => item);
    const fuseSimilarity = rankNames(records, finalists, nameQuery);

    // Filings of one organisation differ only in their texts' lengths, which says nothing about which
    // breach was meant: they share their best score, so the newest comes first unless a year is asked.
    const bestOfName = new Map<string, number>();
    const signal = new Map(finalists.map((record) => [record, signals(record, fuseSimilarity.get(record) ?? 0)]));
    for (const [record, value] of signal) {
      const key = organizationKey((records[record] as Incident).organization);
      bestOfName.set(key, Math.max(value, bestOfName.get(key) ?? 0));
    }
    const hits: SearchHit[] = finalists.map((record) => {
      const incident = records[record] as Incident;
      const bonus = incident.origin === 'curated' ? CURATED_BONUS : 0;
      const yearFactor =
        parsed.yearHints.length === 0 || parsed.yearHints.some((year) => incidentYears(incident).includes(year))
          ? 1
          : OTHER_YEAR_FACTOR;
      const score = (bestOfName.get(organizationKey(incident.organization)) ?? 0) * yearFactor + bonus;
      const nameMatch = names.matchNames(record, nameTerms, expansions, fillerIds);
      return { incident, score: round(Math.min(1, score)), names: nameMatch };
    });
    hits.sort(compareHits);
    return { query: parsed, hits: hits.slice(0, limit), nameTerms };
  }

  /**
   * Names that have every word of the query that tells organisations apart, each as typed or within
   * a typo or two, best first: "delta airlines" may mean Delta Dental, never Alaska Airlines, and a
   * name sharing only "health" is no suggestion.
   */
  function suggest(query: string, limit = 3): string[] {
    const terms = names.rewriteTerms(parseQuery(query).terms, namesSomething);
    const classes = classifyTerms(terms);
    const named = terms.filter((_, index) => classes[index] === 'distinctive' || classes[index] === 'kind');
    const distinctive = terms.filter((_, index) => classes[index] === 'distinctive');
    const required = (distinctive.length > 0 ? distinctive : named).filter((term) => term.length >= 3);
    if (required.length === 0) return [];
    const expansions = required.map((term) => suggestionExpansion(names, term));
    const ranking = named.map((term) => suggestionExpansion(names, term));
    const rankingWeights = ranking.map((expansion) => termWeight(names, expansion));
    const scored = nameCandidates(names, expansions, seen)
      .filter((record) => names.matchNames(record, required, expansions).terms.every(Boolean))
      .map((record) => ({ record, score: names.scoreRecord(record, ranking, rankingWeights) }))
      .filter(({ score }) => score >= MIN_SUGGESTION_SCORE)
      .sort((a, b) => b.score - a.score || newestFirst(records[a.record] as Incident, records[b.record] as Incident));
    const suggestions = new Map<string, string>();
    for (const { record } of scored) {
      const { organization } = records[record] as Incident;
      const key = organizationKey(organization);
      if (!suggestions.has(key)) suggestions.set(key, organization);
      if (suggestions.size >= limit) break;
    }
    return [...suggestions.values()];
  }

  return { size: records.length, search, suggest };
}

/** Whether a term can be part of a name, as opposed to a place, a kind of data or a word about the breach. */
function namesSomething(term: string): boolean {
  const [value] = classifyTerms([term]);
  return value === 'distinctive' || value === 'kind';
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
 * the query has nothing rarer. A stamp per record marks what this query has seen, so that a query
 * touching thousands of records allocates no set for them.
 */
function nameCandidates(names: NameIndex, expansions: readonly TermExpansion[], seen: CandidateMarks): number[] {
  const stamp = seen.next();
  const candidates: number[] = [];
  const common: { id: number; frequency: number }[] = [];
  const collect = (id: number): boolean => {
    for (const record of names.recordsWith(id)) {
      if (seen.marks[record] === stamp) continue;
      seen.marks[record] = stamp;
      candidates.push(record);
      if (candidates.length >= MAX_SCORED) return false;
    }
    return true;
  };
  for (const expansion of expansions) {
    for (const id of expansion.keys()) {
      const frequency = names.documentFrequency(id);
      if (frequency > COMMON_WORD_RECORDS) common.push({ id, frequency });
      else if (!collect(id)) return candidates;
    }
  }
  if (candidates.length === 0) {
    common.sort((a, b) => a.frequency - b.frequency);
    for (const { id } of common) if (!collect(id)) break;
  }
  return candidates;
}

/** One mark per record; a new stamp per query makes clearing unnecessary. */
class CandidateMarks {
  readonly marks: Uint32Array;
  private stamp = 0;

  constructor(size: number) {
    this.marks = new Uint32Array(size);
  }

  next(): number {
    if (this.stamp === 0xffffffff) {
      this.marks.fill(0);
      this.stamp = 0;
    }
    return ++this.stamp;
  }
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
