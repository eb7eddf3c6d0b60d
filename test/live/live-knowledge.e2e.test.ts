import { readFile, rm } from 'node:fs/promises';
import { type Logger, LogLevel } from '@slack/bolt';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningBot, startBot } from '../../src/bot.js';
import { readAppConfig, type SlackConfig } from '../../src/config/app-config.js';
import { ALERT_KEY_PREFIX } from '../../src/digest/records.js';
import { importedFilePath } from '../../src/incidents/imported-store.js';
import { slashCommandBody } from '../../src/playground/emulator/sign-request.js';
import type { RecordedCall, SlackEmulator } from '../../src/playground/emulator/web-api-server.js';
import { DIGEST_EVENT_TYPE } from '../../src/slack/digest-poster.js';
import type { SyncOutcome } from '../../src/sources/sync-outcome.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { ERROR_PAGE, names, waList } from '../sources/feed-lists.js';
import { FeedServer } from '../sources/feed-server.js';
import { postCheckedToApp, startCheckedEmulator } from '../support/checked-emulator.js';
import { describePostgres } from '../support/postgres-server.js';
import { shippedDataCopy } from '../support/repo-dataset.js';

/**
 * The promise, end to end: a sync on one instance of three sharing one PostgreSQL database
 * reaches every instance's answers within a minute, and posts each alert exactly once. Each instance
 * has its own DATA_DIR, so the new list can only travel through the store. The bot's clock is real
 * time, so every date served is built from today.
 */

const SECRET = '8f742231b10e8888abcd99aaaaaa85a5';
const SECURITY = 'C0SECURITY1';
const ADMIN = 'U0ADMIN001';
const WATCHER = 'U0WATCHER1';
const BYSTANDER = 'U0BYSTAND1';
/** Made up: nothing in the shipped data may match it before the sync brings it. */
const VENDOR = 'Zorblaxo Telehealth';
const BYSTANDERS_VENDOR = 'Quimbleton Dental Labs';
const HIBP_PATH = '/api/v3/breaches';
const WA_PATH = '/wa.csv';
const JSON_TYPE = 'application/json; charset=utf-8';
const DAY = 86_400_000;
/** Not within the test's minutes: the scheduled sync must never fire here, only the catch-up and syncNow. */
const SYNC_CRON = '0 4 29 2 *';
/** The bound for every instance to answer from a sync's data. */
const WITHIN_A_MINUTE = 60_000;

let postgresUrl: string;
let emulator: SlackEmulator;
let feeds: FeedServer;
let setup: Store;
const bots: Instance[] = [];
const dataDirs: string[] = [];

interface Instance {
  name: string;
  bot: RunningBot;
  dataDir: string;
  url: string;
  logger: RecordingLogger;
}

/** One HIBP breach as /api/v3/breaches lists it, added `addedDaysAgo` days ago. */
function hibpBreach(title: string, addedDaysAgo: number, pwnCount: number) {
  const added = new Date(Date.now() - addedDaysAgo * DAY);
  const day = (date: Date) => date.toISOString().slice(0, 10);
  // Seconds after midnight of the day added: never later than now, so never "in the future" to the import.
  const addedDate = `${day(added)}T00:00:01Z`;
  return {
    Name: title.replace(/\W/g, ''),
    Title: title,
    Domain: `${title.replace(/\W/g, '').toLowerCase()}.example`,
    BreachDate: day(new Date(added.getTime() - 10 * DAY)),
    AddedDate: addedDate,
    ModifiedDate: addedDate,
    PwnCount: pwnCount,
    Description: `<p>${title} was breached.</p>`,
    DataClasses: ['Email addresses', 'Names', 'Dates of birth'],
    IsVerified: true,
    IsFabricated: false,
    IsSpamList: false,
  };
}

/**
 * The shipped HIBP list's last export had 136 rows: a list must not be much shorter, or the sync
 * refuses it as cut short. Its breaches are a month old, so none is news to alert.
 */
const BASELINE = names('Fennimore Outfitters', 140).map((title, index) => hibpBreach(title, 30, 5_000 + index));
const WITH_VENDOR = [...BASELINE, hibpBreach(VENDOR, 0, 48_213)];

/** The shipped Washington list had 1,109 rows; the same list every time, so every sync finds it unchanged. */
const WA_LIST = waList(names('Brindlewood Retail', 1_109));

class RecordingLogger implements Logger {
  readonly lines: { level: string; text: string }[] = [];
  private level = LogLevel.INFO;
  debug() {}
  info(...message: unknown[]) {
    this.record('info', message);
  }
  warn(...message: unknown[]) {
    this.record('warn', message);
  }
  error(...message: unknown[]) {
    this.record('error', message);
  }
  setLevel(level: LogLevel) {
    this.level = level;
  }
  getLevel() {
    return this.level;
  }
  setName() {}
  errors(): string[] {
    return this.lines.filter((line) => line.level === 'error').map((line) => line.text);
  }
  private record(level: string, message: unknown[]) {
    this.lines.push({
      level,
      text: message.map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join(' '),
    });
  }
}

function serveHibp(breaches: readonly object[], etag: string): void {
  feeds.set(HIBP_PATH, { kind: 'list', body: JSON.stringify(breaches), contentType: JSON_TYPE, etag });
}

function configFor(dataDir: string): SlackConfig {
  const config = readAppConfig(
    {
      SLACK_BOT_TOKEN: 'xoxb-1-live-knowledge',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: emulator.url,
      PORT: '0',
      LOG_LEVEL: 'error',
      DATA_DIR: dataDir,
      DATABASE_URL: postgresUrl,
      SYNC_CRON,
      HIBP_API_URL: feeds.url('/api/v3'),
      WA_AG_URL: feeds.url(WA_PATH),
    },
    process.cwd(),
  );
  if (config.mode !== 'http') throw new Error('expected the HTTP receiver');
  return config;
}

async function startInstance(name: string): Promise<Instance> {
  const dataDir = await shippedDataCopy();
  dataDirs.push(dataDir);
  const logger = new RecordingLogger();
  // A short poll, so that the test waits on the exchange through the store, not on a 30 s timer.
  const bot = await startBot(configFor(dataDir), { cwd: dataDir, logger, host: '127.0.0.1', dataPollMs: 200 });
  const instance = { name, bot, dataDir, url: `http://127.0.0.1:${bot.port}/slack/events`, logger };
  bots.push(instance);
  return instance;
}

let replies = 0;

/** `/breach <text>` as `user` in the security channel; the ack's answer, or the response_url reply. */
async function command(instance: Instance, text: string, user = ADMIN, viaResponseUrl = false): Promise<string> {
  const id = `live-${++replies}`;
  const body = slashCommandBody({ text, channel_id: SECURITY, user_id: user, response_url: emulator.responseUrl(id) });
  const ack = await postCheckedToApp(instance.url, body, { signingSecret: SECRET });
  expect(ack.status).toBe(200);
  if (!viaResponseUrl) return JSON.stringify(ack.json);
  return JSON.stringify((await emulator.waitForResponseUrlPost(id)).body);
}

function alertPosts(): RecordedCall[] {
  return emulator.callsTo('chat.postMessage').filter((call) => {
    const metadata = call.args.metadata as { event_type?: string; event_payload?: { period?: string } } | undefined;
    return (
      call.status === 200 &&
      !call.fault &&
      metadata?.event_type === DIGEST_EVENT_TYPE &&
      String(metadata.event_payload?.period).startsWith(ALERT_KEY_PREFIX)
    );
  });
}

function alertsPerChannel(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const call of alertPosts()) counts[String(call.args.channel)] = (counts[String(call.args.channel)] ?? 0) + 1;
  return counts;
}

function posts(): number {
  return emulator.callsTo('chat.postMessage').length;
}

/** Whether the instance answers `/breach <vendor>` with the vendor's card. */
async function answersWithVendor(instance: Instance): Promise<boolean> {
  const answer = await command(instance, VENDOR);
  return answer.includes(VENDOR) && answer.includes('48,213');
}

async function until(what: string, condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`still not true after ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function fileOrNone(file: string): Promise<string | undefined> {
  return readFile(file, 'utf8').catch(() => undefined);
}

function outcomeOf(outcomes: SyncOutcome[] | undefined, source: SyncOutcome['source']): SyncOutcome | undefined {
  return outcomes?.find((outcome) => outcome.source === source);
}

async function refreshAll(): Promise<void> {
  await Promise.all(bots.map(({ bot }) => bot.refreshNow()));
}

const listFiles = (source: 'hibp' | 'wa-ag') => bots.map(({ dataDir }) => importedFilePath(dataDir, source));

/** Until the start's catch-up sync reached every instance's DATA_DIR and every instance reloaded it. */
async function caughtUpEverywhere(): Promise<void> {
  await until(
    'every instance has the lists the catch-up synced',
    async () =>
      (await Promise.all([...listFiles('hibp'), ...listFiles('wa-ag')].map(fileOrNone))).every(
        (text) => text !== undefined,
      ),
    WITHIN_A_MINUTE,
  );
  await refreshAll();
}

describePostgres('live knowledge: three instances on one PostgreSQL, each with its own DATA_DIR', (postgres) => {
  beforeAll(async () => {
    postgresUrl = await postgres().createDatabase();
    emulator = await startCheckedEmulator({ channels: { [SECURITY]: { visibility: 'public', isMember: true } } });
    feeds = await new FeedServer().start();
    serveHibp(BASELINE, '"baseline"');
    feeds.set(WA_PATH, { kind: 'list', body: WA_LIST, contentType: 'text/csv; charset=utf-8' });
    setup = await openStore(postgresUrl);
    // At once, as a deployment starts them: no instance has synced yet, so a catch-up is due on each.
    await Promise.all(['a', 'b', 'c'].map((name) => startInstance(name)));
    await caughtUpEverywhere();
  }, 180_000);

  afterAll(async () => {
    for (const { bot } of bots.splice(0)) await bot.close();
    await setup?.close();
    await feeds?.stop();
    await emulator?.close();
    for (const dataDir of dataDirs.splice(0)) await rm(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('catches up the never-synced lists at start on one instance, and every instance takes them', async () => {
    expect(feeds.requestsTo(HIBP_PATH)).toHaveLength(1);
    expect(feeds.requestsTo(WA_PATH)).toHaveLength(1);
    const [first, ...others] = await Promise.all(listFiles('hibp').map(fileOrNone));
    for (const other of others) expect(other).toBe(first);
    for (const instance of bots) expect(await command(instance, 'Fennimore Outfitters 17')).toContain('5,016');
    // Every breach of the baseline is new today, but nobody watches them.
    expect(alertPosts()).toEqual([]);
  });

  it('posts one channel alert and one DM for a new filing at a watched vendor, whichever instance synced', async () => {
    const [a, b, c] = bots as [Instance, Instance, Instance];
    expect(await answersWithVendor(a)).toBe(false);
    expect(await command(a, 'digest on', ADMIN, true)).toContain('the weekly digest is on');
    expect(await command(b, `watch add ${VENDOR}`, ADMIN, true)).toContain('Added');
    await watchMe(c, WATCHER, VENDOR);
    await watchMe(a, BYSTANDER, BYSTANDERS_VENDOR);
    const postsBefore = posts();

    serveHibp(WITH_VENDOR, '"with-vendor"');
    const started = Date.now();
    const outcomes = await b.bot.syncNow();
    expect(outcomeOf(outcomes, 'hibp')).toMatchObject({ kind: 'updated', report: { added: 1 } });
    expect(outcomeOf(outcomes, 'wa-ag')).toMatchObject({ kind: 'unchanged' });

    for (const instance of bots) {
      await until(
        `instance ${instance.name} answers from the new list`,
        () => answersWithVendor(instance),
        WITHIN_A_MINUTE,
      );
    }
    expect(Date.now() - started).toBeLessThan(WITHIN_A_MINUTE);
    // Each instance alerts right after its reload; a refresh queued behind it ends after that.
    await refreshAll();

    expect(alertsPerChannel()).toEqual({ [SECURITY]: 1, [WATCHER]: 1 });
    const [channelAlert] = alertPosts().filter((call) => call.args.channel === SECURITY);
    const [dm] = alertPosts().filter((call) => call.args.channel === WATCHER);
    const channelText = JSON.stringify(channelAlert?.args);
    expect(channelText).toContain(VENDOR);
    expect(channelText).toContain("this channel's vendor watchlist");
    expect(JSON.stringify(dm?.args)).toContain('your private watch list');
    // What is posted in the channel never tells who watches what.
    for (const call of emulator.callsTo('chat.postMessage').slice(postsBefore)) {
      if (call.args.channel !== WATCHER) expect(JSON.stringify(call.args)).not.toContain(WATCHER);
    }
    expect(await command(a, 'digest preview', ADMIN, true)).not.toContain(WATCHER);
    expect(posts() - postsBefore).toBe(2);
  });

  it('posts nothing more when the same sync runs again and every instance refreshes', async () => {
    const before = posts();
    const alertsBefore = alertsPerChannel();
    const outcomes = await bots[2]?.bot.syncNow();
    expect(outcomeOf(outcomes, 'hibp')).toMatchObject({ kind: 'unchanged' });
    expect(feeds.requestsTo(HIBP_PATH).at(-1)?.headers['if-none-match']).toBe('"with-vendor"');
    await refreshAll();
    await refreshAll();
    expect(posts()).toBe(before);
    expect(alertsPerChannel()).toEqual(alertsBefore);
  });

  it.each([
    ['an HTML error page served with 200', { kind: 'list', body: ERROR_PAGE, contentType: 'text/html' }, /web page/],
    ['an HTTP 500 error page', { kind: 'status', status: 500, body: ERROR_PAGE, contentType: 'text/html' }, /HTTP 500/],
  ] as const)('refuses %s and changes nothing on any instance', async (_, answer, why) => {
    const before = posts();
    const stored = await Promise.all(bots.map(({ dataDir }) => fileOrNone(importedFilePath(dataDir, 'hibp'))));
    const errorsBefore = bots[0]?.logger.errors().length ?? 0;
    feeds.set(HIBP_PATH, answer);

    const outcome = outcomeOf(await bots[0]?.bot.syncNow(), 'hibp');

    expect(outcome?.kind).toBe('refused');
    expect(outcome?.kind === 'refused' && outcome.reason).toMatch(why);
    const logged = bots[0]?.logger.errors().slice(errorsBefore) ?? [];
    expect(logged).toEqual([expect.stringMatching(/^sync \(now\): hibp: refused/)]);
    await refreshAll();
    expect(await Promise.all(bots.map(({ dataDir }) => fileOrNone(importedFilePath(dataDir, 'hibp'))))).toEqual(stored);
    for (const instance of bots) expect(await answersWithVendor(instance)).toBe(true);
    expect(posts()).toBe(before);
  });
});

/**
 * `/breach watch me add`, typed by `user`. The command is new; until it answers, the watch goes
 * straight into the shared store, which is what the command would do.
 */
async function watchMe(instance: Instance, user: string, name: string): Promise<void> {
  const reply = await command(instance, `watch me add ${name}`, user, true);
  const watched = await setup.personalWatches(user);
  if (!watched.some((watch) => watch.name === name)) {
    console.warn(
      `/breach watch me add did not add the watch (it answered ${reply.slice(0, 200)}); added it through the store`,
    );
    await setup.addPersonalWatch(user, name, Date.now());
  }
}
