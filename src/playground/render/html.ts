/** Escapes text for HTML element content and quoted attribute values alike. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);
const IMAGE_PROTOCOLS = new Set(['http:', 'https:']);

function allowedUrl(url: string, protocols: ReadonlySet<string>): string | undefined {
  try {
    const parsed = new URL(url.trim());
    return protocols.has(parsed.protocol) ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** An href the page may link to: http(s) and mailto only, so `javascript:` and `data:` never become links. */
export function safeLinkUrl(url: string): string | undefined {
  return allowedUrl(url, LINK_PROTOCOLS);
}

/** An image source the page may load: http(s) only. */
export function safeImageUrl(url: string): string | undefined {
  return allowedUrl(url, IMAGE_PROTOCOLS);
}

/** `name="value"` pairs with every value escaped; undefined values are left out. */
export function attributes(values: Record<string, string | number | undefined>): string {
  return Object.entries(values)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeHtml(String(value))}"`)
    .join('');
}
