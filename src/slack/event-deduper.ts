/** Slack redelivers an event it thinks was not acknowledged; ten minutes covers its retries. */
export const DEDUPE_WINDOW_MS = 10 * 60 * 1000;

/**
 * Remembers event ids for a while, so that a redelivered event (a retry with x-slack-retry-num, or
 * a Socket Mode reconnect) is answered once. In memory: one process is one app instance here.
 */
export class EventDeduper {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly windowMs = DEDUPE_WINDOW_MS,
  ) {}

  /** True the first time an id is seen within the window; false for a repeat. */
  firstTime(eventId: string): boolean {
    const now = this.now();
    this.forgetOlderThan(now - this.windowMs);
    if (this.seen.has(eventId)) return false;
    this.seen.set(eventId, now);
    return true;
  }

  private forgetOlderThan(cutoff: number): void {
    // Map iteration is in insertion order, which is time order here.
    for (const [id, at] of this.seen) {
      if (at >= cutoff) break;
      this.seen.delete(id);
    }
  }
}
