import type { SourcesConfig } from '../config/sources-config.js';
import type { ImportSource } from '../incidents/imported-store.js';

export interface Feed {
  source: ImportSource;
  /** What `breachbot import` and `breachbot sync` call the source on the command line. */
  kind: 'hhs' | 'hibp' | 'wa';
  title: string;
  /** The setting that holds the list's address. */
  setting: 'HHS_OCR_URL' | 'HIBP_API_URL' | 'WA_AG_URL';
  accept: string;
  /**
   * Whether to ask for the list only if it changed since the last sync. HIBP answers a conditional
   * request with a 304 and no body, so an hourly sync of an unchanged list costs one request.
   */
  conditional: boolean;
}

/** In the order `breachbot sync` and `breachbot sources` go through them. */
export const FEEDS: readonly Feed[] = [
  {
    source: 'hhs-ocr',
    kind: 'hhs',
    title: 'HHS OCR breach portal',
    setting: 'HHS_OCR_URL',
    accept: 'text/csv, */*;q=0.1',
    conditional: false,
  },
  {
    source: 'hibp',
    kind: 'hibp',
    title: 'Have I Been Pwned',
    setting: 'HIBP_API_URL',
    accept: 'application/json',
    conditional: true,
  },
  {
    source: 'wa-ag',
    kind: 'wa',
    title: 'Washington State Attorney General',
    setting: 'WA_AG_URL',
    accept: 'text/csv, */*;q=0.1',
    conditional: false,
  },
];

export function feedOf(source: ImportSource): Feed {
  const feed = FEEDS.find((candidate) => candidate.source === source);
  if (!feed) throw new Error(`no feed for source ${source}`);
  return feed;
}

/** The list's address, or undefined when the source is not configured. */
export function feedUrl(config: SourcesConfig, source: ImportSource): string | undefined {
  if (source === 'hhs-ocr') return config.hhsOcrUrl;
  return source === 'hibp' ? config.hibpUrl : config.waAgUrl;
}

/**
 * A URL fit for a log line: no user name or password, and no query, which may hold an access
 * token for a privately hosted export.
 */
export function displayUrl(url: string): string {
  if (!URL.canParse(url)) return '(an unreadable URL)';
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}${parsed.search ? '?…' : ''}`;
}
