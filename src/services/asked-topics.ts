import type { Answer } from '../answer/types.js';
import type { Clock } from '../digest/clock.js';
import type { Store } from '../store/store.js';
import { dataTypesAskedAbout } from '../training/asked-data-types.js';

export interface AskedTopicsDeps {
  store: Store;
  clock: Clock;
  /** Days are counted in the digest's time zone, as the training schedule is. */
  timeZone: string;
  onError: (error: unknown) => void;
}

/**
 * Counts which kinds of data people ask about, per day and never per person, so the weekly training
 * post can prefer incidents that matter here. Never in the way of an answer: the count is written
 * after it and a failure is only logged.
 */
export class AskedTopics {
  private readonly dayFormat: Intl.DateTimeFormat;

  constructor(private readonly deps: AskedTopicsDeps) {
    this.dayFormat = new Intl.DateTimeFormat('en-CA', {
      timeZone: deps.timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
  }

  /** Resolves once the count is written or the failure logged; never rejects. */
  async note(answer: Answer): Promise<void> {
    const dataTypes = dataTypesAskedAbout(answer);
    if (dataTypes.length === 0) return;
    try {
      await this.deps.store.noteAskedDataTypes(dataTypes, this.dayFormat.format(this.deps.clock.now()));
    } catch (error) {
      this.deps.onError(error);
    }
  }
}
