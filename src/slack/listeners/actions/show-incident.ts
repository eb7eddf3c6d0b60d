import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { answerMessage } from '../../../views/blocks/answer-message.js';
import type { ListenerDeps } from '../../listener-deps.js';
import { GONE_TEXT, incidentIdFrom } from './incident-button.js';

/**
 * "Show" on a close match or a list line: that incident's card, ephemeral. A click on the Home tab
 * has no response_url, so there the card goes to the app's messages tab instead.
 */
export function showIncidentCallback({ service }: ListenerDeps) {
  return async ({ ack, body, respond, client }: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>) => {
    await ack();
    const answer = service.incidentAnswer(incidentIdFrom(body) ?? '');
    if (body.container?.type === 'view') {
      await client.chat.postMessage({
        channel: body.user.id,
        ...(answer ? answerMessage(answer) : { text: GONE_TEXT }),
      });
      return;
    }
    await respond(
      answer
        ? { response_type: 'ephemeral', replace_original: false, ...answerMessage(answer) }
        : { response_type: 'ephemeral', replace_original: false, text: GONE_TEXT },
    );
  };
}
