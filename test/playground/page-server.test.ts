import { rm } from 'node:fs/promises';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Playground, startPlayground } from '../../src/playground/start-playground.js';
import {
  ACTION_SHARE_CHANNEL,
  ACTION_SHARE_INCIDENT,
  ACTION_SHARE_NOTE,
  ACTION_STEPS,
  BLOCK_SHARE_CHANNEL,
  BLOCK_SHARE_INCIDENT,
  BLOCK_SHARE_NOTE,
  SHORTCUT_SHARE,
} from '../../src/views/blocks/ids.js';
import { localConfig } from '../support/local-config.js';
import { REPO_ROOT } from '../support/paths.js';
import { answerContextFor, firstCardsDataDir } from '../support/repo-dataset.js';

const GENERAL = 'C0GENERAL1';
const TRAINING = 'C0TRAINING';
const SAM = 'U0SAM00002';

let playground: Playground;
let dataDir: string;

beforeAll(async () => {
  dataDir = await firstCardsDataDir();
  playground = await startPlayground({
    config: localConfig(dataDir, REPO_ROOT),
    cwd: REPO_ROOT,
    answerContext: await answerContextFor(dataDir),
  });
});

afterAll(async () => {
  await playground.close();
  await rm(dataDir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: Headers;
  json: Record<string, unknown>;
}

async function call(path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(`${playground.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text.startsWith('{') ? JSON.parse(text) : {} };
}

interface Screen {
  main: string;
  thread: string | null;
  modal: { key: string; html: string } | null;
}

async function screen(query: string): Promise<Screen> {
  const answer = await call(`/api/screen?${query}`);
  expect(answer.status).toBe(200);
  return answer.json as unknown as Screen;
}

/** The app answers events after acking them: wait for what it posts, with a deadline. */
async function screenWhen(query: string, ready: (screen: Screen) => boolean): Promise<Screen> {
  return vi.waitFor(
    async () => {
      const shown = await screen(query);
      if (!ready(shown)) throw new Error(`not yet: ${shown.main.slice(-300)}`);
      return shown;
    },
    { timeout: 5_000, interval: 20 },
  );
}

/** The last message article in some HTML, with its ts and the ids on its first button. */
function lastMessage(html: string) {
  const articles = [...html.matchAll(/<article [^>]*data-ts="([\d.]+)">(.*?)<\/article>/g)];
  const [, ts = '', body = ''] = articles.at(-1) ?? [];
  return { ts, body };
}

describe('the page', () => {
  it('serves the page, its script and styles with a strict content security policy', async () => {
    const page = await fetch(playground.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<script src="/playground.js" defer></script>');
    expect((await fetch(`${playground.url}/playground.js`)).headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await fetch(`${playground.url}/playground.css`)).status).toBe(200);
  });

  it('describes the workspace from the manifest: channels, the DM, the command and the shortcut', async () => {
    const { json } = await call('/api/workspace');
    expect(json).toMatchObject({
      you: { id: 'U0ALEX0001', name: 'alex' },
      channels: expect.arrayContaining([
        { id: GENERAL, name: 'general' },
        { id: 'C0SECURITY', name: 'security' },
      ]),
      directMessage: { id: 'D0ALEX0001', name: 'breachbot' },
      commands: [expect.objectContaining({ command: '/breach' })],
      shortcuts: [expect.objectContaining({ callbackId: SHORTCUT_SHARE, name: 'Share incident card' })],
    });
  });

  it('refuses what a browser tab should not send: other hosts, forms, bad JSON, unknown fields', async () => {
    // Node's fetch will not forge Host, so this one request goes out by hand.
    const port = new URL(playground.url).port;
    const forbidden = await new Promise<number>((resolve, reject) => {
      request({ host: '127.0.0.1', port, path: '/api/workspace', headers: { host: 'evil.example' } }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      })
        .on('error', reject)
        .end();
    });
    expect(forbidden).toBe(403);
    const form = await fetch(`${playground.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'channel=C0GENERAL1&text=hi',
    });
    expect(form.status).toBe(415);
    expect((await call('/api/messages', '{not json')).status).toBe(400);
    const invalid = await call('/api/messages', { channel: 'general', text: '' });
    expect(invalid.status).toBe(400);
    expect(invalid.json.error).toMatch(/channel: must be a channel id; text: must not be empty/);
    expect((await call('/api/actions', { viewId: 'V0X', blockId: 'b', actionId: 'a', extra: 1 })).status).toBe(400);
    expect((await call('/api/messages', { channel: 'C0NOTHERE1', text: 'hi' })).status).toBe(404);
    expect((await call('/api/screen?surface=channel&channel=%3Cscript%3E')).status).toBe(400);
    expect((await call('/api/nope')).status).toBe(404);
    expect((await call('/api/messages')).status).toBe(405);
    expect((await call('/api/messages', { channel: GENERAL, text: 'x'.repeat(70_000) })).status).toBe(413);
  });
});

describe('a person using the app through the page', () => {
  it('runs /breach and shows the ephemeral card; its button answers with the steps', async () => {
    expect((await call('/api/messages', { channel: GENERAL, text: '/breach helthec' })).json).toEqual({});
    const shown = await screen(`surface=channel&channel=${GENERAL}`);
    const card = lastMessage(shown.main);
    expect(card.body).toContain('<div class="bk-header">HealthEC LLC</div>');
    expect(card.body).toContain('Only visible to you');
    const blockId = new RegExp(`data-block-id="(\\w+)" data-action-id="${ACTION_STEPS}"`).exec(card.body)?.[1] ?? '';

    const click = await call('/api/actions', { channel: GENERAL, messageTs: card.ts, blockId, actionId: ACTION_STEPS });
    expect(click.status).toBe(200);
    await screenWhen(`surface=channel&channel=${GENERAL}`, (next) =>
      lastMessage(next.main).body.includes('Get an IRS Identity Protection PIN'),
    );
    expect(
      (await call('/api/actions', { channel: GENERAL, messageTs: card.ts, blockId, actionId: 'nope' })).status,
    ).toBe(404);
  });

  it('answers a mention in its thread and says which thread to open', async () => {
    const sent = await call('/api/messages', {
      channel: GENERAL,
      text: '@breachbot was ARx Patient Solutions hacked?',
    });
    const threadTs = String(sent.json.openThread);
    const shown = await screenWhen(`surface=channel&channel=${GENERAL}&thread=${threadTs}`, (next) =>
      (next.thread ?? '').includes('ARx Patient Solutions</div>'),
    );
    expect(shown.main).toContain(`data-thread-ts="${threadTs}">1 reply</button>`);
  });

  it('delivers `/breach digest preview` in #security as a slash command like any other', async () => {
    await call('/api/messages', { channel: 'C0SECURITY', text: '/breach digest preview' });
    const shown = await screenWhen('surface=channel&channel=C0SECURITY', (next) => next.main.includes('message--app'));
    expect(shown.main).not.toContain('is not a valid command');
  });

  it('opens the share modal from the shortcut, fills the picker from the app, shows errors, and shares', async () => {
    await call('/api/shortcuts', { callbackId: SHORTCUT_SHARE, channel: TRAINING });
    const opened = await screenWhen(`surface=channel&channel=${TRAINING}`, (next) => next.modal !== null);
    const viewId = /data-view-id="(V\w+)"/.exec(opened.modal?.html ?? '')?.[1] ?? '';
    expect(opened.modal?.html).toContain(`<option value="${TRAINING}" selected>#training</option>`);

    const options = await call('/api/options', {
      viewId,
      blockId: BLOCK_SHARE_INCIDENT,
      actionId: ACTION_SHARE_INCIDENT,
      value: 'healthec',
    });
    expect(options.json.options).toEqual([
      { text: expect.stringMatching(/^HealthEC LLC \(\d{4}, NJ\)$/), value: 'healthec-2023' },
    ]);

    await call('/api/views/submit', {
      viewId,
      values: { [BLOCK_SHARE_CHANNEL]: { [ACTION_SHARE_CHANNEL]: TRAINING } },
    });
    const withErrors = await screen(`surface=channel&channel=${TRAINING}`);
    expect(withErrors.modal?.html).toContain('Pick an incident from the list.');
    expect(withErrors.modal?.key).not.toBe(opened.modal?.key);

    await call('/api/views/submit', {
      viewId,
      values: {
        [BLOCK_SHARE_INCIDENT]: { [ACTION_SHARE_INCIDENT]: { text: 'HealthEC LLC', value: 'healthec-2023' } },
        [BLOCK_SHARE_CHANNEL]: { [ACTION_SHARE_CHANNEL]: TRAINING },
        [BLOCK_SHARE_NOTE]: { [ACTION_SHARE_NOTE]: 'For Monday' },
      },
    });
    const shared = await screen(`surface=channel&channel=${TRAINING}`);
    expect(shared.modal).toBeNull();
    expect(lastMessage(shared.main).body).toContain('<blockquote>For Monday</blockquote>');
    expect((await call('/api/views/close', { viewId })).status).toBe(404);
  });

  it('opens the Home tab the app publishes', async () => {
    expect((await call('/api/home', {})).status).toBe(200);
    const home = await screenWhen('surface=home', (next) => next.main.includes('Latest disclosures'));
    expect(home.main).toMatch(/^<div class="home" data-view-id="V\w+">/);
  });

  it('answers sam as sam: his card in #general is shown to him, not to alex', async () => {
    await call(`/api/messages?as=${SAM}`, { channel: GENERAL, text: '/breach helthec' });
    const samSees = await screenWhen(`surface=channel&channel=${GENERAL}&as=${SAM}`, (next) =>
      lastMessage(next.main).body.includes('<div class="bk-header">HealthEC LLC</div>'),
    );
    const card = lastMessage(samSees.main);
    expect(card.body).toContain('Only visible to you');
    expect((await screen(`surface=channel&channel=${GENERAL}`)).main).not.toContain(`data-ts="${card.ts}"`);
    const { json } = await call(`/api/workspace?as=${SAM}`);
    expect(json).toMatchObject({ you: { id: SAM, name: 'sam' }, directMessage: { id: 'D0SAM00002' } });
  });

  it('streams a change event when a message arrives', async () => {
    const controller = new AbortController();
    const response = await fetch(`${playground.url}/api/events`, { signal: controller.signal });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let received = new TextDecoder().decode((await reader.read()).value);
    await call('/api/messages', { channel: GENERAL, text: 'hello' });
    while (!received.includes('event: change')) received += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    expect(received).toContain('retry: 1000');
  });
});
