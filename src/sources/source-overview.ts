import type { SourcesConfig } from '../config/sources-config.js';
import { readShippedCollection, readSourceCollection } from '../incidents/imported-store.js';
import { lastExport } from './check-feed.js';
import { FEEDS, type Feed, feedUrl } from './feeds.js';
import { formatTime } from './sync-outcome.js';
import { readSyncStatus, type StatusRead } from './sync-status.js';

export interface SourceOverview {
  feed: Feed;
  configured: boolean;
  records: number;
  /** The newest list's date, and whether that list is the one the repository ships. */
  list: { asOf: string; shipped: boolean } | undefined;
  /** Problems of the stored collection; `breachbot validate` details them. */
  dataProblems: number;
  sync: StatusRead;
}

/** Every source: what is stored of it, and how its syncs went. */
export function sourceOverviews(dataDir: string, config: SourcesConfig): Promise<SourceOverview[]> {
  return Promise.all(
    FEEDS.map(async (feed) => {
      const [stored, shipped, sync] = await Promise.all([
        readSourceCollection(dataDir, feed.source),
        readShippedCollection(dataDir, feed.source),
        readSyncStatus(dataDir, feed.source),
      ]);
      const newest = lastExport(stored.value.exports);
      return {
        feed,
        configured: feedUrl(config, feed.source) !== undefined,
        records: stored.value.incidents.length,
        list: newest && {
          asOf: newest.asOf,
          shipped: shipped.value.exports.some(
            (record) =>
              record.from === newest.from && record.asOf === newest.asOf && record.importedAt === newest.importedAt,
          ),
        },
        dataProblems: stored.problems.length,
        sync,
      };
    }),
  );
}

/** One line: records, the list's date, the last successful sync, a later error, and what is missing. */
export function describeSourceOverview(overview: SourceOverview): string {
  const { feed, list, sync } = overview;
  const parts = [`${feed.kind}: ${feed.title}: ${overview.records} records`];
  parts.push(list ? `list as of ${list.asOf}${list.shipped ? ' (shipped with breachbot)' : ''}` : 'no list');
  if (!overview.configured) parts.push(`not configured (set ${feed.setting})`);
  const { status } = sync;
  const success = status?.lastSuccess;
  if (success)
    parts.push(`last synced ${formatTime(success.at)} (list as of ${success.asOf}, ${success.records} records)`);
  else parts.push(status ? 'never synced successfully' : 'never synced');
  if (status?.lastError && (!success || status.lastError.at > success.at)) {
    parts.push(`last error ${formatTime(status.lastError.at)}: ${status.lastError.reason}`);
  }
  if (sync.problem) parts.push(`sync status unreadable: ${sync.problem}`);
  if (overview.dataProblems > 0) {
    parts.push(`${overview.dataProblems} problem(s) in the stored list (breachbot validate lists them)`);
  }
  return parts.join('; ');
}
