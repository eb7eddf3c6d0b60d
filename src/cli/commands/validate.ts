import { readDataConfig } from '../../config/data-config.js';
import { loadDataset } from '../../dataset/load-dataset.js';
import { formatProblem } from '../../incidents/problems.js';
import { type CliCommand, UsageError, writeLine } from '../command.js';

export const validateCommand: CliCommand = {
  name: 'validate',
  summary: 'check every data file; one line per problem',
  help: [
    'Usage: breachbot validate',
    '',
    'Checks the curated cards (DATA_DIR/incidents/*.yaml), the guidance (DATA_DIR/guidance.yaml) and the',
    'imported records (DATA_DIR/imported/*.json). Prints one line per problem: file, record, field, why.',
    'Exits 1 if there is any problem.',
  ].join('\n'),
  async run(args, context) {
    if (args.length > 0) throw new UsageError(`validate takes no arguments (got "${args.join(' ')}").`);
    const { dataDir } = readDataConfig(context.env, context.cwd);
    const { dataset, problems, counts } = await loadDataset(dataDir);
    for (const problem of problems) writeLine(context.stdout, formatProblem(problem));
    if (problems.length > 0 || !dataset) {
      writeLine(context.stderr, `${problems.length} problem${problems.length === 1 ? '' : 's'} in ${dataDir}`);
      return 1;
    }
    writeLine(
      context.stdout,
      `ok: ${counts.curated} curated cards, ${counts.imported} imported records (${counts.coveredByCurated} covered by curated cards, ${counts.joined} joined to another list's filing of the same breach), ${dataset.guidance.checklists.length} guidance checklists in ${dataDir}`,
    );
    return 0;
  },
};
