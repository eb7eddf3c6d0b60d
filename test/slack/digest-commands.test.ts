import type { App } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerContext } from '../../src/answer/answer-query.js';
import { createBreachService } from '../../src/answer/breach-service.js';
import { DigestRunner } from '../../src/delivery/digest-runner.js';
import { DigestSchedule } from '../../src/digest/digest-schedule.js';
import { DEFAULT_IDS } from '../../src/playground/emulator/ids.js';
import { eventBody, slashCommandBody } from '../../src/playground/emulator/sign-request.js';
import type { SlackEmulator } from '../../src/playground/emulator/web-api-server.js';
import { createDigestServices } from '../../src/services/digest-commands.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { checkMessageLimits, type SlackSurface } from '../../src/views/blocks/limits.js';
import { postCheckedToApp, startCheckedEmulator } from '../support/checked-emulator.js';
import { FakeClock } from '../support/fake-clock.js';
import { startHttpApp } from '../support/http-app.js';
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

async function startApp(adminUserIds?: string[]) {
  const store = await openStore('sqlite::memory:');
  stores.push(store);
  const clock = new FakeClock(NOW);
  const runner = new DigestRunner({
    incidents: context.dataset.incidents,
    guidance: context.dataset.guidance,
    store,
    schedule: new DigestSchedule('0 9 * * 1', 'UTC'),
    clock,
    instanceId: 'test',
    logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
  });
  const digest = createDigestServices({ store, runner, clock, adminUserIds });
  const { app, url } = await startHttpApp(createBreachService(context.dataset, context.index), {
    slackApiUrl: emulator.url,
    signingSecret: SECRET,
    digest,
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
  return { store, url, command };
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
