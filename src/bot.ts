import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import type { AnswerContext } from './answer/answer-query.js';
import { createBreachService } from './answer/breach-service.js';
import { loadAnswerContext } from './answer/load-answer-context.js';
import type { SlackConfig } from './config/app-config.js';
import { DigestScheduler } from './delivery/digest-scheduler.js';
import { openDigest } from './delivery/open-digest.js';
import { createDigestServices } from './services/digest-commands.js';
import { appLogger, createApp, webClientOptions } from './slack/app.js';
import { checkSlackConnection } from './slack/check-connection.js';
import { slackDigestPoster } from './slack/digest-poster.js';

export interface BotOptions {
  /** What relative paths in the settings (a SQLite file) are resolved against. */
  cwd: string;
  logger?: Logger;
  /** The HTTP receiver's interface; by default every one. The playground keeps it on loopback. */
  host?: string;
  /** Data already loaded and indexed; by default it is read from the config's data folder. */
  answerContext?: AnswerContext;
}

export interface RunningBot {
  /** How many incidents it answers from. */
  incidents: number;
  /** The HTTP receiver's port (the real one when the config asked for 0); undefined in Socket Mode. */
  port: number | undefined;
  storeKind: 'sqlite' | 'postgres';
  /** Stops the schedulers, the Slack app and the store, in that order. */
  close(): Promise<void>;
}

/**
 * The composition root: settings -> store -> data -> search -> Slack app -> schedulers. `npm start`
 * runs it against Slack; the playground runs the very same against its Slack emulator.
 */
export async function startBot(config: SlackConfig, options: BotOptions): Promise<RunningBot> {
  const logger = options.logger ?? appLogger(config.logLevel);
  const client = new WebClient(config.botToken, { ...webClientOptions(config), logger });
  const identity = await checkSlackConnection(client);
  const { dataset, index } = options.answerContext ?? (await loadAnswerContext(config.dataDir));
  const digest = await openDigest({
    config: config.digest,
    cwd: options.cwd,
    dataset,
    logger,
    poster: slackDigestPoster(client),
  });
  const app = createApp(config, createBreachService(dataset, index), {
    digest: createDigestServices(digest),
    logger,
    identity,
  });
  const scheduler = new DigestScheduler({ ...digest, logger });
  let port: number | undefined;
  try {
    if (config.mode === 'http') {
      const server = (await app.start({ port: config.port, ...(options.host && { host: options.host }) })) as Server;
      port = (server.address() as AddressInfo).port;
    } else {
      await app.start();
    }
  } catch (error) {
    await digest.close();
    throw error;
  }
  // The catch-up of a digest missed while the bot was down runs in the background: answering
  // questions must not wait for it.
  void scheduler.start();
  return {
    incidents: index.size,
    port,
    storeKind: digest.store.kind,
    async close() {
      await scheduler.stop();
      await app.stop().catch((error: unknown) => logger.warn('stopping the Slack app', (error as Error).message));
      await digest.close();
    },
  };
}
