/**
 * Rebuilds data/shipped/ from the official lists named in data/shipped/sources.json.
 *
 *   npm run data:ship -- <folder holding the files the manifest names>
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { formatImportReport } from '../src/incidents/import/run-import.js';
import { buildShippedCollections, readShippedLists } from '../src/incidents/import/shipped-lists.js';
import { shippedFilePath } from '../src/incidents/imported-store.js';

const REPO_DATA_DIR = path.resolve(import.meta.dirname, '../data');

async function main(folder: string | undefined): Promise<number> {
  if (!folder) {
    console.error('usage: npm run data:ship -- <folder holding the files data/shipped/sources.json names>');
    return 2;
  }
  const lists = await readShippedLists(path.join(REPO_DATA_DIR, 'shipped', 'sources.json'));
  const collections = await buildShippedCollections(lists, path.resolve(folder), (report) =>
    console.log(formatImportReport(report, 5)),
  );
  for (const collection of collections) {
    const file = shippedFilePath(REPO_DATA_DIR, collection.source);
    const bytes = gzipSync(`${JSON.stringify(collection)}\n`, { level: 9 });
    await writeFile(file, bytes);
    console.log(`${path.relative(process.cwd(), file)}: ${collection.incidents.length} records, ${bytes.length} bytes`);
  }
  return 0;
}

process.exitCode = await main(process.argv[2]);
