import type { App } from '@slack/bolt';
import {
  ACTION_FULL_DETAILS,
  ACTION_QUIZ,
  ACTION_QUIZ_ANSWERS,
  ACTION_QUIZ_RESULTS,
  ACTION_SHARE,
  ACTION_SHOW,
  ACTION_STEPS,
} from '../../../views/blocks/ids.js';
import type { ListenerDeps } from '../../listener-deps.js';
import { answerQuizCallback } from './answer-quiz.js';
import { blockActionDispatcher } from './block-action-dispatcher.js';
import { postQuizCallback } from './post-quiz.js';
import { shareInChannelCallback } from './share-in-channel.js';
import { showFullDetailsCallback } from './show-full-details.js';
import { showIncidentCallback } from './show-incident.js';
import { showQuizResultsCallback } from './show-quiz-results.js';
import { showStepsCallback } from './show-steps.js';

export function register(app: App, deps: ListenerDeps): void {
  const answerQuiz = answerQuizCallback(deps);
  const buttons = blockActionDispatcher({
    [ACTION_SHARE]: shareInChannelCallback(deps),
    [ACTION_STEPS]: showStepsCallback(deps),
    [ACTION_SHOW]: showIncidentCallback(deps),
    [ACTION_FULL_DETAILS]: showFullDetailsCallback(deps),
    [ACTION_QUIZ]: postQuizCallback(deps),
    [ACTION_QUIZ_RESULTS]: showQuizResultsCallback(deps),
    ...Object.fromEntries(ACTION_QUIZ_ANSWERS.map((id) => [id, answerQuiz])),
  });
  app.action(buttons.constraints, buttons.callback);
}
