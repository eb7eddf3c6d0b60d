import { createHmac } from 'node:crypto';
import { isRecord } from './http-body.js';
import {
  type EventCallbackInput,
  eventCallbackPayload,
  type SlashCommandInput,
  slashCommandPayload,
} from './payloads.js';

export interface SignedHeaders {
  'x-slack-signature': string;
  'x-slack-request-timestamp': string;
}

/** Signs a request body exactly as Slack does: v0= HMAC-SHA256 of `v0:<timestamp>:<raw body>`. */
export function signedHeaders(
  body: string,
  signingSecret: string,
  timestampSeconds = Math.floor(Date.now() / 1000),
): SignedHeaders {
  const digest = createHmac('sha256', signingSecret).update(`v0:${timestampSeconds}:${body}`).digest('hex');
  return { 'x-slack-signature': `v0=${digest}`, 'x-slack-request-timestamp': String(timestampSeconds) };
}

export const FORM = 'application/x-www-form-urlencoded';
export const JSON_TYPE = 'application/json';

/** A slash command as Slack POSTs it (form-urlencoded). */
export function slashCommandBody(input: SlashCommandInput = {}): string {
  return new URLSearchParams(slashCommandPayload(input)).toString();
}

/** An Events API `event_callback` as Slack POSTs it (JSON). */
export function eventBody(input: EventCallbackInput): string {
  return JSON.stringify(eventCallbackPayload(input));
}

/** block_actions, view_submission, shortcut…: Slack form-encodes the JSON as a single `payload` field. */
export function interactionBody(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** block_suggestion (options load) uses the same `payload=` form encoding as interactions. */
export function optionsBody(payload: Record<string, unknown>): string {
  return interactionBody(payload);
}

export interface PostOptions {
  signingSecret: string;
  /** Defaults to JSON for bodies that look like JSON, form-urlencoded otherwise. */
  contentType?: string;
  timestamp?: number;
  /** Applied after signing, so a test can forge or drop the signature headers. */
  headers?: Record<string, string>;
  /** Gives up after this long, as Slack gives up on an app that does not answer. */
  timeoutMs?: number;
}

export interface AppResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** The body parsed as JSON, or undefined when it is empty or not JSON. */
  json: unknown;
}

function parseJson(text: string): unknown {
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Signs `body` and POSTs it to the app, the way Slack delivers HTTP requests. */
export async function postToApp(url: string, body: string, options: PostOptions): Promise<AppResponse> {
  const contentType = options.contentType ?? (body.trimStart().startsWith('{') ? JSON_TYPE : FORM);
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
      ...signedHeaders(body, options.signingSecret, options.timestamp),
      ...options.headers,
    },
    body,
    ...(options.timeoutMs !== undefined && { signal: AbortSignal.timeout(options.timeoutMs) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: Object.fromEntries(response.headers.entries()),
    text,
    json: parseJson(text),
  };
}

/** Narrows `AppResponse.json` to an object for property assertions. */
export function jsonObject(response: AppResponse): Record<string, unknown> {
  if (!isRecord(response.json)) throw new Error(`expected a JSON object, got ${response.status}: ${response.text}`);
  return response.json;
}
