import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ChannelPacer } from '../../src/delivery/channel-pacer.js';
import { type AlertInput, deliverAlerts } from '../../src/delivery/deliver-alerts.js';
import type { DeliveryDeps, DigestPoster } from '../../src/delivery/deliver-digest.js';
import type { Guidance } from '../../src/guidance/model.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import type { SlackMessage } from '../../src/views/blocks/answer-message.js';
import { FakeClock } from '../support/fake-clock.js';
import { makeIncident } from '../support/incident-factory.js';
import { shippedGuidance } from '../support/repo-dataset.js';

const TODAY = '2026-12-06';
const NOW = Date.parse(`${TODAY}T10:00:00Z`);
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** A Slack that keeps every post with its text. */
class RecordingPoster implements DigestPoster {
  readonly posts: { channelId: string; key: string; message: SlackMessage }[] = [];

  async post(channelId: string, message: SlackMessage, period: { key: string }): Promise<string> {
    this.posts.push({ channelId, key: period.key, message });
    return `${1_700_000_000 + this.posts.length}.000100`;
  }

  async findPosted(): Promise<string | undefined> {
    return undefined;
  }

  to(channelId: string) {
    return this.posts.filter((post) => post.channelId === channelId);
  }
}

let guidance: Guidance;
let store: Store;
let poster: RecordingPoster;
let clock: FakeClock;

beforeAll(async () => {
  guidance = await shippedGuidance();
});

beforeEach(async () => {
  store = await openStore('sqlite::memory:');
  poster = new RecordingPoster();
  clock = new FakeClock(NOW);
});

afterEach(() => store.close());

function deps(instanceId = 'instance-a'): DeliveryDeps {
  return { store, poster, clock, pacer: new ChannelPacer(clock, 0), instanceId, leaseMs: 60_000, logger: silent };
}

const acme = makeIncident({
  organization: 'Acme Pharmacy Services <!channel>',
  id: 'acme-pharmacy-services-2026',
  firstSeen: TODAY,
  disclosed: '2026-12-01',
  individualsAffected: 12_345,
  dataTypes: ['ssn', 'prescription'],
});
const other = makeIncident({ organization: 'Northwind Clinic', firstSeen: TODAY, disclosed: '2026-12-02' });
const input = (): AlertInput => ({ incidents: [acme, other], guidance, today: TODAY, recentDays: 60 });

describe('deliverAlerts', () => {
  it('alerts every digest channel of a watched vendor, once per channel and filing, however often it runs', async () => {
    await store.subscribe('C0SEC00001', 'U0ADMIN', NOW - 1_000);
    await store.subscribe('C0SEC00002', 'U0ADMIN', NOW - 1_000);
    await store.addVendor('Acme Pharmacy', 'U0ADMIN', NOW - 1_000);

    await deliverAlerts(deps('instance-a'), input());
    await deliverAlerts(deps('instance-b'), input());
    await deliverAlerts(deps('instance-a'), input());

    expect(poster.posts.map((post) => post.channelId).sort()).toEqual(['C0SEC00001', 'C0SEC00002']);
    const [post] = poster.to('C0SEC00001');
    expect(post?.message.text).toContain('Acme Pharmacy');
    expect(post?.message.text).toContain('&lt;!channel&gt;');
    // plain_text never pings; every mrkdwn text must be escaped.
    const mrkdwn = JSON.stringify(post?.message.blocks).match(/"type":"mrkdwn","text":"(?:[^"\\]|\\.)*"/g) ?? [];
    expect(mrkdwn.length).toBeGreaterThan(0);
    expect(mrkdwn.filter((text) => text.includes('<!channel>'))).toEqual([]);
  });

  it('DMs each person the matches of their own names only, and never names them in a channel', async () => {
    await store.subscribe('C0SEC00001', 'U0ADMIN', NOW - 1_000);
    await store.addPersonalWatch('U0ALICE', 'Acme Pharmacy', NOW - 1_000);
    await store.addPersonalWatch('U0BOB', 'Northwind Clinic', NOW - 1_000);
    await store.addPersonalWatch('U0CAROL', 'Globex', NOW - 1_000);

    await deliverAlerts(deps(), input());
    await deliverAlerts(deps(), input());

    expect(poster.to('C0SEC00001')).toEqual([]);
    expect(poster.to('U0CAROL')).toEqual([]);
    const [alice, ...aliceMore] = poster.to('U0ALICE');
    const [bob, ...bobMore] = poster.to('U0BOB');
    expect([aliceMore, bobMore]).toEqual([[], []]);
    expect(alice?.message.text).toContain('Acme Pharmacy');
    expect(alice?.message.text).toContain('your private watch list');
    expect(alice?.message.text).not.toContain('Northwind');
    expect(bob?.message.text).toContain('Northwind Clinic');
  });

  it('alerts nothing when no new filing matches, and posts nothing without candidates', async () => {
    await store.subscribe('C0SEC00001', 'U0ADMIN', NOW - 1_000);
    await store.addVendor('Globex', 'U0ADMIN', NOW - 1_000);
    const run = await deliverAlerts(deps(), input());
    expect(run.candidates).toBe(2);
    const old = await deliverAlerts(deps(), { ...input(), today: '2027-03-01' });
    expect(old.candidates).toBe(0);
    expect(poster.posts).toEqual([]);
  });
});
