import type { Digest } from './compose-digest.js';
import type { UsageTopic } from './parse-digest-command.js';
import type { Delivery, PersonalWatch, Subscription, WatchedVendor } from './records.js';

export interface DigestStatus {
  channelId: string;
  subscription: Subscription | undefined;
  cron: string;
  timeZone: string;
  nextRun: Date | undefined;
  lastDelivery: Delivery | undefined;
  /** Subscribed channels whose newest delivery failed: the ones nobody can ask from inside. */
  failing: readonly Delivery[];
}

export type WatchlistChange =
  | { vendor: string; result: 'added' | 'already-watched' }
  | { vendor: string; result: 'removed' | 'not-watched' }
  /** Not added: a name made of words many organisations share would never flag anything. */
  | { vendor: string; result: 'too-generic'; reason: string };

export type PersonalWatchChange =
  | { name: string; result: 'added' | 'already-watched' | 'removed' | 'not-watched' }
  /** The list already holds `limit` names; nothing was added. */
  | { name: string; result: 'list-full' }
  | { result: 'cleared'; count: number };

/** What turning a channel's scheduled post (the digest, the weekly training) on or off did. */
export type SubscriptionOutcome =
  /** This breachbot runs without a store (some tests, the HTTP benchmark's app). */
  | { kind: 'unavailable' }
  | { kind: 'refused'; admins: readonly string[] }
  | { kind: 'turned-on'; channelId: string; nextRun: Date | undefined; timeZone: string }
  | { kind: 'already-on'; channelId: string }
  /** The channel was subscribed, but the bot could not post there, so the subscription was taken back. */
  | { kind: 'cannot-post'; channelId: string; code: string | undefined }
  | { kind: 'turned-off'; channelId: string }
  | { kind: 'was-off'; channelId: string };

/**
 * What `/breach digest …` or `/breach watch …` did, as data: the services decide it, a view words
 * it, so neither the wording nor the rules hide inside a Slack listener.
 */
export type DigestCommandOutcome =
  | SubscriptionOutcome
  | { kind: 'usage'; topic: UsageTopic; problem: string }
  | { kind: 'status'; status: DigestStatus }
  /** The digest the next run delivers, so far; `sendsAt` is that run, if the schedule has one within a month. */
  | { kind: 'preview'; digest: Digest; sendsAt?: Date | undefined; timeZone?: string }
  | { kind: 'watchlist'; watchlist: readonly WatchedVendor[]; change?: WatchlistChange }
  /** The asker's own list, whole, after any change: only ever theirs, and only shown to them. */
  | { kind: 'personal-watchlist'; watches: readonly PersonalWatch[]; limit: number; change?: PersonalWatchChange };
