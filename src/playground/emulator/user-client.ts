import { type StoredMessage, slackMessage } from './conversations.js';
import { isRecord } from './http-body.js';
import {
  blockActionsPayload,
  blockSuggestionPayload,
  eventCallbackPayload,
  globalShortcutPayload,
  slashCommandPayload,
  viewSubmissionPayload,
} from './payloads.js';
import { type AppResponse, interactionBody, optionsBody, postToApp } from './sign-request.js';
import { type EnteredValues, viewStateValues } from './view-state.js';
import { type StoredView, slackView } from './view-store.js';
import type { SlackEmulator } from './web-api-server.js';

/** Where Slack sends the app's requests, and the secret it signs them with. */
export interface AppEndpoint {
  requestUrl: string;
  signingSecret: string;
}

export interface UserClientOptions {
  app: AppEndpoint;
  userId: string;
  /** The app's slash commands (`/breach`): anything else typed with a slash is refused, as Slack does. */
  commands: readonly string[];
  /** How long Slack waits for the app to acknowledge a request. */
  ackTimeoutMs?: number;
}

/** Where a clicked element is: on a message, or in a view (the Home tab or a modal). */
export type ElementLocation = { channel: string; messageTs: string } | { viewId: string };

export interface SelectOption {
  text: string;
  value: string;
}

/** A person's Slack client: what they type and click, delivered to the app the way Slack delivers it. */
export interface UserClient {
  readonly userId: string;
  sendMessage(input: { channel: string; text: string; threadTs?: string }): Promise<StoredMessage>;
  runCommand(input: { channel: string; command: string; text: string }): Promise<void>;
  clickButton(input: ElementLocation & { blockId: string; actionId: string }): Promise<void>;
  openAppHome(tab: 'home' | 'messages'): Promise<void>;
  runShortcut(input: { callbackId: string; channel?: string }): Promise<void>;
  loadOptions(input: { viewId: string; blockId: string; actionId: string; value: string }): Promise<SelectOption[]>;
  submitView(input: { viewId: string; values: EnteredValues }): Promise<void>;
  closeView(viewId: string): Promise<void>;
}

/** What the person acted on is not on their screen: no such message, element or view. */
export class NotOnScreenError extends Error {
  override name = 'NotOnScreenError';
}

/** The app did not acknowledge: Slack's own words for it (operation_timeout, dispatch_failed). */
export class AppDeliveryError extends Error {
  constructor(readonly code: 'operation_timeout' | 'dispatch_failed') {
    super(code === 'operation_timeout' ? 'the app did not answer within 3 seconds' : 'the app could not be reached');
    this.name = 'AppDeliveryError';
  }
}

const SLACKBOT = 'USLACKBOT';
const DEFAULT_ACK_TIMEOUT_MS = 3_000;
const TROUBLE_CONNECTING = 'We had some trouble connecting. Try again?';

/** Slack's clients escape the three control characters in what people type. */
function escapeTyped(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A button (or other element) of a block, as it was in the message or view. */
function findElement(blocks: unknown, blockId: string, actionId: string): Record<string, unknown> | undefined {
  if (!Array.isArray(blocks)) return undefined;
  const block = blocks.find((candidate) => isRecord(candidate) && candidate.block_id === blockId);
  if (!isRecord(block)) return undefined;
  const elements = [block.accessory, ...(Array.isArray(block.elements) ? block.elements : [])];
  return elements.find((element): element is Record<string, unknown> => {
    return isRecord(element) && element.action_id === actionId;
  });
}

function optionList(body: unknown): SelectOption[] {
  if (!isRecord(body)) return [];
  const groups = Array.isArray(body.option_groups) ? body.option_groups.filter(isRecord) : [];
  const raw = Array.isArray(body.options) ? body.options : groups.flatMap((group) => group.options ?? []);
  return (raw as unknown[]).flatMap((option) => {
    if (!isRecord(option) || typeof option.value !== 'string' || !isRecord(option.text)) return [];
    return typeof option.text.text === 'string' ? [{ text: option.text.text, value: option.value }] : [];
  });
}

export function createUserClient(emulator: SlackEmulator, options: UserClientOptions): UserClient {
  const { workspace, conversations, views } = emulator;
  const { userId } = options;
  const userName = workspace.user(userId)?.name ?? userId.toLowerCase();
  const ids = { teamId: workspace.teamId, appId: workspace.appId, botId: workspace.botId };
  const common = { user_id: userId, user_name: userName, team_id: workspace.teamId, api_app_id: workspace.appId };

  async function deliver(body: string): Promise<AppResponse> {
    let response: AppResponse;
    try {
      response = await postToApp(options.app.requestUrl, body, {
        signingSecret: options.app.signingSecret,
        timeoutMs: options.ackTimeoutMs ?? DEFAULT_ACK_TIMEOUT_MS,
      });
    } catch (error) {
      throw new AppDeliveryError((error as Error).name === 'TimeoutError' ? 'operation_timeout' : 'dispatch_failed');
    }
    if (response.status !== 200) throw new AppDeliveryError('dispatch_failed');
    emulator.limits.response('HTTP response', response.json);
    return response;
  }

  function slackbotSays(channel: string, text: string): void {
    conversations.post({ channel, user: SLACKBOT, text, visibleTo: userId });
  }

  function channelName(channel: string): string {
    return workspace.isDirectMessage(channel) ? 'directmessage' : (workspace.channel(channel).name ?? channel);
  }

  /** As the Slack client sends typed text: escaped, with @name mentions of the bot turned into ids. */
  function encodeMessage(text: string): string {
    const botName = new RegExp(`(^|\\s)@${escapeRegExp(workspace.botName)}\\b`, 'gi');
    return escapeTyped(text)
      .replace(botName, `$1<@${workspace.botUserId}>`)
      .replace(/(^|\s)@(here|channel|everyone)\b/g, '$1<!$2>');
  }

  async function deliverEvent(event: Record<string, unknown>): Promise<void> {
    const payload = eventCallbackPayload({
      event,
      team_id: workspace.teamId,
      api_app_id: workspace.appId,
      bot_user_id: workspace.botUserId,
    });
    await deliver(JSON.stringify(payload));
  }

  function ownView(viewId: string): StoredView {
    const stored = views.find({ viewId });
    if (!stored || stored.user !== userId) throw new NotOnScreenError(`no view ${viewId} is open`);
    return stored;
  }

  /** The person and the element they clicked, as block_actions describes them; the element must be on screen. */
  function clicked(blocks: unknown, { blockId, actionId }: { blockId: string; actionId: string }) {
    const element = findElement(blocks, blockId, actionId);
    if (!element) throw new NotOnScreenError(`no element ${actionId} in block ${blockId}`);
    return {
      ...common,
      action_id: actionId,
      block_id: blockId,
      value: typeof element.value === 'string' ? element.value : '',
      ...(isRecord(element.text) && { text: element.text }),
      ...(typeof element.style === 'string' && { style: element.style }),
    };
  }

  return {
    userId,

    async sendMessage({ channel, text, threadTs }) {
      const encoded = encodeMessage(text);
      const message = conversations.post({ channel, user: userId, text: encoded, ...(threadTs && { threadTs }) });
      const event = {
        user: userId,
        text: encoded,
        ts: message.ts,
        channel,
        event_ts: message.ts,
        team: workspace.teamId,
        client_msg_id: crypto.randomUUID(),
        ...(message.threadTs && { thread_ts: message.threadTs }),
      };
      if (workspace.isDirectMessage(channel)) {
        await deliverEvent({ type: 'message', channel_type: 'im', ...event });
      } else if (encoded.includes(`<@${workspace.botUserId}>`)) {
        const spec = workspace.channel(channel);
        if (spec.isMember ?? spec.visibility === 'public') await deliverEvent({ type: 'app_mention', ...event });
        else slackbotSays(channel, `You mentioned <@${workspace.botUserId}>, but they're not in this channel.`);
      }
      return message;
    },

    async runCommand({ channel, command, text }) {
      if (!options.commands.includes(command)) {
        slackbotSays(
          channel,
          `\`${escapeTyped(command)}\` is not a valid command. In Slack, all messages that start with "/" are interpreted as commands.`,
        );
        return;
      }
      const payload = slashCommandPayload({
        ...common,
        command,
        text: escapeTyped(text),
        channel_id: channel,
        channel_name: channelName(channel),
        response_url: emulator.responseUrlFor({ kind: 'command', channel, user: userId }),
        trigger_id: views.issueTrigger(userId, channel),
      });
      let response: AppResponse;
      try {
        response = await deliver(new URLSearchParams(payload).toString());
      } catch (error) {
        if (!(error instanceof AppDeliveryError)) throw error;
        slackbotSays(channel, `${escapeTyped(command)} failed with the error "${error.code}"`);
        return;
      }
      // The ack itself may carry the answer: JSON like a response_url post, or plain text.
      const body = isRecord(response.json) ? response.json : response.text ? { text: response.text } : undefined;
      if (!body || (typeof body.text !== 'string' && !Array.isArray(body.blocks))) return;
      conversations.post({
        channel,
        user: workspace.botUserId,
        botId: workspace.botId,
        appId: workspace.appId,
        text: typeof body.text === 'string' ? body.text : '',
        ...(Array.isArray(body.blocks) && { blocks: body.blocks }),
        ...(body.response_type !== 'in_channel' && { visibleTo: userId }),
      });
    },

    async clickButton(input) {
      const trigger = (channel?: string) => views.issueTrigger(userId, channel);
      if ('viewId' in input) {
        const stored = ownView(input.viewId);
        const payload = blockActionsPayload({
          ...clicked(stored.view.blocks, input),
          view: slackView(stored, ids),
          trigger_id: trigger(stored.channel),
        });
        await deliver(interactionBody(payload));
        return;
      }
      const message = conversations.find(input.channel, input.messageTs);
      if (!message || (message.visibleTo !== undefined && message.visibleTo !== userId)) {
        throw new NotOnScreenError(`no message ${input.messageTs} in ${input.channel}`);
      }
      const isEphemeral = message.visibleTo !== undefined;
      const payload = blockActionsPayload({
        ...clicked(message.blocks, input),
        channel_id: input.channel,
        channel_name: channelName(input.channel),
        message_ts: message.ts,
        is_ephemeral: isEphemeral,
        ...(!isEphemeral && { message: { ...slackMessage(message, { withMetadata: false }), team: workspace.teamId } }),
        response_url: emulator.responseUrlFor({
          kind: 'action',
          channel: input.channel,
          user: userId,
          sourceTs: message.ts,
        }),
        trigger_id: trigger(input.channel),
      });
      await deliver(interactionBody(payload));
    },

    async openAppHome(tab) {
      const home = views.home(userId);
      await deliverEvent({
        type: 'app_home_opened',
        user: userId,
        channel: workspace.directMessageChannel(userId),
        tab,
        event_ts: `${Date.now() / 1000}`,
        ...(home && { view: slackView(home, ids) }),
      });
    },

    async runShortcut({ callbackId, channel }) {
      const payload = globalShortcutPayload({
        ...common,
        callback_id: callbackId,
        trigger_id: views.issueTrigger(userId, channel),
      });
      await deliver(interactionBody(payload));
    },

    async loadOptions({ viewId, blockId, actionId, value }) {
      const stored = ownView(viewId);
      const payload = blockSuggestionPayload({
        ...common,
        action_id: actionId,
        block_id: blockId,
        value,
        view: slackView(stored, ids),
      });
      return optionList((await deliver(optionsBody(payload))).json);
    },

    async submitView({ viewId, values }) {
      const stored = ownView(viewId);
      stored.entered = values;
      const { state: _state, ...shown } = slackView(stored, ids);
      const payload = viewSubmissionPayload({
        ...common,
        callback_id: typeof stored.view.callback_id === 'string' ? stored.view.callback_id : '',
        values: viewStateValues(stored.view, values),
        view_id: stored.id,
        view: shown,
        trigger_id: views.issueTrigger(userId, stored.channel),
      });
      let response: AppResponse;
      try {
        response = await deliver(interactionBody(payload));
      } catch (error) {
        if (!(error instanceof AppDeliveryError)) throw error;
        views.showErrors(stored, {}, TROUBLE_CONNECTING);
        return;
      }
      const answer = isRecord(response.json) ? response.json : {};
      switch (answer.response_action) {
        case 'errors':
          views.showErrors(stored, isRecord(answer.errors) ? stringValues(answer.errors) : {});
          return;
        case 'update':
          if (isRecord(answer.view)) views.replace(stored, answer.view);
          return;
        case 'push':
          if (isRecord(answer.view)) views.openModal(userId, answer.view, { push: true });
          return;
        case 'clear':
          views.close(userId, { all: true });
          return;
        default:
          views.close(userId);
      }
    },

    async closeView(viewId) {
      const stored = ownView(viewId);
      views.close(userId);
      if (stored.view.notify_on_close !== true) return;
      const payload = {
        type: 'view_closed',
        team: { id: workspace.teamId, domain: workspace.teamDomain },
        user: { id: userId, name: userName, team_id: workspace.teamId },
        api_app_id: workspace.appId,
        token: 'fake-verification-token',
        view: slackView(stored, ids),
        is_cleared: false,
        is_enterprise_install: false,
        enterprise: null,
      };
      await deliver(interactionBody(payload));
    },
  };
}

function stringValues(record: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(record).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}
