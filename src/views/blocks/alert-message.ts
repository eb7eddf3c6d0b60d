import type { ProtectiveSteps } from '../../answer/types.js';
import type { AlertMatch } from '../../digest/alert-candidates.js';
import { ORIGIN_LABELS } from '../../incidents/labels.js';
import { formatCount, formatDate } from '../incident-facts.js';
import type { SlackMessage } from './answer-message.js';
import { section } from './elements.js';
import { incidentCardBlocks } from './incident-card.js';
import { FALLBACK_TEXT_MAX, SECTION_TEXT_MAX } from './limits.js';
import { bold, escapeWithin } from './mrkdwn.js';

/** Who an alert is for: a channel with the company's watchlist, or one person with their own. */
export type AlertAudience = 'channel' | 'person';

/**
 * An alert between digests: one sentence on what arrived and which watched name it matched, then the
 * incident's card. A person's alert says the list is theirs; a channel's never names who watches what.
 */
export function alertMessage(match: AlertMatch, steps: ProtectiveSteps, audience: AlertAudience): SlackMessage {
  const { incident, update, vendors } = match;
  const list = ORIGIN_LABELS[incident.origin];
  const watched = vendors.map((vendor) =>
    vendor.name === vendor.vendor || vendor.extent === 'whole-name'
      ? `“${vendor.vendor}”`
      : `“${vendor.vendor}” (named as ${vendor.name})`,
  );
  const whose = audience === 'person' ? 'your private watch list' : "this channel's vendor watchlist";
  const news = update
    ? `The ${list} revised the count of people affected from ${formatCount(update.from)} to ${formatCount(update.to)}.`
    : `New in the ${list}${incident.disclosed ? `, disclosed ${formatDate(incident.disclosed)}` : ''}.`;
  const lead = `${audience === 'person' ? 'A breach at a provider you watch' : 'A breach at a watched vendor'}: ${incident.organization}. ${news} It matches ${watched.join(', ')} on ${whose}.`;
  const blocks = [
    section(`${bold(':rotating_light: Watchlist alert')}\n${escapeWithin(lead, SECTION_TEXT_MAX - 40)}`),
    ...incidentCardBlocks(incident, steps),
  ];
  return { text: escapeWithin(lead, FALLBACK_TEXT_MAX), blocks };
}
