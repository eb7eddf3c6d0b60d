import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../../listener-deps.js';
import { answerInThread } from './answer-in-thread.js';

export function appMentionCallback(deps: ListenerDeps) {
  return async ({
    event,
    body,
    client,
    context,
    logger,
  }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_mention'>) => {
    try {
      const answered = await answerInThread(
        deps,
        client,
        {
          eventId: body.event_id,
          channel: event.channel,
          text: event.text,
          ts: event.ts,
          threadTs: event.thread_ts,
          reply: 'thread',
        },
        context.botUserId,
      );
      if (!answered) logger.debug('app_mention: duplicate delivery ignored', { eventId: body.event_id });
    } catch (error) {
      logger.error('app_mention: could not answer', { channel: event.channel, error: (error as Error).message });
    }
  };
}
