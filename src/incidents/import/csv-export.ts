import { type Info, parse } from 'csv-parse/sync';
import { type Incident, incidentSchema } from '../model.js';
import { DataFileError } from '../problems.js';
import { createIdAllocator, describeIssues, futureDateReason, type RejectedRecord } from './parsed-export.js';

const CR = 0x0d;
const LF = 0x0a;

export interface CsvRecord {
  cells: string[];
  /** The physical line the record starts on; a Web Description can span many. */
  line: number;
}

/**
 * Parses the CSV and finds the line each record starts on. csv-parse's own line count is off for
 * multi-line cells with CRLF, so count newlines up to the byte offset where each record begins.
 */
export function readCsv(text: string, from: string): CsvRecord[] {
  const buffer = Buffer.from(text, 'utf8');
  let output: unknown;
  try {
    output = parse(buffer, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true });
  } catch (error) {
    throw new DataFileError([{ file: from, message: `is not a readable CSV file: ${(error as Error).message}` }]);
  }
  // csv-parse's types do not model `info: true`, which wraps each record as { record, info }.
  const records = output as { record: string[]; info: Info }[];
  let offset = 0;
  let line = 1;
  return records.map(({ record, info }) => {
    for (; offset < buffer.length && (buffer[offset] === CR || buffer[offset] === LF); offset++) {
      if (buffer[offset] === LF) line++;
    }
    const start = line;
    for (; offset < info.bytes; offset++) if (buffer[offset] === LF) line++;
    return { cells: record, line: start };
  });
}

/** What a list's own row reader makes of one CSV row. */
export type CsvRowResult<R> = { ok: true; row: R } | { ok: false; reason: string };

export interface CsvIncidents {
  /** The newest submission date in the list: what "newer export" is judged by. */
  asOf: string | undefined;
  incidents: Incident[];
  duplicates: number;
  rejected: RejectedRecord[];
}

/**
 * The rows of a CSV list made into incidents, by the same rules for every list: a row with the wrong
 * number of cells, one the list's reader refuses, one dated after today, or one the incident model
 * refuses is rejected with its line; an exact repeat of a row is counted and left out; ids that
 * collide get a suffix. `toIncident` gets the list's `asOf` as the records' `updated`.
 */
export function csvIncidents<R extends { line: number; disclosed: string }>(
  header: CsvRecord,
  body: readonly CsvRecord[],
  list: {
    today: string | undefined;
    /** The column the submission date comes from, for the "dated after today" reason. */
    submittedColumn: string;
    readRow: (cells: string[], line: number) => CsvRowResult<R>;
    toIncident: (row: R, asOf: string) => unknown;
  },
): CsvIncidents {
  const rejected: RejectedRecord[] = [];
  const rows: R[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  for (const { cells, line } of body) {
    if (cells.length !== header.cells.length) {
      rejected.push({ line, reason: `has ${cells.length} cells, expected ${header.cells.length} like the header` });
      continue;
    }
    const key = JSON.stringify(cells);
    if (seen.has(key)) {
      duplicates++;
      continue;
    }
    seen.add(key);
    const result = list.readRow(cells, line);
    if (!result.ok) rejected.push({ line, reason: result.reason });
    else if (list.today && result.row.disclosed > list.today) {
      rejected.push({ line, reason: futureDateReason(list.submittedColumn, result.row.disclosed, list.today) });
    } else rows.push(result.row);
  }

  const asOf = rows.reduce<string | undefined>(
    (newest, row) => (!newest || row.disclosed > newest ? row.disclosed : newest),
    undefined,
  );
  const incidents: Incident[] = [];
  const allocateId = createIdAllocator();
  for (const row of rows) {
    const parsed = incidentSchema.safeParse(list.toIncident(row, asOf ?? row.disclosed));
    if (parsed.success) incidents.push({ ...parsed.data, id: allocateId(parsed.data.id) });
    else rejected.push({ line: row.line, reason: describeIssues(parsed.error) });
  }
  rejected.sort((a, b) => ('line' in a && 'line' in b ? a.line - b.line : 0));
  return { asOf, incidents, duplicates, rejected };
}
