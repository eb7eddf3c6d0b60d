import { FILE_MAX_BYTES, type MessageFile, messageFile, type StoredFile, slackFile } from './files.js';
import { isRecord } from './http-body.js';
import {
  type ApiResult,
  type Args,
  fail,
  integer,
  type MethodContext,
  type MethodSpec,
  refuse,
  text,
} from './method-spec.js';

/** files.completeUploadExternal shares in at most this many channels at once. */
const CHANNELS_MAX = 100;

/**
 * Where the app may share a file: a person's DM with it, or a channel it is in. A private channel
 * it is not in does not exist for it.
 */
function checkShareable(channel: string, ctx: MethodContext, unknown: string): ApiResult | undefined {
  const { workspace } = ctx;
  if (workspace.isDirectMessage(channel)) {
    return workspace.directMessageUser(channel) === undefined ? fail(unknown) : undefined;
  }
  if (!/^[CG]/.test(channel)) return fail(unknown);
  const spec = workspace.channel(channel);
  const isMember = spec.isMember ?? spec.visibility === 'public';
  if (spec.visibility === 'not_found' || (spec.visibility === 'private' && !isMember)) return fail(unknown);
  if (!isMember) return fail('not_in_channel');
  return undefined;
}

/**
 * `channel_id` takes one channel id; `channels` a comma-separated list of channel or user ids (a user
 * id stands for the person's DM with the app), answering invalid_channel for what is not there.
 */
function shareTargets(args: Args, ctx: MethodContext): string[] | ApiResult {
  const channelId = text(args, 'channel_id');
  const list = text(args, 'channels');
  if (channelId !== undefined && list !== undefined) {
    return refuse('invalid_arguments', 'give channel_id or channels, not both');
  }
  if (channelId !== undefined) return checkShareable(channelId, ctx, 'channel_not_found') ?? [channelId];
  if (list === undefined) return [];
  const ids = list
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id.length > 0);
  if (ids.length > CHANNELS_MAX) return fail('channels_limit_exceeded');
  const channels: string[] = [];
  for (const id of ids) {
    const channel = /^[UW]/.test(id) ? ctx.workspace.directMessageChannel(id) : id;
    if (/^[UW]/.test(id) && ctx.workspace.user(id) === undefined) return fail('invalid_channel');
    const refused = checkShareable(channel, ctx, 'invalid_channel');
    if (refused) return refused;
    if (!channels.includes(channel)) channels.push(channel);
  }
  return channels;
}

interface Completion {
  file: StoredFile;
  title: string | undefined;
}

/** `files` as `[{id, title?}]`: every file uploaded to and not yet completed. */
function filesToComplete(args: Args, ctx: MethodContext): Completion[] | ApiResult {
  const { files } = args;
  if (!Array.isArray(files) || files.length === 0) {
    return refuse('invalid_arguments', 'files must be a JSON array of {"id", "title"}');
  }
  const completions: Completion[] = [];
  for (const entry of files) {
    const id = isRecord(entry) && typeof entry.id === 'string' ? entry.id : undefined;
    if (id === undefined) return refuse('invalid_arguments', 'each of files needs an "id"');
    const file = ctx.files.get(id);
    if (!file) return fail('file_not_found');
    if (file.bytes === undefined) {
      return refuse('file_not_found', `nothing was uploaded to ${id}'s upload URL before it was completed`);
    }
    if (file.completed) return refuse('file_not_found', `${id} was completed already: it can be completed once`);
    const title =
      isRecord(entry) && typeof entry.title === 'string' && entry.title.length > 0 ? entry.title : undefined;
    completions.push({ file, title });
  }
  return completions;
}

function isPublicChannel(channel: string, ctx: MethodContext): boolean {
  return !ctx.workspace.isDirectMessage(channel) && ctx.workspace.channel(channel).visibility === 'public';
}

export const FILE_METHODS: Record<string, MethodSpec> = {
  'files.getUploadURLExternal': {
    token: 'bot',
    handle: (args, ctx) => {
      const filename = text(args, 'filename');
      if (filename === undefined) return fail('invalid_arguments');
      const length = integer(args, 'length');
      if (length === undefined || length === 0) return fail('missing_argument');
      if (length < 0) return fail('invalid_arguments');
      if (length > FILE_MAX_BYTES) {
        return refuse('file_upload_size_restricted', `the emulator keeps files of up to ${FILE_MAX_BYTES} bytes`);
      }
      const file = ctx.files.reserve({ filename, length, user: ctx.workspace.botUserId });
      return { ok: true, upload_url: `${ctx.origin}/upload/v1/${file.uploadId}`, file_id: file.id };
    },
  },
  'files.completeUploadExternal': {
    token: 'bot',
    handle: (args, ctx) => {
      const completions = filesToComplete(args, ctx);
      if (!Array.isArray(completions)) return completions;
      const channels = shareTargets(args, ctx);
      if (!Array.isArray(channels)) return channels;
      const threadTs = text(args, 'thread_ts');
      if (threadTs !== undefined && channels.length !== 1) {
        return refuse('invalid_arguments', 'thread_ts needs exactly one channel to reply in');
      }
      const { workspace } = ctx;
      const isPublic = channels.some((channel) => isPublicChannel(channel, ctx));
      const urls = { origin: ctx.origin, teamId: workspace.teamId, teamDomain: workspace.teamDomain };
      const shared: MessageFile[] = completions.map(({ file, title }) => {
        ctx.files.complete(file, { ...(title && { title }), channels });
        return messageFile(file, urls, isPublic);
      });
      const comment = text(args, 'initial_comment');
      // Slack ignores blocks when there is an initial_comment.
      const blocks = comment === undefined && Array.isArray(args.blocks) ? args.blocks : undefined;
      for (const channel of channels) {
        ctx.conversations.post({
          channel,
          user: workspace.botUserId,
          botId: workspace.botId,
          appId: workspace.appId,
          text: comment ?? '',
          ...(blocks && { blocks }),
          ...(threadTs && { threadTs }),
          files: shared,
        });
      }
      return { ok: true, files: shared.map(slackFile) };
    },
  },
};
