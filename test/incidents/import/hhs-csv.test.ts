import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { parseHhsCsv } from '../../../src/incidents/import/hhs-csv.js';
import { DataFileError } from '../../../src/incidents/problems.js';
import { HHS_HEADER, hhsCsv } from '../../support/hhs-export.js';
import { SHARED_DATA_DIR } from '../../support/paths.js';

function parseFixture(text: string) {
  return parseHhsCsv(text, { from: 'fixture.csv' });
}

describe('parseHhsCsv', () => {
  it('maps a row onto the incident model', () => {
    const result = parseFixture(
      hhsCsv(
        '"HealthEC LLC ","NJ","Business Associate","4656293","12/21/2023","Hacking/IT Incident","Network Server","Yes",""',
      ),
    );
    expect(result.rejected).toEqual([]);
    expect(result.asOf).toBe('2023-12-21');
    expect(result.incidents).toEqual([
      {
        id: 'hhs-healthec-llc-nj-20231221',
        organization: 'HealthEC LLC',
        aliases: [],
        relatedOrganizations: [],
        entityType: 'business-associate',
        state: 'NJ',
        country: 'US',
        individualsAffected: 4656293,
        disclosed: '2023-12-21',
        breachTypes: ['hacking'],
        locations: ['network-server'],
        dataTypes: [],
        timeline: [],
        offered: [],
        lessons: [],
        sources: [{ title: 'HHS OCR breach portal', url: 'https://ocrportal.hhs.gov/ocr/breach/breach_report.jsf' }],
        origin: 'hhs-ocr',
        updated: '2023-12-21',
      },
    ]);
  });

  it('reads a quoted description that spans lines and holds commas and quotes', () => {
    const result = parseFixture(
      hhsCsv(
        '"Clinic A","KS","Healthcare Provider","12","03/01/2020","Theft","Laptop","No","The CE reported that a laptop, containing',
        'names, dates of birth and ""Social Security numbers"", was stolen.',
        '',
        'OCR provided technical assistance."',
        '"Clinic B","KS","Healthcare Provider","13","03/02/2020","Loss","Paper/Films","No",""',
      ),
    );
    expect(result.rejected).toEqual([]);
    const [first, second] = result.incidents;
    expect(first?.summary).toBe(
      'The CE reported that a laptop, containing\nnames, dates of birth and "Social Security numbers", was stolen.\n\nOCR provided technical assistance.',
    );
    expect(first?.dataTypes).toEqual(['name', 'date-of-birth', 'ssn']);
    expect(second?.organization).toBe('Clinic B');
    expect(second?.summary).toBeUndefined();
  });

  it('accepts the JSF component names that the 2026 export puts in header cells 0 and 7', () => {
    const header = HHS_HEADER.replace('"Name of Covered Entity"', '"javax.faces.component.UIPanel@165a5fe0"').replace(
      '"Business Associate Present"',
      '"javax.faces.component.UIPanel@7b1f7a23"',
    );
    const text = `${header}\n"Erlanger Health","TN","Healthcare Provider","4237","07/01/2026","Unauthorized Access/Disclosure","Electronic Medical Record","No",""\n`;
    const result = parseFixture(text);
    expect(result.incidents.map((incident) => [incident.organization, incident.locations])).toEqual([
      ['Erlanger Health', ['ehr']],
    ]);
  });

  it('does not accept a JSF component name in place of any other column', () => {
    const header = HHS_HEADER.replace('"State"', '"javax.faces.component.UIPanel@1"');
    expect(() => parseFixture(`${header}\n`)).toThrow(/missing columns: State \(/);
  });

  it('names every missing column in one error', () => {
    const text =
      '"Name of Covered Entity","Covered Entity Type","Breach Submission Date"\n"A","Health Plan","01/01/2020"\n';
    let error: unknown;
    try {
      parseFixture(text);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DataFileError);
    const problems = (error as DataFileError).problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]?.file).toBe('fixture.csv');
    expect(problems[0]?.message).toMatch(
      /^missing columns: State, Covered Entity Type, Individuals Affected, Breach Submission Date, Type of Breach, Location of Breached Information, Business Associate Present, Web Description /,
    );
  });

  it('reports an empty file as such', () => {
    expect(() => parseFixture('')).toThrow(/fixture\.csv: is empty/);
  });

  it('maps several comma-separated breach types and locations, and an empty type to unknown', () => {
    const result = parseFixture(
      hhsCsv(
        '"A","CA","Health Plan","10","01/02/2021","Hacking/IT Incident, Unauthorized Access/Disclosure","Email, Network Server, Other Portable Electronic Device","No",""',
        '"B","CA","Healthcare Clearing House","11","01/03/2021","","Desktop Computer","No",""',
      ),
    );
    expect(
      result.incidents.map(({ breachTypes, locations, entityType }) => ({ breachTypes, locations, entityType })),
    ).toEqual([
      {
        breachTypes: ['hacking', 'unauthorized-access'],
        locations: ['email', 'network-server', 'portable-device'],
        entityType: 'health-plan',
      },
      { breachTypes: ['unknown'], locations: ['desktop'], entityType: 'clearinghouse' },
    ]);
  });

  it("omits an empty state, entity type, count and the archive's \\N description", () => {
    const result = parseFixture(hhsCsv('"Nowhere Clinic","","","","09/03/2013","Theft","Desktop Computer","No","\\N"'));
    const [incident] = result.incidents;
    expect(incident?.id).toBe('hhs-nowhere-clinic-xx-20130903');
    expect(incident).not.toHaveProperty('state');
    expect(incident).not.toHaveProperty('entityType');
    expect(incident).not.toHaveProperty('individualsAffected');
    expect(incident).not.toHaveProperty('summary');
  });

  it('keeps one of two identical rows and counts the other as a duplicate', () => {
    const row = '"A","TX","Healthcare Provider","500","05/05/2022","Loss","Laptop","No","Lost."';
    const result = parseFixture(hhsCsv(row, row));
    expect(result.read).toBe(2);
    expect(result.incidents).toHaveLength(1);
    expect(result.duplicates).toBe(1);
  });

  it('keeps two different rows with the same name, state and date as two incidents', () => {
    const result = parseFixture(
      hhsCsv(
        '"Alvaria, Inc.","MA","Business Associate","500","05/26/2023","Hacking/IT Incident","Network Server","No",""',
        '"Alvaria, Inc.","MA","Business Associate","700","05/26/2023","Hacking/IT Incident","Network Server","No",""',
        '"Alvaria, Inc.","MA","Business Associate","500","05/26/2023","Hacking/IT Incident","Network Server","No",""',
        '"Alvaria, Inc.","MA","Business Associate","900","05/26/2023","Hacking/IT Incident","Network Server","No",""',
      ),
    );
    expect(result.duplicates).toBe(1);
    expect(result.incidents.map((incident) => [incident.id, incident.individualsAffected])).toEqual([
      ['hhs-alvaria-inc-ma-20230526', 500],
      ['hhs-alvaria-inc-ma-20230526-2', 700],
      ['hhs-alvaria-inc-ma-20230526-3', 900],
    ]);
  });

  it('rejects bad rows with the line they start on and keeps the rest', () => {
    const result = parseFixture(
      hhsCsv(
        '"Good One","KS","Healthcare Provider","1","01/01/2020","Theft","Laptop","No","two',
        'lines"',
        '"Bad State","XX","Healthcare Provider","1","01/01/2020","Theft","Laptop","No",""',
        '"Bad Date","KS","Healthcare Provider","1","2020-01-01","Theft","Laptop","No",""',
        '',
        '"Bad Count","KS","Healthcare Provider","many","01/01/2020","Theft","Laptop","No",""',
        '"Bad Type","KS","Healthcare Provider","1","01/01/2020","Hacking, Meteor","Laptop","No",""',
        '"Short","KS"',
        '"Good Two","KS","Healthcare Provider","2","02/30/2020","Theft","Laptop","No",""',
        '"Good Three","KS","Healthcare Provider","3","02/29/2020","Theft","Laptop","No",""',
      ),
    );
    expect(result.read).toBe(8);
    expect(result.incidents.map((incident) => incident.organization)).toEqual(['Good One', 'Good Three']);
    expect(result.rejected).toEqual([
      { line: 4, reason: 'State "XX" is not a US state code' },
      { line: 5, reason: 'Breach Submission Date "2020-01-01" is not a MM/DD/YYYY date' },
      { line: 7, reason: 'Individuals Affected "many" is not a whole number' },
      { line: 8, reason: expect.stringMatching(/^Type of Breach "Hacking" is not one of "Hacking\/IT Incident", /) },
      { line: 9, reason: 'has 2 cells, expected 9 like the header' },
      { line: 10, reason: 'Breach Submission Date "02/30/2020" is not a MM/DD/YYYY date' },
    ]);
  });

  it('counts lines the same way in a file with CRLF line ends', () => {
    const text = hhsCsv(
      '"A","KS","Healthcare Provider","1","01/01/2020","Theft","Laptop","No","x\r\ny"',
      '"B","ZZ","Healthcare Provider","1","01/01/2020","Theft","Laptop","No",""',
    ).replace(/"\n/g, '"\r\n');
    const result = parseFixture(text);
    expect(result.rejected).toEqual([{ line: 4, reason: 'State "ZZ" is not a US state code' }]);
    expect(result.incidents[0]?.summary).toBe('x\ny');
  });

  it('reads the Status column of the merged file', () => {
    const text = `${HHS_HEADER},"Status"\n"A","KS","Healthcare Provider","1","01/01/2020","Theft","Laptop","No","","Archived"\n"B","KS","Healthcare Provider","1","01/02/2020","Theft","Laptop","No","","Under Investigation"\n"C","KS","Healthcare Provider","1","01/03/2020","Theft","Laptop","No","","Closed"\n`;
    const result = parseFixture(text);
    expect(result.incidents.map((incident) => incident.status)).toEqual(['archived', 'under-investigation']);
    expect(result.rejected).toEqual([
      { line: 4, reason: 'Status "Closed" is not one of "Archived", "Under Investigation"' },
    ]);
  });

  it('dates every record with the newest submission date in the export', () => {
    const result = parseFixture(
      hhsCsv(
        '"A","KS","Healthcare Provider","1","01/01/2020","Theft","Laptop","No",""',
        '"B","KS","Healthcare Provider","1","11/30/2021","Theft","Laptop","No",""',
      ),
    );
    expect(result.asOf).toBe('2021-11-30');
    expect(result.incidents.map((incident) => incident.updated)).toEqual(['2021-11-30', '2021-11-30']);
  });

  it('rejects a submission date after today, so one typo cannot make the export look newer than all later ones', () => {
    const result = parseHhsCsv(
      hhsCsv(
        '"A","KS","Healthcare Provider","1","01/01/2020","Theft","Laptop","No",""',
        '"B","KS","Healthcare Provider","1","11/30/2062","Theft","Laptop","No",""',
      ),
      { from: 'fixture.csv', today: '2026-11-24' },
    );
    expect(result.asOf).toBe('2020-01-01');
    expect(result.incidents.map((incident) => incident.organization)).toEqual(['A']);
    expect(result.rejected).toEqual([
      { line: 3, reason: 'Breach Submission Date 2062-11-30 is after today (2026-11-24); it is most likely mistyped' },
    ]);
  });
});

describe('parseHhsCsv on the real HHS OCR exports', () => {
  const files = readdirSync(SHARED_DATA_DIR).filter((name) => /^hhs_.*\.csv$/.test(name));

  it('finds the shared exports', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
  });

  it.each(files)('imports %s with no row lost except exact duplicates', (name) => {
    const text = readFileSync(path.join(SHARED_DATA_DIR, name), 'utf8');
    const started = performance.now();
    const result = parseHhsCsv(text, { from: name });
    const elapsed = performance.now() - started;

    const independent: string[][] = parse(text, { bom: true, relax_column_count: true });
    const rows = independent.slice(1);
    const distinct = new Set(rows.map((row) => JSON.stringify(row)));

    expect(result.rejected).toEqual([]);
    expect(result.read).toBe(rows.length);
    expect(result.incidents.length + result.duplicates).toBe(result.read);
    expect(result.incidents).toHaveLength(distinct.size);
    expect(new Set(result.incidents.map((incident) => incident.id)).size).toBe(result.incidents.length);
    expect(elapsed).toBeLessThan(5_000);
  });

  it('reads HealthEC and ARx from the mid-2024 list', () => {
    const name = 'hhs_ocr_under_investigation_2024-06-28.csv';
    const result = parseHhsCsv(readFileSync(path.join(SHARED_DATA_DIR, name), 'utf8'), { from: name });
    const healthec = result.incidents.find((incident) => incident.id === 'hhs-healthec-llc-nj-20231221');
    const arx = result.incidents.find((incident) => incident.id === 'hhs-arx-patient-solutions-ks-20230630');
    expect(healthec).toMatchObject({ individualsAffected: 4656293, entityType: 'business-associate' });
    expect(arx).toMatchObject({
      individualsAffected: 41166,
      breachTypes: ['unauthorized-access'],
      locations: ['email'],
    });
    expect(result.asOf).toBe('2024-06-28');
  });

  it.each([
    ['hhs_ocr_merged_2009-10-21_to_2026-07-01_DERIVED.csv', '"HealthEC LLC","NJ"'],
    ['hhs_ocr_archive_thru_2024-04-26.csv', '"Health Texas Provider Network","TX"'],
  ])('reports the physical start line of a bad row in %s, after multi-line descriptions', (name, rowStart) => {
    const text = readFileSync(path.join(SHARED_DATA_DIR, name), 'utf8');
    const expectedLine = text.split('\n').findIndex((line) => line.startsWith(rowStart)) + 1;
    expect(expectedLine).toBeGreaterThan(100);
    const broken = text.replace(rowStart, rowStart.replace(/"[A-Z]{2}"$/, '"XX"'));
    const result = parseHhsCsv(broken, { from: name });
    expect(result.rejected).toEqual([{ line: expectedLine, reason: 'State "XX" is not a US state code' }]);
  });

  it('reads the 2026 list whose header names two cells after a JSF component', () => {
    const name = 'hhs_ocr_under_investigation_2026-07-01.csv';
    const text = readFileSync(path.join(SHARED_DATA_DIR, name), 'utf8');
    expect(text.split('\n', 1)[0]).toMatch(/^"javax\.faces\.component\.UIPanel@/);
    const result = parseHhsCsv(text, { from: name });
    expect(result.incidents[0]?.organization).toBe('Erlanger Health');
  });
});
