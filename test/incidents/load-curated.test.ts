import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/dataset/load-dataset.js';
import { loadCuratedIncidents } from '../../src/incidents/load-curated.js';
import { formatProblem } from '../../src/incidents/problems.js';
import { REPO_DATA_DIR } from '../support/paths.js';
import { FIRST_CARDS, shippedDataCopy } from '../support/repo-dataset.js';

let dataDir: string;
beforeEach(async () => {
  dataDir = await shippedDataCopy();
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const card = (fields: string) => `id: broken-card
organization: Broken Clinic
breachTypes: [hacking]
summary: A card with a problem.
lessons: [Report it.]
sources: [{ title: Somewhere, url: 'https://example.org/notice' }]
origin: curated
updated: 2026-11-24
${fields}`;

describe('the shipped data', () => {
  it('validates with no problems', async () => {
    const { problems, dataset } = await loadDataset(REPO_DATA_DIR);
    expect(problems.map(formatProblem)).toEqual([]);
    expect(dataset?.incidents.length).toBeGreaterThanOrEqual(2);
  });

  it('has ARx Patient Solutions with the facts the product was first asked about', async () => {
    const { value } = await loadCuratedIncidents(REPO_DATA_DIR);
    const arx = value.find((incident) => incident.id === 'arx-patient-solutions-2022');
    expect(arx).toMatchObject({
      organization: 'ARx Patient Solutions',
      state: 'KS',
      entityType: 'healthcare-provider',
      individualsAffected: 41166,
      disclosed: '2023-06-30',
      locations: ['email'],
    });
    expect(arx?.occurred?.start.startsWith('2022-03')).toBe(true);
    expect(arx?.dataTypes).toEqual(
      expect.arrayContaining(['name', 'child-data', 'prescription', 'health-insurance', 'ssn']),
    );
    expect(arx?.breachTypes).toContain('hacking');
    expect(arx?.summary).toContain('526');
    expect(arx?.offered.join(' ')).toMatch(/one year of free credit monitoring/i);
  });

  it('has HealthEC with the facts the product was first asked about', async () => {
    const { value } = await loadCuratedIncidents(REPO_DATA_DIR);
    const healthec = value.find((incident) => incident.id === 'healthec-2023');
    expect(healthec).toMatchObject({
      organization: 'HealthEC LLC',
      state: 'NJ',
      entityType: 'business-associate',
      individualsAffected: 4786241,
      occurred: { start: '2023-07-14', end: '2023-07-23' },
      disclosed: '2023-12-21',
      breachTypes: ['hacking'],
    });
    expect(healthec?.dataTypes).toEqual(
      expect.arrayContaining([
        'medical-record-number',
        'diagnosis',
        'prescription',
        'health-insurance',
        'billing-claims',
        'name',
        'address',
        'date-of-birth',
        'ssn',
        'taxpayer-id',
      ]),
    );
    const timeline = healthec?.timeline.map((entry) => `${entry.date} ${entry.event}`).join('\n');
    expect(timeline).toContain('2023-10-24');
    expect(timeline).toContain('112,005');
    expect(timeline).toContain('2024-01-03');
    expect(timeline).toContain('4,656,293');
    expect(healthec?.summary).toContain('17 partner');
  });
});

describe('loadCuratedIncidents', () => {
  it('reports each problem with file, record and field, and still loads the other cards', async () => {
    const file = path.join(dataDir, 'incidents', 'broken-card.yaml');
    await writeFile(file, card('disclosed: 2023-02-30\nstate: XX').replace(/^sources:.*$/m, 'sources: []'));
    const { value, problems } = await loadCuratedIncidents(dataDir);
    const ids = value.map((incident) => incident.id);
    expect(ids).toEqual(expect.arrayContaining([...FIRST_CARDS]));
    expect(ids).not.toContain('broken-card');
    const lines = problems.map(formatProblem);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/broken-card\.yaml: broken-card: disclosed: is not a real calendar date$/),
        expect.stringMatching(/broken-card\.yaml: broken-card: state: /),
        expect.stringMatching(/broken-card\.yaml: broken-card: sources: a curated card needs at least one source URL$/),
      ]),
    );
  });

  it('rejects unknown fields, bad YAML, a duplicate id and an id that does not match the file name', async () => {
    await writeFile(path.join(dataDir, 'incidents', 'broken-card.yaml'), card('colour: red'));
    await writeFile(path.join(dataDir, 'incidents', 'bad-yaml.yaml'), 'id: [unclosed');
    await writeFile(
      path.join(dataDir, 'incidents', 'other-name.yaml'),
      card('').replace('broken-card', 'healthec-2023'),
    );
    const lines = (await loadCuratedIncidents(dataDir)).problems.map(formatProblem);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/broken-card\.yaml: broken-card: Unrecognized key: "colour"/),
        expect.stringMatching(/bad-yaml\.yaml: is not valid YAML/),
        expect.stringMatching(/other-name\.yaml: healthec-2023: id: does not match the file name/),
      ]),
    );
  });

  it('treats a missing incidents folder as no cards', async () => {
    expect(await loadCuratedIncidents(path.join(dataDir, 'nowhere'))).toEqual({ value: [], problems: [] });
  });
});

describe('loadDataset', () => {
  it('reports a missing or invalid guidance file', async () => {
    await writeFile(
      path.join(dataDir, 'guidance.yaml'),
      'notice: x\nchecklists: [{ id: ssn, title: SSN, dataTypes: [shoes], steps: [] }]',
    );
    const { problems, dataset } = await loadDataset(dataDir);
    expect(dataset).toBeUndefined();
    expect(problems.map(formatProblem)).toEqual(
      expect.arrayContaining([expect.stringMatching(/guidance\.yaml: checklists\.0\.dataTypes\.0: /)]),
    );
    await rm(path.join(dataDir, 'guidance.yaml'));
    expect((await loadDataset(dataDir)).problems.map(formatProblem)).toEqual([
      expect.stringMatching(/guidance\.yaml: is missing/),
    ]);
  });
});
