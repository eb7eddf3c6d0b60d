import { LogLevel, WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TRIGGER_LIFETIME_MS, ViewStore } from '../../../src/playground/emulator/view-store.js';
import type { SlackEmulator } from '../../../src/playground/emulator/web-api-server.js';
import { startCheckedEmulator } from '../../support/checked-emulator.js';

const FAST_RETRIES = { retries: 0 };
const GENERAL = 'C0GENERAL1';

let emulator: SlackEmulator;
let client: WebClient;

beforeEach(async () => {
  emulator = await startCheckedEmulator({
    channels: {
      C0PRIVATE1: { visibility: 'private', isMember: false },
      C0PUBLIC01: { visibility: 'public', isMember: false },
      C0ARCHIVE1: { visibility: 'public', isArchived: true },
      C0GONE0001: 'not_found',
    },
  });
  client = new WebClient('xoxb-1-test', {
    slackApiUrl: emulator.url,
    retryConfig: FAST_RETRIES,
    logLevel: LogLevel.ERROR,
  });
});

afterEach(async () => {
  await emulator.close();
});

async function slackError(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    return (error as { data?: { error?: unknown } }).data?.error;
  }
  throw new Error('expected the call to fail');
}

async function post(text: string, extra: Record<string, unknown> = {}): Promise<string> {
  const result = await client.chat.postMessage({ channel: GENERAL, text, ...extra });
  return result.ts as string;
}

describe('message metadata', () => {
  const metadata = { event_type: 'breachbot_digest', event_payload: { period: '2026-W48' } };

  it('keeps what chat.postMessage was given, and returns it only with include_all_metadata', async () => {
    const posted = await client.chat.postMessage({ channel: GENERAL, text: 'Weekly digest', metadata });
    expect(posted.message?.metadata).toEqual(metadata);

    const withMetadata = await client.conversations.history({ channel: GENERAL, include_all_metadata: true });
    expect(withMetadata.messages).toEqual([
      expect.objectContaining({ ts: posted.ts, text: 'Weekly digest', metadata }),
    ]);
    const without = await client.conversations.history({ channel: GENERAL });
    expect(without.messages?.[0]).not.toHaveProperty('metadata');
  });

  it('refuses metadata that is not {event_type, event_payload}', async () => {
    expect(
      await slackError(client.apiCall('chat.postMessage', { channel: GENERAL, text: 'x', metadata: '{oops' })),
    ).toBe('invalid_metadata_format');
    expect(
      await slackError(
        client.chat.postMessage({ channel: GENERAL, text: 'x', metadata: { event_type: 'x' } as never }),
      ),
    ).toBe('invalid_metadata_format');
  });
});

describe('conversations.history', () => {
  it('returns the channel’s messages newest first, without thread replies or ephemeral messages', async () => {
    const first = await post('first');
    await post('a reply', { thread_ts: first });
    await client.chat.postEphemeral({ channel: GENERAL, user: 'U0FAKEUSR1', text: 'only you' });
    const second = await post('second');
    await post('third');
    await client.chat.postMessage({ channel: 'C0TRAINING', text: 'another channel' });

    const history = await client.conversations.history({ channel: GENERAL });
    expect(history.messages?.map((message) => message.text)).toEqual(['third', 'second', 'first']);
    expect(history.messages?.[2]).toMatchObject({ ts: first, thread_ts: first, reply_count: 1 });
    expect(history.has_more).toBe(false);
    expect(history.messages?.[1]?.ts).toBe(second);
  });

  it('keeps to oldest and latest (exclusive unless inclusive)', async () => {
    const ts = [];
    for (const text of ['one', 'two', 'three', 'four']) ts.push(await post(text));
    const texts = async (args: Record<string, unknown>) =>
      (await client.conversations.history({ channel: GENERAL, ...args })).messages?.map((message) => message.text);

    expect(await texts({ oldest: ts[1] })).toEqual(['four', 'three']);
    expect(await texts({ latest: ts[2] })).toEqual(['two', 'one']);
    expect(await texts({ oldest: ts[1], latest: ts[2], inclusive: true })).toEqual(['three', 'two']);
  });

  it('pages with limit, has_more and next_cursor, each message once', async () => {
    for (let index = 1; index <= 5; index++) await post(`message ${index}`);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await client.conversations.history({ channel: GENERAL, limit: 2, ...(cursor && { cursor }) });
      seen.push(...(page.messages ?? []).map((message) => message.text ?? ''));
      cursor = page.has_more ? page.response_metadata?.next_cursor : undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(['message 5', 'message 4', 'message 3', 'message 2', 'message 1']);
    expect(await slackError(client.conversations.history({ channel: GENERAL, cursor: 'bm9wZQ==' }))).toBe(
      'invalid_cursor',
    );
  });

  it('answers channel_not_found and not_in_channel as Slack does', async () => {
    expect(await slackError(client.conversations.history({ channel: 'C0GONE0001' }))).toBe('channel_not_found');
    // A private channel the bot is not in does not exist for it.
    expect(await slackError(client.conversations.history({ channel: 'C0PRIVATE1' }))).toBe('channel_not_found');
    expect(await slackError(client.conversations.history({ channel: 'C0PUBLIC01' }))).toBe('not_in_channel');
    expect(await slackError(client.chat.postMessage({ channel: 'C0ARCHIVE1', text: 'x' }))).toBe('is_archived');
  });

  it('reads back what was posted to a user id, from the DM channel Slack put it in', async () => {
    const posted = await client.chat.postMessage({ channel: 'U0FAKEUSR1', text: 'a card for you' });
    expect(posted.channel).toBe('D0FAKEUSR1');
    const history = await client.conversations.history({ channel: 'D0FAKEUSR1' });
    expect(history.messages?.map((message) => message.text)).toEqual(['a card for you']);
  });
});

describe('messages and views the app changes', () => {
  it('updates and deletes the bot’s own messages, and reports each change', async () => {
    let changes = 0;
    const stop = emulator.onChange(() => changes++);
    const ts = await post('draft');
    await client.chat.update({ channel: GENERAL, ts, text: 'final' });
    expect(emulator.conversations.find(GENERAL, ts)).toMatchObject({ text: 'final', edited: true });
    expect(await slackError(client.chat.update({ channel: GENERAL, ts: '1.000001', text: 'x' }))).toBe(
      'message_not_found',
    );
    await client.chat.delete({ channel: GENERAL, ts });
    expect(emulator.conversations.find(GENERAL, ts)).toBeUndefined();
    stop();
    expect(changes).toBe(3);
  });

  it('gives blocks without a block_id one, without touching the app’s own objects', async () => {
    const blocks = [{ type: 'divider' }, { type: 'section', block_id: 'mine', text: { type: 'mrkdwn', text: 'x' } }];
    const ts = await post('x', { blocks });
    const stored = emulator.conversations.find(GENERAL, ts);
    expect(stored?.blocks?.map((block) => block.block_id)).toEqual([expect.stringMatching(/^\w+$/), 'mine']);
    expect(emulator.callsTo('chat.postMessage')[0]?.args.blocks).toEqual(blocks);
  });

  it('opens a modal for the person whose trigger it is, refuses a used trigger, and updates by id', async () => {
    const view = { type: 'modal' as const, title: { type: 'plain_text' as const, text: 'Share' }, blocks: [] };
    const trigger = emulator.views.issueTrigger('U0FAKEUSR1', GENERAL);
    const opened = await client.views.open({ trigger_id: trigger, view });
    const viewId = opened.view?.id ?? '';
    expect(emulator.views.topModal('U0FAKEUSR1')).toMatchObject({ id: viewId, channel: GENERAL });
    expect(await slackError(client.views.open({ trigger_id: trigger, view }))).toBe('exchanged_trigger_id');

    const updated = await client.views.update({ view_id: viewId, view: { ...view, callback_id: 'next' } });
    expect(updated.view).toMatchObject({ id: viewId, callback_id: 'next' });
    expect(await slackError(client.views.update({ view_id: 'V0NOPE0001', view }))).toBe('not_found');
    expect(await slackError(client.views.update({ view_id: viewId, hash: 'stale', view }))).toBe('hash_conflict');
  });
});

describe('trigger ids', () => {
  it('expire after three seconds, as Slack’s do', () => {
    let now = 1_000_000;
    const views = new ViewStore(() => now);
    const fresh = views.issueTrigger('U0FAKEUSR1');
    const stale = views.issueTrigger('U0FAKEUSR1', GENERAL);
    expect(views.claimTrigger(fresh)).toEqual({ user: 'U0FAKEUSR1', channel: undefined });
    now += TRIGGER_LIFETIME_MS + 1;
    expect(views.claimTrigger(stale)).toBe('expired');
    expect(views.claimTrigger('123.456')).toBe('unknown');
  });
});
