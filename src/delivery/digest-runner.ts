import type { Clock } from '../digest/clock.js';
import { composeDigest, type Digest } from '../digest/compose-digest.js';
import type { DigestPeriod } from '../digest/digest-period.js';
import type { DigestSchedule } from '../digest/digest-schedule.js';
import type { Guidance } from '../guidance/model.js';
import type { Incident } from '../incidents/model.js';
import type { Store } from '../store/store.js';
import { digestMessage } from '../views/blocks/digest-message.js';
import { ChannelPacer } from './channel-pacer.js';
import { type ChannelOutcome, type DeliveryLogger, type DigestPoster, deliverDigest } from './deliver-digest.js';

/** Periods the trend compares against. */
export const TREND_PERIODS = 4;
/** A delivery lease: far longer than one post with all the WebClient's retries and Retry-After waits. */
export const DELIVERY_LEASE_MS = 10 * 60_000;

export interface DigestRunnerDeps {
  incidents: readonly Incident[];
  guidance: Guidance;
  store: Store;
  schedule: DigestSchedule;
  clock: Clock;
  instanceId: string;
  logger: DeliveryLogger;
  /** See DEFAULT_RECENT_DAYS in src/digest/compose-digest.ts; its default when absent. */
  recentDays?: number;
  /** Absent where nothing is posted (`breachbot digest --dry-run`, previews). */
  poster?: DigestPoster;
  leaseMs?: number;
}

export interface DigestRun {
  fire: Date;
  period: DigestPeriod;
  digest: Digest;
  outcomes: ChannelOutcome[];
}

/** Which subscribed channels a delivery goes to (the digest's subscriptions, or the training post's). */
export type DeliveryAudience =
  /** Channels subscribed by the time of the fire: what the schedule and the catch-up deliver. */
  | 'subscribed-before-fire'
  /** Every subscribed channel that has not had it: `breachbot digest run`. */
  | 'all-subscribed';

/** Composes the digest of a period and delivers it: shared by the scheduler, the CLI and `/breach digest`. */
export class DigestRunner {
  private readonly pacer: ChannelPacer;
  private data: { incidents: readonly Incident[]; guidance: Guidance };

  constructor(private readonly deps: DigestRunnerDeps) {
    this.pacer = new ChannelPacer(deps.clock);
    this.data = { incidents: deps.incidents, guidance: deps.guidance };
  }

  /** Digests composed from now on use this data: a sync brought a newer list. */
  replaceData(data: { incidents: readonly Incident[]; guidance: Guidance }): void {
    this.data = data;
  }

  /** The incidents digests are composed from now. */
  get incidents(): readonly Incident[] {
    return this.data.incidents;
  }

  get schedule(): DigestSchedule {
    return this.deps.schedule;
  }

  /** The newest fire at or before now: "this period" for previews, dry runs and `digest run`. */
  currentFire(): Date {
    const fire = this.deps.schedule.lastFireAtOrBefore(new Date(this.deps.clock.now()));
    if (!fire) throw new Error(`DIGEST_CRON "${this.deps.schedule.cron}" has not fired in the last month`);
    return fire;
  }

  async compose(fire: Date = this.currentFire()): Promise<Digest> {
    const { schedule, store } = this.deps;
    const period = schedule.periodFor(fire);
    const watchlist = (await store.watchlist()).map((vendor) => vendor.name);
    return composeDigest({
      incidents: this.data.incidents,
      period,
      previous: schedule.previousPeriods(period, TREND_PERIODS),
      watchlist,
      guidance: this.data.guidance,
      ...(this.deps.recentDays !== undefined && { recentDays: this.deps.recentDays }),
    });
  }

  async deliver(fire: Date, audience: DeliveryAudience): Promise<DigestRun> {
    const { poster, store, clock } = this.deps;
    if (!poster) throw new Error('this digest runner has no Slack connection to post with');
    const digest = await this.compose(fire);
    const subscriptions = await store.subscriptions();
    const channelIds = subscriptions
      .filter((subscription) => audience === 'all-subscribed' || subscription.subscribedAt <= fire.getTime())
      .map((subscription) => subscription.channelId);
    const outcomes = await deliverDigest(
      {
        store,
        poster,
        clock,
        pacer: this.pacer,
        instanceId: this.deps.instanceId,
        leaseMs: this.deps.leaseMs ?? DELIVERY_LEASE_MS,
        logger: this.deps.logger,
      },
      { period: digest.period, message: digestMessage(digest), channelIds, postedNoEarlierThan: fire.getTime() },
    );
    return { fire, period: digest.period, digest, outcomes };
  }
}
