import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { isGreeting } from '../../../answer/question-intent.js';
import { parseBreachSubcommand } from '../../../digest/parse-digest-command.js';
import { answerMessage, greetingMessage } from '../../../views/blocks/answer-message.js';
import { requestKey } from '../../event-deduper.js';
import type { ListenerDeps } from '../../listener-deps.js';
import { decodeSlackText } from '../../slack-text.js';
import { runDigestSubcommand } from './digest-subcommand.js';
import { runSourcesSubcommand } from './sources-subcommand.js';

const commandSchema = z.object({ text: z.string(), user_id: z.string().min(1), channel_id: z.string().min(1) });

/**
 * `/breach <anything>`: a search is computed in milliseconds, so its answer goes back in the ack
 * itself, ephemeral, well inside Slack's 3 seconds. `digest …` and `watch …` touch the store and
 * may post, and `sources` may read every stored list, so they ack at once and answer through `respond`.
 */
export function breachCommandCallback({ service, digest, sources, deduper }: ListenerDeps) {
  return async ({ command, ack, respond, client, logger }: AllMiddlewareArgs & SlackCommandMiddlewareArgs) => {
    const parsed = commandSchema.safeParse(command);
    if (!parsed.success) {
      logger.warn('breach command: unexpected payload', { issues: parsed.error.issues.length });
      await ack({ response_type: 'ephemeral', text: 'Sorry, I could not read that command. Please try again.' });
      return;
    }
    const { user_id: userId, channel_id: channelId } = parsed.data;
    const text = decodeSlackText(parsed.data.text);
    const subcommand = parseBreachSubcommand(text);
    if (subcommand) {
      await ack();
      if (subcommand.kind === 'sources' || (subcommand.kind === 'usage' && subcommand.topic === 'sources')) {
        await runSourcesSubcommand(sources, subcommand, { respond, logger });
      } else if (await deduper.firstTime(requestKey('command', command))) {
        await runDigestSubcommand(digest, subcommand, { channelId, userId, respond, client, logger });
      } else {
        // A replay (the same signed request again) must not turn a digest back on after `off`.
        logger.info('breach command: a repeat of a request already handled, ignored', { channel: channelId });
      }
      return;
    }
    const message = isGreeting(text) ? greetingMessage() : answerMessage(service.answer(text));
    await ack({ response_type: 'ephemeral', ...message });
    logger.debug('breach command answered', { user: userId });
  };
}
