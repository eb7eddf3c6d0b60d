import type { ImportReport } from '../incidents/import/run-import.js';
import type { ImportSource } from '../incidents/imported-store.js';
import { feedOf } from './feeds.js';
import type { LastSuccess } from './sync-status.js';

export type SyncOutcome = {
  source: ImportSource;
  /** Worth a line of their own, but no reason to refuse: an unreadable status file, say. */
  warnings: string[];
} & (
  | { kind: 'skipped'; reason: string }
  /** `how`: the server said so (304), or sent the very list of the last sync. */
  | { kind: 'unchanged'; how: 'not-modified' | 'same-list'; previous: LastSuccess }
  | { kind: 'updated'; report: ImportReport }
  /** The stored list is as it was. */
  | { kind: 'refused'; reason: string }
);

/** One line, for a terminal or a log. */
export function describeSyncOutcome(outcome: SyncOutcome): string {
  const name = feedOf(outcome.source).kind;
  switch (outcome.kind) {
    case 'skipped':
      return `${name}: skipped: ${outcome.reason}`;
    case 'refused':
      return `${name}: refused, the stored list stays as it was: ${outcome.reason}`;
    case 'unchanged': {
      const { previous } = outcome;
      const why = outcome.how === 'not-modified' ? 'the server answered 304 Not Modified' : 'the same list was sent';
      return `${name}: unchanged since the sync of ${formatTime(previous.at)} (list as of ${previous.asOf}, ${previous.records} records; ${why})`;
    }
    case 'updated': {
      const { report } = outcome;
      return [
        `${name}: updated: list as of ${report.asOf}`,
        `read ${report.read}`,
        `imported ${report.imported} (added ${report.added}, revised ${report.revised}, unchanged ${report.unchanged}, older than stored ${report.stale})`,
        `${report.duplicates} duplicates`,
        `${report.coveredByCurated} covered by curated cards`,
        `rejected ${report.rejected.length}`,
      ].join('; ');
    }
  }
}

/** `2026-11-24 12:00 UTC`: the minute is precise enough, and the zone is never in doubt. */
export function formatTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
