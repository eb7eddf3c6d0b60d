import type { AllMiddlewareArgs, RespondFn } from '@slack/bolt';
import type { DigestCommandOutcome } from '../../../digest/digest-command-outcome.js';
import type { DigestCommand } from '../../../digest/parse-digest-command.js';
import type { DigestServices } from '../../../services/digest-commands.js';
import type { Announce } from '../../../services/digest-subscriptions.js';
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
  let outcome: DigestCommandOutcome;
  try {
    outcome = digest
      ? await digest.commands.run(command, {
          channelId: ctx.channelId,
          userId: ctx.userId,
          announce: announceIn(ctx, digest.subscriptions.timeZone),
        })
      : { kind: 'unavailable' };
  } catch (error) {
    ctx.logger.error('digest command failed', { command: describe(command), error: (error as Error).message });
    await ctx.respond({ response_type: 'ephemeral', ...noticeMessage('Sorry, that did not work. Please try again.') });
    return;
  }
  if (outcome.kind === 'refused') ctx.logger.info('digest command refused: not an admin', { user: ctx.userId });
  try {
    await ctx.respond({ response_type: 'ephemeral', ...digestCommandReply(outcome) });
  } catch (error) {
    // Whoever reads this must not undo or redo a change that is in the store: only the confirmation is lost.
    ctx.logger.warn(
      changed(outcome)
        ? 'digest command: the change was stored; only the reply to the person failed'
        : 'digest command answered, but the reply to the person failed',
      { command: describe(command), error: (error as Error).message },
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

function describe(command: DigestCommand): string {
  return command.kind === 'usage' ? `${command.topic} usage` : `${command.kind} ${command.action}`;
}

function announceIn(ctx: DigestCommandContext, timeZone: string): Announce {
  return async (nextRun) => {
    try {
      await ctx.client.chat.postMessage({
        channel: ctx.channelId,
        text: digestTurnedOnAnnouncement(ctx.userId, nextRun, timeZone),
      });
      return { posted: true };
    } catch (error) {
      const code = slackErrorCode(error);
      ctx.logger.warn('digest on: cannot post in the channel', { channel: ctx.channelId, code });
      return { posted: false, code };
    }
  };
}
