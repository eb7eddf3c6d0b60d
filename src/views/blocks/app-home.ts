import type { HomeView, KnownBlock } from '@slack/types';
import { ORIGIN_LABELS } from '../../incidents/labels.js';
import type { Incident, Origin } from '../../incidents/model.js';
import { formatDate } from '../incident-facts.js';
import { usageExampleLines } from './answer-message.js';
import { context, divider, header, section } from './elements.js';
import { incidentListBlocks } from './incident-card.js';
import { linesWithin, SECTION_TEXT_MAX } from './limits.js';
import { channelMention, escapeMrkdwn } from './mrkdwn.js';

export interface AppHomeData {
  latest: readonly Incident[];
  /** Channel ids subscribed to the weekly digest. */
  digestChannels: readonly string[];
  /** Vendor names on the watchlist. */
  watchlist: readonly string[];
  /** Each source the bot answers from and the date of its newest list. */
  dataAsOf: readonly { origin: Origin; asOf: string }[];
}

/** Latest incidents shown at most on the Home tab; the rest is one `/breach latest 20` away. */
export const HOME_LATEST_MAX = 10;

export function appHomeView({ latest, digestChannels, watchlist, dataAsOf }: AppHomeData): HomeView {
  const blocks: KnownBlock[] = [
    header('breachbot'),
    section(howToAsk()),
    divider(),
    header('Latest disclosures'),
    ...(latest.length > 0
      ? incidentListBlocks(latest, HOME_LATEST_MAX, (left) => `…and ${left} more: \`/breach latest 20\``)
      : [section('No disclosures in the data yet.')]),
    divider(),
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
