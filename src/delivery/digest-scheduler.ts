import { createTask, type RunCoordinator, type ScheduledTask } from 'node-cron';
import type { Clock } from '../digest/clock.js';
import type { DigestPeriod } from '../digest/digest-period.js';
import type { DigestSchedule } from '../digest/digest-schedule.js';
import type { Store } from '../store/store.js';
import type { ChannelOutcome, DeliveryLogger } from './deliver-digest.js';
import type { DeliveryAudience, DigestRun } from './digest-runner.js';

export const DIGEST_TASK_NAME = 'breachbot-digest';
export const TRAINING_TASK_NAME = 'breachbot-training';
/** How long an instance's election for one fire holds: longer than a run, shorter than the schedule. */
const ELECTION_LEASE_MS = 30 * 60_000;
/** When channels failed with a transient error, the run is tried again after these delays. */
export const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000] as const;

/**
 * Elects one instance per fire through the shared store, so that with several instances one runs the
 * digest. Not the only guard: each channel's delivery is claimed in the store as well, so an instance
 * that wrongly runs (a clock far off, a lock that expired) still posts nothing twice.
 */
export function storeRunCoordinator(store: Store, instanceId: string, clock: Clock): RunCoordinator {
  return {
    shouldRun: (key, ttlMs) => store.acquireLock(key, instanceId, clock.now(), ttlMs),
    // The lock is left to expire rather than released: a late instance must not win the same fire.
  };
}

/**
 * A node-cron task that fires on one instance of several: elected per fire through the store's locks,
 * never overlapping itself, logging through our logger. Used by the digest, the training post and the
 * scheduled sync.
 */
export function createElectedTask(
  options: { cron: string; timeZone: string; name: string; leaseMs: number },
  run: () => unknown,
  deps: { store: Store; instanceId: string; clock: Clock; logger: DeliveryLogger },
): ScheduledTask {
  const { logger } = deps;
  return createTask(options.cron, run, {
    name: options.name,
    timezone: options.timeZone,
    noOverlap: true,
    distributed: true,
    runCoordinator: storeRunCoordinator(deps.store, deps.instanceId, deps.clock),
    distributedLease: options.leaseMs,
    logger: {
      info: (message) => logger.info(`node-cron: ${message}`),
      warn: (message) => logger.warn(`node-cron: ${message}`),
      error: (message) => logger.error(`node-cron: ${String(message)}`),
      debug: () => undefined,
    },
  });
}

/** One run of a scheduled delivery: its period and what happened in each channel. */
export interface ScheduledRun {
  period: Pick<DigestPeriod, 'key'>;
  outcomes: readonly ChannelOutcome[];
}

/** What the scheduler fires: the digest's runner, or the weekly training post's. */
export interface ScheduledRunner<Run extends ScheduledRun> {
  readonly schedule: DigestSchedule;
  /** Safe to call any number of times for one fire: each channel's delivery is claimed in the store. */
  deliver(fire: Date, audience: DeliveryAudience): Promise<Run>;
}

export interface DigestSchedulerDeps<Run extends ScheduledRun = DigestRun> {
  runner: ScheduledRunner<Run>;
  store: Store;
  clock: Clock;
  instanceId: string;
  logger: DeliveryLogger;
  retryDelaysMs?: readonly number[];
  /** node-cron's task name, which also names each fire's election lock (default the digest's). */
  taskName?: string;
  /** What the logs call a run (default `digest`). */
  label?: string;
}

/**
 * Fires a runner at its schedule's cron in its time zone (node-cron): the digest at DIGEST_CRON, the
 * training post at TRAINING_CRON. Catches up a fire missed while the bot was down, and retries
 * channels that failed for a passing reason.
 */
export class DigestScheduler<Run extends ScheduledRun = DigestRun> {
  private task: ScheduledTask | undefined;
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(private readonly deps: DigestSchedulerDeps<Run>) {}

  /** Starts the schedule, then catches up: resolves when the catch-up run is done. */
  async start(): Promise<Run | undefined> {
    const { runner } = this.deps;
    this.task = createElectedTask(
      {
        cron: runner.schedule.cron,
        timeZone: runner.schedule.timeZone,
        name: this.deps.taskName ?? DIGEST_TASK_NAME,
        leaseMs: ELECTION_LEASE_MS,
      },
      () => this.runFire('scheduled'),
      this.deps,
    );
    await this.task.start();
    return this.runFire('catch-up');
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.retryTimers) clearTimeout(timer);
    this.retryTimers.clear();
    await this.task?.destroy();
  }

  nextRun(): Date | undefined {
    return this.deps.runner.schedule.nextFireAfter(new Date(this.deps.clock.now()));
  }

  /**
   * Delivers the newest fire's post to the channels subscribed by then that have not had it. The
   * store's claims make this safe to run any number of times: it is the catch-up, the cron run and the
   * retry alike.
   */
  private async runFire(reason: 'scheduled' | 'catch-up' | 'retry', attempt = 0): Promise<Run | undefined> {
    const { runner, logger } = this.deps;
    const label = this.deps.label ?? 'digest';
    if (this.stopped) return undefined;
    const fire = runner.schedule.lastFireAtOrBefore(new Date(this.deps.clock.now()));
    if (!fire) return undefined;
    const audience: DeliveryAudience = 'subscribed-before-fire';
    try {
      const run = await runner.deliver(fire, audience);
      const counts = countOutcomes(run);
      if (reason !== 'catch-up' || counts.sent + counts.recovered + counts.failed > 0) {
        logger.info(`${label}: ${reason} run for ${run.period.key}`, counts);
      }
      if (counts.retryable > 0) this.scheduleRetry(attempt);
      return run;
    } catch (error) {
      logger.error(`${label}: ${reason} run failed`, { error: (error as Error).message });
      this.scheduleRetry(attempt);
      return undefined;
    }
  }

  private scheduleRetry(attempt: number): void {
    const delays = this.deps.retryDelaysMs ?? RETRY_DELAYS_MS;
    const delay = delays[attempt];
    if (delay === undefined || this.stopped) return;
    const timer = setTimeout(() => {
      this.retryTimers.delete(timer);
      void this.runFire('retry', attempt + 1);
    }, delay);
    timer.unref();
    this.retryTimers.add(timer);
  }
}

function countOutcomes(run: ScheduledRun) {
  const counts = { sent: 0, recovered: 0, skipped: 0, failed: 0, retryable: 0 };
  for (const outcome of run.outcomes) {
    if (outcome.outcome === 'sent') counts.sent++;
    else if (outcome.outcome === 'recovered') counts.recovered++;
    else if (outcome.outcome === 'skipped') counts.skipped++;
    else if (outcome.outcome === 'failed') {
      counts.failed++;
      if (!outcome.permanent) counts.retryable++;
    } else counts.retryable++;
  }
  return counts;
}
