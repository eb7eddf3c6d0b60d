import type { Incident } from '../incidents/model.js';
import { DEFAULT_RECENT_DAYS, isNewInPeriod } from './compose-digest.js';
import { ALERT_KEY_PREFIX } from './records.js';
import { createWatchlistMatcher, type VendorMatch } from './watchlist-match.js';

/**
 * How far back a filing may have arrived and still be alerted. Longer than the hour an alert is
 * meant to take, so that an instance back from a day down still alerts what arrived meanwhile;
 * short enough that a new watcher is not sent the past week, which the digest already covers.
 */
export const ALERT_WINDOW_DAYS = 2;

export interface AlertCandidate {
  incident: Incident;
  /** The delivery key: one alert per channel (or person) and key, ever. */
  key: string;
  /** A count revised upwards or downwards, with both figures; absent for a new filing. */
  update?: { from: number; to: number };
}

/**
 * Filings that are news today: first seen within the window and disclosed recently (the digest's own
 * rule for "newly disclosed", so an archive filled in is no alert), or whose count was revised within
 * it. A count revised again later is another key, so it alerts again.
 */
export function alertCandidates(
  incidents: readonly Incident[],
  today: string,
  recentDays: number = DEFAULT_RECENT_DAYS,
): AlertCandidate[] {
  const from = addDays(today, -ALERT_WINDOW_DAYS);
  const window = { key: `alert-window:${today}`, from, to: today };
  const candidates: AlertCandidate[] = [];
  for (const incident of incidents) {
    if (incident.origin === 'curated') continue;
    if (incident.firstSeen !== undefined && isNewInPeriod(incident, window, recentDays)) {
      candidates.push({ incident, key: `${ALERT_KEY_PREFIX}new:${incident.id}` });
      continue;
    }
    const revision = incident.countRevised;
    const to = incident.individualsAffected;
    if (revision && to !== undefined && from <= revision.on && revision.on <= today) {
      candidates.push({
        incident,
        key: `${ALERT_KEY_PREFIX}count:${incident.id}:${to}`,
        update: { from: revision.from, to },
      });
    }
  }
  return candidates;
}

export interface AlertMatch extends AlertCandidate {
  vendors: VendorMatch[];
}

/** The candidates that name one of `names` (a channel's watchlist, or one person's). */
export function matchAlerts(
  candidates: readonly AlertCandidate[],
  names: readonly string[],
  corpus: readonly Incident[],
): AlertMatch[] {
  if (candidates.length === 0 || names.length === 0) return [];
  const match = createWatchlistMatcher(names, corpus);
  return candidates.flatMap((candidate) => {
    const vendors = match(candidate.incident);
    return vendors.length > 0 ? [{ ...candidate, vendors }] : [];
  });
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
