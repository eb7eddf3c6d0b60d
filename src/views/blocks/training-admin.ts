import type { KnownBlock } from '@slack/types';
import type { Delivery } from '../../digest/records.js';
import { dataTypeLabel } from '../../incidents/data-types.js';
import type { TrainingReason } from '../../training/pick-training-incident.js';
import { TRAINING_KEY_PREFIX } from '../../training/records.js';
import type {
  TrainingCommandOutcome,
  TrainingPlan,
  TrainingPreview,
  TrainingStatus,
} from '../../training/training-command-outcome.js';
import { formatDate } from '../incident-facts.js';
import type { SlackMessage } from './answer-message.js';
import { channelProblemText } from './channel-problem.js';
import { describeDelivery, formatInstant, noticeMessage } from './digest-admin.js';
import { context, header, section } from './elements.js';
import { FALLBACK_TEXT_MAX, MAX_MESSAGE_BLOCKS, truncate } from './limits.js';
import { bold, channelMention, escapeMrkdwn, escapeWithin, userMention } from './mrkdwn.js';
import { trainingPostMessage } from './training-post.js';

const USAGE = [
  '`/breach training on` a weekly post in this channel: one recent or notable breach, its lessons, a question to discuss and a short quiz',
  '`/breach training off` stop it here',
  '`/breach training status` schedule, next run, last post and the coming incident',
  '`/breach training preview` show the next post to you only',
];

/** Names at most this many watched vendors or kinds of data: a reason, not a list. */
const REASON_NAMES_MAX = 3;

/**
 * Why the incident was chosen, in plain words (each view escapes it): "Chosen because: a vendor on
 * the watchlist (Okta); data people here asked about (Social Security numbers); in the news on 2 Dec 2026".
 */
export function trainingReasonText(reason: TrainingReason): string {
  const parts: string[] = [];
  const vendors = reason.watchedVendors;
  if (vendors.length > 0) {
    parts.push(`${vendors.length === 1 ? 'a vendor' : 'vendors'} on the watchlist (${namesWithin(vendors)})`);
  }
  if (reason.askedDataTypes.length > 0) {
    parts.push(`data people here asked about (${namesWithin(reason.askedDataTypes.map(dataTypeLabel))})`);
  }
  parts.push(
    reason.basis === 'recent' && reason.newsDay
      ? `in the news on ${formatDate(reason.newsDay)}`
      : 'a notable breach with lessons for staff',
  );
  return `Chosen because: ${parts.join('; ')}`;
}

function namesWithin(names: readonly string[]): string {
  const shown = names.slice(0, REASON_NAMES_MAX).map((name) => truncate(name, 60));
  const more = names.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}

export function trainingUsageMessage(problem: string): SlackMessage {
  return noticeMessage([escapeWithin(problem, 500), ...USAGE.map(escapeMrkdwn)].join('\n'));
}

export function trainingRefusedMessage(adminUserIds: readonly string[]): SlackMessage {
  const admins = adminUserIds.slice(0, 10).map(userMention).join(', ');
  return noticeMessage(`Only breachbot admins can turn the weekly training on or off. Ask ${admins}.`);
}

/** What `training on` posts in the channel itself: everyone there learns who turned it on and when it comes. */
export function trainingTurnedOnAnnouncement(userId: string, nextRun: Date | undefined, timeZone: string): string {
  return `${userMention(userId)} turned on the weekly breach training in this channel: one breach, its lessons, a question to discuss and a short quiz. The first one arrives ${nextRunText(nextRun, timeZone)}.`;
}

function nextRunText(nextRun: Date | undefined, timeZone: string): string {
  return nextRun ? formatInstant(nextRun, timeZone) : 'at the next scheduled run';
}

/** `training:2026-W49` reads as `2026-W49`: the status is about training posts only. */
/** A training delivery's state, its period without the key's prefix. */
function describeTrainingDelivery(delivery: Delivery, timeZone: string): string {
  const key = delivery.periodKey;
  return describeDelivery(
    delivery,
    timeZone,
    key.startsWith(TRAINING_KEY_PREFIX) ? key.slice(TRAINING_KEY_PREFIX.length) : key,
  );
}

const NONE_QUALIFIES =
  'no recent breach, and no curated card left unused in the past year, states enough for a quiz. Nothing is posted that week unless the data changes.';

/** The coming post's incident and why, or that there is none. */
function comingText(plan: TrainingPlan): string {
  const period = escapeMrkdwn(plan.period.key);
  if (!plan.planned) return `Coming (${period}): nothing yet: ${escapeMrkdwn(NONE_QUALIFIES)}`;
  const { incident, reason, claimed } = plan.planned;
  const lead = claimed ? `Picked for ${period}` : `Coming (${period}), as it stands now`;
  return `${lead}: ${bold(truncate(incident.organization, 200))}\n${escapeMrkdwn(trainingReasonText(reason))}`;
}

export function trainingStatusMessage(status: TrainingStatus): SlackMessage {
  const { subscription, timeZone } = status;
  const here = channelMention(status.channelId);
  const subscribed = subscription
    ? `The weekly training is *on* in ${here}, since ${formatInstant(subscription.subscribedAt, timeZone)} (by ${userMention(subscription.subscribedBy)}, who sees the quiz results).`
    : `The weekly training is *off* in ${here}. Turn it on with \`/breach training on\`.`;
  const schedule = `Schedule: \`${escapeMrkdwn(status.cron)}\` in ${escapeMrkdwn(timeZone)}. Next run: ${
    status.nextRun ? formatInstant(status.nextRun, timeZone) : 'none within a month'
  }.`;
  const last = `Last training post here: ${status.lastDelivery ? describeTrainingDelivery(status.lastDelivery, timeZone) : 'none yet'}.`;
  const blocks: KnownBlock[] = [header('Weekly training'), section(`${subscribed}\n${schedule}`), section(last)];
  if (status.coming) blocks.push(section(comingText(status.coming)));
  blocks.push(context(['`/breach training preview` shows the next post to you only; it records nothing.']));
  return { text: truncate(`${subscribed} ${schedule}`, FALLBACK_TEXT_MAX), blocks };
}

/** The next post, shown to one person after a line saying it is a preview and when it is due. */
export function trainingPreviewMessage(preview: TrainingPreview): SlackMessage {
  const due = preview.sendsAt ? formatInstant(preview.sendsAt, preview.timeZone) : undefined;
  const which = due
    ? `Preview of the training post due ${due} (${preview.period.key}), as it stands now`
    : `Preview of the training post of the newest run (${preview.period.key})`;
  if (!preview.post) return noticeMessage(`${escapeMrkdwn(which)}: ${escapeMrkdwn(NONE_QUALIFIES)}`);
  const { incident, steps, record, reason } = preview.post;
  const message = trainingPostMessage({ incident, steps, record, reason: trainingReasonText(reason), preview: true });
  // Not in italics: a time zone such as America/New_York has an underscore, which would end them.
  const note = context([`${escapeMrkdwn(which)}. Only you can see this, and nothing was recorded.`]);
  return {
    text: truncate(`Preview: ${message.text}`, FALLBACK_TEXT_MAX),
    blocks: message.blocks.length < MAX_MESSAGE_BLOCKS ? [note, ...message.blocks] : message.blocks,
  };
}

/** The ephemeral reply to `/breach training …`. */
export function trainingCommandReply(outcome: TrainingCommandOutcome): SlackMessage {
  switch (outcome.kind) {
    case 'unavailable':
      return noticeMessage('The weekly training is not set up in this breachbot (it has no store).');
    case 'usage':
      return trainingUsageMessage(outcome.problem);
    case 'refused':
      return trainingRefusedMessage(outcome.admins);
    case 'turned-on':
      return noticeMessage(
        `Done: the weekly training is on in ${channelMention(outcome.channelId)}. Next: ${nextRunText(outcome.nextRun, outcome.timeZone)}.`,
      );
    case 'already-on':
      return noticeMessage(`The weekly training is already on in ${channelMention(outcome.channelId)}.`);
    case 'cannot-post':
      return noticeMessage(`The weekly training is still off: ${channelProblemText(outcome.code)}`);
    case 'turned-off':
      return noticeMessage(`Done: the weekly training is off in ${channelMention(outcome.channelId)}.`);
    case 'was-off':
      return noticeMessage(`The weekly training was not on in ${channelMention(outcome.channelId)}.`);
    case 'status':
      return trainingStatusMessage(outcome.status);
    case 'preview':
      return trainingPreviewMessage(outcome.preview);
  }
}
