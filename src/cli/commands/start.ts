import { WebClient } from '@slack/web-api';
import { createBreachService } from '../../answer/breach-service.js';
import { appLogger, createApp, webClientOptions } from '../../app.js';
import { type AppConfig, readAppConfig } from '../../config/app-config.js';
import { DigestScheduler } from '../../digest/digest-scheduler.js';
import { runPlayground } from '../../playground/run-playground.js';
import { openDigest } from '../../slack/digest-feature.js';
import { type CliCommand, type CliContext, stopRequested, UsageError, writeLine } from '../command.js';
import { loadAnswerContext } from '../load-answer-context.js';

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
  const { dataset, index } = await loadAnswerContext(context);
  const logger = appLogger(config.logLevel);
  const digest = await openDigest({
    config: config.digest,
    cwd: context.cwd,
    dataset,
    logger,
    client: new WebClient(config.botToken, { ...webClientOptions(config), logger }),
  });
  const app = createApp(config, createBreachService(dataset, index), { digest, logger });
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
