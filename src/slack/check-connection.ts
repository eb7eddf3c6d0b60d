import type { WebClient } from '@slack/web-api';
import { type BotIdentity, DEFAULT_SLACK_TIMEOUT_MS } from './app.js';
import { redactSecrets } from './redacting-logger.js';
import { slackErrorCode } from './slack-errors.js';

/** The Web API client wraps the abort of its own timeout in a request error. */
function timedOut(error: unknown): boolean {
  const original = (error as { original?: unknown } | undefined)?.original;
  return original instanceof Error && original.name === 'TimeoutError';
}

/**
 * Asks Slack who the token belongs to before anything starts, and hands the answer to Bolt so that it
 * does not ask again: a failure inside Bolt surfaces as an unhandled rejection and a stack trace,
 * while this says in one line what to fix, and never shows the token.
 */
export async function checkSlackConnection(
  client: WebClient,
  { timeoutMs = DEFAULT_SLACK_TIMEOUT_MS, secrets = [] }: { timeoutMs?: number; secrets?: readonly string[] } = {},
): Promise<BotIdentity> {
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
    if (timedOut(error)) {
      throw new Error(
        `Slack's Web API did not answer: no reply to auth.test within ${timeoutMs / 1000} s, on every try; check the network, or SLACK_API_URL if it is set.`,
      );
    }
    // The message of a failed request may hold the URL it went to, and SLACK_API_URL may hold a password.
    const message = redactSecrets((error as Error).message, secrets);
    throw new Error(`Cannot reach Slack's Web API (${message}); check the network, or SLACK_API_URL if it is set.`);
  }
  if (!result.bot_id || !result.user_id) {
    throw new Error(
      'SLACK_BOT_TOKEN is not a bot token: Slack names no bot for it. Use the Bot User OAuth Token (xoxb-…).',
    );
  }
  return { botId: result.bot_id, botUserId: result.user_id };
}
