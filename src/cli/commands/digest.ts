import { WebClient } from '@slack/web-api';
import { loadAnswerContext } from '../../answer/load-answer-context.js';
import { readAppConfig } from '../../config/app-config.js';
import type { ChannelOutcome } from '../../delivery/deliver-digest.js';
import { openDigest } from '../../delivery/open-digest.js';
import { appLogger, webClientOptions } from '../../slack/app.js';
import { slackDigestPoster } from '../../slack/digest-poster.js';
import { formatInstant } from '../../views/blocks/digest-admin.js';
import { previewPeriodLine } from '../../views/digest-preview-wording.js';
import { renderDigestText } from '../../views/text/render-digest.js';
import { type CliCommand, type CliContext, UsageError, writeLine } from '../command.js';

/**
 * `breachbot digest --dry-run` and `breachbot digest run`: the digest the next scheduled run delivers,
 * printed; or the newest run's, delivered to the subscribed channels that have not had it. Same
 * environment as the bot.
 */
export const digestCommand: CliCommand = {
  name: 'digest',
  summary: "print the next run's digest (--dry-run), or deliver this period's to the subscribed channels (run)",
  help: [
    'Usage: breachbot digest --dry-run',
    '       breachbot digest run',
    '',
    '  --dry-run  print the digest the next scheduled run delivers, as it stands now; posts and records nothing',
    '  run        deliver it to every subscribed channel that has not had it; safe to repeat, nothing is posted twice',
    '',
    'Environment: as the bot. DATA_DIR, DATABASE_URL (default sqlite:./var/breachbot.db), DIGEST_CRON',
    '(default "0 9 * * 1"), DIGEST_TZ (default UTC); `run` also needs SLACK_BOT_TOKEN (and SLACK_API_URL if not Slack).',
    'Exit status of `run`: 0 when every channel has it, 1 when a channel failed (the lines say which and why).',
  ].join('\n'),
  async run(args, context) {
    const mode = args.length === 1 && (args[0] === '--dry-run' || args[0] === 'run') ? args[0] : undefined;
    if (!mode) throw new UsageError(`expected --dry-run or run (got "${args.join(' ')}").`);
    return mode === '--dry-run' ? dryRun(context) : deliver(context);
  },
};

async function dryRun(context: CliContext): Promise<number> {
  const config = readAppConfig(context.env, context.cwd);
  const { dataset } = await loadAnswerContext(config.dataDir);
  const digest = await openDigest({ config: config.digest, cwd: context.cwd, dataset, logger: appLogger('warn') });
  try {
    // The digest the next run delivers, as it stands: what an admin checks before it goes out.
    const { runner, clock } = digest;
    const sendsAt = runner.schedule.nextFireAfter(new Date(clock.now()));
    const next = await runner.compose(sendsAt);
    const due = sendsAt && formatInstant(sendsAt, runner.schedule.timeZone);
    writeLine(context.stdout, `${previewPeriodLine(next.period, due)}; nothing is posted or recorded.\n`);
    writeLine(context.stdout, renderDigestText(next));
  } finally {
    await digest.close();
  }
  return 0;
}

async function deliver(context: CliContext): Promise<number> {
  const config = readAppConfig(context.env, context.cwd);
  if (config.mode === 'local') {
    throw new UsageError('`digest run` posts to Slack: set SLACK_BOT_TOKEN (as for the bot), or use --dry-run.');
  }
  const { dataset } = await loadAnswerContext(config.dataDir);
  const logger = appLogger(config.logLevel);
  const client = new WebClient(config.botToken, { ...webClientOptions(config), logger });
  const digest = await openDigest({
    config: config.digest,
    cwd: context.cwd,
    dataset,
    logger,
    poster: slackDigestPoster(client),
  });
  try {
    const run = await digest.runner.deliver(digest.runner.currentFire(), 'all-subscribed');
    writeLine(
      context.stdout,
      `Digest ${run.digest.period.key} (${run.digest.period.from} to ${run.digest.period.to}):`,
    );
    if (run.outcomes.length === 0) writeLine(context.stdout, '  no channel is subscribed (`/breach digest on` in one)');
    for (const outcome of run.outcomes) writeLine(context.stdout, `  ${outcome.channelId}: ${describe(outcome)}`);
    return run.outcomes.some((outcome) => outcome.outcome === 'failed' || outcome.outcome === 'not-tried') ? 1 : 0;
  } finally {
    await digest.close();
  }
}

function describe(outcome: ChannelOutcome): string {
  switch (outcome.outcome) {
    case 'sent':
      return 'posted';
    case 'recovered':
      return 'had been posted by an interrupted run; recorded now';
    case 'skipped':
      return outcome.state === 'sent' ? 'already had it' : `not posted (${outcome.state})`;
    case 'failed':
      return `failed: ${outcome.error}${outcome.permanent ? ' (skipped for this period)' : ' (will be retried)'}`;
    case 'not-tried':
      return 'not tried: the run stopped on an earlier error';
  }
}
