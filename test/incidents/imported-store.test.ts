import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type ImportedCollection,
  readSourceCollection,
  shippedFilePath,
  writeImportedCollection,
} from '../../src/incidents/imported-store.js';
import { makeIncident } from '../support/incident-factory.js';

let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'breachbot-store-'));
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const exportOf = (from: string, asOf: string) => ({ from, asOf, importedAt: `${asOf}T00:00:00.000Z`, rows: 2 });
const record = (organization: string, updated: string, individualsAffected: number) =>
  makeIncident({ organization, updated, individualsAffected, disclosed: '2026-05-01' });

async function ship(collection: ImportedCollection): Promise<void> {
  await mkdir(path.dirname(shippedFilePath(dataDir, collection.source)), { recursive: true });
  await writeFile(shippedFilePath(dataDir, collection.source), gzipSync(JSON.stringify(collection)));
}

describe('readSourceCollection', () => {
  it('reads the shipped list alone, and a local import alone', async () => {
    await ship({
      source: 'hhs-ocr',
      exports: [exportOf('https://x', '2026-07-01')],
      incidents: [record('A', '2026-07-01', 1)],
    });
    expect((await readSourceCollection(dataDir, 'hhs-ocr')).value.incidents.map((i) => i.organization)).toEqual(['A']);
    const local = { source: 'hibp' as const, exports: [exportOf('list.json', '2026-08-01')], incidents: [] };
    await writeImportedCollection(dataDir, local);
    expect((await readSourceCollection(dataDir, 'hibp')).value).toEqual(local);
  });

  it('lets the newer export win record by record, whichever side it is on, and keeps both exports', async () => {
    await ship({
      source: 'hhs-ocr',
      exports: [exportOf('https://portal', '2026-07-01')],
      incidents: [record('Revised Later', '2026-07-01', 100), record('Shipped Newer', '2026-07-01', 300)],
    });
    await writeImportedCollection(dataDir, {
      source: 'hhs-ocr',
      exports: [exportOf('local.csv', '2026-09-01')],
      incidents: [
        record('Revised Later', '2026-09-01', 200),
        record('Shipped Newer', '2026-01-01', 1),
        record('Only Local', '2026-09-01', 5),
      ],
    });
    const { value, problems } = await readSourceCollection(dataDir, 'hhs-ocr');
    expect(problems).toEqual([]);
    const counts = Object.fromEntries(value.incidents.map((i) => [i.organization, i.individualsAffected]));
    expect(counts).toEqual({ 'Revised Later': 200, 'Shipped Newer': 300, 'Only Local': 5 });
    expect(value.exports.map((e) => e.from)).toEqual(['https://portal', 'local.csv']);
  });

  it('keeps the marks each import gave its records: first seen, and a revised count', async () => {
    await ship({
      source: 'hhs-ocr',
      exports: [exportOf('https://portal', '2026-07-01')],
      incidents: [record('Revised Later', '2026-07-01', 100), record('Unchanged', '2026-07-01', 7)],
    });
    const marked = (organization: string, updated: string, individualsAffected: number, marks: object) =>
      makeIncident({ organization, updated, individualsAffected, disclosed: '2026-05-01', ...marks });
    const unchanged = marked('Unchanged', '2026-07-01', 7, { firstSeen: '2026-07-03' });
    await writeImportedCollection(dataDir, {
      source: 'hhs-ocr',
      exports: [exportOf('local.csv', '2026-09-01')],
      incidents: [
        marked('Revised Later', '2026-09-01', 200, { countRevised: { from: 100, on: '2026-09-02' } }),
        marked('Only Local', '2026-09-01', 5, { firstSeen: '2026-09-02' }),
        unchanged,
      ],
    });
    const { value } = await readSourceCollection(dataDir, 'hhs-ocr');
    const byName = new Map(value.incidents.map((incident) => [incident.organization, incident]));
    expect(byName.get('Revised Later')).toMatchObject({ countRevised: { from: 100, on: '2026-09-02' } });
    expect(byName.get('Only Local')).toMatchObject({ firstSeen: '2026-09-02' });
    expect(byName.get('Unchanged')).toMatchObject({ firstSeen: '2026-07-03' });
  });

  it('checks a shipped record of the wrong shape by the full schema even when trusting the shipped lists', async () => {
    const good = record('Good', '2026-07-01', 1);
    const { breachTypes: _missing, ...bad } = record('Bad', '2026-07-01', 2);
    await ship({
      source: 'hhs-ocr',
      exports: [exportOf('https://x', '2026-07-01')],
      incidents: [good, bad as unknown as typeof good, { ...good, id: 'other', origin: 'hibp' }],
    });
    const checked = await readSourceCollection(dataDir, 'hhs-ocr');
    const trusted = await readSourceCollection(dataDir, 'hhs-ocr', { trustShipped: true });
    expect(trusted).toEqual(checked);
    expect(trusted.value.incidents.map((i) => i.organization)).toEqual(['Good', 'Good']);
    expect(trusted.problems.map((problem) => problem.field)).toEqual(['breachTypes']);
  });

  it('names a shipped file that is not gzip', async () => {
    await mkdir(path.join(dataDir, 'shipped'));
    await writeFile(shippedFilePath(dataDir, 'hhs-ocr'), 'not gzip at all');
    const { problems } = await readSourceCollection(dataDir, 'hhs-ocr');
    expect(problems).toEqual([
      { file: shippedFilePath(dataDir, 'hhs-ocr'), message: expect.stringMatching(/^is not a readable gzip file/) },
    ]);
  });
});
