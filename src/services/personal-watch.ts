import type { Clock } from '../digest/clock.js';
import type { PersonalWatchChange } from '../digest/digest-command-outcome.js';
import type { PersonalWatch } from '../digest/records.js';
import type { Store } from '../store/store.js';
import { vendorNameKey } from '../store/vendor-name.js';

/**
 * Names one person may watch. Each is matched against every new filing and may DM them, so a
 * list this long is already a lot of DMs; it also keeps their reply and Home tab short.
 */
export const PERSONAL_WATCH_MAX = 25;

export interface PersonalWatchUpdate {
  change: PersonalWatchChange;
  /** The person's whole list after the change, so that the reply shows what they watch now. */
  watches: PersonalWatch[];
}

/**
 * Each person's own watch list (their insurer, their hospital): every method takes the one user
 * whose list it reads or changes, and no method reaches anyone else's.
 */
export class PersonalWatches {
  readonly limit: number;

  constructor(private readonly deps: { store: Store; clock: Clock; limit?: number }) {
    this.limit = deps.limit ?? PERSONAL_WATCH_MAX;
  }

  list(userId: string): Promise<PersonalWatch[]> {
    return this.deps.store.personalWatches(userId);
  }

  async add(userId: string, name: string): Promise<PersonalWatchUpdate> {
    const { store, clock } = this.deps;
    const before = await this.list(userId);
    const key = vendorNameKey(name);
    if (before.some((watch) => vendorNameKey(watch.name) === key)) {
      return { change: { name, result: 'already-watched' }, watches: before };
    }
    // Two adds at the same instant may both pass this check and end one over the limit: harmless,
    // and the next add is refused again.
    if (before.length >= this.limit) return { change: { name, result: 'list-full' }, watches: before };
    const added = await store.addPersonalWatch(userId, name, clock.now());
    return { change: { name, result: added ? 'added' : 'already-watched' }, watches: await this.list(userId) };
  }

  async remove(userId: string, name: string): Promise<PersonalWatchUpdate> {
    const removed = await this.deps.store.removePersonalWatch(userId, name);
    return { change: { name, result: removed ? 'removed' : 'not-watched' }, watches: await this.list(userId) };
  }

  async clear(userId: string): Promise<PersonalWatchUpdate> {
    const count = await this.deps.store.clearPersonalWatches(userId);
    return { change: { result: 'cleared', count }, watches: await this.list(userId) };
  }
}
