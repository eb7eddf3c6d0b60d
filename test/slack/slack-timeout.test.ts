import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBreachService } from '../../src/answer/breach-service.js';
import { startBot } from '../../src/bot.js';
import { readAppConfig, type SlackConfig } from '../../src/config/app-config.js';
import { createApp } from '../../src/slack/app.js';
import { answerContextFor, firstCardsDataDir } from '../support/repo-dataset.js';
import { silentLogger } from '../support/silent-logger.js';

/** Short, so that four tries with backoff take about two seconds, not forty. */
const TIMEOUT_MS = 100;
/** What a call that never gives up would blow through. */
const BOUND_MS = 8_000;

/** Accepts every connection and every request, and never answers. */
let silent: Server;
let silentUrl: string;

beforeAll(async () => {
  silent = createServer(() => undefined);
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/api/`;
});

afterAll(async () => {
  silent.closeAllConnections();
  await new Promise((resolve) => silent.close(resolve));
});

/** Settles with the promise, or with 'still waiting' when it takes longer than BOUND_MS. */
function within<T>(promise: Promise<T>): Promise<T | 'still waiting'> {
  return Promise.race([promise, new Promise<'still waiting'>((r) => setTimeout(() => r('still waiting'), BOUND_MS))]);
}

describe('a Slack API that accepts the connection and never answers', () => {
  it('stops the start with one line that says Slack did not answer', async () => {
    const dataDir = await firstCardsDataDir();
    const config = readAppConfig(
      {
        SLACK_BOT_TOKEN: 'xoxb-1-test',
        SLACK_SIGNING_SECRET: '8f742231b10e8888abcd99aaaaaa85a5',
        SLACK_API_URL: silentUrl,
        DATABASE_URL: 'sqlite::memory:',
        DATA_DIR: dataDir,
        PORT: '0',
      },
      dataDir,
    ) as SlackConfig;
    const outcome = await within(
      startBot(config, { cwd: dataDir, logger: silentLogger, slackTimeoutMs: TIMEOUT_MS }).then(
        async (bot) => {
          await bot.close();
          return 'started';
        },
        (error: Error) => error.message,
      ),
    );
    expect(outcome).toMatch(/^Slack's Web API did not answer: no reply to auth\.test within 0\.1 s/);
    expect(String(outcome).split('\n')).toHaveLength(1);
  });

  it("gives up on a call of Bolt's own client instead of waiting forever", async () => {
    const { dataset, index } = await answerContextFor(await firstCardsDataDir());
    const app = createApp(
      {
        mode: 'http',
        botToken: 'xoxb-1-test',
        signingSecret: '8f742231b10e8888abcd99aaaaaa85a5',
        port: 0,
        dataDir: '',
        logLevel: 'error',
        slackApiUrl: silentUrl,
      },
      createBreachService(dataset, index),
      // As startBot does: with an identity given, Bolt asks Slack nothing of its own accord.
      { logger: silentLogger, slackTimeoutMs: TIMEOUT_MS, identity: { botId: 'B0BOT00001', botUserId: 'U0BOT00001' } },
    );
    const outcome = await within(
      app.client.chat.postMessage({ channel: 'C0GENERAL1', text: 'hello' }).then(
        () => 'answered',
        (error: Error) => error.message,
      ),
    );
    expect(outcome).toMatch(/timeout|aborted/i);
  });
});
