import type { SlackEmulator } from '../../src/playground/emulator/web-api-server.js';
import { DIGEST_EVENT_TYPE } from '../../src/slack/digest-poster.js';

/** How many digests for `period` the emulator took per channel (successful posts only). */
export function digestPostsPerChannel(emulator: SlackEmulator, period: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const call of emulator.callsTo('chat.postMessage')) {
    const metadata = call.args.metadata as { event_type?: string; event_payload?: { period?: string } } | undefined;
    if (call.status !== 200 || call.fault || metadata?.event_type !== DIGEST_EVENT_TYPE) continue;
    if (metadata.event_payload?.period !== period) continue;
    const channel = String(call.args.channel);
    counts[channel] = (counts[channel] ?? 0) + 1;
  }
  return counts;
}

/** One digest per channel: what every exactly-once test expects. */
export function oncePerChannel(channels: readonly string[]): Record<string, number> {
  return Object.fromEntries(channels.map((channel) => [channel, 1]));
}
