import { isRecord } from './http-body.js';
import { nextTs, randomId } from './ids.js';
import type { Workspace } from './workspace.js';

export type ApiResult =
  | ({ ok: true } & Record<string, unknown>)
  | ({ ok: false; error: string } & Record<string, unknown>);
export type TokenKind = 'bot' | 'app';
type Args = Record<string, unknown>;

export interface MethodContext {
  workspace: Workspace;
  /** The ws:// URL apps.connections.open hands out, when Socket Mode is wired in. */
  socketModeUrl: (() => string) | undefined;
}

interface MethodSpec {
  token: TokenKind;
  handle: (args: Args, ctx: MethodContext) => ApiResult;
}

function fail(error: string): ApiResult {
  return { ok: false, error };
}

function text(args: Args, key: string): string | undefined {
  const value = args[key];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function channelInfo(id: string, ctx: MethodContext): ApiResult {
  const spec = ctx.workspace.channel(id);
  if (spec.visibility === 'not_found') return fail('channel_not_found');
  const isPrivate = spec.visibility === 'private';
  return {
    ok: true,
    channel: {
      id,
      name: spec.name ?? (isPrivate ? 'secret-room' : 'general'),
      is_channel: true,
      is_group: false,
      is_im: false,
      is_mpim: false,
      is_private: isPrivate,
      is_archived: false,
      is_general: false,
      is_member: spec.isMember ?? !isPrivate,
      context_team_id: ctx.workspace.teamId,
    },
  };
}

/** Where a message may be posted: DMs (D…) and user ids (U…, which Slack opens as a DM) always work. */
function checkPostable(channel: string | undefined, ctx: MethodContext): ApiResult | undefined {
  if (channel === undefined) return fail('channel_not_found');
  if (/^[DUW]/.test(channel)) return undefined;
  const spec = ctx.workspace.channel(channel);
  if (spec.visibility === 'not_found') return fail('channel_not_found');
  if (spec.visibility === 'private' && spec.isMember === false) return fail('not_in_channel');
  return undefined;
}

function hasContent(args: Args): boolean {
  return text(args, 'text') !== undefined || Array.isArray(args.blocks) || Array.isArray(args.attachments);
}

function message(args: Args, ctx: MethodContext, ts: string): Record<string, unknown> {
  return {
    type: 'message',
    user: ctx.workspace.botUserId,
    bot_id: ctx.workspace.botId,
    app_id: ctx.workspace.appId,
    team: ctx.workspace.teamId,
    text: text(args, 'text') ?? '',
    ts,
    ...(Array.isArray(args.blocks) ? { blocks: args.blocks } : {}),
    ...(text(args, 'thread_ts') ? { thread_ts: args.thread_ts } : {}),
  };
}

function viewResult(args: Args, ctx: MethodContext, existingId?: string): ApiResult {
  if (!isRecord(args.view)) return fail('invalid_arguments');
  return {
    ok: true,
    view: {
      id: existingId ?? randomId('V'),
      team_id: ctx.workspace.teamId,
      app_id: ctx.workspace.appId,
      bot_id: ctx.workspace.botId,
      hash: `${Date.now()}.${randomId('')}`,
      state: { values: {} },
      private_metadata: '',
      callback_id: '',
      ...args.view,
    },
  };
}

const METHODS: Record<string, MethodSpec> = {
  'auth.test': {
    token: 'bot',
    handle: (_args, { workspace }) => ({
      ok: true,
      url: `https://${workspace.teamDomain}.slack.com/`,
      team: 'Breachbot Test',
      user: 'breachbot',
      team_id: workspace.teamId,
      user_id: workspace.botUserId,
      bot_id: workspace.botId,
      is_enterprise_install: false,
    }),
  },
  'chat.postMessage': {
    token: 'bot',
    handle: (args, ctx) => {
      const channel = text(args, 'channel');
      const refused = checkPostable(channel, ctx);
      if (refused) return refused;
      if (!hasContent(args)) return fail('no_text');
      const ts = nextTs();
      return { ok: true, channel, ts, message: message(args, ctx, ts) };
    },
  },
  'chat.postEphemeral': {
    token: 'bot',
    handle: (args, ctx) => {
      const refused = checkPostable(text(args, 'channel'), ctx);
      if (refused) return refused;
      if (text(args, 'user') === undefined) return fail('user_not_found');
      if (!hasContent(args)) return fail('no_text');
      // Slack answers an ephemeral post with message_ts only, no channel or ts.
      return { ok: true, message_ts: nextTs() };
    },
  },
  'chat.update': {
    token: 'bot',
    handle: (args, ctx) => {
      const channel = text(args, 'channel');
      const ts = text(args, 'ts');
      const refused = checkPostable(channel, ctx);
      if (refused) return refused;
      if (ts === undefined) return fail('message_not_found');
      return { ok: true, channel, ts, text: text(args, 'text') ?? '', message: message(args, ctx, ts) };
    },
  },
  'views.open': {
    token: 'bot',
    handle: (args, ctx) => (text(args, 'trigger_id') ? viewResult(args, ctx) : fail('invalid_arguments')),
  },
  'views.push': {
    token: 'bot',
    handle: (args, ctx) => (text(args, 'trigger_id') ? viewResult(args, ctx) : fail('invalid_arguments')),
  },
  'views.publish': {
    token: 'bot',
    handle: (args, ctx) => (text(args, 'user_id') ? viewResult(args, ctx) : fail('invalid_arguments')),
  },
  'views.update': {
    token: 'bot',
    handle: (args, ctx) => {
      const viewId = text(args, 'view_id');
      if (viewId === undefined && text(args, 'external_id') === undefined) return fail('invalid_arguments');
      return viewResult(args, ctx, viewId);
    },
  },
  'conversations.info': {
    token: 'bot',
    handle: (args, ctx) => {
      const channel = text(args, 'channel');
      return channel === undefined ? fail('channel_not_found') : channelInfo(channel, ctx);
    },
  },
  'users.info': {
    token: 'bot',
    handle: (args, { workspace }) => {
      const id = text(args, 'user');
      const spec = id === undefined ? undefined : workspace.user(id);
      if (id === undefined || spec === undefined) return fail('user_not_found');
      const name = spec.name ?? id.toLowerCase();
      const realName = spec.realName ?? name;
      return {
        ok: true,
        user: {
          id,
          team_id: workspace.teamId,
          name,
          real_name: realName,
          deleted: spec.deleted ?? false,
          is_bot: spec.isBot ?? false,
          tz: spec.tz ?? 'Europe/London',
          profile: { display_name: name, real_name: realName },
        },
      };
    },
  },
  'apps.connections.open': {
    token: 'app',
    handle: (_args, { socketModeUrl }) =>
      socketModeUrl === undefined ? fail('internal_error') : { ok: true, url: socketModeUrl() },
  },
};

export function methodSpec(method: string): MethodSpec | undefined {
  return Object.hasOwn(METHODS, method) ? METHODS[method] : undefined;
}

/** Slack's answers for a missing, wrong or wrong-kind token, checked before the method runs. */
export function checkToken(token: string | undefined, kind: TokenKind, workspace: Workspace): ApiResult | undefined {
  if (token === undefined || token.length === 0) return fail('not_authed');
  const expected = kind === 'bot' ? workspace.botToken : workspace.appToken;
  const prefix = kind === 'bot' ? 'xoxb-' : 'xapp-';
  if (expected !== undefined ? token === expected : token.startsWith(prefix)) return undefined;
  if (/^x(oxb|oxp|app)-/.test(token) && !token.startsWith(prefix)) return fail('not_allowed_token_type');
  return fail('invalid_auth');
}
