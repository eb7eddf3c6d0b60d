import type { WebClient } from '@slack/web-api';
import type { BotIdentity } from './app.js';
import { slackErrorCode } from './slack-errors.js';

/**
 * Asks Slack who the token belongs to before anything starts, and hands the answer to Bolt so that it
 * does not ask again: a failure inside Bolt surfaces as an unhandled rejection and a stack trace,
 * while this says in one line what to fix, and never shows the token.
 */
export async function checkSlackConnection(client: WebClient): Promise<BotIdentity> {
  let result: Awaited<ReturnType<WebClient['auth']['test']>>;
  try {
    result = await client.auth.test();
  } catch (error) {
    const code = slackErrorCode(error);
    if (code) {
      throw new Error(
        `Slack refused SLACK_BOT_TOKEN (${code}): copy the Bot User OAuth Token (xoxb-…) from the app's OAuth & Permissions page.`,
      );
    }
    throw new Error(
      `Cannot reach Slack's Web API (${(error as Error).message}); check the network, or SLACK_API_URL if it is set.`,
    );
  }
  if (!result.bot_id || !result.user_id) {
    throw new Error(
      'SLACK_BOT_TOKEN is not a bot token: Slack names no bot for it. Use the Bot User OAuth Token (xoxb-…).',
    );
  }
  return { botId: result.bot_id, botUserId: result.user_id };
}
