import { stepsForIncident } from '../answer/protective-steps.js';
import { ALERT_WINDOW_DAYS, type AlertMatch, alertCandidates, matchAlerts } from '../digest/alert-candidates.js';
import type { Guidance } from '../guidance/model.js';
import type { Incident } from '../incidents/model.js';
import { vendorNameKey } from '../store/vendor-name.js';
import { type AlertAudience, alertMessage } from '../views/blocks/alert-message.js';
import { type ChannelOutcome, type DeliveryDeps, deliverDigest } from './deliver-digest.js';

export interface AlertInput {
  incidents: readonly Incident[];
  guidance: Guidance;
  /** Today in the digest's time zone (`YYYY-MM-DD`): the calendar first-seen days are in. */
  today: string;
  recentDays: number;
}

export interface AlertRun {
  /** Filings that are news now, watched or not. */
  candidates: number;
  outcomes: ChannelOutcome[];
}

/**
 * Posts an alert for each new or revised filing that matches a watch: to every channel subscribed to
 * the digest when it matches the company's watchlist, and by DM to each person whose own watch list it
 * matches, naming only that person's names. Each goes through the digest's delivery (a claim in the
 * store per channel or person and filing), so any instance may run this after every change of the
 * data, as often as it likes: each alert is posted once.
 */
export async function deliverAlerts(deps: DeliveryDeps, input: AlertInput): Promise<AlertRun> {
  const candidates = alertCandidates(input.incidents, input.today, input.recentDays);
  const run: AlertRun = { candidates: candidates.length, outcomes: [] };
  if (candidates.length === 0) return run;
  const [subscriptions, watchlist, personal] = await Promise.all([
    deps.store.subscriptions(),
    deps.store.watchlist(),
    deps.store.allPersonalWatches(),
  ]);
  const send = async (match: AlertMatch, audience: AlertAudience, channelIds: readonly string[]) => {
    if (channelIds.length === 0) return true;
    const steps = stepsForIncident(input.guidance, match.incident);
    const outcomes = await deliverDigest(deps, {
      period: { key: match.key },
      message: alertMessage(match, steps, audience),
      channelIds,
      // A recovering delivery looks for its post this far back: no alert of this filing is older.
      postedNoEarlierThan: deps.clock.now() - (ALERT_WINDOW_DAYS + 1) * 86_400_000,
      label: 'alert',
    });
    run.outcomes.push(...outcomes);
    return !outcomes.some((outcome) => outcome.outcome === 'not-tried');
  };

  const channelIds = subscriptions.map((subscription) => subscription.channelId);
  const companyNames = watchlist.map((vendor) => vendor.name);
  for (const match of matchAlerts(candidates, companyNames, input.incidents)) {
    if (!(await send(match, 'channel', channelIds))) return run;
  }

  // One matcher for every person's names (reading the corpus's frequent words once), then each
  // person gets the matches of their own names only.
  const watchersByName = new Map<string, Set<string>>();
  for (const watch of personal) {
    const key = vendorNameKey(watch.name);
    const users = watchersByName.get(key) ?? new Set<string>();
    users.add(watch.userId);
    watchersByName.set(key, users);
  }
  const names = [...new Map(personal.map((watch) => [vendorNameKey(watch.name), watch.name])).values()];
  for (const match of matchAlerts(candidates, names, input.incidents)) {
    const byUser = new Map<string, AlertMatch['vendors']>();
    for (const vendor of match.vendors) {
      for (const userId of watchersByName.get(vendorNameKey(vendor.vendor)) ?? []) {
        byUser.set(userId, [...(byUser.get(userId) ?? []), vendor]);
      }
    }
    for (const [userId, vendors] of byUser) {
      if (!(await send({ ...match, vendors }, 'person', [userId]))) return run;
    }
  }
  return run;
}
