import type { SourcesConfig } from '../config/sources-config.js';
import type { Clock } from '../digest/clock.js';
import { type SourceOverview, sourceOverviews } from '../sources/source-overview.js';
import { staleSources } from '../sources/staleness.js';

export interface SourceStatusDeps {
  dataDir: string;
  config: SourcesConfig;
  /** Whether scheduled syncs run: without them every list ages, and saying so each time helps nobody. */
  syncEnabled: boolean;
  /** Who is told about stale sources; undefined means everyone may administer, so everyone is. */
  adminUserIds: readonly string[] | undefined;
  clock: Clock;
  /** How the overviews are read; tests count or replace the reads. */
  read?: (dataDir: string, config: SourcesConfig) => Promise<SourceOverview[]>;
}

/**
 * The official lists' state for `/breach sources` and the Home tab. Reading it gunzips every
 * stored list (megabytes), so it is read once and kept until `invalidate()`, which whoever changes
 * the data (a sync, a reload) calls.
 */
export class SourceStatus {
  private cached: Promise<SourceOverview[]> | undefined;

  constructor(private readonly deps: SourceStatusDeps) {}

  get syncEnabled(): boolean {
    return this.deps.syncEnabled;
  }

  now(): number {
    return this.deps.clock.now();
  }

  /** Concurrent callers share one read; a read that failed is not kept, so the next call tries again. */
  overviews(): Promise<SourceOverview[]> {
    if (this.cached) return this.cached;
    const { dataDir, config, read = sourceOverviews } = this.deps;
    const reading = read(dataDir, config);
    this.cached = reading;
    reading.catch(() => {
      if (this.cached === reading) this.cached = undefined;
    });
    return reading;
  }

  /** The next `overviews()` reads the files again; a read already under way is not kept. */
  invalidate(): void {
    this.cached = undefined;
  }

  isAdmin(userId: string): boolean {
    const admins = this.deps.adminUserIds;
    return admins === undefined || admins.includes(userId);
  }

  /**
   * The stale sources to show this user: none while scheduled sync is off (every list would be),
   * and none to someone who cannot do anything about it.
   */
  async staleFor(userId: string): Promise<SourceOverview[]> {
    if (!this.deps.syncEnabled || !this.isAdmin(userId)) return [];
    return staleSources(await this.overviews(), this.deps.clock.now());
  }
}
