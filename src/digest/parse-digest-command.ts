/** The longest vendor name the watchlist takes: a name, not a paragraph. */
export const VENDOR_NAME_MAX = 100;

/** The longest organisation name a personal watch takes, for the same reason. */
export const PERSONAL_WATCH_NAME_MAX = VENDOR_NAME_MAX;

export type UsageTopic = 'digest' | 'watch' | 'watch-me' | 'sources';

export type DigestCommand =
  | { kind: 'digest'; action: 'on' | 'off' | 'status' | 'preview' }
  | { kind: 'watch'; action: 'add' | 'remove'; vendor: string }
  | { kind: 'watch'; action: 'list' }
  /** `watch me …`: the asker's own list, whoever asks and wherever. */
  | { kind: 'watch-me'; action: 'add' | 'remove'; name: string }
  | { kind: 'watch-me'; action: 'list' | 'clear' }
  /** `digest …` or `watch …` with something missing or unknown: the answer is that command's usage. */
  | { kind: 'usage'; topic: Exclude<UsageTopic, 'sources'>; problem: string };

/** `/breach sources`: it reads files, not the store, so it is answered apart from the digest's commands. */
export type SourcesCommand = { kind: 'sources' } | { kind: 'usage'; topic: 'sources'; problem: string };

export type BreachSubcommand = DigestCommand | SourcesCommand;

const DIGEST_ACTIONS = ['on', 'off', 'status', 'preview'] as const;
const WATCH_ALIASES: Record<string, 'add' | 'remove' | 'list'> = {
  add: 'add',
  remove: 'remove',
  rm: 'remove',
  delete: 'remove',
  list: 'list',
  ls: 'list',
};
const WATCH_ME_ALIASES: Record<string, 'add' | 'remove' | 'list' | 'clear'> = { ...WATCH_ALIASES, clear: 'clear' };

/**
 * `/breach digest on|off|status|preview`, `/breach watch add|remove|list <vendor>` and
 * `/breach watch me add|remove|list|clear <organisation>`; anything that does not start with
 * `digest` or `watch` is not for this parser (undefined) and stays a search.
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
  if (action === 'me') return parseWatchMe(words.slice(2));
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

/** The words after `watch me`. */
function parseWatchMe(words: readonly string[]): DigestCommand {
  const topic = 'watch-me';
  const typed = words[0];
  // `watch me` alone is the question people ask first: what am I watching?
  if (typed === undefined) return { kind: 'watch-me', action: 'list' };
  const action = WATCH_ME_ALIASES[typed.toLowerCase()];
  if (!action) return { kind: 'usage', topic, problem: `I don't know \`watch me ${typed}\`.` };
  const name = words.slice(1).join(' ').trim();
  if (action === 'list' || action === 'clear') {
    // A name after `clear` may mean "remove this one": clearing the whole list instead would surprise.
    if (name) return { kind: 'usage', topic, problem: `\`watch me ${action}\` takes nothing after it.` };
    return { kind: 'watch-me', action };
  }
  if (!name) return { kind: 'usage', topic, problem: `Name the organisation to ${action}.` };
  if (name.length > PERSONAL_WATCH_NAME_MAX) {
    return { kind: 'usage', topic, problem: `An organisation name has at most ${PERSONAL_WATCH_NAME_MAX} characters.` };
  }
  return { kind: 'watch-me', action, name };
}

/**
 * Every `/breach` subcommand: the digest's and the watch lists' (see `parseDigestCommand`) and
 * `sources`. Undefined for anything else, which stays a search.
 */
export function parseBreachSubcommand(text: string): BreachSubcommand | undefined {
  const words = text.trim().split(/\s+/);
  if (words[0]?.toLowerCase() === 'sources') {
    if (words.length === 1) return { kind: 'sources' };
    return {
      kind: 'usage',
      topic: 'sources',
      problem: `\`sources\` takes nothing after it (got \`${words.slice(1).join(' ')}\`).`,
    };
  }
  return parseDigestCommand(text);
}
