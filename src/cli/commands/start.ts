import { createInterface } from 'node:readline/promises';
import type { Readable } from 'node:stream';
import { answerQuery } from '../../answer/answer-query.js';
import { renderAnswerText } from '../../views/text/render-answer.js';
import { type CliCommand, UsageError, writeLine } from '../command.js';
import { loadAnswerContext } from '../load-answer-context.js';

/**
 * Until the Slack app lands, `npm start` runs breachbot locally: a prompt that answers exactly what
 * `/breach` would, from the shipped data. It reads standard input, so it also answers piped lines.
 */
export const startCommand: CliCommand = {
  name: 'start',
  summary: 'run breachbot locally: type what you would type after /breach',
  help: ['Usage: breachbot start', '', 'Answers questions typed at the prompt; Ctrl-D or "exit" ends it.'].join('\n'),
  async run(args, context) {
    if (args.length > 0) throw new UsageError(`start takes no arguments (got "${args.join(' ')}").`);
    const answerContext = await loadAnswerContext(context);
    const input: Readable = context.stdin ?? process.stdin;
    writeLine(
      context.stdout,
      `breachbot is running locally on ${answerContext.index.size} incidents. Type what you would type after /breach (try "helthec" or "help"); "exit" ends.`,
    );
    const lines = createInterface({ input, output: context.stdout, terminal: false });
    context.stdout.write('/breach ');
    for await (const line of lines) {
      if (/^\s*(exit|quit)\s*$/i.test(line)) break;
      writeLine(context.stdout, renderAnswerText(answerQuery(line, answerContext)));
      context.stdout.write('\n/breach ');
    }
    lines.close();
    writeLine(context.stdout);
    return 0;
  },
};
