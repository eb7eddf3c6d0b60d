import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DigestSchedule } from '../../src/digest/digest-schedule.js';
import type { SlackEmulator } from '../../src/playground/emulator/web-api-server.js';
import { openStore } from '../../src/store/open-store.js';
import { startCheckedEmulator } from '../support/checked-emulator.js';
import { digestPostsPerChannel, oncePerChannel } from '../support/digest-posts.js';
import { REPO_ROOT } from '../support/paths.js';
import { firstCardsDataDir } from '../support/repo-dataset.js';

type Trap = 'kill-after-slack-posted' | 'kill-before-slack-saw-it';
/** Each case has channels of its own: the emulator keeps every channel's history for the file. */
const CASES: Record<Trap, string[]> = {
  'kill-after-slack-posted': ['C0AFTER001', 'C0AFTER002', 'C0AFTER003'],
  'kill-before-slack-saw-it': ['C0BEFORE01', 'C0BEFORE02', 'C0BEFORE03'],
};

let emulator: SlackEmulator;
let dataDir: string;
const temporary: string[] = [];

beforeAll(async () => {
  emulator = await startCheckedEmulator({
    channels: Object.fromEntries(
      Object.values(CASES)
        .flat()
        .map((id) => [id, { visibility: 'public', isMember: true }]),
    ),
  });
  dataDir = await firstCardsDataDir();
  temporary.push(dataDir);
});

afterAll(async () => {
  await emulator.close();
  for (const dir of temporary) await rm(dir, { recursive: true, force: true });
});

/**
 * Stands between the bot and the emulator. When the bot posts the digest to the victim it kills the
 * bot's process with SIGKILL: after Slack has taken the post (so the bot never hears back and never
 * records it), or before Slack sees it at all.
 */
async function startTrap(trap: Trap, victimChannel: string, victim: () => ChildProcess | undefined) {
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const body = Buffer.concat(chunks);
      const isVictimPost =
        request.url?.endsWith('/chat.postMessage') &&
        new URLSearchParams(body.toString()).get('channel') === victimChannel;
      if (isVictimPost && trap === 'kill-before-slack-saw-it') {
        victim()?.kill('SIGKILL');
        return;
      }
      const upstream = await fetch(new URL(request.url?.replace(/^\/api\//, '') ?? '', emulator.url), {
        method: request.method ?? 'POST',
        headers: Object.fromEntries(
          Object.entries(request.headers).filter(([name]) => ['content-type', 'authorization'].includes(name)),
        ) as Record<string, string>,
        body: request.method === 'GET' ? undefined : body,
      });
      if (isVictimPost && trap === 'kill-after-slack-posted') {
        victim()?.kill('SIGKILL');
        return;
      }
      response.writeHead(upstream.status, {
        'content-type': upstream.headers.get('content-type') ?? 'application/json',
      });
      response.end(Buffer.from(await upstream.arrayBuffer()));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function runDigest(env: NodeJS.ProcessEnv, onStart: (child: ChildProcess) => void = () => undefined) {
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }>((resolve) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/breachbot.js'), 'digest', 'run'], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH, ...env },
    });
    onStart(child);
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.on('exit', (code, signal) => resolve({ code, signal, stdout }));
  });
}

/** This case's channels only: the emulator keeps the other case's posts too. */
function digestPosts(period: string, channels: readonly string[]): Record<string, number> {
  return Object.fromEntries(
    Object.entries(digestPostsPerChannel(emulator, period)).filter(([channel]) => channels.includes(channel)),
  );
}

describe('breachbot digest run, killed in the middle and started again', () => {
  it.each<Trap>(['kill-after-slack-posted', 'kill-before-slack-saw-it'])(
    '%s: every channel gets the digest exactly once',
    async (trap) => {
      const CHANNELS = CASES[trap];
      const [first, victim, last] = CHANNELS as [string, string, string];
      const dir = await mkdtemp(path.join(os.tmpdir(), 'breachbot-crash-'));
      temporary.push(dir);
      const databaseFile = path.join(dir, 'breachbot.db');
      const store = await openStore(`sqlite:${databaseFile}`);
      for (const channel of CHANNELS) await store.subscribe(channel, 'U1', 0);
      await store.close();

      let child: ChildProcess | undefined;
      const proxy = await startTrap(trap, victim, () => child);
      const env = {
        SLACK_BOT_TOKEN: 'xoxb-1-test',
        SLACK_SIGNING_SECRET: '8f742231b10e8888abcd99aaaaaa85a5',
        DATA_DIR: dataDir,
        DATABASE_URL: `sqlite:${databaseFile}`,
        LOG_LEVEL: 'error',
      };
      const schedule = new DigestSchedule('0 9 * * 1', 'UTC');
      const period = schedule.periodFor(schedule.lastFireAtOrBefore(new Date()) as Date).key;

      const killed = await runDigest({ ...env, SLACK_API_URL: proxy.url }, (started) => {
        child = started;
      });
      await proxy.close();
      expect(killed.signal).toBe('SIGKILL');
      expect(digestPosts(period, CHANNELS)[first]).toBe(1);
      expect(digestPosts(period, CHANNELS)[last]).toBeUndefined();

      // Ten minutes later: the dead run's delivery lease has run out.
      const db = new Database(databaseFile);
      db.prepare("UPDATE deliveries SET lease_until = 0 WHERE state = 'sending'").run();
      db.close();

      const restarted = await runDigest({ ...env, SLACK_API_URL: emulator.url });
      expect(restarted.code, restarted.stdout).toBe(0);
      expect(restarted.stdout).toContain(
        trap === 'kill-after-slack-posted' ? `${victim}: had been posted by an interrupted run` : `${victim}: posted`,
      );
      expect(digestPosts(period, CHANNELS)).toEqual(oncePerChannel(CHANNELS));

      const again = await runDigest({ ...env, SLACK_API_URL: emulator.url });
      expect(again.code).toBe(0);
      expect(again.stdout).toContain(`${victim}: already had it`);
      expect(digestPosts(period, CHANNELS)).toEqual(oncePerChannel(CHANNELS));
    },
  );
});
