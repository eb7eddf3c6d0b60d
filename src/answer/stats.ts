import { padDate } from '../incidents/merge.js';
import { type BreachType, type EntityType, type Incident, ORIGINS, type Origin } from '../incidents/model.js';
import { newestFirst } from '../incidents/order.js';
import type { UsStateCode } from '../incidents/us-states.js';

export interface Tally<K extends string | number> {
  key: K;
  incidents: number;
  individuals: number;
}

export interface Stats {
  /** The year asked for, if any. */
  year?: number;
  incidents: number;
  individuals: number;
  byBreachType: Tally<BreachType>[];
  byEntityType: Tally<EntityType | 'unknown'>[];
  byYear: Tally<number>[];
  topStates: Tally<UsStateCode>[];
}

function tally<K extends string | number>(
  incidents: readonly Incident[],
  keysOf: (incident: Incident) => K[],
): Tally<K>[] {
  const totals = new Map<K, Tally<K>>();
  for (const incident of incidents) {
    for (const key of new Set(keysOf(incident))) {
      const entry = totals.get(key) ?? { key, incidents: 0, individuals: 0 };
      entry.incidents++;
      entry.individuals += incident.individualsAffected ?? 0;
      totals.set(key, entry);
    }
  }
  return [...totals.values()];
}

function disclosedYear(incident: Incident): number | undefined {
  return incident.disclosed ? Number(incident.disclosed.slice(0, 4)) : undefined;
}

/**
 * Totals and orders already computed, per list of incidents: a list is never changed once loaded (a
 * newer one replaces it), and at 200,000 records each total or sort takes long enough to hold the
 * answers behind it.
 */
const statsOf = new WeakMap<readonly Incident[], Map<number | undefined, Stats>>();
const newestOf = new WeakMap<readonly Incident[], Incident[]>();

/** Totals over the dataset, or over the incidents disclosed in one year. */
export function computeStats(all: readonly Incident[], year?: number): Stats {
  const known = statsOf.get(all) ?? new Map<number | undefined, Stats>();
  statsOf.set(all, known);
  const cached = known.get(year);
  if (cached) return cached;
  const stats = tallyStats(all, year);
  known.set(year, stats);
  return stats;
}

function tallyStats(all: readonly Incident[], year: number | undefined): Stats {
  const incidents = year === undefined ? all : all.filter((incident) => disclosedYear(incident) === year);
  const byCount = <K extends string | number>(a: Tally<K>, b: Tally<K>) => b.incidents - a.incidents;
  return {
    year,
    incidents: incidents.length,
    individuals: incidents.reduce((sum, incident) => sum + (incident.individualsAffected ?? 0), 0),
    byBreachType: tally(incidents, (incident) => incident.breachTypes).sort(byCount),
    byEntityType: tally(incidents, (incident) => [incident.entityType ?? 'unknown']).sort(byCount),
    byYear: tally(incidents, (incident) => {
      const disclosed = disclosedYear(incident);
      return disclosed === undefined ? [] : [disclosed];
    }).sort((a, b) => a.key - b.key),
    topStates: tally(incidents, (incident) => (incident.state ? [incident.state] : []))
      .sort(byCount)
      .slice(0, 10),
  };
}

/** The most recently disclosed incidents, largest first on the same day. */
export function latestIncidents(incidents: readonly Incident[], count = 10): Incident[] {
  let newest = newestOf.get(incidents);
  if (!newest) {
    newest = incidents.filter((incident) => incident.disclosed).sort(newestFirst);
    newestOf.set(incidents, newest);
  }
  return newest.slice(0, count);
}

/** Each source the data holds and the date of its newest list (or a curated card's newest review), in the model's order. */
export function dataAsOf(incidents: readonly Incident[]): { origin: Origin; asOf: string }[] {
  const newest = new Map<Origin, string>();
  const note = (origin: Origin, asOf: string) => {
    const current = newest.get(origin);
    if (!current || padDate(asOf) > padDate(current)) newest.set(origin, asOf);
  };
  for (const incident of incidents) {
    note(incident.origin, incident.updated);
    for (const filing of incident.filings ?? []) if (filing.origin && filing.asOf) note(filing.origin, filing.asOf);
  }
  return ORIGINS.flatMap((origin) => {
    const asOf = newest.get(origin);
    return asOf ? [{ origin, asOf }] : [];
  });
}
