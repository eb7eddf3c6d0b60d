import type { AllMiddlewareArgs, RespondFn } from '@slack/bolt';
import type { BreachService } from '../../../answer/breach-service.js';
import type { Incident } from '../../../incidents/model.js';
import type { QuizService } from '../../../services/quizzes.js';
import type { QuizCommand } from '../../../training/parse-quiz-command.js';
import type { SlackMessage } from '../../../views/blocks/answer-message.js';
import { channelProblemText } from '../../../views/blocks/channel-problem.js';
import { noticeMessage } from '../../../views/blocks/digest-admin.js';
import { escapeMrkdwn } from '../../../views/blocks/mrkdwn.js';
import {
  QUIZZES_NEED_STORE,
  quizNoIncidentMessage,
  quizPostedMessage,
  quizResultsNotSentMessage,
  quizResultsRefusedMessage,
  quizResultsSentMessage,
  quizTooFewFactsMessage,
  quizUnknownMessage,
  quizUsageMessage,
} from '../../../views/blocks/quiz-message.js';
import { noRecordLine } from '../../../views/usage.js';
import { postQuiz, sendQuizResults } from '../../quiz-posting.js';
import { describeSlackFailure, slackErrorCode } from '../../slack-errors.js';

export interface QuizCommandContext {
  channelId: string;
  userId: string;
  respond: RespondFn;
  client: AllMiddlewareArgs['client'];
  logger: AllMiddlewareArgs['logger'];
}

/** The one incident the words name, or what to tell the person instead. */
function incidentFor(service: BreachService, query: string): Incident | SlackMessage {
  const answer = service.answer(query);
  if (answer.kind === 'incident') return answer.match.incident;
  if (answer.kind === 'no-record') {
    const maybe =
      answer.suggestions.length > 0 ? ` Did you mean ${answer.suggestions.map(escapeMrkdwn).join(', ')}?` : '';
    return quizNoIncidentMessage(`${escapeMrkdwn(noRecordLine(answer.organization))}${maybe}`);
  }
  return quizNoIncidentMessage(`\`${escapeMrkdwn(query)}\` does not name one incident.`);
}

/**
 * `/breach quiz <incident>` posts a quiz in the channel; `/breach quiz results <id>` sends the trainer
 * the answers as a CSV. After the ack: both touch the store and Slack, so replies go through `respond`.
 */
export async function runQuizSubcommand(
  quizzes: QuizService | undefined,
  service: BreachService,
  command: QuizCommand,
  ctx: QuizCommandContext,
): Promise<void> {
  const reply = (message: SlackMessage) => ctx.respond({ response_type: 'ephemeral', ...message });
  if (command.kind === 'usage') {
    await reply(quizUsageMessage(command.problem));
    return;
  }
  if (!quizzes) {
    await reply(noticeMessage(QUIZZES_NEED_STORE));
    return;
  }
  try {
    if (command.action === 'post') await postFromCommand(quizzes, service, command.query, ctx, reply);
    else await exportResults(quizzes, command.quizId, ctx, reply);
  } catch (error) {
    ctx.logger.error('quiz command failed', { action: command.action, error: (error as Error).message });
    await reply(noticeMessage('Sorry, that did not work. Please try again.'));
  }
}

async function postFromCommand(
  quizzes: QuizService,
  service: BreachService,
  query: string,
  ctx: QuizCommandContext,
  reply: (message: SlackMessage) => Promise<unknown>,
): Promise<void> {
  const found = incidentFor(service, query);
  if (!('id' in found)) {
    await reply(found);
    return;
  }
  const posted = await quizzes.post(found, ctx.channelId, ctx.userId);
  if (posted.kind === 'too-few-facts') {
    await reply(quizTooFewFactsMessage(posted.organization, posted.questions));
    return;
  }
  try {
    await postQuiz(ctx.client, posted.record);
  } catch (error) {
    ctx.logger.warn('quiz: posting in the channel failed', {
      channel: ctx.channelId,
      code: describeSlackFailure(error),
    });
    await reply(noticeMessage(channelProblemText(slackErrorCode(error), 'quiz')));
    return;
  }
  ctx.logger.info('quiz posted', { quiz: posted.record.quizId, channel: ctx.channelId });
  await reply(quizPostedMessage(posted.record, ctx.channelId));
}

async function exportResults(
  quizzes: QuizService,
  quizId: string,
  ctx: QuizCommandContext,
  reply: (message: SlackMessage) => Promise<unknown>,
): Promise<void> {
  const results = await quizzes.results(quizId, ctx.userId);
  if (results.kind === 'unknown-quiz') {
    await reply(quizUnknownMessage(quizId));
    return;
  }
  if (results.kind === 'refused') {
    ctx.logger.info('quiz export refused: not the trainer or an admin', { quiz: quizId, user: ctx.userId });
    await reply(quizResultsRefusedMessage(results.record));
    return;
  }
  try {
    await sendQuizResults(ctx.client, ctx.userId, results, ctx.logger);
  } catch (error) {
    ctx.logger.warn('quiz export: sending the CSV failed', { quiz: quizId, code: describeSlackFailure(error) });
    await reply(quizResultsNotSentMessage());
    return;
  }
  ctx.logger.info('quiz export sent to its trainer', { quiz: quizId, answers: results.answers.length });
  await reply(quizResultsSentMessage(results.record, results.answers.length));
}
