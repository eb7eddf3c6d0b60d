import type { AddressInfo } from 'node:net';
import { App, LogLevel } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { slashCommandPayload } from '../../support/fake-slack/payloads.js';
import { postToApp, slashCommandBody } from '../../support/fake-slack/sign-request.js';
import type { FakeSlack } from '../../support/fake-slack/web-api-server.js';
import { startFakeSlack } from '../../support/fake-slack/web-api-server.js';

const BOT_TOKEN = 'xoxb-1-fake-bot-token';
const SECRET = 'fake-signing-secret';

let fake: FakeSlack | undefined;
let app: App | undefined;

afterEach(async () => {
  await app?.stop();
  await fake?.close();
  app = undefined;
  fake = undefined;
});

function registerBreach(target: App): void {
  target.command('/breach', async ({ ack, respond, command }) => {
    await ack({ text: `Looking up ${command.text}` });
    await respond({ text: 'Done' });
  });
}

describe('Bolt 5 against the fakes', () => {
  it('HTTP receiver: a signed slash command is acked in the response and respond() reaches the response_url', async () => {
    fake = await startFakeSlack();
    app = new App({
      token: BOT_TOKEN,
      signingSecret: SECRET,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: fake.url },
    });
    registerBreach(app);
    const server = (await app.start(0)) as { address(): AddressInfo | string | null };
    const { port } = server.address() as AddressInfo;
    const url = `http://127.0.0.1:${port}/slack/events`;

    const body = slashCommandBody({ text: 'acme', response_url: fake.responseUrl('r1') });
    const response = await postToApp(url, body, { signingSecret: SECRET });

    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ text: 'Looking up acme' });
    expect((await fake.waitForResponseUrlPost('r1')).body).toEqual({ text: 'Done' });
    // Bolt verifies the bot token with auth.test before handling anything.
    expect(fake.callsTo('auth.test')).toHaveLength(1);

    const forged = await postToApp(url, body, { signingSecret: 'wrong-secret' });
    expect(forged.status).toBe(401);
  });

  it('Socket Mode receiver: App clientOptions.slackApiUrl also points apps.connections.open at the fake', async () => {
    const socketFake = await startFakeSlack({ socketMode: true });
    fake = socketFake;
    app = new App({
      token: BOT_TOKEN,
      appToken: 'xapp-1-fake',
      socketMode: true,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: socketFake.url },
    });
    registerBreach(app);
    await app.start();

    const payload = slashCommandPayload({ text: 'acme', response_url: socketFake.responseUrl('r2') });
    const ack = await socketFake.socketMode.send({ type: 'slash_commands', payload });

    expect(ack.payload).toEqual({ text: 'Looking up acme' });
    expect((await socketFake.waitForResponseUrlPost('r2')).body).toEqual({ text: 'Done' });
  });
});
