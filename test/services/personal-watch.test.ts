import { afterEach, describe, expect, it } from 'vitest';
import { PERSONAL_WATCH_MAX, PersonalWatches } from '../../src/services/personal-watch.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { FakeClock } from '../support/fake-clock.js';

const NOW = Date.parse('2026-12-09T10:00:00Z');
const ALICE = 'U0ALICE001';
const BOB = 'U0BOB00001';
let store: Store | undefined;

afterEach(async () => {
  await store?.close();
  store = undefined;
});

async function watches(limit?: number) {
  store = await openStore('sqlite::memory:');
  return new PersonalWatches({ store, clock: new FakeClock(NOW), ...(limit !== undefined && { limit }) });
}

const names = (update: { watches: { name: string }[] }) => update.watches.map((watch) => watch.name);

describe('PersonalWatches', () => {
  it('adds, lists, removes and clears one person’s names, with the whole list after each change', async () => {
    const service = await watches();
    expect(await service.add(ALICE, 'Blue Cross')).toEqual({
      change: { name: 'Blue Cross', result: 'added' },
      watches: [{ userId: ALICE, name: 'Blue Cross', addedAt: NOW }],
    });
    expect(names(await service.add(ALICE, 'Acme Pharmacy'))).toEqual(['Acme Pharmacy', 'Blue Cross']);
    expect((await service.add(ALICE, 'blue cross')).change).toEqual({ name: 'blue cross', result: 'already-watched' });
    const removed = await service.remove(ALICE, 'ACME pharmacy');
    expect(removed.change).toEqual({ name: 'ACME pharmacy', result: 'removed' });
    expect(names(removed)).toEqual(['Blue Cross']);
    expect((await service.remove(ALICE, 'Acme Pharmacy')).change.result).toBe('not-watched');
    expect(await service.clear(ALICE)).toEqual({ change: { result: 'cleared', count: 1 }, watches: [] });
    expect((await service.clear(ALICE)).change).toEqual({ result: 'cleared', count: 0 });
  });

  it('keeps each person’s list apart', async () => {
    const service = await watches();
    await service.add(ALICE, 'Blue Cross');
    await service.add(BOB, 'Mercy Hospital');
    expect((await service.remove(BOB, 'Blue Cross')).change.result).toBe('not-watched');
    expect(await service.clear(BOB)).toMatchObject({ change: { count: 1 } });
    expect((await service.list(ALICE)).map((watch) => watch.name)).toEqual(['Blue Cross']);
  });

  it('refuses a name past the limit, and says which list is full; a name already there is just that', async () => {
    const service = await watches(2);
    expect(service.limit).toBe(2);
    await service.add(ALICE, 'One');
    await service.add(ALICE, 'Two');
    const full = await service.add(ALICE, 'Three');
    expect(full.change).toEqual({ name: 'Three', result: 'list-full' });
    expect(names(full)).toEqual(['One', 'Two']);
    expect((await service.add(ALICE, 'two')).change.result).toBe('already-watched');
    expect((await service.add(BOB, 'Three')).change.result).toBe('added');
  });

  it('allows 25 names by default', async () => {
    const service = await watches();
    expect(service.limit).toBe(PERSONAL_WATCH_MAX);
    expect(PERSONAL_WATCH_MAX).toBe(25);
  });
});
