import type { AnswerContext } from '../../src/answer/answer-query.js';
import { loadDataset } from '../../src/incidents/load-dataset.js';
import { buildSearchIndex } from '../../src/search/search-index.js';
import { REPO_DATA_DIR } from './paths.js';

/** The shipped data (curated cards and guidance), loaded once per test file. */
export async function repoAnswerContext(): Promise<AnswerContext> {
  const { dataset, problems } = await loadDataset(REPO_DATA_DIR);
  if (!dataset || problems.length > 0) throw new Error(`shipped data is invalid: ${JSON.stringify(problems)}`);
  return { dataset, index: buildSearchIndex(dataset.incidents) };
}
