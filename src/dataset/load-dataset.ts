import { loadGuidance } from '../guidance/load-guidance.js';
import type { Guidance } from '../guidance/model.js';
import { IMPORT_SOURCES, type ReadOptions, readSourceCollection } from '../incidents/imported-store.js';
import { loadCuratedIncidents } from '../incidents/load-curated.js';
import { mergeFilings } from '../incidents/merge-filings.js';
import type { Incident } from '../incidents/model.js';
import type { DataProblem } from '../incidents/problems.js';

export interface Dataset {
  incidents: Incident[];
  guidance: Guidance;
}

export interface DatasetLoad {
  dataset: Dataset | undefined;
  problems: DataProblem[];
  /** `joined`: imported records that joined another list's record of the same breach. */
  counts: { curated: number; imported: number; coveredByCurated: number; joined: number };
}

/**
 * Loads everything under `dataDir`: curated cards, guidance and imported records, merged so that a
 * curated card stands for the imported records of the same incident. Every problem is collected;
 * `dataset` is undefined only when the guidance cannot be read at all. `options.trustShipped`: see
 * `ReadOptions`; left off, every file gets every check, as `breachbot validate` needs.
 */
export async function loadDataset(dataDir: string, options: ReadOptions = {}): Promise<DatasetLoad> {
  const [curated, guidance, ...imported] = await Promise.all([
    loadCuratedIncidents(dataDir),
    loadGuidance(dataDir),
    ...IMPORT_SOURCES.map((source) => readSourceCollection(dataDir, source, options)),
  ]);
  const problems = [...curated.problems, ...guidance.problems, ...imported.flatMap((result) => result.problems)];
  const importedIncidents = imported.flatMap((result) => result.value.incidents);
  const merged = mergeFilings(curated.value, importedIncidents);
  return {
    dataset: guidance.value ? { incidents: merged.incidents, guidance: guidance.value } : undefined,
    problems,
    counts: {
      curated: curated.value.length,
      imported: importedIncidents.length,
      coveredByCurated: merged.coveredByCurated.size,
      joined: merged.joined,
    },
  };
}
