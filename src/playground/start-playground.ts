import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App, Logger } from '@slack/bolt';
import type { BreachService } from '../answer/breach-service.js';
import type { AppConfig } from '../config/app-config.js';
import type { OpenDigest } from '../delivery/open-digest.js';
import { appLogger, createApp } from '../slack/app.js';
import { type AppFeatures, readAppFeatures } from './app-manifest.js';
import { createBridge } from './bridge.js';

export { playgroundDigest } from './playground-digest.js';

import { createUserClient } from './emulator/user-client.js';
import { type SlackEmulator, startSlackEmulator } from './emulator/web-api-server.js';
import { type PageServer, startPageServer } from './page-server.js';
import { PLAYGROUND_PERSON, playgroundWorkspace } from './playground-workspace.js';

/** Everything listens on loopback: the playground has no login. */
const LOOPBACK = '127.0.0.1';

export interface PlaygroundOptions {
  service: BreachService;
  /** What the app is built with besides Slack's side, which the playground makes up. */
  config: Pick<AppConfig, 'dataDir' | 'logLevel'>;
  /** The page's port; 0 picks a free one. */
  port: number;
  logger?: Logger;
  /** What the app declares (commands, shortcuts); read from manifest.yml by default. */
  features?: AppFeatures;
  /** Opens the digest against the emulator once it runs, so that `/breach digest …` works here too. */
  openDigest?: (slack: { url: string; botToken: string }) => Promise<OpenDigest>;
}

export interface Playground {
  /** The page, e.g. http://localhost:3000. */
  url: string;
  close(): Promise<void>;
}

/**
 * The real app (createApp, its listeners, Bolt's HTTP receiver with a signing secret made up for
 * this run) against the Slack emulator in this process, and a Slack-like page to use it from.
 */
export async function startPlayground(options: PlaygroundOptions): Promise<Playground> {
  const features = options.features ?? (await readAppFeatures());
  const botToken = `xoxb-playground-${randomBytes(16).toString('hex')}`;
  const signingSecret = randomBytes(32).toString('hex');
  const stops: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const stop of stops.reverse()) await stop();
  };
  try {
    const logger = options.logger ?? appLogger(options.config.logLevel);
    const emulator: SlackEmulator = await startSlackEmulator({
      ...playgroundWorkspace(features, botToken),
      // The page shows what real Slack would refuse or cut: say so where the developer looks.
      onLimitViolation: ({ where, problems }) =>
        logger.warn(`playground: Slack would refuse or cut this: ${where}: ${problems.join('; ')}`),
    });
    stops.push(() => emulator.close());
    const digest = await options.openDigest?.({ url: emulator.url, botToken });
    if (digest) stops.push(() => digest.close());
    const app: App = createApp(
      {
        mode: 'http',
        botToken,
        signingSecret,
        port: 0,
        dataDir: options.config.dataDir,
        logLevel: options.config.logLevel,
        slackApiUrl: emulator.url,
      },
      options.service,
      { logger, ...(digest && { digest }) },
    );
    const receiver = (await app.start({ port: 0, host: LOOPBACK })) as Server;
    stops.push(async () => {
      await app.stop();
    });
    const client = createUserClient(emulator, {
      app: { requestUrl: `http://${LOOPBACK}:${(receiver.address() as AddressInfo).port}/slack/events`, signingSecret },
      userId: PLAYGROUND_PERSON.id,
      commands: features.commands.map((command) => command.command),
    });
    const bridge = createBridge({ emulator, client, features });
    const page: PageServer = await startPageServer({
      bridge,
      port: options.port,
      host: LOOPBACK,
      reportError: (error: unknown) => logger.error('playground:', error),
    });
    stops.push(() => page.close());
    return { url: `http://localhost:${page.port}`, close };
  } catch (error) {
    await close();
    throw error;
  }
}
