import type { App, Logger } from '@slack/bolt';
import { LogLevel } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BreachService, createBreachService } from '../../src/answer/breach-service.js';
import { DEFAULT_IDS } from '../../src/playground/emulator/ids.js';
import { slashCommandPayload } from '../../src/playground/emulator/payloads.js';
import { postToApp, slashCommandBody } from '../../src/playground/emulator/sign-request.js';
import type { SlackEmulator, SlackEmulatorWithSocketMode } from '../../src/playground/emulator/web-api-server.js';
import { createApp } from '../../src/slack/app.js';
import type { HealthSources } from '../../src/slack/health.js';
import { postCheckedToApp, startCheckedEmulator } from '../support/checked-emulator.js';
import { startHttpApp } from '../support/http-app.js';
import { answerContextFor, firstCardsDataDir } from '../support/repo-dataset.js';

const SECRET = '8f742231b10e8888abcd99aaaaaa85a5';
const BOT_TOKEN = 'xoxb-4242-health-secret';
/** The text that makes the test's service throw, as a bug in a listener would. */
const BOOM = 'make the service throw';

function keepingLogger(lines: string[]): Logger {
  const keep = (...messages: unknown[]) => {
    lines.push(messages.map((message) => (typeof message === 'string' ? message : String(message))).join(' '));
  };
  return {
    debug: () => {},
    info: keep,
    warn: keep,
    error: keep,
    setLevel: () => {},
    getLevel: () => LogLevel.INFO,
    setName: () => {},
  };
}

/** Catches what would have stopped `npm start`: a rejection nothing handled. */
function watchUnhandled(): { reasons: unknown[]; stop(): void } {
  const reasons: unknown[] = [];
  const onRejection = (reason: unknown) => reasons.push(reason);
  process.on('unhandledRejection', onRejection);
  return { reasons, stop: () => process.off('unhandledRejection', onRejection) };
}

let service: BreachService;
let emulator: SlackEmulator;
let app: App;
let url: string;
let health: string;
let storeUp = true;
const lines: string[] = [];

beforeAll(async () => {
  const { dataset, index } = await answerContextFor(await firstCardsDataDir());
  const real = createBreachService(dataset, index);
  service = {
    ...real,
    answer: (text) => {
      if (text === BOOM) throw new Error('the search index is broken');
      return real.answer(text);
    },
  };
  const sources: HealthSources = {
    storeKind: 'sqlite',
    checkStore: async () => {
      if (!storeUp) throw new Error(`the store is down (token ${BOT_TOKEN})`);
    },
    incidents: () => real.index.size,
  };
  emulator = await startCheckedEmulator();
  ({ app, url } = await startHttpApp(service, {
    slackApiUrl: emulator.url,
    signingSecret: SECRET,
    botToken: BOT_TOKEN,
    logLevel: 'info',
    logger: keepingLogger(lines),
    health: sources,
  }));
  health = url.replace('/slack/events', '/health');
});

afterAll(async () => {
  await app.stop();
  await emulator.close();
});

describe('requests Slack never sends, over HTTP', () => {
  it.each([
    ['a JSON body of null', 'null', 'application/json'],
    ['a form whose payload is null', 'payload=null', 'application/x-www-form-urlencoded'],
    ['a JSON array', '[]', 'application/json'],
    ['a JSON string', '"text"', 'application/json'],
  ])('answers %s, correctly signed, with 400, and keeps answering', async (_what, body, contentType) => {
    const unhandled = watchUnhandled();
    try {
      const response = await postToApp(url, body, { signingSecret: SECRET, contentType, timeoutMs: 2_000 });
      expect(response.status).toBe(400);
      const next = await postCheckedToApp(url, slashCommandBody({ text: 'helthec' }), { signingSecret: SECRET });
      expect(next.status).toBe(200);
      expect(JSON.stringify(next.json)).toContain('HealthEC LLC');
      expect(unhandled.reasons).toEqual([]);
    } finally {
      unhandled.stop();
    }
  });

  it('still refuses an unsigned body it can parse with 401', async () => {
    const response = await postToApp(url, slashCommandBody({ text: 'helthec' }), {
      signingSecret: 'ffffffffffffffffffffffffffffffff',
    });
    expect(response.status).toBe(401);
  });

  it('logs a listener that throws with what was asked and by whom, answers 500 at once, and keeps answering', async () => {
    const started = Date.now();
    const failed = await postToApp(url, slashCommandBody({ text: BOOM }), { signingSecret: SECRET, timeoutMs: 2_000 });
    expect(failed.status).toBe(500);
    expect(Date.now() - started).toBeLessThan(2_000);
    const line = lines.find((l) => l.includes('the search index is broken'));
    expect(line).toContain('/breach');
    expect(line).toContain(`user ${DEFAULT_IDS.userId}`);
    expect(line).toContain(`channel ${DEFAULT_IDS.channelId}`);
    // Logged once, with its context: not again by the receiver.
    expect(lines.filter((l) => l.includes('the search index is broken'))).toHaveLength(1);
    const next = await postCheckedToApp(url, slashCommandBody({ text: 'helthec' }), { signingSecret: SECRET });
    expect(JSON.stringify(next.json)).toContain('HealthEC LLC');
  });
});

describe('GET /health', () => {
  it('says 200 with the store and the dataset when both are ready', async () => {
    const response = await fetch(health);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      ready: true,
      store: { kind: 'sqlite', ready: true },
      dataset: { incidents: 2, ready: true },
    });
  });

  it('says 503 when the store does not answer, and never shows a secret', async () => {
    storeUp = false;
    try {
      const response = await fetch(health);
      expect(response.status).toBe(503);
      const text = await response.text();
      expect(JSON.parse(text)).toMatchObject({ ready: false, store: { ready: false }, dataset: { ready: true } });
      expect(text).not.toContain(BOT_TOKEN);
      expect(text).not.toContain(SECRET);
    } finally {
      storeUp = true;
    }
    expect((await fetch(health)).status).toBe(200);
    expect(lines.join('\n')).not.toContain(BOT_TOKEN);
  });
});

describe('messages Slack never sends, over Socket Mode', () => {
  let socketEmulator: SlackEmulatorWithSocketMode;
  let socketApp: App;

  beforeAll(async () => {
    socketEmulator = await startCheckedEmulator({ socketMode: true });
    socketApp = createApp(
      {
        mode: 'socket',
        botToken: 'xoxb-1-test',
        appToken: 'xapp-1-test',
        dataDir: '',
        logLevel: 'error',
        slackApiUrl: socketEmulator.url,
      },
      service,
      { logger: keepingLogger([]) },
    );
    await socketApp.start();
  });

  afterAll(async () => {
    await socketApp.stop();
    await socketEmulator.close();
  });

  it('ignores an Events API envelope without a payload, and answers the next command', async () => {
    const unhandled = watchUnhandled();
    try {
      for (const payload of [null, {}]) {
        await socketEmulator.socketMode.dispatch({
          type: 'events_api',
          payload: payload as unknown as Record<string, unknown>,
        });
      }
      await socketEmulator.socketMode.dispatch({
        type: 'slash_commands',
        payload: null as unknown as Record<string, unknown>,
      });
      const ack = await socketEmulator.socketMode.send({
        type: 'slash_commands',
        payload: slashCommandPayload({ text: 'arx patient' }),
      });
      expect(JSON.stringify(ack.payload)).toContain('ARx Patient Solutions');
      expect(unhandled.reasons).toEqual([]);
    } finally {
      unhandled.stop();
    }
  });
});
