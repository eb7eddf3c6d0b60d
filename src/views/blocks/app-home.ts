import type { HomeView, KnownBlock } from '@slack/types';
import { ORIGIN_LABELS } from '../../incidents/labels.js';
import type { Incident, Origin } from '../../incidents/model.js';
import type { SourceOverview } from '../../sources/source-overview.js';
import { STALE_AFTER_DAYS } from '../../sources/staleness.js';
import { formatDate } from '../incident-facts.js';
import { usageExampleLines } from './answer-message.js';
import { context, divider, header, section } from './elements.js';
import { incidentListBlocks } from './incident-card.js';
import { linesWithin, SECTION_TEXT_MAX } from './limits.js';
import { channelMention, escapeMrkdwn } from './mrkdwn.js';
import { dayCount, staleSourceLine } from './sources-message.js';

export interface AppHomeData {
  latest: readonly Incident[];
  /** Channel ids subscribed to the weekly digest. */
  digestChannels: readonly string[];
  /** Vendor names on the watchlist. */
  watchlist: readonly string[];
  /** Each source the bot answers from and the date of its newest list. */
  dataAsOf: readonly { origin: Origin; asOf: string }[];
  /**
   * The viewer's own watch list, names only; nobody else's is ever passed here. Undefined when this
   * breachbot has no store, so there is no list to keep.
   */
  personalWatches?: readonly string[];
  /** Sources that stopped syncing, for an admin viewer only; absent or empty shows nothing. */
  stale?: { sources: readonly SourceOverview[]; now: number };
}

/** Latest incidents shown at most on the Home tab; the rest is one `/breach latest 20` away. */
export const HOME_LATEST_MAX = 10;

export function appHomeView({
  latest,
  digestChannels,
  watchlist,
  dataAsOf,
  personalWatches,
  stale,
}: AppHomeData): HomeView {
  const blocks: KnownBlock[] = [
    header('breachbot'),
    ...(stale && stale.sources.length > 0 ? [section(staleWarning(stale.sources, stale.now))] : []),
    section(howToAsk()),
    divider(),
    header('Latest disclosures'),
    ...(latest.length > 0
      ? incidentListBlocks(latest, HOME_LATEST_MAX, (left) => `…and ${left} more: \`/breach latest 20\``)
      : [section('No disclosures in the data yet.')]),
    divider(),
    ...(personalWatches ? personalWatchBlocks(personalWatches) : []),
    header('Weekly digest'),
    section(
      listOrNone(
        digestChannels.map(channelMention),
        'None yet. Run `/breach digest on` in a security channel to get the digest there.',
        'channels',
      ),
    ),
    header('Vendor watchlist'),
    section(
      listOrNone(
        watchlist.map(escapeMrkdwn),
        `None yet. Add one with \`/breach watch add ${escapeMrkdwn('<vendor>')}\`.`,
        'vendors',
      ),
    ),
    context([
      escapeMrkdwn(
        `Data as of: ${dataAsOf.map(({ origin, asOf }) => `${ORIGIN_LABELS[origin]} ${formatDate(asOf)}`).join(' · ') || 'no data loaded'}.`,
      ),
      'Protective steps follow US government advice, each with its official source.',
    ]),
  ];
  return { type: 'home', blocks };
}

function staleWarning(sources: readonly SourceOverview[], now: number): string {
  return linesWithin(
    [
      `:warning: *Official lists that have not synced for over ${dayCount(STALE_AFTER_DAYS)}*`,
      ...sources.map((overview) => `• ${staleSourceLine(overview, now)}`),
      '`/breach sources` shows their last errors. Only breachbot admins see this.',
    ],
    SECTION_TEXT_MAX,
    (left) => `…and ${left} more`,
  );
}

function personalWatchBlocks(names: readonly string[]): KnownBlock[] {
  return [
    header('Your watch list'),
    section(
      listOrNone(
        names.map(escapeMrkdwn),
        escapeMrkdwn(
          'None yet. Add your insurer, your hospital or your pharmacy with `/breach watch me add <organisation>`, and I’ll DM you when a new filing at one of them appears.',
        ),
        'names',
      ),
    ),
    context(['Only you can see this list. `/breach watch me` changes it.']),
    divider(),
  ];
}

function howToAsk(): string {
  return ['*Ask about a data breach, or what to do about one*', ...usageExampleLines()].join('\n');
}

/** Escaped items one per line, or the "none yet" sentence. */
function listOrNone(items: readonly string[], none: string, noun: string): string {
  if (items.length === 0) return none;
  return linesWithin(
    items.map((item) => `• ${item}`),
    SECTION_TEXT_MAX,
    (left) => `…and ${left} more ${noun}`,
  );
}
