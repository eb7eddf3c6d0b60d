import { App, type Logger, LogLevel } from '@slack/bolt';
import { ConsoleLogger } from '@slack/logger';
import type { BreachService } from '../answer/breach-service.js';
import type { AppConfig, SlackConfig } from '../config/app-config.js';
import type { DigestServices } from '../services/digest-commands.js';
import type { SourceStatus } from '../services/source-status.js';
import { EventDeduper } from './event-deduper.js';
import { registerListeners } from './listeners/index.js';

/** What the Bolt app needs of the config: the Slack connection (the digest's and sync's settings are the caller's). */
type SlackConnection = SlackConfig extends infer C ? (C extends unknown ? Omit<C, 'digest' | 'sync'> : never) : never;

export interface BotIdentity {
  botId: string;
  botUserId: string;
}

/** The Web API client's settings, shared by the app and `breachbot digest run`. */
export function webClientOptions(config: Pick<AppConfig, 'slackApiUrl'>) {
  return {
    ...(config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {}),
    // Waits out 429s (Retry-After) and retries transient failures a few times with backoff.
    retryConfig: { retries: 3, factor: 2, minTimeout: 200, maxTimeout: 2_000 },
  };
}

const LOG_LEVELS = { debug: LogLevel.DEBUG, info: LogLevel.INFO, warn: LogLevel.WARN, error: LogLevel.ERROR } as const;

/** One logger for the app, its Web API clients and the digest, so that every line has the same form. */
export function appLogger(level: AppConfig['logLevel']): Logger {
  const logger = new ConsoleLogger();
  logger.setName('breachbot');
  logger.setLevel(LOG_LEVELS[level]);
  return logger;
}

/**
 * The Bolt app from a validated config: Socket Mode when an app token is set, otherwise the HTTP
 * receiver at /slack/events (commands, events, interactivity and options all post there).
 */
export function createApp(
  config: SlackConnection,
  service: BreachService,
  {
    deduper = new EventDeduper(),
    logger,
    digest,
    sources,
    identity,
    viewAckDeadlineMs,
  }: {
    deduper?: EventDeduper;
    logger?: Logger;
    digest?: DigestServices;
    sources?: SourceStatus;
    viewAckDeadlineMs?: number;
    /** Who the token is, from an auth.test the caller made: Bolt then makes none of its own. */
    identity?: BotIdentity;
  } = {},
): App {
  const common = {
    token: config.botToken,
    logLevel: LOG_LEVELS[config.logLevel],
    clientOptions: webClientOptions(config),
    // No listener keeps conversation state; Bolt's default store would run on every request.
    convoStore: false as const,
    ...(logger && { logger }),
    ...(identity && { botId: identity.botId, botUserId: identity.botUserId, tokenVerificationEnabled: false }),
  };
  const app =
    config.mode === 'socket'
      ? new App({ ...common, socketMode: true, appToken: config.appToken })
      : new App({ ...common, signingSecret: config.signingSecret, endpoints: '/slack/events', port: config.port });
  registerListeners(app, {
    service,
    deduper,
    ...(digest && { digest }),
    ...(sources && { sources }),
    ...(viewAckDeadlineMs !== undefined && { viewAckDeadlineMs }),
  });
  return app;
}
