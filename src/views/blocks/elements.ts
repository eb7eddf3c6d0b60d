import type {
  ActionsBlock,
  Button,
  ContextBlock,
  DividerBlock,
  HeaderBlock,
  MrkdwnElement,
  PlainTextElement,
  SectionBlock,
} from '@slack/types';
import {
  ACTIONS_ELEMENTS_MAX,
  BUTTON_TEXT_MAX,
  BUTTON_VALUE_MAX,
  CONTEXT_ELEMENTS_MAX,
  CONTEXT_TEXT_MAX,
  FIELD_TEXT_MAX,
  HEADER_TEXT_MAX,
  SECTION_FIELDS_MAX,
  SECTION_TEXT_MAX,
  truncate,
} from './limits.js';
import { truncateMrkdwn } from './mrkdwn.js';

/**
 * Block constructors that keep each block within its limits. Arguments named `mrkdwn` are already
 * escaped (built with mrkdwn.ts); plain text is shown as typed, since Slack parses no mentions in it.
 */

export function plainText(text: string, max: number): PlainTextElement {
  // Slack rejects empty text objects; a space keeps a block valid when the data has nothing.
  return { type: 'plain_text', text: truncate(text.trim(), max) || ' ', emoji: true };
}

export function mrkdwnText(mrkdwn: string, max: number): MrkdwnElement {
  return { type: 'mrkdwn', text: truncateMrkdwn(mrkdwn, max) || ' ' };
}

export function header(text: string): HeaderBlock {
  return { type: 'header', text: plainText(text, HEADER_TEXT_MAX) };
}

export function section(mrkdwn: string, accessory?: Button): SectionBlock {
  const block: SectionBlock = { type: 'section', text: mrkdwnText(mrkdwn, SECTION_TEXT_MAX) };
  if (accessory) block.accessory = accessory;
  return block;
}

export function fieldsSection(mrkdwnFields: readonly string[]): SectionBlock {
  return {
    type: 'section',
    fields: mrkdwnFields.slice(0, SECTION_FIELDS_MAX).map((field) => mrkdwnText(field, FIELD_TEXT_MAX)),
  };
}

export function context(mrkdwnTexts: readonly string[]): ContextBlock {
  return {
    type: 'context',
    elements: mrkdwnTexts.slice(0, CONTEXT_ELEMENTS_MAX).map((text) => mrkdwnText(text, CONTEXT_TEXT_MAX)),
  };
}

export function divider(): DividerBlock {
  return { type: 'divider' };
}

export interface ButtonSpec {
  text: string;
  actionId: string;
  value: string;
  style?: 'primary' | 'danger';
}

export function button({ text, actionId, value, style }: ButtonSpec): Button {
  const element: Button = {
    type: 'button',
    text: plainText(text, BUTTON_TEXT_MAX),
    action_id: actionId,
    value: value.slice(0, BUTTON_VALUE_MAX),
  };
  if (style) element.style = style;
  return element;
}

export function actions(buttons: readonly Button[]): ActionsBlock {
  return { type: 'actions', elements: buttons.slice(0, ACTIONS_ELEMENTS_MAX) };
}
