import type { Conversations } from './conversations.js';
import type { FileStore } from './files.js';
import type { ViewStore } from './view-store.js';
import type { Workspace } from './workspace.js';

export type ApiResult =
  | ({ ok: true } & Record<string, unknown>)
  | ({ ok: false; error: string } & Record<string, unknown>);
export type TokenKind = 'bot' | 'app';
export type Args = Record<string, unknown>;

export interface MethodContext {
  workspace: Workspace;
  conversations: Conversations;
  views: ViewStore;
  files: FileStore;
  /** The emulator's own http:// origin: upload URLs and file URLs point at it. */
  origin: string;
  /** The ws:// URL apps.connections.open hands out, when Socket Mode is wired in. */
  socketModeUrl: (() => string) | undefined;
}

export interface MethodSpec {
  token: TokenKind;
  handle: (args: Args, ctx: MethodContext) => ApiResult;
}

export function fail(error: string): ApiResult {
  return { ok: false, error };
}

/**
 * A refusal with Slack's error code and the emulator's reason for it, where Slack names no
 * better code: the Web API client logs response_metadata's `[ERROR]` messages.
 */
export function refuse(error: string, reason: string): ApiResult {
  return { ok: false, error, response_metadata: { messages: [`[ERROR] ${reason}`] } };
}

/** A non-empty string argument. */
export function text(args: Args, key: string): string | undefined {
  const value = args[key];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** Form bodies carry booleans as "true" or "1"; JSON bodies as booleans. */
export function flag(args: Args, key: string): boolean {
  const value = args[key];
  return value === true || value === 1 || value === 'true' || value === '1';
}

export function integer(args: Args, key: string): number | undefined {
  const value = args[key];
  const parsed = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  return Number.isInteger(parsed) ? parsed : undefined;
}
