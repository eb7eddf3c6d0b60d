import { readDataConfig } from '../../config/data-config.js';
import { readSourcesConfig } from '../../config/sources-config.js';
import { describeSourceOverview, sourceOverviews } from '../../sources/source-overview.js';
import { type CliCommand, UsageError, writeLine } from '../command.js';

export const sourcesCommand: CliCommand = {
  name: 'sources',
  summary: 'the official breach lists: records, date, last sync and last error of each',
  help: [
    'Usage: breachbot sources',
    '',
    'One line per official list: how many records DATA_DIR holds of it, the date of the newest',
    'list (the one shipped with breachbot, or a later import or sync), the last successful',
    '`breachbot sync`, the last error since, and whether the source is configured.',
  ].join('\n'),
  async run(args, context) {
    if (args.length > 0) throw new UsageError(`sources takes no arguments (got "${args.join(' ')}").`);
    const { dataDir } = readDataConfig(context.env, context.cwd);
    const config = readSourcesConfig(context.env);
    for (const overview of await sourceOverviews(dataDir, config)) {
      writeLine(context.stdout, describeSourceOverview(overview));
    }
    return 0;
  },
};
