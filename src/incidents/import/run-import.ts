import {
  type ExportRecord,
  type ImportLockOptions,
  type ImportSource,
  importedFilePath,
  readSourceCollection,
  withImportLock,
  writeImportedCollection,
} from '../imported-store.js';
import { loadCuratedIncidents } from '../load-curated.js';
import { matchCuratedCards, padDate, reviseImported } from '../merge.js';
import { DataFileError } from '../problems.js';
import { parseHhsCsv } from './hhs-csv.js';
import { parseHibpJson } from './hibp-json.js';
import { type ParsedExport, type ParseOptions, type RejectedRecord, rejectedLocation } from './parsed-export.js';
import { readSource } from './read-source.js';
import { parseWaAgCsv } from './wa-ag-csv.js';

const PARSERS: Record<ImportSource, (text: string, options: ParseOptions) => ParsedExport> = {
  'hhs-ocr': parseHhsCsv,
  hibp: parseHibpJson,
  'wa-ag': parseWaAgCsv,
};

const SOURCE_LABELS: Record<ImportSource, { name: string; unit: string; duplicates: string }> = {
  'hhs-ocr': { name: 'HHS OCR breach portal export', unit: 'rows', duplicates: 'exact duplicate rows' },
  hibp: { name: 'Have I Been Pwned breach list', unit: 'breaches', duplicates: 'exact duplicates' },
  'wa-ag': {
    name: 'Washington State Attorney General data breach notifications',
    unit: 'rows',
    duplicates: 'exact duplicate rows',
  },
};

export interface RunImportOptions {
  source: ImportSource;
  /** A file path (relative to `cwd`) or an http(s) URL. */
  from: string;
  /**
   * The export's text, already read from `from`: a sync checks a download before it imports it, and
   * must import what it checked. `from` is then only recorded.
   */
  text?: string;
  dataDir: string;
  cwd: string;
  /** The import's clock: dates the export record and the `firstSeen` of added records. */
  now?: Date;
  /**
   * Whose calendar `firstSeen` and `countRevised` days are in: the digest's (DIGEST_TZ), so that a
   * filing seen late on a Sunday evening falls in the week the digest's readers lived it. Default UTC.
   */
  timeZone?: string;
  /** How long to wait for another import of the same source, and when its lock counts as abandoned. */
  lock?: ImportLockOptions;
}

export interface ImportReport {
  source: ImportSource;
  /** The file path or URL as given. */
  from: string;
  /** The collection file written; undefined when nothing could be imported. */
  file: string | undefined;
  asOf: string | undefined;
  /** Data rows or array elements in the export. */
  read: number;
  /** Valid records: `added + revised + unchanged + stale`. */
  imported: number;
  added: number;
  revised: number;
  /** Of the revised: records the export lists under a new name. */
  renamed: number;
  unchanged: number;
  /** Records older than what an earlier, newer export stored; not applied. */
  stale: number;
  duplicates: number;
  /** Records of this export that a curated card stands for. */
  coveredByCurated: number;
  rejected: RejectedRecord[];
  unmappedDataClasses?: { name: string; count: number }[];
  flagged?: { spamList: number; fabricated: number };
}

/**
 * Reads one export, revises the stored records of its source with it and records the export. Throws
 * when the export or the stored collection cannot be read at all; bad rows only show in the report.
 */
export async function runImport(options: RunImportOptions): Promise<ImportReport> {
  const { source, from, dataDir, cwd } = options;
  const { text, location } =
    options.text === undefined ? await readSource(from, { cwd }) : { text: options.text, location: from };
  const now = options.now ?? new Date();
  const today = dayIn(now, options.timeZone ?? 'UTC');
  const parsed = PARSERS[source](text, { from: location, today });

  const report: ImportReport = {
    source,
    from,
    file: undefined,
    asOf: parsed.asOf,
    read: parsed.read,
    imported: parsed.incidents.length,
    added: 0,
    revised: 0,
    renamed: 0,
    unchanged: 0,
    stale: 0,
    duplicates: parsed.duplicates,
    coveredByCurated: 0,
    rejected: parsed.rejected,
    ...(parsed.unmappedDataClasses && { unmappedDataClasses: parsed.unmappedDataClasses }),
    ...(parsed.flagged && { flagged: parsed.flagged }),
  };
  const { asOf } = parsed;
  if (parsed.incidents.length === 0 || !asOf) return report;

  // Read, revise and write under the source's lock: an import running meanwhile would otherwise
  // write over what this one adds, or this one over it.
  const { file, revision } = await withImportLock(
    dataDir,
    source,
    async () => {
      const stored = await readSourceCollection(dataDir, source);
      if (stored.problems.length > 0) {
        const file = importedFilePath(dataDir, source);
        throw new DataFileError([
          ...stored.problems,
          { file, message: 'has the problems above, and importing would overwrite them; fix or move the file first' },
        ]);
      }
      const revision = reviseImported(stored.value.incidents, parsed.incidents, {
        firstSeen: firstSeenForAdded(stored.value.exports, asOf, today),
        revisedOn: today,
      });
      const exportRecord = { from: location, asOf, importedAt: now.toISOString(), rows: parsed.read };
      const file = await writeImportedCollection(dataDir, {
        source,
        exports: [...stored.value.exports, exportRecord],
        incidents: revision.incidents,
      });
      return { file, revision };
    },
    options.lock,
  );

  const curated = await loadCuratedIncidents(dataDir);
  const coveredByCurated = matchCuratedCards(curated.value, parsed.incidents).size;

  const { added, revised, renamed, unchanged, stale } = revision;
  return { ...report, file, added, revised, renamed, unchanged, stale, coveredByCurated };
}

/**
 * The `firstSeen` for the records this export adds: the import's day, except in two cases where the
 * added records are history being filled in, not new postings, and get none (the digest then counts
 * them by their `disclosed` date alone, like the records stored before `firstSeen` existed):
 *
 * - The source's first import (no export recorded yet) brings everything the source ever listed,
 *   the whole HHS portal since 2009. Stamping it with today would put thousands of old breaches in
 *   this week's digest. Copying `disclosed` instead would claim an import on a day there was none,
 *   and tell the digest nothing `disclosed` does not.
 * - An export older than the newest one recorded (judged by `asOf`, as merging is): what it adds,
 *   the newer export no longer lists (a record the portal has since removed), so it is no news today.
 *
 * An export as new as the stored ones stamps what it adds with today, including a filing submitted
 * weeks ago that the portal has only now posted: that is the filing the digest must not miss.
 */
/** `YYYY-MM-DD` of `instant` on the calendar of `timeZone`. */
export function dayIn(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    instant,
  );
}

function firstSeenForAdded(earlier: readonly ExportRecord[], asOf: string, today: string): string | undefined {
  if (earlier.length === 0) return undefined;
  return earlier.some((record) => padDate(record.asOf) > padDate(asOf)) ? undefined : today;
}

/** The report as lines for a terminal: a summary line, then one line per rejected record. */
export function formatImportReport(report: ImportReport, maxRejectedLines = 50): string {
  const label = SOURCE_LABELS[report.source];
  const lines = [
    `${label.name}${report.asOf ? ` as of ${report.asOf}` : ''}: ${report.from}`,
    [
      `read ${report.read} ${label.unit}`,
      `imported ${report.imported} (added ${report.added}; merged with stored records ${report.revised + report.unchanged + report.stale}: revised ${report.revised}${report.renamed > 0 ? ` of which ${report.renamed} renamed` : ''}, unchanged ${report.unchanged}, older than stored ${report.stale})`,
      `${report.duplicates} ${label.duplicates}`,
      `${report.coveredByCurated} covered by curated cards`,
      `rejected ${report.rejected.length}`,
    ].join('; '),
  ];
  for (const rejected of report.rejected.slice(0, maxRejectedLines)) {
    lines.push(`${rejectedLocation(rejected)}: ${rejected.reason}`);
  }
  if (report.rejected.length > maxRejectedLines) {
    lines.push(`and ${report.rejected.length - maxRejectedLines} more rejected`);
  }
  if (report.flagged && (report.flagged.spamList > 0 || report.flagged.fabricated > 0)) {
    lines.push(
      `flagged by the source but imported: ${report.flagged.spamList} spam lists, ${report.flagged.fabricated} fabricated`,
    );
  }
  if (report.unmappedDataClasses && report.unmappedDataClasses.length > 0) {
    const shown = report.unmappedDataClasses.slice(0, 15).map(({ name, count }) => `${name} (${count})`);
    const more = report.unmappedDataClasses.length - shown.length;
    lines.push(`data classes with no data type: ${shown.join(', ')}${more > 0 ? `, and ${more} more` : ''}`);
  }
  lines.push(report.file ? `saved to ${report.file}` : 'nothing imported; nothing saved');
  return lines.join('\n');
}
