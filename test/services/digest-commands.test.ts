import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DigestCommand } from '../../src/digest/parse-digest-command.js';
import { parseDigestCommand } from '../../src/digest/parse-digest-command.js';
import type { Store } from '../../src/store/store.js';
import { shippedGuidance } from '../support/repo-dataset.js';
import { digestServicesFor, NEXT_MONDAY } from './digest-services.js';

const CHANNEL = 'C0SECURITY1';
const ADMIN = 'U0ADMIN001';
const SOMEONE = 'U0SOMEONE1';
let store: Store | undefined;

afterEach(async () => {
  await store?.close();
  store = undefined;
});

async function commands(adminUserIds?: readonly string[]) {
  const built = await digestServicesFor({ incidents: [], guidance: await shippedGuidance() }, adminUserIds);
  store = built.store;
  const announce = vi.fn(async () => ({ posted: true as const }));
  const run = (text: string, userId = ADMIN) =>
    built.commands.run(parseDigestCommand(text) as DigestCommand, { channelId: CHANNEL, userId, announce });
  return { run, announce };
}

describe('DigestCommands', () => {
  it('turns the digest on and off in the channel it was asked in', async () => {
    const { run, announce } = await commands();
    expect(await run('digest on')).toEqual({
      kind: 'turned-on',
      channelId: CHANNEL,
      nextRun: NEXT_MONDAY,
      timeZone: 'UTC',
    });
    expect(announce).toHaveBeenCalledOnce();
    expect(await run('digest on')).toEqual({ kind: 'already-on', channelId: CHANNEL });
    expect(await run('digest off')).toEqual({ kind: 'turned-off', channelId: CHANNEL });
    expect(await run('digest off')).toEqual({ kind: 'was-off', channelId: CHANNEL });
  });

  it('answers status, preview and the watchlist', async () => {
    const { run } = await commands();
    expect(await run('digest status')).toMatchObject({ kind: 'status', status: { channelId: CHANNEL } });
    expect(await run('digest preview')).toMatchObject({ kind: 'preview', digest: { incidents: [] } });
    expect(await run('watch add Welltok')).toMatchObject({
      kind: 'watchlist',
      change: { vendor: 'Welltok', result: 'added' },
    });
    expect(await run('watch list')).toMatchObject({ kind: 'watchlist', watchlist: [{ name: 'Welltok' }] });
  });

  it('passes a usage problem through as it is', async () => {
    const { run } = await commands();
    expect(await run('digest sometimes')).toEqual(parseDigestCommand('digest sometimes'));
  });

  it('with admins set, lets only them change things, and anyone look', async () => {
    const { run, announce } = await commands([ADMIN]);
    for (const text of ['digest on', 'digest off', 'watch add Okta', 'watch remove Okta']) {
      expect(await run(text, SOMEONE)).toEqual({ kind: 'refused', admins: [ADMIN] });
    }
    expect(announce).not.toHaveBeenCalled();
    expect(await store?.subscriptions()).toEqual([]);
    expect(await store?.watchlist()).toEqual([]);
    expect((await run('digest status', SOMEONE)).kind).toBe('status');
    expect((await run('watch list', SOMEONE)).kind).toBe('watchlist');
    expect((await run('digest on', ADMIN)).kind).toBe('turned-on');
  });

  it('runs `watch me` for the person who asked, admins set or not, and never on anyone else’s list', async () => {
    const { run } = await commands([ADMIN]);
    expect(await run('watch me add Blue Cross', SOMEONE)).toEqual({
      kind: 'personal-watchlist',
      limit: 25,
      change: { name: 'Blue Cross', result: 'added' },
      watches: [expect.objectContaining({ userId: SOMEONE, name: 'Blue Cross' })],
    });
    expect(await run('watch me', ADMIN)).toEqual({ kind: 'personal-watchlist', watches: [], limit: 25 });
    expect(await run('watch me remove Blue Cross', ADMIN)).toMatchObject({ change: { result: 'not-watched' } });
    expect(await run('watch me clear', ADMIN)).toMatchObject({ change: { result: 'cleared', count: 0 } });
    expect(await store?.personalWatches(SOMEONE)).toHaveLength(1);
    expect(await store?.watchlist()).toEqual([]);
    expect(await run('watch me clear', SOMEONE)).toEqual({
      kind: 'personal-watchlist',
      watches: [],
      limit: 25,
      change: { result: 'cleared', count: 1 },
    });
  });
});
