import type { KnownBlock } from '@slack/types';
import type {
  DigestCommandOutcome,
  DigestStatus,
  PersonalWatchChange,
  WatchlistChange,
} from '../../digest/digest-command-outcome.js';
import type { UsageTopic } from '../../digest/parse-digest-command.js';
import type { Delivery, PersonalWatch, WatchedVendor } from '../../digest/records.js';
import { previewPeriodLine } from '../digest-preview-wording.js';
import type { SlackMessage } from './answer-message.js';
import { channelProblemText } from './channel-problem.js';
import { digestMessage } from './digest-message.js';
import { context, header, section } from './elements.js';
import { FALLBACK_TEXT_MAX, linesWithin, MAX_MESSAGE_BLOCKS, SECTION_TEXT_MAX, truncate } from './limits.js';
import { bold, channelMention, escapeMrkdwn, escapeWithin, userMention } from './mrkdwn.js';

/** A short ephemeral answer: one section, and the same words as the fallback. */
export function noticeMessage(mrkdwn: string): SlackMessage {
  return { text: truncate(mrkdwn, FALLBACK_TEXT_MAX), blocks: [section(mrkdwn)] };
}

const USAGE: Record<UsageTopic, readonly string[]> = {
  digest: [
    '`/breach digest on` send the weekly breach digest to this channel',
    '`/breach digest off` stop it here',
    '`/breach digest status` schedule, next run and last delivery',
    '`/breach digest preview` show this period’s digest to you only',
  ],
  watch: [
    '`/breach watch add <vendor>` flag that vendor’s breaches first in the digest',
    '`/breach watch remove <vendor>` stop flagging it',
    '`/breach watch list` the vendors watched',
    '`/breach watch me add <organisation>` your own list, not the company’s: `/breach watch me` says more',
  ],
  'watch-me': [
    '`/breach watch me add <organisation>` your insurer, your hospital, your pharmacy: I DM you when a new filing at it appears',
    '`/breach watch me remove <organisation>` stop watching it',
    '`/breach watch me list` your list (also `/breach watch me`)',
    '`/breach watch me clear` empty your list',
    'Only you can see or change your list.',
  ],
  sources: ['`/breach sources` each official list’s records, last successful sync and last error'],
};

export function digestUsageMessage(topic: UsageTopic, problem: string): SlackMessage {
  return noticeMessage([escapeWithin(problem, 500), ...USAGE[topic].map(escapeMrkdwn)].join('\n'));
}

export function refusedMessage(adminUserIds: readonly string[]): SlackMessage {
  const admins = adminUserIds.slice(0, 10).map(userMention).join(', ');
  return noticeMessage(`Only breachbot admins can change the digest and the watchlist. Ask ${admins}.`);
}

/** "Mon, 7 Dec 2026, 09:00 UTC" in the digest's time zone. */
export function formatInstant(instant: Date | number, timeZone: string): string {
  const formatted = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
  return `${formatted} ${timeZone}`;
}

export function digestStatusMessage(status: DigestStatus): SlackMessage {
  const { subscription, timeZone } = status;
  const here = channelMention(status.channelId);
  const subscribed = subscription
    ? `The weekly digest is *on* in ${here}, since ${formatInstant(subscription.subscribedAt, timeZone)} (by ${userMention(subscription.subscribedBy)}).`
    : `The weekly digest is *off* in ${here}. Turn it on with \`/breach digest on\`.`;
  const schedule = `Schedule: \`${escapeMrkdwn(status.cron)}\` in ${escapeMrkdwn(timeZone)}. Next run: ${
    status.nextRun ? formatInstant(status.nextRun, timeZone) : 'none within a month'
  }.`;
  const blocks: KnownBlock[] = [header('Weekly digest'), section(`${subscribed}\n${schedule}`)];
  blocks.push(
    section(
      `Last delivery here: ${status.lastDelivery ? describeDelivery(status.lastDelivery, timeZone) : 'none yet'}.`,
    ),
  );
  if (status.failing.length > 0) {
    blocks.push(
      section(
        linesWithin(
          [
            '*Channels the last digest could not reach*',
            ...status.failing.map(
              (delivery) =>
                `• ${channelMention(delivery.channelId)}: ${escapeWithin(delivery.error ?? delivery.state, 200)} (${escapeMrkdwn(delivery.periodKey)})`,
            ),
          ],
          SECTION_TEXT_MAX,
          (left) => `…and ${left} more`,
        ),
      ),
    );
  }
  blocks.push(context(['`/breach digest preview` shows this period’s digest to you only; it records nothing.']));
  return { text: truncate(`${subscribed} ${schedule}`, FALLBACK_TEXT_MAX), blocks };
}

/** One delivery's state, for a status; `periodKey` as people should read it (without a key's prefix). */
export function describeDelivery(delivery: Delivery, timeZone: string, periodKey = delivery.periodKey): string {
  const when = formatInstant(delivery.updatedAt, timeZone);
  const period = escapeMrkdwn(periodKey);
  switch (delivery.state) {
    case 'sent':
      return `${period}, posted ${when}`;
    case 'sending':
      return `${period}, being posted since ${when}`;
    case 'retry':
      return `${period}, failed ${when} (${escapeWithin(delivery.error ?? 'unknown error', 200)}); it will be retried`;
    case 'failed':
      return `${period}, skipped ${when}: ${escapeWithin(delivery.error ?? 'unknown error', 200)}`;
  }
}

export function watchlistMessage(vendors: readonly WatchedVendor[], lead?: string): SlackMessage {
  const list =
    vendors.length === 0
      ? escapeMrkdwn('The vendor watchlist is empty. Add one with `/breach watch add <vendor>`.')
      : linesWithin(
          [`*Vendor watchlist* (${vendors.length})`, ...vendors.map((vendor) => `• ${escapeMrkdwn(vendor.name)}`)],
          SECTION_TEXT_MAX - (lead ? lead.length + 1 : 0),
          (left) => `…and ${left} more`,
        );
  return noticeMessage(lead ? `${lead}\n${list}` : list);
}

function watchlistLead(change: WatchlistChange): string {
  const vendor = bold(change.vendor);
  switch (change.result) {
    case 'added':
      return `Added ${vendor}: digests flag its breaches first.`;
    case 'already-watched':
      return `${vendor} is already watched.`;
    case 'removed':
      return `Removed ${vendor}.`;
    case 'not-watched':
      return `${vendor} was not on the watchlist.`;
    case 'too-generic':
      return `${vendor} was not added: ${escapeMrkdwn(change.reason)}`;
  }
}

const PRIVATE_NOTE =
  'Only you can see or change this list, and nobody is told who watches what. I’ll DM you when a new filing at one of them appears.';

/** The asker's own list, after a line saying what changed; shown to them alone. */
export function personalWatchlistMessage(
  watches: readonly PersonalWatch[],
  limit: number,
  lead?: string,
): SlackMessage {
  const list =
    watches.length === 0
      ? escapeMrkdwn(
          'Your watch list is empty. Add your insurer, your hospital or your pharmacy with `/breach watch me add <organisation>`.',
        )
      : linesWithin(
          [
            `*Your watch list* (${watches.length} of ${limit})`,
            ...watches.map((watch) => `• ${escapeMrkdwn(watch.name)}`),
          ],
          SECTION_TEXT_MAX - (lead ? lead.length + 1 : 0),
          (left) => `…and ${left} more`,
        );
  const text = lead ? `${lead}\n${list}` : list;
  return { text: truncate(text, FALLBACK_TEXT_MAX), blocks: [section(text), context([PRIVATE_NOTE])] };
}

function personalWatchLead(change: PersonalWatchChange, limit: number): string {
  if (change.result === 'cleared') {
    if (change.count === 0) return 'Your watch list was already empty.';
    return `Cleared your watch list (${change.count === 1 ? '1 name' : `${change.count} names`}).`;
  }
  const name = bold(change.name);
  switch (change.result) {
    case 'added':
      return `Added ${name} to your watch list.`;
    case 'already-watched':
      return `${name} is already on your watch list.`;
    case 'list-full':
      return `Your watch list is full (${limit} names), so ${name} was not added. ${escapeMrkdwn('Remove one first with `/breach watch me remove <organisation>`.')}`;
    case 'removed':
      return `Removed ${name} from your watch list.`;
    case 'not-watched':
      return `${name} was not on your watch list.`;
  }
}

/** The digest the next run delivers, shown to one person, marked as a preview that says which one it is. */
export function digestPreviewMessage(
  digest: Parameters<typeof digestMessage>[0],
  sendsAt?: Date,
  timeZone = 'UTC',
): SlackMessage {
  const message = digestMessage(digest);
  const which = previewPeriodLine(digest.period, sendsAt && formatInstant(sendsAt, timeZone));
  // Not in italics: a time zone such as America/New_York has an underscore, which would end them.
  const note = context([`${escapeMrkdwn(which)}. Only you can see this, and nothing was recorded.`]);
  return {
    text: `Preview: ${message.text}`,
    blocks: message.blocks.length < MAX_MESSAGE_BLOCKS ? [note, ...message.blocks] : message.blocks,
  };
}

/** What `digest on` posts in the channel itself: everyone there learns who turned it on and when it comes. */
export function digestTurnedOnAnnouncement(userId: string, nextRun: Date | undefined, timeZone: string): string {
  return `${userMention(userId)} turned on the weekly breach digest in this channel. The first one arrives ${nextRunText(nextRun, timeZone)}.`;
}

function nextRunText(nextRun: Date | undefined, timeZone: string): string {
  return nextRun ? formatInstant(nextRun, timeZone) : 'at the next scheduled run';
}

/** The ephemeral reply to `/breach digest …`, `/breach watch …` or `/breach watch me …`. */
export function digestCommandReply(outcome: DigestCommandOutcome): SlackMessage {
  switch (outcome.kind) {
    case 'unavailable':
      return noticeMessage('The digest and the watch lists are not set up in this breachbot (it has no store).');
    case 'usage':
      return digestUsageMessage(outcome.topic, outcome.problem);
    case 'refused':
      return refusedMessage(outcome.admins);
    case 'turned-on':
      return noticeMessage(
        `Done: the weekly digest is on in ${channelMention(outcome.channelId)}. Next: ${nextRunText(outcome.nextRun, outcome.timeZone)}.`,
      );
    case 'already-on':
      return noticeMessage(`The weekly digest is already on in ${channelMention(outcome.channelId)}.`);
    case 'cannot-post':
      return noticeMessage(`The digest is still off: ${channelProblemText(outcome.code)}`);
    case 'turned-off':
      return noticeMessage(`Done: the weekly digest is off in ${channelMention(outcome.channelId)}.`);
    case 'was-off':
      return noticeMessage(`The weekly digest was not on in ${channelMention(outcome.channelId)}.`);
    case 'status':
      return digestStatusMessage(outcome.status);
    case 'preview':
      return digestPreviewMessage(outcome.digest, outcome.sendsAt, outcome.timeZone);
    case 'watchlist':
      return watchlistMessage(outcome.watchlist, outcome.change && watchlistLead(outcome.change));
    case 'personal-watchlist':
      return personalWatchlistMessage(
        outcome.watches,
        outcome.limit,
        outcome.change && personalWatchLead(outcome.change, outcome.limit),
      );
  }
}
