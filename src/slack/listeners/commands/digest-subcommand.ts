import type { AllMiddlewareArgs, RespondFn } from '@slack/bolt';
import type { DigestFeature } from '../../../delivery/open-digest.js';
import type { DigestCommand } from '../../../digest/parse-digest-command.js';
import type { Delivery } from '../../../store/store.js';
import type { SlackMessage } from '../../../views/blocks/answer-message.js';
import {
  digestStatusMessage,
  digestUsageMessage,
  formatInstant,
  noticeMessage,
  refusedMessage,
  watchlistMessage,
} from '../../../views/blocks/digest-admin.js';
import { digestMessage } from '../../../views/blocks/digest-message.js';
import { context } from '../../../views/blocks/elements.js';
import { MAX_MESSAGE_BLOCKS } from '../../../views/blocks/limits.js';
import { bold, channelMention, userMention } from '../../../views/blocks/mrkdwn.js';
import { channelProblemText, slackErrorCode } from '../../slack-errors.js';

export interface DigestCommandContext {
  channelId: string;
  userId: string;
  respond: RespondFn;
  client: AllMiddlewareArgs['client'];
  logger: AllMiddlewareArgs['logger'];
}

const MUTATING = (command: DigestCommand) =>
  (command.kind === 'digest' && (command.action === 'on' || command.action === 'off')) ||
  (command.kind === 'watch' && command.action !== 'list');

/**
 * `/breach digest …` and `/breach watch …`, after the ack: they read and write the store, and
 * `digest on` posts in the channel, so the answer goes through `respond` (ephemeral).
 */
export async function runDigestCommand(
  feature: DigestFeature | undefined,
  command: DigestCommand,
  ctx: DigestCommandContext,
): Promise<void> {
  const reply = (message: SlackMessage) => ctx.respond({ response_type: 'ephemeral', ...message });
  if (!feature) {
    await reply(noticeMessage('The digest and the watchlist are not set up in this breachbot (it has no store).'));
    return;
  }
  if (command.kind === 'usage') {
    await reply(digestUsageMessage(command.topic, command.problem));
    return;
  }
  const admins = feature.adminUserIds;
  if (admins && MUTATING(command) && !admins.includes(ctx.userId)) {
    ctx.logger.info('digest command refused: not an admin', { user: ctx.userId });
    await reply(refusedMessage(admins));
    return;
  }
  try {
    await reply(await answerDigestCommand(feature, command, ctx));
  } catch (error) {
    ctx.logger.error('digest command failed', {
      action: `${command.kind} ${command.action}`,
      error: (error as Error).message,
    });
    await reply(noticeMessage('Sorry, that did not work. Please try again in a moment.'));
  }
}

async function answerDigestCommand(
  feature: DigestFeature,
  command: Exclude<DigestCommand, { kind: 'usage' }>,
  ctx: DigestCommandContext,
): Promise<SlackMessage> {
  const { store, runner, clock } = feature;
  const { schedule } = runner;
  if (command.kind === 'watch') return answerWatchCommand(feature, command, ctx);
  const here = channelMention(ctx.channelId);
  switch (command.action) {
    case 'on': {
      const added = await store.subscribe(ctx.channelId, ctx.userId, clock.now());
      if (!added) return noticeMessage(`The weekly digest is already on in ${here}.`);
      const next = schedule.nextFireAfter(new Date(clock.now()));
      const when = next ? formatInstant(next, schedule.timeZone) : 'at the next scheduled run';
      try {
        // Posting now proves the bot can post here, before anyone waits a week for nothing.
        await ctx.client.chat.postMessage({
          channel: ctx.channelId,
          text: `${userMention(ctx.userId)} turned on the weekly breach digest in this channel. The first one arrives ${when}.`,
        });
      } catch (error) {
        await store.unsubscribe(ctx.channelId);
        const code = slackErrorCode(error);
        ctx.logger.warn('digest on: cannot post in the channel', { channel: ctx.channelId, code });
        return noticeMessage(`The digest is still off: ${channelProblemText(code)}`);
      }
      return noticeMessage(`Done: the weekly digest is on in ${here}. Next: ${when}.`);
    }
    case 'off':
      return noticeMessage(
        (await store.unsubscribe(ctx.channelId))
          ? `Done: the weekly digest is off in ${here}.`
          : `The weekly digest was not on in ${here}.`,
      );
    case 'status': {
      const subscriptions = await store.subscriptions();
      const lastDeliveries = await Promise.all(subscriptions.map((s) => store.lastDelivery(s.channelId)));
      return digestStatusMessage({
        channelId: ctx.channelId,
        subscription: subscriptions.find((s) => s.channelId === ctx.channelId),
        cron: schedule.cron,
        timeZone: schedule.timeZone,
        nextRun: schedule.nextFireAfter(new Date(clock.now())),
        lastDelivery: await store.lastDelivery(ctx.channelId),
        failing: lastDeliveries.filter((d): d is Delivery => d?.state === 'failed' || d?.state === 'retry'),
      });
    }
    case 'preview': {
      const message = digestMessage(await runner.compose());
      const note = context(['_Preview: only you can see this, and nothing was recorded._']);
      return {
        text: `Preview: ${message.text}`,
        blocks: message.blocks.length < MAX_MESSAGE_BLOCKS ? [note, ...message.blocks] : message.blocks,
      };
    }
  }
}

async function answerWatchCommand(
  { store, clock }: DigestFeature,
  command: Extract<DigestCommand, { kind: 'watch' }>,
  ctx: DigestCommandContext,
): Promise<SlackMessage> {
  if (command.action === 'list') return watchlistMessage(await store.watchlist());
  const { vendor } = command;
  const lead =
    command.action === 'add'
      ? (await store.addVendor(vendor, ctx.userId, clock.now()))
        ? `Added ${bold(vendor)}: digests flag its breaches first.`
        : `${bold(vendor)} is already watched.`
      : (await store.removeVendor(vendor))
        ? `Removed ${bold(vendor)}.`
        : `${bold(vendor)} was not on the watchlist.`;
  return watchlistMessage(await store.watchlist(), lead);
}
