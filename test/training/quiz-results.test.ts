import { describe, expect, it } from 'vitest';
import type { Quiz } from '../../src/training/quiz.js';
import { judgeAnswer, tallyQuiz } from '../../src/training/quiz-results.js';
import type { QuizAnswer } from '../../src/training/records.js';

const SOURCE = { title: 'HHS OCR breach portal', url: 'https://ocrportal.hhs.gov/ocr/breach/breach_report.jsf' };

const quiz: Quiz = {
  incidentId: 'healthec-2023',
  organization: 'HealthEC LLC',
  questions: [
    {
      topic: 'data-exposed',
      prompt: 'Which of these kinds of data does the card list as exposed?',
      choices: ['Passports', 'Social Security numbers', 'Payment cards'],
      answer: 1,
      explanation: 'The card lists Social Security numbers.',
      source: SOURCE,
    },
    {
      topic: 'how-it-happened',
      prompt: 'How does the card describe the way it happened?',
      choices: ['Theft', 'Loss', 'Improper disposal', 'Hacking/IT incident'],
      answer: 3,
      explanation: 'The card lists hacking.',
      source: SOURCE,
    },
    {
      topic: 'people-affected',
      prompt: 'How many people were affected?',
      choices: ['Fewer than 1,000', '1,000 to 9,999', '10,000 to 99,999'],
      answer: 0,
      explanation: 'The HHS OCR breach portal counts 600.',
      source: SOURCE,
    },
  ],
};

let clock = 0;
function answer(userId: string, questionIndex: number, choice: number): QuizAnswer {
  const correct = quiz.questions[questionIndex]?.answer === choice;
  return { quizId: 'QABCDEFG', questionIndex, userId, choice, correct, answeredAt: ++clock };
}

describe('judgeAnswer', () => {
  it('says whether the choice is right, with the right choice, the explanation and the source', () => {
    expect(judgeAnswer(quiz, 0, 1)).toEqual({
      correct: true,
      rightChoice: 'Social Security numbers',
      explanation: 'The card lists Social Security numbers.',
      source: SOURCE,
    });
    expect(judgeAnswer(quiz, 1, 0)).toMatchObject({ correct: false, rightChoice: 'Hacking/IT incident' });
  });

  it('judges nothing for a question or choice the quiz does not have', () => {
    for (const [question, choice] of [
      [3, 0],
      [-1, 0],
      [0, 3],
      [0, -1],
      [0.5, 0],
      [0, 1.5],
      [Number.NaN, 0],
    ] as const) {
      expect(judgeAnswer(quiz, question, choice), `${question}, ${choice}`).toBeUndefined();
    }
    // Question 1 has four choices, question 0 three: the fourth is only valid on question 1.
    expect(judgeAnswer(quiz, 1, 3)?.correct).toBe(true);
  });
});

describe('tallyQuiz', () => {
  it('counts distinct people, answers, right answers and each choice, per question', () => {
    const answers = [
      answer('U1', 0, 1),
      answer('U2', 0, 1),
      answer('U3', 0, 2),
      answer('U1', 1, 3),
      answer('U2', 1, 0),
      answer('U4', 1, 0),
    ];
    const tally = tallyQuiz(quiz, answers);
    expect(tally.respondents).toBe(4);
    expect(tally.questions).toEqual([
      {
        index: 0,
        prompt: quiz.questions[0]?.prompt,
        answered: 3,
        right: 2,
        shareRight: 2 / 3,
        choiceCounts: [0, 2, 1],
      },
      {
        index: 1,
        prompt: quiz.questions[1]?.prompt,
        answered: 3,
        right: 1,
        shareRight: 1 / 3,
        choiceCounts: [2, 0, 0, 1],
      },
      {
        index: 2,
        prompt: quiz.questions[2]?.prompt,
        answered: 0,
        right: 0,
        shareRight: undefined,
        choiceCounts: [0, 0, 0],
      },
    ]);
  });

  it('is empty before anyone answers', () => {
    const tally = tallyQuiz(quiz, []);
    expect(tally.respondents).toBe(0);
    expect(tally.questions.map((question) => question.shareRight)).toEqual([undefined, undefined, undefined]);
  });

  it("counts a person's first answer to a question only, whatever order the answers come in", () => {
    const first = answer('U1', 0, 2);
    const later = answer('U1', 0, 1);
    const tally = tallyQuiz(quiz, [later, first]);
    expect(tally.respondents).toBe(1);
    expect(tally.questions[0]).toMatchObject({ answered: 1, right: 0, shareRight: 0, choiceCounts: [0, 0, 1] });
  });

  it('judges against the quiz as posted, and leaves out answers to questions or choices it does not have', () => {
    const stale = { ...answer('U1', 0, 0), correct: true };
    const strays = [answer('U2', 7, 0), answer('U3', 0, 9)];
    const tally = tallyQuiz(quiz, [stale, ...strays]);
    expect(tally.respondents).toBe(1);
    expect(tally.questions[0]).toMatchObject({ answered: 1, right: 0, choiceCounts: [1, 0, 0] });
  });
});
