import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { incidentStepsMessage } from '../../../views/blocks/answer-message.js';
import type { ListenerDeps } from '../../listener-deps.js';
import { GONE_TEXT, incidentIdFrom } from './incident-button.js';

/** "Protective steps": the full checklist for the incident's kinds of data, ephemeral. */
export function showStepsCallback({ service }: ListenerDeps) {
  return async ({ ack, body, respond }: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>) => {
    await ack();
    const incident = service.incident(incidentIdFrom(body) ?? '');
    if (!incident) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: GONE_TEXT });
      return;
    }
    await respond({
      response_type: 'ephemeral',
      replace_original: false,
      ...incidentStepsMessage(incident, service.stepsFor(incident)),
    });
  };
}
