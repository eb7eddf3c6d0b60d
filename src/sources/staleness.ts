import type { SourceOverview } from './source-overview.js';

/** A configured list that has not synced for this long has stopped updating: someone should look. */
export const STALE_AFTER_DAYS = 3;
export const STALE_AFTER_MS = STALE_AFTER_DAYS * 24 * 60 * 60 * 1000;

/** When the source last synced successfully, as epoch milliseconds; undefined when it never did. */
export function lastSuccessAt(overview: SourceOverview): number | undefined {
  const at = overview.sync.status?.lastSuccess?.at;
  if (at === undefined) return undefined;
  const time = Date.parse(at);
  return Number.isNaN(time) ? undefined : time;
}

/**
 * The configured sources whose last successful sync is missing or older than `STALE_AFTER_MS`,
 * in the order given. An unconfigured source is not expected to sync, so it is never stale.
 */
export function staleSources(overviews: readonly SourceOverview[], now: number): SourceOverview[] {
  return overviews.filter((overview) => {
    if (!overview.configured) return false;
    const at = lastSuccessAt(overview);
    return at === undefined || now - at > STALE_AFTER_MS;
  });
}
