import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { App } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerContext } from '../../src/answer/answer-query.js';
import { createBreachService } from '../../src/answer/breach-service.js';
import { DEFAULT_IDS } from '../../src/playground/emulator/ids.js';
import { eventBody, slashCommandBody } from '../../src/playground/emulator/sign-request.js';
import type { SlackEmulator } from '../../src/playground/emulator/web-api-server.js';
import { createDigestServices } from '../../src/services/digest-commands.js';
import { SourceStatus } from '../../src/services/source-status.js';
import { recordSyncResult } from '../../src/sources/sync-status.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { checkMessageLimits, type SlackSurface } from '../../src/views/blocks/limits.js';
import { postCheckedToApp, startCheckedEmulator } from '../support/checked-emulator.js';
import { FakeClock } from '../support/fake-clock.js';
import { startHttpApp } from '../support/http-app.js';
import { mondayDigestRunner } from '../support/monday-runner.js';
import { firstCardsAnswerContext } from '../support/repo-dataset.js';

const SECRET = '8f742231b10e8888abcd99aaaaaa85a5';
const SECURITY = 'C0SECURITY1';
const PRIVATE_CHANNEL = 'G0PRIVATE01';
const ADMIN = 'U0ADMIN001';
const NOW = Date.parse('2026-12-09T10:00:00Z');

let context: AnswerContext;
let emulator: SlackEmulator;
const apps: App[] = [];
const stores: Store[] = [];
/** response_url ids, unique across the apps of this file. */
let replies = 0;

async function startApp(adminUserIds?: string[], { sources }: { sources?: SourceStatus } = {}) {
  const store = await openStore('sqlite::memory:');
  stores.push(store);
  const clock = new FakeClock(NOW);
  const runner = mondayDigestRunner({ ...context.dataset, store, clock });
  const digest = createDigestServices({ store, runner, clock, adminUserIds });
  const { app, url } = await startHttpApp(createBreachService(context.dataset, context.index), {
    slackApiUrl: emulator.url,
    signingSecret: SECRET,
    digest,
    ...(sources && { sources }),
  });
  apps.push(app);
  /** Types `/breach <text>` and returns the ephemeral answer posted to the command's response_url. */
  const command = async (text: string, { channel = SECURITY, user = DEFAULT_IDS.userId as string } = {}) => {
    const id = `reply-${++replies}`;
    const body = slashCommandBody({ text, channel_id: channel, user_id: user, response_url: emulator.responseUrl(id) });
    const ack = await postCheckedToApp(url, body, { signingSecret: SECRET });
    expect(ack.status).toBe(200);
    const reply = await emulator.waitForResponseUrlPost(id);
    expect(checkMessageLimits(reply.body as SlackSurface)).toEqual([]);
    return reply.body as { response_type: string; text: string; blocks: unknown[] };
  };
  /** Opens the Home tab as `user` and returns the view published to that user. */
  const home = async (user: string) => {
    const event = { type: 'app_home_opened', user, tab: 'home', channel: 'D0HOME0001' };
    const before = emulator.callsTo('views.publish').length;
    await postCheckedToApp(url, eventBody({ event, event_id: `Ev0HOME${++replies}` }), { signingSecret: SECRET });
    const publish = await emulator.waitForCall(
      'views.publish',
      (call) => call.args.user_id === user && emulator.callsTo('views.publish').indexOf(call) >= before,
    );
    return JSON.stringify(publish.args.view);
  };
  return { store, url, command, home };
}

beforeAll(async () => {
  context = await firstCardsAnswerContext();
  emulator = await startCheckedEmulator({
    channels: {
      [SECURITY]: { visibility: 'public', isMember: true },
      [PRIVATE_CHANNEL]: { visibility: 'private', isMember: false },
    },
  });
});

afterAll(async () => {
  for (const app of apps) await app.stop();
  for (const store of stores) await store.close();
  await emulator.close();
});

describe('/breach digest and /breach watch', () => {
  it('turns the digest on in the channel, says so there, and shows it in status', async () => {
    const { store, command } = await startApp();
    const on = await command('digest on');
    expect(on.response_type).toBe('ephemeral');
    expect(on.text).toContain(`the weekly digest is on in <#${SECURITY}>`);
    expect(on.text).toContain('Mon, 14 Dec 2026, 09:00 UTC');
    const announcement = await emulator.waitForCall(
      'chat.postMessage',
      (call) => call.args.channel === SECURITY && String(call.args.text).includes('turned on the weekly breach digest'),
    );
    expect(announcement.args.text).toContain(`<@${DEFAULT_IDS.userId}>`);
    expect(await store.subscription(SECURITY)).toMatchObject({ subscribedBy: DEFAULT_IDS.userId, subscribedAt: NOW });

    expect((await command('digest on')).text).toContain('already on');
    const status = JSON.stringify(await command('digest status'));
    expect(status).toContain('*on*');
    expect(status).toContain('Next run: Mon, 14 Dec 2026, 09:00 UTC');
    expect(status).toContain('Last delivery here: none yet');

    expect((await command('digest off')).text).toContain('off');
    expect(await store.subscription(SECURITY)).toBeUndefined();
  });

  it('keeps the digest off where the bot cannot post, and says how to fix it', async () => {
    const { store, command } = await startApp();
    const reply = await command('digest on', { channel: PRIVATE_CHANNEL });
    expect(reply.text).toContain('still off');
    expect(reply.text).toContain('/invite @breachbot');
    expect(await store.subscription(PRIVATE_CHANNEL)).toBeUndefined();
  });

  it('previews this period’s digest to the person only, recording nothing', async () => {
    const { store, command } = await startApp();
    await store.subscribe(SECURITY, 'U1', 0);
    const before = emulator.callsTo('chat.postMessage').length;
    const preview = await command('digest preview');
    expect(preview.response_type).toBe('ephemeral');
    expect(JSON.stringify(preview.blocks)).toContain('Preview');
    expect(JSON.stringify(preview.blocks)).toContain('2026-W49');
    expect(emulator.callsTo('chat.postMessage')).toHaveLength(before);
    expect(await store.lastDelivery(SECURITY)).toBeUndefined();
  });

  it('manages the watchlist, escaping what was typed', async () => {
    const { store, command } = await startApp();
    const added = await command('watch add <!channel> Vendor');
    expect(JSON.stringify(added)).not.toContain('<!channel>');
    expect(added.text).toContain('&lt;!channel&gt; Vendor');
    await command('watch add HealthEC');
    expect((await command('watch add healthec')).text).toContain('already watched');
    expect((await store.watchlist()).map((vendor) => vendor.name)).toEqual(['<!channel> Vendor', 'HealthEC']);
    expect((await command('watch remove <!channel> vendor')).text).toContain('Removed');
    expect((await command('watch list')).text).toContain('• HealthEC');
    expect((await command('watch frobnicate')).text).toContain('/breach watch add');
  });

  it('keeps what was typed, not the entities Slack sends it as', async () => {
    const { store, command } = await startApp();
    // Slack sends "AT&T" as "AT&amp;T".
    expect((await command('watch add AT&amp;T')).text).toContain('Added *AT&amp;T*');
    expect((await store.watchlist()).map((vendor) => vendor.name)).toEqual(['AT&T']);
  });

  it('lets only admins change subscriptions and the watchlist when ADMIN_USER_IDS is set', async () => {
    const { store, command } = await startApp([ADMIN]);
    for (const text of ['digest on', 'digest off', 'watch add Acme', 'watch remove Acme']) {
      const reply = await command(text, { user: 'U0SOMEONE1' });
      expect(reply.text).toContain('Only breachbot admins');
      expect(reply.text).toContain(`<@${ADMIN}>`);
    }
    expect(await store.subscriptions()).toEqual([]);
    expect(await store.watchlist()).toEqual([]);
    expect((await command('digest status', { user: 'U0SOMEONE1' })).text).toContain('off');
    expect((await command('watch add Acme', { user: ADMIN })).text).toContain('Added');
  });

  it('shows the subscribed channels and the watchlist on the Home tab', async () => {
    const { store, url } = await startApp();
    await store.subscribe(SECURITY, 'U1', 0);
    await store.addVendor('Change Healthcare', 'U1', 0);
    const event = { type: 'app_home_opened', user: 'U0HOMEUSER', tab: 'home', channel: 'D0HOME0001' };
    await postCheckedToApp(url, eventBody({ event, event_id: 'Ev0HOME0001' }), { signingSecret: SECRET });
    const publish = await emulator.waitForCall('views.publish', (call) => call.args.user_id === 'U0HOMEUSER');
    const view = JSON.stringify(publish.args.view);
    expect(view).toContain(`<#${SECURITY}>`);
    expect(view).toContain('Change Healthcare');
  });
});

describe('/breach watch me', () => {
  const ALICE = 'U0ALICE001';

  it('keeps each person’s list to themselves: another person, an admin too, cannot list, remove or clear it', async () => {
    const { store, command, home } = await startApp([ADMIN]);
    const posts = emulator.callsTo('chat.postMessage').length;
    const added = await command('watch me add Blue Cross', { user: ALICE });
    expect(added.response_type).toBe('ephemeral');
    expect(added.text).toContain('Added *Blue Cross* to your watch list.');
    expect(JSON.stringify(added.blocks)).toContain('Only you can see or change this list');
    await command('watch me add Mercy Hospital', { user: ALICE });

    for (const text of ['watch me', 'watch me list', 'watch me clear']) {
      const reply = await command(text, { user: ADMIN });
      expect(reply.response_type).toBe('ephemeral');
      expect(JSON.stringify(reply)).not.toMatch(/Blue Cross|Mercy|U0ALICE001/);
    }
    const remove = await command('watch me remove blue cross', { user: ADMIN });
    expect(remove.response_type).toBe('ephemeral');
    expect(remove.text).toContain('*blue cross* was not on your watch list.');
    expect(remove.text).toContain('Your watch list is empty.');
    expect((await store.personalWatches(ALICE)).map((watch) => watch.name)).toEqual(['Blue Cross', 'Mercy Hospital']);
    expect(await store.watchlist()).toEqual([]);

    const list = await command('watch me list', { user: ALICE });
    expect(list.response_type).toBe('ephemeral');
    expect(list.text).toContain('*Your watch list* (2 of 25)\n• Blue Cross\n• Mercy Hospital');
    // Nothing about anyone's list goes into a channel.
    expect(emulator.callsTo('chat.postMessage')).toHaveLength(posts);

    expect(await home(ALICE)).toContain('• Blue Cross');
    const adminHome = await home(ADMIN);
    expect(adminHome).toContain('Your watch list');
    expect(adminHome).not.toContain('Blue Cross');

    const cleared = await command('watch me clear', { user: ALICE });
    expect(cleared.text).toContain('Cleared your watch list (2 names).');
    expect(await store.allPersonalWatches()).toEqual([]);
  });

  it('answers a mistaken `watch me` with its usage', async () => {
    const { command } = await startApp();
    const reply = await command('watch me maybe', { user: ALICE });
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toContain("I don't know `watch me maybe`.");
    expect(reply.text).toContain('`/breach watch me add &lt;organisation&gt;`');
  });
});

describe('/breach sources', () => {
  const dataDirs: string[] = [];
  afterAll(async () => {
    for (const dir of dataDirs) await rm(dir, { recursive: true, force: true });
  });

  async function sourcesOver(syncEnabled: boolean, adminUserIds?: string[]) {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'breachbot-sources-'));
    dataDirs.push(dataDir);
    const hibpUrl = 'https://hibp.example/api/v3/breaches';
    const at = new Date(NOW - 60 * 60 * 1000).toISOString();
    const success = { at, url: hibpUrl, asOf: '2026-12-08', records: 0, sha256: 'c'.repeat(64) };
    await recordSyncResult(dataDir, 'hibp', { at, success });
    return new SourceStatus({
      dataDir,
      config: { hibpUrl, waAgUrl: 'https://wa.example/list.csv', hhsOcrUrl: undefined },
      syncEnabled,
      adminUserIds,
      clock: new FakeClock(NOW),
    });
  }

  it('shows each source’s sync, ephemeral, and warns admins on the Home tab about a stale one', async () => {
    const { command, home } = await startApp([ADMIN], { sources: await sourcesOver(true, [ADMIN]) });
    const reply = await command('sources');
    expect(reply.response_type).toBe('ephemeral');
    const text = JSON.stringify(reply.blocks);
    expect(text).toContain('*Have I Been Pwned*');
    expect(text).toContain('Last successful sync: Wed, 9 Dec 2026, 09:00 UTC (today;');
    expect(text).toContain('Not configured (set `HHS_OCR_URL`)');
    expect(text).toContain(':warning: It has never synced successfully.');
    expect(text).not.toContain('SYNC_CRON');

    const adminHome = await home(ADMIN);
    expect(adminHome).toContain('Official lists that have not synced for over 3 days');
    expect(adminHome).toContain('*Washington State Attorney General*: never synced successfully');
    expect(adminHome).not.toContain('*Have I Been Pwned*: ');
    expect(await home('U0SOMEONE1')).not.toContain('have not synced');

    expect((await command('sources please')).text).toContain('`sources` takes nothing after it');
  });

  it('says when scheduled sync is off, and warns nobody', async () => {
    const { command, home } = await startApp(undefined, { sources: await sourcesOver(false) });
    expect(JSON.stringify((await command('sources')).blocks)).toContain('Scheduled sync is off (`SYNC_CRON=off`)');
    expect(await home('U0SOMEONE1')).not.toContain('have not synced');
  });

  it('says the feature is unavailable in an app built without it', async () => {
    const { command } = await startApp();
    const reply = await command('sources');
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toContain('not available in this breachbot');
  });
});
