import { type App, type Logger, LogLevel } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BreachService, createBreachService } from '../../src/answer/breach-service.js';
import { DEFAULT_IDS } from '../../src/playground/emulator/ids.js';
import { blockActionsPayload, globalShortcutPayload } from '../../src/playground/emulator/payloads.js';
import { eventBody, interactionBody } from '../../src/playground/emulator/sign-request.js';
import type { SlackEmulator } from '../../src/playground/emulator/web-api-server.js';
import { webClientOptions } from '../../src/slack/app.js';
import { slackDigestPoster } from '../../src/slack/digest-poster.js';
import { ACTION_SHARE, SHORTCUT_SHARE } from '../../src/views/blocks/ids.js';
import { postCheckedToApp, startCheckedEmulator } from '../support/checked-emulator.js';
import { startHttpApp } from '../support/http-app.js';
import { answerContextFor, firstCardsDataDir } from '../support/repo-dataset.js';

const SECRET = '8f742231b10e8888abcd99aaaaaa85a5';
/** Slack's smallest Retry-After: a client that waits it out holds every queued call for a whole second. */
const RETRY_AFTER_S = 1;
/** Far below the Retry-After, far above what the emulator takes to answer. */
const PROMPT_MS = 500;

let service: BreachService;
let emulator: SlackEmulator;
let app: App;
let url: string;
const lines: string[] = [];

const recording: Logger = {
  debug: () => {},
  info: (...args) => lines.push(`[INFO] ${args.map((a) => JSON.stringify(a)).join(' ')}`),
  warn: (...args) => lines.push(`[WARN] ${args.map((a) => JSON.stringify(a)).join(' ')}`),
  error: (...args) => lines.push(`[ERROR] ${args.map((a) => JSON.stringify(a)).join(' ')}`),
  setLevel: () => {},
  getLevel: () => LogLevel.DEBUG,
  setName: () => {},
};

beforeAll(async () => {
  const { dataset, index } = await answerContextFor(await firstCardsDataDir());
  service = createBreachService(dataset, index);
  emulator = await startCheckedEmulator();
  ({ app, url } = await startHttpApp(service, { slackApiUrl: emulator.url, signingSecret: SECRET, logger: recording }));
});

afterAll(async () => {
  await app.stop();
  await emulator.close();
});

const post = (body: string) => postCheckedToApp(url, body, { signingSecret: SECRET });

describe('a 429 on chat.postMessage', () => {
  it('holds neither the Home tab nor the share modal, and the person hears at once that Slack is busy', async () => {
    emulator.inject('chat.postMessage', { status: 429, retryAfter: RETRY_AFTER_S });
    const responseUrl = emulator.responseUrl('share-ratelimited');
    await post(
      interactionBody(
        blockActionsPayload({
          action_id: ACTION_SHARE,
          value: 'arx-patient-solutions-2022',
          channel_id: 'C0RATELIM2',
          response_url: responseUrl,
        }),
      ),
    );
    const limited = await emulator.waitForCall('chat.postMessage', (c) => c.args.channel === 'C0RATELIM2');
    expect(limited.status).toBe(429);

    await post(
      eventBody({
        event: { type: 'app_home_opened', user: 'U0RATEHOME', tab: 'home', channel: 'D0HOME0001' },
        event_id: 'Ev0RATEHOME1',
      }),
    );
    await post(interactionBody(globalShortcutPayload({ callback_id: SHORTCUT_SHARE, trigger_id: '1.rate-limited' })));
    const published = await emulator.waitForCall('views.publish', (c) => c.args.user_id === 'U0RATEHOME');
    const opened = await emulator.waitForCall('views.open', (c) => c.args.trigger_id === '1.rate-limited');
    expect(published.at - limited.at).toBeLessThan(PROMPT_MS);
    expect(opened.at - limited.at).toBeLessThan(PROMPT_MS);

    // The share itself is not retried behind the person's back: they are told, and may share again.
    const reply = await emulator.waitForResponseUrlPost('share-ratelimited');
    expect(reply.at - limited.at).toBeLessThan(PROMPT_MS);
    expect(reply.body).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/Slack is busy/) });
    expect(emulator.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C0RATELIM2')).toHaveLength(1);
    expect(lines.join('\n')).toMatch(/rate-limited by Slack for 1 s, not waited for/);
  });

  it("holds no listener's call when the digest is the one rate-limited, and the digest waits its 429 out", async () => {
    const digestClient = new WebClient('xoxb-1-test', webClientOptions({ slackApiUrl: emulator.url }));
    const poster = slackDigestPoster(digestClient);
    emulator.inject('chat.postMessage', { status: 429, retryAfter: RETRY_AFTER_S });
    const delivered = poster.post('C0DIGEST01', { text: 'digest', blocks: [] }, { key: '2026-W10' });
    const limited = await emulator.waitForCall('chat.postMessage', (c) => c.args.channel === 'C0DIGEST01');
    expect(limited.status).toBe(429);

    await post(
      eventBody({
        event: { type: 'app_home_opened', user: 'U0RATEHOM2', tab: 'home', channel: 'D0HOME0002' },
        event_id: 'Ev0RATEHOME2',
      }),
    );
    const published = await emulator.waitForCall('views.publish', (c) => c.args.user_id === 'U0RATEHOM2');
    expect(published.at - limited.at).toBeLessThan(PROMPT_MS);

    expect(await delivered).toMatch(/\d/);
    const attempts = emulator.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C0DIGEST01');
    expect(attempts.map((c) => c.status)).toEqual([429, 200]);
    expect((attempts[1]?.at ?? 0) - limited.at).toBeGreaterThanOrEqual(RETRY_AFTER_S * 1000 - 50);
    expect(emulator.callsTo('chat.postMessage').some((c) => c.args.channel === DEFAULT_IDS.userId)).toBe(false);
  });
});
