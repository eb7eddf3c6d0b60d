import type { Clock } from '../digest/clock.js';
import type { WatchlistChange } from '../digest/digest-command-outcome.js';
import type { WatchedVendor } from '../digest/records.js';
import { frequentWords, GENERIC_NAME_WORDS, matchWatchlist } from '../digest/watchlist-match.js';
import type { Incident } from '../incidents/model.js';
import { organizationKey } from '../incidents/organization-name.js';
import type { Store } from '../store/store.js';

export interface WatchlistUpdate {
  change: WatchlistChange;
  /** The whole list after the change, so that the reply shows what is watched now. */
  watchlist: WatchedVendor[];
}

export interface WatchlistDeps {
  store: Store;
  clock: Clock;
  /** The incidents the bot answers from now: they say which words are too common to pick a vendor out. */
  incidents?: () => readonly Incident[];
}

/** The company's vendor watchlist: the digest flags breaches at these vendors first. */
export class Watchlist {
  constructor(private readonly deps: WatchlistDeps) {}

  list(): Promise<WatchedVendor[]> {
    return this.deps.store.watchlist();
  }

  async names(): Promise<string[]> {
    return (await this.list()).map((vendor) => vendor.name);
  }

  async add(vendor: string, userId: string): Promise<WatchlistUpdate> {
    const reason = genericVendorReason(vendor, this.deps.incidents?.() ?? []);
    if (reason) return { change: { vendor, result: 'too-generic', reason }, watchlist: await this.list() };
    const added = await this.deps.store.addVendor(vendor, userId, this.deps.clock.now());
    return { change: { vendor, result: added ? 'added' : 'already-watched' }, watchlist: await this.list() };
  }

  async remove(vendor: string): Promise<WatchlistUpdate> {
    const removed = await this.deps.store.removeVendor(vendor);
    return { change: { vendor, result: removed ? 'removed' : 'not-watched' }, watchlist: await this.list() };
  }
}

/**
 * Why a vendor name would never flag a breach, or undefined when it may. The matcher finds a name
 * made only of generic words ("Health", "Home Health") as a whole organisation name and never
 * inside a longer one, so that watching "Health" does not flag every hospital; such a name is
 * refused unless an organisation in the data is called exactly that ("Community Health Systems").
 */
export function genericVendorReason(vendor: string, incidents: readonly Incident[]): string | undefined {
  const words = organizationKey(vendor).split(' ').filter(Boolean);
  if (words.length === 0) return 'it has no word that names an organisation. Give the vendor’s name.';
  const frequent = frequentWords(incidents);
  const generic = (word: string) => word.length < 3 || GENERIC_NAME_WORDS.has(word) || frequent.has(word);
  if (!words.every(generic)) return undefined;
  if (matchWatchlist(incidents, [vendor], incidents).length > 0) return undefined;
  return (
    `“${vendor.trim()}” is made of words that many organisations’ names share, so it would only match an ` +
    'organisation called exactly that, and none is in the data. Add the words that pick the vendor out, ' +
    'e.g. `/breach watch add HealthEC` rather than `health`.'
  );
}
