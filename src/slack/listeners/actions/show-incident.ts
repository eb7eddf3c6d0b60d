import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { answerMessage, incidentModalView } from '../../../views/blocks/answer-message.js';
import type { ListenerDeps } from '../../listener-deps.js';
import { describeSlackFailure } from '../../slack-errors.js';
import { GONE_TEXT, incidentIdFrom } from './incident-button.js';

/**
 * "Show" on a close match or a list line: that incident's card, ephemeral. A click on the Home tab or
 * in a modal has no response_url, and a card sent to the Messages tab would land where the person is
 * not looking: there it opens as a modal, over what they are looking at.
 */
export function showIncidentCallback({ service }: ListenerDeps) {
  return async ({ ack, body, respond, client, logger }: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>) => {
    await ack();
    const answer = service.incidentAnswer(incidentIdFrom(body) ?? '');
    if (body.container?.type === 'view') {
      if (answer?.kind !== 'incident') return;
      const view = incidentModalView(answer);
      try {
        if (body.view?.type === 'modal') await client.views.push({ trigger_id: body.trigger_id, view });
        else await client.views.open({ trigger_id: body.trigger_id, view });
      } catch (error) {
        // A trigger lasts 3 seconds; past it, the app's Messages tab is the one place left to put the card.
        logger.warn('show: could not open the card', { code: describeSlackFailure(error) });
        await client.chat.postMessage({ channel: body.user.id, ...answerMessage(answer) });
      }
      return;
    }
    await respond(
      answer
        ? { response_type: 'ephemeral', replace_original: false, ...answerMessage(answer) }
        : { response_type: 'ephemeral', replace_original: false, text: GONE_TEXT },
    );
  };
}
