import { createInterface } from 'node:readline/promises';
import type { Readable } from 'node:stream';
import { answerQuery } from '../../answer/answer-query.js';
import { createBreachService } from '../../answer/breach-service.js';
import { createApp } from '../../app.js';
import { type AppConfig, readAppConfig } from '../../config/app-config.js';
import { renderAnswerText } from '../../views/text/render-answer.js';
import { type CliCommand, type CliContext, UsageError, writeLine } from '../command.js';
import { loadAnswerContext } from '../load-answer-context.js';

const SLACK_HINT =
  'To connect to Slack, set SLACK_BOT_TOKEN and either SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP); see the README.';

/**
 * `npm start`: the Slack app when a bot token is set; otherwise breachbot runs locally, answering
 * at a prompt exactly what `/breach` would, from the same data (it also answers piped lines).
 */
export const startCommand: CliCommand = {
  name: 'start',
  summary: 'run the Slack app, or with no Slack token a local /breach prompt',
  help: [
    'Usage: breachbot start',
    '',
    'With SLACK_BOT_TOKEN set: runs the Slack app (Socket Mode with SLACK_APP_TOKEN, otherwise HTTP on PORT).',
    'Without: answers questions typed at a local prompt; Ctrl-D or "exit" ends it.',
  ].join('\n'),
  async run(args, context) {
    if (args.length > 0) throw new UsageError(`start takes no arguments (got "${args.join(' ')}").`);
    const config = readAppConfig(context.env, context.cwd);
    return config.mode === 'local' ? runLocalPrompt(context) : runSlackApp(config, context);
  },
};

async function runSlackApp(config: Exclude<AppConfig, { mode: 'local' }>, context: CliContext): Promise<number> {
  const { dataset, index } = await loadAnswerContext(context);
  const app = createApp(config, createBreachService(dataset, index));
  await app.start();
  writeLine(
    context.stdout,
    config.mode === 'socket'
      ? `breachbot is running in Socket Mode on ${index.size} incidents.`
      : `breachbot is listening on port ${config.port} at /slack/events, on ${index.size} incidents.`,
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await app.stop();
  return 0;
}

async function runLocalPrompt(context: CliContext): Promise<number> {
  const answerContext = await loadAnswerContext(context);
  const input: Readable = context.stdin ?? process.stdin;
  writeLine(context.stdout, `No SLACK_BOT_TOKEN: running locally. ${SLACK_HINT}`);
  writeLine(
    context.stdout,
    `breachbot is running locally on ${answerContext.index.size} incidents. Type what you would type after /breach (try "helthec" or "help"); "exit" ends.`,
  );
  const lines = createInterface({ input, output: context.stdout, terminal: false });
  context.stdout.write('/breach ');
  for await (const line of lines) {
    if (/^\s*(exit|quit)\s*$/i.test(line)) break;
    writeLine(context.stdout, renderAnswerText(answerQuery(line, answerContext)));
    context.stdout.write('\n/breach ');
  }
  lines.close();
  writeLine(context.stdout);
  return 0;
}
