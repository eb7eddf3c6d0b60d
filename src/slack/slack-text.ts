/** The question without the bot's own mention: "<@U0BOT> was HealthEC hacked?" -> "was HealthEC hacked?". */
export function stripBotMention(text: string, botUserId: string | undefined): string {
  const mention = botUserId ? new RegExp(`<@${botUserId}(?:\\|[^>]*)?>`, 'g') : /^\s*<@[UW][A-Z0-9]+(?:\|[^>]*)?>/;
  return text.replace(mention, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * What the person typed: Slack sends `&`, `<` and `>` in message and command text as `&amp;`,
 * `&lt;` and `&gt;`, so "at&t" arrives as "at&amp;t". Decoded once, at the edge, after the mention
 * markup is gone; the answer escapes it again on the way out.
 */
export function decodeSlackText(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
