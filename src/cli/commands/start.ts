import { WebClient } from '@slack/web-api';
import { createBreachService } from '../../answer/breach-service.js';
import { loadAnswerContext } from '../../answer/load-answer-context.js';
import { type AppConfig, readAppConfig } from '../../config/app-config.js';
import { DigestScheduler } from '../../delivery/digest-scheduler.js';
import { openDigest } from '../../delivery/open-digest.js';
import { appLogger, type BotIdentity, createApp, webClientOptions } from '../../slack/app.js';
import { slackDigestPoster } from '../../slack/digest-poster.js';
import { slackErrorCode } from '../../slack/slack-errors.js';
import { type CliCommand, type CliContext, stopRequested, UsageError, writeLine } from '../command.js';

/**
 * `npm start`: the Slack app when a bot token is set; otherwise the local playground, the same app
 * against a Slack emulator with a Slack-like page (`breachbot ask` stays the terminal's way).
 */
export const startCommand: CliCommand = {
  name: 'start',
  summary: 'run the Slack app, or with no Slack token the local playground page',
  help: [
    'Usage: breachbot start',
    '',
    'With SLACK_BOT_TOKEN set: runs the Slack app (Socket Mode with SLACK_APP_TOKEN, otherwise HTTP on PORT).',
    'Without: the playground, the same app against a Slack emulator, at http://localhost:PORT (default 3000);',
    'Ctrl-C stops it. In the terminal, `breachbot ask "<question>"` answers as /breach would.',
  ].join('\n'),
  async run(args, context) {
    if (args.length > 0) throw new UsageError(`start takes no arguments (got "${args.join(' ')}").`);
    const config = readAppConfig(context.env, context.cwd);
    return config.mode === 'local' ? runPlayground(config, context) : runSlackApp(config, context);
  },
};

async function runSlackApp(config: Exclude<AppConfig, { mode: 'local' }>, context: CliContext): Promise<number> {
  const { dataset, index } = await loadAnswerContext(config.dataDir);
  const logger = appLogger(config.logLevel);
  const client = new WebClient(config.botToken, { ...webClientOptions(config), logger });
  const identity = await checkSlackConnection(client);
  const digest = await openDigest({
    config: config.digest,
    cwd: context.cwd,
    dataset,
    logger,
    poster: slackDigestPoster(client),
  });
  const app = createApp(config, createBreachService(dataset, index), { digest, logger, identity });
  const scheduler = new DigestScheduler({ ...digest, logger });
  try {
    await app.start();
    writeLine(
      context.stdout,
      config.mode === 'socket'
        ? `breachbot is running in Socket Mode on ${index.size} incidents.`
        : `breachbot is listening on port ${config.port} at /slack/events, on ${index.size} incidents.`,
    );
    // The catch-up of a digest missed while the bot was down runs in the background: answering
    // questions must not wait for it.
    void scheduler.start();
    writeLine(
      context.stdout,
      `Weekly digest: "${config.digest.cron}" in ${config.digest.timeZone}, store: ${digest.store.kind}.`,
    );
    await stopRequested(context);
  } finally {
    await scheduler.stop();
    await app.stop().catch(() => undefined);
    await digest.close();
  }
  return 0;
}

/**
 * Asks Slack who the token belongs to before anything starts, and hands the answer to Bolt so that it
 * does not ask again: a failure inside Bolt surfaces as an unhandled rejection and a stack trace,
 * while this says in one line what to fix, and never shows the token.
 */
async function checkSlackConnection(client: WebClient): Promise<BotIdentity> {
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

/** `npm start` with no Slack token: the playground until Ctrl-C, then everything it started is stopped. */
async function runPlayground(config: Extract<AppConfig, { mode: 'local' }>, context: CliContext): Promise<number> {
  const { dataset, index } = await loadAnswerContext(config.dataDir);
  // Loaded only here and only now: the playground and its Slack emulator are never part of the bot.
  const { startPlayground, playgroundDigest } = await import('../../playground/start-playground.js');
  const playground = await startPlayground({
    service: createBreachService(dataset, index),
    config,
    port: config.port,
    openDigest: playgroundDigest(config, dataset, context.cwd),
  });
  try {
    writeLine(context.stdout, `breachbot playground: open ${playground.url}`);
    writeLine(
      context.stdout,
      [
        `No SLACK_BOT_TOKEN, so breachbot runs against a Slack emulator in this process, on ${index.size} incidents.`,
        'Try `/breach helthec` in #general, `@breachbot was HealthEC hacked?`, the buttons, the ⚡ shortcut and the Home tab;',
        '`/breach digest preview` in #security shows the weekly digest (its subscriptions live in memory here).',
        'In the terminal instead: npx breachbot ask "helthec". To connect to real Slack, set SLACK_BOT_TOKEN (see the README).',
        'Ctrl-C stops it.',
      ].join('\n'),
    );
    await stopRequested(context);
  } finally {
    await playground.close();
  }
  return 0;
}
