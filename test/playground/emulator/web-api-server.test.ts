import { ErrorCode, LogLevel, WebClient, WebClientEvent } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RESPONSE_URL, type SlackEmulator } from '../../../src/playground/emulator/web-api-server.js';
import { startCheckedEmulator } from '../../support/checked-emulator.js';

const BOT_TOKEN = 'xoxb-1-fake-bot-token';
// Without a minTimeout the client's backoff waits a full second between attempts.
const FAST_RETRIES = { retries: 2, factor: 1, minTimeout: 10, maxTimeout: 10 };

let emulator: SlackEmulator;
let client: WebClient;

beforeEach(async () => {
  emulator = await startCheckedEmulator({
    channels: { C0PRIVATE1: { visibility: 'private', isMember: false }, C0GONE0001: 'not_found' },
  });
  client = new WebClient(BOT_TOKEN, { slackApiUrl: emulator.url, retryConfig: FAST_RETRIES, logLevel: LogLevel.ERROR });
});

afterEach(async () => {
  await emulator.close();
});

async function platformError(call: Promise<unknown>): Promise<{ code: unknown; error: unknown }> {
  try {
    await call;
  } catch (error: unknown) {
    if (error instanceof Error && 'code' in error && 'data' in error) {
      const data = error.data as { error?: unknown };
      return { code: error.code, error: data.error };
    }
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('Slack emulator Web API', () => {
  it('records a call with form-decoded args, JSON-encoded blocks as objects, and a redacted token', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*Breach* found' } }];
    const result = await client.chat.postMessage({ channel: 'C0GENERAL1', text: 'Breach found', blocks });

    expect(result.ok).toBe(true);
    expect(result.channel).toBe('C0GENERAL1');
    expect(result.ts).toMatch(/^\d+\.\d{6}$/);
    const [call] = emulator.callsTo('chat.postMessage');
    expect(call?.args).toMatchObject({ channel: 'C0GENERAL1', text: 'Breach found', blocks });
    expect(call?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(call?.headers.authorization).toBe('Bearer xoxb-[REDACTED]');
    expect(JSON.stringify(emulator.calls)).not.toContain(BOT_TOKEN);
  });

  it('answers auth.test like Slack so Bolt can learn its bot ids', async () => {
    const result = await client.auth.test();
    expect(result).toMatchObject({
      ok: true,
      user_id: emulator.workspace.botUserId,
      bot_id: emulator.workspace.botId,
      team_id: emulator.workspace.teamId,
    });
    expect(result.url).toMatch(/^https:\/\//);
  });

  it('accepts JSON bodies too', async () => {
    const response = await fetch(`${emulator.url}views.publish`, {
      method: 'POST',
      headers: { authorization: `Bearer ${BOT_TOKEN}`, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ user_id: 'U0FAKEUSR1', view: { type: 'home', blocks: [] } }),
    });
    const body: unknown = await response.json();
    expect(body).toMatchObject({ ok: true, view: { type: 'home', id: expect.stringMatching(/^V/) } });
    expect(emulator.callsTo('views.publish')[0]?.args.view).toEqual({ type: 'home', blocks: [] });
  });

  it('waits out an injected 429 (Retry-After 0) and delivers the call once', async () => {
    emulator.inject('chat.postMessage', { status: 429, retryAfter: 0 });
    const rateLimited: number[] = [];
    client.on(WebClientEvent.RATE_LIMITED, (seconds: number) => rateLimited.push(seconds));

    const result = await client.chat.postMessage({ channel: 'C0GENERAL1', text: 'hi' });

    expect(result.ok).toBe(true);
    expect(rateLimited).toEqual([0]);
    const calls = emulator.callsTo('chat.postMessage');
    expect(calls.map((call) => call.status)).toEqual([429, 200]);
    expect(calls.filter((call) => call.fault === undefined)).toHaveLength(1);
  });

  it('sends a Retry-After header the client reads as seconds', async () => {
    emulator.inject('auth.test', { status: 429, retryAfter: 7 });
    const response = await fetch(`${emulator.url}auth.test`, {
      method: 'POST',
      headers: { authorization: `Bearer ${BOT_TOKEN}` },
    });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
  });

  it('consumes faults in order: a 503 then a 500 are retried before the real answer', async () => {
    emulator.inject('views.open', { status: 503 }, { status: 500 });
    const result = await client.views.open({
      trigger_id: '123.456',
      view: { type: 'modal', title: { type: 'plain_text', text: 'x' }, blocks: [] },
    });
    expect(result.ok).toBe(true);
    expect(emulator.callsTo('views.open').map((call) => call.status)).toEqual([503, 500, 200]);
  });

  it('surfaces an injected ok:false error as the client platform error', async () => {
    emulator.inject('chat.postMessage', { error: 'not_in_channel' });
    const failure = await platformError(client.chat.postMessage({ channel: 'C0GENERAL1', text: 'hi' }));
    expect(failure).toEqual({ code: ErrorCode.PlatformError, error: 'not_in_channel' });
    expect(emulator.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('describes channels as configured: public, private, not found', async () => {
    const general = await client.conversations.info({ channel: 'C0GENERAL1' });
    expect(general.channel).toMatchObject({ id: 'C0GENERAL1', is_private: false, is_member: true });
    const secret = await client.conversations.info({ channel: 'C0PRIVATE1' });
    expect(secret.channel).toMatchObject({ is_private: true, is_member: false });
    expect(await platformError(client.conversations.info({ channel: 'C0GONE0001' }))).toMatchObject({
      error: 'channel_not_found',
    });
    expect(await platformError(client.chat.postMessage({ channel: 'C0PRIVATE1', text: 'hi' }))).toMatchObject({
      error: 'not_in_channel',
    });
  });

  it('answers ephemeral posts with message_ts like Slack', async () => {
    const result = await client.chat.postEphemeral({ channel: 'C0GENERAL1', user: 'U0FAKEUSR1', text: 'only you' });
    expect(result).toMatchObject({ ok: true, message_ts: expect.stringMatching(/^\d+\.\d+$/) });
  });

  it('refuses a missing or wrong-kind token', async () => {
    const appTokenClient = new WebClient('xapp-1-fake', {
      slackApiUrl: emulator.url,
      retryConfig: FAST_RETRIES,
      logLevel: LogLevel.ERROR,
    });
    expect(await platformError(appTokenClient.chat.postMessage({ channel: 'C1', text: 'x' }))).toMatchObject({
      error: 'not_allowed_token_type',
    });
    const anonymous = new WebClient(undefined, {
      slackApiUrl: emulator.url,
      retryConfig: FAST_RETRIES,
      logLevel: LogLevel.ERROR,
    });
    expect(await platformError(anonymous.auth.test())).toMatchObject({ error: 'not_authed' });
  });

  it('records unknown methods and answers unknown_method', async () => {
    expect(await platformError(client.apiCall('breaches.list', { limit: 1 }))).toMatchObject({
      error: 'unknown_method',
    });
    expect(emulator.callsTo('breaches.list')[0]?.args).toEqual({ limit: '1' });
  });

  it('waits for a call that has not happened yet', async () => {
    const waiting = emulator.waitForCall('chat.postMessage', (call) => call.args.channel === 'C0LATER001');
    await client.chat.postMessage({ channel: 'C0OTHER001', text: 'first' });
    await client.chat.postMessage({ channel: 'C0LATER001', text: 'second' });
    expect((await waiting).args.text).toBe('second');
    await expect(emulator.waitForCall('views.open', undefined, 50)).rejects.toThrow(/no matching views.open call/);
  });

  it('records what the app posts to a response_url, and can fail it', async () => {
    const url = emulator.responseUrl('cmd-1');
    const post = (body: unknown) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

    expect((await post({ text: 'Working on it', response_type: 'ephemeral' })).status).toBe(200);
    expect((await emulator.waitForResponseUrlPost('cmd-1')).body).toEqual({
      text: 'Working on it',
      response_type: 'ephemeral',
    });

    emulator.inject(RESPONSE_URL, { error: 'expired_url' });
    expect((await post({ text: 'late' })).status).toBe(404);
    expect(emulator.responseUrlPosts.map((p) => p.fault)).toEqual([undefined, { error: 'expired_url' }]);
  });
});
