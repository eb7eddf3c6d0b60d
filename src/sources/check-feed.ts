import { parseHhsCsv } from '../incidents/import/hhs-csv.js';
import { parseHibpJson } from '../incidents/import/hibp-json.js';
import {
  type ParsedExport,
  type ParseOptions,
  type RejectedRecord,
  rejectedLocation,
} from '../incidents/import/parsed-export.js';
import { parseWaAgCsv } from '../incidents/import/wa-ag-csv.js';
import type { ExportRecord, ImportSource } from '../incidents/imported-store.js';
import { padDate } from '../incidents/merge.js';
import { DataFileError } from '../incidents/problems.js';

/**
 * A list whose rows fail to parse beyond this share is taken for a changed or broken feed; below it,
 * the bad rows are typos the import reports one by one, as it always has.
 */
export const MAX_REJECTED_SHARE = 0.05;
/**
 * A list this much shorter than the last one is taken for a cut-short download or a feed that
 * changed what it serves. The lists only grow: a breach, once filed, stays filed.
 */
export const MAX_DROPPED_SHARE = 0.1;

const PARSERS: Record<ImportSource, (text: string, options: ParseOptions) => ParsedExport> = {
  'hhs-ocr': parseHhsCsv,
  hibp: parseHibpJson,
  'wa-ag': parseWaAgCsv,
};

const EXPECTED: Record<ImportSource, string> = {
  'hhs-ocr': 'the HHS OCR breach portal CSV export',
  hibp: 'the JSON breach list',
  'wa-ag': 'the CSV list of data breach notifications',
};

export interface FeedToCheck {
  source: ImportSource;
  text: string;
  contentType: string | undefined;
  /** Where the text came from, as messages may show it. */
  from: string;
  today: string;
  /** The exports the stored collection records, shipped ones included. */
  previous: readonly ExportRecord[];
}

export type FeedCheck = { ok: true; parsed: ParsedExport } | { ok: false; reason: string };

/** Whether a downloaded list may replace what is stored; any doubt refuses it, with one line saying why. */
export function checkFeed(feed: FeedToCheck): FeedCheck {
  const { source, text } = feed;
  if (looksLikeHtml(text, feed.contentType)) {
    return { ok: false, reason: `the answer is a web page, not ${EXPECTED[source]}` };
  }
  let parsed: ParsedExport;
  try {
    parsed = PARSERS[source](text, { from: feed.from, today: feed.today });
  } catch (error) {
    if (!(error instanceof DataFileError)) throw error;
    return { ok: false, reason: `not ${EXPECTED[source]}: ${oneLine(error.message)}` };
  }
  if (parsed.incidents.length === 0) {
    return {
      ok: false,
      reason: `no usable record in the list (${parsed.read} read, ${parsed.rejected.length} rejected)`,
    };
  }
  const { rejected, read } = parsed;
  if (rejected.length > read * MAX_REJECTED_SHARE) {
    return {
      ok: false,
      reason: `${rejected.length} of ${read} records could not be read (${percent(rejected.length, read)}; more than ${percent(MAX_REJECTED_SHARE, 1)} means a changed or broken list), the first at ${describe(rejected[0])}`,
    };
  }
  const last = lastExport(feed.previous);
  if (last && read < last.rows * (1 - MAX_DROPPED_SHARE)) {
    return {
      ok: false,
      reason: `the list has ${read} records where the last one (as of ${last.asOf}) had ${last.rows}: ${percent(last.rows - read, last.rows)} fewer (more than ${percent(MAX_DROPPED_SHARE, 1)} fewer means a cut-short or broken list)`,
    };
  }
  return { ok: true, parsed };
}

/**
 * The newest list the collection holds, by its date, the later import of two of the same date.
 * The collection keeps each export's row count but not which records it listed, so a shorter list
 * is judged by its count.
 */
export function lastExport(exports: readonly ExportRecord[]): ExportRecord | undefined {
  let last: ExportRecord | undefined;
  for (const record of exports) {
    if (!last || padDate(record.asOf) > padDate(last.asOf)) last = record;
    else if (padDate(record.asOf) === padDate(last.asOf) && record.importedAt >= last.importedAt) last = record;
  }
  return last;
}

/** A login page, a maintenance notice or a proxy's error page, served with a 200. */
function looksLikeHtml(text: string, contentType: string | undefined): boolean {
  if (contentType && /\btext\/html\b/i.test(contentType)) return true;
  return /^\s*<(?:!doctype\s+html|html|head|body)\b/i.test(text);
}

function describe(rejected: RejectedRecord | undefined): string {
  return rejected ? `${rejectedLocation(rejected)}: ${oneLine(rejected.reason)}` : 'none';
}

const MAX_REASON_CHARS = 300;

function oneLine(text: string): string {
  const line = text.replace(/\s*\n\s*/g, '; ').trim();
  return line.length > MAX_REASON_CHARS ? `${line.slice(0, MAX_REASON_CHARS - 1)}…` : line;
}

function percent(part: number, whole: number): string {
  return `${Math.round((part / whole) * 100)}%`;
}
