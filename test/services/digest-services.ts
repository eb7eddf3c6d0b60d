import { DigestRunner } from '../../src/delivery/digest-runner.js';
import { DigestSchedule } from '../../src/digest/digest-schedule.js';
import type { Guidance } from '../../src/guidance/model.js';
import type { Incident } from '../../src/incidents/model.js';
import { createDigestServices } from '../../src/services/digest-commands.js';
import { openStore } from '../../src/store/open-store.js';
import { FakeClock } from '../support/fake-clock.js';

/** Wednesday 9 December 2026, 10:00 UTC: the Monday 09:00 digest last ran two days ago. */
export const NOW = Date.parse('2026-12-09T10:00:00Z');
export const NEXT_MONDAY = new Date('2026-12-14T09:00:00Z');

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** The digest services over an in-memory store, a fake clock and the given data. */
export async function digestServicesFor(
  data: { incidents: Incident[]; guidance: Guidance },
  adminUserIds?: readonly string[],
) {
  const store = await openStore('sqlite::memory:');
  const clock = new FakeClock(NOW);
  const runner = new DigestRunner({
    ...data,
    store,
    schedule: new DigestSchedule('0 9 * * 1', 'UTC'),
    clock,
    instanceId: 'test',
    logger: quiet,
  });
  return { store, clock, ...createDigestServices({ store, runner, clock, adminUserIds }) };
}
