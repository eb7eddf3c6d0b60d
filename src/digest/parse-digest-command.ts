/** The longest vendor name the watchlist takes: a name, not a paragraph. */
export const VENDOR_NAME_MAX = 100;

export type DigestCommand =
  | { kind: 'digest'; action: 'on' | 'off' | 'status' | 'preview' }
  | { kind: 'watch'; action: 'add' | 'remove'; vendor: string }
  | { kind: 'watch'; action: 'list' }
  /** `digest …` or `watch …` with something missing or unknown: the answer is that command's usage. */
  | { kind: 'usage'; topic: 'digest' | 'watch'; problem: string };

const DIGEST_ACTIONS = ['on', 'off', 'status', 'preview'] as const;
const WATCH_ALIASES: Record<string, 'add' | 'remove' | 'list'> = {
  add: 'add',
  remove: 'remove',
  rm: 'remove',
  delete: 'remove',
  list: 'list',
  ls: 'list',
};

/**
 * `/breach digest on|off|status|preview` and `/breach watch add|remove|list <vendor>`; anything that
 * does not start with `digest` or `watch` is not for this parser (undefined) and stays a search.
 */
export function parseDigestCommand(text: string): DigestCommand | undefined {
  const words = text.trim().split(/\s+/);
  const topic = words[0]?.toLowerCase();
  if (topic !== 'digest' && topic !== 'watch') return undefined;
  const action = words[1]?.toLowerCase();
  if (topic === 'digest') {
    const known = DIGEST_ACTIONS.find((candidate) => candidate === action);
    if (known && words.length === 2) return { kind: 'digest', action: known };
    return {
      kind: 'usage',
      topic,
      problem: action ? `I don't know \`digest ${words.slice(1).join(' ')}\`.` : 'Say what to do with the digest.',
    };
  }
  const watchAction = action ? WATCH_ALIASES[action] : undefined;
  if (!watchAction) {
    return { kind: 'usage', topic, problem: action ? `I don't know \`watch ${action}\`.` : 'Say what to do.' };
  }
  if (watchAction === 'list') return { kind: 'watch', action: 'list' };
  const vendor = words.slice(2).join(' ').trim();
  if (!vendor) return { kind: 'usage', topic, problem: `Name the vendor to ${watchAction}.` };
  if (vendor.length > VENDOR_NAME_MAX) {
    return { kind: 'usage', topic, problem: `A vendor name has at most ${VENDOR_NAME_MAX} characters.` };
  }
  return { kind: 'watch', action: watchAction, vendor };
}
