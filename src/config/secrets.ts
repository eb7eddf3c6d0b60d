import type { AppConfig } from './app-config.js';
import { DEFAULT_HIBP_API_URL, DEFAULT_WA_AG_URL } from './sources-config.js';

/** Shorter than this, a password is left in: taking out every "ab" from every line would ruin the log. */
const MIN_SECRET_LENGTH = 4;

function decoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Public addresses: their query (Washington's `accessType=DOWNLOAD`) is no secret. */
const PUBLIC_URLS: ReadonlySet<string> = new Set([`${DEFAULT_HIBP_API_URL}/breaches`, DEFAULT_WA_AG_URL]);

/** The password and the query of a URL setting, as written and as decoded: a log line may hold either. */
function urlSecrets(url: string | undefined): string[] {
  if (!url || PUBLIC_URLS.has(url) || !URL.canParse(url)) return [];
  const parsed = new URL(url);
  const secrets = [parsed.password, decoded(parsed.password)];
  if (parsed.search.length > 1) {
    secrets.push(parsed.search.slice(1));
    for (const value of parsed.searchParams.values()) secrets.push(value, encodeURIComponent(value));
  }
  return secrets;
}

/** A config, or the part of one a caller has (the Slack app is given no digest or sync settings). */
type SecretSettings = DistributiveOmit<AppConfig, 'digest' | 'sync'> & Partial<Pick<AppConfig, 'digest' | 'sync'>>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * Every configured value that must never reach a log: the tokens, the signing secret, and the
 * password and query of each URL setting. Longest first, so that a secret containing another is
 * replaced whole.
 */
export function configuredSecrets(config: SecretSettings): string[] {
  const sources = config.sync?.sources;
  const secrets = [
    ...('botToken' in config ? [config.botToken] : []),
    ...('appToken' in config ? [config.appToken] : []),
    ...('signingSecret' in config ? [config.signingSecret] : []),
    ...urlSecrets(config.slackApiUrl),
    ...urlSecrets(config.digest?.databaseUrl),
    ...urlSecrets(sources?.hibpUrl),
    ...urlSecrets(sources?.waAgUrl),
    ...urlSecrets(sources?.hhsOcrUrl),
  ];
  return [...new Set(secrets.filter((secret) => secret.length >= MIN_SECRET_LENGTH))].sort(
    (a, b) => b.length - a.length,
  );
}
