import { truncate } from './limits.js';

/**
 * The one mrkdwn escaper. Slack treats only `&`, `<` and `>` as control characters; escaping them
 * means no user or dataset text can become a mention (`<!channel>`, `<@U123>`) or a link.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Shortens mrkdwn to `max` characters without leaving half an entity or half a `<link|label>`:
 * a broken link would show its raw URL, and a cut `&amp;` would show as `&am`.
 */
export function truncateMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = truncate(text, max);
  const body = cut.slice(0, -1);
  const openLink = body.lastIndexOf('<');
  return openLink > body.lastIndexOf('>') ? `${body.slice(0, openLink).trimEnd()}…` : cut;
}

/** Plain text escaped for mrkdwn and kept within `max` characters. */
export function escapeWithin(text: string, max: number): string {
  return truncateMrkdwn(escapeMrkdwn(text), max);
}

/** `<url|label>` for an http(s) URL; anything else (javascript:, garbage) becomes the label alone. */
export function link(url: string, label: string): string {
  const safeUrl = httpUrl(url);
  const safeLabel = escapeMrkdwn(label.trim() || url);
  // `|` ends the URL part of a link, so it is percent-encoded like any other unsafe URL character.
  return safeUrl ? `<${escapeMrkdwn(safeUrl.replace(/\|/g, '%7C'))}|${safeLabel}>` : safeLabel;
}

function httpUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** Bold plain text. Slack's `*` must touch the words, so surrounding spaces are dropped. */
export function bold(text: string): string {
  const trimmed = text.trim();
  return trimmed ? `*${escapeMrkdwn(trimmed)}*` : '';
}

export function italic(text: string): string {
  const trimmed = text.trim();
  return trimmed ? `_${escapeMrkdwn(trimmed)}_` : '';
}

/** A user mention for a real user id; anything else is shown as plain text and pings nobody. */
export function userMention(userId: string): string {
  return /^[UW][A-Z0-9]+$/.test(userId) ? `<@${userId}>` : escapeMrkdwn(userId);
}

/** A channel link for a real channel id; anything else is shown as plain text. */
export function channelMention(channelId: string): string {
  return /^[CGD][A-Z0-9]+$/.test(channelId) ? `<#${channelId}>` : escapeMrkdwn(channelId);
}
