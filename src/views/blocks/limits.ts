/** Block Kit's limits, as Slack documents them: one place, used by the builders and by `checkMessageLimits`. */
export const MAX_MESSAGE_BLOCKS = 50;
export const MAX_VIEW_BLOCKS = 100;
export const HEADER_TEXT_MAX = 150;
export const SECTION_TEXT_MAX = 3000;
export const SECTION_FIELDS_MAX = 10;
export const FIELD_TEXT_MAX = 2000;
export const CONTEXT_ELEMENTS_MAX = 10;
/** Slack documents no separate limit for a context element's text; a section's is the safe bound. */
export const CONTEXT_TEXT_MAX = 3000;
export const ACTIONS_ELEMENTS_MAX = 25;
export const BUTTON_TEXT_MAX = 75;
export const BUTTON_VALUE_MAX = 2000;
export const BUTTON_URL_MAX = 3000;
export const ACTION_ID_MAX = 255;
export const BLOCK_ID_MAX = 255;
export const OPTION_TEXT_MAX = 75;
export const OPTION_VALUE_MAX = 150;
export const OPTIONS_MAX = 100;
export const PLACEHOLDER_MAX = 150;
export const INPUT_LABEL_MAX = 2000;
export const INPUT_HINT_MAX = 2000;
export const PLAIN_TEXT_INPUT_MAX = 3000;
export const MODAL_TITLE_MAX = 24;
export const MODAL_BUTTON_MAX = 24;
export const CALLBACK_ID_MAX = 255;
export const PRIVATE_METADATA_MAX = 3000;
/** Slack truncates a message's `text` beyond this. */
export const MESSAGE_TEXT_MAX = 40_000;
/** What the builders keep the notification fallback to: it is a preview, not the card. */
export const FALLBACK_TEXT_MAX = 3000;

const ELLIPSIS = '…';

/**
 * Shortens text to at most `max` characters, ending with "…". Never splits a surrogate pair or an
 * escape such as `&amp;`, so it is safe on plain text and on escaped mrkdwn alike.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < 1) return '';
  let cut = text.slice(0, max - ELLIPSIS.length);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  cut = cut.replace(/&[a-z]{0,3}$/, '');
  return `${cut.trimEnd()}${ELLIPSIS}`;
}

/**
 * Joins whole lines while they fit in `max` characters, then says how many were left out: cutting
 * a line in the middle could break a link or a code block.
 */
export function linesWithin(lines: readonly string[], max: number, more: (left: number) => string): string {
  const kept: string[] = [];
  let length = 0;
  for (const [index, line] of lines.entries()) {
    const left = lines.length - index;
    const tail = index === lines.length - 1 ? 0 : more(left - 1).length + 1;
    if (length + line.length + tail > max) {
      kept.push(more(left));
      break;
    }
    kept.push(line);
    length += line.length + 1;
  }
  return truncate(kept.join('\n'), max);
}

/** A message as the builders produce it, or as a test captures it from the Slack emulator. */
export interface SlackSurface {
  type?: string;
  text?: string;
  blocks?: readonly unknown[];
  title?: unknown;
  submit?: unknown;
  close?: unknown;
  callback_id?: unknown;
  private_metadata?: unknown;
}

type JsonObject = Record<string, unknown>;

function isRecord(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function textOf(value: unknown): string | undefined {
  return isRecord(value) && typeof value.text === 'string' ? value.text : undefined;
}

function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Collects readable problems: "block 3 (section): text is 3,204 characters; the limit is 3,000". */
class Problems {
  readonly list: string[] = [];

  add(where: string, problem: string): void {
    this.list.push(`${where}: ${problem}`);
  }

  length(where: string, what: string, value: unknown, max: number, required = false): void {
    if (value === undefined || value === null) {
      if (required) this.add(where, `${what} is missing`);
      return;
    }
    if (typeof value !== 'string') {
      this.add(where, `${what} is not text`);
      return;
    }
    if (value.length === 0) this.add(where, `${what} is empty`);
    if (value.length > max) {
      this.add(
        where,
        `${what} is ${value.length.toLocaleString('en-US')} characters; the limit is ${max.toLocaleString('en-US')}`,
      );
    }
  }

  count(where: string, what: string, items: readonly unknown[], max: number): void {
    if (items.length > max) this.add(where, `${items.length} ${what}; the limit is ${max}`);
  }
}

/**
 * Every Block Kit limit a message, modal or Home tab breaks, one readable line each; empty when
 * Slack would accept it. Tests run it on every message they produce.
 */
export function checkMessageLimits(surface: SlackSurface): string[] {
  const problems = new Problems();
  const isView = surface.type === 'modal' || surface.type === 'home';
  if (isView) checkView(surface, problems);
  else problems.length('message', 'text (the notification fallback)', surface.text, MESSAGE_TEXT_MAX, true);
  const blocks = arrayOf(surface.blocks);
  problems.count(
    isView ? (surface.type ?? 'view') : 'message',
    'blocks',
    blocks,
    isView ? MAX_VIEW_BLOCKS : MAX_MESSAGE_BLOCKS,
  );
  const blockIds = new Set<string>();
  blocks.forEach((block, index) => {
    checkBlock(block, `block ${index + 1}`, problems);
    if (isRecord(block) && typeof block.block_id === 'string') {
      if (blockIds.has(block.block_id))
        problems.add(`block ${index + 1}`, `block_id "${block.block_id}" is used twice`);
      blockIds.add(block.block_id);
    }
  });
  return problems.list;
}

function checkView(view: SlackSurface, problems: Problems): void {
  if (view.type === 'modal') {
    problems.length('modal', 'title', textOf(view.title), MODAL_TITLE_MAX, true);
    if (view.submit !== undefined) problems.length('modal', 'submit', textOf(view.submit), MODAL_BUTTON_MAX);
    if (view.close !== undefined) problems.length('modal', 'close', textOf(view.close), MODAL_BUTTON_MAX);
    const hasInput = arrayOf(view.blocks).some((block) => isRecord(block) && block.type === 'input');
    if (hasInput && view.submit === undefined) problems.add('modal', 'has inputs but no submit button');
  }
  problems.length('view', 'callback_id', view.callback_id, CALLBACK_ID_MAX);
  problems.length('view', 'private_metadata', view.private_metadata, PRIVATE_METADATA_MAX);
}

function checkBlock(block: unknown, at: string, problems: Problems): void {
  if (!isRecord(block)) {
    problems.add(at, 'is not an object');
    return;
  }
  const where = `${at} (${String(block.type)})`;
  problems.length(where, 'block_id', block.block_id, BLOCK_ID_MAX);
  switch (block.type) {
    case 'header':
      problems.length(where, 'text', textOf(block.text), HEADER_TEXT_MAX, true);
      break;
    case 'section':
      checkSection(block, where, problems);
      break;
    case 'context': {
      const elements = arrayOf(block.elements);
      if (elements.length === 0) problems.add(where, 'has no elements');
      problems.count(where, 'elements', elements, CONTEXT_ELEMENTS_MAX);
      elements.forEach((element, index) => {
        if (isRecord(element) && element.type !== 'image') {
          problems.length(`${where} element ${index + 1}`, 'text', element.text, CONTEXT_TEXT_MAX, true);
        }
      });
      break;
    }
    case 'actions': {
      const elements = arrayOf(block.elements);
      if (elements.length === 0) problems.add(where, 'has no elements');
      problems.count(where, 'elements', elements, ACTIONS_ELEMENTS_MAX);
      checkElements(elements, where, problems);
      break;
    }
    case 'input':
      problems.length(where, 'label', textOf(block.label), INPUT_LABEL_MAX, true);
      if (block.hint !== undefined) problems.length(where, 'hint', textOf(block.hint), INPUT_HINT_MAX);
      if (!isRecord(block.element)) problems.add(where, 'has no element');
      else checkElements([block.element], where, problems);
      break;
    case 'divider':
      break;
    default:
      // Other block types are not built here; a test that meets one learns nothing false.
      break;
  }
}

function checkSection(block: JsonObject, where: string, problems: Problems): void {
  const fields = arrayOf(block.fields);
  if (block.text === undefined && fields.length === 0) problems.add(where, 'needs text or fields');
  if (block.text !== undefined) problems.length(where, 'text', textOf(block.text), SECTION_TEXT_MAX, true);
  problems.count(where, 'fields', fields, SECTION_FIELDS_MAX);
  fields.forEach((field, index) => {
    problems.length(where, `field ${index + 1}`, textOf(field), FIELD_TEXT_MAX, true);
  });
  if (block.accessory !== undefined) checkElements([block.accessory], where, problems);
}

function checkElements(elements: readonly unknown[], where: string, problems: Problems): void {
  const actionIds = new Set<string>();
  for (const element of elements) {
    if (!isRecord(element)) {
      problems.add(where, 'has an element that is not an object');
      continue;
    }
    const at = `${where} ${String(element.type)}`;
    problems.length(at, 'action_id', element.action_id, ACTION_ID_MAX);
    if (typeof element.action_id === 'string') {
      if (actionIds.has(element.action_id))
        problems.add(at, `action_id "${element.action_id}" is used twice in one block`);
      actionIds.add(element.action_id);
    }
    if (element.placeholder !== undefined)
      problems.length(at, 'placeholder', textOf(element.placeholder), PLACEHOLDER_MAX);
    checkElement(element, at, problems);
  }
}

function checkElement(element: JsonObject, at: string, problems: Problems): void {
  switch (element.type) {
    case 'button':
      problems.length(at, 'text', textOf(element.text), BUTTON_TEXT_MAX, true);
      if (isRecord(element.text) && element.text.type !== 'plain_text') problems.add(at, 'text must be plain_text');
      problems.length(at, 'value', element.value, BUTTON_VALUE_MAX);
      problems.length(at, 'url', element.url, BUTTON_URL_MAX);
      break;
    case 'plain_text_input':
      if (typeof element.max_length === 'number' && element.max_length > PLAIN_TEXT_INPUT_MAX) {
        problems.add(at, `max_length ${element.max_length}; the limit is ${PLAIN_TEXT_INPUT_MAX}`);
      }
      break;
    default: {
      const options = [...arrayOf(element.options), ...arrayOf(element.initial_options)];
      if (isRecord(element.initial_option)) options.push(element.initial_option);
      problems.count(at, 'options', arrayOf(element.options), OPTIONS_MAX);
      checkEachOption(options, at, problems);
    }
  }
}

/** The problems of select options: what an options (external select) response must also respect. */
export function checkOptions(options: readonly unknown[]): string[] {
  const problems = new Problems();
  problems.count('options', 'options', options, OPTIONS_MAX);
  checkEachOption(options, 'options', problems);
  return problems.list;
}

function checkEachOption(options: readonly unknown[], at: string, problems: Problems): void {
  options.forEach((option, index) => {
    const where = `${at} option ${index + 1}`;
    if (!isRecord(option)) {
      problems.add(where, 'is not an object');
      return;
    }
    problems.length(where, 'text', textOf(option.text), OPTION_TEXT_MAX, true);
    problems.length(where, 'value', option.value, OPTION_VALUE_MAX, true);
  });
}
