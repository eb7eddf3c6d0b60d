import type { SubscriptionOutcome } from '../digest/digest-command-outcome.js';

/**
 * Posts in the channel that a scheduled post (the digest, the weekly training) is now on. Resolves to
 * whether Slack took the post, with Slack's error code when it did not; never throws for a refused post.
 */
export type Announce = (nextRun: Date | undefined) => Promise<{ posted: true } | { posted: false; code?: string }>;

export type TurnOnResult =
  | { outcome: 'on'; nextRun: Date | undefined }
  | { outcome: 'already-on' }
  | { outcome: 'cannot-post'; code: string | undefined };

/** One kind of channel subscription in the store. */
export interface SubscriptionList {
  /** False when the channel was subscribed already. */
  subscribe(channelId: string, userId: string, now: number): Promise<boolean>;
  unsubscribe(channelId: string): Promise<boolean>;
}

/**
 * Subscribes the channel and announces it there at once: a channel the bot cannot post in is found
 * now, and unsubscribed again, rather than after a week of waiting for nothing.
 */
export async function subscribeAndAnnounce(
  list: SubscriptionList,
  request: { channelId: string; userId: string; now: number; nextRun: Date | undefined },
  announce: Announce,
): Promise<TurnOnResult> {
  const { channelId, nextRun } = request;
  if (!(await list.subscribe(channelId, request.userId, request.now))) return { outcome: 'already-on' };
  let announced: Awaited<ReturnType<Announce>>;
  try {
    announced = await announce(nextRun);
  } catch (error) {
    await list.unsubscribe(channelId);
    throw error;
  }
  if (announced.posted) return { outcome: 'on', nextRun };
  await list.unsubscribe(channelId);
  return { outcome: 'cannot-post', code: announced.code };
}

/** What `on` and `off` need of a kind of subscription's service. */
export interface ChannelSubscriptions {
  readonly timeZone: string;
  turnOn(channelId: string, userId: string, announce: Announce): Promise<TurnOnResult>;
  turnOff(channelId: string): Promise<boolean>;
}

/** `on` or `off` for one channel, as the outcome the views word. */
export async function changeSubscription(
  subscriptions: ChannelSubscriptions,
  action: 'on' | 'off',
  request: { channelId: string; userId: string; announce: Announce },
): Promise<SubscriptionOutcome> {
  const { channelId } = request;
  if (action === 'off') return { kind: (await subscriptions.turnOff(channelId)) ? 'turned-off' : 'was-off', channelId };
  const result = await subscriptions.turnOn(channelId, request.userId, request.announce);
  if (result.outcome === 'already-on') return { kind: 'already-on', channelId };
  if (result.outcome === 'cannot-post') return { kind: 'cannot-post', channelId, code: result.code };
  return { kind: 'turned-on', channelId, nextRun: result.nextRun, timeZone: subscriptions.timeZone };
}
