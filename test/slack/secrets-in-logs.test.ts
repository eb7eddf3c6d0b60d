import { type Logger, LogLevel } from '@slack/bolt';
import { afterAll, describe, expect, it } from 'vitest';
import { createBreachService } from '../../src/answer/breach-service.js';
import { startBot } from '../../src/bot.js';
import { readAppConfig, type SlackConfig } from '../../src/config/app-config.js';
import { configuredSecrets } from '../../src/config/secrets.js';
import { DEFAULT_IDS } from '../../src/playground/emulator/ids.js';
import { eventBody, slashCommandBody } from '../../src/playground/emulator/sign-request.js';
import { redactingLogger } from '../../src/slack/redacting-logger.js';
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

  it('never contain a password in SLACK_API_URL, which Bolt and the Web API client print when a call fails', async () => {
    const lines: string[] = [];
    const password = 'hunter2-api-pw';
    const dataDir = await firstCardsDataDir();
    cleanup.push(() => import('node:fs/promises').then(({ rm }) => rm(dataDir, { recursive: true, force: true })));
    const emulator = await startCheckedEmulator();
    cleanup.push(() => emulator.close());
    const env = {
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      DATABASE_URL: 'sqlite::memory:',
      DATA_DIR: dataDir,
      PORT: '0',
      LOG_LEVEL: 'debug',
    };
    // The settings refuse such a URL; startBot is handed one all the same, as a caller could.
    const config = {
      ...(readAppConfig(env, dataDir) as SlackConfig),
      slackApiUrl: emulator.url.replace('://', `://breachbot:${password}@`),
    };
    const failure = await startBot(config, { cwd: dataDir, logger: capturingLogger(lines) }).then(
      () => 'started',
      (error: Error) => error.message,
    );
    expect(failure).toContain("Cannot reach Slack's Web API");
    expect(failure).not.toContain(password);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toContain(password);
    expect(lines.join('\n')).not.toContain(BOT_TOKEN);
  });

  it('show every URL setting with its password and query taken out, and the rest as it is', () => {
    const secrets = ['pg-pass-9@x', 'hibp-pass-7', 'hibp-key-123', 'wa-token-456', 'hhs-pass-3', 'hhs-sig-789'];
    const env = {
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      DATABASE_URL: `postgres://bob:${encodeURIComponent('pg-pass-9@x')}@db.example:5432/breachbot`,
      HIBP_API_URL: 'https://me:hibp-pass-7@hibp.example/api/v3?key=hibp-key-123',
      WA_AG_URL: 'https://data.example/wa.csv?token=wa-token-456',
      HHS_OCR_URL: 'https://files:hhs-pass-3@files.example/hhs.csv?sig=hhs-sig-789&x=1',
    };
    const config = readAppConfig(env, '/srv');
    const lines: string[] = [];
    const logger = redactingLogger(capturingLogger(lines), configuredSecrets(config));
    for (const value of Object.values(env)) {
      logger.info('setting', value);
      logger.info(`decoded: ${decodeURIComponent(value)}`);
      logger.warn('failed', new Error(`fetch failed for ${value}`));
      logger.error({ url: value, cause: { message: `GET ${value} refused` } });
    }
    const log = lines.join('\n');
    for (const secret of [...secrets, encodeURIComponent('pg-pass-9@x'), BOT_TOKEN, SECRET]) {
      expect(log).not.toContain(secret);
    }
    for (const host of [
      'db.example:5432/breachbot',
      'hibp.example/api/v3',
      'data.example/wa.csv',
      'files.example/hhs.csv',
    ]) {
      expect(log).toContain(host);
    }
    expect(log).toContain('https://me:[redacted]@hibp.example/api/v3?[redacted]');
  });
});
