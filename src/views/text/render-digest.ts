import type { Tally } from '../../answer/stats.js';
import type { Digest, DigestSource, DigestTip, PeriodTotals } from '../../digest/compose-digest.js';
import type { DigestPeriod } from '../../digest/digest-period.js';
import type { VendorMatch, WatchlistMatch } from '../../digest/watchlist-match.js';
import { dataTypeLabel } from '../../incidents/data-types.js';
import { ORIGIN_LABELS } from '../../incidents/labels.js';
import { daysBetween } from '../../incidents/merge.js';
import type { Origin } from '../../incidents/model.js';
import { formatCount, formatDate, shortAffected } from '../incident-facts.js';
import { bars, oneLine } from './render-answer.js';

/**
 * The digest as plain text for a terminal (`breachbot digest --dry-run`), and the sentences the
 * Block Kit digest shares with it, so both say the same. Plain text: each renderer escapes for its medium.
 */

/** Lines of watched-vendor matches shown: beyond this a digest is a list nobody reads (and Slack's 50 blocks). */
export const MAX_WATCHLIST_SHOWN = 10;
/** Vendors named on one incident's flag. */
export const MAX_VENDORS_PER_LINE = 3;
/** Where to see everything a digest leaves out; in backticks, which both Slack and a terminal read as a command. */
export const MORE_COMMAND = '`/breach latest`';

/** "Breach digest: 1 Dec 2026 to 7 Dec 2026". */
export function digestTitle(period: DigestPeriod): string {
  const days =
    period.from === period.to ? formatDate(period.from) : `${formatDate(period.from)} to ${formatDate(period.to)}`;
  return `Breach digest: ${days}`;
}

/** What a period is called in sentences: "week" for seven days, and so on. */
export function periodNoun(period: DigestPeriod): string {
  const days = daysBetween(period.from, period.to) + 1;
  if (days === 1) return 'day';
  if (days === 7) return 'week';
  if (days >= 28 && days <= 31) return 'month';
  return 'period';
}

function plural(count: number, noun: string): string {
  return `${formatCount(count)} ${noun}${count === 1 ? '' : 's'}`;
}

/** "3 new incidents, 4,900,000 people affected (1 does not say how many)". */
export function totalsSentence(totals: PeriodTotals): string {
  if (totals.incidents === 0) return 'no new incidents';
  const uncounted =
    totals.uncounted === 0
      ? ''
      : totals.uncounted === totals.incidents
        ? ' (none says how many people)'
        : ` (${formatCount(totals.uncounted)} ${totals.uncounted === 1 ? 'does' : 'do'} not say how many)`;
  return `${plural(totals.incidents, 'new incident')}, ${formatCount(totals.individuals)} people affected${uncounted}`;
}

function formatAverage(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 1 });
}

/** The trend in words a person reads at a glance, with the numbers behind it. */
export function trendSentences(digest: Digest): string[] {
  const { trend, totals, period } = digest;
  const noun = periodNoun(period);
  if (trend.direction === 'no-earlier-data') return [`No earlier ${noun}s to compare with yet.`];
  const over = trend.periods === 1 ? `the previous ${noun}` : `the previous ${trend.periods} ${noun}s`;
  const count = plural(totals.incidents, 'new incident');
  const average = `an average of ${formatAverage(trend.averageIncidents)} a ${noun} over ${over}`;
  const people = `People affected: ${formatCount(totals.individuals)}, against an average of ${formatCount(Math.round(trend.averageIndividuals))}.`;
  if (trend.percent === undefined) {
    return [
      trend.direction === 'flat'
        ? `As before: ${over} had no new incidents either.`
        : `Up: ${count}; ${over} had none.`,
      people,
    ];
  }
  const size = Math.abs(trend.percent);
  switch (trend.direction) {
    case 'up':
      return [`Up: ${count}, ${size}% more than ${average}.`, people];
    case 'down':
      return [`Down: ${count}, ${size}% fewer than ${average}.`, people];
    case 'flat':
      return [`About the same: ${count}, against ${average}.`, people];
  }
}

/** The totals of the previous periods and this one, oldest first, as text bars (`bars`). */
export function trendChart(digest: Digest): string[] {
  const label = (key: string) => (key === digest.period.key ? `${key} (this ${periodNoun(digest.period)})` : key);
  const tallies: Tally<string>[] = [...digest.previousTotals]
    .reverse()
    .concat(digest.totals)
    .map((totals) => ({
      key: totals.period.key,
      incidents: totals.incidents,
      individuals: totals.individuals,
    }));
  return bars(tallies, label);
}

/** Why this tip: "Social Security numbers were exposed in 3 of this week's 5 new incidents." */
export function tipReason(tip: DigestTip, digest: Digest): string {
  const noun = periodNoun(digest.period);
  if (tip.basis.kind === 'general') return `A step worth taking any ${noun}.`;
  const { dataType, incidents } = tip.basis;
  const of =
    incidents === digest.totals.incidents
      ? `all ${plural(incidents, 'new incident')}`
      : `${formatCount(incidents)} of ${plural(digest.totals.incidents, 'new incident')}`;
  return `${dataTypeLabel(dataType)}: exposed in ${of} this ${noun}.`;
}

const FIELD_WORDS: Record<VendorMatch['field'], string> = {
  organization: 'the organisation',
  alias: 'another name of it',
  related: 'a related organisation',
};

/** `HealthEC matched "HealthEC LLC" (the organisation)`; a typo or a part of a longer name says so. */
export function vendorMatchText(match: VendorMatch): string {
  const how = [
    FIELD_WORDS[match.field],
    ...(match.extent === 'part-of-name' ? ['part of the name'] : []),
    ...(match.typos > 0 ? ['close spelling'] : []),
  ];
  return `${match.vendor} matched "${match.name}" (${how.join(', ')})`;
}

/** "Watched vendor: HealthEC (as …)", up to a few vendors, then how many more. */
export function watchedVendorsText(match: WatchlistMatch): string {
  const shown = match.vendors.slice(0, MAX_VENDORS_PER_LINE).map(vendorMatchText);
  const left = match.vendors.length - shown.length;
  const label = match.vendors.length === 1 ? 'Watched vendor' : 'Watched vendors';
  return `${label}: ${shown.join('; ')}${left > 0 ? `; and ${formatCount(left)} more` : ''}`;
}

/** What the digest says when no new incident is at a watched vendor. */
export function noWatchlistMatchText(digest: Digest): string {
  if (digest.watchedVendors === 0) return 'No vendor watchlist yet: add one with `/breach watch add <vendor>`.';
  return `None of the ${plural(digest.watchedVendors, 'watched vendor')} is in this ${periodNoun(digest.period)}'s new incidents.`;
}

/**
 * "312 older filings were added to the record; the largest: Acme Health (1,200,000 people), …": the
 * history a sync or an archive brought in this period, in one line, so it neither floods the new
 * list nor goes unmentioned.
 */
export function olderAddedText(digest: Digest): string | undefined {
  const { count, largest } = digest.olderAdded;
  if (count === 0) return undefined;
  const named = largest.map((incident) => {
    const affected = shortAffected(incident);
    return affected ? `${incident.organization} (${affected})` : incident.organization;
  });
  const what = count === 1 ? '1 older filing was' : `${formatCount(count)} older filings were`;
  return `${what} added to the record this ${periodNoun(digest.period)}${named.length > 0 ? `; the largest: ${named.join(', ')}` : ''}.`;
}

/** "Updated: HealthEC LLC, 4,656,293 → 4,786,241 people (HHS OCR breach portal)". */
export function countUpdateLines(digest: Digest): string[] {
  return digest.updated.map(
    ({ incident, from, to }) =>
      `${incident.organization}: ${formatCount(from)} → ${formatCount(to)} people (${ORIGIN_LABELS[incident.origin]})`,
  );
}

export function nothingNewText(digest: Digest): string {
  return `Nothing new was disclosed this ${periodNoun(digest.period)}.`;
}

/** "…and 12 more new this week: `/breach latest`". */
export function moreText(left: number, what: string): string {
  return `…and ${formatCount(left)} more ${what}: ${MORE_COMMAND}`;
}

const IMPORT_COMMANDS: Record<Exclude<Origin, 'curated'>, string> = {
  'hhs-ocr': 'hhs',
  hibp: 'hibp',
  'wa-ag': 'wa',
};

function sourceText(source: DigestSource): string {
  const what = source.origin === 'curated' ? 'last reviewed' : 'up to';
  return `${ORIGIN_LABELS[source.origin]} (${what} ${formatDate(source.asOf)})`;
}

/** "Data: breachbot curated card (last reviewed 24 Nov 2026), HHS OCR breach portal (up to 1 Jul 2026)." */
export function sourcesText(digest: Digest): string {
  if (digest.sources.length === 0) return 'Data: none loaded.';
  return `Data: ${digest.sources.map(sourceText).join(', ')}.`;
}

/** A warning per imported source that stops before the period: "nothing new" may only mean an old import. */
export function staleSourceWarnings(digest: Digest): string[] {
  return digest.sources
    .filter((source) => source.endsBeforePeriod && source.origin !== 'curated')
    .map((source) => {
      const command = IMPORT_COMMANDS[source.origin as Exclude<Origin, 'curated'>];
      return `The ${ORIGIN_LABELS[source.origin]} data ends ${formatDate(source.asOf)}, before this ${periodNoun(digest.period)} began: import a newer export (breachbot import ${command}).`;
    });
}

/** The digest for a terminal: the same content as the Slack message, in the same order and with the same caps. */
export function renderDigestText(digest: Digest): string {
  const noun = periodNoun(digest.period);
  const lines = [`${digestTitle(digest.period)} (${digest.period.key})`, ''];

  if (digest.incidents.length === 0) {
    lines.push(nothingNewText(digest), '');
  } else {
    lines.push('At watched vendors');
    if (digest.watchlistMatches.length === 0) lines.push(`  ${noWatchlistMatchText(digest)}`);
    const watched = digest.watchlistMatches.slice(0, MAX_WATCHLIST_SHOWN);
    for (const match of watched) lines.push(`  ! ${oneLine(match.incident)}`, `    ${watchedVendorsText(match)}`);
    if (digest.watchlistMatches.length > watched.length) {
      lines.push(`  ${moreText(digest.watchlistMatches.length - watched.length, 'at watched vendors')}`);
    }
    lines.push(
      '',
      'Largest new disclosures',
      ...digest.largest.map((incident, index) => `  ${index + 1}. ${oneLine(incident)}`),
    );
    const left = leftOut(digest, watched);
    if (left > 0) lines.push(`  ${moreText(left, `new this ${noun}`)}`);
    lines.push('');
  }
  const updates = countUpdateLines(digest);
  if (updates.length > 0) lines.push('Updated counts', ...updates.map((line) => `  ${line}`), '');
  const older = olderAddedText(digest);
  if (older) lines.push(older, '');

  lines.push(`This ${noun}: ${totalsSentence(digest.totals)}`, ...trendSentences(digest).map((line) => `  ${line}`));
  lines.push(...trendChart(digest).map((line) => `  ${line}`), '');

  const { tip } = digest;
  lines.push(
    `Tip: ${tip.checklist}`,
    `  ${tipReason(tip, digest)}`,
    `  ${tip.text}`,
    `  Source: ${tip.source.title}: ${tip.source.url}`,
    `  ${tip.notice}`,
    '',
  );
  lines.push(sourcesText(digest), ...staleSourceWarnings(digest));
  return lines.join('\n');
}

/** New incidents the digest names in neither list. */
export function leftOut(digest: Digest, watchedShown: readonly WatchlistMatch[]): number {
  const shown = new Set([
    ...watchedShown.map((match) => match.incident.id),
    ...digest.largest.map((incident) => incident.id),
  ]);
  return digest.incidents.filter((incident) => !shown.has(incident.id)).length;
}
