import { loadAnswerContext } from '../../answer/load-answer-context.js';
import { latestIncidents } from '../../answer/stats.js';
import { readDataConfig } from '../../config/data-config.js';
import { renderAnswerText } from '../../views/text/render-answer.js';
import { type CliCommand, UsageError, writeLine } from '../command.js';

export const latestCommand: CliCommand = {
  name: 'latest',
  summary: 'the newest disclosures',
  help: ['Usage: breachbot latest [count]', '', 'count: 1 to 100, default 10.'].join('\n'),
  async run(args, context) {
    const [countText, ...extra] = args;
    const count = countText === undefined ? 10 : Number(countText);
    if (extra.length > 0 || !Number.isInteger(count) || count < 1 || count > 100) {
      throw new UsageError('latest takes at most one argument, a count from 1 to 100.');
    }
    const { dataset } = await loadAnswerContext(readDataConfig(context.env, context.cwd).dataDir);
    writeLine(
      context.stdout,
      renderAnswerText({ kind: 'latest', incidents: latestIncidents(dataset.incidents, count) }),
    );
    return 0;
  },
};
