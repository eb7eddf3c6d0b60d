import { foldText } from '../incidents/organization-name.js';

/** Words this long or longer are cut: nothing in the data is longer, and it bounds work per query. */
export const MAX_TERM_LENGTH = 32;

/** Folded words of a text (lowercase ASCII, no punctuation). */
export function words(text: string): string[] {
  const folded = foldText(text);
  return folded ? folded.split(' ').map((word) => word.slice(0, MAX_TERM_LENGTH)) : [];
}

/**
 * A light English stemmer for descriptive text: enough that "prescriptions" finds "prescription"
 * and "children" finds "child", without the surprises of a full Porter stemmer on names.
 */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  if (word === 'children') return 'child';
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(?:ss|us|is)$/.test(word)) return word;
  if (/(?:ches|shes|xes|sses)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s')) return word.slice(0, -1);
  return word;
}
