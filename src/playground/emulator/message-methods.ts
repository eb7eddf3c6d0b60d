import { type MessageMetadata, type NewMessage, type StoredMessage, slackMessage } from './conversations.js';
import { isRecord } from './http-body.js';
import {
  type ApiResult,
  type Args,
  fail,
  flag,
  integer,
  type MethodContext,
  type MethodSpec,
  text,
} from './method-spec.js';

/** conversations.history's default page and Slack's largest. */
const HISTORY_LIMIT_DEFAULT = 100;
const HISTORY_LIMIT_MAX = 999;

/** A post to a user id (U…, W…) lands in the bot's direct-message channel with them, as in Slack. */
function resolveChannel(channel: string, ctx: MethodContext): string {
  return /^[UW]/.test(channel) ? ctx.workspace.directMessageChannel(channel) : channel;
}

/** Where the bot may post: DMs always; public channels thanks to chat:write.public; private ones only as a member. */
function checkPostable(channel: string | undefined, ctx: MethodContext): ApiResult | undefined {
  if (channel === undefined) return fail('channel_not_found');
  if (/^[DUW]/.test(channel)) return undefined;
  const spec = ctx.workspace.channel(channel);
  if (spec.visibility === 'not_found') return fail('channel_not_found');
  if (spec.visibility === 'private' && spec.isMember === false) return fail('not_in_channel');
  if (spec.isArchived) return fail('is_archived');
  return undefined;
}

/**
 * What the bot may read: a private channel it is not in does not exist for it; a public one it has
 * not joined answers not_in_channel.
 */
function checkReadable(channel: string | undefined, ctx: MethodContext): ApiResult | undefined {
  if (channel === undefined) return fail('channel_not_found');
  if (ctx.workspace.isDirectMessage(channel)) return undefined;
  const spec = ctx.workspace.channel(channel);
  const isMember = spec.isMember ?? spec.visibility === 'public';
  if (spec.visibility === 'not_found' || (spec.visibility === 'private' && !isMember)) return fail('channel_not_found');
  if (!isMember) return fail('not_in_channel');
  return undefined;
}

function hasContent(args: Args): boolean {
  return text(args, 'text') !== undefined || Array.isArray(args.blocks) || Array.isArray(args.attachments);
}

type MetadataArg = { metadata?: MessageMetadata } | 'invalid';

/** `metadata` arrives JSON-decoded (see http-body.ts); anything that is not {event_type, event_payload} is refused. */
function metadataArg(args: Args): MetadataArg {
  const { metadata } = args;
  if (metadata === undefined) return {};
  if (!isRecord(metadata) || typeof metadata.event_type !== 'string' || !isRecord(metadata.event_payload)) {
    return 'invalid';
  }
  return { metadata: { event_type: metadata.event_type, event_payload: metadata.event_payload } };
}

function botMessage(args: Args, ctx: MethodContext, channel: string): NewMessage {
  const { workspace } = ctx;
  const threadTs = text(args, 'thread_ts');
  return {
    channel,
    user: workspace.botUserId,
    botId: workspace.botId,
    appId: workspace.appId,
    text: text(args, 'text') ?? '',
    ...(Array.isArray(args.blocks) && { blocks: args.blocks }),
    ...(threadTs && { threadTs }),
  };
}

function postedResult(message: StoredMessage): ApiResult {
  return { ok: true, channel: message.channel, ts: message.ts, message: slackMessage(message, { withMetadata: true }) };
}

function encodeCursor(ts: string): string {
  return Buffer.from(`next_ts:${ts}`).toString('base64');
}

function decodeCursor(cursor: string): string | undefined {
  const match = /^next_ts:(\d+\.\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  return match?.[1];
}

export const MESSAGE_METHODS: Record<string, MethodSpec> = {
  'chat.postMessage': {
    token: 'bot',
    handle: (args, ctx) => {
      const requested = text(args, 'channel');
      const refused = checkPostable(requested, ctx);
      if (refused || requested === undefined) return refused ?? fail('channel_not_found');
      if (!hasContent(args)) return fail('no_text');
      const metadata = metadataArg(args);
      if (metadata === 'invalid') return fail('invalid_metadata_format');
      const channel = resolveChannel(requested, ctx);
      return postedResult(ctx.conversations.post({ ...botMessage(args, ctx, channel), ...metadata }));
    },
  },
  'chat.postEphemeral': {
    token: 'bot',
    handle: (args, ctx) => {
      const requested = text(args, 'channel');
      const refused = checkPostable(requested, ctx);
      if (refused || requested === undefined) return refused ?? fail('channel_not_found');
      const user = text(args, 'user');
      if (user === undefined) return fail('user_not_found');
      if (!hasContent(args)) return fail('no_text');
      const posted = ctx.conversations.post({
        ...botMessage(args, ctx, resolveChannel(requested, ctx)),
        visibleTo: user,
      });
      // Slack answers an ephemeral post with message_ts only, no channel or ts.
      return { ok: true, message_ts: posted.ts };
    },
  },
  'chat.update': {
    token: 'bot',
    handle: (args, ctx) => {
      const channel = text(args, 'channel');
      const ts = text(args, 'ts');
      const refused = checkPostable(channel, ctx);
      if (refused || channel === undefined) return refused ?? fail('channel_not_found');
      const existing = ts === undefined ? undefined : ctx.conversations.find(resolveChannel(channel, ctx), ts);
      if (!existing) return fail('message_not_found');
      if (existing.user !== ctx.workspace.botUserId) return fail('cant_update_message');
      const metadata = metadataArg(args);
      if (metadata === 'invalid') return fail('invalid_metadata_format');
      const blocks = Array.isArray(args.blocks) ? args.blocks : undefined;
      const updated = ctx.conversations.update(existing.channel, existing.ts, {
        text: text(args, 'text') ?? '',
        ...(blocks && { blocks }),
        ...metadata,
      });
      return { ...postedResult(updated ?? existing), text: updated?.text ?? '' };
    },
  },
  'chat.delete': {
    token: 'bot',
    handle: (args, ctx) => {
      const channel = text(args, 'channel');
      const ts = text(args, 'ts');
      if (channel === undefined) return fail('channel_not_found');
      const existing = ts === undefined ? undefined : ctx.conversations.find(resolveChannel(channel, ctx), ts);
      if (!existing) return fail('message_not_found');
      if (existing.user !== ctx.workspace.botUserId) return fail('cant_delete_message');
      ctx.conversations.delete(existing.channel, existing.ts);
      return { ok: true, channel: existing.channel, ts: existing.ts };
    },
  },
  'conversations.history': {
    token: 'bot',
    handle: (args, ctx) => {
      const channel = text(args, 'channel');
      const refused = checkReadable(channel, ctx);
      if (refused || channel === undefined) return refused ?? fail('channel_not_found');
      const cursor = text(args, 'cursor');
      const before = cursor === undefined ? undefined : decodeCursor(cursor);
      if (cursor !== undefined && before === undefined) return fail('invalid_cursor');
      const limit = Math.min(Math.max(integer(args, 'limit') ?? HISTORY_LIMIT_DEFAULT, 1), HISTORY_LIMIT_MAX);
      const oldest = text(args, 'oldest');
      const latest = text(args, 'latest');
      const { messages, hasMore } = ctx.conversations.history(channel, {
        ...(oldest && { oldest }),
        ...(latest && { latest }),
        ...(before && { before }),
        inclusive: flag(args, 'inclusive'),
        limit,
      });
      const withMetadata = flag(args, 'include_all_metadata');
      const last = messages.at(-1);
      return {
        ok: true,
        messages: messages.map((message) => slackMessage(message, { withMetadata })),
        has_more: hasMore,
        pin_count: 0,
        channel_actions_ts: null,
        channel_actions_count: 0,
        response_metadata: { next_cursor: hasMore && last ? encodeCursor(last.ts) : '' },
      };
    },
  },
};
