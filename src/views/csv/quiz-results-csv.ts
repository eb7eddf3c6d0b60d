import type { QuizAnswer, QuizRecord } from '../../training/records.js';

export const QUIZ_CSV_COLUMNS = [
  'quiz_id',
  'incident',
  'question_number',
  'question',
  'person_id',
  'person_name',
  'answer',
  'correct',
  'right_answer',
  'answered_at_utc',
] as const;

/**
 * A spreadsheet runs a cell that starts with one of these as a formula: a display name such as
 * `=HYPERLINK(...)` must arrive as text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

function cell(value: string | number): string {
  const text = String(value);
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * Every answer to a quiz, one row each (RFC 4180, CRLF line ends), for the trainer alone: the only
 * place names appear. `names` maps user ids to display names; an unknown id keeps an empty name.
 */
export function quizResultsCsv(
  record: QuizRecord,
  answers: readonly QuizAnswer[],
  names: ReadonlyMap<string, string> = new Map(),
): string {
  const rows = answers.map((answer) => {
    const question = record.quiz.questions[answer.questionIndex];
    return [
      record.quizId,
      record.quiz.organization,
      answer.questionIndex + 1,
      question?.prompt ?? '',
      answer.userId,
      names.get(answer.userId) ?? '',
      question?.choices[answer.choice] ?? '',
      answer.correct ? 'yes' : 'no',
      question ? (question.choices[question.answer] ?? '') : '',
      new Date(answer.answeredAt).toISOString(),
    ];
  });
  return [QUIZ_CSV_COLUMNS, ...rows].map((row) => `${row.map(cell).join(',')}\r\n`).join('');
}

/** The export's file name: the quiz and the incident, in characters every file system takes. */
export function quizResultsFileName(record: QuizRecord): string {
  const slug = record.quiz.incidentId.replace(/[^a-z0-9-]/g, '').slice(0, 60);
  return `quiz-${record.quizId}-${slug || 'results'}.csv`;
}
