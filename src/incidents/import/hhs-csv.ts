import { detectDataTypes } from '../data-types.js';
import { type BreachType, type EntityType, type Incident, isoDate, type Location } from '../model.js';
import { slugify } from '../organization-name.js';
import { DataFileError } from '../problems.js';
import { isUsStateCode, type UsStateCode } from '../us-states.js';
import { type CsvRecord, type CsvRowResult, csvIncidents, readCsv } from './csv-export.js';
import { type ParsedExport, type ParseOptions, withoutUndefined } from './parsed-export.js';

/** The portal's columns, read by position because some exports garble two header cells. */
const COLUMNS = [
  'Name of Covered Entity',
  'State',
  'Covered Entity Type',
  'Individuals Affected',
  'Breach Submission Date',
  'Type of Breach',
  'Location of Breached Information',
  'Business Associate Present',
  'Web Description',
] as const;
const NAME = 0;
const STATE = 1;
const ENTITY_TYPE = 2;
const AFFECTED = 3;
const SUBMITTED = 4;
const BREACH_TYPE = 5;
const LOCATION = 6;
const DESCRIPTION = 8;

/** The 2026 portal export names header cells 0 and 7 after a JSF component instead of the column. */
const GARBLED_HEADER = /^javax\.faces\.component\.UIPanel@/;
const GARBLED_POSITIONS: ReadonlySet<number> = new Set([0, 7]);

const HHS_SOURCE = { title: 'HHS OCR breach portal', url: 'https://ocrportal.hhs.gov/ocr/breach/breach_report.jsf' };

const BREACH_TYPE_MAP = vocabulary<BreachType>({
  'Hacking/IT Incident': 'hacking',
  'Unauthorized Access/Disclosure': 'unauthorized-access',
  Theft: 'theft',
  Loss: 'loss',
  'Improper Disposal': 'improper-disposal',
  Other: 'other',
  Unknown: 'unknown',
});

const LOCATION_MAP = vocabulary<Location>({
  Email: 'email',
  'Network Server': 'network-server',
  'Electronic Medical Record': 'ehr',
  'Paper/Films': 'paper',
  Laptop: 'laptop',
  'Desktop Computer': 'desktop',
  'Other Portable Electronic Device': 'portable-device',
  Other: 'other',
});

const ENTITY_TYPE_MAP = vocabulary<EntityType>({
  'Healthcare Provider': 'healthcare-provider',
  'Health Plan': 'health-plan',
  'Business Associate': 'business-associate',
  'Healthcare Clearing House': 'clearinghouse',
});

const STATUS_MAP = vocabulary<NonNullable<Incident['status']>>({
  Archived: 'archived',
  'Under Investigation': 'under-investigation',
});

/** A portal value -> model value map that ignores case, and can list its values for an error message. */
interface Vocabulary<T> {
  get(value: string): T | undefined;
  known: string;
}

function vocabulary<T>(entries: Readonly<Record<string, T>>): Vocabulary<T> {
  const byLowercase = new Map(Object.entries(entries).map(([label, value]) => [label.toLowerCase(), value]));
  return {
    get: (value) => byLowercase.get(value.toLowerCase()),
    known: Object.keys(entries)
      .map((label) => `"${label}"`)
      .join(', '),
  };
}

/** A row's cells, checked and mapped onto the model's vocabulary; the id and `updated` come later. */
interface HhsRow {
  line: number;
  organization: string;
  state?: UsStateCode;
  entityType?: EntityType;
  individualsAffected?: number;
  disclosed: string;
  breachTypes: BreachType[];
  locations: Location[];
  description: string;
  status?: Incident['status'];
}

type RowResult = CsvRowResult<HhsRow>;

/**
 * Parses an HHS OCR breach portal export (either list, or the merged file with a `Status` column).
 * Throws DataFileError only when the file as a whole is unusable; a bad row is rejected with its
 * line number and the rest still import.
 */
export function parseHhsCsv(text: string, options: ParseOptions): ParsedExport {
  const { from, today } = options;
  const [header, ...body] = readCsv(text, from);
  if (!header) {
    throw new DataFileError([{ file: from, message: 'is empty; expected an HHS OCR breach export with a header row' }]);
  }
  const statusColumn = checkHeader(header, from);

  const parsed = csvIncidents(header, body, {
    today,
    submittedColumn: COLUMNS[SUBMITTED] as string,
    readRow: (cells, line) => readRow(cells, line, statusColumn),
    toIncident,
  });
  return { source: 'hhs-ocr', from, read: body.length, ...parsed };
}

/** The index of the optional `Status` column; throws naming every expected column that is not in place. */
function checkHeader({ cells: header, line }: CsvRecord, from: string): number | undefined {
  const missing = COLUMNS.filter((name, position) => {
    const cell = header[position]?.trim() ?? '';
    return !sameText(cell, name) && !(GARBLED_POSITIONS.has(position) && GARBLED_HEADER.test(cell));
  });
  if (missing.length > 0) {
    const found = header.map((cell) => `"${cell.trim()}"`).join(', ');
    throw new DataFileError([
      {
        file: from,
        record: `line ${line}`,
        message: `missing columns: ${missing.join(', ')} (HHS OCR columns are read by position; the header has ${found})`,
      },
    ]);
  }
  const status = header.findIndex((cell, position) => position >= COLUMNS.length && sameText(cell.trim(), 'Status'));
  return status === -1 ? undefined : status;
}

function readRow(cells: readonly string[], line: number, statusColumn: number | undefined): RowResult {
  const cell = (position: number): string => cells[position]?.trim() ?? '';
  const organization = cell(NAME);
  if (!organization) return { ok: false, reason: `${COLUMNS[NAME]} is empty` };

  const state = cell(STATE).toUpperCase();
  if (state && !isUsStateCode(state))
    return { ok: false, reason: `${COLUMNS[STATE]} "${cell(STATE)}" is not a US state code` };

  const entityTypeText = cell(ENTITY_TYPE);
  const entityType = ENTITY_TYPE_MAP.get(entityTypeText);
  if (entityTypeText && !entityType) {
    return { ok: false, reason: `${COLUMNS[ENTITY_TYPE]} "${entityTypeText}" is not one of ${ENTITY_TYPE_MAP.known}` };
  }

  const affectedText = cell(AFFECTED);
  const individualsAffected = readCount(affectedText);
  if (affectedText && individualsAffected === undefined) {
    return { ok: false, reason: `${COLUMNS[AFFECTED]} "${affectedText}" is not a whole number` };
  }

  const disclosed = readUsDate(cell(SUBMITTED));
  if (!disclosed) return { ok: false, reason: `${COLUMNS[SUBMITTED]} "${cell(SUBMITTED)}" is not a MM/DD/YYYY date` };

  const breachTypes = mapList(cell(BREACH_TYPE), BREACH_TYPE_MAP);
  if (typeof breachTypes === 'string') {
    return { ok: false, reason: `${COLUMNS[BREACH_TYPE]} "${breachTypes}" is not one of ${BREACH_TYPE_MAP.known}` };
  }
  const locations = mapList(cell(LOCATION), LOCATION_MAP);
  if (typeof locations === 'string') {
    return { ok: false, reason: `${COLUMNS[LOCATION]} "${locations}" is not one of ${LOCATION_MAP.known}` };
  }

  const statusText = statusColumn === undefined ? '' : cell(statusColumn);
  const status = STATUS_MAP.get(statusText);
  if (statusText && !status) return { ok: false, reason: `Status "${statusText}" is not one of ${STATUS_MAP.known}` };

  return {
    ok: true,
    row: {
      line,
      organization,
      ...(state && isUsStateCode(state) && { state }),
      ...(entityType && { entityType }),
      ...(individualsAffected !== undefined && { individualsAffected }),
      disclosed,
      breachTypes: breachTypes.length > 0 ? breachTypes : ['unknown'],
      locations,
      description: readDescription(cells[DESCRIPTION] ?? ''),
      ...(status && { status }),
    },
  };
}

function toIncident(row: HhsRow, asOf: string): unknown {
  const baseId = `hhs-${slugify(row.organization)}-${(row.state ?? 'xx').toLowerCase()}-${row.disclosed.replace(/-/g, '')}`;
  return withoutUndefined({
    id: baseId,
    organization: row.organization,
    aliases: [],
    relatedOrganizations: [],
    entityType: row.entityType,
    state: row.state,
    country: 'US',
    individualsAffected: row.individualsAffected,
    disclosed: row.disclosed,
    breachTypes: row.breachTypes,
    locations: row.locations,
    dataTypes: detectDataTypes(row.description),
    summary: row.description || undefined,
    sources: [HHS_SOURCE],
    origin: 'hhs-ocr',
    status: row.status,
    updated: asOf,
  });
}

/** Plain integers; thousands separators are tolerated in case a later export adds them. */
function readCount(text: string): number | undefined {
  if (!/^\d{1,3}(,\d{3})+$|^\d+$/.test(text)) return undefined;
  const value = Number(text.replace(/,/g, ''));
  return Number.isSafeInteger(value) ? value : undefined;
}

/** MM/DD/YYYY -> YYYY-MM-DD, or undefined for anything that is not a real date. */
function readUsDate(text: string): string | undefined {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (!match) return undefined;
  const [, month = '', day = '', year = ''] = match;
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return isoDate.safeParse(iso).success ? iso : undefined;
}

/** The archive marks a missing description with a database NULL (`\N`); it is no description. */
function readDescription(text: string): string {
  const trimmed = text.replace(/\r\n?/g, '\n').trim();
  return trimmed === '\\N' ? '' : trimmed;
}

/** Maps a comma-separated cell; returns the first unknown value instead when there is one. */
function mapList<T extends string>(text: string, map: Vocabulary<T>): T[] | string {
  const values: T[] = [];
  for (const part of text.split(',')) {
    const value = part.trim();
    if (!value) continue;
    const mapped = map.get(value);
    if (!mapped) return value;
    if (!values.includes(mapped)) values.push(mapped);
  }
  return values;
}

function sameText(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
