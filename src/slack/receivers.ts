import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  AuthorizationError,
  type CustomRoute,
  HTTPModuleFunctions,
  HTTPReceiver,
  type Logger,
  type LogLevel,
  SocketModeReceiver,
} from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';

export const EVENTS_PATH = '/slack/events';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

/**
 * Errors the app's error handler has logged with the request's context: the receiver's handler,
 * which Bolt calls next for the same error, then only answers.
 */
export const reportedErrors = new WeakSet<object>();

function reportUnlessReported(error: unknown, logger: Logger, what: string): void {
  if (typeof error === 'object' && error !== null && reportedErrors.has(error)) return;
  logger.error(`Bolt could not process ${what}:`, error);
}

function answer(res: ServerResponse, status: number): void {
  if (res.headersSent || res.writableEnded) return;
  res.writeHead(status);
  res.end();
}

/**
 * Reads the body the way Bolt's receiver will (Bolt reuses a body already read) and lets through
 * only what Bolt can take. Bolt reads `body.ssl_check` of whatever JSON.parse returned, outside any
 * try: a body of `null` (or `payload=null` in a form) made that a TypeError that no handler caught,
 * and the process exited. Unparsable bodies go on to Bolt, which checks the signature first.
 */
async function screenBody(req: IncomingMessage, res: ServerResponse, logger: Logger): Promise<boolean> {
  let buffered: Awaited<ReturnType<typeof HTTPModuleFunctions.bufferIncomingMessage>>;
  try {
    buffered = await HTTPModuleFunctions.bufferIncomingMessage(req, HTTPModuleFunctions.defaultBodyLimit);
  } catch (error) {
    const tooLarge = HTTPModuleFunctions.isRawBodyError(error) && error.statusCode === 413;
    logger.warn(`Refused a request to ${EVENTS_PATH}: ${tooLarge ? 'its body is too large' : 'its body broke off'}`);
    answer(res, tooLarge ? 413 : 400);
    return false;
  }
  let body: unknown;
  try {
    body = HTTPModuleFunctions.parseHTTPRequestBody(buffered);
  } catch {
    return true;
  }
  if (isRecord(body)) return true;
  logger.warn(`Refused a request to ${EVENTS_PATH} whose body is ${kindOf(body)}, not an object as Slack sends`);
  answer(res, 400);
  return false;
}

/** As far ahead as Bolt lets a signed timestamp lag behind: the same five minutes of clock skew. */
export const MAX_FUTURE_SKEW_SECONDS = 5 * 60;

/**
 * Bolt refuses a signed timestamp more than five minutes old, but none in the future: a request
 * signed for next year could be replayed for a year.
 */
function fromTheFuture(req: IncomingMessage, nowMs: number): boolean {
  const header = req.headers['x-slack-request-timestamp'];
  const seconds = Number(Array.isArray(header) ? header[0] : header);
  return Number.isFinite(seconds) && seconds > Math.floor(nowMs / 1000) + MAX_FUTURE_SKEW_SECONDS;
}

/** Bolt's HTTP receiver behind `screenBody`, with /health and the app's own error reporting. */
class ScreenedHTTPReceiver extends HTTPReceiver {
  constructor(options: ConstructorParameters<typeof HTTPReceiver>[0] & { logger: Logger }) {
    super(options);
    const bolt = this.requestListener;
    const { logger } = options;
    this.requestListener = (req, res) => {
      const path = (req.url ?? '').split('?')[0];
      if (req.method !== 'POST' || path !== EVENTS_PATH) {
        bolt(req, res);
        return;
      }
      if (fromTheFuture(req, Date.now())) {
        logger.warn(`Refused a request to ${EVENTS_PATH} signed more than 5 minutes in the future`);
        answer(res, 401);
        return;
      }
      screenBody(req, res, logger)
        .then((pass) => {
          if (pass) bolt(req, res);
        })
        .catch((error: unknown) => {
          logger.error(`A request to ${EVENTS_PATH} failed before Bolt took it:`, error);
          answer(res, 500);
        });
    };
  }
}

export interface ReceiverOptions {
  logger: Logger;
  logLevel: LogLevel;
  /** Served on the HTTP receiver's port; in Socket Mode only when `port` is given. */
  health?: CustomRoute;
}

export function httpReceiver({
  signingSecret,
  port,
  logger,
  logLevel,
  health,
}: ReceiverOptions & { signingSecret: string; port: number }): HTTPReceiver {
  return new ScreenedHTTPReceiver({
    signingSecret,
    endpoints: EVENTS_PATH,
    port,
    logger,
    logLevel,
    customRoutes: health ? [health] : [],
    processEventErrorHandler: async ({ error, logger: log, response }) => {
      reportUnlessReported(error, log, `a request to ${EVENTS_PATH}`);
      if (response.headersSent) return false;
      if (error instanceof AuthorizationError) {
        answer(response, 401);
        return true;
      }
      answer(response, 500);
      return false;
    },
  });
}

/**
 * Whether the Socket Mode client can take a message without throwing: it reads `type` of the
 * message and, for an Events API envelope, `payload.event.type`, in an async listener whose failure
 * nothing catches.
 */
function wellFormedMessage(data: unknown, isBinary: boolean): boolean {
  if (isBinary) return true;
  let message: unknown;
  try {
    message = JSON.parse(typeof data === 'string' ? data : Buffer.from(data as Buffer).toString('utf8'));
  } catch {
    return true;
  }
  if (!isRecord(message)) return false;
  if (message.type !== 'events_api') return true;
  return isRecord(message.payload) && isRecord(message.payload.event);
}

export function socketModeReceiver({
  appToken,
  port,
  logger,
  logLevel,
  health,
  clientOptions,
}: ReceiverOptions & {
  appToken: string;
  port: number | undefined;
  /** For the client that asks Slack for the connection's address: the app's URL and timeout. */
  clientOptions: WebClientOptions;
}): SocketModeReceiver {
  const receiver = new SocketModeReceiver({
    appToken,
    logger,
    logLevel,
    installerOptions: { clientOptions, ...(port !== undefined && { port }) },
    ...(health && port !== undefined && { customRoutes: [health] }),
    processEventErrorHandler: async ({ error, logger: log, event }) => {
      const type = isRecord(event.body) && typeof event.body.type === 'string' ? event.body.type : kindOf(event.body);
      reportUnlessReported(error, log, `a Socket Mode envelope (${type})`);
      return error instanceof AuthorizationError;
    },
  });
  const { client } = receiver;
  const listeners = client.listeners('ws_message');
  const [handle] = listeners;
  // Only when the client is wired as this version is: otherwise leave it alone rather than deafen it.
  if (listeners.length === 1 && handle) {
    client.removeListener('ws_message', handle as (...args: unknown[]) => void);
    client.on('ws_message', (data: unknown, isBinary: boolean) => {
      if (!wellFormedMessage(data, isBinary)) {
        logger.warn('Ignored a Socket Mode message that is not an envelope Slack sends (no object, or no event in it)');
        return;
      }
      Promise.resolve(handle.call(client, data, isBinary)).catch((error: unknown) => {
        logger.error('The Socket Mode client failed on a message:', error);
      });
    });
  } else {
    logger.debug('Socket Mode messages are not screened: the client is wired differently than expected');
  }
  return receiver;
}
