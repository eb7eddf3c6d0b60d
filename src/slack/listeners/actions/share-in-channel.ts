import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { channelProblemText } from '../../../views/blocks/channel-problem.js';
import { sharedCardMessage } from '../../../views/blocks/shared-card.js';
import { DOUBLE_CLICK_MS, requestKey } from '../../event-deduper.js';
import type { ListenerDeps } from '../../listener-deps.js';
import { describeSlackFailure, slackErrorCode } from '../../slack-errors.js';
import { GONE_TEXT, incidentIdFrom } from './incident-button.js';

/**
 * "Share in channel": the public card, with who shared it, the lessons and a discussion question.
 * Once per request, however often it is replayed, and once per double click: each would be another
 * public card.
 */
export function shareInChannelCallback({ service, deduper }: ListenerDeps) {
  return async ({ ack, body, client, respond, logger }: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>) => {
    await ack();
    const incidentId = incidentIdFrom(body) ?? '';
    const channel = body.channel?.id;
    const click = `share-click:${channel}:${body.container?.message_ts}:${body.user.id}:${incidentId}`;
    if (!(await deduper.firstTime(requestKey('share', body))) || !(await deduper.firstTime(click, DOUBLE_CLICK_MS))) {
      logger.info('share in channel: a repeat of a share already handled, ignored', { channel });
      return;
    }
    const incident = service.incident(incidentId);
    if (!incident || !channel) {
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: incident ? channelProblemText('channel_not_found') : GONE_TEXT,
      });
      return;
    }
    try {
      const message = sharedCardMessage(incident, service.stepsFor(incident), { sharedBy: body.user.id });
      await client.chat.postMessage({ channel, ...message });
    } catch (error) {
      const code = slackErrorCode(error);
      logger.warn('share in channel failed', { channel, code: describeSlackFailure(error) });
      await respond({ response_type: 'ephemeral', replace_original: false, text: channelProblemText(code) });
    }
  };
}
