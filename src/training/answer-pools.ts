import { DATA_TYPES, type DataType } from '../incidents/data-types.js';
import {
  BREACH_TYPES,
  type BreachType,
  type Incident,
  LOCATIONS,
  type Location,
  ORIGINS,
  type Origin,
} from '../incidents/model.js';

/**
 * Where wrong answers come from: the values other incidents have, most common first, so that a wrong
 * answer is one that could have been true. `own`: the values records of the same list have (HHS OCR
 * names six breach types, and a wrong answer in its words reads as plausible); `all`: every value,
 * the most common anywhere first, for a list with too few of its own.
 */
export interface Ranking<T extends string> {
  own: readonly T[];
  all: readonly T[];
}

export interface AnswerPools {
  dataTypes(origin: Origin): Ranking<DataType>;
  breachTypes(origin: Origin): Ranking<BreachType>;
  locations(origin: Origin): Ranking<Location>;
}

type Counts<T extends string> = Map<Origin | 'all', Map<T, number>>;

function count<T extends string>(counts: Counts<T>, origin: Origin, values: readonly T[]): void {
  for (const key of [origin, 'all'] as const) {
    const map = counts.get(key) ?? new Map<T, number>();
    counts.set(key, map);
    for (const value of values) map.set(value, (map.get(value) ?? 0) + 1);
  }
}

function ranked<T extends string>(values: readonly T[], counts: Map<T, number> | undefined): T[] {
  const order = values.map((value, index) => ({ value, count: counts?.get(value) ?? 0, index }));
  order.sort((a, b) => b.count - a.count || a.index - b.index);
  return order.map((entry) => entry.value);
}

function rankings<T extends string>(counts: Counts<T>, values: readonly T[]): (origin: Origin) => Ranking<T> {
  const all = ranked(values, counts.get('all'));
  const byOrigin = new Map<Origin, Ranking<T>>();
  for (const origin of ORIGINS) {
    const own = counts.get(origin);
    byOrigin.set(origin, { own: ranked(values, own).filter((value) => (own?.get(value) ?? 0) > 0), all });
  }
  return (origin) => byOrigin.get(origin) ?? { own: [], all };
}

function computePools(incidents: readonly Incident[]): AnswerPools {
  const dataTypes: Counts<DataType> = new Map();
  const breachTypes: Counts<BreachType> = new Map();
  const locations: Counts<Location> = new Map();
  for (const incident of incidents) {
    count(dataTypes, incident.origin, incident.dataTypes);
    count(breachTypes, incident.origin, incident.breachTypes);
    count(locations, incident.origin, incident.locations);
  }
  return {
    dataTypes: rankings(dataTypes, DATA_TYPES),
    breachTypes: rankings(breachTypes, BREACH_TYPES),
    locations: rankings(locations, LOCATIONS),
  };
}

/**
 * Counted once per list of incidents: a quiz is built inside a Slack request, and a deployment may
 * hold 100,000 incidents. The data is replaced, never changed in place, so its array is the key.
 */
const cache = new WeakMap<readonly Incident[], AnswerPools>();

export function answerPools(incidents: readonly Incident[]): AnswerPools {
  let pools = cache.get(incidents);
  if (!pools) {
    pools = computePools(incidents);
    cache.set(incidents, pools);
  }
  return pools;
}
