import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { readQuizId } from '../../../training/quiz-id.js';
import { noticeMessage } from '../../../views/blocks/digest-admin.js';
import {
  QUIZZES_NEED_STORE,
  quizResultsMessage,
  quizResultsRefusedMessage,
  quizUnknownMessage,
} from '../../../views/blocks/quiz-message.js';
import type { ListenerDeps } from '../../listener-deps.js';

/** "Results (trainer)" under a quiz: the tally for its trainer or an admin, ephemeral; anyone else learns whose it is. */
export function showQuizResultsCallback({ quizzes }: ListenerDeps) {
  return async ({ ack, body, respond }: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>) => {
    await ack();
    const action = body.actions[0] as ButtonAction | undefined;
    const quizId = readQuizId(action?.value ?? '');
    const results = quizzes && quizId ? await quizzes.results(quizId, body.user.id) : undefined;
    const message = !quizzes
      ? noticeMessage(QUIZZES_NEED_STORE)
      : results === undefined || results.kind === 'unknown-quiz'
        ? quizUnknownMessage(quizId ?? '')
        : results.kind === 'refused'
          ? quizResultsRefusedMessage(results.record)
          : quizResultsMessage(results.record, results.tally);
    await respond({ response_type: 'ephemeral', replace_original: false, ...message });
  };
}
