import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { type DigestPoster, PostError, type PostFailureKind } from '../delivery/deliver-digest.js';
import { slackErrorCode } from './slack-errors.js';

/** The message metadata type every digest carries, so that an interrupted delivery can find its post. */
export const DIGEST_EVENT_TYPE = 'breachbot_digest';
/** How many pages of channel history a recovery reads at most: bounded work, however busy the channel. */
const HISTORY_PAGES_MAX = 5;

/** Codes that mean this channel cannot take the digest, whatever we retry. */
const CHANNEL_CODES = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'channel_is_archived',
  'restricted_action',
  'cant_post',
  'msg_too_long',
  'invalid_blocks',
]);
/** Codes that mean no post will work until someone fixes the installation. */
const FATAL_CODES = new Set([
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'token_expired',
  'account_inactive',
  'missing_scope',
]);

const historySchema = z.object({
  messages: z
    .array(
      z.object({
        ts: z.string(),
        metadata: z.object({ event_type: z.string(), event_payload: z.record(z.string(), z.unknown()) }).optional(),
      }),
    )
    .default([]),
  has_more: z.boolean().optional(),
  response_metadata: z.object({ next_cursor: z.string().optional() }).optional(),
});

/**
 * The digest's Slack edge, on a WebClient of its own that waits out 429s (Retry-After) and retries
 * 5xx and network errors with back-off (`webClientOptions` in src/slack/app.ts): never the listeners'
 * client, whose calls must not wait behind a digest's 429. What still fails is classified for the deliverer.
 */
export function slackDigestPoster(client: WebClient): DigestPoster {
  return {
    async post(channelId, message, period) {
      try {
        const result = await client.chat.postMessage({
          channel: channelId,
          text: message.text,
          blocks: message.blocks,
          unfurl_links: false,
          unfurl_media: false,
          metadata: { event_type: DIGEST_EVENT_TYPE, event_payload: { period: period.key } },
        });
        if (!result.ts) throw new PostError('no_ts_in_response', 'transient');
        return result.ts;
      } catch (error) {
        throw asPostError(error);
      }
    },

    async findPosted(channelId, period, since) {
      let cursor: string | undefined;
      for (let page = 0; page < HISTORY_PAGES_MAX; page++) {
        let raw: unknown;
        try {
          raw = await client.conversations.history({
            channel: channelId,
            oldest: (Math.floor(since / 1000) - 60).toString(),
            include_all_metadata: true,
            limit: 200,
            ...(cursor && { cursor }),
          });
        } catch (error) {
          // An installation without the history scopes can still post: it only cannot check this channel.
          if (slackErrorCode(error) === 'missing_scope') throw new PostError('missing_scope', 'channel');
          throw asPostError(error);
        }
        const history = historySchema.parse(raw);
        const found = history.messages.find(
          (message) =>
            message.metadata?.event_type === DIGEST_EVENT_TYPE && message.metadata.event_payload.period === period.key,
        );
        if (found) return found.ts;
        cursor = history.response_metadata?.next_cursor;
        if (!history.has_more || !cursor) return undefined;
      }
      // Too much history to be sure: treat as "cannot tell" rather than risk a second post.
      throw new PostError('history_too_long', 'channel');
    },
  };
}

function asPostError(error: unknown): PostError {
  if (error instanceof PostError) return error;
  const code = slackErrorCode(error);
  if (!code) return new PostError((error as Error).message || 'request_failed', 'transient');
  const kind: PostFailureKind = FATAL_CODES.has(code) ? 'fatal' : CHANNEL_CODES.has(code) ? 'channel' : 'transient';
  return new PostError(code, kind);
}
