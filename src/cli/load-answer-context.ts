import type { AnswerContext } from '../answer/answer-query.js';
import { readDataConfig } from '../config/data-config.js';
import { loadDataset } from '../incidents/load-dataset.js';
import { DataFileError } from '../incidents/problems.js';
import { buildSearchIndex } from '../search/search-index.js';
import type { CliContext } from './command.js';

/**
 * Loads and indexes the data for a command that answers questions. Invalid data stops it with one
 * line per problem, exactly as `breachbot validate` prints them: answering from half-valid data
 * would hide the problem.
 */
export async function loadAnswerContext(context: CliContext): Promise<AnswerContext> {
  const { dataDir } = readDataConfig(context.env, context.cwd);
  const { dataset, problems } = await loadDataset(dataDir);
  if (problems.length > 0 || !dataset) {
    throw new DataFileError(problems);
  }
  return { dataset, index: buildSearchIndex(dataset.incidents) };
}
