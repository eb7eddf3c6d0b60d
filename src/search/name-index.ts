import type { Incident } from '../incidents/model.js';
import { foldText, organizationKey } from '../incidents/organization-name.js';
import { boundedEditDistance } from './edit-distance.js';
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
}

const NO_IDS: ReadonlySet<number> = new Set();
/** Name words beyond this many are still scored for coverage but never matched to a term. */
const MAX_TRACKED_TOKENS = 31;

function defaultMaxEdits(term: string): number {
  if (term.length < 4 || /^\d+$/.test(term)) return 0;
  return term.length < 8 ? 1 : 2;
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
