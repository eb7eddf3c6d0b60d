/**
 * The Washington State Attorney General's data breach notifications (its CSV export), onto the
 * incident model. Columns are read by name; the others (the ranges, the Days… columns, Year) are
 * derived from these and not read. `Year` is no calendar year: in the list, notices submitted from
 * about 24 July on count for the next one, the period of the Attorney General's yearly report.
 *
 * | WA column                        | incident field                                                    |
 * |----------------------------------|-------------------------------------------------------------------|
 * | Name                             | organization, trimmed (runs of spaces inside become one)          |
 * | DateStart, DateEnd               | occurred.start, occurred.end; without DateStart, no occurred      |
 * | DateAware                        | discovered                                                        |
 * | DateSubmitted                    | disclosed; the newest is the export's asOf and every `updated`    |
 * | WashingtoniansAffected           | residentsAffected {state: 'WA', count}, never individualsAffected |
 * | DataBreachCause, CyberattackType | breachTypes (CAUSE_MAP, ATTACK_MAP)                               |
 * | IndustryType, BusinessType       | sector in plain words (sectorOf)                                  |
 * | EntityState                      | state, and country US, when a US state code or name; else neither |
 * | Id                               | the id's last part: wa-<name>-<year of DateSubmitted>-<Id>        |
 * | (none)                           | dataTypes stay empty: the list says nothing of the data exposed   |
 *
 * WashingtoniansAffected counts the people in Washington only: a national breach filed with 517
 * Washingtonians may have reached 40,000 people, so the figure must not read as the breach's size.
 */
import type { BreachType } from '../model.js';
import { isoDate } from '../model.js';
import { slugify } from '../organization-name.js';
import { DataFileError } from '../problems.js';
import { isUsStateCode, US_STATES, type UsStateCode } from '../us-states.js';
import { type CsvRecord, csvIncidents, readCsv } from './csv-export.js';
import { type ParsedExport, type ParseOptions, withoutUndefined } from './parsed-export.js';

const COLUMNS = [
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
  'EntityState',
] as const;
type Column = (typeof COLUMNS)[number];

export const WA_AG_SOURCE = {
  title: 'Washington State Attorney General: data breach notifications',
  url: 'https://www.atg.wa.gov/data-breach-notifications',
};

/**
 * "Theft or Mistake" is one category in the list: a stolen laptop and a letter sent to the wrong
 * address alike. No single type is true of both, and `theft` would file every mistake under
 * `type:theft`, so it is `other`.
 */
const CAUSE_MAP: ReadonlyMap<string, BreachType> = new Map([
  ['cyberattack', 'hacking'],
  ['unauthorized access', 'unauthorized-access'],
  ['theft or mistake', 'other'],
]);

/**
 * Phishing names how attackers got in, not that a mailbox was what they reached, so it is hacking
 * rather than email-compromise. "Other" and "Unclear/unknown" add nothing to the cause: on a
 * Cyberattack row that is already hacking, and on the few Unauthorized Access rows that carry one
 * they do not make it an attack.
 */
const ATTACK_MAP: ReadonlyMap<string, readonly BreachType[]> = new Map<string, readonly BreachType[]>([
  ['ransomware', ['ransomware', 'hacking']],
  ['malware', ['hacking']],
  ['phishing', ['hacking']],
  ['skimmers', ['hacking']],
  ['other', []],
  ['unclear/unknown', []],
]);

const INDUSTRY_LABELS: ReadonlyMap<string, string> = new Map([
  ['health', 'Health care'],
  ['finance', 'Finance'],
  ['education', 'Education'],
  ['government', 'Government'],
  ['non-profit/charity', 'Non-profit or charity'],
  ['business', 'Business'],
]);

/** The business types that read badly as they are; the rest only lose their capitals. */
const BUSINESS_LABELS: ReadonlyMap<string, string> = new Map([
  ['home', 'home goods'],
  ['consumable', 'consumer goods'],
  ['cosmetic', 'cosmetics'],
  ['biotech', 'biotechnology'],
  ['cleaning', 'cleaning services'],
  ['legal', 'legal services'],
]);

const STATES_BY_NAME: ReadonlyMap<string, UsStateCode> = new Map(
  Object.entries(US_STATES).map(([code, name]) => [name.toLowerCase(), code as UsStateCode]),
);

/** A row's cells, checked and mapped onto the model's vocabulary; the id and `updated` come later. */
interface WaRow {
  line: number;
  organization: string;
  waId: string;
  disclosed: string;
  occurred?: { start: string; end?: string };
  discovered?: string;
  residents?: number;
  breachTypes: BreachType[];
  sector?: string;
  state?: UsStateCode;
}

type RowResult = { ok: true; row: WaRow } | { ok: false; reason: string };

/**
 * Parses the WA AG notifications CSV. Throws DataFileError only when the file as a whole is
 * unusable; a bad row is rejected with its line number and the rest still import.
 */
export function parseWaAgCsv(text: string, options: ParseOptions): ParsedExport {
  const { from, today } = options;
  const [header, ...body] = readCsv(text, from);
  if (!header) {
    throw new DataFileError([
      { file: from, message: 'is empty; expected the WA AG data breach notifications CSV with a header row' },
    ]);
  }
  const positions = checkHeader(header, from);

  const parsed = csvIncidents(header, body, {
    today,
    submittedColumn: 'DateSubmitted',
    readRow: (cells, line) => readRow((column) => cells[positions[column]]?.trim() ?? '', line),
    toIncident,
  });
  return { source: 'wa-ag', from, read: body.length, ...parsed };
}

/** Each column's position; throws naming every column the header lacks. */
function checkHeader({ cells, line }: CsvRecord, from: string): Record<Column, number> {
  const names = cells.map((cell) => cell.trim().toLowerCase());
  const missing = COLUMNS.filter((column) => !names.includes(column.toLowerCase()));
  if (missing.length > 0) {
    const found = cells.map((cell) => `"${cell.trim()}"`).join(', ');
    throw new DataFileError([
      {
        file: from,
        record: `line ${line}`,
        message: `missing columns: ${missing.join(', ')} (expected the WA AG data breach notifications CSV; the header has ${found})`,
      },
    ]);
  }
  return Object.fromEntries(COLUMNS.map((column) => [column, names.indexOf(column.toLowerCase())])) as Record<
    Column,
    number
  >;
}

function readRow(cell: (column: Column) => string, line: number): RowResult {
  const organization = cell('Name').replace(/\s+/g, ' ');
  if (!organization) return { ok: false, reason: 'Name is empty' };

  const dates: Partial<Record<Column, string>> = {};
  for (const column of ['DateSubmitted', 'DateAware', 'DateStart', 'DateEnd'] as const) {
    const text = cell(column);
    if (!text) {
      if (column === 'DateSubmitted') return { ok: false, reason: 'DateSubmitted is empty' };
      continue;
    }
    const date = readWaDate(text);
    if (!date) return { ok: false, reason: `${column} "${text}" is not a MM/DD/YYYY date` };
    dates[column] = date;
  }
  const { DateSubmitted: disclosed = '', DateAware: discovered, DateStart: start, DateEnd: end } = dates;
  // The model refuses these too; checked here so the reason names the list's own columns.
  const order: [Column, string | undefined, Column, string | undefined][] = [
    ['DateEnd', end, 'DateStart', start],
    ['DateAware', discovered, 'DateStart', start],
    ['DateSubmitted', disclosed, 'DateAware', discovered],
  ];
  for (const [later, laterDate, earlier, earlierDate] of order) {
    if (laterDate && earlierDate && laterDate < earlierDate) {
      return { ok: false, reason: `${later} ${laterDate} is before ${earlier} ${earlierDate}` };
    }
  }

  const residentsText = cell('WashingtoniansAffected');
  const residents = readCount(residentsText);
  if (residentsText && residents === undefined) {
    return { ok: false, reason: `WashingtoniansAffected "${residentsText}" is not a whole number` };
  }

  const breachTypes = readBreachTypes(cell('DataBreachCause'), cell('CyberattackType'));
  if (typeof breachTypes === 'string') return { ok: false, reason: breachTypes };

  const state = readState(cell('EntityState'));
  const sector = sectorOf(cell('IndustryType'), cell('BusinessType'));
  return {
    ok: true,
    row: {
      line,
      organization,
      waId: cell('Id') && slugify(cell('Id')),
      disclosed,
      ...(start && { occurred: { start, ...(end && { end }) } }),
      ...(discovered && { discovered }),
      ...(residents !== undefined && { residents }),
      breachTypes,
      ...(sector && { sector }),
      ...(state && { state }),
    },
  };
}

function toIncident(row: WaRow, asOf: string): unknown {
  // The WA Id keeps two notifications by one organisation in one year apart (the list has ten such pairs).
  const baseId = `wa-${slugify(row.organization)}-${row.disclosed.slice(0, 4)}-${row.waId || row.disclosed.replace(/-/g, '')}`;
  return withoutUndefined({
    id: baseId,
    organization: row.organization,
    aliases: [],
    relatedOrganizations: [],
    sector: row.sector,
    state: row.state,
    country: row.state ? 'US' : undefined,
    residentsAffected: row.residents === undefined ? undefined : { state: 'WA', count: row.residents },
    occurred: row.occurred,
    discovered: row.discovered,
    disclosed: row.disclosed,
    breachTypes: row.breachTypes,
    locations: [],
    dataTypes: [],
    sources: [WA_AG_SOURCE],
    origin: 'wa-ag',
    updated: asOf,
  });
}

/** The cause's type, then the attack's; ransomware first, the most telling (as the curated cards list it). */
function readBreachTypes(causeText: string, attackText: string): BreachType[] | string {
  const cause = CAUSE_MAP.get(causeText.toLowerCase());
  if (causeText && !cause) return `DataBreachCause "${causeText}" is not one of ${known(CAUSE_MAP)}`;
  const attack = ATTACK_MAP.get(attackText.toLowerCase());
  if (attackText && !attack) return `CyberattackType "${attackText}" is not one of ${known(ATTACK_MAP)}`;
  const types = [...new Set([...(cause ? [cause] : []), ...(attack ?? [])])];
  types.sort((a, b) => Number(b === 'ransomware') - Number(a === 'ransomware'));
  return types.length > 0 ? types : ['unknown'];
}

function known(map: ReadonlyMap<string, unknown>): string {
  return [...map.keys()].map((value) => `"${value}"`).join(', ');
}

/** Where the organisation is; anything but a US state (a foreign country, a typo) leaves it unsaid. */
function readState(text: string): UsStateCode | undefined {
  const code = text.toUpperCase();
  if (isUsStateCode(code)) return code;
  return STATES_BY_NAME.get(text.toLowerCase());
}

/** "Health care", "Retail", "Government (professional services)"; a new value reads as it is. */
function sectorOf(industryText: string, businessText: string): string | undefined {
  const industry = INDUSTRY_LABELS.get(industryText.toLowerCase()) ?? (industryText || undefined);
  const business =
    businessText && businessText.toLowerCase() !== 'other'
      ? (BUSINESS_LABELS.get(businessText.toLowerCase()) ?? businessText.toLowerCase())
      : undefined;
  if (!business) return industry;
  if (!industry || industry === 'Business') return business.charAt(0).toUpperCase() + business.slice(1);
  return `${industry} (${business})`;
}

/** Plain integers; thousands separators are tolerated in case a later export adds them. */
function readCount(text: string): number | undefined {
  if (!/^\d{1,3}(,\d{3})+$|^\d+$/.test(text)) return undefined;
  const value = Number(text.replace(/,/g, ''));
  return Number.isSafeInteger(value) ? value : undefined;
}

/** `02/04/2021 12:00:00 AM` (or without the time, always midnight) -> `2021-02-04`. */
function readWaDate(text: string): string | undefined {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: \d{1,2}:\d{2}(?::\d{2})? ?[AP]M)?$/i.exec(text);
  if (!match) return undefined;
  const [, month = '', day = '', year = ''] = match;
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return isoDate.safeParse(iso).success ? iso : undefined;
}
