import type { WebClient } from '@slack/web-api';
import { isGreeting } from '../../../answer/question-intent.js';
import { answerMessage, greetingMessage } from '../../../views/blocks/answer-message.js';
import type { ListenerDeps } from '../../listener-deps.js';
import { decodeSlackText, stripBotMention } from '../../slack-text.js';

export interface QuestionEvent {
  eventId: string | undefined;
  channel: string;
  text: string;
  ts: string;
  threadTs: string | undefined;
  /**
   * Where the answer goes: a mention in a channel is answered in its thread, so the channel stays
   * quiet; a direct message in the conversation, as a person would reply (or in its thread, if the
   * question was asked in one).
   */
  reply: 'thread' | 'conversation';
}

/**
 * Answers a mention or a DM, once per event id: Slack redelivers events it thinks were lost, and a
 * second answer would be noise.
 */
export async function answerInThread(
  { service, deduper, askedTopics }: ListenerDeps,
  client: WebClient,
  event: QuestionEvent,
  botUserId: string | undefined,
): Promise<boolean> {
  if (event.eventId && !(await deduper.firstTime(`event:${event.eventId}`))) return false;
  const question = decodeSlackText(stripBotMention(event.text, botUserId));
  const answer = isGreeting(question) ? undefined : service.answer(question);
  const message = answer ? answerMessage(answer) : greetingMessage();
  const threadTs = event.reply === 'thread' ? (event.threadTs ?? event.ts) : event.threadTs;
  await client.chat.postMessage({ channel: event.channel, ...(threadTs && { thread_ts: threadTs }), ...message });
  if (answer) await askedTopics?.note(answer);
  return true;
}
