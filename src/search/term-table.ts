import { foldCharacters } from '../incidents/organization-name.js';
import { MAX_TERM_LENGTH, stem } from './text-normalizer.js';

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/**
 * Numbers the stemmed terms of many texts, for building the description index: each text gives the
 * terms of `words(text)` stemmed, in order. Building the index over the shipped data turns about
 * 800,000 words into terms; with a string, a stem and a map look-up per word that was most of the
 * build. Here each word is hashed while the folded text is scanned and looked up among the words seen
 * so far, so a string is made, and stemmed, only for a word not seen before.
 */
export class TermTable {
  /** Stemmed terms by id. */
  readonly terms: string[] = [];
  /**
   * The term ids of every text added, in order, in `tokens[0 .. tokenCount)`. A typed array: pushing
   * hundreds of thousands of numbers onto a plain array cost more than the scan that finds them.
   */
  tokens = new Int32Array(1 << 16);
  tokenCount = 0;
  private readonly termIds = new Map<string, number>();
  /** Open addressing: word number + 1, or 0 for a free slot. */
  private slots = new Int32Array(1 << 15);
  private readonly wordText: string[] = [];
  private readonly wordHash: number[] = [];
  private readonly wordTerm: number[] = [];
  private readonly sharedTexts = new Map<string, Int32Array>();

  /** Appends the term ids of the words of `text` to `tokens`. */
  add(text: string): void {
    // The words of `foldText(text)` are the runs of a-z and 0-9 here (see `foldCharacters`).
    const folded = foldCharacters(text);
    const length = folded.length;
    for (let start = 0; start < length; ) {
      if (!isWordCode(folded.charCodeAt(start))) {
        start++;
        continue;
      }
      let end = start + 1;
      while (end < length && isWordCode(folded.charCodeAt(end))) end++;
      // `words` cuts a word at MAX_TERM_LENGTH: hash and compare only what it keeps.
      const cut = Math.min(end, start + MAX_TERM_LENGTH);
      let hash = FNV_OFFSET;
      for (let i = start; i < cut; i++) hash = Math.imul(hash ^ folded.charCodeAt(i), FNV_PRIME);
      this.push(this.termOf(folded, start, cut, hash));
      start = end + 1;
    }
  }

  /**
   * As `add`, for a text thousands of records share (a label, a state, a year): its terms are
   * remembered, so it is folded once.
   */
  addShared(text: string): void {
    const ids = this.sharedTexts.get(text);
    if (ids) {
      for (let i = 0; i < ids.length; i++) this.push(ids[i] as number);
    } else {
      const from = this.tokenCount;
      this.add(text);
      this.sharedTexts.set(text, this.tokens.slice(from, this.tokenCount));
    }
  }

  private push(id: number): void {
    if (this.tokenCount === this.tokens.length) {
      const grown = new Int32Array(this.tokens.length * 2);
      grown.set(this.tokens);
      this.tokens = grown;
    }
    this.tokens[this.tokenCount++] = id;
  }

  private termOf(folded: string, start: number, end: number, hash: number): number {
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    for (let entry = this.slots[slot] as number; entry !== 0; entry = this.slots[slot] as number) {
      const word = entry - 1;
      if (this.wordHash[word] === hash && sameWord(this.wordText[word] as string, folded, start, end)) {
        return this.wordTerm[word] as number;
      }
      slot = (slot + 1) & mask;
    }
    const text = folded.slice(start, end);
    const term = stem(text);
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.terms.push(term);
      this.termIds.set(term, id);
    }
    this.slots[slot] = this.wordText.push(text);
    this.wordHash.push(hash);
    this.wordTerm.push(id);
    if (this.wordText.length * 2 > this.slots.length) this.grow();
    return id;
  }

  private grow(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    const mask = this.slots.length - 1;
    this.wordHash.forEach((hash, word) => {
      let slot = hash & mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
      this.slots[slot] = word + 1;
    });
  }
}

/** a-z or 0-9: what `foldText` keeps of a word. */
export function isWordCode(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
}

function sameWord(word: string, text: string, start: number, end: number): boolean {
  if (word.length !== end - start) return false;
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  return true;
}
