import type { Incident } from './model.js';
import { organizationKey } from './organization-name.js';

/** How far apart a card's disclosure and an official filing may be and still be the same incident. */
const SAME_INCIDENT_MAX_DAYS = 400;

export interface RevisionResult {
  incidents: Incident[];
  added: number;
  revised: number;
  unchanged: number;
  /** Incoming records older than the stored ones, which therefore were not applied. */
  stale: number;
}

/**
 * Applies a newly imported export over what was stored from earlier exports of the same source.
 * The record from the newer export wins (its `updated` is the export's date), so importing an old
 * export after a new one never rolls a revised count back.
 */
export function reviseImported(existing: readonly Incident[], incoming: readonly Incident[]): RevisionResult {
  const byId = new Map(existing.map((incident) => [incident.id, incident]));
  let added = 0;
  let revised = 0;
  let unchanged = 0;
  let stale = 0;
  for (const record of incoming) {
    const current = byId.get(record.id);
    if (!current) {
      added++;
      byId.set(record.id, record);
    } else if (record.updated < current.updated) {
      stale++;
    } else if (sameContent(current, record)) {
      unchanged++;
    } else {
      revised++;
      byId.set(record.id, record);
    }
  }
  return { incidents: [...byId.values()], added, revised, unchanged, stale };
}

function sameContent(a: Incident, b: Incident): boolean {
  return JSON.stringify({ ...a, updated: '' }) === JSON.stringify({ ...b, updated: '' });
}

/**
 * The curated card that describes the same incident as an imported record, if any: same
 * organisation (by name or alias, legal forms ignored), same state where both say, and dates close
 * enough to be the same event rather than a second breach years later.
 */
export function findCuratedMatch(
  record: Incident,
  curatedByName: ReadonlyMap<string, readonly Incident[]>,
): Incident | undefined {
  const candidates = curatedByName.get(organizationKey(record.organization)) ?? [];
  return candidates.find(
    (card) =>
      (!card.state || !record.state || card.state === record.state) &&
      (!card.disclosed || !record.disclosed || daysBetween(card.disclosed, record.disclosed) <= SAME_INCIDENT_MAX_DAYS),
  );
}

export function indexCuratedByName(curated: readonly Incident[]): Map<string, Incident[]> {
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

export interface MergedDataset {
  incidents: Incident[];
  /** Imported record id -> the curated card id that stands for it. */
  coveredByCurated: Map<string, string>;
}

/** Curated cards win over the imported records of the same incident; everything else is kept. */
export function mergeCuratedAndImported(
  curated: readonly Incident[],
  imported: readonly Incident[],
): MergedDataset {
  const curatedByName = indexCuratedByName(curated);
  const coveredByCurated = new Map<string, string>();
  const incidents: Incident[] = [...curated];
  const seen = new Set(curated.map((card) => card.id));
  for (const record of imported) {
    const card = findCuratedMatch(record, curatedByName);
    if (card) {
      coveredByCurated.set(record.id, card.id);
    } else if (!seen.has(record.id)) {
      seen.add(record.id);
      incidents.push(record);
    }
  }
  return { incidents, coveredByCurated };
}

export function daysBetween(a: string, b: string): number {
  return Math.abs(Date.parse(padDate(a)) - Date.parse(padDate(b))) / 86_400_000;
}

/** `2022-03` -> `2022-03-01`, so partial dates compare as the start of their period. */
export function padDate(date: string): string {
  return date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date;
}
