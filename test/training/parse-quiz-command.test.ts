import { describe, expect, it } from 'vitest';
import { parseQuizCommand, QUIZ_QUERY_MAX } from '../../src/training/parse-quiz-command.js';
import { newQuizId, readQuizId, trainingQuizId } from '../../src/training/quiz-id.js';

describe('parseQuizCommand', () => {
  it('leaves anything that does not start with quiz to the search', () => {
    expect(parseQuizCommand('healthec')).toBeUndefined();
    expect(parseQuizCommand('quizlet breach')).toBeUndefined();
  });

  it('posts a quiz on the words after quiz', () => {
    expect(parseQuizCommand('Quiz  was HealthEC hacked?')).toEqual({
      kind: 'quiz',
      action: 'post',
      query: 'was HealthEC hacked?',
    });
  });

  it('reads results with a quiz id in any case', () => {
    expect(parseQuizCommand('quiz results q4f7k2mn')).toEqual({ kind: 'quiz', action: 'results', quizId: 'Q4F7K2MN' });
  });

  it('explains what is missing', () => {
    expect(parseQuizCommand('quiz')).toMatchObject({
      kind: 'usage',
      problem: expect.stringContaining('Name the incident'),
    });
    expect(parseQuizCommand('quiz results')).toMatchObject({
      kind: 'usage',
      problem: expect.stringContaining('quiz id'),
    });
    expect(parseQuizCommand('quiz results <!channel>')).toMatchObject({
      kind: 'usage',
      problem: expect.stringContaining('is not a quiz id'),
    });
    expect(parseQuizCommand(`quiz ${'a'.repeat(QUIZ_QUERY_MAX + 1)}`)).toMatchObject({ kind: 'usage' });
  });
});

describe('quiz ids', () => {
  it('are typeable, and what is typed reads back', () => {
    const id = newQuizId();
    expect(id).toMatch(/^Q[0-9A-Z]{7}$/);
    expect(readQuizId(id.toLowerCase())).toBe(id);
    expect(readQuizId('QILOU000')).toBeUndefined();
  });

  it('are the same for one channel and week, and differ between channels and weeks', () => {
    const id = trainingQuizId('C1', 'training:2026-W49');
    expect(id).toBe(trainingQuizId('C1', 'training:2026-W49'));
    expect(readQuizId(id)).toBe(id);
    expect(
      new Set([id, trainingQuizId('C2', 'training:2026-W49'), trainingQuizId('C1', 'training:2026-W50')]).size,
    ).toBe(3);
  });
});
