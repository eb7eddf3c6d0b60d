import type { AllMiddlewareArgs } from '@slack/bolt';
import type { QuizResults } from '../services/quizzes.js';
import type { QuizRecord } from '../training/records.js';
import { quizMessage, quizResultsFileComment } from '../views/blocks/quiz-message.js';
import { quizResultsCsv, quizResultsFileName } from '../views/csv/quiz-results-csv.js';

type Client = AllMiddlewareArgs['client'];
type Logger = AllMiddlewareArgs['logger'];

/** Posts a stored quiz in its channel; Slack's error propagates for the caller to explain. */
export async function postQuiz(client: Client, record: QuizRecord): Promise<void> {
  await client.chat.postMessage({ channel: record.channelId, ...quizMessage(record) });
}

/** Names are looked up at most this many at a time: the export must not flood users.info. */
const NAME_LOOKUPS_AT_ONCE = 5;
/** Past this many people the export keeps ids only: looking up more would outlast the request. */
const NAME_LOOKUPS_MAX = 200;

/**
 * Display names for the export, best effort: a name that cannot be looked up (no users:read, a
 * deleted user, Slack busy) leaves its cell empty; the id is always there.
 */
async function displayNames(client: Client, userIds: readonly string[], logger: Logger): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const queue = userIds.slice(0, NAME_LOOKUPS_MAX);
  let failures = 0;
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      try {
        const { user } = await client.users.info({ user: id });
        const name = user?.profile?.display_name || user?.real_name || user?.name;
        if (name) names.set(id, name);
      } catch {
        failures++;
      }
    }
  };
  await Promise.all(Array.from({ length: NAME_LOOKUPS_AT_ONCE }, worker));
  if (failures > 0) logger.info('quiz export: some names could not be looked up', { failures });
  return names;
}

/**
 * Sends a quiz's answers as a CSV into the trainer's direct messages with the bot: the one place
 * names appear. Resolves when Slack has the file; throws what Slack answered otherwise.
 */
export async function sendQuizResults(
  client: Client,
  userId: string,
  results: Extract<QuizResults, { kind: 'results' }>,
  logger: Logger,
): Promise<void> {
  const { record, answers, tally } = results;
  const names = await displayNames(client, [...new Set(answers.map((answer) => answer.userId))], logger);
  const csv = quizResultsCsv(record, answers, names);
  const opened = await client.conversations.open({ users: userId });
  const channelId = opened.channel?.id;
  if (!channelId) throw new Error('conversations.open returned no channel');
  await client.filesUploadV2({
    channel_id: channelId,
    file: Buffer.from(csv, 'utf8'),
    filename: quizResultsFileName(record),
    title: `Quiz ${record.quizId}: ${record.quiz.organization}`,
    initial_comment: quizResultsFileComment(record, tally.respondents),
  });
}
