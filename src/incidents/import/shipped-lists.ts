import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import {
  IMPORT_SOURCES,
  type ImportedCollection,
  type ImportSource,
  readImportedCollection,
} from '../imported-store.js';
import { type ImportReport, runImport } from './run-import.js';

/** data/shipped/sources.json: the official lists the repository ships, in the order they are imported. */
export const shippedListsSchema = z.object({
  about: z.string(),
  lists: z
    .array(
      z.strictObject({
        source: z.enum(IMPORT_SOURCES),
        file: z.string().regex(/^[\w.-]+$/, 'must be a plain file name'),
        title: z.string().min(1),
        url: z.url({ protocol: /^https$/ }),
        asOf: z.iso.date(),
        licence: z.string().min(1),
      }),
    )
    .min(1),
});
export type ShippedList = z.infer<typeof shippedListsSchema>['lists'][number];

export async function readShippedLists(manifestFile: string): Promise<ShippedList[]> {
  const parsed = shippedListsSchema.safeParse(JSON.parse(await readFile(manifestFile, 'utf8')));
  if (!parsed.success) {
    throw new Error(
      parsed.error.issues.map((issue) => `${manifestFile}: ${issue.path.join('.')}: ${issue.message}`).join('\n'),
    );
  }
  return parsed.data.lists;
}

/**
 * Imports the lists in order with breachbot's own importers, so that a later list revises an earlier
 * one exactly as `breachbot import` would, and returns each source's collection as the repository
 * ships it: every export named by its official address, and no record with a `firstSeen`. The
 * shipped lists are a baseline, not news: the first digest after an install or an update must not
 * announce years of history as new.
 */
export async function buildShippedCollections(
  lists: readonly ShippedList[],
  folder: string,
  onReport: (report: ImportReport) => void = () => undefined,
): Promise<ImportedCollection[]> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'breachbot-ship-'));
  try {
    for (const list of lists) {
      const report = await runImport({
        source: list.source,
        from: path.resolve(folder, list.file),
        dataDir: work,
        cwd: folder,
        now: new Date(`${list.asOf}T00:00:00Z`),
      });
      onReport(report);
      // A list's own contradictions (Washington's has rows aware of a breach before it began) are
      // rejected by its importer and printed in the report; a list that imports nothing is an error.
      if (!report.file) throw new Error(`${list.file}: nothing could be imported`);
    }
    const sources = [...new Set(lists.map((list) => list.source))];
    return await Promise.all(sources.map((source) => shippedCollection(work, source, lists)));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function shippedCollection(
  work: string,
  source: ImportSource,
  lists: readonly ShippedList[],
): Promise<ImportedCollection> {
  const { value, problems } = await readImportedCollection(work, source);
  if (problems.length > 0) throw new Error(`${source}: ${problems.map((problem) => problem.message).join('; ')}`);
  return {
    source,
    // The official address, not the path on the machine that built it.
    exports: value.exports.map((record) => {
      const list = lists.find((candidate) => path.basename(record.from) === candidate.file);
      return list ? { ...record, from: list.url } : record;
    }),
    incidents: value.incidents.map((incident) => {
      if (incident.origin === 'curated') return incident;
      const { firstSeen: _baseline, ...rest } = incident;
      return rest;
    }),
  };
}
