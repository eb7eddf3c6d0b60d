import type { BreachService } from '../answer/breach-service.js';
import type { EventDeduper } from './event-deduper.js';

/** What the listeners need; injected, so tests build the app over any data. */
export interface ListenerDeps {
  service: BreachService;
  deduper: EventDeduper;
}
