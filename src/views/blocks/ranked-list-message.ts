import type { KnownBlock } from '@slack/types';
import type { RankedList } from '../../answer/list-question.js';
import { RANKED_LIST_NONE_TIP, rankedListHeadline, rankedListMore, rankedListNote } from '../ranked-list-wording.js';
import { context, section } from './elements.js';
import { incidentListBlocks } from './incident-card.js';
import { FALLBACK_TEXT_MAX } from './limits.js';
import { bold, escapeMrkdwn, escapeWithin } from './mrkdwn.js';

/**
 * A list answer: what was understood and the count, then the top incidents, each with its "Show"
 * button, then how many more. At most 20 incidents and four other blocks: well inside a message.
 */
export function rankedListMessage(list: RankedList): { text: string; blocks: KnownBlock[] } {
  const headline = rankedListHeadline(list);
  const note = rankedListNote(list);
  const more = rankedListMore(list);
  const blocks: KnownBlock[] = [section(bold(escapeWithin(headline, 2_000)))];
  if (note) blocks.push(context([escapeMrkdwn(note)]));
  if (list.total === 0) blocks.push(context([escapeMrkdwn(RANKED_LIST_NONE_TIP)]));
  // The list is already cut to the incidents asked for; what is left is said below it.
  blocks.push(...incidentListBlocks(list.incidents, list.incidents.length, () => ''));
  if (more) blocks.push(context([escapeMrkdwn(more)]));
  return { text: escapeWithin(headline, FALLBACK_TEXT_MAX), blocks };
}
