import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importedFilePath } from '../../src/incidents/imported-store.js';
import { SharedLists } from '../../src/sources/shared-lists.js';
import { syncStatusPath } from '../../src/sources/sync-status.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { FakeClock } from '../support/fake-clock.js';

const T = Date.parse('2026-12-06T10:00:00Z');

let root: string;
let databaseUrl: string;
const stores: Store[] = [];

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'breachbot-shared-'));
  databaseUrl = `sqlite:${path.join(root, 'shared.db')}`;
});

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  await rm(root, { recursive: true, force: true });
});

/** One instance: its own DATA_DIR and its own connection to the shared database. */
async function instance(name: string, clock = new FakeClock(T)) {
  const dataDir = path.join(root, name);
  await mkdir(path.join(dataDir, 'imported'), { recursive: true });
  const store = await openStore(databaseUrl);
  stores.push(store);
  const shared = new SharedLists({ store, dataDir, instanceId: name, clock });
  await shared.markLoaded();
  return { dataDir, store, shared, clock };
}

const collection = (marker: string) => `${JSON.stringify({ source: 'hibp', exports: [], incidents: [], marker })}\n`;

async function writeList(dataDir: string, text: string, mtime?: number) {
  const file = importedFilePath(dataDir, 'hibp');
  await writeFile(file, text);
  if (mtime !== undefined) await utimes(file, mtime / 1000, mtime / 1000);
}

const readList = (dataDir: string) => readFile(importedFilePath(dataDir, 'hibp'), 'utf8');

describe('SharedLists', () => {
  it('publishes what an instance imported, and another instance takes it and reports it changed', async () => {
    const a = await instance('a');
    const b = await instance('b');
    await writeList(a.dataDir, collection('first'));
    await writeFile(syncStatusPath(a.dataDir, 'hibp'), '{"status":"a"}\n');

    const fromA = await a.shared.exchange();
    expect(fromA.published).toEqual(['hibp']);
    expect(fromA.changed).toEqual(['hibp']);

    const fromB = await b.shared.exchange();
    expect(fromB).toMatchObject({ pulled: ['hibp'], changed: ['hibp'], published: [], errors: [] });
    expect(await readList(b.dataDir)).toBe(collection('first'));
    expect(await readFile(syncStatusPath(b.dataDir, 'hibp'), 'utf8')).toBe('{"status":"a"}\n');

    await b.shared.markLoaded();
    expect((await b.shared.exchange()).changed).toEqual([]);
  });

  it('publishes nothing and pulls nothing while nothing changes', async () => {
    const a = await instance('a');
    await writeList(a.dataDir, collection('first'));
    await a.shared.exchange();
    const [before] = await a.store.sourceListRevisions();
    for (let i = 0; i < 3; i++) expect(await a.shared.exchange()).toMatchObject({ published: [], pulled: [] });
    expect(await a.store.sourceListRevisions()).toEqual([before]);
  });

  it("takes another instance's newer list over its own unchanged one, and publishes its own later change", async () => {
    const a = await instance('a');
    const b = await instance('b');
    await writeList(a.dataDir, collection('one'));
    await a.shared.exchange();
    await b.shared.exchange();

    await writeList(b.dataDir, collection('two'));
    expect((await b.shared.exchange()).published).toEqual(['hibp']);
    expect((await a.shared.exchange()).pulled).toEqual(['hibp']);
    expect(await readList(a.dataDir)).toBe(collection('two'));
  });

  it('when both sides changed, keeps the later: a file written here after the publish wins', async () => {
    const a = await instance('a');
    const b = await instance('b', new FakeClock(T + 60_000));
    await writeList(a.dataDir, collection('base'));
    await a.shared.exchange();
    await b.shared.exchange();

    await writeList(b.dataDir, collection('published-at-T+60s'));
    await b.shared.exchange();
    await writeList(a.dataDir, collection('written-at-T+120s'), T + 120_000);
    expect((await a.shared.exchange()).published).toEqual(['hibp']);
    expect((await b.shared.exchange()).pulled).toEqual(['hibp']);
    expect(await readList(b.dataDir)).toBe(collection('written-at-T+120s'));
  });

  it('never writes a damaged shared copy over a good list, and says so once', async () => {
    const a = await instance('a');
    const b = await instance('b');
    await writeList(b.dataDir, collection('good'));
    await b.shared.exchange();
    await a.store.publishSourceList({
      source: 'hibp',
      sha256: 'f'.repeat(64),
      collection: Buffer.from('not gzip').toString('base64'),
      publishedBy: 'broken',
      now: T + 1,
    });
    const first = await b.shared.exchange();
    expect(first.errors).toHaveLength(1);
    expect(first.pulled).toEqual([]);
    expect(await readList(b.dataDir)).toBe(collection('good'));
    expect((await b.shared.exchange()).errors).toEqual([]);
  });

  it('never shares a list broken here: the other instances keep their copy', async () => {
    const a = await instance('a');
    const b = await instance('b');
    await writeList(a.dataDir, collection('good'));
    await a.shared.exchange();
    await b.shared.exchange();
    await writeList(a.dataDir, '{"source": "hibp", "exports": [');
    const broken = await a.shared.exchange();
    expect(broken.published).toEqual([]);
    expect(broken.errors).toEqual([expect.stringContaining('not a readable hibp list')]);
    expect((await b.shared.exchange()).pulled).toEqual([]);
    expect(await readList(b.dataDir)).toBe(collection('good'));
  });
});
