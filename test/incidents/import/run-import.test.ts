import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dayIn, formatImportReport, type ImportReport, runImport } from '../../../src/incidents/import/run-import.js';
import {
  importedFilePath,
  readImportedCollection,
  writeImportedCollection,
} from '../../../src/incidents/imported-store.js';
import type { Incident } from '../../../src/incidents/model.js';
import { DataFileError } from '../../../src/incidents/problems.js';
import { hhsCsv } from '../../support/hhs-export.js';
import { makeIncident } from '../../support/incident-factory.js';
import { HHS_MERGED_CSV, REPO_DATA_DIR, SHARED_DATA_DIR } from '../../support/paths.js';

const REPO_CARDS = path.join(REPO_DATA_DIR, 'incidents');
const MID_2024 = path.join(SHARED_DATA_DIR, 'hhs_ocr_under_investigation_2024-06-28.csv');
const OPEN_END_2025 = path.join(SHARED_DATA_DIR, 'hhs_ocr_under_investigation_2025-12-31.csv');
const OPEN_MID_2026 = path.join(SHARED_DATA_DIR, 'hhs_ocr_under_investigation_2026-07-01.csv');
const HEALTHEC = 'hhs-healthec-llc-nj-20231221';
const ARX = 'hhs-arx-patient-solutions-ks-20230630';
const NOW = new Date('2026-11-24T12:00:00Z');

let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'breachbot-import-'));
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function copyCuratedCards(): Promise<void> {
  await mkdir(path.join(dataDir, 'incidents'));
  for (const name of (await readdir(REPO_CARDS)).filter((file) => file.endsWith('.yaml'))) {
    await copyFile(path.join(REPO_CARDS, name), path.join(dataDir, 'incidents', name));
  }
}

async function storedHhs() {
  const { value, problems } = await readImportedCollection(dataDir, 'hhs-ocr');
  expect(problems).toEqual([]);
  return { ...value, byId: new Map(value.incidents.map((incident) => [incident.id, incident])) };
}

function importHhs(from: string, now = NOW) {
  return runImport({ source: 'hhs-ocr', from, dataDir, cwd: dataDir, now });
}

const firstSeenOf = (incident: Incident | undefined) =>
  incident && incident.origin !== 'curated' ? incident.firstSeen : undefined;

/** Record id -> firstSeen (undefined when absent) of everything stored. */
async function firstSeenById(): Promise<Record<string, string | undefined>> {
  const { incidents } = await storedHhs();
  return Object.fromEntries(incidents.map((incident) => [incident.id, firstSeenOf(incident)]));
}

describe('runImport with the real HHS OCR exports', () => {
  it('lets a newer export revise an older one, and never the other way round', async () => {
    await copyCuratedCards();

    const first = await importHhs(MID_2024);
    expect(first).toMatchObject({ read: 908, imported: 908, added: 908, revised: 0, duplicates: 0, rejected: [] });
    expect(first.coveredByCurated).toBeGreaterThanOrEqual(2);
    let stored = await storedHhs();
    expect(stored.incidents.filter((incident) => firstSeenOf(incident) !== undefined)).toEqual([]);
    expect(stored.byId.get(HEALTHEC)?.individualsAffected).toBe(4656293);
    expect(stored.byId.get(ARX)?.breachTypes).toEqual(['unauthorized-access']);

    const second = await importHhs(HHS_MERGED_CSV);
    expect(second).toMatchObject({ read: 7790, imported: 7786, duplicates: 4, rejected: [], asOf: '2026-07-01' });
    expect(second.added + second.revised + second.unchanged + second.stale).toBe(second.imported);
    expect(second.revised).toBeGreaterThanOrEqual(2);
    expect(second.coveredByCurated).toBeGreaterThanOrEqual(2);
    stored = await storedHhs();
    expect(stored.byId.get(HEALTHEC)).toMatchObject({ individualsAffected: 4786241, status: 'archived' });
    expect(stored.byId.get(ARX)).toMatchObject({ breachTypes: ['hacking'], individualsAffected: 41166 });
    // HHS renamed entities between the two exports; a rename revises the record instead of doubling it.
    expect(second.renamed).toBeGreaterThanOrEqual(20);
    const named = (pattern: RegExp) => stored.incidents.filter((incident) => pattern.test(incident.organization));
    expect(named(/^Perry Johnson/).map((incident) => incident.individualsAffected)).toEqual([9302588]);
    expect(named(/^Managed Care of North America/).map((incident) => incident.organization)).toEqual([
      'Managed Care of North America',
    ]);
    expect(stored.incidents.length).toBeLessThanOrEqual(7786 + 908 - 878 - second.renamed);
    // Revised records keep what the first import gave them: no firstSeen.
    expect(firstSeenOf(stored.byId.get(HEALTHEC))).toBeUndefined();
    expect(firstSeenOf(stored.byId.get(ARX))).toBeUndefined();
    const seenAfterSecond = await firstSeenById();

    const again = await importHhs(MID_2024);
    expect(again.stale).toBeGreaterThan(0);
    expect(again.added + again.revised).toBe(0);
    stored = await storedHhs();
    expect(stored.byId.get(HEALTHEC)?.individualsAffected).toBe(4786241);
    expect(stored.byId.get(ARX)?.breachTypes).toEqual(['hacking']);
    expect(stored.exports.map((record) => [path.basename(record.from), record.asOf, record.rows])).toEqual([
      ['hhs_ocr_under_investigation_2024-06-28.csv', '2024-06-28', 908],
      ['hhs_ocr_merged_2009-10-21_to_2026-07-01_DERIVED.csv', '2026-07-01', 7790],
      ['hhs_ocr_under_investigation_2024-06-28.csv', '2024-06-28', 908],
    ]);
    expect(stored.exports[0]?.importedAt).toBe(NOW.toISOString());
    expect(await firstSeenById()).toEqual(seenAfterSecond);
  });

  it('flags the filings a later export of the open cases adds, late-posted ones included', async () => {
    const first = await importHhs(OPEN_END_2025, new Date('2026-01-05T09:00:00Z'));
    expect(first.added).toBe(first.imported);
    expect(Object.values(await firstSeenById()).filter((day) => day !== undefined)).toEqual([]);

    const second = await importHhs(OPEN_MID_2026, new Date('2026-07-06T09:00:00Z'));
    expect(second.added).toBeGreaterThan(0);
    const { incidents } = await storedHhs();
    const flagged = incidents.filter((incident) => firstSeenOf(incident) !== undefined);
    expect(flagged).toHaveLength(second.added);
    expect(new Set(flagged.map(firstSeenOf))).toEqual(new Set(['2026-07-06']));
    // HHS posted these after its 2025-12-31 export although they were submitted before it.
    const latePosted = flagged.filter((incident) => (incident.disclosed ?? '') <= '2025-12-31');
    expect(latePosted.length).toBeGreaterThanOrEqual(50);
  });

  it('finds nothing to change when the same export is imported twice', async () => {
    await importHhs(MID_2024);
    const again = await importHhs(MID_2024);
    expect(again).toMatchObject({ added: 0, revised: 0, unchanged: 908, stale: 0, coveredByCurated: 0 });
  });
});

describe('runImport', () => {
  it('reads a path relative to cwd and imports HIBP into its own collection', async () => {
    await writeFile(
      path.join(dataDir, 'breaches.json'),
      JSON.stringify([
        { Title: 'Golf Canada', PwnCount: 5, AddedDate: '2026-08-22T07:17:23Z', DataClasses: ['Names', 'Purchases'] },
        { Title: 'Broken', PwnCount: -1, AddedDate: '2026-08-22T07:17:23Z', DataClasses: [] },
      ]),
    );
    const report = await runImport({ source: 'hibp', from: 'breaches.json', dataDir, cwd: dataDir, now: NOW });
    expect(report).toMatchObject({
      source: 'hibp',
      from: 'breaches.json',
      file: importedFilePath(dataDir, 'hibp'),
      asOf: '2026-08-22',
      read: 2,
      imported: 1,
      added: 1,
      unmappedDataClasses: [{ name: 'Purchases', count: 1 }],
    });
    expect(report.rejected).toEqual([{ index: 1, reason: expect.stringMatching(/^"Broken": PwnCount: /) }]);
    const stored = await readImportedCollection(dataDir, 'hibp');
    expect(stored.value.incidents.map((incident) => incident.id)).toEqual(['hibp-golf-canada']);
  });

  it('writes nothing when no row can be imported', async () => {
    await writeFile(
      path.join(dataDir, 'bad.csv'),
      hhsCsv('"A","XX","Health Plan","1","01/01/2020","Theft","Laptop","No",""'),
    );
    const report = await importHhs('bad.csv');
    expect(report).toMatchObject({ file: undefined, read: 1, imported: 0 });
    expect(report.rejected).toEqual([{ line: 2, reason: 'State "XX" is not a US state code' }]);
    await expect(readFile(importedFilePath(dataDir, 'hhs-ocr'), 'utf8')).rejects.toThrow(/ENOENT/);
  });

  it('refuses to overwrite a stored collection that has problems', async () => {
    const file = importedFilePath(dataDir, 'hhs-ocr');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, '{ not json');
    await writeFile(
      path.join(dataDir, 'good.csv'),
      hhsCsv('"A","KS","Health Plan","1","01/01/2020","Theft","Laptop","No",""'),
    );
    await expect(importHhs('good.csv')).rejects.toThrow(DataFileError);
    await expect(importHhs('good.csv')).rejects.toThrow(/is not valid JSON[\s\S]*importing would overwrite them/);
    expect(await readFile(file, 'utf8')).toBe('{ not json');
  });

  it('names a missing file', async () => {
    await expect(importHhs('nope.csv')).rejects.toThrow(`file not found: ${path.join(dataDir, 'nope.csv')}`);
  });
});

describe('runImport: firstSeen', () => {
  /** An HHS row; `submitted` is `YYYY-MM-DD`. */
  function hhsRow(name: string, submitted: string, individuals: number): string {
    const [year, month, day] = submitted.split('-');
    return `"${name}","KS","Health Plan","${individuals}","${month}/${day}/${year}","Hacking/IT Incident","Network Server","No",""`;
  }

  async function importRows(file: string, rows: readonly string[], now: string): Promise<ImportReport> {
    await writeFile(path.join(dataDir, file), hhsCsv(...rows));
    return importHhs(file, new Date(now));
  }

  /** Organisation -> [people affected, firstSeen] of everything stored. */
  async function storedByName(): Promise<Record<string, [number | undefined, string | undefined]>> {
    const { incidents } = await storedHhs();
    return Object.fromEntries(
      incidents.map((incident) => [incident.organization, [incident.individualsAffected, firstSeenOf(incident)]]),
    );
  }

  // Week 1, the source's first import: a whole history, nothing of it news.
  const week1 = () =>
    importRows(
      'week1.csv',
      [hhsRow('Alpha Health', '2019-03-04', 100), hhsRow('Beta Clinic', '2026-10-30', 200)],
      '2026-11-02T08:00:00Z',
    );
  // Week 2: Alpha's count grows, Gamma is filed and posted, and Late, submitted before week 1's
  // export was made, is posted only now. The import runs late in the UTC day.
  const week2 = () =>
    importRows(
      'week2.csv',
      [
        hhsRow('Alpha Health', '2019-03-04', 150),
        hhsRow('Beta Clinic', '2026-10-30', 200),
        hhsRow('Gamma Hospital', '2026-11-05', 300),
        hhsRow('Late Posted Pharmacy', '2026-10-14', 400),
      ],
      '2026-11-09T23:30:00Z',
    );

  it("gives the records of a source's first import no firstSeen, however recent", async () => {
    const report = await week1();
    expect(report).toMatchObject({ added: 2, revised: 0 });
    expect(await storedByName()).toEqual({
      'Alpha Health': [100, undefined],
      'Beta Clinic': [200, undefined],
    });
  });

  it('stamps what a later export adds with the import day, a late-posted filing too; a revision keeps it', async () => {
    await week1();
    expect(await week2()).toMatchObject({ added: 2, revised: 1, unchanged: 1, stale: 0 });
    expect(await storedByName()).toEqual({
      'Alpha Health': [150, undefined],
      'Beta Clinic': [200, undefined],
      'Gamma Hospital': [300, '2026-11-09'],
      'Late Posted Pharmacy': [400, '2026-11-09'],
    });

    const week3 = await importRows(
      'week3.csv',
      [
        hhsRow('Alpha Health', '2019-03-04', 150),
        hhsRow('Beta Clinic', '2026-10-30', 200),
        hhsRow('Gamma Hospital', '2026-11-05', 300),
        hhsRow('Late Posted Pharmacy', '2026-10-14', 450),
        hhsRow('Delta Dental', '2026-11-12', 50),
      ],
      '2026-11-16T08:00:00Z',
    );
    expect(week3).toMatchObject({ added: 1, revised: 1, unchanged: 3 });
    expect(await storedByName()).toEqual({
      'Alpha Health': [150, undefined],
      'Beta Clinic': [200, undefined],
      'Gamma Hospital': [300, '2026-11-09'],
      'Late Posted Pharmacy': [450, '2026-11-09'],
      'Delta Dental': [50, '2026-11-16'],
    });
  });

  it('never changes firstSeen when an older export is imported afterwards, and flags nothing it adds', async () => {
    await week1();
    await week2();
    const before = await storedByName();
    // Older than week 2's export (as of 2026-11-05): it still lists a filing the portal has since removed.
    const older = await importRows(
      'older.csv',
      [hhsRow('Late Posted Pharmacy', '2026-10-14', 390), hhsRow('Removed Since', '2026-10-20', 70)],
      '2026-11-23T08:00:00Z',
    );
    expect(older).toMatchObject({ asOf: '2026-10-20', added: 1, revised: 0, stale: 1 });
    expect(await storedByName()).toEqual({ ...before, 'Removed Since': [70, undefined] });

    // Week 1's export again, a week later: nothing in it is news either.
    expect(await week1()).toMatchObject({ added: 0, revised: 0, stale: 1, unchanged: 1 });
    expect(await storedByName()).toEqual({ ...before, 'Removed Since': [70, undefined] });
  });

  it('keeps working on records stored before firstSeen existed', async () => {
    await writeImportedCollection(dataDir, {
      source: 'hhs-ocr',
      exports: [{ from: 'old.csv', asOf: '2026-10-30', importedAt: '2026-11-02T08:00:00.000Z', rows: 1 }],
      incidents: [
        // No firstSeen: the form of every imported record before the field existed.
        makeIncident({
          id: 'hhs-beta-clinic-ks-20261030',
          organization: 'Beta Clinic',
          entityType: 'health-plan',
          state: 'KS',
          country: 'US',
          individualsAffected: 200,
          disclosed: '2026-10-30',
          locations: ['network-server'],
          sources: [{ title: 'HHS OCR breach portal', url: 'https://ocrportal.hhs.gov/ocr/breach/breach_report.jsf' }],
          updated: '2026-10-30',
        }),
      ],
    });
    const report = await importRows(
      'next.csv',
      [hhsRow('Beta Clinic', '2026-10-30', 260), hhsRow('Gamma Hospital', '2026-11-05', 300)],
      '2026-11-09T08:00:00Z',
    );
    expect(report).toMatchObject({ added: 1, revised: 1 });
    expect(await storedByName()).toEqual({
      'Beta Clinic': [260, undefined],
      'Gamma Hospital': [300, '2026-11-09'],
    });
  });
});

describe('formatImportReport', () => {
  const base: ImportReport = {
    source: 'hhs-ocr',
    from: 'export.csv',
    file: '/data/imported/hhs-ocr.json',
    asOf: '2026-07-01',
    read: 7790,
    imported: 7786,
    added: 7786,
    revised: 0,
    renamed: 0,
    unchanged: 0,
    stale: 0,
    duplicates: 4,
    coveredByCurated: 2,
    rejected: [],
  };

  it('summarises the import on one line', () => {
    expect(formatImportReport(base).split('\n')).toEqual([
      'HHS OCR breach portal export as of 2026-07-01: export.csv',
      'read 7790 rows; imported 7786 (added 7786; merged with stored records 0: revised 0, unchanged 0, older than stored 0); 4 exact duplicate rows; 2 covered by curated cards; rejected 0',
      'saved to /data/imported/hhs-ocr.json',
    ]);
  });

  it('lists rejected rows up to a cap', () => {
    const rejected = Array.from({ length: 53 }, (_, index) => ({
      line: index + 2,
      reason: 'State "XX" is not a US state code',
    }));
    const lines = formatImportReport({ ...base, rejected }).split('\n');
    expect(lines[2]).toBe('line 2: State "XX" is not a US state code');
    expect(lines[51]).toBe('line 51: State "XX" is not a US state code');
    expect(lines[52]).toBe('and 3 more rejected');
  });

  it('adds what only HIBP reports', () => {
    const text = formatImportReport({
      ...base,
      source: 'hibp',
      flagged: { spamList: 16, fabricated: 3 },
      unmappedDataClasses: [{ name: 'Geographic locations', count: 125 }],
      rejected: [{ index: 4, reason: '"X": PwnCount: expected number' }],
    });
    expect(text).toContain('read 7790 breaches;');
    expect(text).toContain('element 4: "X": PwnCount: expected number');
    expect(text).toContain('flagged by the source but imported: 16 spam lists, 3 fabricated');
    expect(text).toContain('data classes with no data type: Geographic locations (125)');
  });
});

describe('the import day', () => {
  it("is the day on the digest's calendar, not UTC's", () => {
    const sundayEveningInHonolulu = new Date('2026-12-07T05:30:00Z');
    expect(dayIn(sundayEveningInHonolulu, 'Pacific/Honolulu')).toBe('2026-12-06');
    expect(dayIn(sundayEveningInHonolulu, 'UTC')).toBe('2026-12-07');
    expect(dayIn(sundayEveningInHonolulu, 'Asia/Tokyo')).toBe('2026-12-07');
  });
});
