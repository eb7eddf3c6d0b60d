import type { App } from '@slack/bolt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type BreachService, createBreachService } from '../../src/answer/breach-service.js';
import { DEFAULT_IDS } from '../../src/playground/emulator/ids.js';
import {
  blockActionsPayload,
  blockSuggestionPayload,
  globalShortcutPayload,
  viewSubmissionPayload,
} from '../../src/playground/emulator/payloads.js';
import {
  eventBody,
  interactionBody,
  optionsBody,
  slashCommandBody,
} from '../../src/playground/emulator/sign-request.js';
import type { SlackEmulator } from '../../src/playground/emulator/web-api-server.js';
import {
  ACTION_FULL_DETAILS,
  ACTION_SHARE,
  ACTION_SHARE_CHANNEL,
  ACTION_SHARE_INCIDENT,
  ACTION_SHARE_NOTE,
  ACTION_SHOW,
  ACTION_STEPS,
  BLOCK_SHARE_CHANNEL,
  BLOCK_SHARE_INCIDENT,
  BLOCK_SHARE_NOTE,
  SHORTCUT_SHARE,
  VIEW_SHARE,
} from '../../src/views/blocks/ids.js';
import { checkMessageLimits, type SlackSurface } from '../../src/views/blocks/limits.js';
import { postCheckedToApp, startCheckedEmulator } from '../support/checked-emulator.js';
import { startHttpApp } from '../support/http-app.js';
import { answerContextFor, firstCardsDataDir } from '../support/repo-dataset.js';

const SECRET = '8f742231b10e8888abcd99aaaaaa85a5';
const PRIVATE_CHANNEL = 'G0PRIVATE01';

let service: BreachService;
let emulator: SlackEmulator;
let app: App;
let url: string;

beforeAll(async () => {
  const { dataset, index } = await answerContextFor(await firstCardsDataDir());
  service = createBreachService(dataset, index);
  emulator = await startCheckedEmulator({
    channels: { [PRIVATE_CHANNEL]: { visibility: 'private', isMember: false } },
  });
  ({ app, url } = await startHttpApp(service, { slackApiUrl: emulator.url, signingSecret: SECRET }));
});

afterAll(async () => {
  await app.stop();
  await emulator.close();
});

/** Every message any test made the app send stays within Block Kit's limits. */
const checked = new Set<unknown>();
afterEach(() => {
  const surfaces: unknown[] = [
    ...emulator.calls
      .filter((call) => /^(chat\.post|views\.)/.test(call.method))
      .map((call) => call.args.view ?? call.args),
    ...emulator.responseUrlPosts.map((post) => post.body),
  ];
  for (const surface of surfaces) {
    if (checked.has(surface)) continue;
    checked.add(surface);
    expect(checkMessageLimits(surface as SlackSurface)).toEqual([]);
  }
});

const post = (body: string, options: { timestamp?: number; secret?: string; headers?: Record<string, string> } = {}) =>
  postCheckedToApp(url, body, {
    signingSecret: options.secret ?? SECRET,
    timestamp: options.timestamp,
    headers: options.headers,
  });

function allText(value: unknown): string {
  return JSON.stringify(value);
}

/** A submit of the share modal, as Slack sends it. */
function shareSubmissionBody(incident: string | null, channel: string | null, note: string): string {
  return interactionBody(
    viewSubmissionPayload({
      callback_id: VIEW_SHARE,
      values: {
        [BLOCK_SHARE_INCIDENT]: {
          [ACTION_SHARE_INCIDENT]: { type: 'external_select', selected_option: incident ? { value: incident } : null },
        },
        [BLOCK_SHARE_CHANNEL]: {
          [ACTION_SHARE_CHANNEL]: { type: 'conversations_select', selected_conversation: channel },
        },
        [BLOCK_SHARE_NOTE]: { [ACTION_SHARE_NOTE]: { type: 'plain_text_input', value: note } },
      },
    }),
  );
}

describe('the Slack app over its HTTP receiver', () => {
  it('acks /breach within 3 seconds with the incident card, ephemeral', async () => {
    const started = Date.now();
    const response = await post(slashCommandBody({ text: 'helthec' }));
    expect(Date.now() - started).toBeLessThan(3000);
    expect(response.status).toBe(200);
    const body = response.json as { response_type: string; text: string; blocks: { type: string }[] };
    expect(body.response_type).toBe('ephemeral');
    expect(allText(body.blocks)).toContain('HealthEC LLC');
    expect(allText(body.blocks)).toContain('4,786,241');
    expect(checkMessageLimits(body as SlackSurface)).toEqual([]);
  });

  it('refuses a forged signature and a timestamp older than five minutes with 401', async () => {
    const body = slashCommandBody({ text: 'helthec' });
    expect((await post(body, { secret: 'ffffffffffffffffffffffffffffffff' })).status).toBe(401);
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    expect((await post(body, { timestamp: sixMinutesAgo })).status).toBe(401);
  });

  it('escapes a query that tries to ping or link', async () => {
    const response = await post(slashCommandBody({ text: '<!channel> <@U123> <https://evil.example|click>' }));
    const text = allText(response.json);
    expect(text).not.toMatch(/<!channel>|<@U123>|<https:\/\/evil/);
  });

  it('answers a mention in the thread it was asked in, once, even when Slack redelivers it', async () => {
    const event = {
      type: 'app_mention',
      user: DEFAULT_IDS.userId,
      text: `<@${DEFAULT_IDS.botUserId}> was ARx Patient Solutions hacked?`,
      ts: '1700000100.000200',
      thread_ts: '1700000000.000100',
      channel: DEFAULT_IDS.channelId,
    };
    const body = eventBody({ event, event_id: 'Ev0MENTION1' });
    expect((await post(body)).status).toBe(200);
    const call = await emulator.waitForCall('chat.postMessage', (c) => c.args.thread_ts === '1700000000.000100');
    expect(allText(call.args.blocks)).toContain('ARx Patient Solutions');
    expect(
      (await post(body, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } })).status,
    ).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(emulator.callsTo('chat.postMessage').filter((c) => c.args.thread_ts === '1700000000.000100')).toHaveLength(
      1,
    );
  });

  it('answers a DM in the conversation, as a person would, and in its thread only when asked in one', async () => {
    const event = {
      type: 'message',
      channel_type: 'im',
      user: DEFAULT_IDS.userId,
      text: 'steps ssn',
      ts: '1700000200.000300',
      channel: 'D0DIRECT01',
    };
    await post(eventBody({ event, event_id: 'Ev0DIRECT01' }));
    const call = await emulator.waitForCall('chat.postMessage', (c) => c.args.channel === 'D0DIRECT01');
    expect(call.args.thread_ts).toBeUndefined();
    expect(allText(call.args.blocks)).toContain('Identity Protection PIN');
    const inThread = { ...event, text: 'helthec', ts: '1700000201.000400', thread_ts: '1700000200.000300' };
    await post(eventBody({ event: inThread, event_id: 'Ev0DIRECT02' }));
    const reply = await emulator.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === 'D0DIRECT01' && allText(c.args.blocks).includes('HealthEC LLC'),
    );
    expect(reply.args.thread_ts).toBe('1700000200.000300');
  });

  it('answers "hi" in a DM with a greeting and how to ask, not with "No incident matches"', async () => {
    const event = {
      type: 'message',
      channel_type: 'im',
      user: DEFAULT_IDS.userId,
      text: 'hi',
      ts: '1700000210.000300',
      channel: 'D0DIRECT02',
    };
    await post(eventBody({ event, event_id: 'Ev0HELLO01' }));
    const call = await emulator.waitForCall('chat.postMessage', (c) => c.args.channel === 'D0DIRECT02');
    const text = allText(call.args.blocks);
    expect(text).toContain("Hi! I'm breachbot.");
    expect(text).toContain('`/breach steps ssn`');
    expect(text).not.toContain('No incident matches');
  });

  it('answers the question first with a short card, and "Full details" gives the whole card at the response_url', async () => {
    const response = await post(slashCommandBody({ text: 'how many people were affected by healthec' }));
    const body = response.json as { blocks: { type: string; elements?: { action_id: string; value: string }[] }[] };
    expect(allText(body.blocks[0])).toMatch(/4,786,241 people were affected by HealthEC LLC's breach/);
    expect(body.blocks.length).toBeLessThanOrEqual(15);
    const full = body.blocks.flatMap((block) => block.elements ?? []).find((e) => e.action_id === ACTION_FULL_DETAILS);
    if (!full) throw new Error('the short card has no Full details button');
    await post(
      interactionBody(
        blockActionsPayload({
          action_id: ACTION_FULL_DETAILS,
          value: full.value,
          is_ephemeral: true,
          response_url: emulator.responseUrl('full'),
        }),
      ),
    );
    const reply = await emulator.waitForResponseUrlPost('full');
    expect(reply.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    const text = allText(reply.body);
    for (const part of ['What happened', 'Timeline', 'Lessons for staff', 'Identity Protection PIN']) {
      expect(text).toContain(part);
    }
    await post(
      interactionBody(
        blockActionsPayload({
          action_id: ACTION_FULL_DETAILS,
          value: 'no-such-incident how many',
          response_url: emulator.responseUrl('full-gone'),
        }),
      ),
    );
    expect((await emulator.waitForResponseUrlPost('full-gone')).body).toMatchObject({
      text: expect.stringContaining('no longer in the data'),
    });
  });

  it('"Show" on the Home tab opens the card where the person is, in a modal', async () => {
    const before = emulator.callsTo('views.open').length;
    await post(
      interactionBody(
        blockActionsPayload({
          action_id: ACTION_SHOW,
          value: 'healthec-2023',
          view: { id: 'V0HOME0001', type: 'home' },
        }),
      ),
    );
    const open = await emulator.waitForCall('views.open', (c) => allText(c.args.view).includes('HealthEC LLC'));
    expect(emulator.callsTo('views.open').length).toBe(before + 1);
    expect(open.args.trigger_id).toEqual(expect.any(String));
    expect(open.args.view).toMatchObject({ type: 'modal', title: { text: 'Incident card' } });
    expect(checkMessageLimits(open.args.view as SlackSurface)).toEqual([]);
    expect(emulator.callsTo('chat.postMessage').filter((c) => c.args.channel === DEFAULT_IDS.userId)).toHaveLength(0);
  });

  it('"Share in channel" posts the public card with who shared it, the lessons and a question', async () => {
    const responseUrl = emulator.responseUrl('share-ok');
    await post(
      interactionBody(
        blockActionsPayload({ action_id: ACTION_SHARE, value: 'healthec-2023', response_url: responseUrl }),
      ),
    );
    const call = await emulator.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === DEFAULT_IDS.channelId && allText(c.args).includes('Shared by'),
    );
    const text = allText(call.args.blocks);
    expect(text).toContain(`<@${DEFAULT_IDS.userId}>`);
    expect(text).toContain('Lessons for staff');
    expect(text).toContain('Which outside companies receive the data you work with');
  });

  it('tells the person how to fix a share into a private channel the bot is not in', async () => {
    const responseUrl = emulator.responseUrl('share-private');
    await post(
      interactionBody(
        blockActionsPayload({
          action_id: ACTION_SHARE,
          value: 'healthec-2023',
          channel_id: PRIVATE_CHANNEL,
          response_url: responseUrl,
        }),
      ),
    );
    const reply = await emulator.waitForResponseUrlPost('share-private');
    expect(reply.body).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringContaining('/invite @breachbot'),
    });
  });

  it('tells the person what to do when Slack refuses the shared card', async () => {
    const cases = [
      { error: 'not_in_channel', says: '/invite @breachbot' },
      { error: 'is_archived', says: 'archived' },
      { error: 'internal_error', says: 'try again' },
    ];
    for (const [n, { error, says }] of cases.entries()) {
      emulator.inject('chat.postMessage', { error });
      const responseUrl = emulator.responseUrl(`share-${error}`);
      await post(
        interactionBody(
          // A card of its own each time: the same card shared again within seconds is a double click.
          blockActionsPayload({
            action_id: ACTION_SHARE,
            value: 'healthec-2023',
            message_ts: `1700000000.00020${n}`,
            response_url: responseUrl,
          }),
        ),
      );
      const reply = await emulator.waitForResponseUrlPost(`share-${error}`);
      expect(reply.body).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining(says) });
      // Slack's own code words are for the log, not for the person.
      expect(allText(reply.body)).not.toContain(error);
    }
  });

  it('"Protective steps" and "Show" answer at the response_url', async () => {
    await post(
      interactionBody(
        blockActionsPayload({
          action_id: ACTION_STEPS,
          value: 'arx-patient-solutions-2022',
          response_url: emulator.responseUrl('steps'),
        }),
      ),
    );
    expect(allText((await emulator.waitForResponseUrlPost('steps')).body)).toContain('under 16');
    await post(
      interactionBody(
        blockActionsPayload({
          action_id: ACTION_SHOW,
          value: 'healthec-2023',
          response_url: emulator.responseUrl('show'),
        }),
      ),
    );
    expect(allText((await emulator.waitForResponseUrlPost('show')).body)).toContain('HealthEC LLC');
  });

  it('gives up on a 429 on chat.postMessage at once, posts nothing, and asks the person to share again', async () => {
    emulator.inject('chat.postMessage', { status: 429, retryAfter: 0 });
    await post(
      interactionBody(
        blockActionsPayload({
          action_id: ACTION_SHARE,
          value: 'arx-patient-solutions-2022',
          channel_id: 'C0RATELIM1',
          response_url: emulator.responseUrl('share-429'),
        }),
      ),
    );
    const reply = await emulator.waitForResponseUrlPost('share-429');
    expect(reply.body).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('share it again') });
    const attempts = emulator.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C0RATELIM1');
    expect(attempts.map((c) => c.status)).toEqual([429]);
  });

  it('opens a valid share modal from the shortcut, and offers at most 100 incidents from the same search', async () => {
    await post(interactionBody(globalShortcutPayload({ callback_id: SHORTCUT_SHARE })));
    const open = await emulator.waitForCall('views.open');
    expect(checkMessageLimits(open.args.view as SlackSurface)).toEqual([]);
    const response = await post(
      optionsBody(blockSuggestionPayload({ action_id: ACTION_SHARE_INCIDENT, value: 'healthec' })),
    );
    const options = (response.json as { options: { value: string }[] }).options;
    expect(options.length).toBeGreaterThan(0);
    expect(options.length).toBeLessThanOrEqual(100);
    expect(options[0]?.value).toBe('healthec-2023');
  });

  it('shows what is missing in the share modal, and posts the card with the note on submit', async () => {
    const submit = (incident: string | null, channel: string | null, note: string) =>
      post(shareSubmissionBody(incident, channel, note));
    const invalid = await submit(null, null, '');
    expect(invalid.json).toEqual({
      response_action: 'errors',
      errors: { [BLOCK_SHARE_INCIDENT]: expect.any(String), [BLOCK_SHARE_CHANNEL]: expect.any(String) },
    });
    const blocked = await submit('healthec-2023', PRIVATE_CHANNEL, '');
    expect(blocked.json).toMatchObject({
      response_action: 'errors',
      errors: { [BLOCK_SHARE_CHANNEL]: expect.stringContaining('/invite') },
    });
    const ok = await submit('healthec-2023', 'C0TRAINING', 'For Monday <!here>');
    expect(ok.status).toBe(200);
    const call = await emulator.waitForCall('chat.postMessage', (c) => c.args.channel === 'C0TRAINING');
    const text = allText(call.args.blocks);
    expect(text).toContain('For Monday &lt;!here&gt;');
    expect(text).not.toContain('<!here>');
  });
});

describe('the share modal when Slack is slow to take the card', () => {
  const DEADLINE_MS = 50;
  const SLOW_MS = 500;
  let slowApp: App;
  let slowUrl: string;

  beforeAll(async () => {
    ({ app: slowApp, url: slowUrl } = await startHttpApp(service, {
      slackApiUrl: emulator.url,
      signingSecret: SECRET,
      viewAckDeadlineMs: DEADLINE_MS,
    }));
  });

  afterAll(() => slowApp.stop());

  const submitSlowly = (channel: string) =>
    postCheckedToApp(slowUrl, shareSubmissionBody('healthec-2023', channel, ''), { signingSecret: SECRET });

  it('closes the modal by the deadline and lets the card go out, once', async () => {
    emulator.inject('chat.postMessage', { delayMs: SLOW_MS });
    const started = Date.now();
    const response = await submitSlowly('C0SLOWPOST');
    expect(Date.now() - started).toBeLessThan(SLOW_MS);
    expect(response.status).toBe(200);
    expect(response.text).toBe('');
    await emulator.waitForCall('chat.postMessage', (c) => c.args.channel === 'C0SLOWPOST', SLOW_MS * 4);
    expect(emulator.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C0SLOWPOST')).toHaveLength(1);
    expect(emulator.callsTo('chat.postMessage').filter((c) => c.args.channel === DEFAULT_IDS.userId)).toHaveLength(0);
  });

  it("tells the person in the app's DM when the late post then fails", async () => {
    emulator.inject('chat.postMessage', { delayMs: SLOW_MS, failWith: { error: 'not_in_channel' } });
    const response = await submitSlowly('C0SLOWFAIL');
    expect(response.text).toBe('');
    const dm = await emulator.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === DEFAULT_IDS.userId,
      SLOW_MS * 4,
    );
    expect(dm.args.text).toContain('I could not share the card for HealthEC LLC in <#C0SLOWFAIL>');
    expect(dm.args.text).toContain('/invite @breachbot');
  });
});
