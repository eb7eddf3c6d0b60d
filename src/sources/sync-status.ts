import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import {
  IMPORT_SOURCES,
  type ImportLockOptions,
  type ImportSource,
  importedFilePath,
  removeDeadTemps,
  withImportLock,
} from '../incidents/imported-store.js';
import { isNotFound } from '../incidents/load-curated.js';
import { isoDate } from '../incidents/model.js';

const lastSuccessSchema = z.strictObject({
  at: z.iso.datetime(),
  url: z.string().min(1),
  /** The newest date in the list synced. */
  asOf: isoDate,
  /** The list's valid records. */
  records: z.number().int().nonnegative(),
  /** Of the text downloaded: a server without ETags that sends the same list again needs no import. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  etag: z.string().min(1).optional(),
  lastModified: z.string().min(1).optional(),
});
export type LastSuccess = z.infer<typeof lastSuccessSchema>;

const syncStatusSchema = z.strictObject({
  source: z.enum(IMPORT_SOURCES),
  lastAttemptAt: z.iso.datetime(),
  lastSuccess: lastSuccessSchema.optional(),
  lastError: z.strictObject({ at: z.iso.datetime(), reason: z.string().min(1) }).optional(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

/**
 * One file per source, beside its collection: each is written under that source's import lock, so
 * syncs of different sources never write the same file, and two of one source take turns.
 */
export function syncStatusPath(dataDir: string, source: ImportSource): string {
  return path.join(path.dirname(importedFilePath(dataDir, source)), `${source}.sync-status.json`);
}

/** No status and no problem: never synced. A broken file is a problem to report, not a reason to stop. */
export type StatusRead = { status?: SyncStatus; problem?: string };

export async function readSyncStatus(dataDir: string, source: ImportSource): Promise<StatusRead> {
  const file = syncStatusPath(dataDir, source);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (isNotFound(error)) return {};
    return { problem: `${file}: could not be read: ${(error as Error).message}` };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { problem: `${file}: is not valid JSON: ${(error as Error).message}` };
  }
  const parsed = syncStatusSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) =>
      issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
    );
    return { problem: `${file}: is not a sync status: ${issues.join('; ')}` };
  }
  if (parsed.data.source !== source) return { problem: `${file}: source: must be "${source}"` };
  return { status: parsed.data };
}

/** What one sync found: a success (a new list, or the same one confirmed), or the one-line reason it failed. */
export type SyncResult = { at: string } & ({ success: LastSuccess } | { error: string });

/**
 * Records one attempt over the stored status, read again under the lock: a sync that ran meanwhile
 * keeps what it recorded. A broken status file is replaced, since what it said is lost anyway.
 */
export async function recordSyncResult(
  dataDir: string,
  source: ImportSource,
  result: SyncResult,
  lock?: ImportLockOptions,
): Promise<void> {
  await withImportLock(
    dataDir,
    source,
    async () => {
      const { status } = await readSyncStatus(dataDir, source);
      const next: SyncStatus = {
        source,
        lastAttemptAt: result.at,
        ...(status?.lastSuccess && { lastSuccess: status.lastSuccess }),
        ...(status?.lastError && { lastError: status.lastError }),
        ...('success' in result
          ? { lastSuccess: result.success }
          : { lastError: { at: result.at, reason: result.error } }),
      };
      await writeAtomically(syncStatusPath(dataDir, source), `${JSON.stringify(next, null, 2)}\n`);
    },
    lock,
  );
}

export async function writeAtomically(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await removeDeadTemps(path.dirname(file), `${path.basename(file)}.`);
  const temp = `${file}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
  try {
    await writeFile(temp, text, 'utf8');
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
