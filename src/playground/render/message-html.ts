import type { StoredMessage } from '../emulator/conversations.js';
import type { MessageFile } from '../emulator/files.js';
import { blocksHtml } from './blocks-html.js';
import { attributes, escapeHtml } from './html.js';
import { type MentionNames, mrkdwnToHtml } from './mrkdwn-html.js';

export interface Author {
  name: string;
  /** Apps and Slackbot get Slack's "APP" badge. */
  isApp: boolean;
}

export interface MessageContext {
  names: MentionNames;
  author(userId: string): Author;
  /** In the channel, a parent shows how many replies it has; in the thread pane it does not. */
  showReplies: boolean;
  /** Times are shown in this zone (the playground's), so the server can render them. */
  timeZone?: string;
  /** Where the page downloads a shared file from; without it a file shows without a link. */
  fileHref?: (file: MessageFile) => string;
}

function timeOf(ts: string, timeZone: string | undefined): { iso: string; shown: string } {
  const date = new Date(Number(ts.split('.')[0]) * 1000);
  const shown = date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', ...(timeZone && { timeZone }) });
  return { iso: date.toISOString(), shown };
}

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** A shared file as Slack shows it under the message: its title to download it by, then its name, type and size. */
function fileHtml(file: MessageFile, href: string | undefined): string {
  const title = escapeHtml(file.title || file.name);
  const link = href
    ? `<a${attributes({ class: 'file-title', href, download: file.name })}>${title}</a>`
    : `<span class="file-title">${title}</span>`;
  return [
    `<div${attributes({ class: 'file', 'data-file-id': file.id })}>`,
    `<span class="file-icon" aria-hidden="true">${escapeHtml(file.filetype.slice(0, 4).toUpperCase())}</span>`,
    `<div class="file-main">${link}`,
    `<div class="file-meta">${escapeHtml(`${file.name} · ${file.prettyType} · ${sizeText(file.size)}`)}</div>`,
    '</div></div>',
  ].join('');
}

/**
 * One message as Slack lays it out: who, when, then the blocks the app sent (or the text when
 * there are none) and the files it shared, marked when only the viewer can see it.
 */
export function messageHtml(message: StoredMessage, context: MessageContext): string {
  const author = context.author(message.user);
  const time = timeOf(message.ts, context.timeZone);
  const ephemeral = message.visibleTo !== undefined;
  const files = message.files ?? [];
  const content =
    message.blocks && message.blocks.length > 0
      ? blocksHtml(message.blocks, context.names)
      : message.text === '' && files.length > 0
        ? ''
        : `<div class="message-text">${mrkdwnToHtml(message.text, context.names)}</div>`;
  const shared = files.map((file) => fileHtml(file, context.fileHref?.(file))).join('');
  const body = shared ? `${content}<div class="message-files">${shared}</div>` : content;
  const replies =
    context.showReplies && message.replyCount > 0
      ? `<button${attributes({ type: 'button', class: 'thread-link', 'data-thread-ts': message.ts })}>${message.replyCount} ${message.replyCount === 1 ? 'reply' : 'replies'}</button>`
      : '';
  const classes = ['message', ...(ephemeral ? ['message--ephemeral'] : []), ...(author.isApp ? ['message--app'] : [])];
  return [
    `<article${attributes({ class: classes.join(' '), 'data-channel': message.channel, 'data-ts': message.ts })}>`,
    `<div class="avatar" aria-hidden="true">${escapeHtml(author.name.slice(0, 1).toUpperCase())}</div>`,
    '<div class="message-main">',
    `<div class="message-meta"><span class="author">${escapeHtml(author.name)}</span>`,
    author.isApp ? '<span class="app-badge">APP</span>' : '',
    `<time${attributes({ datetime: time.iso })}>${escapeHtml(time.shown)}</time>`,
    message.edited ? '<span class="edited">(edited)</span>' : '',
    '</div>',
    ephemeral ? '<div class="ephemeral-note">Only visible to you</div>' : '',
    `<div class="message-body">${body}</div>`,
    replies,
    '</div></article>',
  ].join('');
}
