import { ORIGIN_LABELS } from './labels.js';
import { daysBetween, matchCuratedCards, padDate } from './merge.js';
import type { Filing, Incident, Origin } from './model.js';
import { organizationKey } from './organization-name.js';

/**
 * How far apart two lists may date their filings of one breach. Organisations notify regulators
 * and states within weeks of each other (ARx: HHS 30 June 2023, Washington 10 July 2023; Premera:
 * 29 days, Shields: 56); the same organisation's separate breaches are months or years apart, and
 * beyond two months a pair is a guess rather than a match.
 */
export const FILING_GAP_MAX_DAYS = 60;

/** Which list's record leads an incident no curated card describes: the one that counts everyone. */
const LEAD_ORDER: readonly Origin[] = ['hhs-ocr', 'wa-ag', 'hibp'];

export interface MergedDataset {
  incidents: Incident[];
  /** Imported record id -> the curated card id that stands for it. */
  coveredByCurated: Map<string, string>;
  /** Imported records that joined another list's record of the same breach. */
  joined: number;
}

/**
 * One breach, one incident, every filing. A curated card stands for the imported records of its
 * incident (`matchCuratedCards`); the remaining records of different lists join when they name the
 * same organisation (legal forms and punctuation aside), in the same state where both say one, with
 * filing dates within `FILING_GAP_MAX_DAYS`, and no later than the breach began. A wrong merge tells
 * people false facts and a missed one only shows two cards, so matching is strict:
 * - two records of the same list never join: a hospital's filings of 2015 and 2023 are two breaches,
 *   and so are a vendor's filings for each of its clients;
 * - a record joins at most one record of each other list, the closest in date.
 * Each incident keeps every record it stands for as a filing, so the card can say where each figure
 * comes from; the lead record (the curated card, else the list that counts everyone) gives the rest,
 * and dates it lacks (HHS gives no breach dates) come from the others.
 */
export function mergeFilings(curated: readonly Incident[], imported: readonly Incident[]): MergedDataset {
  const coveredByCurated = matchCuratedCards(curated, imported);
  const coveredRecords = new Map<string, Incident[]>();
  const rest: Incident[] = [];
  const seen = new Set(curated.map((card) => card.id));
  for (const record of imported) {
    const cardId = coveredByCurated.get(record.id);
    if (cardId) coveredRecords.set(cardId, [...(coveredRecords.get(cardId) ?? []), record]);
    else if (!seen.has(record.id)) rest.push(record);
    seen.add(record.id);
  }
  const incidents: Incident[] = curated.map((card) => withFilings(card, coveredRecords.get(card.id) ?? []));
  let joined = 0;
  for (const group of joinAcrossLists(rest)) {
    joined += group.length - 1;
    const [lead, ...others] = [...group].sort((a, b) => leadRank(a) - leadRank(b));
    incidents.push(group.length === 1 ? (lead as Incident) : withFilings(lead as Incident, others, true));
  }
  return { incidents, coveredByCurated, joined };
}

function leadRank(record: Incident): number {
  const rank = LEAD_ORDER.indexOf(record.origin);
  return rank < 0 ? LEAD_ORDER.length : rank;
}

/** The filing an imported record is. */
export function filingOf(record: Incident): Filing {
  return {
    source: ORIGIN_LABELS[record.origin],
    origin: record.origin,
    recordId: record.id,
    organization: record.organization,
    ...(record.individualsAffected !== undefined && { individualsAffected: record.individualsAffected }),
    ...(record.residentsAffected && { residentsAffected: record.residentsAffected }),
    ...(record.disclosed && { filed: record.disclosed }),
    asOf: record.updated,
    ...(record.sources[0] && { url: record.sources[0].url }),
  };
}

/**
 * The lead record with the others as filings after its own. An imported lead lists itself first,
 * so that its figure too names its list; its missing dates come from the others, never its figures.
 */
function withFilings(lead: Incident, others: readonly Incident[], leadIsFiling = false): Incident {
  if (others.length === 0) return lead;
  const filings = [...(lead.filings ?? []), ...(leadIsFiling ? [filingOf(lead)] : []), ...others.map(filingOf)];
  const merged: Incident = { ...lead, filings };
  const occurred = lead.occurred ?? others.find((other) => other.occurred)?.occurred;
  const discovered = lead.discovered ?? others.find((other) => other.discovered)?.discovered;
  if (occurred) merged.occurred = occurred;
  if (discovered) merged.discovered = discovered;
  const urls = new Set(lead.sources.map((source) => source.url));
  merged.sources = [...lead.sources];
  for (const source of others.flatMap((other) => other.sources)) {
    if (!urls.has(source.url)) merged.sources.push(source);
    urls.add(source.url);
  }
  return merged;
}

/** Groups records of different lists that are one breach; every record is in exactly one group. */
function joinAcrossLists(records: readonly Incident[]): Incident[][] {
  const byName = new Map<string, Incident[]>();
  for (const record of records) {
    const key = organizationKey(record.organization);
    byName.set(key, [...(byName.get(key) ?? []), record]);
  }
  const groups: Incident[][] = [];
  for (const [key, named] of byName) {
    const origins = new Set(named.map((record) => record.origin));
    if (!key || origins.size < 2) {
      for (const record of named) groups.push([record]);
      continue;
    }
    groups.push(...pairClosest(named));
  }
  return groups;
}

interface Pair {
  a: number;
  b: number;
  days: number;
  /** A tie on days goes to the pair whose total counts at least the state's residents. */
  countsFit: boolean;
}

/** Among one organisation's records, joins the closest plausible pairs first, one record per list in a group. */
function pairClosest(named: readonly Incident[]): Incident[][] {
  const pairs: Pair[] = [];
  for (let a = 0; a < named.length; a++) {
    for (let b = a + 1; b < named.length; b++) {
      const days = filingGap(named[a] as Incident, named[b] as Incident);
      if (days !== undefined) {
        pairs.push({ a, b, days, countsFit: countsFit(named[a] as Incident, named[b] as Incident) });
      }
    }
  }
  pairs.sort((x, y) => x.days - y.days || Number(y.countsFit) - Number(x.countsFit));
  const groupOf = named.map((_, index) => [index]);
  for (const { a, b } of pairs) {
    const groupA = groupOf[a] as number[];
    const groupB = groupOf[b] as number[];
    if (groupA === groupB) continue;
    const listsA = new Set(groupA.map((index) => (named[index] as Incident).origin));
    if (groupB.some((index) => listsA.has((named[index] as Incident).origin))) continue;
    const joined = [...groupA, ...groupB];
    for (const index of joined) groupOf[index] = joined;
  }
  return [...new Set(groupOf)].map((group) => group.map((index) => named[index] as Incident));
}

/** Days between two records' filings when they may be one breach; undefined when they cannot. */
function filingGap(a: Incident, b: Incident): number | undefined {
  if (a.origin === b.origin) return undefined;
  if (a.state && b.state && a.state !== b.state) return undefined;
  if (!a.disclosed || !b.disclosed) return undefined;
  // Nobody files about a breach before it began.
  if (a.occurred && padDate(b.disclosed) < padDate(a.occurred.start)) return undefined;
  if (b.occurred && padDate(a.disclosed) < padDate(b.occurred.start)) return undefined;
  const days = daysBetween(a.disclosed, b.disclosed);
  return days <= FILING_GAP_MAX_DAYS ? days : undefined;
}

function countsFit(a: Incident, b: Incident): boolean {
  const residents = a.residentsAffected?.count ?? b.residentsAffected?.count;
  const total = a.individualsAffected ?? b.individualsAffected;
  return residents === undefined || total === undefined || total >= residents;
}
