import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { readQuizAnswerValue } from '../../../views/blocks/ids.js';
import { quizAnswerMessage } from '../../../views/blocks/quiz-message.js';
import type { ListenerDeps } from '../../listener-deps.js';

/**
 * A choice under a quiz question: recorded if it is the person's first answer to it, and the verdict
 * told to them alone. The quiz message itself never changes, so nobody sees anyone else's answer.
 */
export function answerQuizCallback({ quizzes }: ListenerDeps) {
  return async ({ ack, body, respond, logger }: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>) => {
    await ack();
    const action = body.actions[0] as ButtonAction | undefined;
    const value = typeof action?.value === 'string' ? readQuizAnswerValue(action.value) : undefined;
    if (!quizzes || !value) {
      logger.warn('quiz answer: unreadable button or no store', { value: action?.value?.slice(0, 40) });
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        ...quizAnswerMessage({ kind: 'unknown-quiz' }),
      });
      return;
    }
    const reply = await quizzes.answer({ ...value, userId: body.user.id });
    await respond({ response_type: 'ephemeral', replace_original: false, ...quizAnswerMessage(reply) });
  };
}
