import type { Clock } from '../digest/clock.js';

/** Slack allows about one message per second per channel; bursts beyond it are rate limited. */
export const CHANNEL_POST_INTERVAL_MS = 1_000;

/** Spaces posts to the same channel at least `intervalMs` apart; other channels never wait. */
export class ChannelPacer {
  private readonly lastPost = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly intervalMs = CHANNEL_POST_INTERVAL_MS,
  ) {}

  async beforePost(channelId: string): Promise<void> {
    const last = this.lastPost.get(channelId);
    if (last !== undefined) {
      const wait = last + this.intervalMs - this.clock.now();
      if (wait > 0) await this.clock.sleep(wait);
    }
    this.lastPost.set(channelId, this.clock.now());
  }
}
