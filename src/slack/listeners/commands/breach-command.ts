import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { answerMessage } from '../../../views/blocks/answer-message.js';
import type { ListenerDeps } from '../../listener-deps.js';

const commandSchema = z.object({ text: z.string(), user_id: z.string().min(1) });

/**
 * `/breach <anything>`: the answer is computed in milliseconds, so it goes back in the ack itself,
 * ephemeral, well inside Slack's 3 seconds.
 */
export function breachCommandCallback({ service }: ListenerDeps) {
  return async ({ command, ack, logger }: AllMiddlewareArgs & SlackCommandMiddlewareArgs) => {
    const parsed = commandSchema.safeParse(command);
    if (!parsed.success) {
      logger.warn('breach command: unexpected payload', { issues: parsed.error.issues.length });
      await ack({ response_type: 'ephemeral', text: 'Sorry, I could not read that command. Please try again.' });
      return;
    }
    const message = answerMessage(service.answer(parsed.data.text));
    await ack({ response_type: 'ephemeral', ...message });
    logger.debug('breach command answered', { user: parsed.data.user_id });
  };
}
