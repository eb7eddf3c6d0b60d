import type { AnswerContext } from '../answer/answer-query.js';
import type { LiveBreachService } from '../answer/breach-service.js';
import { loadAnswerContext } from '../answer/load-answer-context.js';
import { deliverAlerts } from '../delivery/deliver-alerts.js';
import type { DeliveryDeps, DeliveryLogger } from '../delivery/deliver-digest.js';
import type { DigestRunner } from '../delivery/digest-runner.js';
import type { TrainingRunner } from '../delivery/training-runner.js';
import type { Clock } from '../digest/clock.js';
import { dayIn } from '../incidents/import/run-import.js';
import type { SharedLists } from '../sources/shared-lists.js';

/** How often an instance looks for lists another instance (or `breachbot import`) changed. */
export const DATA_POLL_MS = 30_000;

export interface LiveDataDeps {
  dataDir: string;
  service: LiveBreachService;
  runner: DigestRunner;
  /** The weekly training post's runner, which takes the new data as the digest's does; absent: no training. */
  training?: Pick<TrainingRunner, 'replaceData'>;
  shared: SharedLists;
  clock: Clock;
  logger: DeliveryLogger;
  /** The digest's time zone and "recent" rule, which alerts follow. */
  timeZone: string;
  recentDays: number;
  /** How alerts are posted; absent: no alerts (`breachbot digest`, tests of the data alone). */
  delivery?: DeliveryDeps;
  /** Called after the data was replaced or a sync ran: caches of what the lists hold are stale. */
  onChange?: () => void;
  load?: (dataDir: string) => Promise<AnswerContext>;
}

export interface RefreshResult {
  reloaded: boolean;
  alertsSent: number;
}

/**
 * The running bot's knowledge, kept current: exchanges the lists with the other instances through
 * the store, reloads the data when a list changed, and then sends the alerts the new filings call
 * for. Refreshes run one at a time, in order; a poll that finds one running is dropped.
 */
export class LiveData {
  private chain: Promise<unknown> = Promise.resolve();
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private alertedOnce = false;

  constructor(private readonly deps: LiveDataDeps) {}

  /** The first refresh (which also sends alerts missed while no instance ran), then one every `pollMs`. */
  async start(pollMs: number = DATA_POLL_MS): Promise<RefreshResult> {
    const first = await this.refresh('start');
    this.timer = setInterval(() => {
      if (!this.running) void this.refresh('poll');
    }, pollMs);
    this.timer.unref();
    return first;
  }

  stop(): Promise<unknown> {
    clearInterval(this.timer);
    this.timer = undefined;
    return this.chain;
  }

  refresh(reason: 'start' | 'poll' | 'sync'): Promise<RefreshResult> {
    const next = this.chain.then(() => this.run(reason));
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async run(reason: string): Promise<RefreshResult> {
    const { logger } = this.deps;
    this.running = true;
    try {
      let changed: string[] = [];
      let moved = false;
      try {
        const exchange = await this.deps.shared.exchange();
        changed = exchange.changed;
        moved = exchange.pulled.length > 0 || exchange.published.length > 0;
        for (const source of exchange.published) logger.info('data: shared the list with other instances', { source });
        for (const source of exchange.pulled) logger.info('data: took the list another instance shared', { source });
        for (const error of exchange.errors)
          logger.error(`data: could not exchange a list through the store: ${error}`);
      } catch (error) {
        logger.error('data: could not exchange the lists through the store', { error: (error as Error).message });
      }
      const reloaded = changed.length > 0 && (await this.reload(changed, reason));
      // A sync, or a status another instance synced, changes what `/breach sources` shows even
      // when no list changed.
      if (!reloaded && (reason === 'sync' || moved)) this.deps.onChange?.();
      const alertsSent = reloaded || !this.alertedOnce ? await this.alert() : 0;
      return { reloaded, alertsSent };
    } finally {
      this.running = false;
    }
  }

  private async reload(sources: readonly string[], reason: string): Promise<boolean> {
    const { dataDir, service, runner, shared, logger } = this.deps;
    const started = this.deps.clock.now();
    try {
      // Marked before loading: a list that changes during the load is found changed next time.
      await shared.markLoaded();
      const context = await (this.deps.load ?? loadAnswerContext)(dataDir);
      service.replace(context);
      runner.replaceData(context.dataset);
      this.deps.training?.replaceData(context.dataset);
      logger.info('data: answering from the new lists', {
        sources: sources.join(','),
        incidents: context.index.size,
        reason,
        ms: this.deps.clock.now() - started,
      });
      this.deps.onChange?.();
      return true;
    } catch (error) {
      // The data answered from stays as it was: better yesterday's list than none.
      logger.error('data: the new lists could not be loaded; still answering from the previous ones', {
        sources: sources.join(','),
        error: (error as Error).message.split('\n').slice(0, 5).join('; '),
      });
      return false;
    }
  }

  private async alert(): Promise<number> {
    const { delivery, service, clock, logger } = this.deps;
    if (!delivery) return 0;
    this.alertedOnce = true;
    try {
      const run = await deliverAlerts(delivery, {
        incidents: service.dataset.incidents,
        guidance: service.dataset.guidance,
        today: dayIn(new Date(clock.now()), this.deps.timeZone),
        recentDays: this.deps.recentDays,
      });
      const sent = run.outcomes.filter((outcome) => outcome.outcome === 'sent').length;
      if (sent > 0 || run.outcomes.some((outcome) => outcome.outcome === 'failed')) {
        logger.info('alerts: delivered', {
          sent,
          failed: run.outcomes.filter((outcome) => outcome.outcome === 'failed').length,
          skipped: run.outcomes.filter((outcome) => outcome.outcome === 'skipped').length,
        });
      }
      return sent;
    } catch (error) {
      logger.error('alerts: could not be delivered', { error: (error as Error).message });
      return 0;
    }
  }
}
