import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { exactPattern } from '../exact-pattern.js';

export type BlockActionArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>;
export type BlockActionCallback = (args: BlockActionArgs) => Promise<void>;

export interface BlockActionDispatcher {
  /** For `app.action`: block actions whose action_id is exactly one of the callbacks' ids. */
  constraints: { type: 'block_actions'; action_id: RegExp };
  callback: BlockActionCallback;
}

/**
 * One Bolt registration for several buttons, each still answered by its own callback. Bolt runs
 * every request, each `/breach` included, through every registered listener, and a listener costs
 * a few µs per request even when it does not match: one registration instead of one per button.
 */
export function blockActionDispatcher(callbacks: Readonly<Record<string, BlockActionCallback>>): BlockActionDispatcher {
  const byActionId = new Map(Object.entries(callbacks));
  return {
    constraints: { type: 'block_actions', action_id: exactPattern([...byActionId.keys()]) },
    callback: async (args) => {
      const callback = byActionId.get(args.action.action_id);
      if (callback) {
        await callback(args);
        return;
      }
      // The constraints keep other ids out; should one come anyway, Slack still needs its ack.
      args.logger.debug('block action without a callback', { actionId: args.action.action_id });
      await args.ack();
    },
  };
}
