import { afterEach, describe, expect, it } from 'vitest';
import type { Incident } from '../../src/incidents/model.js';
import type { Store } from '../../src/store/store.js';
import { makeIncident } from '../support/incident-factory.js';
import { shippedGuidance } from '../support/repo-dataset.js';
import { digestServicesFor, NOW } from './digest-services.js';

let store: Store | undefined;

afterEach(async () => {
  await store?.close();
  store = undefined;
});

async function watchlist(incidents: Incident[] = []) {
  const built = await digestServicesFor({ incidents, guidance: await shippedGuidance() });
  store = built.store;
  return built.watchlist;
}

describe('Watchlist', () => {
  it('adds a vendor once, whatever its case, and returns the whole list after each change', async () => {
    const vendors = await watchlist();
    const added = await vendors.add('HealthEC', 'U0ADMIN001');
    expect(added.change).toEqual({ vendor: 'HealthEC', result: 'added' });
    expect(added.watchlist).toEqual([{ name: 'HealthEC', addedBy: 'U0ADMIN001', addedAt: NOW }]);
    const again = await vendors.add('healthec', 'U0OTHER001');
    expect(again.change).toEqual({ vendor: 'healthec', result: 'already-watched' });
    expect(again.watchlist.map((vendor) => vendor.name)).toEqual(['HealthEC']);
  });

  it('removes by name in any case, and says when it was not watched', async () => {
    const vendors = await watchlist();
    await vendors.add('MOVEit', 'U0ADMIN001');
    await vendors.add('Change Healthcare', 'U0ADMIN001');
    const removed = await vendors.remove('moveit');
    expect(removed.change).toEqual({ vendor: 'moveit', result: 'removed' });
    expect(removed.watchlist.map((vendor) => vendor.name)).toEqual(['Change Healthcare']);
    expect((await vendors.remove('moveit')).change.result).toBe('not-watched');
    expect(await vendors.names()).toEqual(['Change Healthcare']);
  });

  it('refuses a generic word with the reason, unless an organisation is called exactly that', async () => {
    const vendors = await watchlist([
      makeIncident({ id: 'a', organization: 'Community Health Systems' }),
      makeIncident({ id: 'b', organization: 'HealthEC LLC' }),
    ]);
    const health = await vendors.add('health', 'U0ADMIN001');
    expect(health.change).toMatchObject({ vendor: 'health', result: 'too-generic' });
    expect(health.change.result === 'too-generic' && health.change.reason).toContain('many organisations');
    expect(health.watchlist).toEqual([]);
    expect((await vendors.add('Home Health', 'U0ADMIN001')).change.result).toBe('too-generic');
    expect((await vendors.add('LLC', 'U0ADMIN001')).change.result).toBe('too-generic');
    expect((await vendors.add('Community Health Systems', 'U0ADMIN001')).change.result).toBe('added');
    expect((await vendors.add('HealthEC', 'U0ADMIN001')).change.result).toBe('added');
    expect(await vendors.names()).toEqual(['Community Health Systems', 'HealthEC']);
  });
});
