import type { AddressInfo } from 'node:net';
import { App, LogLevel } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { slashCommandPayload } from '../../../src/playground/emulator/payloads.js';
import { slashCommandBody } from '../../../src/playground/emulator/sign-request.js';
import type { SlackEmulator } from '../../../src/playground/emulator/web-api-server.js';
import { postCheckedToApp, startCheckedEmulator } from '../../support/checked-emulator.js';

const BOT_TOKEN = 'xoxb-1-fake-bot-token';
const SECRET = 'fake-signing-secret';

let emulator: SlackEmulator | undefined;
let app: App | undefined;

afterEach(async () => {
  await app?.stop();
  await emulator?.close();
  app = undefined;
  emulator = undefined;
});

function registerBreach(target: App): void {
  target.command('/breach', async ({ ack, respond, command }) => {
    await ack({ text: `Looking up ${command.text}` });
    await respond({ text: 'Done' });
  });
}

describe('Bolt 5 against the fakes', () => {
  it('HTTP receiver: a signed slash command is acked in the response and respond() reaches the response_url', async () => {
    emulator = await startCheckedEmulator();
    app = new App({
      token: BOT_TOKEN,
      signingSecret: SECRET,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: emulator.url },
    });
    registerBreach(app);
    const server = (await app.start(0)) as { address(): AddressInfo | string | null };
    const { port } = server.address() as AddressInfo;
    const url = `http://127.0.0.1:${port}/slack/events`;

    const body = slashCommandBody({ text: 'acme', response_url: emulator.responseUrl('r1') });
    const response = await postCheckedToApp(url, body, { signingSecret: SECRET });

    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ text: 'Looking up acme' });
    expect((await emulator.waitForResponseUrlPost('r1')).body).toEqual({ text: 'Done' });
    // Bolt verifies the bot token with auth.test before handling anything.
    expect(emulator.callsTo('auth.test')).toHaveLength(1);

    const forged = await postCheckedToApp(url, body, { signingSecret: 'wrong-secret' });
    expect(forged.status).toBe(401);
  });

  it('Socket Mode receiver: App clientOptions.slackApiUrl also points apps.connections.open at the emulator', async () => {
    const socketEmulator = await startCheckedEmulator({ socketMode: true });
    emulator = socketEmulator;
    app = new App({
      token: BOT_TOKEN,
      appToken: 'xapp-1-fake',
      socketMode: true,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: socketEmulator.url },
    });
    registerBreach(app);
    await app.start();

    const payload = slashCommandPayload({ text: 'acme', response_url: socketEmulator.responseUrl('r2') });
    const ack = await socketEmulator.socketMode.send({ type: 'slash_commands', payload });

    expect(ack.payload).toEqual({ text: 'Looking up acme' });
    expect((await socketEmulator.waitForResponseUrlPost('r2')).body).toEqual({ text: 'Done' });
  });
});
