import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { channelProblemText } from '../../../views/blocks/channel-problem.js';
import { sharedCardMessage } from '../../../views/blocks/shared-card.js';
import type { ListenerDeps } from '../../listener-deps.js';
import { slackErrorCode } from '../../slack-errors.js';
import { GONE_TEXT, incidentIdFrom } from './incident-button.js';

/** "Share in channel": the public card, with who shared it, the lessons and a discussion question. */
export function shareInChannelCallback({ service }: ListenerDeps) {
  return async ({ ack, body, client, respond, logger }: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>) => {
    await ack();
    const incident = service.incident(incidentIdFrom(body) ?? '');
    const channel = body.channel?.id;
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
      logger.warn('share in channel failed', { channel, code: code ?? (error as Error).message });
      await respond({ response_type: 'ephemeral', replace_original: false, text: channelProblemText(code) });
    }
  };
}
