import { createHash } from 'node:crypto';
import type { SourcesConfig } from '../config/sources-config.js';
import { type ImportReport, runImport } from '../incidents/import/run-import.js';
import {
  type ExportRecord,
  type ImportLockOptions,
  type ImportSource,
  readSourceCollection,
} from '../incidents/imported-store.js';
import { formatProblem } from '../incidents/problems.js';
import { checkFeed } from './check-feed.js';
import { type Download, DownloadError, downloadFeed, type Validators } from './download-feed.js';
import { displayUrl, feedOf, feedUrl } from './feeds.js';
import type { SyncOutcome } from './sync-outcome.js';
import { type LastSuccess, readSyncStatus, recordSyncResult, type SyncResult } from './sync-status.js';

export interface SyncOptions {
  dataDir: string;
  config: SourcesConfig;
  now?: () => Date;
  /** The digest's time zone (DIGEST_TZ), whose calendar the import days are in; default UTC. */
  timeZone?: string;
  /** For the whole download (default 60 s). */
  timeoutMs?: number;
  maxBytes?: number;
  /** How long to wait for an import of the same source that holds the lock. */
  lock?: ImportLockOptions;
}

/** What one attempt came to, and what to record of it; undefined: nothing to record. */
type Attempt = { outcome: SyncOutcome; result: SyncResult | undefined };

/**
 * Downloads one source's list, checks it, and imports it through the same path as `breachbot
 * import` (its lock, its atomic write, its revision rules). Whatever goes wrong, the stored list
 * stays as it was and the outcome says why in one line; the attempt is recorded in the source's
 * sync status.
 */
export async function syncSource(source: ImportSource, options: SyncOptions): Promise<SyncOutcome> {
  const feed = feedOf(source);
  const url = feedUrl(options.config, source);
  if (!url) {
    return {
      source,
      warnings: [],
      kind: 'skipped',
      reason: `${feed.setting} is not set; the ${feed.title} has no stable download address, so set ${feed.setting} to the http(s) address of a CSV export you host (README: "Keeping the lists current")`,
    };
  }
  const now = (options.now ?? (() => new Date()))();
  const read = await readSyncStatus(options.dataDir, source);
  const warnings = read.problem ? [`sync status ignored, it is unreadable: ${read.problem}`] : [];
  // Whatever fails unforeseen (an unreadable DATA_DIR, say) refuses this source alone: the next
  // one in a `sync` of several still runs.
  const { outcome, result } = await attempt(source, url, now, read.status?.lastSuccess, options).catch(
    (error: unknown): Attempt => {
      const reason = oneLine((error as Error).message ?? String(error));
      return {
        outcome: { source, warnings: [], kind: 'refused', reason },
        result: { at: now.toISOString(), error: reason },
      };
    },
  );
  if (result) {
    try {
      await recordSyncResult(options.dataDir, source, result, options.lock);
    } catch (error) {
      warnings.push(`could not record this sync's status: ${(error as Error).message}`);
    }
  }
  return { ...outcome, warnings: [...warnings, ...outcome.warnings] };
}

async function attempt(
  source: ImportSource,
  url: string,
  now: Date,
  last: LastSuccess | undefined,
  options: SyncOptions,
): Promise<Attempt> {
  const at = now.toISOString();
  const refuse = (reason: string): Attempt => ({
    outcome: { source, warnings: [], kind: 'refused', reason },
    result: { at, error: reason },
  });
  const feed = feedOf(source);

  const stored = await readSourceCollection(options.dataDir, source);
  const [problem] = stored.problems;
  if (problem) {
    return refuse(
      `the stored list has ${stored.problems.length} problem(s), the first: ${formatProblem(problem)} (breachbot validate lists them)`,
    );
  }
  // What the last sync stored may have been removed since (a DATA_DIR restored from an older
  // backup): then the list must come again in full, whatever the server would say of it.
  const lastStillStored = last && last.url === url && holdsExport(stored.value.exports, last) ? last : undefined;

  const validators = feed.conditional && lastStillStored ? validatorsOf(lastStillStored) : {};
  let download: Download;
  try {
    download = await downloadFeed(url, {
      accept: feed.accept,
      validators,
      ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
      ...(options.maxBytes !== undefined && { maxBytes: options.maxBytes }),
    });
  } catch (error) {
    if (error instanceof DownloadError) return refuse(error.message);
    throw error;
  }
  if (download.status === 'not-modified') {
    if (!lastStillStored || Object.keys(validators).length === 0) {
      return refuse(`${displayUrl(url)} answered 304 Not Modified to a request that did not ask for it`);
    }
    return unchanged(source, 'not-modified', lastStillStored, { ...lastStillStored, at });
  }
  const sha256 = createHash('sha256').update(download.text).digest('hex');
  // Without a 304, the same list still needs no import: importing it again would only add one more
  // export record to the collection on every sync.
  if (lastStillStored?.sha256 === sha256) {
    return unchanged(source, 'same-list', lastStillStored, { ...lastStillStored, at, ...download.validators });
  }

  const check = checkFeed({
    source,
    text: download.text,
    contentType: download.contentType,
    from: displayUrl(url),
    today: at.slice(0, 10),
    previous: stored.value.exports,
  });
  if (!check.ok) return refuse(check.reason);

  let report: ImportReport;
  try {
    report = await runImport({
      source,
      from: url,
      text: download.text,
      dataDir: options.dataDir,
      cwd: options.dataDir,
      now,
      ...(options.timeZone && { timeZone: options.timeZone }),
      ...(options.lock && { lock: options.lock }),
    });
  } catch (error) {
    return refuse(oneLine((error as Error).message));
  }
  if (!report.file || !report.asOf) return refuse('nothing in the list could be imported');
  const success: LastSuccess = {
    at,
    url,
    asOf: report.asOf,
    records: report.imported,
    sha256,
    ...download.validators,
  };
  return { outcome: { source, warnings: [], kind: 'updated', report }, result: { at, success } };
}

function unchanged(
  source: ImportSource,
  how: 'not-modified' | 'same-list',
  previous: LastSuccess,
  success: LastSuccess,
): Attempt {
  return {
    outcome: { source, warnings: [], kind: 'unchanged', how, previous },
    result: { at: success.at, success },
  };
}

function holdsExport(exports: readonly ExportRecord[], last: LastSuccess): boolean {
  return exports.some((record) => record.from === last.url && record.asOf === last.asOf);
}

function validatorsOf(last: LastSuccess): Validators {
  return { ...(last.etag && { etag: last.etag }), ...(last.lastModified && { lastModified: last.lastModified }) };
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, '; ');
}
