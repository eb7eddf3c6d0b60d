import type { z } from 'zod';
import type { ImportSource } from '../imported-store.js';
import type { Incident } from '../model.js';

export interface ParseOptions {
  /** Where the text came from, for messages. */
  from: string;
  /**
   * Today's date (YYYY-MM-DD). A record dated later is a typo, and would make the export look newer
   * than every later one, so that none of them could revise it; such records are rejected.
   */
  today?: string;
}

export function futureDateReason(field: string, date: string, today: string): string {
  return `${field} ${date} is after today (${today}); it is most likely mistyped`;
}

/** A row or element of an export that could not become an incident, located for a person to fix. */
export type RejectedRecord = { line: number; reason: string } | { index: number; reason: string };

/** One export file, normalised: the records plus everything the import report says about it. */
export interface ParsedExport {
  source: ImportSource;
  from: string;
  /** The newest date inside the export; undefined when no record was usable. */
  asOf: string | undefined;
  /** Data rows (CSV) or array elements (JSON) read, header excluded. */
  read: number;
  incidents: Incident[];
  /** Rows dropped because an identical one was already read; each is kept once. */
  duplicates: number;
  rejected: RejectedRecord[];
  /** Source data classes with no counterpart in DATA_TYPES, most frequent first. */
  unmappedDataClasses?: { name: string; count: number }[];
  /** Records imported although the source marks them as not an organisation's own breach. */
  flagged?: { spamList: number; fabricated: number };
}

export function rejectedLocation(rejected: RejectedRecord): string {
  return 'line' in rejected ? `line ${rejected.line}` : `element ${rejected.index}`;
}

/** Zod issues as one line: `field: message; field: message`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

/**
 * Gives every record a distinct id: the first keeps its base id, later ones with the same base get
 * `-2`, `-3`, ... in file order, because the same name and date can be two separate breaches.
 */
export function createIdAllocator(): (baseId: string) => string {
  const used = new Set<string>();
  return (baseId) => {
    let id = baseId;
    for (let n = 2; used.has(id); n++) id = `${baseId}-${n}`;
    used.add(id);
    return id;
  };
}

/** Drops keys whose value is undefined, so that stored records and fresh ones compare equal. */
export function withoutUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}
