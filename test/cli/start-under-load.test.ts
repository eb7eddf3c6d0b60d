import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { postToApp, slashCommandBody } from '../../src/playground/emulator/sign-request.js';
import type { SlackEmulator } from '../../src/playground/emulator/web-api-server.js';
import { startCheckedEmulator } from '../support/checked-emulator.js';
import { REPO_ROOT } from '../support/paths.js';
import { firstCardsDataDir } from '../support/repo-dataset.js';

const SECRET = '8f742231b10e8888abcd99aaaaaa85a5';

let emulator: SlackEmulator;
let dir: string;
let dataDir: string;
let child: ChildProcess;
let output = '';
let port: number;

beforeAll(async () => {
  emulator = await startCheckedEmulator();
  dir = await mkdtemp(path.join(os.tmpdir(), 'breachbot-supervised-'));
  dataDir = await firstCardsDataDir();
  child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/breachbot.js'), 'start'], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH,
      SLACK_BOT_TOKEN: 'xoxb-1-test',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: emulator.url,
      DATA_DIR: dataDir,
      DATABASE_URL: `sqlite:${path.join(dir, 'breachbot.db')}`,
      SYNC_CRON: 'off',
      PORT: '0',
      LOG_LEVEL: 'warn',
    },
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  port = await vi.waitFor(
    () => {
      const found = /listening on port (\d+)/.exec(output)?.[1];
      if (!found) throw new Error(`not listening yet:\n${output}`);
      return Number(found);
    },
    { timeout: 20_000, interval: 50 },
  );
});

afterAll(async () => {
  if (child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
  await rm(dataDir, { recursive: true, force: true });
});

describe('`breachbot start` in HTTP mode, as a supervisor runs it', () => {
  it('survives a correctly signed request whose body is null, and still reports healthy and answers', async () => {
    const events = `http://127.0.0.1:${port}/slack/events`;
    const refused = await postToApp(events, 'null', {
      signingSecret: SECRET,
      contentType: 'application/json',
      timeoutMs: 2_000,
    });
    expect(refused.status).toBe(400);
    const form = await postToApp(events, 'payload=null', { signingSecret: SECRET, timeoutMs: 2_000 });
    expect(form.status).toBe(400);
    // Time for the crash there would have been.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(child.exitCode, output).toBeNull();
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ready: true, store: { kind: 'sqlite' }, dataset: { incidents: 2 } });
    const answer = await postToApp(events, slashCommandBody({ text: 'helthec' }), { signingSecret: SECRET });
    expect(answer.text).toContain('HealthEC LLC');
    expect(output).toContain('Health: http://localhost:');
  });
});
