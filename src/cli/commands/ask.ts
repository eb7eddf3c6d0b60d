import { parseArgs } from 'node:util';
import { z } from 'zod';
import { answerQuery } from '../../answer/answer-query.js';
import { todayIn } from '../../answer/list-question.js';
import { loadAnswerContext } from '../../answer/load-answer-context.js';
import { readDataConfig } from '../../config/data-config.js';
import { digestEnvShape } from '../../config/digest-config.js';
import { parseDigestCommand } from '../../digest/parse-digest-command.js';
import { parseQuizCommand } from '../../training/parse-quiz-command.js';
import { parseTrainingCommand } from '../../training/parse-training-command.js';
import { answerToJson } from '../../views/json/answer-json.js';
import { renderAnswerText } from '../../views/text/render-answer.js';
import { type CliCommand, UsageError, writeLine } from '../command.js';

const askArgsSchema = z.object({
  values: z.object({ json: z.boolean().optional() }),
  positionals: z.array(z.string()),
});

export const askCommand: CliCommand = {
  name: 'ask',
  summary: 'answer what a user would type after /breach',
  help: [
    'Usage: breachbot ask "<what a user would type after /breach>" [--json]',
    '',
    'Answers in the terminal as the bot would in Slack.',
    '',
    'Examples:',
    '  breachbot ask "helthec"',
    '  breachbot ask "was ARx Patient Solutions hacked?"',
    '  breachbot ask "steps ssn"',
    '  breachbot ask "state:NJ year:2023" --json',
    '',
    'Options:',
    '  --json  print the structured answer: {"query", "kind", "matches": [{"id", "organization", "score", ...}], ...}',
  ].join('\n'),
  async run(args, context) {
    let parsed: z.infer<typeof askArgsSchema>;
    try {
      parsed = askArgsSchema.parse(
        parseArgs({ args, options: { json: { type: 'boolean' } }, allowPositionals: true, strict: true }),
      );
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const query = parsed.positionals.join(' ');
    // These act on the Slack channel they are typed in; a terminal has no channel.
    if (parseQuizCommand(query) || parseTrainingCommand(query)) {
      throw new UsageError(
        `\`quiz …\` and \`training …\` post in a Slack channel, so they work in Slack only: type \`/breach ${query.trim()}\` there. ` +
          'In the terminal, `breachbot quiz <incident>` previews a quiz.',
      );
    }
    if (parseDigestCommand(query)) {
      throw new UsageError(
        `\`digest …\` and \`watch …\` act on a Slack channel's digest and on the watchlist, so they work in Slack only: ` +
          `type \`/breach ${query.trim()}\` there. In the terminal, \`breachbot digest --dry-run\` prints the digest.`,
      );
    }
    // One question, then the process ends: see `fewQueries`.
    const answerContext = await loadAnswerContext(readDataConfig(context.env, context.cwd).dataDir, {
      fewQueries: true,
    });
    // "this year" as the bot would read it: in DIGEST_TZ.
    const timeZone = digestEnvShape.DIGEST_TZ.safeParse(context.env.DIGEST_TZ);
    if (!timeZone.success) throw new UsageError(`DIGEST_TZ ${timeZone.error.issues[0]?.message ?? 'is invalid'}`);
    const answer = answerQuery(query, { ...answerContext, today: todayIn(timeZone.data) });
    if (parsed.values.json) {
      writeLine(context.stdout, JSON.stringify(answerToJson(query, answer), null, 2));
    } else {
      writeLine(context.stdout, renderAnswerText(answer));
    }
    return answer.kind === 'usage' && answer.problem ? 2 : 0;
  },
};
