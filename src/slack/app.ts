import { App, type CodedError, type Logger, LogLevel } from '@slack/bolt';
import { ConsoleLogger } from '@slack/logger';
import type { FetchFunction } from '@slack/web-api';
import type { BreachService } from '../answer/breach-service.js';
import type { AppConfig, SlackConfig } from '../config/app-config.js';
import { configuredSecrets } from '../config/secrets.js';
import type { AskedTopics } from '../services/asked-topics.js';
import type { DigestServices } from '../services/digest-commands.js';
import type { QuizService } from '../services/quizzes.js';
import type { SourceStatus } from '../services/source-status.js';
import type { TrainingServices } from '../services/training-commands.js';
import { EventDeduper } from './event-deduper.js';
import { type HealthSources, healthRoute } from './health.js';
import { registerListeners } from './listeners/index.js';
import { httpReceiver, reportedErrors, socketModeReceiver } from './receivers.js';
import { redactingLogger } from './redacting-logger.js';
import { describeSlackFailure, rateLimitedFor } from './slack-errors.js';

/** What the Bolt app needs of the config: the Slack connection (the digest's and sync's settings are the caller's). */
type SlackConnection = SlackConfig extends infer C ? (C extends unknown ? Omit<C, 'digest' | 'sync'> : never) : never;

export interface BotIdentity {
  botId: string;
  botUserId: string;
}

/**
 * How long one Web API request may take. Slack answers in well under a second; without a limit, a
 * server that accepts the connection and never answers holds the start, or a listener, forever.
 */
export const DEFAULT_SLACK_TIMEOUT_MS = 10_000;

/**
 * A listener's call answers a person who is waiting, often on a trigger_id that Slack honours for
 * 3 s: past this, an answer comes too late to be of use.
 */
export const INTERACTIVE_SLACK_TIMEOUT_MS = 2_500;

/**
 * The settings of a client that may wait: the digest's and the alerts' posts and `breachbot digest
 * run`. Nobody is waiting on them, so they wait out 429s (Retry-After) and retry transient failures
 * a few times with backoff.
 */
export function webClientOptions(config: Pick<AppConfig, 'slackApiUrl'>, timeoutMs = DEFAULT_SLACK_TIMEOUT_MS) {
  return {
    ...(config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {}),
    retryConfig: { retries: 3, factor: 2, minTimeout: 200, maxTimeout: 2_000 },
    timeout: timeoutMs,
  };
}

/**
 * The settings of the client Bolt hands the listeners. A WebClient that waits out a 429 pauses its
 * whole request queue for the Retry-After, so one rate-limited chat.postMessage would hold every
 * views.open and views.publish behind it until their triggers expire. This one gives up on a 429
 * at once (the listener tells the person Slack is busy) and retries a failure once, briefly.
 */
export function interactiveClientOptions(
  config: Pick<AppConfig, 'slackApiUrl'>,
  timeoutMs = INTERACTIVE_SLACK_TIMEOUT_MS,
) {
  return {
    ...(config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {}),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 1, minTimeout: 100, maxTimeout: 200 },
    timeout: timeoutMs,
  };
}

/** Bolt posts to a response_url with this fetch, outside the Web API client and its timeout. */
function fetchWithin(timeoutMs: number): FetchFunction {
  return (url, init) => {
    const limit = AbortSignal.timeout(timeoutMs);
    return fetch(url, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, limit]) : limit });
  };
}

/** Where a request came from and what it asked for: ids and names only, never what was typed. */
function describeRequest(body: unknown): string {
  const record = (value: unknown): Record<string, unknown> =>
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
  const b = record(body);
  const event = record(b.event);
  const action = record(Array.isArray(b.actions) ? b.actions[0] : undefined);
  const what =
    text(b.command) ??
    (text(event.type) && `event ${event.type}`) ??
    (text(action.action_id) && `action ${action.action_id}`) ??
    (text(record(b.view).callback_id) && `${text(b.type) ?? 'view'} ${record(b.view).callback_id}`) ??
    (text(b.callback_id) && `${text(b.type) ?? 'callback'} ${b.callback_id}`) ??
    text(b.type) ??
    'an unknown request';
  const who = text(b.user_id) ?? text(record(b.user).id) ?? text(event.user);
  const where = text(b.channel_id) ?? text(record(b.channel).id) ?? text(event.channel);
  const team = text(b.team_id) ?? text(record(b.team).id) ?? text(event.team);
  return [what, who && `user ${who}`, where && `channel ${where}`, team && `team ${team}`].filter(Boolean).join(', ');
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
    quizzes,
    training,
    askedTopics,
    sources,
    identity,
    viewAckDeadlineMs,
    health,
    slackTimeoutMs = DEFAULT_SLACK_TIMEOUT_MS,
  }: {
    deduper?: EventDeduper;
    logger?: Logger;
    digest?: DigestServices;
    quizzes?: QuizService;
    training?: TrainingServices;
    askedTopics?: AskedTopics;
    sources?: SourceStatus;
    viewAckDeadlineMs?: number;
    /** Who the token is, from an auth.test the caller made: Bolt then makes none of its own. */
    identity?: BotIdentity;
    /** What GET /health reports; without it there is no /health. */
    health?: HealthSources;
    /** How long one call to Slack may take (default `DEFAULT_SLACK_TIMEOUT_MS`); a listener's, at most `INTERACTIVE_SLACK_TIMEOUT_MS`. */
    slackTimeoutMs?: number;
  } = {},
): App {
  const logLevel = LOG_LEVELS[config.logLevel];
  // Redacted here whoever made the logger: Bolt and its clients print URLs and error messages of their own.
  const log = redactingLogger(logger ?? appLogger(config.logLevel), configuredSecrets(config));
  const route = health && healthRoute(health, log);
  // Socket Mode's own client only opens the connection: it may wait.
  const receiverClientOptions = { ...webClientOptions(config, slackTimeoutMs), fetch: fetchWithin(slackTimeoutMs) };
  const interactiveTimeoutMs = Math.min(slackTimeoutMs, INTERACTIVE_SLACK_TIMEOUT_MS);
  const clientOptions = {
    ...interactiveClientOptions(config, interactiveTimeoutMs),
    fetch: fetchWithin(interactiveTimeoutMs),
  };
  const receiver =
    config.mode === 'socket'
      ? socketModeReceiver({
          appToken: config.appToken,
          port: config.healthPort,
          clientOptions: receiverClientOptions,
          logger: log,
          logLevel,
          ...(route && { health: route }),
        })
      : httpReceiver({
          signingSecret: config.signingSecret,
          port: config.port,
          logger: log,
          logLevel,
          ...(route && { health: route }),
        });
  const app = new App({
    token: config.botToken,
    logLevel,
    logger: log,
    receiver,
    clientOptions,
    // No listener keeps conversation state; Bolt's default store would run on every request.
    convoStore: false as const,
    extendedErrorHandler: true,
    ...(identity && { botId: identity.botId, botUserId: identity.botUserId, tokenVerificationEnabled: false }),
  });
  // Bolt's own line names neither the request nor who sent it. Rethrown, so that the receiver still
  // answers an unacknowledged request at once (500) instead of leaving Slack waiting.
  app.error(async ({ error, body }: { error: CodedError; body: unknown }) => {
    const seconds = rateLimitedFor(error);
    // Given up on purpose, not a bug: the line says so, so that nobody goes looking for one.
    if (seconds !== undefined)
      log.warn(`A listener gave up on ${describeRequest(body)}: ${describeSlackFailure(error)}`);
    else log.error(`A listener failed on ${describeRequest(body)}:`, error);
    reportedErrors.add(error);
    throw error;
  });
  registerListeners(app, {
    service,
    deduper,
    ...(digest && { digest }),
    ...(quizzes && { quizzes }),
    ...(training && { training }),
    ...(askedTopics && { askedTopics }),
    ...(sources && { sources }),
    ...(viewAckDeadlineMs !== undefined && { viewAckDeadlineMs }),
  });
  return app;
}
