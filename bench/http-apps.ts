/** The two apps the HTTP benchmark compares, started in their own process (bench/http-app-process.ts). */
import { copyFile, cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, LogLevel } from '@slack/bolt';
import { createBreachService } from '../src/answer/breach-service.js';
import { readAppConfig } from '../src/config/app-config.js';
import { loadDataset } from '../src/dataset/load-dataset.js';
import { runImport } from '../src/incidents/import/run-import.js';
import { startSlackEmulator } from '../src/playground/emulator/web-api-server.js';
import { createApp } from '../src/slack/app.js';
import { type AppReady, type AppStart, BARE_REPLY } from './http-protocol.js';

const REPO_DATA_DIR = fileURLToPath(new URL('../data', import.meta.url));
const BOT_TOKEN = 'xoxb-1-bench';

/**
 * The shipped cards and guidance plus the HHS file, merged exactly as `npm start` would after
 * `breachbot import hhs`: the real import into a temporary DATA_DIR (the repository's data/ stays
 * untouched), then the app's dataset loader.
 */
async function loadFullDataset(dataDir: string, hhsCsv: string) {
  await cp(path.join(REPO_DATA_DIR, 'incidents'), path.join(dataDir, 'incidents'), { recursive: true });
  await copyFile(path.join(REPO_DATA_DIR, 'guidance.yaml'), path.join(dataDir, 'guidance.yaml'));
  const report = await runImport({ source: 'hhs-ocr', from: hhsCsv, dataDir, cwd: process.cwd() });
  if (!report.file) throw new Error(`the HHS import of ${hhsCsv} imported nothing`);
  const { dataset, problems, counts } = await loadDataset(dataDir);
  if (!dataset || problems.length > 0) {
    throw new Error(`the merged dataset is invalid: ${problems.length} problems, first ${JSON.stringify(problems[0])}`);
  }
  return { dataset, counts };
}

async function startBreachbot(message: AppStart, slackApiUrl: string) {
  const setupStart = performance.now();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'breachbot-bench-http-'));
  try {
    const loaded = await loadFullDataset(dataDir, message.hhsCsv);
    const service = createBreachService(loaded.dataset);
    const dataset = { records: loaded.dataset.incidents.length, ...loaded.counts, setupMs: 0 };
    // Configured the way `npm start` reads its environment in HTTP mode. No store is opened, so the
    // digest commands are off; `/breach <query>` never touches them.
    const config = readAppConfig(
      {
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: message.signingSecret,
        SLACK_API_URL: slackApiUrl,
        PORT: '0',
        LOG_LEVEL: 'error',
        DATA_DIR: dataDir,
      },
      process.cwd(),
    );
    if (config.mode !== 'http') throw new Error(`expected an HTTP-mode config, got ${config.mode}`);
    dataset.setupMs = performance.now() - setupStart;
    return { app: createApp(config, service), dataset, dataDir };
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

function startBareBolt(message: AppStart, slackApiUrl: string): App {
  const app = new App({
    token: BOT_TOKEN,
    signingSecret: message.signingSecret,
    endpoints: '/slack/events',
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl },
  });
  app.command('/breach', async ({ ack }) => {
    await ack(BARE_REPLY);
  });
  return app;
}

export async function startBenchApp(message: AppStart): Promise<{ ready: AppReady; stop: () => Promise<void> }> {
  // Both apps check their token with one auth.test, which Bolt then caches: the Slack emulator answers it.
  const emulator = await startSlackEmulator();
  let app: App;
  let dataset: AppReady['dataset'];
  let dataDir: string | undefined;
  if (message.app === 'breachbot') {
    ({ app, dataset, dataDir } = await startBreachbot(message, emulator.url));
  } else {
    app = startBareBolt(message, emulator.url);
  }
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as { address(): { port: number } | string | null };
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the app is not listening on a TCP port');
  return {
    ready: { type: 'ready', port: address.port, ...(dataset && { dataset }) },
    stop: async () => {
      await app.stop();
      await emulator.close();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
