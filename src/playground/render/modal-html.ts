import type { EnteredValue } from '../emulator/view-state.js';
import { blockHtml, plainTextHtml, textObjectHtml } from './blocks-html.js';
import { attributes, escapeHtml } from './html.js';
import type { MentionNames } from './mrkdwn-html.js';

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function plainOf(value: unknown): string {
  return isObject(value) ? stringOf(value.text) : '';
}

export interface ConversationChoice {
  id: string;
  name: string;
  kind: 'public' | 'private' | 'im';
}

export interface ModalScreen {
  viewId: string;
  view: JsonObject;
  /** Inline errors by block_id, from the app's `response_action: 'errors'`. */
  errors: Readonly<Record<string, string>>;
  /** Slack's own problem line (the app did not answer). */
  problem?: string;
  /** What the person entered last time, kept on screen while errors show. */
  entered: Readonly<Record<string, Readonly<Record<string, EnteredValue>>>>;
  /** What a conversations_select offers. */
  conversations: readonly ConversationChoice[];
  /** Where the person was when the modal opened, for `default_to_current_conversation`. */
  currentChannel?: string;
}

interface InputContext {
  blockId: string;
  actionId: string;
  inputId: string;
  entered: EnteredValue | undefined;
}

function textInputHtml(element: JsonObject, context: InputContext): string {
  const value = typeof context.entered === 'string' ? context.entered : stringOf(element.initial_value);
  const common = {
    id: context.inputId,
    class: 'bk-text-input',
    'data-kind': 'text',
    'data-block-id': context.blockId,
    'data-action-id': context.actionId,
    maxlength: typeof element.max_length === 'number' ? element.max_length : undefined,
    placeholder: plainOf(element.placeholder) || undefined,
  };
  if (element.multiline === true)
    return `<textarea${attributes({ ...common, rows: 3 })}>${escapeHtml(value)}</textarea>`;
  return `<input${attributes({ ...common, type: 'text', value })}>`;
}

function optionOf(value: unknown): { text: string; value: string } | undefined {
  if (!isObject(value) || typeof value.value !== 'string') return undefined;
  return { text: plainOf(value.text) || value.value, value: value.value };
}

/** The external select: a text box the page turns into an options request, and a list for the answers. */
function externalSelectHtml(element: JsonObject, context: InputContext): string {
  const picked =
    context.entered !== undefined && context.entered !== null && typeof context.entered !== 'string'
      ? context.entered
      : optionOf(element.initial_option);
  const minQueryLength = typeof element.min_query_length === 'number' ? element.min_query_length : 3;
  const container = {
    class: 'bk-external-select',
    'data-kind': 'external',
    'data-block-id': context.blockId,
    'data-action-id': context.actionId,
    'data-min-query-length': minQueryLength,
    'data-selected-value': picked?.value,
    'data-selected-text': picked?.text,
  };
  const box = {
    id: context.inputId,
    type: 'text',
    role: 'combobox',
    autocomplete: 'off',
    'aria-expanded': 'false',
    placeholder: plainOf(element.placeholder) || undefined,
    value: picked?.text ?? '',
  };
  return `<div${attributes(container)}><input${attributes(box)}><ul class="bk-options" role="listbox" hidden></ul></div>`;
}

function selectHtml(
  choices: readonly { text: string; value: string }[],
  selected: string | undefined,
  placeholder: string,
  context: InputContext,
  kind: 'static' | 'conversation',
): string {
  const select = {
    id: context.inputId,
    'data-kind': kind,
    'data-block-id': context.blockId,
    'data-action-id': context.actionId,
  };
  const options = [
    `<option value="">${escapeHtml(placeholder || 'Choose…')}</option>`,
    ...choices.map(
      (choice) =>
        `<option${attributes({ value: choice.value })}${choice.value === selected ? ' selected' : ''}>${escapeHtml(choice.text)}</option>`,
    ),
  ];
  return `<select${attributes(select)}>${options.join('')}</select>`;
}

function staticSelectHtml(element: JsonObject, context: InputContext): string {
  const choices = (Array.isArray(element.options) ? element.options : []).flatMap((option) => optionOf(option) ?? []);
  const entered = context.entered;
  const selected = isObject(entered) ? entered.value : optionOf(element.initial_option)?.value;
  return selectHtml(choices, selected, plainOf(element.placeholder), context, 'static');
}

function conversationsSelectHtml(element: JsonObject, context: InputContext, screen: ModalScreen): string {
  const filter = isObject(element.filter) ? element.filter : {};
  const include = Array.isArray(filter.include) ? filter.include.map(String) : ['public', 'private', 'im'];
  const choices = screen.conversations
    .filter((conversation) => include.includes(conversation.kind))
    .map((conversation) => ({
      text: conversation.kind === 'im' ? conversation.name : `#${conversation.name}`,
      value: conversation.id,
    }));
  const current = element.default_to_current_conversation === true ? screen.currentChannel : undefined;
  const selected =
    typeof context.entered === 'string' ? context.entered : stringOf(element.initial_conversation) || current;
  return selectHtml(choices, selected, plainOf(element.placeholder), context, 'conversation');
}

function inputControlHtml(element: JsonObject, context: InputContext, screen: ModalScreen): string {
  switch (element.type) {
    case 'plain_text_input':
      return textInputHtml(element, context);
    case 'external_select':
      return externalSelectHtml(element, context);
    case 'static_select':
      return staticSelectHtml(element, context);
    case 'conversations_select':
      return conversationsSelectHtml(element, context, screen);
    default:
      return `<span class="bk-unsupported">[${escapeHtml(stringOf(element.type) || 'element')}]</span>`;
  }
}

function inputBlockHtml(block: JsonObject, screen: ModalScreen, names: MentionNames): string {
  const element = isObject(block.element) ? block.element : {};
  const blockId = stringOf(block.block_id);
  const actionId = stringOf(element.action_id);
  const context: InputContext = {
    blockId,
    actionId,
    inputId: `input-${blockId}-${actionId}`,
    entered: screen.entered[blockId]?.[actionId],
  };
  const error = screen.errors[blockId];
  const hint = block.hint === undefined ? '' : `<p class="bk-input-hint">${textObjectHtml(block.hint, names)}</p>`;
  return [
    `<div${attributes({ class: error ? 'bk-input bk-input--error' : 'bk-input', 'data-block-id': blockId })}>`,
    `<label${attributes({ for: context.inputId })}>${plainTextHtml(plainOf(block.label))}</label>`,
    inputControlHtml(element, context, screen),
    hint,
    error ? `<p class="bk-input-error" role="alert">${plainTextHtml(error)}</p>` : '',
    '</div>',
  ].join('');
}

/** A modal as a form: its inputs, the app's inline errors under them, and its close and submit buttons. */
export function modalHtml(screen: ModalScreen, names: MentionNames): string {
  const { view } = screen;
  const blocks = Array.isArray(view.blocks) ? view.blocks : [];
  const body = blocks
    .map((block) =>
      isObject(block) && block.type === 'input' ? inputBlockHtml(block, screen, names) : blockHtml(block, names),
    )
    .join('');
  const close = plainOf(view.close) || 'Cancel';
  const submit =
    view.submit === undefined
      ? ''
      : `<button type="submit" class="bk-button bk-button--primary">${escapeHtml(plainOf(view.submit))}</button>`;
  const problem = screen.problem ? `<p class="modal-problem" role="alert">${escapeHtml(screen.problem)}</p>` : '';
  return [
    `<form${attributes({ class: 'modal', 'data-view-id': screen.viewId, role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'modal-title' })}>`,
    `<header class="modal-header"><h2 id="modal-title">${escapeHtml(plainOf(view.title))}</h2>`,
    '<button type="button" class="modal-x" data-close-view aria-label="Close">×</button></header>',
    `<div class="modal-body">${problem}${body}</div>`,
    `<footer class="modal-footer"><button type="button" class="bk-button" data-close-view>${escapeHtml(close)}</button>${submit}</footer>`,
    '</form>',
  ].join('');
}
