import { type MessageFile, slackFile } from './files.js';
import { isRecord } from './http-body.js';
import { nextTs, randomId } from './ids.js';

/** Message metadata as `chat.postMessage` takes it and `conversations.history` returns it. */
export interface MessageMetadata {
  event_type: string;
  event_payload: Record<string, unknown>;
}

export interface StoredMessage {
  channel: string;
  ts: string;
  /** Who wrote it: a person, the app's bot user, or Slackbot (`USLACKBOT`). */
  user: string;
  /** Set on the app's posts, as Slack sets it. */
  botId?: string;
  appId?: string;
  text: string;
  blocks?: Record<string, unknown>[];
  /** The files files.completeUploadExternal shared with this message. */
  files?: MessageFile[];
  /** The parent's ts, on a reply. */
  threadTs?: string;
  metadata?: MessageMetadata;
  /** On an ephemeral message: the one person who sees it. Ephemeral messages never appear in history. */
  visibleTo?: string;
  replyCount: number;
  edited: boolean;
}

export type NewMessage = Omit<StoredMessage, 'ts' | 'replyCount' | 'edited' | 'blocks'> & { blocks?: unknown[] };

export interface HistoryQuery {
  oldest?: string;
  latest?: string;
  inclusive?: boolean;
  /** Exclusive upper bound whatever `inclusive` says: where the previous page (a cursor) ended. */
  before?: string;
  limit: number;
}

/** Compares Slack timestamps exactly: as numbers they lose the microseconds. */
export function compareTs(a: string, b: string): number {
  const [aSeconds = '', aMicros = ''] = a.split('.');
  const [bSeconds = '', bMicros = ''] = b.split('.');
  if (aSeconds.length !== bSeconds.length) return aSeconds.length - bSeconds.length;
  if (aSeconds !== bSeconds) return aSeconds < bSeconds ? -1 : 1;
  const [x, y] = [aMicros.padEnd(6, '0'), bMicros.padEnd(6, '0')];
  return x === y ? 0 : x < y ? -1 : 1;
}

/**
 * Slack gives every block a block_id when a message is posted without one, and block_actions carry
 * it back; copying keeps the app's own objects (and the recorded calls) untouched.
 */
function withBlockIds(blocks: unknown[] | undefined): Record<string, unknown>[] | undefined {
  if (!blocks) return undefined;
  return blocks.filter(isRecord).map((block) => ({
    ...structuredClone(block),
    block_id: typeof block.block_id === 'string' ? block.block_id : randomId('').slice(0, 5),
  }));
}

/** Every channel's messages, threads and ephemeral messages, in memory, with a change feed. */
export class Conversations {
  private readonly byChannel = new Map<string, StoredMessage[]>();
  private readonly listeners = new Set<() => void>();

  /** Calls `listener` after every change; returns the function that stops it. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  post(input: NewMessage): StoredMessage {
    const { blocks, ...rest } = input;
    const stored: StoredMessage = { ...rest, ts: nextTs(), replyCount: 0, edited: false };
    const withIds = withBlockIds(blocks);
    if (withIds) stored.blocks = withIds;
    const messages = this.byChannel.get(input.channel) ?? [];
    messages.push(stored);
    this.byChannel.set(input.channel, messages);
    const parent = stored.threadTs ? this.find(stored.channel, stored.threadTs) : undefined;
    // A reply to a reply joins the parent's thread, as in Slack.
    if (parent?.threadTs && parent.threadTs !== parent.ts) stored.threadTs = parent.threadTs;
    const root = stored.threadTs ? this.find(stored.channel, stored.threadTs) : undefined;
    if (root && !stored.visibleTo) root.replyCount += 1;
    this.changed();
    return stored;
  }

  find(channel: string, ts: string): StoredMessage | undefined {
    return this.byChannel.get(channel)?.find((message) => message.ts === ts);
  }

  update(
    channel: string,
    ts: string,
    change: { text: string; blocks?: unknown[]; metadata?: MessageMetadata },
  ): StoredMessage | undefined {
    const message = this.find(channel, ts);
    if (!message) return undefined;
    message.text = change.text;
    const withIds = withBlockIds(change.blocks);
    if (withIds) message.blocks = withIds;
    else delete message.blocks;
    if (change.metadata) message.metadata = change.metadata;
    message.edited = true;
    this.changed();
    return message;
  }

  delete(channel: string, ts: string): boolean {
    const messages = this.byChannel.get(channel);
    const index = messages?.findIndex((message) => message.ts === ts) ?? -1;
    if (!messages || index < 0) return false;
    const [removed] = messages.splice(index, 1);
    if (removed?.threadTs && removed.threadTs !== removed.ts && !removed.visibleTo) {
      const parent = this.find(channel, removed.threadTs);
      if (parent) parent.replyCount = Math.max(0, parent.replyCount - 1);
    }
    this.changed();
    return true;
  }

  /** What a person sees in the channel: top-level messages and their own ephemeral ones, oldest first. */
  timeline(channel: string, viewer: string): StoredMessage[] {
    return (this.byChannel.get(channel) ?? []).filter(
      (message) => isTopLevel(message) && (message.visibleTo === undefined || message.visibleTo === viewer),
    );
  }

  /** A thread as a person sees it: the parent, then the replies, oldest first. */
  thread(channel: string, threadTs: string, viewer: string): StoredMessage[] {
    return (this.byChannel.get(channel) ?? []).filter(
      (message) =>
        (message.ts === threadTs || message.threadTs === threadTs) &&
        (message.visibleTo === undefined || message.visibleTo === viewer),
    );
  }

  /**
   * `conversations.history`: top-level messages between `oldest` and `latest` (exclusive unless
   * `inclusive`), newest first, never ephemeral ones.
   */
  history(channel: string, query: HistoryQuery): { messages: StoredMessage[]; hasMore: boolean } {
    const within = (this.byChannel.get(channel) ?? []).filter((message) => {
      if (!isTopLevel(message) || message.visibleTo !== undefined) return false;
      if (query.oldest !== undefined) {
        const order = compareTs(message.ts, query.oldest);
        if (order < 0 || (order === 0 && !query.inclusive)) return false;
      }
      if (query.latest !== undefined) {
        const order = compareTs(message.ts, query.latest);
        if (order > 0 || (order === 0 && !query.inclusive)) return false;
      }
      return query.before === undefined || compareTs(message.ts, query.before) < 0;
    });
    const newestFirst = within.sort((a, b) => compareTs(b.ts, a.ts));
    return { messages: newestFirst.slice(0, query.limit), hasMore: newestFirst.length > query.limit };
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}

function isTopLevel(message: StoredMessage): boolean {
  return message.threadTs === undefined || message.threadTs === message.ts;
}

/** A stored message in the shape of Slack's message objects. */
export function slackMessage(message: StoredMessage, { withMetadata }: { withMetadata: boolean }) {
  return {
    type: 'message',
    user: message.user,
    ...(message.botId && { bot_id: message.botId }),
    ...(message.appId && { app_id: message.appId }),
    text: message.text,
    ts: message.ts,
    ...(message.blocks && { blocks: message.blocks }),
    ...(message.files && {
      subtype: 'file_share',
      files: message.files.map(slackFile),
      upload: true,
      display_as_bot: false,
    }),
    ...(message.threadTs && { thread_ts: message.threadTs }),
    ...(message.replyCount > 0 && { thread_ts: message.ts, reply_count: message.replyCount }),
    ...(message.edited && { edited: { user: message.user, ts: message.ts } }),
    ...(withMetadata && message.metadata && { metadata: message.metadata }),
  };
}
