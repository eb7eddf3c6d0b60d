import type { RankedList } from '../answer/list-question.js';
import { formatCount } from './incident-facts.js';

/**
 * The words of a list answer, the same in Slack, the terminal and `--json`: what was understood
 * comes first, so that a question read wrongly shows it at once.
 */
export function rankedListHeadline(list: RankedList): string {
  if (list.total === 0) return `${list.title}: none in the data.`;
  const incidents = list.total === 1 ? '1 incident' : `${formatCount(list.total)} incidents`;
  const people = list.individuals > 0 ? `, ${formatCount(list.individuals)} people affected` : '';
  return `${list.title}: ${incidents}${people}.`;
}

/** How the records were picked where no field says so, and the ranking: "Hospitals matched by name; …". */
export function rankedListNote(list: RankedList): string | undefined {
  if (list.notes.length === 0) return undefined;
  const text = list.notes.join('; ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** The line under the shown incidents when there are more. */
export function rankedListMore(list: RankedList): string | undefined {
  const left = list.total - list.incidents.length;
  if (left <= 0) return undefined;
  return `…and ${formatCount(left)} more. Narrow it with a state, a year or a kind of organisation, e.g. "hospital breaches in Ohio last year".`;
}

/** Shown when nothing matched: the question was understood, so say what could widen it. */
export const RANKED_LIST_NONE_TIP =
  'Try a wider question: leave out the kind of organisation or the year, or ask for a state by its name.';
