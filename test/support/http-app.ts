import type { AddressInfo } from 'node:net';
import type { App } from '@slack/bolt';
import type { BreachService } from '../../src/answer/breach-service.js';
import type { AppConfig } from '../../src/config/app-config.js';
import { createApp } from '../../src/slack/app.js';

type AppOptions = NonNullable<Parameters<typeof createApp>[2]>;

export interface HttpAppOptions extends AppOptions {
  /** The Slack emulator's Web API URL. */
  slackApiUrl: string;
  signingSecret: string;
  botToken?: string;
  logLevel?: AppConfig['logLevel'];
}

/**
 * The real app in HTTP mode, configured as `npm start` would be, talking to the Slack emulator and
 * listening on a free port: the Slack tests post signed requests to `url`.
 */
export async function startHttpApp(
  service: BreachService,
  { slackApiUrl, signingSecret, botToken = 'xoxb-1-test', logLevel = 'error', ...options }: HttpAppOptions,
): Promise<{ app: App; url: string }> {
  const app = createApp(
    { mode: 'http', botToken, signingSecret, port: 0, dataDir: '', logLevel, slackApiUrl },
    service,
    options,
  );
  const server = (await app.start(0)) as { address(): AddressInfo | string | null };
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the app is not listening on a TCP port');
  return { app, url: `http://127.0.0.1:${address.port}/slack/events` };
}
