import { LogLevel, SocketModeClient } from '@slack/socket-mode';
import { afterEach, describe, expect, it } from 'vitest';
import { slashCommandPayload } from '../../../src/playground/emulator/payloads.js';
import type { SlackEmulatorWithSocketMode } from '../../../src/playground/emulator/web-api-server.js';
import { startCheckedEmulator } from '../../support/checked-emulator.js';
import { silentLogger } from '../../support/silent-logger.js';

const APP_TOKEN = 'xapp-1-A0FAKEAPP1-fake';

let emulator: SlackEmulatorWithSocketMode | undefined;
let client: SocketModeClient | undefined;

afterEach(async () => {
  // The client first: closing the server under a live client makes it try to reconnect.
  await client?.disconnect();
  await emulator?.close();
  client = undefined;
  emulator = undefined;
});

function socketClient(slackApiUrl: string, extra: { clientPingTimeout?: number } = {}): SocketModeClient {
  return new SocketModeClient({
    appToken: APP_TOKEN,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl },
    ...extra,
  });
}

describe('fake Socket Mode server', () => {
  it('lets a real SocketModeClient connect through apps.connections.open and acks a slash command', async () => {
    emulator = await startCheckedEmulator({ socketMode: true });
    client = socketClient(emulator.url);
    const received: unknown[] = [];
    client.on('slash_commands', async ({ ack, body }: { ack: (response?: object) => Promise<void>; body: unknown }) => {
      received.push(body);
      await ack({ text: 'Looking that up' });
    });

    const connection = await client.start();

    expect(connection).toMatchObject({ ok: true, url: expect.stringMatching(/^ws:\/\/127\.0\.0\.1:\d+\/link\//) });
    const open = emulator.callsTo('apps.connections.open');
    expect(open).toHaveLength(1);
    expect(open[0]?.headers.authorization).toBe('Bearer xapp-[REDACTED]');

    const payload = slashCommandPayload({ text: 'acme' });
    const ack = await emulator.socketMode.send({ envelope_id: 'env-1', type: 'slash_commands', payload });

    expect(ack).toMatchObject({ envelope_id: 'env-1', payload: { text: 'Looking that up' } });
    expect(received).toEqual([payload]);
    expect(emulator.socketMode.acks.map((a) => a.envelope_id)).toEqual(['env-1']);
  });

  it('refuses a bot token for apps.connections.open like Slack', async () => {
    emulator = await startCheckedEmulator({ socketMode: true });
    const wrong = new SocketModeClient({
      appToken: 'xoxb-not-an-app-token',
      logger: silentLogger,
      autoReconnectEnabled: false,
      clientOptions: { slackApiUrl: emulator.url },
    });
    await expect(wrong.start()).rejects.toMatchObject({ data: { error: 'not_allowed_token_type' } });
  });

  it('reconnects the client when the server sends disconnect', async () => {
    emulator = await startCheckedEmulator({ socketMode: true });
    // Reconnect delay is clientPingTimeout × attempts; keep it short.
    client = socketClient(emulator.url, { clientPingTimeout: 150 });
    // events_api envelopes are emitted under the inner event's type, not 'events_api'.
    client.on('app_home_opened', async ({ ack }: { ack: () => Promise<void> }) => ack());
    await client.start();

    emulator.socketMode.requestReconnect();
    await emulator.waitForCall('apps.connections.open', () => emulator?.callsTo('apps.connections.open').length === 2);
    await emulator.socketMode.waitForConnection();

    const ack = await emulator.socketMode.send({
      type: 'events_api',
      payload: { type: 'event_callback', event: { type: 'app_home_opened', user: 'U1', tab: 'home' } },
    });
    expect(ack.payload).toEqual({});
  });

  it('fails a wait for an ack that never comes', async () => {
    emulator = await startCheckedEmulator({ socketMode: true });
    client = socketClient(emulator.url);
    await client.start();
    // No listener acks events of this type, so the fake must time out rather than hang.
    await expect(
      emulator.socketMode.send({ type: 'interactive', payload: { type: 'block_actions' } }, 100),
    ).rejects.toThrow(/no ack for envelope/);
  });
});
