import { dataAsOf } from '../answer/stats.js';
import type { Checklist, Guidance, GuidanceStep } from '../guidance/model.js';
import { checklistsFor } from '../guidance/steps-for.js';
import { DATA_TYPES, type DataType } from '../incidents/data-types.js';
import { padDate } from '../incidents/merge.js';
import type { Incident, Origin, Source } from '../incidents/model.js';
import { newestFirst } from '../incidents/order.js';
import type { DigestPeriod } from './digest-period.js';
import { matchWatchlist, type WatchlistMatch } from './watchlist-match.js';

/** How many of the largest new incidents a digest names. */
export const LARGEST_SHOWN = 5;

/** Within this share of the average (and always within one incident) a period counts as flat. */
const FLAT_SHARE = 0.1;

export interface PeriodTotals {
  period: DigestPeriod;
  incidents: number;
  /** People affected, summed over the incidents that say how many. */
  individuals: number;
  /** Incidents that do not say how many people were affected, so `individuals` leaves them out. */
  uncounted: number;
}

/** This period's incidents against the average of the previous periods. */
export type DigestTrend =
  | { direction: 'no-earlier-data' }
  | {
      direction: 'up' | 'down' | 'flat';
      /** How many previous periods the averages are over. */
      periods: number;
      averageIncidents: number;
      averageIndividuals: number;
      /** Incidents against the average, in whole percent; absent when the average is 0 (up from none). */
      percent?: number;
    };

export interface DigestTip {
  /** The checklist the step comes from, e.g. "Social Security number or taxpayer ID". */
  checklist: string;
  text: string;
  source: Source;
  /** The guidance's notice that the steps are US advice: a step is never shown without it. */
  notice: string;
  basis:
    | {
        kind: 'data-type';
        dataType: DataType;
        /** New incidents that exposed it. */
        incidents: number;
      }
    /** A quiet period, or new incidents that list no kind of data the guidance covers. */
    | { kind: 'general' };
}

export interface DigestSource {
  origin: Origin;
  /** The newest `updated` of its records: the last review of a card, or the newest export that changed a record. */
  asOf: string;
  /** An imported source whose data ends before the period began: a quiet period may only mean an old import. */
  endsBeforePeriod: boolean;
}

export interface Digest {
  period: DigestPeriod;
  /** Incidents new in the period (see `isNewInPeriod`), newest first. */
  incidents: Incident[];
  /** New incidents at watched vendors, largest first: the digest shows them first. */
  watchlistMatches: WatchlistMatch[];
  /** The largest new incidents, most people first; incidents that give no count come after those that do. */
  largest: Incident[];
  totals: PeriodTotals;
  /** The previous periods' totals, newest first, as the periods were given. */
  previousTotals: PeriodTotals[];
  trend: DigestTrend;
  tip: DigestTip;
  /** Where the data comes from, in the model's order of origins. */
  sources: DigestSource[];
  /** How many vendors are watched, so that a digest can say "none of your 12 watched vendors". */
  watchedVendors: number;
  /**
   * Filings first seen in the period whose disclosure is old (a source's first sync, a broader
   * archive, a filing posted a year late): history filled in, summed up in one line, not news.
   */
  olderAdded: { count: number; largest: Incident[] };
  /** Incidents whose official count an import changed in the period, largest change first. */
  updated: CountUpdate[];
}

export interface CountUpdate {
  incident: Incident;
  from: number;
  to: number;
}

/** How many count revisions the digest names. */
const UPDATES_SHOWN = 5;

/** How recent a filing's disclosure must be, when breachbot first sees it, to be news (DIGEST_RECENT_DAYS). */
export const DEFAULT_RECENT_DAYS = 60;
/** How many of the older filings added in a period the digest names. */
const OLDER_NAMED = 3;

export interface DigestInput {
  incidents: readonly Incident[];
  period: DigestPeriod;
  /** The periods before `period`, newest first (usually 4). */
  previous: readonly DigestPeriod[];
  watchlist: readonly string[];
  guidance: Guidance;
  /** See `DEFAULT_RECENT_DAYS`. */
  recentDays?: number;
}

/** The content of one period's digest: pure, so the scheduled post, the preview and the dry run agree. */
export function composeDigest({
  incidents,
  period,
  previous,
  watchlist,
  guidance,
  recentDays = DEFAULT_RECENT_DAYS,
}: DigestInput): Digest {
  const fresh = incidents.filter((incident) => isNewInPeriod(incident, period, recentDays)).sort(newestFirst);
  const older = incidents.filter((incident) => isOlderAddedInPeriod(incident, period, recentDays));
  const watchlistMatches = matchWatchlist(fresh, watchlist, incidents).sort((a, b) =>
    largestFirst(a.incident, b.incident),
  );
  const totals = totalsOf(period, fresh);
  const previousTotals = previous.map((earlier) =>
    totalsOf(
      earlier,
      incidents.filter((incident) => isNewInPeriod(incident, earlier, recentDays)),
    ),
  );
  return {
    period,
    incidents: fresh,
    watchlistMatches,
    largest: [...fresh].sort(largestFirst).slice(0, LARGEST_SHOWN),
    totals,
    previousTotals,
    trend: trendOf(totals, previousTotals),
    tip: chooseTip(guidance, fresh, period),
    sources: sourcesOf(incidents, period),
    watchedVendors: new Set(watchlist.map((vendor) => vendor.trim().toLowerCase()).filter(Boolean)).size,
    olderAdded: { count: older.length, largest: [...older].sort(largestFirst).slice(0, OLDER_NAMED) },
    updated: countUpdates(incidents, period),
  };
}

/**
 * Whether an incident is new in the period: disclosed within [from, to], or first imported within
 * it (`firstSeen`). Every incident is new in one period only, so a digest never repeats one and the
 * previous periods' totals, and so the trend, count each incident once, where it was news:
 *
 * - With a `firstSeen`, the period it falls in, provided its disclosure was recent then (within
 *   `recentDays`; a record with no disclosure date counts as recent). A filing first seen long after
 *   it was disclosed (a first sync, a broader archive, a year-late posting) is history filled in:
 *   `isOlderAddedInPeriod` counts it instead, and no period lists it as new. HHS OCR posts a filing weeks after its "Breach
 *   Submission Date" (`disclosed`), so a weekly import often first sees it weeks later. In the week
 *   it was submitted breachbot did not have it yet, so that week's digest did not show it, and
 *   recounting it there later would change a trend already posted and count it twice. A record seen
 *   in the week it was submitted has both dates in that week, so this is also its disclosure week.
 * - Without one (curated cards, the records of a source's first import, records stored before the
 *   field existed), the period its `disclosed` date lies in. A partial date (`2023`, `2023-07`)
 *   counts only when all of it lies inside the period: a monthly digest for July covers `2023-07`,
 *   but no week does, and placing a month-only notice in one of its weeks would be a guess
 *   presented as a fact. (A `firstSeen` is always a day, so it needs no such rule.)
 * - Never by `updated`: it is no import date but the newest date inside the export that last added
 *   or revised the record, the same for a whole export, and it moves on every revision. Counting it
 *   would make the first import list every breach since 2009 as new, and a revised count announce a
 *   breach again. A revision keeps the record's `firstSeen` for the same reason.
 */
export function isNewInPeriod(
  incident: Incident,
  period: DigestPeriod,
  recentDays: number = DEFAULT_RECENT_DAYS,
): boolean {
  const firstSeen = incident.origin === 'curated' ? undefined : incident.firstSeen;
  if (firstSeen !== undefined) {
    return period.from <= firstSeen && firstSeen <= period.to && disclosedRecently(incident, firstSeen, recentDays);
  }
  const { disclosed } = incident;
  return disclosed !== undefined && period.from <= padDate(disclosed) && lastDayOf(disclosed) <= period.to;
}

/** The revised counts of the period: news about a known breach, not a new one. */
function countUpdates(incidents: readonly Incident[], period: DigestPeriod): CountUpdate[] {
  const updates: CountUpdate[] = [];
  for (const incident of incidents) {
    const revision = incident.origin === 'curated' ? undefined : incident.countRevised;
    if (!revision || incident.individualsAffected === undefined) continue;
    if (revision.on < period.from || revision.on > period.to) continue;
    updates.push({ incident, from: revision.from, to: incident.individualsAffected });
  }
  return updates.sort((a, b) => Math.abs(b.to - b.from) - Math.abs(a.to - a.from)).slice(0, UPDATES_SHOWN);
}

/** First seen in the period, but disclosed long before: added to the record, not news. */
export function isOlderAddedInPeriod(incident: Incident, period: DigestPeriod, recentDays: number): boolean {
  const firstSeen = incident.origin === 'curated' ? undefined : incident.firstSeen;
  return (
    firstSeen !== undefined &&
    period.from <= firstSeen &&
    firstSeen <= period.to &&
    !disclosedRecently(incident, firstSeen, recentDays)
  );
}

/** Judged by the disclosure's last possible day, so a month-only date is not held against it. */
function disclosedRecently(incident: Incident, firstSeen: string, recentDays: number): boolean {
  if (!incident.disclosed) return true;
  return (Date.parse(firstSeen) - Date.parse(lastDayOf(incident.disclosed))) / 86_400_000 <= recentDays;
}

/** `2023` -> `2023-12-31`, `2024-02` -> `2024-02-29`, a full date -> itself. */
function lastDayOf(date: string): string {
  if (date.length === 4) return `${date}-12-31`;
  if (date.length === 7) {
    const [year, month] = date.split('-').map(Number) as [number, number];
    const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
    return `${date}-${String(days).padStart(2, '0')}`;
  }
  return date;
}

/** Most people first; a record without a count cannot be ranked, so it comes after those with one. */
function largestFirst(a: Incident, b: Incident): number {
  return (b.individualsAffected ?? -1) - (a.individualsAffected ?? -1) || newestFirst(a, b);
}

function totalsOf(period: DigestPeriod, incidents: readonly Incident[]): PeriodTotals {
  let individuals = 0;
  let uncounted = 0;
  for (const incident of incidents) {
    if (incident.individualsAffected === undefined) uncounted++;
    else individuals += incident.individualsAffected;
  }
  return { period, incidents: incidents.length, individuals, uncounted };
}

function trendOf(current: PeriodTotals, previous: readonly PeriodTotals[]): DigestTrend {
  if (previous.length === 0) return { direction: 'no-earlier-data' };
  const averageIncidents = previous.reduce((sum, totals) => sum + totals.incidents, 0) / previous.length;
  const averageIndividuals = previous.reduce((sum, totals) => sum + totals.individuals, 0) / previous.length;
  const difference = current.incidents - averageIncidents;
  // Small counts swing by one from week to week; that is not a trend.
  const flat = Math.abs(difference) < Math.max(1, FLAT_SHARE * averageIncidents);
  return {
    direction: flat ? 'flat' : difference > 0 ? 'up' : 'down',
    periods: previous.length,
    averageIncidents,
    averageIndividuals,
    ...(averageIncidents > 0 && { percent: Math.round((difference / averageIncidents) * 100) }),
  };
}

/**
 * A step for the kind of data the period's new incidents exposed most often (ties go to the more
 * urgent checklist, the guidance file's order). Which step of that checklist rotates with the
 * period key, so a rerun of a period shows the same tip and the next period most likely another.
 * A quiet period gets the most urgent step of one checklist, rotating over them all.
 */
function chooseTip(guidance: Guidance, incidents: readonly Incident[], period: DigestPeriod): DigestTip {
  const common = mostCommonDataType(guidance, incidents);
  if (common) {
    const checklist = checklistsFor(guidance, [common.dataType])[0] as Checklist;
    const step = pick(checklist.steps, period.key);
    return tipFrom(guidance, checklist, step, { kind: 'data-type', ...common });
  }
  // A quiet week suggests a step marked good for any week: "close your bank account" is not one.
  const anyWeek = guidance.checklists.flatMap((checklist) =>
    checklist.steps.filter((step) => step.anyWeek).map((step) => ({ checklist, step })),
  );
  const fallback = guidance.checklists.map((checklist) => ({ checklist, step: checklist.steps[0] as GuidanceStep }));
  const { checklist, step } = pick(anyWeek.length > 0 ? anyWeek : fallback, period.key);
  return tipFrom(guidance, checklist, step, { kind: 'general' });
}

function tipFrom(guidance: Guidance, checklist: Checklist, step: GuidanceStep, basis: DigestTip['basis']): DigestTip {
  return { checklist: checklist.title, text: step.text, source: step.source, notice: guidance.notice, basis };
}

function mostCommonDataType(
  guidance: Guidance,
  incidents: readonly Incident[],
): { dataType: DataType; incidents: number } | undefined {
  const counts = new Map<DataType, number>();
  for (const incident of incidents) {
    for (const type of new Set(incident.dataTypes)) counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  const urgency = (type: DataType) => guidance.checklists.findIndex((checklist) => checklist.dataTypes.includes(type));
  let best: { dataType: DataType; incidents: number; urgency: number } | undefined;
  // The enum's order breaks the last ties, so the choice never depends on the order of the records.
  for (const dataType of DATA_TYPES) {
    const count = counts.get(dataType) ?? 0;
    const rank = urgency(dataType);
    if (count === 0 || rank === -1) continue;
    if (!best || count > best.incidents || (count === best.incidents && rank < best.urgency)) {
      best = { dataType, incidents: count, urgency: rank };
    }
  }
  return best && { dataType: best.dataType, incidents: best.incidents };
}

/** One item, the same for the same key: FNV-1a over the key. */
function pick<T>(items: readonly T[], key: string): T {
  let hash = 0x811c9dc5;
  for (let index = 0; index < key.length; index++) {
    hash ^= key.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  const item = items[(hash >>> 0) % items.length];
  if (item === undefined) throw new Error('nothing to pick from: the guidance has no checklists');
  return item;
}

function sourcesOf(incidents: readonly Incident[], period: DigestPeriod): DigestSource[] {
  return dataAsOf(incidents).map(({ origin, asOf }) => ({
    origin,
    asOf,
    endsBeforePeriod: origin !== 'curated' && lastDayOf(asOf) < period.from,
  }));
}
