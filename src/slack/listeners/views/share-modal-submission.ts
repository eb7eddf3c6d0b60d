import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { BLOCK_SHARE_CHANNEL, BLOCK_SHARE_INCIDENT, BLOCK_SHARE_NOTE } from '../../../views/blocks/ids.js';
import { NOTE_MAX_LENGTH, readShareSubmission, type ShareModalValues } from '../../../views/blocks/share-modal.js';
import { sharedCardMessage } from '../../../views/blocks/shared-card.js';
import type { ListenerDeps } from '../../listener-deps.js';
import { channelProblemText, slackErrorCode } from '../../slack-errors.js';

/**
 * Submit on the share modal. The card is posted before the modal closes, so that a channel the bot
 * cannot post in shows as an error next to the channel picker instead of failing silently.
 */
export function shareModalSubmissionCallback({ service }: ListenerDeps) {
  return async ({ ack, view, body, client, logger }: AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>) => {
    const submission = readShareSubmission(view.state.values as ShareModalValues);
    const incident = submission.incidentId ? service.incident(submission.incidentId) : undefined;
    const { channel, note } = submission;
    const errors: Record<string, string> = {};
    if (!incident) errors[BLOCK_SHARE_INCIDENT] = 'Pick an incident from the list.';
    if (!channel) errors[BLOCK_SHARE_CHANNEL] = 'Pick a channel to share in.';
    // The input caps the note, but the payload comes from the client: check it here too.
    if (note && note.length > NOTE_MAX_LENGTH)
      errors[BLOCK_SHARE_NOTE] = `Keep the note under ${NOTE_MAX_LENGTH} characters.`;
    if (!incident || !channel || Object.keys(errors).length > 0) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    try {
      const message = sharedCardMessage(incident, service.stepsFor(incident), { sharedBy: body.user.id, note });
      await client.chat.postMessage({ channel, ...message });
      await ack();
    } catch (error) {
      const code = slackErrorCode(error);
      logger.warn('share modal: post failed', { channel, code: code ?? (error as Error).message });
      await ack({ response_action: 'errors', errors: { [BLOCK_SHARE_CHANNEL]: channelProblemText(code) } });
    }
  };
}
