import { loadAnswerContext } from '../../answer/load-answer-context.js';
import { computeStats } from '../../answer/stats.js';
import { readDataConfig } from '../../config/data-config.js';
import { renderAnswerText } from '../../views/text/render-answer.js';
import { type CliCommand, UsageError, writeLine } from '../command.js';

export const statsCommand: CliCommand = {
  name: 'stats',
  summary: 'totals by type, kind of organisation, year and state',
  help: ['Usage: breachbot stats [year]', '', 'Examples:', '  breachbot stats', '  breachbot stats 2023'].join('\n'),
  async run(args, context) {
    const [year, ...extra] = args;
    if (extra.length > 0 || (year !== undefined && !/^\d{4}$/.test(year))) {
      throw new UsageError('stats takes at most one argument, a four-digit year.');
    }
    const { dataset } = await loadAnswerContext(readDataConfig(context.env, context.cwd).dataDir);
    const stats = computeStats(dataset.incidents, year === undefined ? undefined : Number(year));
    writeLine(context.stdout, renderAnswerText({ kind: 'stats', stats }));
    return 0;
  },
};
