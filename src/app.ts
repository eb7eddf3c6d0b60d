import { App, type Logger, LogLevel } from '@slack/bolt';
import type { BreachService } from './answer/breach-service.js';
import type { AppConfig } from './config/app-config.js';
import { EventDeduper } from './slack/event-deduper.js';
import { registerListeners } from './slack/listeners/index.js';

type SlackConfig = Exclude<AppConfig, { mode: 'local' }>;

const LOG_LEVELS = { debug: LogLevel.DEBUG, info: LogLevel.INFO, warn: LogLevel.WARN, error: LogLevel.ERROR } as const;

/**
 * The Bolt app from a validated config: Socket Mode when an app token is set, otherwise the HTTP
 * receiver at /slack/events (commands, events, interactivity and options all post there).
 */
export function createApp(
  config: SlackConfig,
  service: BreachService,
  { deduper = new EventDeduper(), logger }: { deduper?: EventDeduper; logger?: Logger } = {},
): App {
  const clientOptions = {
    ...(config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {}),
    // Waits out 429s (Retry-After) and retries transient failures a few times with backoff.
    retryConfig: { retries: 3, factor: 2, minTimeout: 200, maxTimeout: 2_000 },
  };
  const common = {
    token: config.botToken,
    logLevel: LOG_LEVELS[config.logLevel],
    clientOptions,
    ...(logger && { logger }),
  };
  const app =
    config.mode === 'socket'
      ? new App({ ...common, socketMode: true, appToken: config.appToken })
      : new App({ ...common, signingSecret: config.signingSecret, endpoints: '/slack/events', port: config.port });
  registerListeners(app, { service, deduper });
  return app;
}
