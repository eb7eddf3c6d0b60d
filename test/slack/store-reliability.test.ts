import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { App, Logger } from '@slack/bolt';
import { LogLevel } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerContext } from '../../src/answer/answer-query.js';
import { createBreachService } from '../../src/answer/breach-service.js';
import { type RunningBot, startBot } from '../../src/bot.js';
import { readAppConfig, type SlackConfig } from '../../src/config/app-config.js';
import { DEFAULT_IDS } from '../../src/playground/emulator/ids.js';
import { blockActionsPayload } from '../../src/playground/emulator/payloads.js';
import { eventBody, interactionBody, postToApp, slashCommandBody } from '../../src/playground/emulator/sign-request.js';
import type { SlackEmulator } from '../../src/playground/emulator/web-api-server.js';
import { createDigestServices } from '../../src/services/digest-commands.js';
import { EventDeduper } from '../../src/slack/event-deduper.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { ACTION_SHARE } from '../../src/views/blocks/ids.js';
import { startCheckedEmulator } from '../support/checked-emulator.js';
import { FakeClock } from '../support/fake-clock.js';
import { startHttpApp } from '../support/http-app.js';
import { mondayDigestRunner } from '../support/monday-runner.js';
import { REPO_ROOT } from '../support/paths.js';
import { firstCardsAnswerContext, firstCardsDataDir } from '../support/repo-dataset.js';

const SECRET = '8f742231b10e8888abcd99aaaaaa85a5';
const SECURITY = 'C0SECURITY1';
const NOW = Date.parse('2026-12-09T10:00:00Z');
/** What Slack allows before it tells the person the app did not answer. */
const SLACK_ACK_MS = 3_000;

const root = mkdtempSync(path.join(os.tmpdir(), 'breachbot-reliability-'));
let files = 0;
const freshFile = () => path.join(root, `db-${++files}`, 'breachbot.db');

let context: AnswerContext;
let emulator: SlackEmulator;
const apps: App[] = [];
const stores: Store[] = [];
const children: ChildProcess[] = [];
let replies = 0;

function keepingLogger(errors: string[]): Logger {
  return {
    debug: () => {},
    info: () => {},
    warn: () => {},
    error: (...messages: unknown[]) => errors.push(messages.map(String).join(' ')),
    setLevel: () => {},
    getLevel: () => LogLevel.ERROR,
    setName: () => {},
  };
}

/** The app as `npm start` builds it over a SQLite file: de-duplication in the store. */
async function startApp(file: string, options: { busyWaitMs?: number } = {}) {
  const errors: string[] = [];
  const logger = keepingLogger(errors);
  const store = await openSqliteStore(file, { ...options, logger });
  stores.push(store);
  const clock = new FakeClock(NOW);
  const runner = mondayDigestRunner({ ...context.dataset, store, clock });
  const service = createBreachService(context.dataset, context.index);
  const { app, url } = await startHttpApp(service, {
    slackApiUrl: emulator.url,
    signingSecret: SECRET,
    logger,
    digest: createDigestServices({ store, runner, clock, adminUserIds: undefined }),
    deduper: new EventDeduper({ store, now: () => clock.now() }),
    health: { storeKind: 'sqlite', checkStore: () => store.subscription(''), incidents: () => service.index.size },
  });
  apps.push(app);
  /** Posts `/breach <text>`; resolves with the ack's time and, via `reply`, the answer sent to response_url. */
  const command = async (text: string) => {
    const id = `reliability-${++replies}`;
    const body = slashCommandBody({ text, channel_id: SECURITY, response_url: emulator.responseUrl(id) });
    const started = performance.now();
    const ack = await postToApp(url, body, { signingSecret: SECRET });
    const ackMs = performance.now() - started;
    expect(ack.status).toBe(200);
    return { ackMs, ack, body, reply: () => emulator.waitForResponseUrlPost(id, 15_000) };
  };
  return { store, url, command, errors, health: url.replace('/slack/events', '/health') };
}

/** Another process (a cron `breachbot digest run`, a `sync`) holding the file's write lock for `holdMs`. */
async function holdWriteLock(file: string, holdMs: number): Promise<{ released: Promise<void> }> {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(process.argv[1]);
    db.exec('BEGIN IMMEDIATE');
    db.prepare("INSERT INTO locks (key, owner, expires_at) VALUES ('cron', 'other-process', 0)").run();
    process.stdout.write('locked\\n');
    setTimeout(() => { db.exec('ROLLBACK'); db.close(); process.stdout.write('released\\n'); }, Number(process.argv[2]));
  `;
  const child = spawn(process.execPath, ['-e', script, file, String(holdMs)], { cwd: REPO_ROOT });
  children.push(child);
  let output = '';
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const saw = (word: string) =>
    new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk) => {
        output += chunk;
        if (output.includes(word)) resolve();
      });
      child.once('close', (code) => {
        if (!output.includes(word)) reject(new Error(`the lock holder exited (${code}): ${stderr}`));
      });
    });
  const released = saw('released');
  await saw('locked');
  return { released };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  context = await firstCardsAnswerContext();
  emulator = await startCheckedEmulator({
    channels: { [SECURITY]: { visibility: 'public', isMember: true } },
  });
});

afterAll(async () => {
  for (const child of children) child.kill();
  for (const app of apps) await app.stop();
  for (const store of stores) await store.close();
  await emulator.close();
  await rm(root, { recursive: true, force: true });
});

describe('another process holding the SQLite write lock', () => {
  it('keeps /breach answers within Slack’s 3 s while a write waits off the request path', async () => {
    const file = freshFile();
    const { store, command } = await startApp(file);
    const { released } = await holdWriteLock(file, 4_000);
    const watch = await command('watch add Acme Insurance');
    await sleep(100);
    const questions = await Promise.all(Array.from({ length: 3 }, () => command('was HealthEC hacked?')));
    for (const question of questions) {
      expect(question.ackMs).toBeLessThan(SLACK_ACK_MS);
      expect(JSON.stringify(question.ack.json)).toContain('HealthEC');
    }
    expect(watch.ackMs).toBeLessThan(SLACK_ACK_MS);
    await released;
    // The write waited for the lock, without blocking, and then went through.
    expect(JSON.stringify((await watch.reply()).body)).toContain('Acme Insurance');
    expect((await store.watchlist()).map((vendor) => vendor.name)).toEqual(['Acme Insurance']);
  }, 20_000);

  it('gives up on a write locked past the wait with a reply that claims nothing', async () => {
    const file = freshFile();
    const { store, command } = await startApp(file, { busyWaitMs: 1_000 });
    const { released } = await holdWriteLock(file, 3_000);
    const on = await command('digest on');
    const question = await command('was HealthEC hacked?');
    expect(question.ackMs).toBeLessThan(SLACK_ACK_MS);
    const reply = JSON.stringify((await on.reply()).body);
    expect(reply).not.toContain('Done');
    expect(reply).toContain('try again');
    await released;
    expect(await store.subscription(SECURITY)).toBeUndefined();
  }, 20_000);
});

describe('the SQLite file deleted while the bot runs', () => {
  it('claims nothing it did not store, logs one error, and /health says the store is not ready', async () => {
    const file = freshFile();
    const { command, errors, health } = await startApp(file);
    expect((await fetch(health)).status).toBe(200);
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });

    const on = JSON.stringify((await (await command('digest on')).reply()).body);
    expect(on).not.toContain('Done');
    const watch = JSON.stringify((await (await command('watch add Acme Insurance')).reply()).body);
    expect(watch).not.toMatch(/added|Done/i);
    // The store's own line, once; each failed command's line may quote it.
    expect(errors.filter((line) => line.startsWith(`The SQLite database ${file} was deleted`))).toHaveLength(1);
    expect((await fetch(health)).status).toBe(503);
  });
});

describe('replays, retries and double clicks', () => {
  const shareBody = (overrides: Record<string, unknown> = {}) =>
    interactionBody(
      blockActionsPayload({
        action_id: ACTION_SHARE,
        value: 'healthec-2023',
        channel_id: SECURITY,
        message_ts: '1700000000.000900',
        ...overrides,
      }),
    );
  const sharedCards = () =>
    emulator
      .callsTo('chat.postMessage')
      .filter((call) => call.args.channel === SECURITY && JSON.stringify(call.args).includes('Shared by'));

  it('posts one public card for a signed share request sent three times', async () => {
    const { url } = await startApp(freshFile());
    const before = sharedCards().length;
    const body = shareBody({ message_ts: '1700000000.000901' });
    const timestamp = Math.floor(Date.now() / 1000);
    for (let n = 0; n < 3; n += 1) {
      expect((await postToApp(url, body, { signingSecret: SECRET, timestamp })).status).toBe(200);
    }
    await sleep(500);
    expect(sharedCards().length - before).toBe(1);
  });

  it('posts one card for a double click on Share', async () => {
    const { url } = await startApp(freshFile());
    const before = sharedCards().length;
    const click = () => postToApp(url, shareBody({ message_ts: '1700000000.000902' }), { signingSecret: SECRET });
    await Promise.all([click(), click()]);
    await sleep(500);
    expect(sharedCards().length - before).toBe(1);
  });

  it('does not turn the digest back on when `digest on` is replayed after `off`, even on another instance', async () => {
    const file = freshFile();
    const one = await startApp(file);
    const on = await one.command('digest on');
    expect(JSON.stringify((await on.reply()).body)).toContain('Done');
    await (await one.command('digest off')).reply();
    expect(await one.store.subscription(SECURITY)).toBeUndefined();
    const two = await startApp(file);
    for (const target of [one.url, two.url]) {
      expect((await postToApp(target, on.body, { signingSecret: SECRET })).status).toBe(200);
    }
    await sleep(500);
    expect(await one.store.subscription(SECURITY)).toBeUndefined();
  });

  it('answers a retried event once, though the retry reaches another instance or the bot restarted', async () => {
    const dataDir = await firstCardsDataDir();
    const env = {
      SLACK_BOT_TOKEN: 'xoxb-1-test',
      SLACK_SIGNING_SECRET: SECRET,
      DATABASE_URL: `sqlite:${freshFile()}`,
      DATA_DIR: dataDir,
      PORT: '0',
      LOG_LEVEL: 'error',
    };
    const config = { ...(readAppConfig(env, dataDir) as SlackConfig), slackApiUrl: emulator.url };
    const start = () => startBot(config, { cwd: dataDir, answerContext: context, logger: keepingLogger([]) });
    const threadTs = '1700000000.000555';
    const event = {
      type: 'app_mention',
      user: DEFAULT_IDS.userId,
      text: `<@${DEFAULT_IDS.botUserId}> was HealthEC hacked?`,
      ts: '1700000100.000555',
      thread_ts: threadTs,
      channel: SECURITY,
    };
    const body = eventBody({ event, event_id: 'Ev0RELIABLE1' });
    const retry = { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' };
    const deliver = async (bot: RunningBot, headers: Record<string, string> = {}) =>
      (await postToApp(`http://127.0.0.1:${bot.port}/slack/events`, body, { signingSecret: SECRET, headers })).status;
    const answers = () => emulator.callsTo('chat.postMessage').filter((call) => call.args.thread_ts === threadTs);

    const first = await start();
    const other = await start();
    try {
      expect(await deliver(first)).toBe(200);
      await emulator.waitForCall('chat.postMessage', (call) => call.args.thread_ts === threadTs);
      expect(await deliver(other, retry)).toBe(200);
      await sleep(500);
      expect(answers()).toHaveLength(1);
    } finally {
      await first.close();
      await other.close();
    }
    const restarted = await start();
    try {
      expect(await deliver(restarted, retry)).toBe(200);
      await sleep(500);
    } finally {
      await restarted.close();
    }
    expect(answers()).toHaveLength(1);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses requests signed more than 5 minutes in the future, like stale ones', async () => {
    const { url } = await startApp(freshFile());
    const now = Math.floor(Date.now() / 1000);
    const body = slashCommandBody({ text: 'was HealthEC hacked?', channel_id: SECURITY });
    const statusAt = async (timestamp: number) =>
      (await postToApp(url, body, { signingSecret: SECRET, timestamp })).status;
    expect(await statusAt(now - 6 * 60)).toBe(401);
    expect(await statusAt(now + 6 * 60)).toBe(401);
    expect(await statusAt(now + 365 * 24 * 60 * 60)).toBe(401);
    expect(await statusAt(now + 100 * 365 * 24 * 60 * 60)).toBe(401);
    expect(await statusAt(now + 60)).toBe(200);
  });
});
