import type { Clock } from '../digest/clock.js';
import type { WatchlistChange } from '../digest/digest-command-outcome.js';
import type { WatchedVendor } from '../digest/records.js';
import type { Store } from '../store/store.js';

export interface WatchlistUpdate {
  change: WatchlistChange;
  /** The whole list after the change, so that the reply shows what is watched now. */
  watchlist: WatchedVendor[];
}

/** The company's vendor watchlist: the digest flags breaches at these vendors first. */
export class Watchlist {
  constructor(private readonly deps: { store: Store; clock: Clock }) {}

  list(): Promise<WatchedVendor[]> {
    return this.deps.store.watchlist();
  }

  async names(): Promise<string[]> {
    return (await this.list()).map((vendor) => vendor.name);
  }

  async add(vendor: string, userId: string): Promise<WatchlistUpdate> {
    const added = await this.deps.store.addVendor(vendor, userId, this.deps.clock.now());
    return { change: { vendor, result: added ? 'added' : 'already-watched' }, watchlist: await this.list() };
  }

  async remove(vendor: string): Promise<WatchlistUpdate> {
    const removed = await this.deps.store.removeVendor(vendor);
    return { change: { vendor, result: removed ? 'removed' : 'not-watched' }, watchlist: await this.list() };
  }
}
