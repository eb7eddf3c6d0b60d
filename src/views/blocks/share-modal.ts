import type { InputBlock, ModalView, PlainTextOption } from '@slack/types';
import type { Incident } from '../../incidents/model.js';
import type { SearchHit } from '../../search/types.js';
import { plainText } from './elements.js';
import {
  ACTION_SHARE_CHANNEL,
  ACTION_SHARE_INCIDENT,
  ACTION_SHARE_NOTE,
  BLOCK_SHARE_CHANNEL,
  BLOCK_SHARE_INCIDENT,
  BLOCK_SHARE_NOTE,
  CONVERSATION_ID,
  VIEW_SHARE,
} from './ids.js';
import {
  MODAL_BUTTON_MAX,
  MODAL_TITLE_MAX,
  OPTION_TEXT_MAX,
  OPTION_VALUE_MAX,
  OPTIONS_MAX,
  truncate,
} from './limits.js';

/** Long enough to say why this incident matters to the team; a card is not the place for an essay. */
export const NOTE_MAX_LENGTH = 500;

export interface ShareModalOptions {
  /** Preselects an incident, e.g. when opened from a card. */
  initialIncidentId?: string;
  /** Its option text; defaults to the id. */
  initialLabel?: string;
}

/** The "Share incident card" modal: incident picker (backed by the search), channel picker, note. */
export function shareModalView(options: ShareModalOptions = {}): ModalView {
  return {
    type: 'modal',
    callback_id: VIEW_SHARE,
    title: plainText('Share incident card', MODAL_TITLE_MAX),
    submit: plainText('Share', MODAL_BUTTON_MAX),
    close: plainText('Cancel', MODAL_BUTTON_MAX),
    blocks: [incidentInput(options), channelInput(), noteInput()],
  };
}

function incidentInput({ initialIncidentId, initialLabel }: ShareModalOptions): InputBlock {
  const block: InputBlock = {
    type: 'input',
    block_id: BLOCK_SHARE_INCIDENT,
    label: plainText('Incident', 2000),
    element: {
      type: 'external_select',
      action_id: ACTION_SHARE_INCIDENT,
      min_query_length: 1,
      placeholder: plainText('Type an organisation, state or year', 150),
    },
  };
  if (initialIncidentId && block.element.type === 'external_select') {
    block.element.initial_option = option(initialLabel ?? initialIncidentId, initialIncidentId);
  }
  return block;
}

function channelInput(): InputBlock {
  return {
    type: 'input',
    block_id: BLOCK_SHARE_CHANNEL,
    label: plainText('Channel', 2000),
    element: {
      type: 'conversations_select',
      action_id: ACTION_SHARE_CHANNEL,
      default_to_current_conversation: true,
      filter: { include: ['public', 'private'], exclude_bot_users: true },
      placeholder: plainText('Choose a channel', 150),
    },
  };
}

function noteInput(): InputBlock {
  return {
    type: 'input',
    block_id: BLOCK_SHARE_NOTE,
    optional: true,
    label: plainText('Note (optional)', 2000),
    element: {
      type: 'plain_text_input',
      action_id: ACTION_SHARE_NOTE,
      multiline: true,
      max_length: NOTE_MAX_LENGTH,
      placeholder: plainText('Why this one matters to the team', 150),
    },
  };
}

function option(text: string, value: string): PlainTextOption {
  return { text: plainText(text, OPTION_TEXT_MAX), value };
}

/** "HealthEC LLC (2023, NJ)": the name shortened so the year and state always show. */
export function incidentOptionLabel(incident: Incident): string {
  const year = (incident.disclosed ?? incident.occurred?.start)?.slice(0, 4);
  const details = [year, incident.state ?? incident.country].filter(Boolean).join(', ');
  const suffix = details ? ` (${details})` : '';
  return `${truncate(incident.organization.trim(), OPTION_TEXT_MAX - suffix.length)}${suffix}`;
}

/**
 * The options response for the incident picker. An id too long for an option value is left out:
 * a shortened id would pick nothing, or the wrong incident.
 */
export function incidentOptions(hits: readonly SearchHit[]): { options: PlainTextOption[] } {
  const seen = new Set<string>();
  const options: PlainTextOption[] = [];
  for (const { incident } of hits) {
    if (options.length === OPTIONS_MAX) break;
    if (seen.has(incident.id) || incident.id.length > OPTION_VALUE_MAX) continue;
    seen.add(incident.id);
    options.push(option(incidentOptionLabel(incident), incident.id));
  }
  return { options };
}

/** What a `view_submission` of the share modal carries, as Slack sends `view.state.values`. */
export type ShareModalValues = Record<
  string,
  Record<
    string,
    { selected_option?: { value?: string } | null; selected_conversation?: string | null; value?: string | null }
  >
>;

export interface ShareSubmission {
  incidentId?: string;
  channel?: string;
  note?: string;
}

/**
 * Reads the three inputs back; missing ones stay undefined for `checkShareSubmission` to report, and
 * so does a channel that is not a conversation id (it would go into a Web API call and into `<#…>`).
 */
export function readShareSubmission(values: ShareModalValues): ShareSubmission {
  const incidentId = values[BLOCK_SHARE_INCIDENT]?.[ACTION_SHARE_INCIDENT]?.selected_option?.value;
  const selected = values[BLOCK_SHARE_CHANNEL]?.[ACTION_SHARE_CHANNEL]?.selected_conversation;
  const channel = selected && CONVERSATION_ID.test(selected) ? selected : undefined;
  const note = values[BLOCK_SHARE_NOTE]?.[ACTION_SHARE_NOTE]?.value?.trim() || undefined;
  return { incidentId, channel, note };
}

export type CheckedShare<T> =
  | { incident: T; channel: string; note: string | undefined }
  | { errors: Record<string, string> };

/**
 * The submitted modal, checked: what to share where, or the errors Slack shows next to each input.
 * `findIncident` says whether the picked incident (still) exists.
 */
export function checkShareSubmission<T>(
  values: ShareModalValues,
  findIncident: (id: string) => T | undefined,
): CheckedShare<T> {
  const { incidentId, channel, note } = readShareSubmission(values);
  const incident = incidentId ? findIncident(incidentId) : undefined;
  const errors: Record<string, string> = {};
  if (!incident) errors[BLOCK_SHARE_INCIDENT] = 'Pick an incident from the list.';
  if (!channel) errors[BLOCK_SHARE_CHANNEL] = 'Pick a channel to share in.';
  // The input caps the note, but the payload comes from the client: check it here too.
  if (note && note.length > NOTE_MAX_LENGTH)
    errors[BLOCK_SHARE_NOTE] = `Keep the note under ${NOTE_MAX_LENGTH} characters.`;
  if (!incident || !channel || Object.keys(errors).length > 0) return { errors };
  return { incident, channel, note };
}
