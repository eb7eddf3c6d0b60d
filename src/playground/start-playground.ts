import { randomBytes } from 'node:crypto';
import type { Logger } from '@slack/bolt';
import type { AnswerContext } from '../answer/answer-query.js';
import { startBot } from '../bot.js';
import type { AppConfig } from '../config/app-config.js';
import { appLogger } from '../slack/app.js';
import { type AppFeatures, readAppFeatures } from './app-manifest.js';
import { createBridge } from './bridge.js';
import { createUserClient } from './emulator/user-client.js';
import { startSlackEmulator } from './emulator/web-api-server.js';
import { startPageServer } from './page-server.js';
import { PLAYGROUND_PEOPLE, playgroundWorkspace } from './playground-workspace.js';

/** Everything listens on loopback: the playground has no login. */
const LOOPBACK = '127.0.0.1';

export interface PlaygroundOptions {
  /** The local settings: the page's port, the data folder, the log level, the digest's schedule. */
  config: Extract<AppConfig, { mode: 'local' }>;
  cwd: string;
  logger?: Logger;
  /** What the app declares (commands, shortcuts); read from manifest.yml by default. */
  features?: AppFeatures;
  /** Data already loaded and indexed; by default the bot reads the config's data folder. */
  answerContext?: AnswerContext;
}

export interface Playground {
  /** The page, e.g. http://localhost:3000. */
  url: string;
  incidents: number;
  close(): Promise<void>;
}

/**
 * The real bot (the same composition as `npm start`: store, data, search, Bolt's HTTP receiver with a
 * signing secret made up for this run, the digest's scheduler) against the Slack emulator in this
 * process, and a Slack-like page to use it from. The store is in memory: the playground's made-up
 * channels must never reach a real store.
 */
export async function startPlayground(options: PlaygroundOptions): Promise<Playground> {
  const { config } = options;
  const features = options.features ?? (await readAppFeatures());
  const botToken = `xoxb-playground-${randomBytes(16).toString('hex')}`;
  const signingSecret = randomBytes(32).toString('hex');
  const stops: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const stop of stops.reverse()) await stop();
  };
  try {
    const logger = options.logger ?? appLogger(config.logLevel);
    const emulator = await startSlackEmulator({
      ...playgroundWorkspace(features, botToken),
      // The page shows what real Slack would refuse or cut: say so where the developer looks.
      onLimitViolation: ({ where, problems }) =>
        logger.warn(`playground: Slack would refuse or cut this: ${where}: ${problems.join('; ')}`),
    });
    stops.push(() => emulator.close());
    const bot = await startBot(
      {
        ...config,
        mode: 'http',
        botToken,
        signingSecret,
        port: 0,
        slackApiUrl: emulator.url,
        digest: { ...config.digest, databaseUrl: 'sqlite::memory:' },
      },
      {
        cwd: options.cwd,
        logger,
        host: LOOPBACK,
        ...(options.answerContext && { answerContext: options.answerContext }),
      },
    );
    stops.push(() => bot.close());
    const clients = PLAYGROUND_PEOPLE.map((person) =>
      createUserClient(emulator, {
        app: { requestUrl: `http://${LOOPBACK}:${bot.port}/slack/events`, signingSecret },
        userId: person.id,
        commands: features.commands.map((command) => command.command),
      }),
    );
    const page = await startPageServer({
      bridge: createBridge({ emulator, clients, features }),
      port: config.port,
      host: LOOPBACK,
      reportError: (error: unknown) => logger.error('playground:', error),
    });
    stops.push(() => page.close());
    return { url: `http://localhost:${page.port}`, incidents: bot.incidents, close };
  } catch (error) {
    await close();
    throw error;
  }
}
