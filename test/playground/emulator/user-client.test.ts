import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySlackRequest } from '@slack/bolt';
import { LogLevel, WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUserClient, type UserClient } from '../../../src/playground/emulator/user-client.js';
import type { SlackEmulator } from '../../../src/playground/emulator/web-api-server.js';
import { startCheckedEmulator } from '../../support/checked-emulator.js';

const SECRET = 'b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6';
const PERSON = 'U0ALEX0001';
const GENERAL = 'C0GENERAL1';
const BOT = 'U0BOT00001';

interface Delivery {
  contentType: string;
  /** The form fields, or the JSON body. */
  body: Record<string, unknown>;
  /** The JSON in a form's `payload` field (interactions and options). */
  payload: Record<string, unknown> | undefined;
}

type Reply = { status?: number; json?: unknown; text?: string; delayMs?: number };

/** A stand-in app: checks Slack's signature on every request, records it, and answers as told. */
async function startRecordingApp(): Promise<{
  url: string;
  deliveries: Delivery[];
  reply: (next: Reply) => void;
  close: () => Promise<void>;
}> {
  const deliveries: Delivery[] = [];
  const replies: Reply[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    verifySlackRequest({
      signingSecret: SECRET,
      body: raw,
      headers: {
        'x-slack-signature': String(req.headers['x-slack-signature']),
        'x-slack-request-timestamp': Number(req.headers['x-slack-request-timestamp']),
      },
    });
    const contentType = String(req.headers['content-type']);
    const body = contentType.startsWith('application/json')
      ? (JSON.parse(raw) as Record<string, unknown>)
      : Object.fromEntries(new URLSearchParams(raw));
    const payload =
      typeof body.payload === 'string' ? (JSON.parse(body.payload) as Record<string, unknown>) : undefined;
    deliveries.push({ contentType, body, payload });
    const reply = replies.shift() ?? {};
    if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
    if (res.destroyed) return;
    if (reply.json !== undefined) {
      res.writeHead(reply.status ?? 200, { 'content-type': 'application/json' }).end(JSON.stringify(reply.json));
    } else {
      res.writeHead(reply.status ?? 200).end(reply.text ?? '');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`,
    deliveries,
    reply: (next) => replies.push(next),
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

let emulator: SlackEmulator;
let app: Awaited<ReturnType<typeof startRecordingApp>>;
let person: UserClient;
let bot: WebClient;

beforeEach(async () => {
  emulator = await startCheckedEmulator({
    botUserId: BOT,
    channels: {
      [GENERAL]: { visibility: 'public', name: 'general' },
      C0QUIET001: { visibility: 'public', isMember: false },
    },
    users: { [PERSON]: { name: 'alex' } },
  });
  app = await startRecordingApp();
  person = createUserClient(emulator, {
    app: { requestUrl: app.url, signingSecret: SECRET },
    userId: PERSON,
    commands: ['/breach'],
    ackTimeoutMs: 300,
  });
  bot = new WebClient('xoxb-1-test', {
    slackApiUrl: emulator.url,
    retryConfig: { retries: 0 },
    logLevel: LogLevel.ERROR,
  });
});

afterEach(async () => {
  await app.close();
  await emulator.close();
});

const last = () => app.deliveries.at(-1) as Delivery;
const timeline = () => emulator.conversations.timeline(GENERAL, PERSON);

async function postToResponseUrl(url: unknown, body: unknown): Promise<number> {
  const response = await fetch(String(url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return response.status;
}

describe('slash commands', () => {
  it('are posted signed and form-encoded, with the typed text escaped as Slack escapes it', async () => {
    app.reply({ json: { response_type: 'ephemeral', text: 'Only you see this' } });
    await person.runCommand({ channel: GENERAL, command: '/breach', text: 'at&t <script>' });
    expect(last().contentType).toBe('application/x-www-form-urlencoded');
    expect(last().body).toMatchObject({
      command: '/breach',
      text: 'at&amp;t &lt;script&gt;',
      user_id: PERSON,
      user_name: 'alex',
      channel_id: GENERAL,
      channel_name: 'general',
      response_url: expect.stringMatching(/\/response-url\/R\w+$/),
      trigger_id: expect.any(String),
    });
    expect(timeline()).toEqual([expect.objectContaining({ text: 'Only you see this', visibleTo: PERSON, user: BOT })]);
  });

  it('show an in_channel ack to everyone, and a plain-text ack to the person only', async () => {
    app.reply({ json: { response_type: 'in_channel', text: 'For all' } });
    await person.runCommand({ channel: GENERAL, command: '/breach', text: 'latest' });
    app.reply({ text: 'Just text' });
    await person.runCommand({ channel: GENERAL, command: '/breach', text: 'latest' });
    expect(timeline().map((message) => [message.text, message.visibleTo])).toEqual([
      ['For all', undefined],
      ['Just text', PERSON],
    ]);
  });

  it('answer at the response_url: ephemeral unless in_channel, five posts at most', async () => {
    await person.runCommand({ channel: GENERAL, command: '/breach', text: 'digest preview' });
    const url = last().body.response_url;
    expect(await postToResponseUrl(url, { text: 'Preview, for you' })).toBe(200);
    expect(await postToResponseUrl(url, { response_type: 'in_channel', text: 'Posted' })).toBe(200);
    expect(timeline().map((message) => [message.text, message.visibleTo])).toEqual([
      ['Preview, for you', PERSON],
      ['Posted', undefined],
    ]);
    for (let post = 3; post <= 5; post++) await postToResponseUrl(url, { text: `post ${post}` });
    expect(await postToResponseUrl(url, { text: 'one too many' })).toBe(404);
  });

  it('say what Slack says when the command is unknown, or the app fails or is too slow', async () => {
    await person.runCommand({ channel: GENERAL, command: '/nope', text: '' });
    app.reply({ status: 500 });
    await person.runCommand({ channel: GENERAL, command: '/breach', text: 'x' });
    app.reply({ delayMs: 1_000 });
    await person.runCommand({ channel: GENERAL, command: '/breach', text: 'x' });
    expect(timeline().map((message) => [message.user, message.text, message.visibleTo])).toEqual([
      ['USLACKBOT', expect.stringContaining('`/nope` is not a valid command'), PERSON],
      ['USLACKBOT', '/breach failed with the error "dispatch_failed"', PERSON],
      ['USLACKBOT', '/breach failed with the error "operation_timeout"', PERSON],
    ]);
    expect(app.deliveries).toHaveLength(2);
  });
});

describe('messages', () => {
  it('deliver a mention as a signed JSON app_mention event, with @name turned into the bot’s id', async () => {
    const message = await person.sendMessage({ channel: GENERAL, text: '@breachbot was <HealthEC> hacked?' });
    expect(last().contentType).toBe('application/json');
    expect(last().body).toMatchObject({
      type: 'event_callback',
      event_id: expect.stringMatching(/^Ev/),
      authorizations: [expect.objectContaining({ user_id: BOT, is_bot: true })],
      event: {
        type: 'app_mention',
        user: PERSON,
        channel: GENERAL,
        ts: message.ts,
        text: `<@${BOT}> was &lt;HealthEC&gt; hacked?`,
      },
    });
  });

  it('deliver a DM as message.im, thread replies with thread_ts, and nothing for a channel message without a mention', async () => {
    await person.sendMessage({ channel: GENERAL, text: 'lunch?' });
    expect(app.deliveries).toHaveLength(0);
    const question = await person.sendMessage({ channel: 'D0ALEX0001', text: 'steps ssn' });
    expect(last().body.event).toMatchObject({
      type: 'message',
      channel_type: 'im',
      channel: 'D0ALEX0001',
      text: 'steps ssn',
    });
    await person.sendMessage({ channel: 'D0ALEX0001', text: 'and medical?', threadTs: question.ts });
    expect(last().body.event).toMatchObject({ thread_ts: question.ts });
  });

  it('tell the person when the bot is not in the channel instead of delivering the mention', async () => {
    await person.sendMessage({ channel: 'C0QUIET001', text: '@breachbot hello' });
    expect(app.deliveries).toHaveLength(0);
    expect(emulator.conversations.timeline('C0QUIET001', PERSON).at(-1)).toMatchObject({
      user: 'USLACKBOT',
      text: expect.stringContaining("they're not in this channel"),
    });
  });
});

describe('buttons', () => {
  const blocks = [
    {
      type: 'actions',
      block_id: 'card',
      elements: [
        {
          type: 'button',
          action_id: 'show_steps',
          value: 'healthec-2023',
          text: { type: 'plain_text', text: 'Steps' },
        },
      ],
    },
  ];

  it('send block_actions with what the message holds, and replace it at the response_url unless told not to', async () => {
    const posted = await bot.chat.postMessage({ channel: GENERAL, text: 'card', blocks });
    await person.clickButton({
      channel: GENERAL,
      messageTs: posted.ts as string,
      blockId: 'card',
      actionId: 'show_steps',
    });
    const { payload } = last();
    expect(payload).toMatchObject({
      type: 'block_actions',
      user: { id: PERSON, name: 'alex' },
      container: { type: 'message', message_ts: posted.ts, channel_id: GENERAL, is_ephemeral: false },
      channel: { id: GENERAL, name: 'general' },
      message: { ts: posted.ts, text: 'card', blocks: [expect.objectContaining({ block_id: 'card' })] },
      actions: [{ type: 'button', block_id: 'card', action_id: 'show_steps', value: 'healthec-2023' }],
    });
    expect(await postToResponseUrl(payload?.response_url, { replace_original: false, text: 'New, for you' })).toBe(200);
    expect(await postToResponseUrl(payload?.response_url, { text: 'Replaced' })).toBe(200);
    expect(timeline().map((message) => [message.text, message.visibleTo])).toEqual([
      ['Replaced', undefined],
      ['New, for you', PERSON],
    ]);
    await postToResponseUrl(payload?.response_url, { delete_original: true });
    expect(timeline().map((message) => message.text)).toEqual(['New, for you']);
  });

  it('on an ephemeral message say so and leave the message out, as Slack does', async () => {
    await bot.chat.postEphemeral({ channel: GENERAL, user: PERSON, text: 'card', blocks });
    const [ephemeral] = timeline();
    await person.clickButton({
      channel: GENERAL,
      messageTs: ephemeral?.ts as string,
      blockId: 'card',
      actionId: 'show_steps',
    });
    expect(last().payload?.container).toMatchObject({ is_ephemeral: true });
    expect(last().payload).not.toHaveProperty('message');
    await expect(
      person.clickButton({ channel: GENERAL, messageTs: ephemeral?.ts as string, blockId: 'card', actionId: 'nope' }),
    ).rejects.toThrow(/no element nope/);
  });
});

describe('the Home tab, shortcuts and modals', () => {
  const plain = (text: string) => ({ type: 'plain_text', text });
  const modal = {
    type: 'modal',
    callback_id: 'share_incident_modal',
    title: { type: 'plain_text', text: 'Share' },
    submit: { type: 'plain_text', text: 'Share' },
    blocks: [
      {
        type: 'input',
        block_id: 'incident',
        label: plain('Incident'),
        element: { type: 'external_select', action_id: 'pick' },
      },
      {
        type: 'input',
        block_id: 'channel',
        label: plain('Channel'),
        element: { type: 'conversations_select', action_id: 'where' },
      },
      {
        type: 'input',
        block_id: 'note',
        optional: true,
        label: plain('Note'),
        element: { type: 'plain_text_input', action_id: 'text' },
      },
    ],
  };

  async function openModal(): Promise<string> {
    await person.runShortcut({ callbackId: 'share_incident_card', channel: GENERAL });
    expect(last().payload).toMatchObject({
      type: 'shortcut',
      callback_id: 'share_incident_card',
      user: { id: PERSON },
    });
    const opened = await bot.views.open({ trigger_id: String(last().payload?.trigger_id), view: modal as never });
    return opened.view?.id as string;
  }

  it('send app_home_opened with the DM channel, and show what the app publishes', async () => {
    await person.openAppHome('home');
    expect(last().body.event).toEqual(
      expect.objectContaining({ type: 'app_home_opened', user: PERSON, channel: 'D0ALEX0001', tab: 'home' }),
    );
    await bot.views.publish({ user_id: PERSON, view: { type: 'home', blocks: [{ type: 'divider' }] } });
    expect(emulator.views.home(PERSON)?.view.blocks).toEqual([expect.objectContaining({ type: 'divider' })]);
  });

  it('ask the app for options as the person types, with the view', async () => {
    const viewId = await openModal();
    app.reply({
      json: { options: [{ text: { type: 'plain_text', text: 'HealthEC LLC (2023, NJ)' }, value: 'healthec-2023' }] },
    });
    const options = await person.loadOptions({ viewId, blockId: 'incident', actionId: 'pick', value: 'healthec' });
    expect(last().payload).toMatchObject({
      type: 'block_suggestion',
      action_id: 'pick',
      block_id: 'incident',
      value: 'healthec',
      view: { id: viewId },
    });
    expect(options).toEqual([{ text: 'HealthEC LLC (2023, NJ)', value: 'healthec-2023' }]);
  });

  it('submit the state Slack builds from the form, show the app’s errors, and close on a bare ack', async () => {
    const viewId = await openModal();
    app.reply({ json: { response_action: 'errors', errors: { channel: 'Pick a channel to share in.' } } });
    await person.submitView({
      viewId,
      values: { incident: { pick: { text: 'HealthEC LLC', value: 'healthec-2023' } }, channel: { where: null } },
    });
    expect(last().payload).toMatchObject({
      type: 'view_submission',
      view: {
        id: viewId,
        callback_id: 'share_incident_modal',
        state: {
          values: {
            incident: { pick: { type: 'external_select', selected_option: { value: 'healthec-2023' } } },
            channel: { where: { type: 'conversations_select', selected_conversation: null } },
            note: { text: { type: 'plain_text_input', value: null } },
          },
        },
      },
    });
    expect(emulator.views.topModal(PERSON)).toMatchObject({
      id: viewId,
      errors: { channel: 'Pick a channel to share in.' },
    });

    await person.submitView({ viewId, values: { channel: { where: GENERAL } } });
    expect(emulator.views.topModal(PERSON)).toBeUndefined();
  });

  it('keep the modal open with Slack’s own message when the app does not answer', async () => {
    const viewId = await openModal();
    app.reply({ status: 500 });
    await person.submitView({ viewId, values: {} });
    expect(emulator.views.topModal(PERSON)?.problem).toBe('We had some trouble connecting. Try again?');
  });
});
