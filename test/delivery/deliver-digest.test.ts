import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChannelPacer } from '../../src/delivery/channel-pacer.js';
import {
  type DeliveryDeps,
  type DeliveryRequest,
  type DigestPoster,
  deliverDigest,
  PostError,
} from '../../src/delivery/deliver-digest.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { FakeClock } from '../support/fake-clock.js';

const PERIOD = { key: '2026-W49', from: '2026-11-30', to: '2026-12-06' };
const FIRE = Date.parse('2026-12-07T09:00:00Z');
const LEASE = 60_000;
const MESSAGE = { text: 'digest', blocks: [] };

/** A Slack that keeps what was posted, per channel, and fails where told to. */
class FakePoster implements DigestPoster {
  readonly posts: { channelId: string; period: string; ts: string; text?: string }[] = [];
  readonly lookups: string[] = [];
  failPost = new Map<string, PostError | Error>();
  failLookup = new Map<string, PostError>();

  async post(channelId: string, message: { text: string }, period: { key: string }): Promise<string> {
    const failure = this.failPost.get(channelId);
    if (failure) throw failure;
    const ts = `${1_700_000_000 + this.posts.length}.000100`;
    this.posts.push({ channelId, period: period.key, ts, text: message.text });
    return ts;
  }

  async findPosted(channelId: string, period: { key: string }): Promise<string | undefined> {
    this.lookups.push(channelId);
    const failure = this.failLookup.get(channelId);
    if (failure) throw failure;
    return this.posts.find((post) => post.channelId === channelId && post.period === period.key)?.ts;
  }

  postsTo(channelId: string): number {
    return this.posts.filter((post) => post.channelId === channelId).length;
  }
}

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

let store: Store;
let clock: FakeClock;
let poster: FakePoster;

function deps(instanceId: string, overrides: Partial<DeliveryDeps> = {}): DeliveryDeps {
  return {
    store,
    poster,
    clock,
    pacer: new ChannelPacer(clock),
    instanceId,
    leaseMs: LEASE,
    logger: silent,
    ...overrides,
  };
}

function request(channelIds: string[]): DeliveryRequest {
  return { period: PERIOD, message: MESSAGE, channelIds, postedNoEarlierThan: FIRE };
}

beforeEach(async () => {
  store = await openStore('sqlite::memory:');
  clock = new FakeClock(FIRE);
  poster = new FakePoster();
});

afterEach(async () => {
  await store.close();
});

describe('deliverDigest', () => {
  it('posts once per channel and records it', async () => {
    const outcomes = await deliverDigest(deps('a'), request(['C1', 'C2']));
    expect(outcomes.map((o) => o.outcome)).toEqual(['sent', 'sent']);
    expect(await store.delivery('C1', PERIOD.key)).toMatchObject({ state: 'sent', messageTs: poster.posts[0]?.ts });
  });

  it('never posts twice on a rerun or from a second instance', async () => {
    await deliverDigest(deps('a'), request(['C1', 'C2']));
    const again = await deliverDigest(deps('b'), request(['C1', 'C2']));
    expect(again.map((o) => o.outcome)).toEqual(['skipped', 'skipped']);
    expect(poster.postsTo('C1')).toBe(1);
    expect(poster.postsTo('C2')).toBe(1);
  });

  it('runs two instances at once with one post per channel', async () => {
    const channels = ['C1', 'C2', 'C3', 'C4'];
    await Promise.all([deliverDigest(deps('a'), request(channels)), deliverDigest(deps('b'), request(channels))]);
    for (const channel of channels) expect(poster.postsTo(channel)).toBe(1);
  });

  it('after a crash between the post and its record, finds the post instead of posting again', async () => {
    // The process dies after Slack took the C2 post and before the store recorded it.
    const crashing: Store = Object.create(store);
    crashing.markSent = async (outcome) => {
      if (outcome.channelId === 'C2') throw new Error('process killed');
      return store.markSent(outcome);
    };
    await expect(deliverDigest(deps('a', { store: crashing }), request(['C1', 'C2', 'C3']))).rejects.toThrow(
      'process killed',
    );
    expect(await store.delivery('C2', PERIOD.key)).toMatchObject({ state: 'sending' });

    // Still within the dead instance's lease: nobody may touch C2 yet; C3 goes out.
    const early = await deliverDigest(deps('b'), request(['C1', 'C2', 'C3']));
    expect(early.map((o) => o.outcome)).toEqual(['skipped', 'skipped', 'sent']);

    clock.advance(LEASE + 1);
    const late = await deliverDigest(deps('b'), request(['C1', 'C2', 'C3']));
    expect(late.map((o) => o.outcome)).toEqual(['skipped', 'recovered', 'skipped']);
    for (const channel of ['C1', 'C2', 'C3']) expect(poster.postsTo(channel)).toBe(1);
    expect(await store.delivery('C2', PERIOD.key)).toMatchObject({ state: 'sent' });
  });

  /** Instance `a` claims the channel's delivery, then dies before it records a post; its lease runs out. */
  const claimThenDie = async (channelId: string) => {
    await store.claimDelivery({ channelId, periodKey: PERIOD.key, instanceId: 'a', now: clock.now(), leaseMs: LEASE });
    clock.advance(LEASE + 1);
  };

  it('after a crash before the post reached Slack, posts it on recovery', async () => {
    await claimThenDie('C1');
    const outcomes = await deliverDigest(deps('b'), request(['C1']));
    expect(outcomes).toEqual([expect.objectContaining({ outcome: 'sent' })]);
    expect(poster.lookups).toEqual(['C1']);
    expect(poster.postsTo('C1')).toBe(1);
  });

  it('does not post again when Slack cannot say whether an interrupted post went out', async () => {
    await claimThenDie('C1');
    poster.failLookup.set('C1', new PostError('not_in_channel', 'channel'));
    const outcomes = await deliverDigest(deps('b'), request(['C1']));
    expect(outcomes).toEqual([
      expect.objectContaining({ outcome: 'failed', error: 'unconfirmed: not_in_channel', permanent: true }),
    ]);
    expect(poster.postsTo('C1')).toBe(0);
    expect(await store.delivery('C1', PERIOD.key)).toMatchObject({ state: 'failed' });
  });

  it('records a channel that is gone and goes on with the others', async () => {
    poster.failPost.set('C1', new PostError('channel_not_found', 'channel'));
    const outcomes = await deliverDigest(deps('a'), request(['C1', 'C2']));
    expect(outcomes).toEqual([
      expect.objectContaining({ channelId: 'C1', outcome: 'failed', error: 'channel_not_found', permanent: true }),
      expect.objectContaining({ channelId: 'C2', outcome: 'sent' }),
    ]);
    // Final for the period: a rerun does not try the gone channel again.
    poster.failPost.clear();
    expect((await deliverDigest(deps('a'), request(['C1'])))[0]).toMatchObject({ outcome: 'skipped', state: 'failed' });
  });

  it('leaves a transient failure claimable, and delivers it on the next run', async () => {
    poster.failPost.set('C1', new PostError('internal_error', 'transient'));
    expect((await deliverDigest(deps('a'), request(['C1'])))[0]).toMatchObject({ outcome: 'failed', permanent: false });
    expect(await store.delivery('C1', PERIOD.key)).toMatchObject({ state: 'retry', error: 'internal_error' });
    poster.failPost.clear();
    expect((await deliverDigest(deps('a'), request(['C1'])))[0]).toMatchObject({ outcome: 'sent' });
    expect(poster.postsTo('C1')).toBe(1);
  });

  it('on a retry, finds a post that reached Slack although the first attempt got no answer', async () => {
    poster.failPost.set('C1', new PostError('request_timeout', 'transient'));
    await deliverDigest(deps('a'), request(['C1']));
    // The timed-out post had in fact gone out.
    poster.posts.push({ channelId: 'C1', period: PERIOD.key, ts: '1700000099.000100' });
    poster.failPost.clear();
    expect((await deliverDigest(deps('a'), request(['C1'])))[0]).toMatchObject({
      outcome: 'recovered',
      messageTs: '1700000099.000100',
    });
    expect(poster.postsTo('C1')).toBe(1);
  });

  it('on a retry, posts when Slack cannot show the channel history', async () => {
    poster.failPost.set('C1', new PostError('internal_error', 'transient'));
    await deliverDigest(deps('a'), request(['C1']));
    poster.failPost.clear();
    poster.failLookup.set('C1', new PostError('not_in_channel', 'channel'));
    expect((await deliverDigest(deps('a'), request(['C1'])))[0]).toMatchObject({ outcome: 'sent' });
    expect(poster.postsTo('C1')).toBe(1);
  });

  it('stops the run on a fatal error and leaves the other channels untouched', async () => {
    poster.failPost.set('C1', new PostError('token_revoked', 'fatal'));
    const outcomes = await deliverDigest(deps('a'), request(['C1', 'C2']));
    expect(outcomes.map((o) => o.outcome)).toEqual(['failed', 'not-tried']);
    expect(await store.delivery('C2', PERIOD.key)).toBeUndefined();
  });

  it('spaces posts to the same channel a second apart, without waiting between channels', async () => {
    const pacer = new ChannelPacer(clock);
    await deliverDigest(deps('a', { pacer }), request(['C1', 'C2']));
    await deliverDigest(deps('a', { pacer }), { ...request(['C1']), period: { ...PERIOD, key: '2026-W50' } });
    expect(clock.sleeps).toEqual([1_000]);
  });

  it('builds a message per channel, only for the channels it posts to, after their claim', async () => {
    const built: string[] = [];
    const message = async (channelId: string) => {
      built.push(channelId);
      return { text: `for ${channelId}`, blocks: [] };
    };
    await deliverDigest(deps('a'), request(['C1']));
    const outcomes = await deliverDigest(deps('a'), { ...request(['C1', 'C2', 'C3']), message });
    expect(outcomes.map((o) => o.outcome)).toEqual(['skipped', 'sent', 'sent']);
    expect(built).toEqual(['C2', 'C3']);
    expect(poster.posts.map((post) => post.text)).toEqual(['digest', 'for C2', 'for C3']);
  });

  it('retries a channel whose message could not be built, without posting it', async () => {
    const message = (channelId: string) => {
      if (channelId === 'C1') throw new Error('store unavailable');
      return { text: channelId, blocks: [] };
    };
    const outcomes = await deliverDigest(deps('a'), { ...request(['C1', 'C2']), message });
    expect(outcomes).toEqual([
      expect.objectContaining({ channelId: 'C1', outcome: 'failed', error: 'store unavailable', permanent: false }),
      expect.objectContaining({ channelId: 'C2', outcome: 'sent' }),
    ]);
    expect(poster.postsTo('C1')).toBe(0);
    expect(await store.delivery('C1', PERIOD.key)).toMatchObject({ state: 'retry' });
  });
});
