import { attributes, escapeHtml, safeLinkUrl } from './html.js';

/** How mentions are shown: a user's or channel's name, when the workspace knows it. */
export interface MentionNames {
  user(id: string): string | undefined;
  channel(id: string): string | undefined;
}

/** Lines longer than this are shown unformatted (no bold, italic or strike): the work per line stays bounded. */
const FORMATTED_LINE_MAX = 4_000;

const EMPHASIS_TAGS: Readonly<Record<string, string>> = { '*': 'b', _: 'i', '~': 's' };
const WORD_CHARACTER = /[\p{L}\p{N}]/u;

/** The few emoji shortcodes a Slack client would draw; any other `:name:` stays as typed. */
const EMOJI: Readonly<Record<string, string>> = {
  warning: '⚠️',
  rotating_light: '🚨',
  lock: '🔒',
  shield: '🛡️',
  white_check_mark: '✅',
  heavy_check_mark: '✔️',
  x: '❌',
  bulb: '💡',
  mag: '🔍',
  calendar: '📅',
  date: '📅',
  newspaper: '📰',
  chart_with_upwards_trend: '📈',
  chart_with_downwards_trend: '📉',
  bar_chart: '📊',
  point_right: '👉',
  information_source: 'ℹ️',
  hospital: '🏥',
  eyes: '👀',
  tada: '🎉',
};

/** Slack decodes exactly these three entities; `&quot;` and the like are shown as written. */
export function decodeSlackEntities(text: string): string {
  return text.replace(/&(amp|lt|gt);/g, (_, name: string) => (name === 'amp' ? '&' : name === 'lt' ? '<' : '>'));
}

/**
 * Slack mrkdwn as safe HTML. Code, code blocks and `<…>` sequences are set aside first; everything
 * else is HTML-escaped before any formatting is applied, so no text, whatever it contains, can
 * become markup. Links are kept only for http(s) and mailto.
 */
export function mrkdwnToHtml(mrkdwn: string, names: MentionNames): string {
  const held: string[] = [];
  const hold = (html: string) => `\uE000${held.push(html) - 1}\uE001`;
  // Private-use characters mark what was set aside; input containing them must not forge a mark.
  let text = mrkdwn.replace(/[\uE000\uE001]/g, '\uFFFD');
  text = text.replace(/```([\s\S]*?)```/g, (_, code: string) =>
    hold(`<pre class="mrkdwn-pre">${escapeHtml(decodeSlackEntities(code.replace(/^\n/, '')))}</pre>`),
  );
  text = text.replace(/`([^`\n]+)`/g, (_, code: string) =>
    hold(`<code>${escapeHtml(decodeSlackEntities(code))}</code>`),
  );
  text = text.replace(/<([^<>\n]*)>/g, (whole: string, inner: string) =>
    hold(controlSequenceHtml(inner, names) ?? escapeHtml(whole)),
  );
  const lines = escapeHtml(decodeSlackEntities(text)).split('\n');
  return restore(joinLines(lines.map(formatLine)), held);
}

interface FormattedLine {
  html: string;
  quoted: boolean;
}

/** A line that starts with `>` (written raw or as `&gt;`, both escaped by now) is a quote. */
function formatLine(line: string): FormattedLine {
  const quote = /^&gt;\s?/.exec(line);
  const body = quote ? line.slice(quote[0].length) : line;
  const formatted = body.length > FORMATTED_LINE_MAX ? body : emphasize(withEmoji(body));
  return { html: formatted, quoted: quote !== null };
}

function joinLines(lines: readonly FormattedLine[]): string {
  const parts: string[] = [];
  let quote: string[] = [];
  const closeQuote = () => {
    if (quote.length > 0) parts.push(`<blockquote>${quote.join('<br>')}</blockquote>`);
    quote = [];
  };
  for (const line of lines) {
    if (line.quoted) {
      quote.push(line.html);
      continue;
    }
    closeQuote();
    parts.push(line.html);
  }
  closeQuote();
  // A quote is a block of its own: no line break is needed around it.
  return parts.reduce((html, part, index) => {
    if (index === 0) return part;
    const aroundQuote = part.startsWith('<blockquote>') || html.endsWith('</blockquote>');
    return `${html}${aroundQuote ? '' : '<br>'}${part}`;
  }, '');
}

function withEmoji(html: string): string {
  return html.replace(/:([a-z0-9_+-]+):/g, (whole, name: string) => EMOJI[name] ?? whole);
}

/**
 * *bold*, _italic_ and ~strike~ on escaped text, outermost first, as Slack reads them: the opening
 * mark follows a non-word character and precedes a non-space; the closing one the reverse.
 */
function emphasize(html: string): string {
  for (let open = 0; open < html.length; open++) {
    const mark = html[open] ?? '';
    const tag = EMPHASIS_TAGS[mark];
    if (!tag || !opensAt(html, open)) continue;
    const close = closingIndex(html, open);
    if (close < 0) continue;
    const inner = emphasize(html.slice(open + 1, close));
    return `${html.slice(0, open)}<${tag}>${inner}</${tag}>${emphasize(html.slice(close + 1))}`;
  }
  return html;
}

function opensAt(html: string, index: number): boolean {
  const before = html[index - 1];
  const after = html[index + 1];
  if (before !== undefined && WORD_CHARACTER.test(before)) return false;
  return after !== undefined && !/\s/.test(after) && after !== html[index];
}

function closingIndex(html: string, open: number): number {
  const mark = html[open];
  for (let index = open + 2; index < html.length; index++) {
    if (html[index] !== mark) continue;
    const before = html[index - 1] ?? ' ';
    const after = html[index + 1];
    if (!/\s/.test(before) && (after === undefined || !WORD_CHARACTER.test(after))) return index;
  }
  return -1;
}

/** `<@U…>`, `<#C…>`, `<!here>`, `<url|label>`: undefined for what Slack would show as typed. */
function controlSequenceHtml(inner: string, names: MentionNames): string | undefined {
  if (inner.length === 0) return undefined;
  const bar = inner.indexOf('|');
  const target = bar < 0 ? inner : inner.slice(0, bar);
  const label = bar < 0 ? undefined : decodeSlackEntities(inner.slice(bar + 1));
  if (target.startsWith('@')) {
    const id = target.slice(1);
    return mention(`@${names.user(id) ?? label ?? id}`, 'user');
  }
  if (target.startsWith('#')) {
    const id = target.slice(1);
    return mention(`#${names.channel(id) ?? label ?? id}`, 'channel');
  }
  if (target.startsWith('!')) return specialMention(target.slice(1), label);
  const url = safeLinkUrl(decodeSlackEntities(target));
  const shown = label ?? decodeSlackEntities(target).replace(/^mailto:/, '');
  if (!url) return escapeHtml(shown);
  return `<a${attributes({ href: url, target: '_blank', rel: 'noopener noreferrer' })}>${escapeHtml(shown)}</a>`;
}

function specialMention(command: string, label: string | undefined): string {
  const [name = ''] = command.split('^');
  if (name === 'here' || name === 'channel' || name === 'everyone') return mention(`@${name}`, 'broadcast');
  if (name === 'subteam') return mention(label ?? '@group', 'user');
  // <!date^…|fallback> and anything newer: Slack shows the fallback text.
  return escapeHtml(label ?? command);
}

function mention(text: string, kind: 'user' | 'channel' | 'broadcast'): string {
  return `<span class="mention mention--${kind}">${escapeHtml(text)}</span>`;
}

function restore(html: string, held: readonly string[]): string {
  // A link's label can hold a code span that was set aside first: two passes at most.
  let result = html;
  for (let pass = 0; pass < 2 && result.includes('\uE000'); pass++) {
    result = result.replace(/\uE000(\d+)\uE001/g, (_, index: string) => held[Number(index)] ?? '');
  }
  return result;
}
