import { FILE_METHODS } from './file-methods.js';
import { MESSAGE_METHODS } from './message-methods.js';
import {
  type ApiResult,
  type Args,
  fail,
  flag,
  type MethodContext,
  type MethodSpec,
  refuse,
  type TokenKind,
  text,
} from './method-spec.js';
import { VIEW_METHODS } from './view-methods.js';
import type { Workspace } from './workspace.js';

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
      is_archived: spec.isArchived ?? false,
      is_general: false,
      is_member: spec.isMember ?? !isPrivate,
      context_team_id: ctx.workspace.teamId,
    },
  };
}

/** A group DM takes two to eight people besides the app. */
const GROUP_DM_MAX = 8;

function openedDirectMessage(channel: string, user: string, args: Args, ctx: MethodContext): ApiResult {
  if (!flag(args, 'return_im')) return { ok: true, channel: { id: channel } };
  return {
    ok: true,
    channel: {
      id: channel,
      created: Math.floor(Date.now() / 1000),
      is_im: true,
      is_org_shared: false,
      context_team_id: ctx.workspace.teamId,
      user,
      is_user_deleted: ctx.workspace.user(user)?.deleted ?? false,
      priority: 0,
    },
  };
}

/** conversations.open: a person's DM with the app, by `users` (one id) or by the DM's `channel` id. */
function openConversation(args: Args, ctx: MethodContext): ApiResult {
  const { workspace } = ctx;
  const channel = text(args, 'channel');
  if (channel !== undefined) {
    const user = workspace.directMessageUser(channel);
    return user === undefined ? fail('channel_not_found') : openedDirectMessage(channel, user, args, ctx);
  }
  const users = (text(args, 'users') ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id.length > 0);
  const [user] = users;
  if (user === undefined) return fail('users_list_not_supplied');
  if (users.length > GROUP_DM_MAX) return fail('too_many_users');
  if (users.length > 1) return refuse('invalid_arguments', 'the emulator opens 1:1 DMs only, not group DMs');
  const spec = workspace.user(user);
  if (spec === undefined) return fail('user_not_found');
  if (spec.deleted) return fail('user_disabled');
  return openedDirectMessage(workspace.directMessageChannel(user), user, args, ctx);
}

const METHODS: Record<string, MethodSpec> = {
  ...MESSAGE_METHODS,
  ...VIEW_METHODS,
  ...FILE_METHODS,
  'auth.test': {
    token: 'bot',
    handle: (_args, { workspace }) => ({
      ok: true,
      url: `https://${workspace.teamDomain}.slack.com/`,
      team: 'Breachbot Test',
      user: workspace.botName,
      team_id: workspace.teamId,
      user_id: workspace.botUserId,
      bot_id: workspace.botId,
      is_enterprise_install: false,
    }),
  },
  'conversations.info': {
    token: 'bot',
    handle: (args, ctx) => {
      const channel = text(args, 'channel');
      return channel === undefined ? fail('channel_not_found') : channelInfo(channel, ctx);
    },
  },
  'conversations.open': { token: 'bot', handle: openConversation },
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
