import { loadDataset } from '../dataset/load-dataset.js';
import { DataFileError } from '../incidents/problems.js';
import { buildSearchIndex } from '../search/search-index.js';
import type { TextIndexOptions } from '../search/text-index.js';
import type { AnswerContext } from './answer-query.js';

/**
 * Loads and indexes the data under `dataDir` for whatever answers questions. Invalid data stops it
 * with one line per problem, exactly as `breachbot validate` prints them: answering from half-valid
 * data would hide the problem.
 */
export async function loadAnswerContext(dataDir: string, options: TextIndexOptions = {}): Promise<AnswerContext> {
  // The shipped lists are checked in full before they are committed (see `ReadOptions`); what a
  // person may edit, the cards and the local imports, is checked in full here, on every load.
  const { dataset, problems } = await loadDataset(dataDir, { trustShipped: true });
  if (problems.length > 0 || !dataset) {
    throw new DataFileError(problems);
  }
  return { dataset, index: buildSearchIndex(dataset.incidents, options) };
}
