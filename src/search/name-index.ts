import type { Incident } from '../incidents/model.js';
import { foldText, organizationKey } from '../incidents/organization-name.js';
import { boundedEditDistance } from './edit-distance.js';
import { isOptionalNameWord } from './name-words.js';
import { MAX_TERM_LENGTH } from './text-normalizer.js';

/** Related organisations count, but less than the breached organisation's own names. */
const RELATED_WEIGHT = 0.7;
/** A prefix expansion ("arx pat" -> "patient") is capped so that "a" does not mean every word. */
const MAX_PREFIX_EXPANSIONS = 40;
/**
 * Fuzzy matching only checks vocabulary words sharing this share of trigrams (Dice). A swap of two
 * letters in a six-letter word ("chnage") leaves only a third of the trigrams, so the bar is low; the
 * edit distance that follows decides.
 */
const MIN_TRIGRAM_DICE = 0.2;

interface NameVariant {
  tokens: readonly number[];
  weight: number;
}

/** For one query term: the vocabulary words it may stand for, each with how well (0..1). */
export type TermExpansion = Map<number, number>;

/** How a query term met a word of a name: as typed, as the start of the word, or with a typo. */
export type TermMatch = 'exact' | 'prefix' | 'typo';

export interface NameMatch {
  /** Per query term, how the record's best name has it, or undefined when it does not. */
  terms: (TermMatch | undefined)[];
  /** The query says that name in full: each of its words was typed, joining words and a state aside. */
  whole: boolean;
  /**
   * Per query term, how any of the record's names has it: a query may name the organisation and one
   * its breach reached together ("Corewell Health HealthEC"), each in a different name.
   */
  anyName: (TermMatch | undefined)[];
}

/** A word typed as one ("riteaid") is read as at most this many name words. */
const MAX_SPLIT_PARTS = 3;
/** Letters of the first name word in such a word, and of each after it ("ucla" "health", "rite" "aid"). */
const MIN_FIRST_PART = 2;
const MIN_LATER_PART = 3;

/**
 * Words of organisation names, aliases and related organisations, with the expansions a typed
 * word may stand for: itself, a word it is a prefix of, or a word within a typo or two. The
 * vocabulary is far smaller than the records, so fuzzy look-ups stay cheap at 100,000 incidents.
 */
export class NameIndex {
  readonly vocabulary: string[] = [];
  private readonly vocabularyIds = new Map<string, number>();
  /** Sorted vocabulary ids by word, for prefix ranges. */
  private sortedVocabulary: Int32Array = new Int32Array(0);
  private readonly trigramPostings = new Map<string, number[]>();
  /** vocabulary id -> record indexes containing it. */
  private postings: Int32Array[] = [];
  private readonly variants: NameVariant[][] = [];
  private idf: Float64Array = new Float64Array(0);
  /** Scratch space of `scoreBounds`, one slot per record, kept between queries. */
  private bounds: Float64Array = new Float64Array(0);
  private termBest: Float64Array = new Float64Array(0);

  constructor(incidents: readonly Incident[]) {
    const postingLists: number[][] = [];
    // Per word, the last record posted: a record is posted once however many of its names have the
    // word. A mark instead of a set per record, since a start builds this for every record.
    const lastRecord: number[] = [];
    let recordIndex = 0;
    let variants: NameVariant[] = [];
    const add = (name: string, weight: number) => {
      // Legal forms ("Inc.", "LLC") would make "Change Healthcare" match "Change Healthcare, Inc." less well.
      const key = organizationKey(name) || foldText(name);
      if (!key) return;
      const ids = key.split(' ').map((word) => this.intern(word.slice(0, MAX_TERM_LENGTH), postingLists, lastRecord));
      variants.push({ tokens: ids, weight });
      for (const id of ids) {
        if (lastRecord[id] !== recordIndex) {
          lastRecord[id] = recordIndex;
          (postingLists[id] as number[]).push(recordIndex);
        }
      }
    };
    for (; recordIndex < incidents.length; recordIndex++) {
      const incident = incidents[recordIndex] as Incident;
      variants = [];
      add(incident.organization, 1);
      for (const alias of incident.aliases) add(alias, 1);
      for (const related of incident.relatedOrganizations) add(related, RELATED_WEIGHT);
      this.variants.push(variants);
    }
    this.postings = postingLists.map((list) => Int32Array.from(list));
    const total = Math.max(1, incidents.length);
    this.idf = Float64Array.from(this.postings, (list) => Math.log(1 + total / list.length));
    // The default sort orders strings as `compare` does, without calling back into JavaScript.
    this.sortedVocabulary = Int32Array.from(
      [...this.vocabulary].sort(),
      (word) => this.vocabularyIds.get(word) as number,
    );
  }

  private intern(word: string, postingLists: number[][], lastRecord: number[]): number {
    let id = this.vocabularyIds.get(word);
    if (id === undefined) {
      id = this.vocabulary.length;
      this.vocabulary.push(word);
      this.vocabularyIds.set(word, id);
      postingLists.push([]);
      lastRecord.push(-1);
      for (const trigram of trigrams(word)) {
        const list = this.trigramPostings.get(trigram);
        if (list) list.push(id);
        else this.trigramPostings.set(trigram, [id]);
      }
    }
    return id;
  }

  documentFrequency(vocabularyId: number): number {
    return this.postings[vocabularyId]?.length ?? 0;
  }

  recordsWith(vocabularyId: number): Int32Array {
    return this.postings[vocabularyId] ?? new Int32Array(0);
  }

  inverseFrequency(vocabularyId: number): number {
    return this.idf[vocabularyId] ?? 0;
  }

  /**
   * The vocabulary words a typed term may stand for. `maxEdits` widens the typo tolerance for
   * "did you mean" suggestions; ordinary search uses the default.
   */
  expand(term: string, maxEdits = defaultMaxEdits(term)): TermExpansion {
    const expansion: TermExpansion = new Map();
    const exact = this.vocabularyIds.get(term);
    if (exact !== undefined) expansion.set(exact, 1);
    if (term.length >= 3) this.addPrefixMatches(term, expansion);
    if (maxEdits > 0) this.addTypoMatches(term, maxEdits, expansion);
    return expansion;
  }

  private addPrefixMatches(term: string, expansion: TermExpansion): void {
    let low = 0;
    let high = this.sortedVocabulary.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (compare(this.vocabulary[this.sortedVocabulary[middle] as number], term) < 0) low = middle + 1;
      else high = middle;
    }
    for (let i = low, found = 0; i < this.sortedVocabulary.length && found < MAX_PREFIX_EXPANSIONS; i++, found++) {
      const id = this.sortedVocabulary[i] as number;
      const word = this.vocabulary[id] as string;
      if (!word.startsWith(term)) break;
      if (word !== term) setMax(expansion, id, 0.6 + 0.3 * (term.length / word.length));
    }
  }

  private addTypoMatches(term: string, maxEdits: number, expansion: TermExpansion): void {
    const termTrigrams = trigrams(term);
    const shared = new Map<number, number>();
    for (const trigram of termTrigrams) {
      const list = this.trigramPostings.get(trigram);
      if (!list) continue;
      for (const id of list) shared.set(id, (shared.get(id) ?? 0) + 1);
    }
    for (const [id, count] of shared) {
      const word = this.vocabulary[id] as string;
      const dice = (2 * count) / (termTrigrams.length + trigramCount(word));
      if (dice < MIN_TRIGRAM_DICE || expansion.get(id) === 1) continue;
      const distance = boundedEditDistance(term, word, maxEdits);
      if (distance <= maxEdits) setMax(expansion, id, 1 - (0.5 * distance) / Math.max(3, Math.min(term.length, 8)));
    }
  }

  /** Vocabulary ids of words exactly as typed, e.g. the filler words of a query. */
  exactIds(words: readonly string[]): Set<number> {
    const ids = new Set<number>();
    for (const word of words) {
      const id = this.vocabularyIds.get(word);
      if (id !== undefined) ids.add(id);
    }
    return ids;
  }

  /**
   * How well a record's names match the query terms, from 0 to 1: the idf-weighted share of the
   * terms found (query coverage), nudged by the share of the best name that the query covers, so that
   * "north valley health" prefers "North Valley Health" to "North Valley Health Partners".
   * `fillerIds` are words the query said but that carry no identity ("Klein IT", "Salem Data"): they
   * cannot make a record match, but they do cover the name words they equal.
   */
  scoreRecord(
    recordIndex: number,
    expansions: readonly TermExpansion[],
    termWeights: readonly number[],
    fillerIds: ReadonlySet<number> = NO_IDS,
  ): number {
    const variants = this.variants[recordIndex];
    if (!variants) return 0;
    let totalWeight = 0;
    for (const weight of termWeights) totalWeight += weight;
    if (totalWeight === 0) return 0;
    let best = 0;
    for (const variant of variants) {
      const tokens = variant.tokens;
      const trackable = Math.min(tokens.length, MAX_TRACKED_TOKENS);
      // A bit per name word already matched by a term: each word answers one term at most.
      let used = 0;
      let matchedWeight = 0;
      for (let t = 0; t < expansions.length; t++) {
        const expansion = expansions[t] as TermExpansion;
        const bestToken = bestUnusedToken(expansion, tokens, trackable, used);
        const bestSimilarity = bestToken < 0 ? 0 : (expansion.get(tokens[bestToken] as number) as number);
        if (bestToken >= 0) used |= 1 << bestToken;
        matchedWeight += (termWeights[t] as number) * bestSimilarity;
      }
      if (matchedWeight === 0) continue;
      let nameCovered = 0;
      let nameTotal = 0;
      for (let k = 0; k < tokens.length; k++) {
        const id = tokens[k] as number;
        const idf = this.idf[id] as number;
        nameTotal += idf;
        if ((k < trackable && used & (1 << k)) || fillerIds.has(id)) nameCovered += idf;
      }
      const queryCoverage = matchedWeight / totalWeight;
      const nameCoverage = nameTotal > 0 ? nameCovered / nameTotal : 0;
      best = Math.max(best, variant.weight * queryCoverage * (0.7 + 0.3 * nameCoverage));
    }
    return best;
  }

  /**
   * Per record, a score `scoreRecord` cannot exceed with these terms: the weighted share of the terms
   * that any of its names has, each at its best similarity. Walking the terms' postings costs a
   * fraction of scoring: a record whose bound cannot beat the candidates kept so far is not scored.
   * Valid because a name's weight and its coverage factor are at most 1. The array is reused by the
   * next call.
   */
  scoreBounds(expansions: readonly TermExpansion[], termWeights: readonly number[]): Float64Array {
    const count = this.variants.length;
    if (this.bounds.length !== count) {
      this.bounds = new Float64Array(count);
      this.termBest = new Float64Array(count);
    }
    const bounds = this.bounds;
    const best = this.termBest;
    bounds.fill(0);
    let totalWeight = 0;
    for (const weight of termWeights) totalWeight += weight;
    if (totalWeight === 0) return bounds;
    const touched: number[] = [];
    expansions.forEach((expansion, t) => {
      const weight = (termWeights[t] as number) / totalWeight;
      if (weight === 0) return;
      for (const [id, similarity] of expansion) {
        for (const record of this.recordsWith(id)) {
          if (best[record] === 0) touched.push(record);
          if (similarity > (best[record] as number)) best[record] = similarity;
        }
      }
      for (const record of touched) {
        bounds[record] = (bounds[record] as number) + weight * (best[record] as number);
        best[record] = 0;
      }
      touched.length = 0;
    });
    return bounds;
  }

  /**
   * The terms as names are written: two typed words that no name has apart but one has as one word
   * are joined ("last pass"), and a typed word that is several name words ("riteaid", "tmobile") is
   * split into words one name has together, so a typo is never read as unrelated words. And when
   * no name has all the query's name words, one join of two typed words into a name word ("last
   * pass", "Excellus BlueCross Blue Shield") or one split of a name word into two ("shields
   * healthcare group" for Shields Health Care Group) is made if a name then has them all: so "Anthem
   * Blue Cross", which names have, stays as typed. `isNameWord` says which terms are name words at
   * all (not "letter" in "I got a letter from Anthem").
   */
  rewriteTerms(terms: readonly string[], isNameWord: (term: string) => boolean = () => true): string[] {
    const known = new Map<string, boolean>();
    const counts = (term: string) => {
      let value = known.get(term);
      if (value === undefined) {
        value = isNameWord(term);
        known.set(term, value);
      }
      return value;
    };
    const typed: string[] = [];
    for (let i = 0; i < terms.length; i++) {
      const term = terms[i] as string;
      const next = terms[i + 1];
      // Two words no name has apart, that one name has as one ("last pass", "health ec").
      if (next !== undefined && this.vocabularyIds.has(`${term}${next}`) && !this.shareARecord([term, next])) {
        typed.push(`${term}${next}`);
        i++;
      } else if (this.vocabularyIds.has(term)) typed.push(term);
      else typed.push(...(this.split(term, (parts) => this.shareARecord(parts)) ?? [term]));
    }
    const supported = (candidate: readonly string[]) =>
      this.shareARecord([...new Set(candidate.filter((term) => counts(term) && this.vocabularyIds.has(term)))]);
    const named = [...new Set(typed.filter((term) => counts(term) && this.vocabularyIds.has(term)))];
    if (named.length < 2 || this.shareARecord(named)) return typed;
    const tried = new Set<string>();
    for (let i = 0; i < typed.length; i++) {
      const term = typed[i] as string;
      // A repeated word rewrites as its first occurrence would have.
      if (tried.has(`${term} ${typed[i + 1] ?? ''}`)) continue;
      tried.add(`${term} ${typed[i + 1] ?? ''}`);
      const next = typed[i + 1];
      if (next !== undefined && this.vocabularyIds.has(`${term}${next}`)) {
        const joined = [...typed.slice(0, i), `${term}${next}`, ...typed.slice(i + 2)];
        if (supported(joined)) return joined;
      }
      if (!this.vocabularyIds.has(term)) continue;
      const parts = this.split(term, (candidate) =>
        supported([...typed.slice(0, i), ...candidate, ...typed.slice(i + 1)]),
      );
      if (parts) return [...typed.slice(0, i), ...parts, ...typed.slice(i + 1)];
    }
    return typed;
  }

  private split(term: string, accept: (parts: string[]) => boolean): string[] | undefined {
    if (term.length < 5 || /^\d+$/.test(term)) return undefined;
    const search = (rest: string, parts: string[]): string[] | undefined => {
      if (rest.length === 0) return parts.length >= 2 && accept(parts) ? parts : undefined;
      if (parts.length >= MAX_SPLIT_PARTS) return undefined;
      // Longest first: "changehealthcare" is "change healthcare", not "change health care".
      for (let cut = rest.length - (parts.length === 0 ? 1 : 0); cut >= 1; cut--) {
        const part = rest.slice(0, cut);
        // Short parts would make nearly any word a split: "hawaiian" as "hawaii a n", "driver" as the
        // "d" of "d/b/a" and "river".
        if (part.length < (parts.length === 0 ? MIN_FIRST_PART : MIN_LATER_PART) || !this.vocabularyIds.has(part)) {
          continue;
        }
        const found = search(rest.slice(cut), [...parts, part]);
        if (found) return found;
      }
      return undefined;
    };
    return search(term, []);
  }

  /** Whether one record's names have every one of these words. */
  private shareARecord(words: readonly string[]): boolean {
    const lists: Int32Array[] = [];
    for (const word of words) {
      const id = this.vocabularyIds.get(word);
      if (id === undefined) return false;
      lists.push(this.recordsWith(id));
    }
    lists.sort((a, b) => a.length - b.length);
    const [shortest, ...others] = lists;
    if (!shortest) return false;
    // Binary search in the longer lists: a common word ("health") has thousands of records.
    return shortest.some((record) => others.every((list) => sortedHas(list, record)));
  }

  /**
   * How the record's names meet the query terms, for deciding whether the query names this record at
   * all (the scores only rank). The name meeting most terms wins; of those, one the query says whole.
   */
  matchNames(
    recordIndex: number,
    terms: readonly string[],
    expansions: readonly TermExpansion[],
    fillerIds: ReadonlySet<number> = NO_IDS,
  ): NameMatch {
    const anyName: (TermMatch | undefined)[] = terms.map(() => undefined);
    let best: NameMatch = { terms: terms.map(() => undefined), whole: false, anyName };
    let bestCount = -1;
    for (const variant of this.variants[recordIndex] ?? []) {
      const tokens = variant.tokens;
      const trackable = Math.min(tokens.length, MAX_TRACKED_TOKENS);
      let used = 0;
      const matches: (TermMatch | undefined)[] = terms.map(() => undefined);
      let count = 0;
      // Words typed exactly take their word first: otherwise "health" in "Corewell Health HealthEC"
      // would take "healthec" as its prefix and leave "healthec" nothing to match.
      const exactToken = terms.map((term) => {
        for (let k = 0; k < trackable; k++) if (this.vocabulary[tokens[k] as number] === term) return k;
        return -1;
      });
      for (const [t, k] of exactToken.entries()) {
        if (k < 0 || used & (1 << k)) continue;
        used |= 1 << k;
        matches[t] = 'exact';
        count++;
      }
      expansions.forEach((expansion, t) => {
        if (matches[t]) return;
        const bestToken = bestUnusedToken(expansion, tokens, trackable, used);
        if (bestToken < 0) {
          matches[t] = undefined;
          return;
        }
        used |= 1 << bestToken;
        const term = terms[t] as string;
        const word = this.vocabulary[tokens[bestToken] as number] as string;
        matches[t] = word === term ? 'exact' : word.startsWith(term) ? 'prefix' : 'typo';
        count++;
      });
      let whole = true;
      for (let k = 0; k < tokens.length && whole; k++) {
        const id = tokens[k] as number;
        const said = (k < trackable && used & (1 << k)) || fillerIds.has(id);
        if (!said && !isOptionalNameWord(this.vocabulary[id] as string)) whole = false;
      }
      matches.forEach((match, t) => {
        if (match && MATCH_RANK[match] > MATCH_RANK[anyName[t] ?? 'none']) anyName[t] = match;
      });
      if (count > bestCount || (count === bestCount && whole && !best.whole)) {
        best = { terms: matches, whole, anyName };
        bestCount = count;
      }
    }
    return best;
  }
}

/**
 * The position of the name word a term matches best among those no other term took (`used`, a bit
 * per position); -1 when none. A number, not an object: this runs for every term of every candidate.
 */
function bestUnusedToken(expansion: TermExpansion, tokens: readonly number[], trackable: number, used: number): number {
  let bestSimilarity = 0;
  let bestToken = -1;
  for (let k = 0; k < trackable; k++) {
    if (used & (1 << k)) continue;
    const similarity = expansion.get(tokens[k] as number) ?? 0;
    if (similarity > bestSimilarity) {
      bestSimilarity = similarity;
      bestToken = k;
    }
  }
  return bestToken;
}

const NO_IDS: ReadonlySet<number> = new Set();
const MATCH_RANK: Record<TermMatch | 'none', number> = { none: 0, typo: 1, prefix: 2, exact: 3 };
/** Name words beyond this many are still scored for coverage but never matched to a term. */
const MAX_TRACKED_TOKENS = 31;

function defaultMaxEdits(term: string): number {
  if (term.length < 4 || /^\d+$/.test(term)) return 0;
  return term.length < 8 ? 1 : 2;
}

/** Whether an ascending list has the value. */
function sortedHas(list: Int32Array, value: number): boolean {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((list[middle] as number) < value) low = middle + 1;
    else high = middle;
  }
  return list[low] === value;
}

function trigramCount(word: string): number {
  return word.length;
}

function trigrams(word: string): string[] {
  const padded = `^${word}$`;
  const result: string[] = [];
  for (let i = 0; i + 3 <= padded.length; i++) result.push(padded.slice(i, i + 3));
  return result;
}

function setMax(expansion: TermExpansion, id: number, similarity: number): void {
  if ((expansion.get(id) ?? 0) < similarity) expansion.set(id, similarity);
}

function compare(a: string | undefined, b: string | undefined): number {
  return (a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0;
}
