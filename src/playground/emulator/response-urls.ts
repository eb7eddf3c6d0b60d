import type { Conversations } from './conversations.js';
import { isRecord } from './http-body.js';
import { randomId } from './ids.js';
import type { Workspace } from './workspace.js';

/** What a response_url answers for: the command or the click it was handed out with. */
export interface ResponseTarget {
  kind: 'command' | 'action';
  channel: string;
  /** Who ran the command or clicked: ephemeral responses are shown to them. */
  user: string;
  /** The message a click came from: `replace_original` and `delete_original` act on it. */
  sourceTs?: string;
}

export interface ResponseOutcome {
  status: number;
  body: unknown;
}

/** Slack accepts five posts to one response_url. */
const USES_MAX = 5;

/**
 * response_urls the emulator handed out, and what a post to one does: a new message (ephemeral
 * unless `response_type: 'in_channel'`), or a replaced or deleted source message.
 */
export class ResponseUrls {
  private readonly targets = new Map<string, ResponseTarget & { uses: number }>();

  constructor(
    private readonly workspace: Workspace,
    private readonly conversations: Conversations,
  ) {}

  register(target: ResponseTarget): string {
    const id = randomId('R');
    this.targets.set(id, { ...target, uses: 0 });
    return id;
  }

  /** What posting `body` to the response_url `id` does; undefined for an id the emulator never handed out. */
  apply(id: string, body: unknown): ResponseOutcome | undefined {
    const target = this.targets.get(id);
    if (!target) return undefined;
    target.uses += 1;
    if (target.uses > USES_MAX) return { status: 404, body: { ok: false, error: 'used_url' } };
    if (!isRecord(body)) return { status: 400, body: { ok: false, error: 'invalid_payload' } };
    const source = target.sourceTs ? this.conversations.find(target.channel, target.sourceTs) : undefined;
    if (body.delete_original === true) {
      if (source) this.conversations.delete(source.channel, source.ts);
      return { status: 200, body: { ok: true } };
    }
    const text = typeof body.text === 'string' ? body.text : '';
    const blocks = Array.isArray(body.blocks) ? body.blocks : undefined;
    if (text === '' && !blocks) return { status: 400, body: { ok: false, error: 'no_text' } };
    // A click's response replaces the message it came from unless the app says otherwise.
    const replaces = target.kind === 'action' ? body.replace_original !== false : body.replace_original === true;
    if (replaces && source) {
      this.conversations.update(source.channel, source.ts, { text, ...(blocks && { blocks }) });
      return { status: 200, body: { ok: true } };
    }
    const threadTs = typeof body.thread_ts === 'string' ? body.thread_ts : undefined;
    this.conversations.post({
      channel: target.channel,
      user: this.workspace.botUserId,
      botId: this.workspace.botId,
      appId: this.workspace.appId,
      text,
      ...(blocks && { blocks }),
      ...(threadTs && { threadTs }),
      ...(body.response_type !== 'in_channel' && { visibleTo: target.user }),
    });
    return { status: 200, body: { ok: true } };
  }
}
