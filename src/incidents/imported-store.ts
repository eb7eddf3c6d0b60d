import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { isNotFound } from './load-curated.js';
import { type Incident, incidentSchema, isoDate } from './model.js';
import type { DataProblem } from './problems.js';
import { problemsFromZodError } from './problems.js';

export const IMPORT_SOURCES = ['hhs-ocr', 'hibp'] as const;
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
 * Reads one source's imported records. Each record is validated on its own so that one bad record is
 * reported by id and the rest still load.
 */
export async function readImportedCollection(
  dataDir: string,
  source: ImportSource,
): Promise<{ value: ImportedCollection; problems: DataProblem[] }> {
  const file = importedFilePath(dataDir, source);
  const empty: ImportedCollection = { source, exports: [], incidents: [] };
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (isNotFound(error)) return { value: empty, problems: [] };
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
