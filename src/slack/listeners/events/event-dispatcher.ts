import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { exactPattern } from '../exact-pattern.js';

export type EventArgs<T extends string = string> = AllMiddlewareArgs & SlackEventMiddlewareArgs<T>;
/** One callback per event type, each typed for its own event. */
export type EventCallbacks<T extends string> = { [K in T]: (args: EventArgs<K>) => Promise<void> };

export interface EventDispatcher {
  /** For `app.event`: exactly the callbacks' event types. */
  pattern: RegExp;
  callback: (args: EventArgs) => Promise<void>;
}

/**
 * One Bolt registration for several event types, each still handled by its own callback. Bolt runs
 * every request, each `/breach` included, through every registered listener, and a listener costs
 * a few µs per request even when it does not match: one registration instead of one per type.
 */
export function eventDispatcher<T extends string>(callbacks: EventCallbacks<T>): EventDispatcher {
  // Each callback is reached only with its own type's event, which is what its signature says.
  const byType = new Map(Object.entries(callbacks) as [string, (args: EventArgs) => Promise<void>][]);
  return {
    pattern: exactPattern([...byType.keys()]),
    callback: async (args) => {
      const callback = byType.get(args.event.type);
      if (callback) {
        await callback(args);
        return;
      }
      // Bolt acks events before any listener runs: nothing is owed to Slack here.
      args.logger.debug('event without a callback', { type: args.event.type });
    },
  };
}
