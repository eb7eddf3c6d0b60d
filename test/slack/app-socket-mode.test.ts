import type { App } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBreachService } from '../../src/answer/breach-service.js';
import { createApp } from '../../src/slack/app.js';
import { checkMessageLimits, type SlackSurface } from '../../src/views/blocks/limits.js';
import {
  eventCallbackPayload,
  FAKE_IDS,
  type FakeSlackWithSocketMode,
  slashCommandPayload,
  startFakeSlack,
} from '../support/fake-slack/index.js';
import { answerContextFor, firstCardsDataDir } from '../support/repo-dataset.js';

let fake: FakeSlackWithSocketMode;
let app: App;

beforeAll(async () => {
  const { dataset, index } = await answerContextFor(await firstCardsDataDir());
  fake = await startFakeSlack({ socketMode: true });
  app = createApp(
    {
      mode: 'socket',
      botToken: 'xoxb-1-test',
      appToken: 'xapp-1-test',
      dataDir: '',
      logLevel: 'error',
      slackApiUrl: fake.url,
    },
    createBreachService(dataset, index),
  );
  await app.start();
});

afterAll(async () => {
  // Stop the app first: a client whose server vanished would try to reconnect.
  await app.stop();
  await fake.close();
});

describe('the Slack app in Socket Mode', () => {
  it('acks a /breach envelope with the card as its payload', async () => {
    const ack = await fake.socketMode.send({
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
        user: FAKE_IDS.userId,
        text: `<@${FAKE_IDS.botUserId}> helthec`,
        ts: '1700000300.000400',
        channel: FAKE_IDS.channelId,
      },
    });
    await fake.socketMode.send({ type: 'events_api', payload });
    const call = await fake.waitForCall('chat.postMessage', (c) => c.args.thread_ts === '1700000300.000400');
    expect(JSON.stringify(call.args.blocks)).toContain('HealthEC LLC');
    await fake.socketMode.send({ type: 'events_api', payload });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fake.callsTo('chat.postMessage').filter((c) => c.args.thread_ts === '1700000300.000400')).toHaveLength(1);
  });
});
