import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Conversations } from './conversations.js';
import {
  type Fault,
  FaultQueue,
  type FaultResponse,
  failureAfterDelay,
  responseUrlFaultResponse,
  webApiFaultResponse,
} from './faults.js';
import { attachmentDisposition, FILE_MAX_BYTES, FileStore } from './files.js';
import { parseArgs, parseJsonOrText, readBody, readBytes, redactHeaders, redactToken, sendJson } from './http-body.js';
import { randomId } from './ids.js';
import { LimitChecks, type LimitViolation } from './limit-checks.js';
import { Recorder } from './recorder.js';
import { type ResponseTarget, ResponseUrls } from './response-urls.js';
import type { SocketModeEmulator } from './socket-mode-server.js';
import { ViewStore } from './view-store.js';
import { checkToken, methodSpec } from './web-api-methods.js';
import { Workspace, type WorkspaceOptions } from './workspace.js';

export interface RecordedCall {
  method: string;
  /** Parsed arguments; JSON-encoded `blocks`/`view`/… are decoded, a `token` argument is redacted. */
  args: Record<string, unknown>;
  /** Request headers with Authorization redacted (token type kept, e.g. `Bearer xoxb-[REDACTED]`). */
  headers: Record<string, string>;
  at: number;
  /** The fault answered instead of the real result, if one was injected. */
  fault?: Fault;
  status: number;
  response: unknown;
}

export interface RecordedPost {
  /** The id part of the response_url the app posted to. */
  id: string;
  body: unknown;
  headers: Record<string, string>;
  at: number;
  fault?: Fault;
}

/** A POST of a file's bytes to an upload URL files.getUploadURLExternal handed out. */
export interface RecordedUpload {
  /** The file the URL was for; undefined for a URL the emulator never handed out. */
  fileId: string | undefined;
  /** The file's bytes as they arrived (the one file part of a multipart form). */
  size: number;
  headers: Record<string, string>;
  at: number;
  fault?: Fault;
  status: number;
}

export interface SlackEmulatorOptions extends WorkspaceOptions {
  /** Also start a Socket Mode server and hand its URL out from apps.connections.open. */
  socketMode?: boolean;
  /**
   * Keep every Web API call and response_url post for `calls`, `waitForCall`, ... (the default).
   * A long-running playground turns it off, so that memory does not grow with each click.
   */
  record?: boolean;
  /** Hears of each thing the app sends that breaks Block Kit's limits, as it arrives. */
  onLimitViolation?: (violation: LimitViolation) => void;
}

export interface SlackEmulator {
  /** Web API base URL (ends in /api/): use as SLACK_API_URL / `slackApiUrl`. */
  url: string;
  workspace: Workspace;
  /** Every channel's messages, as the app's posts and people's messages left them. */
  conversations: Conversations;
  /** Open modals, Home tabs and trigger ids. */
  views: ViewStore;
  /** The files the app uploaded, with their bytes. */
  files: FileStore;
  calls: RecordedCall[];
  responseUrlPosts: RecordedPost[];
  fileUploads: RecordedUpload[];
  /** What the app sent that breaks Block Kit's limits (recorded whether or not `record` is on). */
  limits: LimitChecks;
  callsTo(method: string): RecordedCall[];
  /** A response_url that only records what the app posts (tests name it to find the post). */
  responseUrl(id?: string): string;
  /** A response_url that does what Slack does with a post: shows, replaces or deletes a message. */
  responseUrlFor(target: ResponseTarget): string;
  /** Calls `listener` after any message or view changes; returns the function that stops it. */
  onChange(listener: () => void): () => void;
  inject(method: string, ...faults: Fault[]): void;
  /** Past or future call to `method` matching `predicate` (faulted calls included). */
  waitForCall(method: string, predicate?: (call: RecordedCall) => boolean, timeoutMs?: number): Promise<RecordedCall>;
  waitForResponseUrlPost(id?: string, timeoutMs?: number): Promise<RecordedPost>;
  close(): Promise<void>;
}

export type SlackEmulatorWithSocketMode = SlackEmulator & { socketMode: SocketModeEmulator };

/** The pseudo-method name for faults on response_url posts. */
export const RESPONSE_URL = 'response_url';
/** The pseudo-method name for faults on posts to an upload URL. */
export const FILE_UPLOAD = 'file_upload';
/** Room for a multipart form's boundaries and headers around the largest file. */
const UPLOAD_BODY_MAX = FILE_MAX_BYTES + 64 * 1024;
const DEFAULT_WAIT_MS = 2_000;
const MESSAGE_METHODS = new Set(['chat.postMessage', 'chat.postEphemeral', 'chat.update']);
const VIEW_METHODS = new Set(['views.open', 'views.push', 'views.update', 'views.publish']);

function bearerToken(req: IncomingMessage, args: Record<string, unknown>): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  return typeof args.token === 'string' ? args.token : undefined;
}

function send(res: ServerResponse, answer: FaultResponse): void {
  if (typeof answer.body === 'string') {
    res.writeHead(answer.status, { 'content-type': 'text/html; charset=utf-8', ...answer.headers });
    res.end(answer.body);
  } else {
    sendJson(res, answer.status, answer.body, answer.headers);
  }
}

function plainText(status: number, text: string): FaultResponse {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: text };
}

/**
 * The message a file share adds, for the limit checks: the comment, or the blocks when there is
 * none (Slack ignores them beside a comment); the files themselves stand in for a missing fallback.
 */
function fileShare(args: Record<string, unknown>): Record<string, unknown> {
  const comment = typeof args.initial_comment === 'string' ? args.initial_comment : undefined;
  return comment === undefined ? { text: 'files', blocks: args.blocks } : { text: comment };
}

/** Slack takes the bytes raw or as a multipart form; in a form they are its one file part. */
async function uploadedBytes(body: Buffer, contentType: string | undefined): Promise<Buffer | undefined> {
  if (!contentType?.startsWith('multipart/form-data')) return body;
  try {
    const form = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
    for (const value of form.values()) {
      if (typeof value !== 'string') return Buffer.from(await value.arrayBuffer());
    }
    return undefined;
  } catch {
    return undefined;
  }
}

function listen(server: Server): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

export function startSlackEmulator(
  options: SlackEmulatorOptions & { socketMode: true },
): Promise<SlackEmulatorWithSocketMode>;
export function startSlackEmulator(options?: SlackEmulatorOptions): Promise<SlackEmulator>;
export async function startSlackEmulator(
  options: SlackEmulatorOptions = {},
): Promise<SlackEmulator | SlackEmulatorWithSocketMode> {
  const workspace = new Workspace(options);
  const conversations = new Conversations();
  const views = new ViewStore();
  const files = new FileStore();
  const responseUrls = new ResponseUrls(workspace, conversations);
  const record = options.record ?? true;
  const faults = new FaultQueue();
  const calls = new Recorder<RecordedCall>();
  const posts = new Recorder<RecordedPost>();
  const uploads = new Recorder<RecordedUpload>();
  let origin = '';
  const limits = new LimitChecks(options.onLimitViolation);
  let socketMode: SocketModeEmulator | undefined;

  async function handleApi(method: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const args = parseArgs(await readBody(req), req.headers['content-type']);
    const token = bearerToken(req, args);
    if (typeof args.token === 'string') args.token = redactToken(args.token);
    if (MESSAGE_METHODS.has(method)) limits.message(`${method} to ${String(args.channel)}`, args);
    if (VIEW_METHODS.has(method)) limits.view(method, args.view);
    if (method === 'files.completeUploadExternal')
      limits.message(`${method} to ${String(args.channel_id)}`, fileShare(args));
    const fault = faults.take(method);
    const failure = await failureAfterDelay(fault);
    const spec = methodSpec(method);
    let answer: FaultResponse;
    if (failure) answer = webApiFaultResponse(failure);
    else if (!spec) answer = { status: 200, headers: {}, body: { ok: false, error: 'unknown_method' } };
    else {
      const refused = checkToken(token, spec.token, workspace);
      const current = socketMode;
      const ctx = {
        workspace,
        conversations,
        views,
        files,
        origin,
        socketModeUrl: current ? () => current.url() : undefined,
      };
      answer = { status: 200, headers: {}, body: refused ?? spec.handle(args, ctx) };
    }
    const headers = redactHeaders(req.headers);
    if (record)
      calls.push({
        method,
        args,
        headers,
        at: Date.now(),
        status: answer.status,
        response: answer.body,
        ...(fault && { fault }),
      });
    send(res, answer);
  }

  async function handleResponseUrl(id: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = parseJsonOrText(await readBody(req));
    limits.message('response_url post', body);
    const fault = faults.take(RESPONSE_URL);
    const failure = await failureAfterDelay(fault);
    if (record) posts.push({ id, body, headers: redactHeaders(req.headers), at: Date.now(), ...(fault && { fault }) });
    if (failure) return send(res, responseUrlFaultResponse(failure));
    const outcome = responseUrls.apply(id, body) ?? { status: 200, body: { ok: true } };
    send(res, { status: outcome.status, headers: {}, body: outcome.body });
  }

  function receiveUpload(uploadId: string, body: Buffer | 'too_large', bytes: Buffer | undefined): FaultResponse {
    if (body === 'too_large') return plainText(413, `the emulator keeps files of up to ${FILE_MAX_BYTES} bytes`);
    if (bytes === undefined) return plainText(400, 'a multipart upload needs a file part');
    const outcome = files.receive(uploadId, bytes);
    return outcome.ok ? plainText(200, `OK - ${bytes.length}`) : plainText(outcome.status, outcome.problem);
  }

  async function handleUpload(uploadId: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBytes(req, UPLOAD_BODY_MAX);
    const fault = faults.take(FILE_UPLOAD);
    const failure = await failureAfterDelay(fault);
    const bytes = body === 'too_large' ? undefined : await uploadedBytes(body, req.headers['content-type']);
    const answer = failure ? responseUrlFaultResponse(failure) : receiveUpload(uploadId, body, bytes);
    if (record) {
      uploads.push({
        fileId: files.forUpload(uploadId)?.id,
        size: bytes?.length ?? 0,
        headers: redactHeaders(req.headers),
        at: Date.now(),
        status: answer.status,
        ...(fault && { fault }),
      });
    }
    send(res, answer);
  }

  /** url_private and url_private_download: the app's bot token reads what the app uploaded. */
  async function handleFileDownload(
    fileId: string,
    download: boolean,
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    if (checkToken(bearerToken(req, {}), 'bot', workspace)) return send(res, plainText(403, 'a bot token is needed'));
    const file = files.get(fileId);
    if (!file?.completed || file.bytes === undefined) return send(res, plainText(404, 'no such file'));
    res.writeHead(200, {
      'content-type': file.type.mimetype,
      'content-length': file.bytes.length,
      ...(download && { 'content-disposition': attachmentDisposition(file.name) }),
    });
    res.end(file.bytes);
  }

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const api = /^\/api\/([\w.]+)$/.exec(path);
    const hook = /^\/response-url\/([\w-]+)$/.exec(path);
    const upload = /^\/upload\/v1\/(\w+)$/.exec(path);
    const download = /^\/files-pri\/[A-Z0-9]+-(F[A-Z0-9]+)\/(download\/)?[^/]+$/.exec(path);
    let handled: Promise<void>;
    if (req.method === 'POST' && api?.[1]) handled = handleApi(api[1], req, res);
    else if (req.method === 'POST' && hook?.[1]) handled = handleResponseUrl(hook[1], req, res);
    else if (req.method === 'POST' && upload?.[1]) handled = handleUpload(upload[1], req, res);
    else if (req.method === 'GET' && download?.[1]) handled = handleFileDownload(download[1], !!download[2], req, res);
    else handled = Promise.resolve(sendJson(res, 404, { ok: false, error: 'not_found' }));
    handled.catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: 'fake_slack_failure', detail: String(error) });
    });
  });
  const closeServer = (): Promise<void> => {
    // Clients keep HTTP connections alive; without this close() would wait for them to time out.
    server.closeAllConnections();
    return new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  };
  const { port } = await listen(server);
  origin = `http://127.0.0.1:${port}`;
  if (options.socketMode) {
    try {
      // Loaded only when asked for: the playground never needs Socket Mode, nor the ws package behind it.
      const { startSocketModeEmulator } = await import('./socket-mode-server.js');
      socketMode = await startSocketModeEmulator({ appId: workspace.appId, limits });
    } catch (error) {
      await closeServer();
      throw error;
    }
  }

  const fake: SlackEmulator = {
    url: `${origin}/api/`,
    workspace,
    conversations,
    views,
    files,
    calls: calls.items,
    responseUrlPosts: posts.items,
    fileUploads: uploads.items,
    limits,
    callsTo: (method) => calls.items.filter((call) => call.method === method),
    responseUrl: (id = randomId('R')) => `${origin}/response-url/${id}`,
    responseUrlFor: (target) => `${origin}/response-url/${responseUrls.register(target)}`,
    onChange: (listener) => {
      const stops = [conversations.onChange(listener), views.onChange(listener)];
      return () => {
        for (const stop of stops) stop();
      };
    },
    inject: (method, ...list) => faults.add(method, list),
    waitForCall: (method, predicate = () => true, timeoutMs = DEFAULT_WAIT_MS) =>
      calls.waitFor(
        (call) => call.method === method && predicate(call),
        timeoutMs,
        () =>
          `no matching ${method} call within ${timeoutMs} ms; calls: ${calls.items.map((c) => c.method).join(', ') || 'none'}`,
      ),
    waitForResponseUrlPost: (id, timeoutMs = DEFAULT_WAIT_MS) =>
      posts.waitFor(
        (post) => id === undefined || post.id === id,
        timeoutMs,
        () => `no response_url post${id ? ` to ${id}` : ''} within ${timeoutMs} ms`,
      ),
    close: async () => {
      calls.rejectPending('fake Slack closed');
      posts.rejectPending('fake Slack closed');
      uploads.rejectPending('fake Slack closed');
      await socketMode?.close();
      await closeServer();
    },
  };
  return socketMode ? { ...fake, socketMode } : fake;
}
