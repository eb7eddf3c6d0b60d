import { ErrorCode } from '@slack/web-api';

/** What a listener's client throws on a 429 instead of waiting (`interactiveClientOptions`). */
const RATE_LIMITED = 'ratelimited';

/** The seconds Slack asked to wait, when the call failed on a 429 its client would not wait out. */
export function rateLimitedFor(error: unknown): number | undefined {
  const e = error as { code?: unknown; retryAfter?: unknown } | undefined;
  return e?.code === ErrorCode.RateLimitedError && typeof e.retryAfter === 'number' ? e.retryAfter : undefined;
}

/** The Slack error code of a failed Web API call (`not_in_channel`, `ratelimited`, ...), if it is one. */
export function slackErrorCode(error: unknown): string | undefined {
  if (rateLimitedFor(error) !== undefined) return RATE_LIMITED;
  const data = (error as { data?: { error?: unknown } } | undefined)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}

/**
 * A failed call, for the log: a 429 says that it was given up at once on purpose, so that nobody
 * reads it as a bug or as Slack being down.
 */
export function describeSlackFailure(error: unknown): string {
  const seconds = rateLimitedFor(error);
  if (seconds !== undefined) return `rate-limited by Slack for ${seconds} s, not waited for: a person is waiting`;
  return slackErrorCode(error) ?? (error instanceof Error ? error.message : String(error));
}
