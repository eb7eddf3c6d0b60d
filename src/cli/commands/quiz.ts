import { parseArgs } from 'node:util';
import { z } from 'zod';
import { answerQuery } from '../../answer/answer-query.js';
import { loadAnswerContext } from '../../answer/load-answer-context.js';
import { readDataConfig } from '../../config/data-config.js';
import { buildQuiz } from '../../training/build-quiz.js';
import { renderAnswerText } from '../../views/text/render-answer.js';
import { renderQuizText, tooFewFactsText } from '../../views/text/render-quiz.js';
import { type CliCommand, UsageError, writeLine } from '../command.js';

const quizArgsSchema = z.object({
  values: z.object({ json: z.boolean().optional() }),
  positionals: z.array(z.string()).min(1, 'name the incident, e.g. breachbot quiz healthec'),
});

export const quizCommand: CliCommand = {
  name: 'quiz',
  summary: 'preview the quiz /breach quiz would post on an incident, answers marked',
  help: [
    'Usage: breachbot quiz "<incident>" [--json]',
    '',
    'Prints the questions `/breach quiz <incident>` would post in Slack, with the right answers,',
    'why, and the source of each: for a trainer to read before posting it.',
    '',
    'Examples:',
    '  breachbot quiz healthec',
    '  breachbot quiz "change healthcare" --json',
    '',
    'Options:',
    '  --json  print the quiz: {"incidentId", "organization", "questions": [{"prompt", "choices", "answer", ...}]}',
    '',
    'Exit status: 0 with a quiz; 1 when the words find no single incident or its record states too few facts.',
  ].join('\n'),
  async run(args, context) {
    let parsed: z.infer<typeof quizArgsSchema>;
    try {
      parsed = quizArgsSchema.parse(
        parseArgs({ args, options: { json: { type: 'boolean' } }, allowPositionals: true, strict: true }),
      );
    } catch (error) {
      const issue = error instanceof z.ZodError ? error.issues[0]?.message : undefined;
      throw new UsageError(issue ?? (error as Error).message);
    }
    const query = parsed.positionals.join(' ');
    const answerContext = await loadAnswerContext(readDataConfig(context.env, context.cwd).dataDir, {
      fewQueries: true,
    });
    const answer = answerQuery(query, answerContext);
    if (answer.kind !== 'incident') {
      writeLine(context.stderr, renderAnswerText(answer));
      writeLine(context.stderr, 'Name one incident for a quiz, e.g. breachbot quiz healthec');
      return 1;
    }
    const built = buildQuiz(answer.match.incident, answerContext.dataset);
    if (built.kind === 'too-few-facts') {
      writeLine(context.stderr, tooFewFactsText(built.organization, built.questions));
      return 1;
    }
    writeLine(context.stdout, parsed.values.json ? JSON.stringify(built.quiz, null, 2) : renderQuizText(built.quiz));
    return 0;
  },
};
