import type { KnownBlock } from '@slack/types';
import type { ProtectiveSteps } from '../../answer/types.js';
import type { Incident } from '../../incidents/model.js';
import type { SlackMessage } from './answer-message.js';
import { actions, button, context, section } from './elements.js';
import { ACTION_QUIZ } from './ids.js';
import { incidentCardBlocks } from './incident-card.js';
import { FALLBACK_TEXT_MAX, linesWithin, SECTION_TEXT_MAX } from './limits.js';
import { escapeMrkdwn, escapeWithin, userMention } from './mrkdwn.js';

export interface ShareOptions {
  /** The Slack user id of who shared it. */
  sharedBy: string;
  /** What the trainer wrote in the share modal. */
  note?: string;
}

/** Imported records have no question of their own; this one works for any incident. */
export const DEFAULT_DISCUSSION_QUESTION =
  'Could something like this happen here, and what would each of us do in the first hour?';

/**
 * The public card a trainer shares: who shared it and why, the card, lessons, a question to discuss,
 * and one button, which posts a quiz on the incident.
 */
export function sharedCardMessage(
  incident: Incident,
  steps: ProtectiveSteps,
  { sharedBy, note }: ShareOptions,
): SlackMessage {
  const blocks: KnownBlock[] = [
    context([`Shared by ${userMention(sharedBy)}`]),
    ...noteBlocks(note),
    ...incidentCardBlocks(incident, steps),
    ...lessonsBlocks(incident.lessons),
    ...discussionBlocks(incident),
    actions([button({ text: 'Quiz the channel on this', actionId: ACTION_QUIZ, value: incident.id })]),
  ];
  return { text: escapeWithin(`Incident card: ${incident.organization}`, FALLBACK_TEXT_MAX), blocks };
}

/** The note as a quote; each line quoted, since `>` quotes one line only. */
function noteBlocks(note: string | undefined): KnownBlock[] {
  const trimmed = note?.trim();
  if (!trimmed) return [];
  const quoted = trimmed
    .split('\n')
    .map((line) => `>${escapeMrkdwn(line)}`)
    .join('\n');
  return [section(quoted)];
}

export function discussionBlocks(incident: Incident): KnownBlock[] {
  return [section(`*To discuss*\n${escapeMrkdwn(incident.discussionQuestion ?? DEFAULT_DISCUSSION_QUESTION)}`)];
}

export function lessonsBlocks(lessons: readonly string[]): KnownBlock[] {
  if (lessons.length === 0) return [];
  const lines = ['*Lessons for staff*', ...lessons.map((lesson) => `• ${escapeMrkdwn(lesson)}`)];
  return [section(linesWithin(lines, SECTION_TEXT_MAX, (left) => `…and ${left} more lessons`))];
}
