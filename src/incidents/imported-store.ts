import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { z } from 'zod';
import { DATA_TYPES } from './data-types.js';
import { isNotFound } from './load-curated.js';
import { reviseImported } from './merge.js';
import { BREACH_TYPES, type Incident, incidentSchema, isoDate, LOCATIONS } from './model.js';
import type { DataProblem } from './problems.js';
import { problemsFromZodError } from './problems.js';

export const IMPORT_SOURCES = ['hhs-ocr', 'hibp', 'wa-ag'] as const;
export type ImportSource = (typeof IMPORT_SOURCES)[number];

const exportRecordSchema = z.strictObject({
  /** The file path or URL the export was read from. */
  from: z.string().min(1),
  /** The newest date inside the export: what "newer export" is judged by. */
  asOf: isoDate,
  importedAt: z.iso.datetime(),
  rows: z.number().int().nonnegative(),
});
export type ExportRecord = z.infer<typeof exportRecordSchema>;

const importedFileSchema = z.strictObject({
  source: z.enum(IMPORT_SOURCES),
  exports: z.array(exportRecordSchema),
  incidents: z.array(z.unknown()),
});

export interface ImportedCollection {
  source: ImportSource;
  exports: ExportRecord[];
  incidents: Incident[];
}

export function importedFilePath(dataDir: string, source: ImportSource): string {
  return path.join(dataDir, 'imported', `${source}.json`);
}

/**
 * Where the repository ships each source's official list, normalised and gzipped: the knowledge
 * `npm start` has out of the box. `breachbot import` never writes here; its results go to
 * `importedFilePath` and revise the shipped records when the two are read together.
 */
export function shippedFilePath(dataDir: string, source: ImportSource): string {
  return path.join(dataDir, 'shipped', `${source}.json.gz`);
}

type CollectionRead = { value: ImportedCollection; problems: DataProblem[] };

export interface ReadOptions {
  /**
   * Check the shipped records' shape only, not every rule of the incident schema: for what answers
   * questions, where the full check of the ten thousand or so shipped records took a tenth of each
   * start. `breachbot validate`, imports and syncs leave it off. See `readShippedRecords` for why
   * the shipped lists, and only they, may be read so.
   */
  trustShipped?: boolean;
}

/** One source's records as `breachbot import` last wrote them (none when it never ran). */
export function readImportedCollection(dataDir: string, source: ImportSource): Promise<CollectionRead> {
  return readCollectionFile(importedFilePath(dataDir, source), source, false);
}

/** One source's records as the repository ships them (none when it ships none). */
export function readShippedCollection(
  dataDir: string,
  source: ImportSource,
  options: ReadOptions = {},
): Promise<CollectionRead> {
  return readCollectionFile(shippedFilePath(dataDir, source), source, options.trustShipped ?? false);
}

/**
 * One source's records: the shipped list, revised by what imports added since. A record in both is
 * the one from the newer export (its `updated`), so a shipped list newer than an old local import
 * still wins, and a local import of a newer export wins over the shipped one.
 */
export async function readSourceCollection(
  dataDir: string,
  source: ImportSource,
  options: ReadOptions = {},
): Promise<CollectionRead> {
  const [shipped, imported] = await Promise.all([
    readShippedCollection(dataDir, source, options),
    readImportedCollection(dataDir, source),
  ]);
  const problems = [...shipped.problems, ...imported.problems];
  if (imported.value.exports.length === 0) return { value: shipped.value, problems };
  if (shipped.value.exports.length === 0) return { value: imported.value, problems };
  const exports = [...shipped.value.exports];
  for (const record of imported.value.exports) {
    if (!exports.some((known) => known.from === record.from && known.asOf === record.asOf)) exports.push(record);
  }
  const incidents = reviseImported(shipped.value.incidents, imported.value.incidents, { stored: true }).incidents;
  return { value: { source, exports, incidents }, problems };
}

const gunzipAsync = promisify(gunzip);

/**
 * Reads one collection file, gzipped when its name ends in `.gz`. Each record is validated on its
 * own so that one bad record is reported by id and the rest still load. `shapeOnly`: see
 * `readShippedRecords`.
 */
async function readCollectionFile(file: string, source: ImportSource, shapeOnly: boolean): Promise<CollectionRead> {
  const empty: ImportedCollection = { source, exports: [], incidents: [] };
  let text: string;
  try {
    const bytes = await readFile(file);
    text = (file.endsWith('.gz') ? await gunzipWhole(bytes) : bytes).toString('utf8');
  } catch (error) {
    if (isNotFound(error)) return { value: empty, problems: [] };
    if (error instanceof Error && 'code' in error && String(error.code).startsWith('Z_')) {
      return { value: empty, problems: [{ file, message: `is not a readable gzip file: ${error.message}` }] };
    }
    throw error;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { value: empty, problems: [{ file, message: `is not valid JSON: ${(error as Error).message}` }] };
  }
  const parsed = importedFileSchema.safeParse(raw);
  if (!parsed.success) return { value: empty, problems: problemsFromZodError(file, undefined, parsed.error) };
  if (parsed.data.source !== source) {
    return { value: empty, problems: [{ file, field: 'source', message: `must be "${source}"` }] };
  }
  const problems: DataProblem[] = [];
  const incidents: Incident[] = [];
  parsed.data.incidents.forEach((candidate, index) => {
    if (shapeOnly && hasShippedShape(candidate, source)) {
      incidents.push(candidate);
      return;
    }
    const result = incidentSchema.safeParse(candidate);
    if (result.success) {
      incidents.push(result.data);
    } else {
      const id = (candidate as { id?: unknown } | null)?.id;
      const record = typeof id === 'string' ? id : `incidents[${index}]`;
      problems.push(...problemsFromZodError(file, record, result.error));
    }
  });
  return { value: { source, exports: parsed.data.exports, incidents }, problems };
}

/**
 * Inflates on the thread pool, so that a start parses the curated cards meanwhile, into one buffer
 * of the size the gzip trailer gives (the size modulo 2^32, so only a hint): the default 16 KB
 * pieces, concatenated afterwards, cost as much again as inflating the shipped HHS list.
 */
function gunzipWhole(bytes: Buffer): Promise<Buffer> {
  const size = bytes.length >= 18 ? bytes.readUInt32LE(bytes.length - 4) : 0;
  return gunzipAsync(bytes, { chunkSize: Math.min(Math.max(size + 1, 64 * 1024), 64 * 1024 * 1024) });
}

const BREACH_TYPE_SET: ReadonlySet<unknown> = new Set(BREACH_TYPES);
const LOCATION_SET: ReadonlySet<unknown> = new Set(LOCATIONS);
const DATA_TYPE_SET: ReadonlySet<unknown> = new Set(DATA_TYPES);

/**
 * Whether a record of a shipped list has the shape answering relies on: the lists the search and
 * the views read, the closed values they look labels up by, the names, the origin. Not every rule of
 * `incidentSchema` (dates, URLs, slugs, counts), and that is safe for these files only:
 * - data/shipped/ is written by `npm run data:ship` alone, from what the importers stored, which is
 *   the schema's output: a committed record is already valid, and its JSON is the object the schema
 *   would return;
 * - test/incidents/shipped-lists.test.ts rebuilds the lists through the full schema and fails unless
 *   the committed files equal the rebuild, and checks that the full schema accepts every committed
 *   record and returns exactly what this read does: a change to these files that breaks a rule
 *   cannot be committed;
 * - `breachbot validate` still checks them with the full schema, and a record that fails this check
 *   is checked by the full schema here too, so its problems are reported as always.
 * Cards in data/incidents and imports in data/imported are written by people and by
 * `breachbot import` on the user's machine, so they always get the full schema.
 */
function hasShippedShape(candidate: unknown, source: ImportSource): candidate is Incident {
  if (typeof candidate !== 'object' || candidate === null) return false;
  const record = candidate as Record<string, unknown>;
  return (
    record.origin === source &&
    typeof record.id === 'string' &&
    isText(record.organization) &&
    isTextList(record.aliases) &&
    isTextList(record.relatedOrganizations) &&
    isListOf(record.breachTypes, BREACH_TYPE_SET) &&
    record.breachTypes.length > 0 &&
    isListOf(record.locations, LOCATION_SET) &&
    isListOf(record.dataTypes, DATA_TYPE_SET) &&
    Array.isArray(record.timeline) &&
    isTextList(record.offered) &&
    isTextList(record.lessons) &&
    Array.isArray(record.sources) &&
    typeof record.updated === 'string' &&
    (record.summary === undefined || isText(record.summary))
  );
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

function isTextList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every(isText);
}

function isListOf(value: unknown, allowed: ReadonlySet<unknown>): value is unknown[] {
  return Array.isArray(value) && value.every((item) => allowed.has(item));
}

/**
 * Writes atomically (temp file, then rename), so a crash mid-write never leaves half a dataset. The
 * temp file is named after the process; those of processes that died before their rename are removed
 * first, so a killed import leaves nothing behind for long.
 */
export async function writeImportedCollection(dataDir: string, collection: ImportedCollection): Promise<string> {
  const file = importedFilePath(dataDir, collection.source);
  await mkdir(path.dirname(file), { recursive: true });
  await removeDeadTemps(path.dirname(file), `${path.basename(file)}.`);
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(collection)}\n`, 'utf8');
  await rename(temp, file);
  return file;
}

/** The folder of the imported lists and their sync statuses. */
export function importedDirPath(dataDir: string): string {
  return path.dirname(importedFilePath(dataDir, 'hhs-ocr'));
}

/** `<file>.<pid>.tmp` (an import) or `<file>.<pid>.<hex>.tmp` (a shared list or a sync status). */
const TEMP_NAME = /^(?:.*?\.)?(\d+)(?:\.[0-9a-f]{8})?\.tmp$/;
/**
 * Far longer than any write takes: a temp this old is abandoned even when its pid looks alive, since
 * after a restart the pid may belong to another process.
 */
const ABANDONED_MS = 60 * 60_000;

/**
 * Removes the temp files that writers left when they were killed between write and rename: those
 * of processes no longer running here, and any untouched for an hour; with a prefix, only those of
 * that file. Run for its file before every atomic write, and for the whole folder at start.
 */
export async function removeDeadTemps(dir: string, prefix = ''): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  for (const name of names) {
    const pid = name.startsWith(prefix) ? Number(TEMP_NAME.exec(name.slice(prefix.length))?.[1]) : 0;
    if (!pid || pid === process.pid) continue;
    const file = path.join(dir, name);
    const abandoned = async () => {
      const info = await stat(file).catch(() => undefined);
      return info !== undefined && Date.now() - info.mtimeMs > ABANDONED_MS;
    };
    if (!isRunning(pid) || (await abandoned())) await rm(file, { force: true });
  }
}

export interface ImportLockOptions {
  /** How long to wait for another import of the same source to finish (default 2 minutes). */
  timeoutMs?: number;
  /** How old a lock must be before it is taken over when its holder cannot be checked (default 5 minutes). */
  staleMs?: number;
  /** How often to look again while waiting (default 100 ms). */
  retryMs?: number;
}

/** Who holds a lock; `token` tells this holder from another one in the same process. */
interface LockHolder {
  pid: number;
  host: string;
  acquiredAt: string;
  token: string;
}

export function importLockPath(dataDir: string, source: ImportSource): string {
  return `${importedFilePath(dataDir, source)}.lock`;
}

/**
 * Runs `work` (a read, revise and write of one source's collection) while holding that source's
 * lock, so that of two imports running at once neither writes over what the other added: the second
 * waits, then reads what the first wrote. The lock is a file created exclusively beside the
 * collection, naming its holder, and removed when `work` ends, however it ends.
 *
 * A holder killed before it could remove its lock (Ctrl-C does that) must not block every later
 * import, so such a lock is taken over: at once when the holder's pid is gone on this machine, and
 * otherwise (a holder on another machine sharing DATA_DIR, or a lock file cut short) once it is
 * older than `staleMs`, far longer than any import takes.
 */
export async function withImportLock<T>(
  dataDir: string,
  source: ImportSource,
  work: () => Promise<T>,
  options: ImportLockOptions = {},
): Promise<T> {
  const lockFile = importLockPath(dataDir, source);
  await mkdir(path.dirname(lockFile), { recursive: true });
  const token = await acquireLock(lockFile, source, options);
  try {
    return await work();
  } finally {
    // After a takeover (this import ran past staleMs) the file is another import's: leave it. A
    // failure to look must not hide the error `work` may have thrown.
    const current = await readLockHolder(lockFile).catch(() => undefined);
    if (current?.holder?.token === token) await rm(lockFile, { force: true });
  }
}

async function acquireLock(lockFile: string, source: ImportSource, options: ImportLockOptions): Promise<string> {
  const { timeoutMs = 120_000, staleMs = 5 * 60_000, retryMs = 100 } = options;
  const deadline = Date.now() + timeoutMs;
  const token = randomUUID();
  for (;;) {
    if (await createExclusive(lockFile, token)) return token;
    const current = await readLockHolder(lockFile);
    if (!current) continue;
    if (isStale(current, staleMs) && (await takeOverStale(lockFile, staleMs))) continue;
    if (Date.now() >= deadline) {
      const { holder } = current;
      const who = holder ? `process ${holder.pid} on ${holder.host} since ${holder.acquiredAt}` : 'an unknown process';
      throw new Error(
        `another import of ${source} is still running (${who}, holding ${lockFile}); try again when it is done, or remove that file if no import is running`,
      );
    }
    await sleep(retryMs);
  }
}

/** Creates the lock naming this process; false when it already exists. */
async function createExclusive(lockFile: string, token: string): Promise<boolean> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(lockFile, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  const holder: LockHolder = { pid: process.pid, host: os.hostname(), acquiredAt: new Date().toISOString(), token };
  try {
    await handle.writeFile(`${JSON.stringify(holder)}\n`, 'utf8');
  } catch (error) {
    await rm(lockFile, { force: true });
    throw error;
  } finally {
    await handle.close();
  }
  return true;
}

/**
 * The lock's holder as it wrote itself (none while it is being written, or if that was cut short)
 * and the lock's age; undefined when there is no lock.
 */
async function readLockHolder(lockFile: string): Promise<{ holder?: LockHolder; ageMs: number } | undefined> {
  let text: string;
  let ageMs: number;
  try {
    [text, ageMs] = await Promise.all([
      readFile(lockFile, 'utf8'),
      stat(lockFile).then((stats) => Date.now() - stats.mtimeMs),
    ]);
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
  const holder = lockHolderSchema.safeParse(safeJson(text));
  return holder.success ? { holder: holder.data, ageMs } : { ageMs };
}

const lockHolderSchema = z.object({
  pid: z.number().int().positive(),
  host: z.string(),
  acquiredAt: z.string(),
  token: z.string(),
});

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isStale({ holder, ageMs }: { holder?: LockHolder; ageMs: number }, staleMs: number): boolean {
  if (holder && holder.host === os.hostname()) return !isRunning(holder.pid);
  return ageMs > staleMs;
}

/**
 * Removes a stale lock, under a second exclusive file so that of several waiters judging the same
 * lock stale only one removes it; the others would otherwise remove the fresh lock the first one
 * then creates. The lock is judged again under it, since it may have changed hands meanwhile.
 */
async function takeOverStale(lockFile: string, staleMs: number): Promise<boolean> {
  const guard = `${lockFile}.takeover`;
  if (!(await createExclusive(guard, randomUUID()))) {
    // A taker killed while holding the guard must not block takeovers for good.
    const other = await readLockHolder(guard);
    if (other && isStale(other, staleMs)) await rm(guard, { force: true });
    return false;
  }
  try {
    const current = await readLockHolder(lockFile);
    if (current && isStale(current, staleMs)) await rm(lockFile, { force: true });
    return true;
  } finally {
    await rm(guard, { force: true });
  }
}

/** Whether a process with this pid runs on this machine (EPERM: it does, as another user). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
