import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadDataset } from '../../src/dataset/load-dataset.js';
import {
  buildShippedCollections,
  readShippedLists,
  type ShippedList,
} from '../../src/incidents/import/shipped-lists.js';
import { type ImportedCollection, readShippedCollection } from '../../src/incidents/imported-store.js';
import { incidentRules } from '../../src/incidents/model.js';
import { REPO_DATA_DIR, SHARED_DATA_DIR } from '../support/paths.js';

const MANIFEST = path.join(REPO_DATA_DIR, 'shipped', 'sources.json');
let lists: ShippedList[];

beforeAll(async () => {
  lists = await readShippedLists(MANIFEST);
});

async function shipped(source: ImportedCollection['source']): Promise<ImportedCollection> {
  const { value, problems } = await readShippedCollection(REPO_DATA_DIR, source);
  expect(problems).toEqual([]);
  return value;
}

async function sizeOf(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return total;
}

describe('the official lists the repository ships', () => {
  it('are exactly what the importers make of the lists the manifest names, in its order', async () => {
    const rebuilt = await buildShippedCollections(lists, SHARED_DATA_DIR);
    for (const collection of rebuilt) {
      const file = path.join(REPO_DATA_DIR, 'shipped', `${collection.source}.json.gz`);
      const committed = JSON.parse(gunzipSync(await readFile(file)).toString('utf8'));
      expect(committed, `${file} is out of date: run npm run data:ship`).toEqual(
        JSON.parse(JSON.stringify(collection)),
      );
    }
    expect(rebuilt.map((collection) => collection.source).sort()).toEqual(
      [...new Set(lists.map((list) => list.source))].sort(),
    );
  });

  it('record each list by its official address and as-of date', async () => {
    for (const list of lists) {
      const { exports } = await shipped(list.source);
      const record = exports.find((candidate) => candidate.importedAt.startsWith(list.asOf));
      expect(record, list.file).toMatchObject({ from: list.url });
    }
  });

  it('carry the facts of the newest list: HealthEC and ARx as HHS lists them in mid-2026', async () => {
    const hhs = await shipped('hhs-ocr');
    const find = (name: RegExp) => hhs.incidents.filter((incident) => name.test(incident.organization));
    expect(find(/^HealthEC/).map((incident) => incident.individualsAffected)).toEqual([4_786_241]);
    expect(find(/^ARx Patient Solutions/).map((incident) => incident.individualsAffected)).toEqual([41_166]);
    const hibp = await shipped('hibp');
    expect(hibp.incidents.some((incident) => incident.organization === 'Golf Canada')).toBe(true);
  });

  it('are a baseline: no record is marked as first seen, so no digest calls history new', async () => {
    for (const source of new Set(lists.map((list) => list.source))) {
      const { incidents } = await shipped(source);
      expect(incidents.filter((incident) => incident.origin !== 'curated' && incident.firstSeen)).toEqual([]);
    }
  });

  it('pass every rule of the incident schema, so that answering may check only their shape', async () => {
    const compiled = z.compile(incidentRules);
    for (const source of new Set(lists.map((list) => list.source))) {
      const checked = await shipped(source);
      const trusted = await readShippedCollection(REPO_DATA_DIR, source, { trustShipped: true });
      expect(trusted.problems).toEqual([]);
      // The same records, down to the order of their keys.
      expect(JSON.stringify(trusted.value)).toBe(JSON.stringify(checked));
      for (const record of trusted.value.incidents) {
        const interpreted = incidentRules.safeParse(record);
        expect(interpreted.success, record.id).toBe(true);
        expect(JSON.stringify(compiled.safeParse(record).data)).toBe(JSON.stringify(interpreted.data));
        expect(JSON.stringify(interpreted.data)).toBe(JSON.stringify(record));
      }
    }
  });

  it('load with the curated cards, without a problem, and keep data/ within 10 MB', async () => {
    const { dataset, problems, counts } = await loadDataset(REPO_DATA_DIR);
    expect(problems).toEqual([]);
    expect(counts.imported).toBeGreaterThan(8_000);
    expect(dataset?.incidents.length).toBe(counts.curated + counts.imported - counts.coveredByCurated - counts.joined);
    expect(await sizeOf(REPO_DATA_DIR)).toBeLessThan(10 * 1024 * 1024);
  });
});
