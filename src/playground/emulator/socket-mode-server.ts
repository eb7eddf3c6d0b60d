import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import { isRecord, parseJsonOrText } from './http-body.js';
import { DEFAULT_IDS } from './ids.js';
import type { LimitChecks } from './limit-checks.js';
import { Recorder } from './recorder.js';

export type EnvelopeType = 'slash_commands' | 'events_api' | 'interactive';

export interface Envelope {
  envelope_id?: string;
  type: EnvelopeType;
  payload: Record<string, unknown>;
  accepts_response_payload?: boolean;
  retry_attempt?: number;
  retry_reason?: string;
}

export interface SocketAck {
  envelope_id: string;
  /** What the app passed to ack(); the Socket Mode client always sends an object (empty for a bare ack). */
  payload: unknown;
  at: number;
}

export interface SocketModeEmulatorOptions {
  appId?: string;
  /** Where to record an ack payload that breaks Block Kit's limits (the Web API emulator's, when it started this one). */
  limits?: LimitChecks;
}

export interface SocketModeEmulator {
  /** A fresh one-time connection URL, as apps.connections.open returns. */
  url(): string;
  /** Connections that have been sent `hello` and are still open. */
  readonly openConnections: number;
  acks: SocketAck[];
  /** Non-ack frames the app sent (Slack would ignore them; tests may want to see them). */
  otherMessages: unknown[];
  waitForConnection(timeoutMs?: number): Promise<void>;
  /** Sends an envelope to the newest connection and resolves with the app's ack for it. */
  send(envelope: Envelope, timeoutMs?: number): Promise<SocketAck>;
  /** Sends an envelope without waiting for the ack; returns its envelope_id. */
  dispatch(envelope: Envelope, timeoutMs?: number): Promise<string>;
  waitForAck(envelopeId: string, timeoutMs?: number): Promise<SocketAck>;
  /** Sends Slack's `disconnect` message, which makes the client drop this connection and reconnect. */
  requestReconnect(reason?: 'warning' | 'refresh_requested' | 'link_disabled'): void;
  close(): Promise<void>;
}

const DEFAULT_WAIT_MS = 2_000;
const CLOSE_GRACE_MS = 500;

/** Slack's defaults for whether the app may put a response in its ack. */
function acceptsResponsePayload(envelope: Envelope): boolean {
  if (envelope.type === 'slash_commands') return true;
  if (envelope.type === 'interactive') {
    return envelope.payload.type === 'view_submission' || envelope.payload.type === 'block_suggestion';
  }
  return false;
}

function wireEnvelope(envelope: Envelope): Required<Pick<Envelope, 'envelope_id'>> & Envelope {
  return {
    envelope_id: envelope.envelope_id ?? crypto.randomUUID(),
    ...envelope,
    accepts_response_payload: envelope.accepts_response_payload ?? acceptsResponsePayload(envelope),
    ...(envelope.type === 'events_api' && {
      retry_attempt: envelope.retry_attempt ?? 0,
      retry_reason: envelope.retry_reason ?? '',
    }),
  };
}

function closeSocket(socket: WebSocket): Promise<void> {
  if (socket.readyState === socket.CLOSED) return Promise.resolve();
  return new Promise((resolve) => {
    // A client that never answers the close frame must not hold the test up.
    const timer = setTimeout(() => socket.terminate(), CLOSE_GRACE_MS);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.close(1001, 'server shutting down');
  });
}

export async function startSocketModeEmulator(options: SocketModeEmulatorOptions = {}): Promise<SocketModeEmulator> {
  const appId = options.appId ?? DEFAULT_IDS.appId;
  const httpServer = createServer((_req, res) => {
    res.writeHead(426).end();
  });
  const wss = new WebSocketServer({ server: httpServer });
  const sockets: WebSocket[] = [];
  const connections = new Recorder<WebSocket>();
  const acks = new Recorder<SocketAck>();
  const otherMessages: unknown[] = [];

  wss.on('connection', (socket) => {
    sockets.push(socket);
    socket.on('message', (data: RawData, isBinary) => {
      const message = isBinary ? data : parseJsonOrText(data.toString());
      if (isRecord(message) && typeof message.envelope_id === 'string') {
        acks.push({ envelope_id: message.envelope_id, payload: message.payload, at: Date.now() });
        options.limits?.response(`Socket Mode ack of ${message.envelope_id}`, message.payload);
      } else {
        otherMessages.push(message);
      }
    });
    socket.on('close', () => sockets.splice(sockets.indexOf(socket), 1));
    socket.send(
      JSON.stringify({
        type: 'hello',
        num_connections: sockets.length,
        debug_info: { host: 'applink-emulator-0', build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: appId },
      }),
    );
    connections.push(socket);
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;

  const newestOpen = (): WebSocket | undefined => sockets.findLast((socket) => socket.readyState === socket.OPEN);
  const waitForConnection = async (timeoutMs = DEFAULT_WAIT_MS): Promise<WebSocket> => {
    const open = newestOpen();
    if (open) return open;
    return connections.waitFor(
      (socket) => socket.readyState === socket.OPEN,
      timeoutMs,
      () => `no Socket Mode connection within ${timeoutMs} ms`,
    );
  };
  const waitForAck = (envelopeId: string, timeoutMs = DEFAULT_WAIT_MS): Promise<SocketAck> =>
    acks.waitFor(
      (ack) => ack.envelope_id === envelopeId,
      timeoutMs,
      () => `no ack for envelope ${envelopeId} within ${timeoutMs} ms`,
    );
  const dispatch = async (envelope: Envelope, timeoutMs = DEFAULT_WAIT_MS): Promise<string> => {
    const socket = await waitForConnection(timeoutMs);
    const wire = wireEnvelope(envelope);
    socket.send(JSON.stringify(wire));
    return wire.envelope_id;
  };

  return {
    url: () => `ws://127.0.0.1:${port}/link/?ticket=${crypto.randomUUID()}&app_id=${appId}`,
    get openConnections() {
      return sockets.filter((socket) => socket.readyState === socket.OPEN).length;
    },
    acks: acks.items,
    otherMessages,
    waitForConnection: async (timeoutMs) => {
      await waitForConnection(timeoutMs);
    },
    dispatch,
    waitForAck,
    send: async (envelope, timeoutMs = DEFAULT_WAIT_MS) => waitForAck(await dispatch(envelope, timeoutMs), timeoutMs),
    requestReconnect: (reason = 'refresh_requested') => {
      newestOpen()?.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'applink-emulator-0' } }));
    },
    close: async () => {
      acks.rejectPending('Socket Mode emulator closed');
      connections.rejectPending('Socket Mode emulator closed');
      await Promise.all([...sockets].map(closeSocket));
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      httpServer.closeAllConnections();
      await new Promise<void>((resolve, reject) => httpServer.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
