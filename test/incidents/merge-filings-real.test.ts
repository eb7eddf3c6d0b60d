import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseHhsCsv } from '../../src/incidents/import/hhs-csv.js';
import { parseWaAgCsv } from '../../src/incidents/import/wa-ag-csv.js';
import { mergeFilings } from '../../src/incidents/merge-filings.js';
import type { Incident } from '../../src/incidents/model.js';
import { HHS_MERGED_CSV, SHARED_DATA_DIR } from '../support/paths.js';

const WA_CSV = path.join(SHARED_DATA_DIR, 'wa_ag_breach_notifications_2024-05-23.csv');
let incidents: Incident[];

beforeAll(async () => {
  const options = { from: 'test', today: '2026-12-06' };
  const hhs = parseHhsCsv(await readFile(HHS_MERGED_CSV, 'utf8'), options).incidents;
  const wa = parseWaAgCsv(await readFile(WA_CSV, 'utf8'), options).incidents;
  incidents = mergeFilings([], [...hhs, ...wa]).incidents;
});

/** The incidents of one organisation, as [filed, HHS total, WA residents] per filing of each. */
function filingsOf(name: RegExp) {
  return incidents
    .filter((incident) => name.test(incident.organization))
    .map((incident) =>
      (
        incident.filings ?? [
          {
            origin: incident.origin,
            filed: incident.disclosed,
            individualsAffected: incident.individualsAffected,
            residentsAffected: incident.residentsAffected,
          },
        ]
      ).map((filing) => [filing.origin, filing.filed, filing.individualsAffected ?? filing.residentsAffected?.count]),
    )
    .sort((a, b) => String(a[0]?.[1]).localeCompare(String(b[0]?.[1])));
}

describe('one breach, one incident, across the HHS OCR and Washington AG lists as published', () => {
  it('joins the filings of one breach: ARx, Premera 2023, Humana 2021, HCA 2023', () => {
    expect(filingsOf(/^ARx Patient Solutions/)).toContainEqual([
      ['hhs-ocr', '2023-06-30', 41_166],
      ['wa-ag', '2023-07-10', 517],
    ]);
    expect(filingsOf(/^Premera Blue Cross/)).toContainEqual([
      ['hhs-ocr', '2023-08-08', 33_212],
      ['wa-ag', '2023-07-10', 33_237],
    ]);
    expect(filingsOf(/^Humana/)).toContainEqual([
      ['hhs-ocr', '2021-02-22', 64_654],
      ['wa-ag', '2021-02-23', 675],
    ]);
    expect(filingsOf(/^HCA Healthcare/)).toContainEqual([
      ['hhs-ocr', '2023-07-31', 11_270_000],
      ['wa-ag', '2023-08-01', 7_500],
    ]);
  });

  it("keeps an organisation's separate breaches apart: Premera 2015 and 2022, Fred Hutchinson 2022 and 2023", () => {
    const premera = filingsOf(/^Premera Blue Cross/);
    expect(premera).toContainEqual([['hhs-ocr', '2015-03-17', 11_000_000]]);
    expect(premera).toContainEqual([['wa-ag', '2022-07-18', 1_303]]);
    const hutch = filingsOf(/^Fred Hutchinson Cancer Center/);
    expect(hutch).toContainEqual([
      ['hhs-ocr', '2022-05-25', 89_111],
      ['wa-ag', '2022-05-25', 78_834],
    ]);
    expect(hutch).toContainEqual([
      ['hhs-ocr', '2023-12-22', 1_840_927],
      ['wa-ag', '2023-12-22', 270_597],
    ]);
    // 65 days apart: perhaps one breach, perhaps not, so two cards rather than a guess.
    expect(hutch).toContainEqual([['hhs-ocr', '2023-12-26', 20_192]]);
    expect(hutch).toContainEqual([['wa-ag', '2024-02-29', 14_898]]);
  });

  it('never puts two filings of the same list in one incident', () => {
    for (const incident of incidents) {
      const origins = (incident.filings ?? []).map((filing) => filing.origin);
      expect(new Set(origins).size, incident.organization).toBe(origins.length);
    }
  });
});
