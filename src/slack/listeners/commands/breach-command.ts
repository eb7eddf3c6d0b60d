import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { isGreeting } from '../../../answer/question-intent.js';
import { parseBreachSubcommand } from '../../../digest/parse-digest-command.js';
import { parseQuizCommand } from '../../../training/parse-quiz-command.js';
import { parseTrainingCommand } from '../../../training/parse-training-command.js';
import { answerMessage, greetingMessage } from '../../../views/blocks/answer-message.js';
import { requestKey } from '../../event-deduper.js';
import type { ListenerDeps } from '../../listener-deps.js';
import { decodeSlackText } from '../../slack-text.js';
import { runDigestSubcommand } from './digest-subcommand.js';
import { runQuizSubcommand } from './quiz-subcommand.js';
import { runSourcesSubcommand } from './sources-subcommand.js';
import { runTrainingSubcommand } from './training-subcommand.js';

const commandSchema = z.object({ text: z.string(), user_id: z.string().min(1), channel_id: z.string().min(1) });

/**
 * `/breach <anything>`: a search is computed in milliseconds, so its answer goes back in the ack
 * itself, ephemeral, well inside Slack's 3 seconds. `digest …` and `watch …` touch the store and
 * may post, and `sources` may read every stored list, so they ack at once and answer through `respond`.
 */
export function breachCommandCallback(deps: ListenerDeps) {
  const { service, digest, sources, deduper, quizzes, training, askedTopics } = deps;
  return async ({ command, ack, respond, client, logger }: AllMiddlewareArgs & SlackCommandMiddlewareArgs) => {
    const parsed = commandSchema.safeParse(command);
    if (!parsed.success) {
      logger.warn('breach command: unexpected payload', { issues: parsed.error.issues.length });
      await ack({ response_type: 'ephemeral', text: 'Sorry, I could not read that command. Please try again.' });
      return;
    }
    const { user_id: userId, channel_id: channelId } = parsed.data;
    const text = decodeSlackText(parsed.data.text);
    const ctx = { channelId, userId, respond, client, logger };
    const quizCommand = parseQuizCommand(text);
    const trainingCommand = quizCommand ? undefined : parseTrainingCommand(text);
    if (quizCommand || trainingCommand) {
      await ack();
      // A replay must not post a second quiz, send the CSV twice, or turn training back on after `off`.
      if (!(await deduper.firstTime(requestKey('command', command)))) {
        logger.info('breach command: a repeat of a request already handled, ignored', { channel: channelId });
      } else if (quizCommand) {
        await runQuizSubcommand(quizzes, service, quizCommand, ctx);
      } else if (trainingCommand) {
        await runTrainingSubcommand(training, trainingCommand, ctx);
      }
      return;
    }
    const subcommand = parseBreachSubcommand(text);
    if (subcommand) {
      await ack();
      if (subcommand.kind === 'sources' || (subcommand.kind === 'usage' && subcommand.topic === 'sources')) {
        await runSourcesSubcommand(sources, subcommand, { respond, logger });
      } else if (await deduper.firstTime(requestKey('command', command))) {
        await runDigestSubcommand(digest, subcommand, ctx);
      } else {
        // A replay (the same signed request again) must not turn a digest back on after `off`.
        logger.info('breach command: a repeat of a request already handled, ignored', { channel: channelId });
      }
      return;
    }
    const answer = isGreeting(text) ? undefined : service.answer(text);
    await ack({ response_type: 'ephemeral', ...(answer ? answerMessage(answer) : greetingMessage()) });
    logger.debug('breach command answered', { user: userId });
    if (answer) await askedTopics?.note(answer);
  };
}
