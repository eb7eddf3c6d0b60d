import { DATA_TYPE_INFO } from '../incidents/data-types.js';
import { BREACH_TYPE_LABELS, ENTITY_TYPE_LABELS, LOCATION_LABELS } from '../incidents/labels.js';
import type { Incident } from '../incidents/model.js';
import { foldCharacters } from '../incidents/organization-name.js';
import { stateName } from '../incidents/us-states.js';
import { isWordCode, TermTable } from './term-table.js';
import { MAX_TERM_LENGTH, stem } from './text-normalizer.js';
import { TopK } from './top-k.js';

const K1 = 1.2;
const B = 0.75;
/** Words in more than this share of records say nothing about which one is meant. */
const MAX_DOCUMENT_SHARE = 0.4;

/** Everything a descriptive question may mention: place, kind of organisation, what happened, what data. */
export function searchableText(incident: Incident): string {
  const parts: string[] = [];
  const add = (text: string) => parts.push(text);
  visitText(incident, add, add);
  return parts.join(' ');
}

/**
 * The texts of `searchableText`, in order: each of the record's own (its names, what happened) to
 * `own`, and each of those thousands of records share (labels, places, years) to `shared`. A
 * visitor, so that building the index over every record allocates no list per record.
 */
function visitText(incident: Incident, own: (text: string) => void, shared: (text: string) => void): void {
  own(incident.organization);
  for (const alias of incident.aliases) own(alias);
  for (const related of incident.relatedOrganizations) own(related);
  own(incident.summary ?? '');
  shared(incident.sector ?? '');
  shared(incident.state ? `${stateName(incident.state)} ${incident.state}` : '');
  shared(incident.entityType ? ENTITY_TYPE_LABELS[incident.entityType] : '');
  for (const type of incident.breachTypes) shared(BREACH_TYPE_LABELS[type]);
  for (const location of incident.locations) shared(LOCATION_LABELS[location]);
  for (const type of incident.dataTypes) {
    const { label, keywords } = DATA_TYPE_INFO[type];
    shared(label);
    for (let k = 0; k < Math.min(2, keywords.length); k++) shared(keywords[k] as string);
  }
  shared(incident.disclosed?.slice(0, 4) ?? '');
  shared(incident.occurred?.start.slice(0, 4) ?? '');
}

interface Posting {
  records: Int32Array;
  frequencies: Uint16Array;
}

export interface TextIndexOptions {
  /**
   * The index answers a query or two and is dropped (`breachbot ask`). Numbering every word of every
   * record up front was most of that command's time; instead, each record's folded text is kept, and
   * a query term's records are found when it is first asked, by looking for the term in those texts.
   * Same postings, same scores, in the same order (test/search/text-index.test.ts); far slower per
   * new term, so the bot, which answers many, builds every posting at start.
   */
  fewQueries?: boolean;
}

/**
 * A BM25 index over each incident's descriptive text, for questions that describe an incident
 * rather than name it ("kansas child patient prescription breach"). Fuzzy matching over 90-word
 * descriptions is what made plain fuse.js slow and imprecise; exact stemmed words are enough here.
 */
export class TextIndex {
  /** Every term's posting; with `fewQueries`, those of the terms asked so far (undefined: none). */
  private readonly postings = new Map<string, Posting | undefined>();
  /** With `fewQueries`: each record's text, folded as far as `foldCharacters` goes. */
  private readonly texts: string[] | undefined;
  private readonly lengths: Float32Array;
  private readonly averageLength: number;
  private readonly accumulator: Float32Array;
  /** Records touched by the current query; reused so that a query allocates nothing per record. */
  private readonly touched: Int32Array;

  constructor(incidents: readonly Incident[], options: TextIndexOptions = {}) {
    this.lengths = new Float32Array(incidents.length);
    this.accumulator = new Float32Array(incidents.length);
    this.touched = new Int32Array(incidents.length);
    let totalLength: number;
    if (options.fewQueries) {
      this.texts = [];
      totalLength = this.keepTexts(incidents, this.texts);
    } else {
      totalLength = this.buildPostings(incidents);
    }
    this.averageLength = incidents.length > 0 ? totalLength / incidents.length : 1;
  }

  /** Fills `texts` and `lengths` with each record's folded text and its number of words; returns their total. */
  private keepTexts(incidents: readonly Incident[], texts: string[]): number {
    // A text thousands of records share (a label, a state, a year) is folded and counted once.
    const sharedTexts = new Map<string, { folded: string; words: number }>();
    let parts: string[] = [];
    let words = 0;
    const own = (text: string) => {
      const folded = foldCharacters(text);
      parts.push(folded);
      words += countWords(folded);
    };
    const shared = (text: string) => {
      let known = sharedTexts.get(text);
      if (!known) {
        const folded = foldCharacters(text);
        known = { folded, words: countWords(folded) };
        sharedTexts.set(text, known);
      }
      parts.push(known.folded);
      words += known.words;
    };
    let totalLength = 0;
    incidents.forEach((incident, record) => {
      parts = [];
      words = 0;
      visitText(incident, own, shared);
      // A space between parts keeps their words apart, as folding each part on its own does.
      texts.push(parts.join(' '));
      this.lengths[record] = words;
      totalLength += words;
    });
    return totalLength;
  }

  /** Builds every term's posting and fills `lengths`; returns the number of words of all records. */
  private buildPostings(incidents: readonly Incident[]): number {
    // The words of `searchableText`, part by part: a part never folds differently on its own.
    const table = new TermTable();
    const own = (text: string) => table.add(text);
    const shared = (text: string) => table.addShared(text);
    const recordEnds = new Int32Array(incidents.length);
    incidents.forEach((incident, recordIndex) => {
      visitText(incident, own, shared);
      recordEnds[recordIndex] = table.tokenCount;
    });
    const tokens = table.tokens;

    // Postings laid out in two flat arrays, each term's a slice, in record order: counted first,
    // then filled, so that no list grows one record at a time.
    const termCount = table.terms.length;
    const lastRecord = new Int32Array(termCount).fill(-1);
    const documentFrequency = new Int32Array(termCount);
    let start = 0;
    for (let record = 0; record < incidents.length; record++) {
      const end = recordEnds[record] as number;
      for (let i = start; i < end; i++) {
        const term = tokens[i] as number;
        if (lastRecord[term] !== record) {
          lastRecord[term] = record;
          documentFrequency[term] = (documentFrequency[term] as number) + 1;
        }
      }
      start = end;
    }
    const offsets = new Int32Array(termCount + 1);
    for (let term = 0; term < termCount; term++) {
      offsets[term + 1] = (offsets[term] as number) + (documentFrequency[term] as number);
    }
    const postingRecords = new Int32Array(offsets[termCount] as number);
    const postingFrequencies = new Uint16Array(postingRecords.length);
    const cursor = offsets.slice(0, termCount);
    lastRecord.fill(-1);
    start = 0;
    for (let record = 0; record < incidents.length; record++) {
      const end = recordEnds[record] as number;
      this.lengths[record] = end - start;
      for (let i = start; i < end; i++) {
        const term = tokens[i] as number;
        if (lastRecord[term] !== record) {
          lastRecord[term] = record;
          const at = (cursor[term] as number) + 1;
          cursor[term] = at;
          postingRecords[at - 1] = record;
          postingFrequencies[at - 1] = 1;
        } else {
          const at = (cursor[term] as number) - 1;
          if ((postingFrequencies[at] as number) < MAX_FREQUENCY)
            postingFrequencies[at] = (postingFrequencies[at] as number) + 1;
        }
      }
      start = end;
    }
    table.terms.forEach((term, id) => {
      const from = offsets[id] as number;
      const to = offsets[id + 1] as number;
      this.postings.set(term, {
        records: postingRecords.subarray(from, to),
        frequencies: postingFrequencies.subarray(from, to),
      });
    });
    return table.tokenCount;
  }

  /** The records whose text has a word stemming to `term`, in record order, with how often. */
  private posting(term: string): Posting | undefined {
    const texts = this.texts;
    if (!texts || this.postings.has(term)) return this.postings.get(term);
    const posting = findPosting(texts, term);
    this.postings.set(term, posting);
    return posting;
  }

  /**
   * BM25 over the terms: the `k` best records that `accept` lets through, and the scores of
   * `alsoFor` (the name stage's candidates), so the caller never handles every record touched.
   */
  score(
    terms: readonly string[],
    { k, accept, alsoFor = [] }: { k: number; accept: (record: number) => boolean; alsoFor?: Iterable<number> },
  ): { top: { item: number; score: number }[]; scores: Map<number, number> } {
    const total = this.lengths.length;
    const touched = this.touched;
    let touchedCount = 0;
    for (const term of new Set(terms.map(stem))) {
      const posting = this.posting(term);
      if (!posting || posting.records.length > total * MAX_DOCUMENT_SHARE) continue;
      const count = posting.records.length;
      const idf = Math.log(1 + (total - count + 0.5) / (count + 0.5));
      for (let i = 0; i < count; i++) {
        const record = posting.records[i] as number;
        const frequency = posting.frequencies[i] as number;
        const norm = K1 * (1 - B + (B * (this.lengths[record] as number)) / this.averageLength);
        if (this.accumulator[record] === 0) touched[touchedCount++] = record;
        this.accumulator[record] =
          (this.accumulator[record] as number) + (idf * (frequency * (K1 + 1))) / (frequency + norm);
      }
    }
    const best = new TopK(k);
    for (let i = 0; i < touchedCount; i++) {
      const record = touched[i] as number;
      if (accept(record)) best.offer(record, this.accumulator[record] as number);
    }
    const top = best.sorted();
    const scores = new Map(top.map(({ item, score }) => [item, score]));
    for (const record of alsoFor) scores.set(record, this.accumulator[record] as number);
    for (let i = 0; i < touchedCount; i++) this.accumulator[touched[i] as number] = 0;
    return { top, scores };
  }
}

/** A word said this often in one record counts as said this often: frequencies are 16 bits. */
const MAX_FREQUENCY = 65_535;

/** How many words `foldText` makes of a text `foldCharacters` folded: its runs of a-z and 0-9. */
function countWords(folded: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < folded.length; i++) {
    const isWord = isWordCode(folded.charCodeAt(i));
    if (isWord && !inWord) count++;
    inWord = isWord;
  }
  return count;
}

/**
 * `term`'s posting among folded texts, as the full build makes it. A word stems to `term` only if it
 * starts with all of `term` but its last letter (`stem` drops endings, or turns "ies" into "y"), so
 * only the words starting so are cut and stemmed.
 */
function findPosting(texts: readonly string[], term: string): Posting | undefined {
  if (term.length === 0 || term.length > MAX_TERM_LENGTH) return undefined;
  for (let i = 0; i < term.length; i++) if (!isWordCode(term.charCodeAt(i))) return undefined;
  const probe = term.length > 1 ? term.slice(0, -1) : term;
  const records: number[] = [];
  const frequencies: number[] = [];
  texts.forEach((text, record) => {
    let frequency = 0;
    for (let at = text.indexOf(probe); at >= 0; ) {
      if (at > 0 && isWordCode(text.charCodeAt(at - 1))) {
        at = text.indexOf(probe, at + 1);
        continue;
      }
      let end = at + probe.length;
      while (end < text.length && isWordCode(text.charCodeAt(end))) end++;
      if (stem(text.slice(at, Math.min(end, at + MAX_TERM_LENGTH))) === term) frequency++;
      at = text.indexOf(probe, end);
    }
    if (frequency > 0) {
      records.push(record);
      frequencies.push(Math.min(frequency, MAX_FREQUENCY));
    }
  });
  if (records.length === 0) return undefined;
  return { records: Int32Array.from(records), frequencies: Uint16Array.from(frequencies) };
}
