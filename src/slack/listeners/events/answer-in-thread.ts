import type { WebClient } from '@slack/web-api';
import { answerMessage } from '../../../views/blocks/answer-message.js';
import type { ListenerDeps } from '../../listener-deps.js';
import { decodeSlackText, stripBotMention } from '../../slack-text.js';

export interface QuestionEvent {
  eventId: string | undefined;
  channel: string;
  text: string;
  ts: string;
  threadTs: string | undefined;
}

/**
 * Answers a mention or a DM in the thread of the question, once per event id: Slack redelivers
 * events it thinks were lost, and a second answer would be noise in the thread.
 */
export async function answerInThread(
  { service, deduper }: ListenerDeps,
  client: WebClient,
  event: QuestionEvent,
  botUserId: string | undefined,
): Promise<boolean> {
  if (event.eventId && !deduper.firstTime(event.eventId)) return false;
  const message = answerMessage(service.answer(decodeSlackText(stripBotMention(event.text, botUserId))));
  await client.chat.postMessage({ channel: event.channel, thread_ts: event.threadTs ?? event.ts, ...message });
  return true;
}
