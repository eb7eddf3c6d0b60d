import type { KnownBlock } from '@slack/types';
import type { Digest } from '../../digest/compose-digest.js';
import type { WatchlistMatch } from '../../digest/watchlist-match.js';
import {
  countUpdateLines,
  digestTitle,
  leftOut,
  MAX_WATCHLIST_SHOWN,
  moreText,
  nothingNewText,
  noWatchlistMatchText,
  olderAddedText,
  periodNoun,
  sourcesText,
  staleSourceWarnings,
  tipReason,
  totalsSentence,
  trendChart,
  trendSentences,
  watchedVendorsText,
} from '../text/render-digest.js';
import type { SlackMessage } from './answer-message.js';
import { context, divider, header, section } from './elements.js';
import { incidentLine, showButton } from './incident-card.js';
import { FALLBACK_TEXT_MAX, linesWithin, SECTION_TEXT_MAX } from './limits.js';
import { bold, escapeMrkdwn, escapeWithin, italic, link } from './mrkdwn.js';

/** Room for a watched-vendor flag under its incident line; the line itself is at most a few hundred characters. */
const FLAG_MAX = 1500;
const FENCE = '```';

/**
 * The digest as one channel message: watched vendors first, then the largest new disclosures, the
 * totals and trend, one protective tip and where the data comes from. The caller posts it, or
 * shows it as a preview; the content is the same.
 */
export function digestMessage(digest: Digest): SlackMessage {
  const watched = digest.watchlistMatches.slice(0, MAX_WATCHLIST_SHOWN);
  const blocks: KnownBlock[] = [
    header(digestTitle(digest.period)),
    context([escapeMrkdwn(`${digest.period.key} · ${totalsSentence(digest.totals)}`)]),
  ];
  if (digest.incidents.length === 0) blocks.push(section(escapeMrkdwn(nothingNewText(digest))));
  else blocks.push(...watchlistBlocks(digest, watched), divider(), ...largestBlocks(digest, watched));
  const updates = countUpdateLines(digest);
  if (updates.length > 0) {
    blocks.push(
      section(['*Updated counts*', ...updates.map((line) => `• ${escapeWithin(line, FLAG_MAX / 5)}`)].join('\n')),
    );
  }
  const older = olderAddedText(digest);
  if (older) blocks.push(context([escapeWithin(older, FLAG_MAX)]));
  blocks.push(
    divider(),
    trendBlock(digest),
    tipBlock(digest),
    context([sourcesText(digest), ...staleSourceWarnings(digest)].map(escapeMrkdwn)),
  );
  return { text: fallbackText(digest), blocks };
}

function watchlistBlocks(digest: Digest, watched: readonly WatchlistMatch[]): KnownBlock[] {
  if (watched.length === 0) return [context([escapeMrkdwn(noWatchlistMatchText(digest))])];
  const blocks: KnownBlock[] = [
    section('*:warning: At watched vendors*'),
    ...watched.map((match) =>
      section(
        `${incidentLine(match.incident)}\n:warning: ${escapeWithin(watchedVendorsText(match), FLAG_MAX)}`,
        showButton(match.incident),
      ),
    ),
  ];
  const left = digest.watchlistMatches.length - watched.length;
  if (left > 0) blocks.push(context([escapeMrkdwn(moreText(left, 'at watched vendors'))]));
  return blocks;
}

function largestBlocks(digest: Digest, watched: readonly WatchlistMatch[]): KnownBlock[] {
  const blocks: KnownBlock[] = [
    section('*Largest new disclosures*'),
    ...digest.largest.map((incident) => section(incidentLine(incident), showButton(incident))),
  ];
  const left = leftOut(digest, watched);
  if (left > 0) blocks.push(context([escapeMrkdwn(moreText(left, `new this ${periodNoun(digest.period)}`))]));
  return blocks;
}

/** Totals, the trend in words, and the text bars in a code block: whole lines only, so the block stays closed. */
function trendBlock(digest: Digest): KnownBlock {
  const heading = `${bold(`This ${periodNoun(digest.period)}`)}: ${escapeMrkdwn(totalsSentence(digest.totals))}`;
  const words = trendSentences(digest).map(escapeMrkdwn).join('\n');
  const chart = trendChart(digest).map(escapeMrkdwn);
  const room = SECTION_TEXT_MAX - heading.length - words.length - 2 * FENCE.length - 4;
  return section(`${heading}\n${words}\n${FENCE}${linesWithin(chart, room, (left) => `… ${left} more`)}${FENCE}`);
}

function tipBlock(digest: Digest): KnownBlock {
  const { tip } = digest;
  return section(
    [
      bold(`Tip: ${tip.checklist}`),
      escapeMrkdwn(tipReason(tip, digest)),
      `${escapeMrkdwn(tip.text)} ${link(tip.source.url, tip.source.title)}`,
      italic(tip.notice),
    ].join('\n'),
  );
}

/** The notification: escaped too, since Slack parses mentions in it. */
function fallbackText(digest: Digest): string {
  const watched = digest.watchlistMatches.length;
  const summary =
    digest.incidents.length === 0
      ? nothingNewText(digest)
      : `${totalsSentence(digest.totals)}${watched > 0 ? `; ${watched} at watched vendors` : ''}.`;
  return escapeWithin(`${digestTitle(digest.period)}. ${summary}`, FALLBACK_TEXT_MAX);
}
