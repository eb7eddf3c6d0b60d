import type { TrainingRunner } from '../delivery/training-runner.js';
import type { Clock } from '../digest/clock.js';
import type { Store } from '../store/store.js';
import { trainingQuizId } from '../training/quiz-id.js';
import { TRAINING_KEY_PREFIX } from '../training/records.js';
import type { TrainingPreview, TrainingStatus } from '../training/training-command-outcome.js';
import {
  type Announce,
  type ChannelSubscriptions,
  subscribeAndAnnounce,
  type TurnOnResult,
} from './channel-subscription.js';

export interface TrainingSubscriptionsDeps {
  store: Store;
  runner: TrainingRunner;
  clock: Clock;
}

/** Which channels receive the weekly training post: turning it on and off, its status, and a preview. */
export class TrainingSubscriptions implements ChannelSubscriptions {
  constructor(private readonly deps: TrainingSubscriptionsDeps) {}

  get timeZone(): string {
    return this.deps.runner.timeZone;
  }

  nextRun(): Date | undefined {
    return this.deps.runner.nextRun();
  }

  /** Subscribes the channel, with `userId` as its trainer, and announces it there (see `subscribeAndAnnounce`). */
  turnOn(channelId: string, userId: string, announce: Announce): Promise<TurnOnResult> {
    const { store, clock } = this.deps;
    const list = { subscribe: store.subscribeTraining.bind(store), unsubscribe: store.unsubscribeTraining.bind(store) };
    return subscribeAndAnnounce(list, { channelId, userId, now: clock.now(), nextRun: this.nextRun() }, announce);
  }

  /** False when the training was not on in the channel. */
  turnOff(channelId: string): Promise<boolean> {
    return this.deps.store.unsubscribeTraining(channelId);
  }

  async status(channelId: string): Promise<TrainingStatus> {
    const { store, runner } = this.deps;
    const nextRun = this.nextRun();
    const [subscription, lastDelivery, coming] = await Promise.all([
      store.trainingSubscription(channelId),
      store.lastDelivery(channelId, TRAINING_KEY_PREFIX),
      nextRun ? runner.plan(nextRun) : undefined,
    ]);
    return {
      channelId,
      subscription,
      cron: runner.schedule.cron,
      timeZone: runner.timeZone,
      nextRun,
      lastDelivery,
      coming,
    };
  }

  /**
   * The post the next run delivers to this channel, as it stands now. Records neither a pick nor a
   * quiz: its quiz id is the one the channel's post will have, its trainer the channel's (or, while
   * the training is off here, whoever asked). Without a next run within a month, the newest run's.
   */
  async preview(channelId: string, userId: string): Promise<TrainingPreview> {
    const { store, runner, clock } = this.deps;
    const sendsAt = this.nextRun();
    const fire = sendsAt ?? runner.schedule.lastFireAtOrBefore(new Date(clock.now()));
    if (!fire) throw new Error(`TRAINING_CRON "${runner.schedule.cron}" fires less than once a month`);
    const [plan, subscription] = await Promise.all([runner.plan(fire), store.trainingSubscription(channelId)]);
    const { period, planned } = plan;
    return {
      sendsAt,
      timeZone: runner.timeZone,
      period,
      post: planned && {
        incident: planned.incident,
        reason: planned.reason,
        claimed: planned.claimed,
        steps: runner.stepsFor(planned.incident),
        record: {
          quizId: trainingQuizId(channelId, period.key),
          channelId,
          postedBy: subscription?.subscribedBy ?? userId,
          createdAt: clock.now(),
          quiz: planned.quiz,
        },
      },
    };
  }

  async channelIds(): Promise<string[]> {
    return (await this.deps.store.trainingSubscriptions()).map((subscription) => subscription.channelId);
  }
}
