import type { DigestRunner } from '../delivery/digest-runner.js';
import type { Clock } from '../digest/clock.js';
import type { Digest } from '../digest/compose-digest.js';
import type { DigestStatus } from '../digest/digest-command-outcome.js';
import type { Delivery } from '../digest/records.js';
import type { Store } from '../store/store.js';
import {
  type Announce,
  type ChannelSubscriptions,
  subscribeAndAnnounce,
  type TurnOnResult,
} from './channel-subscription.js';

export interface DigestPreview {
  digest: Digest;
  /** When the digest goes out; undefined when the schedule does not fire within a month. */
  sendsAt: Date | undefined;
  timeZone: string;
}

export interface DigestSubscriptionsDeps {
  store: Store;
  runner: DigestRunner;
  clock: Clock;
}

/** Which channels receive the weekly digest: turning it on and off, its status, and a preview. */
export class DigestSubscriptions implements ChannelSubscriptions {
  constructor(private readonly deps: DigestSubscriptionsDeps) {}

  get timeZone(): string {
    return this.deps.runner.schedule.timeZone;
  }

  nextRun(): Date | undefined {
    return this.deps.runner.schedule.nextFireAfter(new Date(this.deps.clock.now()));
  }

  /** Subscribes the channel and announces it there, or takes it back when the bot cannot post there. */
  turnOn(channelId: string, userId: string, announce: Announce): Promise<TurnOnResult> {
    const { store, clock } = this.deps;
    const list = { subscribe: store.subscribe.bind(store), unsubscribe: store.unsubscribe.bind(store) };
    return subscribeAndAnnounce(list, { channelId, userId, now: clock.now(), nextRun: this.nextRun() }, announce);
  }

  /** False when the digest was not on in the channel. */
  turnOff(channelId: string): Promise<boolean> {
    return this.deps.store.unsubscribe(channelId);
  }

  async status(channelId: string): Promise<DigestStatus> {
    const { store, runner } = this.deps;
    const subscriptions = await store.subscriptions();
    const lastDeliveries = await Promise.all(subscriptions.map((s) => store.lastDelivery(s.channelId)));
    return {
      channelId,
      subscription: subscriptions.find((s) => s.channelId === channelId),
      cron: runner.schedule.cron,
      timeZone: runner.schedule.timeZone,
      nextRun: this.nextRun(),
      lastDelivery: await store.lastDelivery(channelId),
      failing: lastDeliveries.filter((d): d is Delivery => d?.state === 'failed' || d?.state === 'retry'),
    };
  }

  /**
   * The digest the next run delivers, as it stands now (its period is still running); records
   * nothing. Last week's digest, already delivered, would tell an admin nothing about what comes.
   * Without a next run within a month, the newest run's.
   */
  async preview(): Promise<DigestPreview> {
    const sendsAt = this.nextRun();
    const digest = await this.deps.runner.compose(sendsAt);
    return { digest, sendsAt, timeZone: this.timeZone };
  }

  async channelIds(): Promise<string[]> {
    return (await this.deps.store.subscriptions()).map((subscription) => subscription.channelId);
  }
}
