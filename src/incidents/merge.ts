import type { Incident } from './model.js';
import { organizationKey } from './organization-name.js';

/** How far apart a card's disclosure and an official filing may be and still be the same incident. */
const SAME_INCIDENT_MAX_DAYS = 400;

export interface RevisionResult {
  incidents: Incident[];
  added: number;
  revised: number;
  /** Of the revised: records the newer export lists under another name (so under another id). */
  renamed: number;
  unchanged: number;
  /** Incoming records older than the stored ones, which therefore were not applied. */
  stale: number;
}

export interface RevisionOptions {
  /** The import's day, recorded on a record whose count this export changes (`countRevised`). */
  revisedOn?: string;
  /**
   * The day to record as `firstSeen` on the records this export adds (the import's day), or
   * undefined to add them without one: run-import decides (see `firstSeenForAdded` there).
   */
  firstSeen?: string;
  /**
   * The incoming records are stored ones (an imported collection read over the shipped list), not
   * a new export: each keeps the `firstSeen` and `countRevised` its own import gave it. Without
   * this, reading the shipped list and the imports together would strip those marks, and with them
   * every alert and every "newly disclosed" of what was imported since the list was shipped.
   */
  stored?: boolean;
}

/**
 * Applies a newly imported export over what was stored from earlier exports of the same source.
 * The record from the newer export wins (its `updated` is the export's date), so importing an old
 * export after a new one never rolls a revised count back.
 *
 * An added record gets `options.firstSeen`. A revised or renamed record keeps the stored record's
 * `firstSeen` (or its lack of one), and a stale or unchanged one is not touched, so nothing that
 * was already stored ever becomes new again.
 *
 * HHS renames entities between exports ("Managed Care of North America (MCNA)" becomes "Managed
 * Care of North America"), and a record's id comes from its name. A record whose id is new is
 * therefore first matched against the stored records that the export no longer lists: same state,
 * same filing date, and the same count or mostly the same name words. Without this, every rename
 * would leave the breach in the data twice.
 */
export function reviseImported(
  existing: readonly Incident[],
  incoming: readonly Incident[],
  options: RevisionOptions = {},
): RevisionResult {
  const byId = new Map(existing.map((incident) => [incident.id, incident]));
  const incomingIds = new Set(incoming.map((record) => record.id));
  const unlisted = groupByFiling(existing.filter((incident) => !incomingIds.has(incident.id)));
  const result = { added: 0, revised: 0, renamed: 0, unchanged: 0, stale: 0 };
  const revise = (record: Incident, before: Incident) =>
    options.stored
      ? withStoredMarks(record, before)
      : withCountRevision(withFirstSeen(record, firstSeenOf(before)), before, options.revisedOn);
  for (const record of incoming) {
    const current = byId.get(record.id);
    if (current) {
      if (record.updated < current.updated) result.stale++;
      else if (sameContent(current, record)) {
        result.unchanged++;
        if (options.stored) byId.set(record.id, withStoredMarks(record, current));
      } else {
        result.revised++;
        byId.set(record.id, revise(record, current));
      }
      continue;
    }
    const renamedFrom = takeRenamed(record, unlisted);
    if (!renamedFrom) {
      result.added++;
      byId.set(record.id, options.stored ? record : withFirstSeen(record, options.firstSeen));
    } else if (record.updated < renamedFrom.updated) {
      result.stale++;
    } else {
      result.revised++;
      result.renamed++;
      byId.delete(renamedFrom.id);
      byId.set(record.id, revise(record, renamedFrom));
    }
  }
  return { incidents: [...byId.values()], ...result };
}

/**
 * The revised record, marked with the count it had before when this export changes it; otherwise it
 * keeps the mark of the last change, so a later export that changes something else does not erase it.
 */
function withCountRevision(record: Incident, before: Incident, revisedOn: string | undefined): Incident {
  if (record.origin === 'curated' || before.origin === 'curated') return record;
  const { countRevised: _fromExport, ...rest } = record;
  const changed =
    before.individualsAffected !== undefined &&
    record.individualsAffected !== undefined &&
    before.individualsAffected !== record.individualsAffected;
  if (changed && revisedOn)
    return { ...rest, countRevised: { from: before.individualsAffected as number, on: revisedOn } };
  return before.countRevised ? { ...rest, countRevised: before.countRevised } : rest;
}

/** A stored record over the one it replaces: its own marks first, the older record's where it has none. */
function withStoredMarks(record: Incident, before: Incident): Incident {
  if (record.origin === 'curated' || before.origin === 'curated') return record;
  const firstSeen = record.firstSeen ?? firstSeenOf(before);
  const countRevised = record.countRevised ?? before.countRevised;
  return { ...record, ...(firstSeen && { firstSeen }), ...(countRevised && { countRevised }) };
}

function firstSeenOf(incident: Incident): string | undefined {
  return incident.origin === 'curated' ? undefined : incident.firstSeen;
}

/** The record with `firstSeen` set to the given day, or without one; whatever the export said is ignored. */
function withFirstSeen(record: Incident, firstSeen: string | undefined): Incident {
  if (record.origin === 'curated') return record;
  const { firstSeen: _fromExport, ...rest } = record;
  return firstSeen === undefined ? rest : { ...rest, firstSeen };
}

function filingKey(incident: Incident): string {
  return `${incident.origin}|${incident.state ?? ''}|${incident.disclosed ?? ''}`;
}

function groupByFiling(incidents: readonly Incident[]): Map<string, Incident[]> {
  const groups = new Map<string, Incident[]>();
  for (const incident of incidents) {
    if (!incident.disclosed) continue;
    const list = groups.get(filingKey(incident)) ?? [];
    list.push(incident);
    groups.set(filingKey(incident), list);
  }
  return groups;
}

/** Removes and returns the unlisted stored record that `record` most plausibly renames. */
function takeRenamed(record: Incident, unlisted: Map<string, Incident[]>): Incident | undefined {
  const candidates = unlisted.get(filingKey(record));
  if (!candidates) return undefined;
  let best: Incident | undefined;
  let bestSimilarity = 0;
  for (const candidate of candidates) {
    const sameCount =
      record.individualsAffected !== undefined && record.individualsAffected === candidate.individualsAffected;
    const similarity = Math.max(nameOverlap(record.organization, candidate.organization), sameCount ? 1 : 0);
    if (similarity > bestSimilarity) {
      best = candidate;
      bestSimilarity = similarity;
    }
  }
  if (!best || bestSimilarity < MIN_RENAME_OVERLAP) return undefined;
  candidates.splice(candidates.indexOf(best), 1);
  return best;
}

/** Half the words of the shorter name in common: "University of Utah" and "University of Utah Health". */
const MIN_RENAME_OVERLAP = 0.5;

function nameOverlap(a: string, b: string): number {
  const wordsA = new Set(organizationKey(a).split(' ').filter(Boolean));
  const wordsB = new Set(organizationKey(b).split(' ').filter(Boolean));
  const shared = [...wordsA].filter((word) => wordsB.has(word)).length;
  return shared / Math.max(1, Math.min(wordsA.size, wordsB.size));
}

/** The same record but for the export's date and breachbot's own `firstSeen` (an export never has one). */
function sameContent(a: Incident, b: Incident): boolean {
  const content = (incident: Incident) =>
    JSON.stringify({ ...incident, updated: '', firstSeen: undefined, countRevised: undefined });
  return content(a) === content(b);
}

/**
 * Which imported records a curated card stands for, as imported id -> card id.
 *
 * A candidate has the card's organisation (by name or alias, legal forms ignored), the same state
 * where both say, and a filing within about a year. Of the candidates, the card covers the one
 * filed closest to its disclosure in each list, and any other whose count equals the card's (the
 * same breach filed twice). The rest are the organisation's other, separate incidents (a stolen laptop weeks
 * after a hack) and stay in the data.
 */
export function matchCuratedCards(curated: readonly Incident[], imported: readonly Incident[]): Map<string, string> {
  const curatedByName = indexCuratedByName(curated);
  const candidates = new Map<Incident, Incident[]>();
  for (const record of imported) {
    const cards = curatedByName.get(organizationKey(record.organization)) ?? [];
    for (const card of cards) {
      if (!sameIncidentWindow(card, record)) continue;
      const list = candidates.get(card) ?? [];
      list.push(record);
      candidates.set(card, list);
    }
  }
  const covered = new Map<string, string>();
  for (const [card, records] of candidates) {
    // One filing per list: HHS's and Washington's filings of the card's breach are both the card's.
    const closest = new Map<Incident['origin'], Incident>();
    for (const record of records) {
      const best = closest.get(record.origin);
      if (!best || filingDistance(card, record) < filingDistance(card, best)) closest.set(record.origin, record);
    }
    for (const record of records) {
      const sameCount =
        card.individualsAffected !== undefined && record.individualsAffected === card.individualsAffected;
      if ((closest.get(record.origin) === record || sameCount) && !covered.has(record.id)) {
        covered.set(record.id, card.id);
      }
    }
  }
  return covered;
}

function sameIncidentWindow(card: Incident, record: Incident): boolean {
  return (
    (!card.state || !record.state || card.state === record.state) &&
    (!card.disclosed || !record.disclosed || daysBetween(card.disclosed, record.disclosed) <= SAME_INCIDENT_MAX_DAYS)
  );
}

function filingDistance(card: Incident, record: Incident): number {
  return card.disclosed && record.disclosed ? daysBetween(card.disclosed, record.disclosed) : 0;
}

function indexCuratedByName(curated: readonly Incident[]): Map<string, Incident[]> {
  const index = new Map<string, Incident[]>();
  for (const card of curated) {
    for (const name of [card.organization, ...card.aliases]) {
      const key = organizationKey(name);
      if (!key) continue;
      const list = index.get(key) ?? [];
      if (!list.includes(card)) list.push(card);
      index.set(key, list);
    }
  }
  return index;
}

export function daysBetween(a: string, b: string): number {
  return Math.abs(Date.parse(padDate(a)) - Date.parse(padDate(b))) / 86_400_000;
}

/** `2022-03` -> `2022-03-01`, so partial dates compare as the start of their period. */
export function padDate(date: string): string {
  return date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date;
}
