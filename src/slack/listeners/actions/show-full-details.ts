import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Answer } from '../../../answer/types.js';
import { fullDetailsMessage, incidentModalView } from '../../../views/blocks/answer-message.js';
import { readFullDetailsValue } from '../../../views/blocks/ids.js';
import type { ListenerDeps } from '../../listener-deps.js';
import { describeSlackFailure } from '../../slack-errors.js';
import { GONE_TEXT, isIncidentId } from './incident-button.js';

type IncidentAnswer = Extract<Answer, { kind: 'incident' }>;

/**
 * The incident's answer as the question gave it, close matches included; the card alone when the
 * question now finds something else (the data was replaced since) or the value was tampered with.
 */
function answerFor({ service }: ListenerDeps, body: BlockAction): IncidentAnswer | undefined {
  const action = body.actions[0] as ButtonAction | undefined;
  const { incidentId, query } = readFullDetailsValue(action?.value ?? '');
  if (!isIncidentId(incidentId)) return undefined;
  const asked = query ? service.answer(query) : undefined;
  if (asked?.kind === 'incident' && asked.match.incident.id === incidentId) return asked;
  const card = service.incidentAnswer(incidentId);
  return card?.kind === 'incident' ? card : undefined;
}

/** "Full details" on a short card: the whole card, ephemeral, under the short one. */
export function showFullDetailsCallback(deps: ListenerDeps) {
  return async ({ ack, body, respond, client, logger }: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>) => {
    await ack();
    const answer = answerFor(deps, body);
    if (body.container?.type === 'view') {
      // A view has no response_url: the full card opens over it instead.
      if (!answer) return;
      try {
        await client.views.push({ trigger_id: body.trigger_id, view: incidentModalView(answer) });
      } catch (error) {
        logger.warn('full details: could not open the card', { error: describeSlackFailure(error) });
      }
      return;
    }
    await respond(
      answer
        ? { response_type: 'ephemeral', replace_original: false, ...fullDetailsMessage(answer) }
        : { response_type: 'ephemeral', replace_original: false, text: GONE_TEXT },
    );
  };
}
