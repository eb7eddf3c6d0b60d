import { type Logger, LogLevel } from '@slack/bolt';
import { afterAll, describe, expect, it } from 'vitest';
import { createBreachService } from '../../src/answer/breach-service.js';
import { DEFAULT_IDS } from '../../src/playground/emulator/ids.js';
import { eventBody, slashCommandBody } from '../../src/playground/emulator/sign-request.js';
import { postCheckedToApp, startCheckedEmulator } from '../support/checked-emulator.js';
import { startHttpApp } from '../support/http-app.js';
import { answerContextFor, firstCardsDataDir } from '../support/repo-dataset.js';

const BOT_TOKEN = 'xoxb-9999-secret-bot-token';
const SECRET = '0123456789abcdef0123456789abcdef';

/** A Bolt logger that keeps every line, at debug level, so nothing escapes the check. */
function capturingLogger(lines: string[]): Logger {
  const keep = (...messages: unknown[]) => {
    lines.push(messages.map((message) => (typeof message === 'string' ? message : JSON.stringify(message))).join(' '));
  };
  let level = LogLevel.DEBUG;
  return {
    debug: keep,
    info: keep,
    warn: keep,
    error: keep,
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

describe('logs', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step();
  });

  it('never contain the bot token or the signing secret, even at debug level', async () => {
    const lines: string[] = [];
    const { dataset, index } = await answerContextFor(await firstCardsDataDir());
    const emulator = await startCheckedEmulator();
    cleanup.push(() => emulator.close());
    const { app, url } = await startHttpApp(createBreachService(dataset, index), {
      slackApiUrl: emulator.url,
      signingSecret: SECRET,
      botToken: BOT_TOKEN,
      logLevel: 'debug',
      logger: capturingLogger(lines),
    });
    cleanup.push(async () => {
      await app.stop();
    });
    await postCheckedToApp(url, slashCommandBody({ text: 'helthec' }), { signingSecret: SECRET });
    await postCheckedToApp(url, slashCommandBody({ text: 'helthec' }), {
      signingSecret: 'ffffffffffffffffffffffffffffffff',
    });
    const event = {
      type: 'app_mention',
      user: DEFAULT_IDS.userId,
      text: 'arx',
      ts: '1700000400.000500',
      channel: DEFAULT_IDS.channelId,
    };
    await postCheckedToApp(url, eventBody({ event, event_id: 'Ev0LOGS0001' }), { signingSecret: SECRET });
    await emulator.waitForCall('chat.postMessage');
    expect(lines.length).toBeGreaterThan(0);
    const log = lines.join('\n');
    expect(log).not.toContain(BOT_TOKEN);
    expect(log).not.toContain(SECRET);
  });
});
