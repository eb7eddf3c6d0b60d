import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { makeIncident } from '../support/incident-factory.js';
import { shippedGuidance } from '../support/repo-dataset.js';
import { digestServicesFor, NEXT_MONDAY, NOW } from './digest-services.js';

const CHANNEL = 'C0SECURITY1';
const USER = 'U0TRAINER1';
let store: Store | undefined;

afterEach(async () => {
  await store?.close();
  store = undefined;
});

async function services() {
  const incident = makeIncident({
    organization: 'Northwind Clinic',
    disclosed: '2026-12-03',
    individualsAffected: 900,
  });
  const built = await digestServicesFor({ incidents: [incident], guidance: await shippedGuidance() });
  store = built.store;
  return built;
}

describe('DigestSubscriptions', () => {
  it('turns the digest on, announces the next run in the channel, and keeps it', async () => {
    const { subscriptions } = await services();
    const announce = vi.fn(async () => ({ posted: true as const }));
    expect(await subscriptions.turnOn(CHANNEL, USER, announce)).toEqual({ outcome: 'on', nextRun: NEXT_MONDAY });
    expect(announce).toHaveBeenCalledWith(NEXT_MONDAY);
    expect(await subscriptions.channelIds()).toEqual([CHANNEL]);
    expect((await store?.subscription(CHANNEL))?.subscribedBy).toBe(USER);
  });

  it('says it was already on, without announcing twice', async () => {
    const { subscriptions } = await services();
    await subscriptions.turnOn(CHANNEL, USER, async () => ({ posted: true }));
    const announce = vi.fn(async () => ({ posted: true as const }));
    expect(await subscriptions.turnOn(CHANNEL, 'U0OTHER001', announce)).toEqual({ outcome: 'already-on' });
    expect(announce).not.toHaveBeenCalled();
    expect((await store?.subscription(CHANNEL))?.subscribedBy).toBe(USER);
  });

  it('takes the subscription back when the channel refuses the announcement, and says why', async () => {
    const { subscriptions } = await services();
    const result = await subscriptions.turnOn(CHANNEL, USER, async () => ({ posted: false, code: 'not_in_channel' }));
    expect(result).toEqual({ outcome: 'cannot-post', code: 'not_in_channel' });
    expect(await subscriptions.channelIds()).toEqual([]);
  });

  it('takes the subscription back when announcing throws, and lets the error through', async () => {
    const { subscriptions } = await services();
    await expect(
      subscriptions.turnOn(CHANNEL, USER, async () => {
        throw new Error('socket hang up');
      }),
    ).rejects.toThrow('socket hang up');
    expect(await subscriptions.channelIds()).toEqual([]);
  });

  it('turns it off once', async () => {
    const { subscriptions } = await services();
    await subscriptions.turnOn(CHANNEL, USER, async () => ({ posted: true }));
    expect(await subscriptions.turnOff(CHANNEL)).toBe(true);
    expect(await subscriptions.turnOff(CHANNEL)).toBe(false);
  });

  it('reports the schedule, this channel, and every subscribed channel whose last delivery failed', async () => {
    const { subscriptions } = await services();
    const other = 'C0GONE0001';
    await subscriptions.turnOn(CHANNEL, USER, async () => ({ posted: true }));
    await store?.subscribe(other, USER, NOW);
    await store?.claimDelivery({ channelId: other, periodKey: '2026-W50', instanceId: 'a', now: NOW, leaseMs: 1000 });
    await store?.markFailed({
      channelId: other,
      periodKey: '2026-W50',
      instanceId: 'a',
      now: NOW,
      error: 'channel_not_found',
      permanent: true,
    });
    const status = await subscriptions.status(CHANNEL);
    expect(status).toMatchObject({
      channelId: CHANNEL,
      cron: '0 9 * * 1',
      timeZone: 'UTC',
      nextRun: NEXT_MONDAY,
      subscription: { channelId: CHANNEL, subscribedBy: USER, subscribedAt: NOW },
      lastDelivery: undefined,
    });
    expect(status.failing.map((delivery) => [delivery.channelId, delivery.error])).toEqual([
      [other, 'channel_not_found'],
    ]);
  });

  it('previews the digest the next run delivers, so far, recording no delivery', async () => {
    const delivered = makeIncident({ organization: 'Northwind Clinic', disclosed: '2026-12-03' });
    const coming = makeIncident({
      organization: 'Southwind Clinic',
      disclosed: '2026-12-08',
      individualsAffected: 700,
    });
    const built = await digestServicesFor({ incidents: [delivered, coming], guidance: await shippedGuidance() });
    store = built.store;
    await built.subscriptions.turnOn(CHANNEL, USER, async () => ({ posted: true }));
    const { digest, sendsAt, timeZone } = await built.subscriptions.preview();
    // Wednesday 9 December: Monday 7th's digest (30 Nov to 6 Dec) went out; Monday 14th's is next.
    expect(sendsAt).toEqual(NEXT_MONDAY);
    expect(timeZone).toBe('UTC');
    expect(digest.period).toEqual({ key: '2026-W50', from: '2026-12-07', to: '2026-12-13' });
    expect(digest.incidents.map((incident) => incident.organization)).toEqual(['Southwind Clinic']);
    expect(await store?.lastDelivery(CHANNEL)).toBeUndefined();
  });
});
