import type { ScheduledTask } from 'node-cron';
import type { SyncConfig } from '../config/app-config.js';
import type { DeliveryLogger } from '../delivery/deliver-digest.js';
import { createElectedTask } from '../delivery/digest-scheduler.js';
import type { Clock } from '../digest/clock.js';
import { DigestSchedule } from '../digest/digest-schedule.js';
import { FEEDS, feedUrl } from '../sources/feeds.js';
import { describeSourceOverview, sourceOverviews } from '../sources/source-overview.js';
import { staleSources } from '../sources/staleness.js';
import { describeSyncOutcome, type SyncOutcome } from '../sources/sync-outcome.js';
import { syncSource } from '../sources/sync-source.js';
import { readSyncStatus } from '../sources/sync-status.js';
import type { Store } from '../store/store.js';
import type { LiveData } from './live-data.js';

export const SYNC_TASK_NAME = 'breachbot-sync';
/** An election for one fire: far longer than a sync of every list takes, shorter than any sensible schedule. */
const ELECTION_LEASE_MS = 20 * 60_000;

export interface SyncSchedulerDeps {
  config: SyncConfig & { cron: string };
  dataDir: string;
  store: Store;
  clock: Clock;
  instanceId: string;
  logger: DeliveryLogger;
  live: LiveData;
  /** Per download; the sync's own default when absent. */
  timeoutMs?: number;
}

/**
 * Syncs the official lists at SYNC_CRON on one instance (elected through the store, like the
 * digest), then hands the new lists to LiveData, which reloads them, shares them with the other
 * instances and sends the alerts. A fire missed while no instance ran is caught up at start.
 */
export class SyncScheduler {
  private task: ScheduledTask | undefined;
  private stopped = false;

  constructor(private readonly deps: SyncSchedulerDeps) {}

  /** Starts the schedule; resolves after the catch-up, if one was due. */
  async start(): Promise<SyncOutcome[] | undefined> {
    const { config } = this.deps;
    this.task = createElectedTask(
      { cron: config.cron, timeZone: config.timeZone, name: SYNC_TASK_NAME, leaseMs: ELECTION_LEASE_MS },
      () => this.run('scheduled'),
      this.deps,
    );
    await this.task.start();
    return this.catchUp();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.task?.destroy();
  }

  /** Syncs every configured list, one after the other, then refreshes the live data. */
  async run(reason: 'scheduled' | 'catch-up' | 'now'): Promise<SyncOutcome[]> {
    const { config, dataDir, logger, clock } = this.deps;
    const outcomes: SyncOutcome[] = [];
    for (const feed of FEEDS) {
      if (this.stopped) break;
      const outcome = await syncSource(feed.source, {
        dataDir,
        config: config.sources,
        timeZone: config.timeZone,
        now: () => new Date(clock.now()),
        ...(this.deps.timeoutMs !== undefined && { timeoutMs: this.deps.timeoutMs }),
      });
      outcomes.push(outcome);
      const line = `sync (${reason}): ${describeSyncOutcome(outcome)}`;
      if (outcome.kind === 'refused') logger.error(line);
      else logger.info(line);
      for (const warning of outcome.warnings) logger.warn(`sync: ${feed.kind}: ${warning}`);
    }
    await this.deps.live.refresh('sync');
    await this.warnStale();
    return outcomes;
  }

  /** At every run: a list not synced for days means answers and alerts are behind, and nobody is told. */
  private async warnStale(): Promise<void> {
    const { dataDir, config, clock, logger } = this.deps;
    try {
      const stale = staleSources(await sourceOverviews(dataDir, config.sources), clock.now());
      for (const overview of stale)
        logger.warn(`sync: not synced for 3 days or more: ${describeSourceOverview(overview)}`);
    } catch (error) {
      logger.warn('sync: could not check when the lists last synced', { error: (error as Error).message });
    }
  }

  /**
   * Runs at start when a configured list has not been tried since the schedule's last fire (the bot
   * was down, or is new). One instance of several runs it: the store's lock for that fire.
   */
  private async catchUp(): Promise<SyncOutcome[] | undefined> {
    const { config, dataDir, store, instanceId, clock } = this.deps;
    const now = clock.now();
    const lastFire = new DigestSchedule(config.cron, config.timeZone).lastFireAtOrBefore(new Date(now));
    const due = await Promise.all(
      FEEDS.filter((feed) => feedUrl(config.sources, feed.source) !== undefined).map(async (feed) => {
        const { status } = await readSyncStatus(dataDir, feed.source);
        return !status || (lastFire !== undefined && Date.parse(status.lastAttemptAt) < lastFire.getTime());
      }),
    );
    if (!due.some(Boolean) || this.stopped) return undefined;
    const key = `${SYNC_TASK_NAME}:catch-up:${lastFire?.toISOString() ?? 'first'}`;
    if (!(await store.acquireLock(key, instanceId, now, ELECTION_LEASE_MS))) return undefined;
    return this.run('catch-up');
  }
}
