import { DATA_TYPE_INFO } from '../incidents/data-types.js';
import { BREACH_TYPE_LABELS, ENTITY_TYPE_LABELS, LOCATION_LABELS } from '../incidents/labels.js';
import type { Incident } from '../incidents/model.js';
import { stateName } from '../incidents/us-states.js';
import { stem, words } from './text-normalizer.js';
import { TopK } from './top-k.js';

const K1 = 1.2;
const B = 0.75;
/** Words in more than this share of records say nothing about which one is meant. */
const MAX_DOCUMENT_SHARE = 0.4;

/** Everything a descriptive question may mention: place, kind of organisation, what happened, what data. */
export function searchableText(incident: Incident): string {
  return [
    incident.organization,
    ...incident.aliases,
    ...incident.relatedOrganizations,
    incident.summary ?? '',
    incident.sector ?? '',
    incident.state ? `${stateName(incident.state)} ${incident.state}` : '',
    incident.entityType ? ENTITY_TYPE_LABELS[incident.entityType] : '',
    ...incident.breachTypes.map((type) => BREACH_TYPE_LABELS[type]),
    ...incident.locations.map((location) => LOCATION_LABELS[location]),
    ...incident.dataTypes.flatMap((type) => [DATA_TYPE_INFO[type].label, ...DATA_TYPE_INFO[type].keywords.slice(0, 2)]),
    incident.disclosed?.slice(0, 4) ?? '',
    incident.occurred?.start.slice(0, 4) ?? '',
  ].join(' ');
}

/**
 * A BM25 index over each incident's descriptive text, for questions that describe an incident
 * rather than name it ("kansas child patient prescription breach"). Fuzzy matching over 90-word
 * descriptions is what made plain fuse.js slow and imprecise; exact stemmed words are enough here.
 */
export class TextIndex {
  private readonly postings = new Map<string, { records: Int32Array; frequencies: Uint16Array }>();
  private readonly lengths: Float32Array;
  private readonly averageLength: number;
  private readonly accumulator: Float32Array;
  /** Records touched by the current query; reused so that a query allocates nothing per record. */
  private readonly touched: Int32Array;

  constructor(incidents: readonly Incident[]) {
    const records = new Map<string, number[]>();
    const frequencies = new Map<string, number[]>();
    this.lengths = new Float32Array(incidents.length);
    let totalLength = 0;
    incidents.forEach((incident, recordIndex) => {
      const counts = new Map<string, number>();
      const tokens = words(searchableText(incident));
      for (const token of tokens) {
        const term = stem(token);
        counts.set(term, (counts.get(term) ?? 0) + 1);
      }
      this.lengths[recordIndex] = tokens.length;
      totalLength += tokens.length;
      for (const [term, count] of counts) {
        const recordList = records.get(term);
        if (recordList) {
          recordList.push(recordIndex);
          (frequencies.get(term) as number[]).push(count);
        } else {
          records.set(term, [recordIndex]);
          frequencies.set(term, [count]);
        }
      }
    });
    for (const [term, recordList] of records) {
      this.postings.set(term, {
        records: Int32Array.from(recordList),
        frequencies: Uint16Array.from(frequencies.get(term) as number[], (n) => Math.min(n, 65_535)),
      });
    }
    this.averageLength = incidents.length > 0 ? totalLength / incidents.length : 1;
    this.accumulator = new Float32Array(incidents.length);
    this.touched = new Int32Array(incidents.length);
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
      const posting = this.postings.get(term);
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
