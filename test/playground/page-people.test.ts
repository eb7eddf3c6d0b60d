import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readAppFeatures } from '../../src/playground/app-manifest.js';
import { createBridge } from '../../src/playground/bridge.js';
import { createUserClient } from '../../src/playground/emulator/user-client.js';
import type { SlackEmulator } from '../../src/playground/emulator/web-api-server.js';
import { type PageServer, startPageServer } from '../../src/playground/page-server.js';
import { PLAYGROUND_PEOPLE, playgroundWorkspace } from '../../src/playground/playground-workspace.js';
import { SHORTCUT_SHARE } from '../../src/views/blocks/ids.js';
import { startCheckedEmulator } from '../support/checked-emulator.js';
import { silentLogger } from '../support/silent-logger.js';

const BOT_TOKEN = 'xoxb-page-people-test';
const ALEX = 'U0ALEX0001';
const SAM = 'U0SAM00002';
const GENERAL = 'C0GENERAL1';
const CSV = 'person,answer,right\nalex,B,yes\nsam,C,no\n';

/** What the stand-in app was sent: the person it came from, and what it was. */
interface Delivery {
  user: unknown;
  kind: unknown;
  body: Record<string, unknown>;
}

/**
 * A stand-in for the app: it records who each request came from, and opens a modal with a
 * shortcut's trigger, as the real app's share shortcut does.
 */
async function startStandInApp(bot: () => WebClient) {
  const deliveries: Delivery[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const form = Object.fromEntries(new URLSearchParams(raw));
    const body: Record<string, unknown> = String(req.headers['content-type']).startsWith('application/json')
      ? JSON.parse(raw)
      : typeof form.payload === 'string'
        ? JSON.parse(form.payload)
        : form;
    const event = body.event as Record<string, unknown> | undefined;
    const user = body.user as Record<string, unknown> | undefined;
    deliveries.push({
      user: event?.user ?? user?.id ?? body.user_id,
      kind: event?.type ?? body.type ?? body.command,
      body,
    });
    if (body.type === 'shortcut') {
      await bot().views.open({
        trigger_id: String(body.trigger_id),
        view: {
          type: 'modal',
          callback_id: 'stand_in',
          title: { type: 'plain_text', text: 'Stand-in' },
          submit: { type: 'plain_text', text: 'Send' },
          blocks: [{ type: 'section', text: { type: 'plain_text', text: 'A modal' } }],
        },
      });
    }
    res.writeHead(200).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`,
    deliveries,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

let emulator: SlackEmulator;
let app: Awaited<ReturnType<typeof startStandInApp>>;
let page: PageServer;
let bot: WebClient;

beforeAll(async () => {
  const features = await readAppFeatures();
  emulator = await startCheckedEmulator({ ...playgroundWorkspace(features, BOT_TOKEN), record: true });
  bot = new WebClient(BOT_TOKEN, { slackApiUrl: emulator.url, retryConfig: { retries: 0 }, logger: silentLogger });
  app = await startStandInApp(() => bot);
  const clients = PLAYGROUND_PEOPLE.map((person) =>
    createUserClient(emulator, {
      app: { requestUrl: app.url, signingSecret: 'stand-in-secret' },
      userId: person.id,
      commands: features.commands.map((command) => command.command),
    }),
  );
  page = await startPageServer({
    bridge: createBridge({ emulator, clients, features, timeZone: 'UTC' }),
    port: 0,
    host: '127.0.0.1',
  });
});

beforeEach(() => {
  app.deliveries.length = 0;
});

afterAll(async () => {
  await page?.close();
  await app?.close();
  await emulator?.close();
});

/** A page request as `person`, the way the page sends it: `?as=` on every request. */
async function call(path: string, person: string | undefined, body?: unknown) {
  const url = new URL(path, `http://localhost:${page.port}`);
  if (person) url.searchParams.set('as', person);
  const response = await fetch(url, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    json: (text.startsWith('{') ? JSON.parse(text) : {}) as Record<string, unknown>,
  };
}

async function main(query: string, person: string): Promise<string> {
  const answer = await call(`/api/screen?${query}`, person);
  expect(answer.status).toBe(200);
  return String(answer.json.main);
}

describe('the person the page acts as', () => {
  it('is named by ?as=, alex when it is not, and must be one of the people', async () => {
    const sam = await call('/api/workspace', SAM);
    expect(sam.json).toMatchObject({
      you: { id: SAM, name: 'sam' },
      directMessage: { id: 'D0SAM00002' },
      people: [
        { id: ALEX, name: 'alex', directMessage: 'D0ALEX0001' },
        { id: SAM, name: 'sam', directMessage: 'D0SAM00002' },
      ],
    });
    expect((await call('/api/workspace', undefined)).json.you).toEqual({ id: ALEX, name: 'alex' });
    expect((await call('/api/workspace', 'U0NOBODY01')).status).toBe(400);
    expect((await call('/api/screen?surface=home', '<script>')).status).toBe(400);
    expect((await call('/api/messages', 'U0NOBODY01', { channel: GENERAL, text: 'hi' })).status).toBe(400);
  });

  it('sends what the page does as that person: commands, messages, clicks, Home, shortcuts and modals', async () => {
    await call('/api/messages', SAM, { channel: GENERAL, text: '/breach helthec' });
    await call('/api/messages', SAM, { channel: 'D0SAM00002', text: 'hello' });
    await call('/api/home', SAM, {});
    const posted = await bot.chat.postMessage({
      channel: GENERAL,
      text: 'A button',
      blocks: [
        {
          type: 'actions',
          block_id: 'b1',
          elements: [{ type: 'button', action_id: 'press', text: { type: 'plain_text', text: 'Press' } }],
        },
      ],
    });
    await call('/api/actions', SAM, { channel: GENERAL, messageTs: posted.ts, blockId: 'b1', actionId: 'press' });
    expect((await call('/api/shortcuts', SAM, { callbackId: SHORTCUT_SHARE, channel: GENERAL })).status).toBe(200);

    expect(app.deliveries.map(({ user, kind }) => [user, kind])).toEqual([
      [SAM, '/breach'],
      [SAM, 'message'],
      [SAM, 'app_home_opened'],
      [SAM, 'block_actions'],
      [SAM, 'shortcut'],
    ]);
    expect(app.deliveries[0]?.body).toMatchObject({ user_name: 'sam', channel_id: GENERAL });

    const samsModal = (await call(`/api/screen?surface=channel&channel=${GENERAL}`, SAM)).json.modal as {
      html: string;
    };
    const viewId = /data-view-id="(V\w+)"/.exec(samsModal.html)?.[1];
    expect((await call(`/api/screen?surface=channel&channel=${GENERAL}`, ALEX)).json.modal).toBeNull();
    expect((await call('/api/views/submit', ALEX, { viewId, values: {} })).status).toBe(404);
    expect((await call('/api/views/submit', SAM, { viewId, values: {} })).status).toBe(200);
    expect(app.deliveries.at(-1)).toMatchObject({ user: SAM, kind: 'view_submission' });
  });

  it('shows each person only their own ephemeral messages, their own DM and their own Home tab', async () => {
    await bot.chat.postEphemeral({ channel: GENERAL, user: ALEX, text: 'Right answer, alex' });
    await bot.chat.postMessage({ channel: 'D0ALEX0001', text: 'Only in alex’s DM' });
    await bot.chat.postMessage({ channel: 'D0SAM00002', text: 'Only in sam’s DM' });
    await bot.views.publish({
      user_id: ALEX,
      view: { type: 'home', blocks: [{ type: 'section', text: { type: 'plain_text', text: 'Alex’s home' } }] },
    });

    expect(await main(`surface=channel&channel=${GENERAL}`, ALEX)).toContain('Right answer, alex');
    expect(await main(`surface=channel&channel=${GENERAL}`, SAM)).not.toContain('Right answer, alex');
    expect(await main('surface=channel&channel=D0ALEX0001', ALEX)).toContain('Only in alex’s DM');
    expect((await call('/api/screen?surface=channel&channel=D0ALEX0001', SAM)).status).toBe(404);
    expect((await call('/api/messages', SAM, { channel: 'D0ALEX0001', text: 'hi' })).status).toBe(404);
    const samsDm = await main('surface=channel&channel=D0SAM00002', SAM);
    expect(samsDm).toContain('Only in sam’s DM');
    expect(samsDm).not.toContain('alex’s DM');
    expect(await main('surface=home', ALEX)).toContain('Alex’s home');
    expect(await main('surface=home', SAM)).toBe('<div class="home home--empty">Opening the Home tab…</div>');
  });
});

describe('a file the app sends to a DM', () => {
  it('shows as a download link, escaped, that serves the bytes to that person only', async () => {
    const dm = await bot.conversations.open({ users: ALEX });
    await bot.filesUploadV2({
      channel_id: String(dm.channel?.id),
      file: Buffer.from(CSV),
      filename: 'quiz-results.csv',
      title: 'Quiz <b>results</b>',
      initial_comment: 'Your quiz results',
    });
    const fileId = String(emulator.fileUploads.at(-1)?.fileId);

    const shown = await main('surface=channel&channel=D0ALEX0001', ALEX);
    const href = `/files/${fileId}/quiz-results.csv?as=${ALEX}`;
    expect(shown).toContain('<div class="message-text">Your quiz results</div>');
    expect(shown).toContain(
      `<a class="file-title" href="${href}" download="quiz-results.csv">Quiz &lt;b&gt;results&lt;/b&gt;</a>`,
    );
    expect(shown).toContain(`<div class="file-meta">quiz-results.csv · CSV · ${Buffer.byteLength(CSV)} B</div>`);

    const download = await call(href, undefined);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('text/csv');
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="quiz-results.csv"; filename*=UTF-8''quiz-results.csv`,
    );
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.text).toBe(CSV);

    expect((await call(`/files/${fileId}/quiz-results.csv`, SAM)).status).toBe(404);
    expect((await call('/files/F0NOSUCH01/x.csv', ALEX)).status).toBe(404);
  });
});
