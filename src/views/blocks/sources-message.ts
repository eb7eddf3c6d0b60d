import type { KnownBlock } from '@slack/types';
import type { SourceOverview } from '../../sources/source-overview.js';
import { lastSuccessAt, STALE_AFTER_DAYS, staleSources } from '../../sources/staleness.js';
import { formatCount, formatDate } from '../incident-facts.js';
import type { SlackMessage } from './answer-message.js';
import { formatInstant } from './digest-admin.js';
import { context, header, section } from './elements.js';
import { FALLBACK_TEXT_MAX, MAX_MESSAGE_BLOCKS } from './limits.js';
import { bold, escapeMrkdwn, escapeWithin } from './mrkdwn.js';

export interface SourcesMessageData {
  overviews: readonly SourceOverview[];
  /** Whether scheduled syncs run: when they do not, no list is expected to be recent. */
  syncEnabled: boolean;
  now: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** A sync error is a one-line reason, but it may quote a server's answer: kept to a readable length. */
const ERROR_REASON_MAX = 500;

/** "Mon, 7 Dec 2026, 09:00 UTC": sync times are instants, shown in UTC as the CLI shows them. */
export function formatSyncTime(at: number): string {
  return formatInstant(at, 'UTC');
}

export function dayCount(count: number): string {
  return count === 1 ? '1 day' : `${formatCount(count)} days`;
}

function wholeDaysSince(at: number, now: number): number {
  return Math.floor(Math.max(0, now - at) / DAY_MS);
}

/** "today", "1 day ago", "5 days ago". */
function ago(at: number, now: number): string {
  const count = wholeDaysSince(at, now);
  return count === 0 ? 'today' : `${dayCount(count)} ago`;
}

/** When a stale source last synced, for the warning: "last synced Mon, …, UTC (5 days ago)" or "never synced". */
export function staleSourceLine(overview: SourceOverview, now: number): string {
  const at = lastSuccessAt(overview);
  const when = at === undefined ? 'never synced successfully' : `last synced ${formatSyncTime(at)} (${ago(at, now)})`;
  return `${bold(overview.feed.title)}: ${when}`;
}

/** The mrkdwn lines of one source, each already escaped. */
function sourceLines(overview: SourceOverview, stale: boolean, now: number): string[] {
  const { feed, list, sync } = overview;
  const lines = [bold(feed.title), `Records: ${formatCount(overview.records)}`];
  lines.push(
    list
      ? `List as of ${escapeMrkdwn(formatDate(list.asOf))}${list.shipped ? ' (shipped with breachbot)' : ''}`
      : 'No list yet',
  );
  const success = sync.status?.lastSuccess;
  const successAt = lastSuccessAt(overview);
  lines.push(
    success && successAt !== undefined
      ? `Last successful sync: ${formatSyncTime(successAt)} (${ago(successAt, now)}; list as of ${escapeMrkdwn(formatDate(success.asOf))}, ${formatCount(success.records)} records)`
      : `Last successful sync: none (${sync.status ? 'every attempt so far failed' : 'never synced'})`,
  );
  const error = sync.status?.lastError;
  const errorAt = error && Date.parse(error.at);
  // An error older than the last success is already fixed: showing it would raise a false alarm.
  if (error && errorAt !== undefined && !Number.isNaN(errorAt) && (successAt === undefined || errorAt > successAt)) {
    lines.push(`Last error: ${formatSyncTime(errorAt)}: ${escapeWithin(error.reason, ERROR_REASON_MAX)}`);
  }
  if (!overview.configured) lines.push(`Not configured (set \`${escapeMrkdwn(feed.setting)}\`)`);
  // The file's path means nothing in Slack; `breachbot sources` on the server names it.
  if (sync.problem) lines.push('Its sync status could not be read: `breachbot sources` on the server says why.');
  if (overview.dataProblems > 0) {
    lines.push(
      `${formatCount(overview.dataProblems)} problem(s) in the stored list: \`breachbot validate\` lists them.`,
    );
  }
  if (stale) {
    lines.push(
      successAt === undefined
        ? ':warning: It has never synced successfully.'
        : `:warning: No successful sync for ${dayCount(wholeDaysSince(successAt, now))}.`,
    );
  }
  return lines;
}

/** `/breach sources`: one block per official list, with a warning on each that stopped syncing. */
export function sourcesMessage({ overviews, syncEnabled, now }: SourcesMessageData): SlackMessage {
  const stale = new Set(syncEnabled ? staleSources(overviews, now).map((overview) => overview.feed.source) : []);
  const blocks: KnownBlock[] = [header('Official breach lists')];
  if (!syncEnabled) {
    blocks.push(
      context(['Scheduled sync is off (`SYNC_CRON=off`): the lists change only when someone imports or syncs them.']),
    );
  }
  const room = MAX_MESSAGE_BLOCKS - blocks.length - 1;
  const shown = overviews.slice(0, room);
  for (const overview of shown) {
    blocks.push(section(sourceLines(overview, stale.has(overview.feed.source), now).join('\n')));
  }
  if (overviews.length === 0) blocks.push(section('No official lists are known to this breachbot.'));
  else if (overviews.length > shown.length) {
    blocks.push(context([`…and ${overviews.length - shown.length} more: \`breachbot sources\` lists them all.`]));
  }
  const summary = overviews
    .map(
      (overview) =>
        `${overview.feed.title}: ${formatCount(overview.records)} records${stale.has(overview.feed.source) ? ` (no sync for over ${dayCount(STALE_AFTER_DAYS)})` : ''}`,
    )
    .join('; ');
  return { text: escapeWithin(`Official breach lists: ${summary || 'none'}`, FALLBACK_TEXT_MAX), blocks };
}
