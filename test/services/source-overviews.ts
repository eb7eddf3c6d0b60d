import { feedOf } from '../../src/sources/feeds.js';
import type { SourceOverview } from '../../src/sources/source-overview.js';

/** Wednesday 9 December 2026, 10:00 UTC. */
export const NOW = Date.parse('2026-12-09T10:00:00Z');
export const HOUR = 60 * 60 * 1000;
export const DAY = 24 * HOUR;

const SHA = 'a'.repeat(64);

export interface OverviewSpec {
  source?: SourceOverview['feed']['source'];
  configured?: boolean;
  records?: number;
  list?: SourceOverview['list'];
  /** Epoch ms of the last successful sync; absent: never. */
  syncedAt?: number;
  /** The last error; absent: none. */
  error?: { at: number; reason: string };
  /** Whether the source was ever attempted: with neither a success nor an error, never synced. */
  attempted?: boolean;
  problem?: string;
  dataProblems?: number;
}

/** One source's overview as `sourceOverviews` reads it, from a few facts. */
export function overview({
  source = 'hibp',
  configured = true,
  records = 1234,
  list = { asOf: '2026-12-01', shipped: false },
  syncedAt,
  error,
  attempted = syncedAt !== undefined || error !== undefined,
  problem,
  dataProblems = 0,
}: OverviewSpec = {}): SourceOverview {
  const lastAttempt = Math.max(syncedAt ?? 0, error?.at ?? 0);
  return {
    feed: feedOf(source),
    configured,
    records,
    list,
    dataProblems,
    sync: {
      ...(attempted && {
        status: {
          source,
          lastAttemptAt: new Date(lastAttempt).toISOString(),
          ...(syncedAt !== undefined && {
            lastSuccess: {
              at: new Date(syncedAt).toISOString(),
              url: 'https://example.org/list',
              asOf: '2026-12-01',
              records,
              sha256: SHA,
            },
          }),
          ...(error && { lastError: { at: new Date(error.at).toISOString(), reason: error.reason } }),
        },
      }),
      ...(problem && { problem }),
    },
  };
}
