import type { RankedList } from '../../answer/list-question.js';
import type { Incident } from '../../incidents/model.js';
import { RANKED_LIST_NONE_TIP, rankedListHeadline, rankedListMore, rankedListNote } from '../ranked-list-wording.js';

/** A list answer for the terminal: the same lines as in Slack, each incident with its id to ask for it. */
export function renderRankedList(list: RankedList, line: (incident: Incident) => string): string {
  const note = rankedListNote(list);
  const more = rankedListMore(list);
  return [
    rankedListHeadline(list),
    ...(note ? [note] : []),
    ...(list.total === 0 ? [RANKED_LIST_NONE_TIP] : []),
    ...list.incidents.map((incident, index) => `  ${index + 1}. ${line(incident)}`),
    ...(more ? [more] : []),
  ].join('\n');
}
