import { isRecord } from './http-body.js';

/** What a person entered in one input: text typed, an option picked ({text, value}), a conversation id, or nothing. */
export type EnteredValue = string | { text: string; value: string } | null;

/** Entered values by block_id, then action_id, as the form on screen holds them. */
export type EnteredValues = Record<string, Record<string, EnteredValue>>;

export interface InputElement {
  blockId: string;
  actionId: string;
  element: Record<string, unknown>;
}

/** The input blocks of a view, each with its element. */
export function inputElements(view: Record<string, unknown>): InputElement[] {
  const blocks = Array.isArray(view.blocks) ? view.blocks : [];
  return blocks.flatMap((block) => {
    if (!isRecord(block) || block.type !== 'input' || !isRecord(block.element)) return [];
    const { element } = block;
    if (typeof block.block_id !== 'string' || typeof element.action_id !== 'string') return [];
    return [{ blockId: block.block_id, actionId: element.action_id, element }];
  });
}

function optionState(entered: EnteredValue) {
  if (entered === null || typeof entered === 'string') return null;
  return { text: { type: 'plain_text', text: entered.text, emoji: true }, value: entered.value };
}

function textState(entered: EnteredValue): string | null {
  return typeof entered === 'string' && entered.length > 0 ? entered : null;
}

/**
 * `view.state.values` as Slack builds it from the form: one entry per input, typed by its element,
 * whatever the person entered or left empty. Only the view's own inputs count.
 */
export function viewStateValues(view: Record<string, unknown>, entered: EnteredValues) {
  const values: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const { blockId, actionId, element } of inputElements(view)) {
    const value = entered[blockId]?.[actionId] ?? null;
    const type = String(element.type);
    let state: Record<string, unknown>;
    switch (type) {
      case 'plain_text_input':
      case 'email_text_input':
      case 'url_text_input':
      case 'number_input':
        state = { type, value: textState(value) };
        break;
      case 'static_select':
      case 'external_select':
        state = { type, selected_option: optionState(value) };
        break;
      case 'conversations_select':
        state = { type, selected_conversation: textState(value) };
        break;
      case 'channels_select':
        state = { type, selected_channel: textState(value) };
        break;
      case 'users_select':
        state = { type, selected_user: textState(value) };
        break;
      default:
        state = { type };
    }
    values[blockId] = { [actionId]: state };
  }
  return values;
}
