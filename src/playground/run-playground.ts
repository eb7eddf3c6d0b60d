import { createBreachService } from '../answer/breach-service.js';
import { type CliContext, stopRequested, writeLine } from '../cli/command.js';
import { loadAnswerContext } from '../cli/load-answer-context.js';
import type { AppConfig } from '../config/app-config.js';
import { playgroundDigest } from './playground-digest.js';
import { startPlayground } from './start-playground.js';

/** `npm start` with no Slack token: the playground until Ctrl-C, then everything it started is stopped. */
export async function runPlayground(
  config: Extract<AppConfig, { mode: 'local' }>,
  context: CliContext,
): Promise<number> {
  const { dataset, index } = await loadAnswerContext(context);
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
