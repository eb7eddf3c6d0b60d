import { DEFAULT_IDS, randomId } from './ids.js';

/**
 * Payload objects as Slack delivers them. Over HTTP they are encoded by sign-request.ts; over Socket Mode
 * they are the `payload` of an envelope.
 */

export interface SlashCommandInput {
  command?: string;
  text?: string;
  user_id?: string;
  user_name?: string;
  channel_id?: string;
  channel_name?: string;
  team_id?: string;
  response_url?: string;
  trigger_id?: string;
  api_app_id?: string;
}

/** Every field is a string, in the order Slack sends them, because the HTTP form has no other types. */
export function slashCommandPayload(input: SlashCommandInput = {}): Record<string, string> {
  return {
    token: 'fake-verification-token',
    team_id: input.team_id ?? DEFAULT_IDS.teamId,
    team_domain: DEFAULT_IDS.teamDomain,
    channel_id: input.channel_id ?? DEFAULT_IDS.channelId,
    channel_name: input.channel_name ?? 'general',
    user_id: input.user_id ?? DEFAULT_IDS.userId,
    user_name: input.user_name ?? 'alex',
    command: input.command ?? '/breach',
    text: input.text ?? '',
    api_app_id: input.api_app_id ?? DEFAULT_IDS.appId,
    is_enterprise_install: 'false',
    response_url: input.response_url ?? 'https://hooks.slack.invalid/commands/unset',
    trigger_id: input.trigger_id ?? `${Date.now()}.${randomId('')}`,
  };
}

export interface EventCallbackInput {
  event: Record<string, unknown>;
  event_id?: string;
  team_id?: string;
  api_app_id?: string;
  /** The bot user the event was authorized for (Bolt reads it from `authorizations`). */
  bot_user_id?: string;
}

export function eventCallbackPayload(input: EventCallbackInput): Record<string, unknown> {
  const teamId = input.team_id ?? DEFAULT_IDS.teamId;
  return {
    token: 'fake-verification-token',
    team_id: teamId,
    api_app_id: input.api_app_id ?? DEFAULT_IDS.appId,
    event: input.event,
    type: 'event_callback',
    event_id: input.event_id ?? randomId('Ev'),
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      {
        enterprise_id: null,
        team_id: teamId,
        user_id: input.bot_user_id ?? DEFAULT_IDS.botUserId,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
    event_context: randomId('4-'),
  };
}

interface InteractionBase {
  user_id?: string;
  user_name?: string;
  team_id?: string;
  api_app_id?: string;
  trigger_id?: string;
}

function interactionCommon(input: InteractionBase, type: string): Record<string, unknown> {
  const teamId = input.team_id ?? DEFAULT_IDS.teamId;
  return {
    type,
    token: 'fake-verification-token',
    api_app_id: input.api_app_id ?? DEFAULT_IDS.appId,
    team: { id: teamId, domain: DEFAULT_IDS.teamDomain },
    user: {
      id: input.user_id ?? DEFAULT_IDS.userId,
      username: input.user_name ?? 'alex',
      name: input.user_name ?? 'alex',
      team_id: teamId,
    },
    trigger_id: input.trigger_id ?? `${Date.now()}.${randomId('')}`,
    is_enterprise_install: false,
    enterprise: null,
  };
}

export interface BlockActionInput extends InteractionBase {
  action_id: string;
  block_id?: string;
  value?: string;
  /** `type` of the element; `selected_option` is added for static_select. */
  element_type?: 'button' | 'static_select' | 'overflow';
  channel_id?: string;
  channel_name?: string;
  message_ts?: string;
  /** The message the button is on, as Slack includes it (it leaves it out for an ephemeral message). */
  message?: Record<string, unknown>;
  is_ephemeral?: boolean;
  /** The clicked element's text and style, as they were in the message. */
  text?: Record<string, unknown>;
  style?: string;
  response_url?: string;
  /** The view the action happened in (App Home or modal) instead of a message. */
  view?: Record<string, unknown>;
}

export function blockActionsPayload(input: BlockActionInput): Record<string, unknown> {
  const elementType = input.element_type ?? 'button';
  const action = {
    type: elementType,
    action_id: input.action_id,
    block_id: input.block_id ?? randomId('b'),
    action_ts: `${Date.now() / 1000}`,
    ...(elementType === 'button'
      ? {
          value: input.value ?? '',
          text: input.text ?? { type: 'plain_text', text: 'button' },
          ...(input.style && { style: input.style }),
        }
      : { selected_option: { value: input.value ?? '', text: { type: 'plain_text', text: input.value ?? '' } } }),
  };
  const messageTs = input.message_ts ?? '1700000000.000100';
  const isEphemeral = input.is_ephemeral ?? false;
  const where = input.view
    ? { container: { type: 'view', view_id: input.view.id }, view: input.view }
    : {
        container: {
          type: 'message',
          message_ts: messageTs,
          channel_id: input.channel_id ?? DEFAULT_IDS.channelId,
          is_ephemeral: isEphemeral,
        },
        channel: { id: input.channel_id ?? DEFAULT_IDS.channelId, name: input.channel_name ?? 'general' },
        ...(!isEphemeral && { message: input.message ?? { type: 'message', ts: messageTs, text: '' } }),
        response_url: input.response_url ?? 'https://hooks.slack.invalid/actions/unset',
      };
  return { ...interactionCommon(input, 'block_actions'), ...where, actions: [action], state: { values: {} } };
}

export interface ViewSubmissionInput extends InteractionBase {
  callback_id: string;
  /** `state.values` as Slack sends it: block_id → action_id → element state. */
  values?: Record<string, Record<string, unknown>>;
  private_metadata?: string;
  view_id?: string;
  /** The rest of the view as it is on screen (blocks, title, hash, ...); `state` and `callback_id` come from above. */
  view?: Record<string, unknown>;
}

export function viewSubmissionPayload(input: ViewSubmissionInput): Record<string, unknown> {
  return {
    ...interactionCommon(input, 'view_submission'),
    view: {
      id: input.view_id ?? randomId('V'),
      type: 'modal',
      private_metadata: input.private_metadata ?? '',
      hash: `${Date.now()}.${randomId('')}`,
      team_id: input.team_id ?? DEFAULT_IDS.teamId,
      app_id: input.api_app_id ?? DEFAULT_IDS.appId,
      blocks: [],
      ...input.view,
      callback_id: input.callback_id,
      state: { values: input.values ?? {} },
    },
    response_urls: [],
  };
}

export interface BlockSuggestionInput extends InteractionBase {
  action_id: string;
  value: string;
  block_id?: string;
  view?: Record<string, unknown>;
}

export function blockSuggestionPayload(input: BlockSuggestionInput): Record<string, unknown> {
  return {
    ...interactionCommon(input, 'block_suggestion'),
    action_id: input.action_id,
    block_id: input.block_id ?? randomId('b'),
    value: input.value,
    container: input.view ? { type: 'view', view_id: input.view.id } : { type: 'message' },
    ...(input.view && { view: input.view }),
  };
}

export interface ShortcutInput extends InteractionBase {
  callback_id: string;
}

export function globalShortcutPayload(input: ShortcutInput): Record<string, unknown> {
  return { ...interactionCommon(input, 'shortcut'), callback_id: input.callback_id, action_ts: `${Date.now() / 1000}` };
}
