import type { IncomingMessage, ServerResponse } from 'node:http';

/** Arguments the Web API client JSON-encodes inside form bodies; decoded so tests can inspect them as objects. */
const JSON_ENCODED_ARGS = new Set([
  'attachments',
  'blocks',
  'files',
  'metadata',
  'option_groups',
  'options',
  'unfurls',
  'view',
]);

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The body's bytes, or 'too_large' when more than `maxBytes` arrive; the rest is read and dropped,
 * so that the client hears the answer instead of a reset connection.
 */
export async function readBytes(req: IncomingMessage, maxBytes: number): Promise<Buffer | 'too_large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size <= maxBytes) chunks.push(buffer);
  }
  return size > maxBytes ? 'too_large' : Buffer.concat(chunks);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function decodeJsonArg(key: string, value: unknown): unknown {
  if (!JSON_ENCODED_ARGS.has(key) || typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** Parses a Web API request body (form-urlencoded or JSON) into arguments, decoding JSON-encoded block/view args. */
export function parseArgs(body: string, contentType: string | undefined): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  if (contentType?.includes('application/json')) {
    const parsed: unknown = body.length > 0 ? JSON.parse(body) : {};
    if (isRecord(parsed)) Object.assign(raw, parsed);
  } else {
    for (const [key, value] of new URLSearchParams(body)) raw[key] = value;
  }
  const args: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) args[key] = decodeJsonArg(key, value);
  return args;
}

export function parseJsonOrText(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** Header values with credentials masked, so a recorded call can be printed in a failure message safely. */
export function redactHeaders(headers: IncomingMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    out[name] = name === 'authorization' || name === 'cookie' ? redactToken(text) : text;
  }
  return out;
}

/** Keeps the token type (xoxb-, xapp-) for assertions and hides the secret part. */
export function redactToken(value: string): string {
  const match = /^(Bearer\s+)?(x[a-z]+-)?/.exec(value);
  return `${match?.[1] ?? ''}${match?.[2] ?? ''}[REDACTED]`;
}
