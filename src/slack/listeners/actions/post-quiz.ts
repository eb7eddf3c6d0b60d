import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { channelProblemText } from '../../../views/blocks/channel-problem.js';
import { QUIZZES_NEED_STORE, quizTooFewFactsMessage } from '../../../views/blocks/quiz-message.js';
import { DOUBLE_CLICK_MS, requestKey } from '../../event-deduper.js';
import type { ListenerDeps } from '../../listener-deps.js';
import { postQuiz } from '../../quiz-posting.js';
import { describeSlackFailure, slackErrorCode } from '../../slack-errors.js';
import { GONE_TEXT, incidentIdFrom } from './incident-button.js';

/**
 * "Quiz the channel on this" under a shared card: posts a quiz on the incident in the channel, with
 * the person who clicked as its trainer. Once per request and per double click, as sharing is.
 */
export function postQuizCallback({ service, quizzes, deduper }: ListenerDeps) {
  return async ({ ack, body, client, respond, logger }: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>) => {
    await ack();
    const tell = (text: string) => respond({ response_type: 'ephemeral', replace_original: false, text });
    const incidentId = incidentIdFrom(body) ?? '';
    const channel = body.channel?.id;
    const click = `quiz-click:${channel}:${body.container?.message_ts}:${body.user.id}:${incidentId}`;
    if (!(await deduper.firstTime(requestKey('quiz', body))) || !(await deduper.firstTime(click, DOUBLE_CLICK_MS))) {
      logger.info('quiz: a repeat of a click already handled, ignored', { channel });
      return;
    }
    if (!quizzes) {
      await tell(QUIZZES_NEED_STORE);
      return;
    }
    const incident = service.incident(incidentId);
    if (!incident || !channel) {
      await tell(incident ? channelProblemText('channel_not_found', 'quiz') : GONE_TEXT);
      return;
    }
    const posted = await quizzes.post(incident, channel, body.user.id);
    if (posted.kind === 'too-few-facts') {
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        ...quizTooFewFactsMessage(posted.organization, posted.questions),
      });
      return;
    }
    try {
      await postQuiz(client, posted.record);
      logger.info('quiz posted', { quiz: posted.record.quizId, channel });
    } catch (error) {
      logger.warn('quiz: posting in the channel failed', { channel, code: describeSlackFailure(error) });
      await tell(channelProblemText(slackErrorCode(error), 'quiz'));
    }
  };
}
