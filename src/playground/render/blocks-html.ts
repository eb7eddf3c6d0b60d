import { attributes, escapeHtml, safeImageUrl, safeLinkUrl } from './html.js';
import { type MentionNames, mrkdwnToHtml } from './mrkdwn-html.js';

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Plain text as Slack shows it: escaped, line breaks kept. */
export function plainTextHtml(text: string): string {
  return escapeHtml(text).replace(/\n/g, '<br>');
}

/** A text object (mrkdwn or plain_text) as HTML; anything else is empty. */
export function textObjectHtml(value: unknown, names: MentionNames): string {
  if (!isObject(value)) return '';
  const text = stringOf(value.text);
  return value.type === 'mrkdwn' ? mrkdwnToHtml(text, names) : plainTextHtml(text);
}

function unsupported(what: string): string {
  return `<span class="bk-unsupported">[${escapeHtml(what)}]</span>`;
}

function imageHtml(url: unknown, alt: unknown, className: string): string {
  const src = safeImageUrl(stringOf(url));
  const altText = stringOf(alt);
  if (!src) return `<span class="${className} bk-image-missing">${escapeHtml(altText || 'image')}</span>`;
  return `<img${attributes({ class: className, src, alt: altText, loading: 'lazy', referrerpolicy: 'no-referrer' })}>`;
}

/**
 * A button carries its block and action ids, nothing else: the playground finds the rest in the
 * message or view the app sent, as Slack does when it builds a block_actions payload.
 */
function buttonHtml(element: JsonObject, blockId: string): string {
  const style = element.style === 'primary' || element.style === 'danger' ? ` bk-button--${element.style}` : '';
  const ids = { 'data-block-id': blockId, 'data-action-id': stringOf(element.action_id) };
  const label = isObject(element.text) ? escapeHtml(stringOf(element.text.text)) : '';
  const url = safeLinkUrl(stringOf(element.url));
  if (url) {
    const link = { class: `bk-button${style}`, href: url, target: '_blank', rel: 'noopener noreferrer', ...ids };
    return `<a${attributes(link)}>${label}</a>`;
  }
  return `<button${attributes({ type: 'button', class: `bk-button${style}`, ...ids })}>${label}</button>`;
}

/** An interactive or image element inside a section, actions or context block. */
export function elementHtml(element: unknown, blockId: string, names: MentionNames): string {
  if (!isObject(element)) return '';
  switch (element.type) {
    case 'button':
      return buttonHtml(element, blockId);
    case 'image':
      return imageHtml(element.image_url, element.alt_text, 'bk-element-image');
    case 'mrkdwn':
    case 'plain_text':
      return `<span class="bk-context-text">${textObjectHtml(element, names)}</span>`;
    default:
      return unsupported(stringOf(element.type) || 'element');
  }
}

function sectionHtml(block: JsonObject, blockId: string, names: MentionNames): string {
  const text =
    block.text === undefined ? '' : `<div class="bk-section-text">${textObjectHtml(block.text, names)}</div>`;
  const fields = Array.isArray(block.fields)
    ? `<div class="bk-fields">${block.fields.map((field) => `<div class="bk-field">${textObjectHtml(field, names)}</div>`).join('')}</div>`
    : '';
  const accessory =
    block.accessory === undefined
      ? ''
      : `<div class="bk-accessory">${elementHtml(block.accessory, blockId, names)}</div>`;
  return `<div class="bk-section"><div class="bk-section-body">${text}${fields}</div>${accessory}</div>`;
}

function imageBlockHtml(block: JsonObject, names: MentionNames): string {
  const title = block.title === undefined ? '' : `<figcaption>${textObjectHtml(block.title, names)}</figcaption>`;
  return `<figure class="bk-image">${title}${imageHtml(block.image_url, block.alt_text, 'bk-image-content')}</figure>`;
}

/** One block as HTML. Types the app does not send are named, not guessed at. */
export function blockHtml(block: unknown, names: MentionNames): string {
  if (!isObject(block)) return '';
  const blockId = stringOf(block.block_id);
  const elements = Array.isArray(block.elements) ? block.elements : [];
  switch (block.type) {
    case 'header':
      return `<div class="bk-header">${textObjectHtml(block.text, names)}</div>`;
    case 'section':
      return sectionHtml(block, blockId, names);
    case 'context':
      return `<div class="bk-context">${elements.map((element) => elementHtml(element, blockId, names)).join('')}</div>`;
    case 'divider':
      return '<hr class="bk-divider">';
    case 'actions':
      return `<div class="bk-actions">${elements.map((element) => elementHtml(element, blockId, names)).join('')}</div>`;
    case 'image':
      return imageBlockHtml(block, names);
    default:
      return `<div class="bk-block">${unsupported(`${stringOf(block.type) || 'unknown'} block`)}</div>`;
  }
}

export function blocksHtml(blocks: unknown, names: MentionNames): string {
  return Array.isArray(blocks) ? blocks.map((block) => blockHtml(block, names)).join('') : '';
}
