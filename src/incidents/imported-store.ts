import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { z } from 'zod';
import { isNotFound } from './load-curated.js';
import { reviseImported } from './merge.js';
import { type Incident, incidentSchema, isoDate } from './model.js';
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

/** One source's records as `breachbot import` last wrote them (none when it never ran). */
export function readImportedCollection(dataDir: string, source: ImportSource): Promise<CollectionRead> {
  return readCollectionFile(importedFilePath(dataDir, source), source);
}

/** One source's records as the repository ships them (none when it ships none). */
export function readShippedCollection(dataDir: string, source: ImportSource): Promise<CollectionRead> {
  return readCollectionFile(shippedFilePath(dataDir, source), source);
}

/**
 * One source's records: the shipped list, revised by what imports added since. A record in both is
 * the one from the newer export (its `updated`), so a shipped list newer than an old local import
 * still wins, and a local import of a newer export wins over the shipped one.
 */
export async function readSourceCollection(dataDir: string, source: ImportSource): Promise<CollectionRead> {
  const [shipped, imported] = await Promise.all([
    readShippedCollection(dataDir, source),
    readImportedCollection(dataDir, source),
  ]);
  const problems = [...shipped.problems, ...imported.problems];
  if (imported.value.exports.length === 0) return { value: shipped.value, problems };
  if (shipped.value.exports.length === 0) return { value: imported.value, problems };
  const exports = [...shipped.value.exports];
  for (const record of imported.value.exports) {
    if (!exports.some((known) => known.from === record.from && known.asOf === record.asOf)) exports.push(record);
  }
  const incidents = reviseImported(shipped.value.incidents, imported.value.incidents).incidents;
  return { value: { source, exports, incidents }, problems };
}

/**
 * Reads one collection file, gzipped when its name ends in `.gz`. Each record is validated on its
 * own so that one bad record is reported by id and the rest still load.
 */
async function readCollectionFile(file: string, source: ImportSource): Promise<CollectionRead> {
  const empty: ImportedCollection = { source, exports: [], incidents: [] };
  let text: string;
  try {
    const bytes = await readFile(file);
    text = (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
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

/** Writes atomically (temp file, then rename), so a crash mid-write never leaves half a dataset. */
export async function writeImportedCollection(dataDir: string, collection: ImportedCollection): Promise<string> {
  const file = importedFilePath(dataDir, collection.source);
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(collection)}\n`, 'utf8');
  await rename(temp, file);
  return file;
}
