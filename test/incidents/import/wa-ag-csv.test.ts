import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatImportReport, runImport } from '../../../src/incidents/import/run-import.js';
import { parseWaAgCsv } from '../../../src/incidents/import/wa-ag-csv.js';
import { readImportedCollection } from '../../../src/incidents/imported-store.js';
import type { Incident } from '../../../src/incidents/model.js';
import { DataFileError } from '../../../src/incidents/problems.js';
import { SHARED_DATA_DIR } from '../../support/paths.js';

const WA_LIST = path.join(SHARED_DATA_DIR, 'wa_ag_breach_notifications_2024-05-23.csv');

/** The list's 25 columns, in its order. */
const HEADER = [
  'DateAware',
  'DateSubmitted',
  'DataBreachCause',
  'DateStart',
  'DateEnd',
  'Name',
  'Id',
  'CyberattackType',
  'WashingtoniansAffected',
  'IndustryType',
  'BusinessType',
  'Year',
  'YearText',
  'WashingtoniansAffectedRange',
  'BreachLifecycleRange',
  'DaysToContainBreach',
  'DaysToIdentifyBreach',
  'DaysBreachLifecycle',
  'DiscoveredInProgress',
  'DaysOfExposure',
  'DaysElapsedBetweenEndAndDiscovery',
  'EndedOnDayDiscovered',
  'DaysElapsedBeforeNotification',
  'DaysOfExposureRange',
  'EntityState',
] as const;
type WaRow = Partial<Record<(typeof HEADER)[number], string>>;

const MIDNIGHT = ' 12:00:00 AM';
/** `2023-07-10` -> `07/10/2023 12:00:00 AM`, as the list writes dates. */
const waDate = (iso: string) => {
  const [year, month, day] = iso.split('-');
  return `${month}/${day}/${year}${MIDNIGHT}`;
};

/** A notification with plausible defaults; a test states the cells it is about. */
function row(cells: WaRow = {}): string {
  const defaults: WaRow = {
    DateAware: waDate('2022-03-30'),
    DateSubmitted: waDate('2023-07-10'),
    DataBreachCause: 'Cyberattack',
    Name: 'Example Org',
    Id: '10000',
    CyberattackType: 'Malware',
    WashingtoniansAffected: '600',
    IndustryType: 'Business',
    Year: '2024',
  };
  return HEADER.map((column) => csvCell({ ...defaults, ...cells }[column] ?? '')).join(',');
}

function csvCell(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function waCsv(...rows: string[]): string {
  return `${[HEADER.join(','), ...rows].join('\n')}\n`;
}

function parseFixture(text: string, today?: string) {
  return parseWaAgCsv(text, { from: 'wa.csv', ...(today && { today }) });
}

describe('parseWaAgCsv', () => {
  it('maps every column it reads onto the incident model', () => {
    const result = parseFixture(
      waCsv(
        row({
          DateAware: '03/30/2022 12:00:00 AM',
          DateSubmitted: '07/10/2023 12:00:00 AM',
          DataBreachCause: 'Unauthorized Access',
          DateStart: '03/23/2022 12:00:00 AM',
          DateEnd: '03/30/2022 12:00:00 AM',
          Name: '  ARx   Patient Solutions ',
          Id: '15323',
          CyberattackType: '',
          WashingtoniansAffected: '517',
          IndustryType: 'Health',
          BusinessType: '',
          Year: '2023',
          EntityState: 'KS',
        }),
      ),
    );
    expect(result.rejected).toEqual([]);
    expect(result).toMatchObject({ source: 'wa-ag', from: 'wa.csv', asOf: '2023-07-10', read: 1, duplicates: 0 });
    expect(result.incidents).toEqual([
      {
        id: 'wa-arx-patient-solutions-2023-15323',
        organization: 'ARx Patient Solutions',
        aliases: [],
        relatedOrganizations: [],
        sector: 'Health care',
        state: 'KS',
        country: 'US',
        residentsAffected: { state: 'WA', count: 517 },
        occurred: { start: '2022-03-23', end: '2022-03-30' },
        discovered: '2022-03-30',
        disclosed: '2023-07-10',
        breachTypes: ['unauthorized-access'],
        locations: [],
        dataTypes: [],
        timeline: [],
        offered: [],
        lessons: [],
        sources: [
          {
            title: 'Washington State Attorney General: data breach notifications',
            url: 'https://www.atg.wa.gov/data-breach-notifications',
          },
        ],
        origin: 'wa-ag',
        updated: '2023-07-10',
      },
    ]);
    expect(result.incidents[0]).not.toHaveProperty('individualsAffected');
  });

  it.each([
    ['Cyberattack', 'Ransomware', ['ransomware', 'hacking']],
    ['Cyberattack', 'Malware', ['hacking']],
    ['Cyberattack', 'Phishing', ['hacking']],
    ['Cyberattack', 'Skimmers', ['hacking']],
    ['Cyberattack', 'Other', ['hacking']],
    ['Cyberattack', 'Unclear/unknown', ['hacking']],
    ['Cyberattack', '', ['hacking']],
    ['Unauthorized Access', '', ['unauthorized-access']],
    ['Unauthorized Access', 'Phishing', ['unauthorized-access', 'hacking']],
    ['Unauthorized Access', 'Ransomware', ['ransomware', 'unauthorized-access', 'hacking']],
    ['Unauthorized Access', 'Other', ['unauthorized-access']],
    ['Unauthorized Access', 'Unclear/unknown', ['unauthorized-access']],
    ['Theft or Mistake', '', ['other']],
    ['', '', ['unknown']],
  ])('maps cause %j with attack type %j onto %j', (cause, attack, breachTypes) => {
    const result = parseFixture(waCsv(row({ DataBreachCause: cause, CyberattackType: attack })));
    expect(result.rejected).toEqual([]);
    expect(result.incidents[0]?.breachTypes).toEqual(breachTypes);
  });

  it.each([
    ['Health', '', 'Health care'],
    ['Finance', '', 'Finance'],
    ['Finance', 'Other', 'Finance'],
    ['Education', '', 'Education'],
    ['Government', '', 'Government'],
    ['Government', 'Professional Services', 'Government (professional services)'],
    ['Non-Profit/Charity', '', 'Non-profit or charity'],
    ['Business', '', 'Business'],
    ['Business', 'Other', 'Business'],
    ['Business', 'Retail', 'Retail'],
    ['Business', 'Professional Services', 'Professional services'],
    ['Business', 'Consumable', 'Consumer goods'],
    ['Business', 'Legal', 'Legal services'],
    ['Agriculture', '', 'Agriculture'],
  ])('reads industry %j and business type %j as the sector %j', (industry, business, sector) => {
    const result = parseFixture(waCsv(row({ IndustryType: industry, BusinessType: business })));
    expect(result.incidents[0]?.sector).toBe(sector);
  });

  it("takes the organisation's state from a code or a name, and leaves anything else unsaid", () => {
    const states = ['WA ', 'Iowa', 'ny', 'Ontario', ''].map((EntityState, index) =>
      row({ EntityState, Id: String(index) }),
    );
    const result = parseFixture(waCsv(...states));
    expect(result.rejected).toEqual([]);
    expect(result.incidents.map(({ state, country }) => [state, country])).toEqual([
      ['WA', 'US'],
      ['IA', 'US'],
      ['NY', 'US'],
      [undefined, undefined],
      [undefined, undefined],
    ]);
  });

  it('leaves out what a row leaves empty: the start (and so the end), awareness, the count', () => {
    const result = parseFixture(
      waCsv(
        row({ DateStart: '', DateEnd: waDate('2021-01-05'), DateAware: '', WashingtoniansAffected: '' }),
        row({ Id: '2', DateStart: waDate('2021-01-01'), DateEnd: '' }),
        row({ Id: '3', DateSubmitted: '03/17/2021', DateAware: '2/4/2021' }),
      ),
    );
    expect(result.rejected).toEqual([]);
    const [noDates, startOnly, noTime] = result.incidents;
    expect(noDates).not.toHaveProperty('occurred');
    expect(noDates).not.toHaveProperty('discovered');
    expect(noDates).not.toHaveProperty('residentsAffected');
    expect(startOnly?.occurred).toEqual({ start: '2021-01-01' });
    expect([noTime?.discovered, noTime?.disclosed]).toEqual(['2021-02-04', '2021-03-17']);
  });

  it('keeps two notifications by one organisation in one year apart by their WA id', () => {
    const result = parseFixture(
      waCsv(
        row({ Name: 'Premera Blue Cross', Id: '14851', DateSubmitted: waDate('2023-02-01'), DateAware: '' }),
        row({ Name: 'Premera Blue Cross', Id: '15322', DateSubmitted: waDate('2023-07-10'), DateAware: '' }),
        row({ Name: 'Premera Blue Cross', Id: '', DateSubmitted: waDate('2023-07-10'), DateAware: '' }),
      ),
    );
    expect(result.incidents.map((incident) => incident.id)).toEqual([
      'wa-premera-blue-cross-2023-14851',
      'wa-premera-blue-cross-2023-15322',
      'wa-premera-blue-cross-2023-20230710',
    ]);
  });

  it('dates every record with the newest DateSubmitted in the list', () => {
    const result = parseFixture(
      waCsv(
        row({ Id: '1', DateSubmitted: waDate('2024-04-19'), DateAware: '' }),
        row({ Id: '2', DateSubmitted: waDate('2019-01-02'), DateAware: '' }),
      ),
    );
    expect(result.asOf).toBe('2024-04-19');
    expect(result.incidents.map((incident) => incident.updated)).toEqual(['2024-04-19', '2024-04-19']);
  });

  it('keeps one of two identical rows and counts the other as a duplicate', () => {
    const result = parseFixture(waCsv(row(), row(), row({ Id: '10001' })));
    expect(result).toMatchObject({ read: 3, duplicates: 1, rejected: [] });
    expect(result.incidents).toHaveLength(2);
  });

  it('rejects bad rows with their line and reason, naming the list’s columns, and keeps the rest', () => {
    const result = parseFixture(
      waCsv(
        row({ Id: '1' }),
        row({ Id: '2', DateSubmitted: '' }),
        row({ Id: '3', DateStart: '13/01/2022 12:00:00 AM' }),
        row({ Id: '4', DateStart: waDate('2023-10-18'), DateEnd: waDate('2022-06-02'), DateAware: '' }),
        row({ Id: '5', DateStart: waDate('2022-11-22'), DateAware: waDate('2022-11-18') }),
        row({ Id: '6', DateAware: waDate('2023-08-01') }),
        row({ Id: '7', WashingtoniansAffected: 'about 600' }),
        row({ Id: '8', DataBreachCause: 'Act of God' }),
        row({ Id: '9', CyberattackType: 'Cryptojacking' }),
        row({ Id: '10', Name: '  ' }),
        'too,few,cells',
        row({ Id: '12', DateSubmitted: waDate('2030-01-01') }),
      ),
      '2026-12-01',
    );
    expect(result.rejected).toEqual([
      { line: 3, reason: 'DateSubmitted is empty' },
      { line: 4, reason: 'DateStart "13/01/2022 12:00:00 AM" is not a MM/DD/YYYY date' },
      { line: 5, reason: 'DateEnd 2022-06-02 is before DateStart 2023-10-18' },
      { line: 6, reason: 'DateAware 2022-11-18 is before DateStart 2022-11-22' },
      { line: 7, reason: 'DateSubmitted 2023-07-10 is before DateAware 2023-08-01' },
      { line: 8, reason: 'WashingtoniansAffected "about 600" is not a whole number' },
      {
        line: 9,
        reason: expect.stringMatching(/^DataBreachCause "Act of God" is not one of "cyberattack", /),
      },
      { line: 10, reason: expect.stringMatching(/^CyberattackType "Cryptojacking" is not one of "ransomware", /) },
      { line: 11, reason: 'Name is empty' },
      { line: 12, reason: 'has 3 cells, expected 25 like the header' },
      { line: 13, reason: 'DateSubmitted 2030-01-01 is after today (2026-12-01); it is most likely mistyped' },
    ]);
    expect(result.incidents.map((incident) => incident.id)).toEqual(['wa-example-org-2023-1']);
    expect(result.read).toBe(12);
  });

  it('names every missing column in one error', () => {
    const text = 'Name,DateSubmitted,Year\nA,01/01/2020 12:00:00 AM,2020\n';
    let error: unknown;
    try {
      parseFixture(text);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DataFileError);
    const problems = (error as DataFileError).problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'wa.csv', record: 'line 1' });
    expect(problems[0]?.message).toMatch(
      /^missing columns: DateAware, DataBreachCause, DateStart, DateEnd, Id, CyberattackType, WashingtoniansAffected, IndustryType, BusinessType, EntityState \(/,
    );
  });

  it('reads the columns by name, in any order', () => {
    const columns = [...HEADER].reverse();
    const cells: WaRow = {
      Name: 'Reordered Inc',
      DateSubmitted: waDate('2022-05-05'),
      Id: '7',
      WashingtoniansAffected: '900',
    };
    const text = `${columns.join(',')}\n${columns.map((column) => csvCell(cells[column] ?? '')).join(',')}\n`;
    const result = parseFixture(text);
    expect(result.rejected).toEqual([]);
    expect(result.incidents[0]).toMatchObject({
      id: 'wa-reordered-inc-2022-7',
      residentsAffected: { state: 'WA', count: 900 },
      breachTypes: ['unknown'],
    });
  });

  it('reports an empty file as such', () => {
    expect(() => parseFixture('')).toThrow(/wa\.csv: is empty/);
  });
});

describe('the real WA AG list', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'breachbot-wa-'));
  });

  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  /** The list's own cells for a row, read independently of the importer. */
  function listRow(name: string): Record<string, string> {
    const rows = parse(readFileSync(WA_LIST), { columns: true, bom: true }) as Record<string, string>[];
    const found = rows.filter((candidate) => candidate.Name?.trim() === name);
    expect(found).toHaveLength(1);
    return found[0] as Record<string, string>;
  }

  it('imports every notification but the eight whose dates contradict each other', async () => {
    const report = await runImport({
      source: 'wa-ag',
      from: WA_LIST,
      dataDir,
      cwd: dataDir,
      now: new Date('2026-11-24T12:00:00Z'),
    });
    expect(report).toMatchObject({
      source: 'wa-ag',
      asOf: '2024-04-19',
      read: 1109,
      imported: 1101,
      added: 1101,
      revised: 0,
      unchanged: 0,
      stale: 0,
      duplicates: 0,
    });
    // The list's own mistakes: each row gives a start after the day the breach was noticed or ended.
    expect(report.rejected).toEqual([
      { line: 670, reason: 'DateAware 2021-11-18 is before DateStart 2021-11-22' },
      { line: 723, reason: 'DateAware 2021-10-20 is before DateStart 2021-11-01' },
      { line: 781, reason: 'DateAware 2022-07-29 is before DateStart 2022-09-06' },
      { line: 788, reason: 'DateAware 2022-01-06 is before DateStart 2022-10-14' },
      { line: 822, reason: 'DateAware 2022-08-08 is before DateStart 2022-08-22' },
      { line: 836, reason: 'DateAware 2022-12-18 is before DateStart 2023-01-04' },
      { line: 991, reason: 'DateAware 2022-06-02 is before DateStart 2023-05-18' },
      { line: 994, reason: 'DateEnd 2022-06-02 is before DateStart 2023-10-18' },
    ]);
    expect(report.read).toBe(report.imported + report.duplicates + report.rejected.length);
    expect(formatImportReport(report).split('\n')[1]).toBe(
      'read 1109 rows; imported 1101 (added 1101; merged with stored records 0: revised 0, unchanged 0, older than stored 0); 0 exact duplicate rows; 0 covered by curated cards; rejected 8',
    );

    const { value, problems } = await readImportedCollection(dataDir, 'wa-ag');
    expect(problems).toEqual([]);
    expect(value.incidents).toHaveLength(1101);
    expect(new Set(value.incidents.map((incident) => incident.id)).size).toBe(1101);
    expect(value.incidents.filter((incident) => incident.individualsAffected !== undefined)).toEqual([]);

    // What the list says of ARx Patient Solutions (line 907), and what the record makes of it.
    expect(listRow('ARx Patient Solutions')).toMatchObject({
      DateAware: '03/30/2022 12:00:00 AM',
      DateSubmitted: '07/10/2023 12:00:00 AM',
      DateStart: '03/23/2022 12:00:00 AM',
      DateEnd: '03/30/2022 12:00:00 AM',
      DataBreachCause: 'Unauthorized Access',
      WashingtoniansAffected: '517',
      EntityState: 'KS',
    });
    const arx = value.incidents.find((incident) => incident.organization === 'ARx Patient Solutions') as Incident;
    expect(arx).toMatchObject({
      id: 'wa-arx-patient-solutions-2023-15323',
      residentsAffected: { state: 'WA', count: 517 },
      disclosed: '2023-07-10',
      occurred: { start: '2022-03-23', end: '2022-03-30' },
      discovered: '2022-03-30',
      breachTypes: ['unauthorized-access'],
      sector: 'Health care',
      state: 'KS',
      origin: 'wa-ag',
      updated: '2024-04-19',
    });

    // Premera filed twice in 2023 (and once in 2022); each filing is its own record.
    const premera = value.incidents.filter((incident) => incident.organization === 'Premera Blue Cross');
    expect(premera.map((incident) => incident.id).sort()).toEqual([
      'wa-premera-blue-cross-2022-13591',
      'wa-premera-blue-cross-2023-14851',
      'wa-premera-blue-cross-2023-15322',
    ]);
  });
});
