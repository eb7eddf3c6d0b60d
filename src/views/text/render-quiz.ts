import type { Quiz } from '../../training/quiz.js';

const LETTERS = ['A', 'B', 'C', 'D'] as const;

/** A quiz for the trainer who previews it in a terminal: every question, the right answer marked, why, and where from. */
export function renderQuizText(quiz: Quiz): string {
  const lines = [`Quiz: ${quiz.organization} (${quiz.questions.length} questions, from the record)`];
  quiz.questions.forEach((question, index) => {
    lines.push('', `${index + 1}. ${question.prompt}`);
    question.choices.forEach((choice, c) => {
      lines.push(`   ${LETTERS[c]}. ${choice}${c === question.answer ? '   <- right' : ''}`);
    });
    lines.push(`   Why: ${question.explanation}`, `   Source: ${question.source.title} <${question.source.url}>`);
  });
  lines.push('', 'In Slack, `/breach quiz <incident>` posts it in the channel, with buttons to answer.');
  return lines.join('\n');
}

/** When the record states too little for a quiz. */
export function tooFewFactsText(organization: string, questions: number): string {
  return `The record of ${organization} states too few facts for a quiz (${questions} honest ${
    questions === 1 ? 'question' : 'questions'
  }; a quiz needs at least 3).`;
}
