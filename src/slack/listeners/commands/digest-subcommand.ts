import type { AllMiddlewareArgs, RespondFn } from '@slack/bolt';
import type { DigestCommandOutcome } from '../../../digest/digest-command-outcome.js';
import type { DigestCommand } from '../../../digest/parse-digest-command.js';
import type { Announce } from '../../../services/channel-subscription.js';
import type { DigestServices } from '../../../services/digest-commands.js';
import type { SlackMessage } from '../../../views/blocks/answer-message.js';
import { digestCommandReply, digestTurnedOnAnnouncement, noticeMessage } from '../../../views/blocks/digest-admin.js';
import { slackErrorCode } from '../../slack-errors.js';

export interface DigestCommandContext {
  channelId: string;
  userId: string;
  respond: RespondFn;
  client: AllMiddlewareArgs['client'];
  logger: AllMiddlewareArgs['logger'];
}

/**
 * `/breach digest …` and `/breach watch …`, after the ack: they read and write the store, and
 * `digest on` posts in the channel, so the answer goes through `respond` (ephemeral).
 */
export async function runDigestSubcommand(
  digest: DigestServices | undefined,
  command: DigestCommand,
  ctx: DigestCommandContext,
): Promise<void> {
  await answerStoredCommand<DigestCommandOutcome>(ctx, {
    label: 'digest command',
    name: command.kind === 'usage' ? `${command.topic} usage` : `${command.kind} ${command.action}`,
    run: async () =>
      digest
        ? digest.commands.run(command, {
            channelId: ctx.channelId,
            userId: ctx.userId,
            announce: announceIn(ctx, 'digest on', (nextRun) =>
              digestTurnedOnAnnouncement(ctx.userId, nextRun, digest.subscriptions.timeZone),
            ),
          })
        : { kind: 'unavailable' },
    reply: digestCommandReply,
    changed,
  });
}

/**
 * Runs a command that reads or writes the store and answers the person through `respond`: a failure
 * to run is apologised for, a failure to reply is logged without suggesting the change be redone.
 */
export async function answerStoredCommand<O extends { kind: string }>(
  ctx: DigestCommandContext,
  command: {
    /** What the log lines start with. */
    label: string;
    /** The command as the log's context names it: `watch add`. */
    name: string;
    run: () => Promise<O>;
    reply: (outcome: O) => SlackMessage;
    changed: (outcome: O) => boolean;
  },
): Promise<void> {
  let outcome: O;
  try {
    outcome = await command.run();
  } catch (error) {
    ctx.logger.error(`${command.label} failed`, { command: command.name, error: (error as Error).message });
    await ctx.respond({ response_type: 'ephemeral', ...noticeMessage('Sorry, that did not work. Please try again.') });
    return;
  }
  if (outcome.kind === 'refused') ctx.logger.info(`${command.label} refused: not an admin`, { user: ctx.userId });
  try {
    await ctx.respond({ response_type: 'ephemeral', ...command.reply(outcome) });
  } catch (error) {
    // Whoever reads this must not undo or redo a change that is in the store: only the confirmation is lost.
    ctx.logger.warn(
      command.changed(outcome)
        ? `${command.label}: the change was stored; only the reply to the person failed`
        : `${command.label} answered, but the reply to the person failed`,
      { command: command.name, error: (error as Error).message },
    );
  }
}

/** Whether the command changed what is stored (a subscription or a watchlist). */
function changed(outcome: DigestCommandOutcome): boolean {
  if (outcome.kind === 'turned-on' || outcome.kind === 'turned-off') return true;
  if (outcome.kind !== 'watchlist' && outcome.kind !== 'personal-watchlist') return false;
  const result = outcome.change?.result;
  return result === 'added' || result === 'removed' || result === 'cleared';
}

/** Posts `text` in the channel when a scheduled post is turned on there; `name` is for the log. */
export function announceIn(
  ctx: DigestCommandContext,
  name: string,
  text: (nextRun: Date | undefined) => string,
): Announce {
  return async (nextRun) => {
    try {
      await ctx.client.chat.postMessage({ channel: ctx.channelId, text: text(nextRun) });
      return { posted: true };
    } catch (error) {
      const code = slackErrorCode(error);
      ctx.logger.warn(`${name}: cannot post in the channel`, { channel: ctx.channelId, code });
      return { posted: false, code };
    }
  };
}
