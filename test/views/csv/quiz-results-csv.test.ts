import { describe, expect, it } from 'vitest';
import type { QuizAnswer, QuizRecord } from '../../../src/training/records.js';
import { QUIZ_CSV_COLUMNS, quizResultsCsv, quizResultsFileName } from '../../../src/views/csv/quiz-results-csv.js';

const record: QuizRecord = {
  quizId: 'Q4F7K2MN',
  channelId: 'C0TRAINING',
  postedBy: 'U0TRAINER',
  createdAt: 0,
  quiz: {
    incidentId: 'healthec-2023',
    organization: 'HealthEC, LLC',
    questions: [0, 1, 2].map((index) => ({
      topic: 'how-it-happened' as const,
      prompt: `Question "${index}"`,
      choices: ['One', 'Two', 'Three'],
      answer: index,
      explanation: 'Because.',
      source: { title: 'HHS', url: 'https://ocrportal.hhs.gov/' },
    })),
  },
};

const answer = (userId: string, questionIndex: number, choice: number): QuizAnswer => ({
  quizId: 'Q4F7K2MN',
  questionIndex,
  userId,
  choice,
  correct: choice === questionIndex,
  answeredAt: Date.UTC(2026, 11, 2, 10, 5),
});

/** A small RFC 4180 reader, to check the file as a spreadsheet would read it. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      row.push(cell);
      cell = '';
    } else if (!quoted && c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      cell += c;
    }
  }
  return rows;
}

describe('quizResultsCsv', () => {
  it('has a header and one row per answer, names only where known', () => {
    const csv = quizResultsCsv(record, [answer('U1', 0, 0), answer('U2', 1, 2)], new Map([['U1', 'Ada']]));
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = readCsv(csv);
    expect(rows[0]).toEqual([...QUIZ_CSV_COLUMNS]);
    expect(rows[1]).toEqual([
      'Q4F7K2MN',
      'HealthEC, LLC',
      '1',
      'Question "0"',
      'U1',
      'Ada',
      'One',
      'yes',
      'One',
      '2026-12-02T10:05:00.000Z',
    ]);
    expect(rows[2]?.slice(4, 9)).toEqual(['U2', '', 'Three', 'no', 'Two']);
    expect(rows).toHaveLength(3);
  });

  it('keeps a name that looks like a formula as text', () => {
    const rows = readCsv(quizResultsCsv(record, [answer('U1', 0, 0)], new Map([['U1', '=HYPERLINK("x")']])));
    expect(rows[1]?.[5]).toBe(`'=HYPERLINK("x")`);
  });

  it('names the file after the quiz and the incident', () => {
    expect(quizResultsFileName(record)).toBe('quiz-Q4F7K2MN-healthec-2023.csv');
  });
});
