import type { App } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBreachService } from '../../src/answer/breach-service.js';
import { DEFAULT_IDS } from '../../src/playground/emulator/ids.js';
import { eventCallbackPayload, slashCommandPayload } from '../../src/playground/emulator/payloads.js';
import type { SlackEmulatorWithSocketMode } from '../../src/playground/emulator/web-api-server.js';
import { createApp } from '../../src/slack/app.js';
import { checkMessageLimits, type SlackSurface } from '../../src/views/blocks/limits.js';
import { startCheckedEmulator } from '../support/checked-emulator.js';
import { answerContextFor, firstCardsDataDir } from '../support/repo-dataset.js';

let emulator: SlackEmulatorWithSocketMode;
let app: App;

beforeAll(async () => {
  const { dataset, index } = await answerContextFor(await firstCardsDataDir());
  emulator = await startCheckedEmulator({ socketMode: true });
  app = createApp(
    {
      mode: 'socket',
      botToken: 'xoxb-1-test',
      appToken: 'xapp-1-test',
      dataDir: '',
      logLevel: 'error',
      slackApiUrl: emulator.url,
    },
    createBreachService(dataset, index),
  );
  await app.start();
});

afterAll(async () => {
  // Stop the app first: a client whose server vanished would try to reconnect.
  await app.stop();
  await emulator.close();
});

describe('the Slack app in Socket Mode', () => {
  it('acks a /breach envelope with the card as its payload', async () => {
    const ack = await emulator.socketMode.send({
      type: 'slash_commands',
      payload: slashCommandPayload({ text: 'arx patient' }),
    });
    expect(ack.payload).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(ack.payload)).toContain('ARx Patient Solutions');
    expect(checkMessageLimits(ack.payload as SlackSurface)).toEqual([]);
  });

  it('answers a mention once even when the envelope is redelivered after a reconnect', async () => {
    const payload = eventCallbackPayload({
      event_id: 'Ev0SOCKET01',
      event: {
        type: 'app_mention',
        user: DEFAULT_IDS.userId,
        text: `<@${DEFAULT_IDS.botUserId}> helthec`,
        ts: '1700000300.000400',
        channel: DEFAULT_IDS.channelId,
      },
    });
    await emulator.socketMode.send({ type: 'events_api', payload });
    const call = await emulator.waitForCall('chat.postMessage', (c) => c.args.thread_ts === '1700000300.000400');
    expect(JSON.stringify(call.args.blocks)).toContain('HealthEC LLC');
    await emulator.socketMode.send({ type: 'events_api', payload });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(emulator.callsTo('chat.postMessage').filter((c) => c.args.thread_ts === '1700000300.000400')).toHaveLength(
      1,
    );
  });
});
