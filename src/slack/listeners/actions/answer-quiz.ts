import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { noticeMessage } from '../../../views/blocks/digest-admin.js';
import { readQuizAnswerValue } from '../../../views/blocks/ids.js';
import { QUIZZES_NEED_STORE, quizAnswerMessage } from '../../../views/blocks/quiz-message.js';
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
      logger.warn('quiz answer: no store, or a button value breachbot did not make', {
        value: action?.value?.slice(0, 40),
      });
      const message = quizzes ? quizAnswerMessage({ kind: 'unknown-quiz' }) : noticeMessage(QUIZZES_NEED_STORE);
      await respond({ response_type: 'ephemeral', replace_original: false, ...message });
      return;
    }
    const reply = await quizzes.answer({ ...value, userId: body.user.id });
    await respond({ response_type: 'ephemeral', replace_original: false, ...quizAnswerMessage(reply) });
  };
}
