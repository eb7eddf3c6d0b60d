import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { z } from 'zod';
import type { Bridge, PersonBridge } from './bridge.js';
import { attachmentDisposition } from './emulator/files.js';
import { AppDeliveryError, NotOnScreenError } from './emulator/user-client.js';
import {
  clickRequest,
  closeRequest,
  composerRequest,
  optionsRequest,
  personQuery,
  screenQuery,
  shortcutRequest,
  submitRequest,
} from './page-requests.js';

// The build compiles only TypeScript: src/ keeps the page, and ../../ is the package root from src/ and dist/ alike.
const PAGE_DIR = path.resolve(import.meta.dirname, '../../src/playground/page');
const ASSETS = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/playground.css': { file: 'playground.css', type: 'text/css; charset=utf-8' },
  '/playground.js': { file: 'playground.js', type: 'text/javascript; charset=utf-8' },
} as const;

/** Even a hostile page's content could run no script here: only the playground's own files load. */
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: http: data:; connect-src 'self'; frame-ancestors 'none'; form-action 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

const BODY_MAX_BYTES = 64 * 1024;
const HEARTBEAT_MS = 25_000;

class RequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface PageServer {
  port: number;
  close(): Promise<void>;
}

export interface PageServerOptions {
  bridge: Bridge;
  port: number;
  host: string;
  /** Where an unexpected failure is reported; the page itself only hears that something failed. */
  reportError?: (error: unknown) => void;
}

/**
 * A local page with no login, so it answers only requests addressed to this machine by name
 * (a DNS-rebinding page elsewhere cannot drive it) and only JSON posts (a cross-site form cannot).
 */
function isLocalHost(req: IncomingMessage): boolean {
  const host = req.headers.host ?? '';
  return /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/i.test(host);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  if (!req.headers['content-type']?.startsWith('application/json')) {
    throw new RequestError(415, 'send JSON (content-type: application/json)');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > BODY_MAX_BYTES) throw new RequestError(413, 'request too large');
    chunks.push(buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new RequestError(400, 'the body is not JSON');
  }
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`);
    throw new RequestError(400, problems.join('; '));
  }
  return parsed.data;
}

type PostRoute = (body: unknown, person: PersonBridge) => Promise<unknown>;

const POST_ROUTES: Record<string, PostRoute> = {
  '/api/messages': async (body, person) => person.send(parse(composerRequest, body)),
  '/api/actions': async (body, person) => {
    await person.click(parse(clickRequest, body));
    return {};
  },
  '/api/home': async (_body, person) => {
    await person.openHome();
    return {};
  },
  '/api/shortcuts': async (body, person) => {
    await person.runShortcut(parse(shortcutRequest, body));
    return {};
  },
  '/api/options': async (body, person) => ({ options: await person.loadOptions(parse(optionsRequest, body)) }),
  '/api/views/submit': async (body, person) => {
    await person.submitView(parse(submitRequest, body));
    return {};
  },
  '/api/views/close': async (body, person) => {
    await person.closeView(parse(closeRequest, body));
    return {};
  },
};

/** Who the request acts as: `?as=<user id>`, or the first person when it does not say. */
function actingPerson(url: URL, bridge: Bridge): PersonBridge {
  const requested = url.searchParams.get('as');
  const id = requested === null ? bridge.people[0]?.id : parse(personQuery, requested);
  if (id === undefined || !bridge.people.some((person) => person.id === id)) {
    throw new RequestError(400, `as: there is no person ${id} in the playground`);
  }
  return bridge.as(id);
}

/** A shared file, as a download: the page never shows a file's content itself. */
function sendFile(res: ServerResponse, person: PersonBridge, fileId: string): void {
  const file = person.file(fileId);
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': file.mimetype,
    'content-length': file.bytes.length,
    'content-disposition': attachmentDisposition(file.name),
  });
  res.end(file.bytes);
}

function screenRequestFrom(url: URL) {
  const query = parse(screenQuery, Object.fromEntries(url.searchParams));
  return query.surface === 'home'
    ? query
    : { surface: 'channel' as const, channel: query.channel, ...(query.thread && { threadTs: query.thread }) };
}

/** Server-sent events: one `change` whenever a message or view changes, a burst coalesced into one. */
function streamChanges(req: IncomingMessage, res: ServerResponse, bridge: Bridge, streams: Set<ServerResponse>): void {
  res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/event-stream', connection: 'keep-alive' });
  res.write('retry: 1000\n\n');
  let pending = false;
  const stop = bridge.onChange(() => {
    if (pending) return;
    pending = true;
    setImmediate(() => {
      pending = false;
      res.write('event: change\ndata: {}\n\n');
    });
  });
  const heartbeat = setInterval(() => res.write(': still here\n\n'), HEARTBEAT_MS);
  streams.add(res);
  req.on('close', () => {
    stop();
    clearInterval(heartbeat);
    streams.delete(res);
  });
}

function errorStatus(error: unknown): { status: number; message: string } {
  if (error instanceof RequestError) return { status: error.status, message: error.message };
  if (error instanceof NotOnScreenError) return { status: 404, message: error.message };
  if (error instanceof AppDeliveryError) return { status: 502, message: `breachbot did not answer: ${error.message}` };
  return { status: 500, message: 'the playground failed; see its terminal' };
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`port ${port} is already in use: set PORT to another port (PORT=0 picks a free one).`)
          : error,
      );
    });
    server.listen(port, host, () => resolve(server.address() as AddressInfo));
  });
}

export async function startPageServer({
  bridge,
  port,
  host,
  reportError = (error) => console.error('playground:', error),
}: PageServerOptions): Promise<PageServer> {
  const assets = new Map<string, { body: Buffer; type: string }>();
  for (const [route, asset] of Object.entries(ASSETS)) {
    assets.set(route, { body: await readFile(path.join(PAGE_DIR, asset.file)), type: asset.type });
  }
  const streams = new Set<ServerResponse>();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isLocalHost(req)) throw new RequestError(403, 'the playground answers on localhost only');
    const url = new URL(req.url ?? '/', 'http://localhost');
    const asset = assets.get(url.pathname);
    if (req.method === 'GET' && asset) {
      res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': asset.type, 'content-length': asset.body.length });
      res.end(asset.body);
      return;
    }
    if (req.method === 'GET' && url.pathname === '/api/events') return streamChanges(req, res, bridge, streams);
    if (req.method === 'GET' && url.pathname === '/api/workspace') {
      return sendJson(res, 200, actingPerson(url, bridge).workspaceInfo());
    }
    if (req.method === 'GET' && url.pathname === '/api/screen') {
      return sendJson(res, 200, actingPerson(url, bridge).screen(screenRequestFrom(url)));
    }
    const download = /^\/files\/(F[A-Z0-9]{1,20})\/[^/]+$/.exec(url.pathname);
    if (req.method === 'GET' && download?.[1]) return sendFile(res, actingPerson(url, bridge), download[1]);
    const route = POST_ROUTES[url.pathname];
    if (!route) throw new RequestError(404, 'no such page');
    if (req.method !== 'POST') throw new RequestError(405, 'use POST');
    sendJson(res, 200, await route(await readJson(req), actingPerson(url, bridge)));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const { status, message } = errorStatus(error);
      if (status === 500) reportError(error);
      if (!res.headersSent) sendJson(res, status, { error: message });
      else res.end();
    });
  });
  const address = await listen(server, port, host);
  return {
    port: address.port,
    close: async () => {
      for (const stream of streams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
