import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../../listener-deps.js';
import { answerInThread } from './answer-in-thread.js';

/** A DM to the bot: a person's plain message only (no edits, joins or the bot's own posts). */
export function directMessageCallback(deps: ListenerDeps) {
  return async ({
    message,
    body,
    client,
    context,
    logger,
  }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'message'>) => {
    if (message.channel_type !== 'im' || message.subtype !== undefined || !('text' in message) || !message.text) return;
    if ('bot_id' in message && message.bot_id) return;
    try {
      await answerInThread(
        deps,
        client,
        {
          eventId: body.event_id,
          channel: message.channel,
          text: message.text,
          ts: message.ts,
          threadTs: 'thread_ts' in message ? message.thread_ts : undefined,
          reply: 'conversation',
        },
        context.botUserId,
      );
    } catch (error) {
      logger.error('message.im: could not answer', { channel: message.channel, error: (error as Error).message });
    }
  };
}
