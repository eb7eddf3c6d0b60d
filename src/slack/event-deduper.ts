import { createHash } from 'node:crypto';
import type { Store } from '../store/store.js';

/**
 * Slack redelivers an event it thinks was not acknowledged, and a signed request stays acceptable
 * for five minutes either side of its timestamp: ten minutes covers both.
 */
export const DEDUPE_WINDOW_MS = 10 * 60 * 1000;

/** Two clicks on the same button by the same person this close together are one click. */
export const DOUBLE_CLICK_MS = 10_000;

/**
 * How long a request may wait on the store's answer: a view submission acks only after it, within
 * Slack's 3 s. Past it, this process's own memory decides.
 */
const STORE_WAIT_MS = 1_000;

export interface EventDeduperOptions {
  /** Shared by every instance and kept across restarts; without it, one process remembers alone. */
  store?: Pick<Store, 'claimRequest'>;
  now?: () => number;
  windowMs?: number;
  /** Told when the store could not answer and memory decided instead. */
  onStoreError?: (error: unknown) => void;
}

/** A key for one exact request: Slack's retries and any replay of it carry the same body. */
export function requestKey(kind: string, body: unknown): string {
  return `${kind}:${createHash('sha256').update(JSON.stringify(body)).digest('base64url')}`;
}

/**
 * Remembers what was handled for a while, so that a redelivered event (a retry with x-slack-retry-num,
 * a Socket Mode reconnect), a replayed request or a double click does its work once.
 */
export class EventDeduper {
  private readonly seen = new Map<string, number>();
  private readonly store: Pick<Store, 'claimRequest'> | undefined;
  private readonly now: () => number;
  private readonly windowMs: number;
  private readonly onStoreError: (error: unknown) => void;

  constructor({
    store,
    now = Date.now,
    windowMs = DEDUPE_WINDOW_MS,
    onStoreError = () => {},
  }: EventDeduperOptions = {}) {
    this.store = store;
    this.now = now;
    this.windowMs = windowMs;
    this.onStoreError = onStoreError;
  }

  /** True the first time a key is seen within the window (`windowMs` unless given); false for a repeat. */
  async firstTime(key: string, windowMs = this.windowMs): Promise<boolean> {
    const now = this.now();
    this.forgetExpired(now);
    const expires = this.seen.get(key);
    if (expires !== undefined && expires >= now) return false;
    this.seen.delete(key);
    this.seen.set(key, now + windowMs);
    if (!this.store) return true;
    try {
      return await withinMs(this.store.claimRequest(key, now, windowMs), STORE_WAIT_MS);
    } catch (error) {
      // Better once more than never: memory still stops repeats reaching this process.
      this.onStoreError(error);
      return true;
    }
  }

  private forgetExpired(now: number): void {
    // Insertion order is nearly expiry order; a short-window key left behind goes on a later pass.
    for (const [key, expires] of this.seen) {
      if (expires >= now) break;
      this.seen.delete(key);
    }
  }
}

function withinMs<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the store did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
