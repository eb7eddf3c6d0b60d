import { z } from 'zod';
import { CONVERSATION_ID } from '../views/blocks/ids.js';

/**
 * What the page may send, checked before anything reaches the emulator: the page is a browser
 * tab, and a browser tab can send anything.
 */

const conversationId = z.string().regex(CONVERSATION_ID, 'must be a channel id');
const messageTs = z.string().regex(/^\d{1,12}\.\d{1,6}$/, 'must be a message timestamp');
const viewId = z.string().regex(/^V[A-Z0-9]{1,20}$/, 'must be a view id');
const blockId = z.string().min(1).max(255);
const actionId = z.string().min(1).max(255);

/** Who the page acts as: the `as` query parameter of every request, a person's user id. */
export const personQuery = z.string().regex(/^[UW][A-Z0-9]{2,20}$/, 'must be a user id');

/** Slack's own limit on a message a person types. */
export const MESSAGE_MAX = 40_000;

export const screenQuery = z.discriminatedUnion('surface', [
  z.object({ surface: z.literal('home') }),
  z.object({ surface: z.literal('channel'), channel: conversationId, thread: messageTs.optional() }),
]);

export const composerRequest = z.object({
  channel: conversationId,
  text: z.string().trim().min(1, 'must not be empty').max(MESSAGE_MAX),
  threadTs: messageTs.optional(),
});

export const clickRequest = z.union([
  z.object({ channel: conversationId, messageTs, blockId, actionId }).strict(),
  z.object({ viewId, blockId, actionId }).strict(),
]);

export const shortcutRequest = z.object({
  callbackId: z.string().min(1).max(255),
  channel: conversationId.optional(),
});

export const optionsRequest = z.object({ viewId, blockId, actionId, value: z.string().max(2_000) });

const enteredValue = z.union([
  z.string().max(MESSAGE_MAX),
  z.object({ text: z.string().max(2_000), value: z.string().max(2_000) }).strict(),
  z.null(),
]);

export const submitRequest = z.object({
  viewId,
  values: z.record(blockId, z.record(actionId, enteredValue)),
});

export const closeRequest = z.object({ viewId });
