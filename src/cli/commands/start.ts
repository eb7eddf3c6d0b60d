import { startBot } from '../../bot.js';
import { type AppConfig, readAppConfig, type SlackConfig } from '../../config/app-config.js';
import { configuredSecrets } from '../../config/secrets.js';
import { appLogger } from '../../slack/app.js';
import { HEALTH_PATH } from '../../slack/health.js';
import { watchProcessErrors } from '../../slack/process-errors.js';
import { redactingLogger } from '../../slack/redacting-logger.js';
import { type CliCommand, type CliContext, stopRequested, UsageError, writeLine } from '../command.js';

/**
 * `npm start`: the Slack app when a bot token is set; with no Slack setting at all, the local
 * playground, the same app against a Slack emulator with a Slack-like page.
 */
export const startCommand: CliCommand = {
  name: 'start',
  summary: 'run the Slack app, or with no Slack setting the local playground page',
  help: [
    'Usage: breachbot start',
    '',
    'With SLACK_BOT_TOKEN set: runs the Slack app (Socket Mode with SLACK_APP_TOKEN, otherwise HTTP on PORT).',
    'With no SLACK_ setting at all: the playground, the same app against a Slack emulator, at',
    'http://localhost:PORT (default 3000). Ctrl-C stops it. In the terminal, `breachbot ask "<question>"`',
    'answers as /breach would.',
  ].join('\n'),
  async run(args, context) {
    if (args.length > 0) throw new UsageError(`start takes no arguments (got "${args.join(' ')}").`);
    const config = readAppConfig(context.env, context.cwd);
    return config.mode === 'local' ? runPlayground(config, context) : runSlackApp(config, context);
  },
};

async function runSlackApp(config: SlackConfig, context: CliContext): Promise<number> {
  const logger = redactingLogger(appLogger(config.logLevel), configuredSecrets(config));
  const stopWatching = watchProcessErrors(logger);
  let bot: Awaited<ReturnType<typeof startBot>>;
  try {
    bot = await startBot(config, { cwd: context.cwd, logger });
  } catch (error) {
    stopWatching();
    throw error;
  }
  try {
    writeLine(
      context.stdout,
      config.mode === 'socket'
        ? `breachbot is running in Socket Mode on ${bot.incidents} incidents.`
        : `breachbot is listening on port ${bot.port} at /slack/events, on ${bot.incidents} incidents.`,
    );
    writeLine(
      context.stdout,
      `Weekly digest: "${config.digest.cron}" in ${config.digest.timeZone}, store: ${bot.storeKind}.`,
    );
    if (config.mode === 'http') {
      writeLine(context.stdout, `Health: http://localhost:${bot.port}${HEALTH_PATH} (200 when ready, 503 when not).`);
    }
    await stopRequested(context);
  } finally {
    await bot.close();
    stopWatching();
  }
  return 0;
}

/** `npm start` with no Slack setting: the playground until Ctrl-C, then everything it started is stopped. */
async function runPlayground(config: Extract<AppConfig, { mode: 'local' }>, context: CliContext): Promise<number> {
  // Loaded only here and only now: the playground and its Slack emulator are never part of the bot.
  const { startPlayground } = await import('../../playground/start-playground.js');
  const playground = await startPlayground({ config, cwd: context.cwd });
  try {
    writeLine(context.stdout, `breachbot playground: open ${playground.url}`);
    writeLine(
      context.stdout,
      [
        `No Slack settings, so breachbot runs against a Slack emulator in this process, on ${playground.incidents} incidents.`,
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
