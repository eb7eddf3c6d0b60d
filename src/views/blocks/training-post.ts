import type { KnownBlock } from '@slack/types';
import type { ProtectiveSteps } from '../../answer/types.js';
import type { Incident } from '../../incidents/model.js';
import type { QuizRecord } from '../../training/records.js';
import type { SlackMessage } from './answer-message.js';
import { context } from './elements.js';
import { shortCardBlocks } from './incident-card.js';
import { FALLBACK_TEXT_MAX } from './limits.js';
import { escapeMrkdwn, escapeWithin } from './mrkdwn.js';
import { quizBlocks } from './quiz-message.js';
import { discussionBlocks, lessonsBlocks } from './shared-card.js';

export interface TrainingPostInput {
  incident: Incident;
  steps: ProtectiveSteps;
  /** The channel's quiz on the incident, already stored. */
  record: QuizRecord;
  /** Why this incident this week ("a vendor on your watchlist"), in plain words. */
  reason?: string;
  /** For `/breach training preview`: the questions as text with the answers marked, no buttons. */
  preview?: boolean;
}

/**
 * The weekly training post: the short card, its lessons and a question to discuss, then the quiz.
 * One message, so that the delivery's exactly-once record covers all of it.
 */
export function trainingPostMessage({
  incident,
  steps,
  record,
  reason,
  preview = false,
}: TrainingPostInput): SlackMessage {
  const blocks: KnownBlock[] = [
    context([escapeMrkdwn(["This week's breach training", reason].filter(Boolean).join(' · '))]),
    ...shortCardBlocks(incident, steps),
    ...lessonsBlocks(incident.lessons),
    ...discussionBlocks(incident),
    ...quizBlocks(record, { preview }),
  ];
  return { text: escapeWithin(`This week's breach training: ${incident.organization}`, FALLBACK_TEXT_MAX), blocks };
}
