import type { Clock } from '../digest/clock.js';
import type { DigestPeriod } from '../digest/digest-period.js';
import type { Store } from '../store/store.js';
import type { SlackMessage } from '../views/blocks/answer-message.js';
import type { ChannelPacer } from './channel-pacer.js';

/**
 * How a failed post is handled:
 * - `channel`: this channel cannot take posts (gone, bot removed, archived): recorded, skipped, final;
 * - `transient`: may work later (5xx, network, rate limits beyond the client's own retries);
 * - `fatal`: nothing will work (token revoked, scope missing): the run stops, leaving the rest unclaimed.
 */
export type PostFailureKind = 'channel' | 'transient' | 'fatal';

export class PostError extends Error {
  override name = 'PostError';
  constructor(
    readonly code: string,
    readonly kind: PostFailureKind,
  ) {
    super(code);
  }
}

/**
 * What a delivery is recorded under, exactly once per channel: a digest's period, or an alert's key
 * (src/digest/alert-candidates.ts).
 */
export type DeliveryKey = Pick<DigestPeriod, 'key'>;

/** The Slack side of a delivery; src/slack/digest-poster.ts implements it on the Web API. */
export interface DigestPoster {
  /** Posts the message, tagged with its key so that it can be found again; Slack's message ts. */
  post(channelId: string, message: SlackMessage, period: DeliveryKey): Promise<string>;
  /** The ts of a message with this key posted in the channel since `since`, if Slack has one. */
  findPosted(channelId: string, period: DeliveryKey, since: number): Promise<string | undefined>;
}

export interface DeliveryDeps {
  store: Store;
  poster: DigestPoster;
  clock: Clock;
  pacer: ChannelPacer;
  instanceId: string;
  /** Longer than a post can take with all its retries: a lease that runs out means its holder died. */
  leaseMs: number;
  logger: DeliveryLogger;
}

export interface DeliveryLogger {
  info(message: string, context?: Record<string, unknown>): void;
  warn(message: string, context?: Record<string, unknown>): void;
  error(message: string, context?: Record<string, unknown>): void;
}

/**
 * The message of a delivery: one for every channel, or one per channel (a training post carries the
 * channel's own quiz). A function is called only for a channel this run posts to, after its claim,
 * so that whatever it records (a quiz) exists for every post; if it throws, the channel is retried.
 */
export type DeliveryMessage = SlackMessage | ((channelId: string) => SlackMessage | Promise<SlackMessage>);

export interface DeliveryRequest {
  period: DeliveryKey;
  message: DeliveryMessage;
  channelIds: readonly string[];
  /** No digest for this period can predate this instant: where a recovering delivery looks for its post. */
  postedNoEarlierThan: number;
  /** What the logs call it (default `digest`). */
  label?: string;
}

export type ChannelOutcome =
  | { channelId: string; outcome: 'sent'; messageTs: string }
  /** A post by an instance that died before recording it, found in the channel and recorded now. */
  | { channelId: string; outcome: 'recovered'; messageTs: string }
  /** Already sent or failed for this period, or being sent by another instance right now. */
  | { channelId: string; outcome: 'skipped'; state: string }
  | { channelId: string; outcome: 'failed'; error: string; permanent: boolean }
  /** Not tried because the run stopped on a fatal error. */
  | { channelId: string; outcome: 'not-tried' };

/**
 * Delivers one period's digest to each channel at most once, however many instances, restarts and
 * reruns there are, and at least once unless Slack says the channel cannot take it.
 *
 * Slack's chat.postMessage has no idempotency key, so the record cannot be written in the same step
 * as the post. The state machine (store/store.ts) therefore claims the delivery before posting
 * (`sending`, with a lease), and records `sent` after. The one window it cannot close alone is a
 * crash between Slack's answer and the record: the lease then runs out and the next claim comes back
 * `recovering`. Rather than post again (a duplicate) or never (a loss), the recovering instance asks
 * Slack: every digest carries message metadata naming its period, and conversations.history shows
 * whether it went out. Only when Slack cannot tell (the bot may not read that channel) does it give
 * up the channel for the period, recorded as `failed` with the reason, because a duplicate to a
 * security channel is worse than one missing digest that `status` shows.
 */
export async function deliverDigest(deps: DeliveryDeps, request: DeliveryRequest): Promise<ChannelOutcome[]> {
  const outcomes: ChannelOutcome[] = [];
  let stopped = false;
  for (const channelId of request.channelIds) {
    if (stopped) {
      outcomes.push({ channelId, outcome: 'not-tried' });
      continue;
    }
    const outcome = await deliverToChannel(deps, request, channelId);
    outcomes.push(outcome);
    if (outcome.outcome === 'failed' && outcome.error.startsWith('fatal:')) stopped = true;
  }
  return outcomes;
}

async function deliverToChannel(
  deps: DeliveryDeps,
  request: DeliveryRequest,
  channelId: string,
): Promise<ChannelOutcome> {
  const { store, poster, clock, instanceId, logger } = deps;
  const periodKey = request.period.key;
  const label = request.label ?? 'digest';
  const claim = await store.claimDelivery({
    channelId,
    periodKey,
    instanceId,
    now: clock.now(),
    leaseMs: deps.leaseMs,
  });
  if (!claim.claimed) return { channelId, outcome: 'skipped', state: claim.delivery.state };
  const finish = { channelId, periodKey, instanceId };
  const fail = async (error: unknown, unconfirmed: boolean): Promise<ChannelOutcome> => {
    const failure = describeFailure(error, unconfirmed);
    await store.markFailed({ ...finish, now: clock.now(), ...failure });
    const context = { channel: channelId, period: periodKey, error: failure.error };
    if (failure.permanent) logger.warn(`${label}: channel skipped for this period`, context);
    else logger.error(`${label}: delivery failed, will retry`, context);
    return { channelId, outcome: 'failed', ...failure };
  };

  // A retry checks too: a post that timed out may still have reached Slack. But only a recovery
  // gives up when Slack cannot tell; a retry follows an error answer, so it posts.
  if (claim.recovering || claim.delivery.attempts > 1) {
    let found: string | undefined;
    try {
      found = await poster.findPosted(channelId, request.period, request.postedNoEarlierThan);
    } catch (error) {
      if (claim.recovering) return fail(error, true);
    }
    if (found) {
      await recordSent(deps, { ...finish, now: clock.now(), messageTs: found });
      logger.info(`${label}: found the post of an interrupted delivery`, { channel: channelId, period: periodKey });
      return { channelId, outcome: 'recovered', messageTs: found };
    }
  }
  let ts: string;
  try {
    const message = typeof request.message === 'function' ? await request.message(channelId) : request.message;
    await deps.pacer.beforePost(channelId);
    ts = await poster.post(channelId, message, request.period);
  } catch (error) {
    return fail(error, false);
  }
  // Outside the try: if the record fails after Slack took the post, the delivery must stay `sending`
  // (to be recovered through Slack when its lease runs out), never become `retry` (a second post).
  await recordSent(deps, { ...finish, now: clock.now(), messageTs: ts });
  return { channelId, outcome: 'sent', messageTs: ts };
}

async function recordSent(deps: DeliveryDeps, outcome: Parameters<Store['markSent']>[0]): Promise<void> {
  if (!(await deps.store.markSent(outcome))) {
    // Our lease ran out mid-post and another instance took the delivery over; it will find this post
    // through Slack before posting, so nothing is sent twice. Loud, because the lease is too short.
    deps.logger.error('delivery: the lease ran out before the post was recorded', {
      channel: outcome.channelId,
      period: outcome.periodKey,
    });
  }
}

/** `unconfirmed`: Slack could not say whether an interrupted post went out, so it is not posted again. */
function describeFailure(error: unknown, unconfirmed: boolean): { error: string; permanent: boolean } {
  if (error instanceof PostError) {
    if (error.kind === 'fatal') return { error: `fatal: ${error.code}`, permanent: false };
    if (error.kind === 'channel')
      return { error: unconfirmed ? `unconfirmed: ${error.code}` : error.code, permanent: true };
    return { error: error.code, permanent: false };
  }
  return { error: (error as Error).message || String(error), permanent: false };
}
