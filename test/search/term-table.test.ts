import { describe, expect, it } from 'vitest';
import { TermTable } from '../../src/search/term-table.js';
import { stem, words } from '../../src/search/text-normalizer.js';

/** The terms the table gave for one text, as strings. */
function termsOf(table: TermTable, add: (text: string) => void, text: string): string[] {
  const from = table.tokenCount;
  add(text);
  return [...table.tokens.slice(from, table.tokenCount)].map((id) => table.terms[id] as string);
}

const TEXTS = [
  'HealthEC LLC',
  'Children’s Hospital of P.A. & AT&T, Inc.',
  'Ärzte   Zentrum — Zürich',
  '',
  '  ...  ',
  'prescriptions PRESCRIPTION prescription',
  `${'a'.repeat(40)} ${'a'.repeat(33)} ${'a'.repeat(32)}`,
  'Washington WA hacking network server 2023',
];

describe('TermTable', () => {
  it.each(TEXTS)('gives the stemmed words of %j, in order', (text) => {
    const table = new TermTable();
    expect(termsOf(table, (t) => table.add(t), text)).toEqual(words(text).map(stem));
  });

  it('gives a shared text the same terms every time, and the same ids as add', () => {
    const table = new TermTable();
    const added = termsOf(table, (t) => table.add(t), 'New Jersey NJ');
    expect(termsOf(table, (t) => table.addShared(t), 'New Jersey NJ')).toEqual(added);
    expect(termsOf(table, (t) => table.addShared(t), 'New Jersey NJ')).toEqual(added);
  });

  it('numbers each term once, however many words stem to it and however many slots it grows to', () => {
    const table = new TermTable();
    const letters = (n: number) =>
      [0, 1, 2, 3].map((k) => String.fromCharCode(97 + (Math.floor(n / 26 ** k) % 26))).join('');
    // "qqabcdq" and its plural "qqabcdqs" stem alike.
    const text = Array.from({ length: 50_000 }, (_, i) => `qq${letters(i)}q qq${letters(i)}qs`).join(' ');
    termsOf(table, (t) => table.add(t), text);
    expect(table.terms).toHaveLength(50_000);
    expect(new Set(table.terms).size).toBe(50_000);
  });
});
