/**
 * What the digest keeps between runs: the channels that receive it, the vendors watched, and one
 * delivery per channel and period. Times are epoch milliseconds.
 */

export interface Subscription {
  channelId: string;
  /** Slack user who turned the digest on. */
  subscribedBy: string;
  subscribedAt: number;
}

export interface WatchedVendor {
  /** As typed, trimmed; unique without regard to case. */
  name: string;
  addedBy: string;
  addedAt: number;
}

/** An organisation one person watches for themselves; nobody else sees or changes it. */
export interface PersonalWatch {
  userId: string;
  /** As typed, trimmed; unique per person without regard to case. */
  name: string;
  addedAt: number;
}

/**
 * Deliveries whose key starts with this are alerts (one filing, one channel or person), not digests:
 * they share the digest's exactly-once machinery, but a channel's digest status ignores them.
 */
export const ALERT_KEY_PREFIX = 'alert:';

/**
 * One digest for one channel and one period. The row's states, and why:
 *
 * - `sending`: claimed by `claimedBy` until `leaseUntil`. While the lease runs nobody else may post.
 *   A `sending` row whose lease has expired belongs to an instance that died mid-post: the next claim
 *   gets it back with `recovering: true`, and must find out from Slack whether the post went out
 *   before it posts again (see src/delivery/deliver-digest.ts).
 * - `sent`: posted; `messageTs` is Slack's timestamp of the message. Final.
 * - `retry`: a transient failure (5xx, network, rate limits beyond the retries); claimable again.
 * - `failed`: a permanent failure for this channel (channel gone, bot removed, archived). Final for
 *   the period; shown in `/breach digest status`.
 */
export type DeliveryState = 'sending' | 'sent' | 'retry' | 'failed';

export interface Delivery {
  channelId: string;
  periodKey: string;
  state: DeliveryState;
  /** Instance id of the last claimer. */
  claimedBy: string;
  leaseUntil: number;
  attempts: number;
  messageTs: string | null;
  /** Slack error code or message of the last failure. */
  error: string | null;
  updatedAt: number;
}
