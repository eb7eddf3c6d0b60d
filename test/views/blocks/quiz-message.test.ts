import { describe, expect, it } from 'vitest';
import { QUIZ_CHOICE_MAX, type Quiz } from '../../../src/training/quiz.js';
import type { QuizRecord } from '../../../src/training/records.js';
import { ACTION_QUIZ_ANSWERS, ACTION_QUIZ_RESULTS, readQuizAnswerValue } from '../../../src/views/blocks/ids.js';
import {
  quizAnswerMessage,
  quizBlocks,
  quizMessage,
  quizResultsMessage,
  quizResultsRefusedMessage,
  quizUsageMessage,
} from '../../../src/views/blocks/quiz-message.js';
import { EVIL, EVIL_ESCAPED, expectNoLiveMarkup, expectWithinLimits } from './fixtures.js';

const source = { title: 'HHS OCR breach portal', url: 'https://ocrportal.hhs.gov/ocr/breach/' };

function question(prompt: string, answer = 1) {
  return {
    topic: 'how-it-happened' as const,
    prompt,
    choices: ['Stolen laptop', 'Hacking of a network server', 'Misdirected mail', 'Paper records lost'],
    answer,
    explanation: 'The filing says a hacker reached a network server.',
    source,
  };
}

function record(quiz: Partial<Quiz> = {}, postedBy = 'U0TRAINER'): QuizRecord {
  return {
    quizId: 'Q4F7K2MN',
    channelId: 'C0TRAINING',
    postedBy,
    createdAt: 0,
    quiz: {
      incidentId: 'healthec-2023',
      organization: 'HealthEC LLC',
      questions: [question('How did it happen?'), question('And how else?', 2), question('Third?', 0)],
      ...quiz,
    },
  };
}

type Button = { action_id: string; value: string; text: { text: string } };
function buttonsOf(blocks: readonly unknown[]): Button[] {
  return blocks.flatMap((block) => {
    const b = block as { type: string; elements?: Button[] };
    return b.type === 'actions' ? (b.elements ?? []) : [];
  });
}

describe('quizMessage', () => {
  it('asks each question with one button per choice, each carrying the quiz, the question and the choice', () => {
    const message = quizMessage(record());
    expectWithinLimits(message);
    const buttons = buttonsOf(message.blocks);
    const answers = buttons.filter((button) => button.action_id !== ACTION_QUIZ_RESULTS);
    expect(answers).toHaveLength(12);
    expect(answers.map((button) => readQuizAnswerValue(button.value))).toContainEqual({
      quizId: 'Q4F7K2MN',
      questionIndex: 2,
      choice: 3,
    });
    // Action ids must differ within a block: one per choice.
    expect(answers.slice(0, 4).map((button) => button.action_id)).toEqual([...ACTION_QUIZ_ANSWERS]);
    expect(answers[1]?.text.text).toBe('Hacking of a network server');
    expect(buttons.filter((button) => button.action_id === ACTION_QUIZ_RESULTS)).toEqual([
      expect.objectContaining({ value: 'Q4F7K2MN' }),
    ]);
    const text = JSON.stringify(message.blocks);
    expect(text).toContain('/breach quiz results Q4F7K2MN');
    expect(text).toContain('<@U0TRAINER>');
  });

  it('shows the longest choice a quiz allows whole on its button', () => {
    const longest = 'x'.repeat(QUIZ_CHOICE_MAX);
    const long = { ...question('Long?'), choices: [longest, 'Two', 'Three'], answer: 0 };
    const buttons = buttonsOf(quizMessage(record({ questions: [long, long, long] })).blocks);
    expect(buttons[0]?.text.text).toBe(longest);
  });

  it('never gives away the answer in the channel', () => {
    const text = JSON.stringify(quizMessage(record()).blocks);
    expect(text).not.toContain('✓');
    expect(text).not.toContain('network server.');
  });

  it('escapes hostile organisations and questions, and stays within limits', () => {
    const hostile = record({
      organization: `${EVIL} ${'Long Name '.repeat(40)}`,
      questions: [question(`${EVIL} ${'why? '.repeat(90)}`), question(EVIL), question(EVIL)],
    });
    const message = quizMessage(hostile);
    expectWithinLimits(message);
    expectNoLiveMarkup(message);
    expect(JSON.stringify(message.blocks)).toContain(EVIL_ESCAPED);
  });

  it('marks the right answer in a preview, which has no buttons', () => {
    const blocks = quizBlocks(record(), { preview: true });
    expect(buttonsOf(blocks)).toEqual([]);
    expect(JSON.stringify(blocks)).toContain('B. Hacking of a network server  ✓');
  });
});

describe('quizAnswerMessage', () => {
  const answered = {
    kind: 'answered' as const,
    first: true,
    questionIndex: 0,
    choice: 'Stolen laptop',
    correct: false,
    rightChoice: 'Hacking of a network server',
    explanation: 'The filing says a hacker reached a network server.',
    source,
  };

  it('tells a wrong first answer, the right one, why, and the source', () => {
    const message = quizAnswerMessage(answered);
    expectWithinLimits(message);
    const text = JSON.stringify(message.blocks);
    expect(text).toContain('❌');
    expect(text).toContain('You chose Stolen laptop; the answer is Hacking of a network server.');
    expect(text).toContain('The filing says a hacker reached a network server.');
    expect(text).toContain('<https://ocrportal.hhs.gov/ocr/breach/|HHS OCR breach portal>');
  });

  it('says that a second click keeps the first answer', () => {
    const text = JSON.stringify(quizAnswerMessage({ ...answered, first: false, correct: true }).blocks);
    expect(text).toContain('You already answered question 1, and your first answer counts.');
    expect(text).toContain('✅');
  });

  it('escapes what the data says', () => {
    const message = quizAnswerMessage({ ...answered, choice: EVIL, rightChoice: EVIL, explanation: EVIL });
    expectNoLiveMarkup(message);
  });

  it('explains a quiz that is gone', () => {
    expect(quizAnswerMessage({ kind: 'unknown-quiz' }).text).toContain('cannot find this quiz');
  });
});

describe('quizResultsMessage', () => {
  it('gives counts and shares per question, and no one’s name or id', () => {
    const message = quizResultsMessage(record(), {
      respondents: 2,
      questions: [
        { index: 0, prompt: 'How did it happen?', answered: 2, right: 1, shareRight: 0.5, choiceCounts: [1, 1, 0, 0] },
        { index: 1, prompt: 'And how else?', answered: 1, right: 1, shareRight: 1, choiceCounts: [0, 0, 1, 0] },
        { index: 2, prompt: 'Third?', answered: 0, right: 0, shareRight: undefined, choiceCounts: [0, 0, 0, 0] },
      ],
    });
    expectWithinLimits(message);
    const text = JSON.stringify(message.blocks);
    expect(text).toContain('*2 people* answered so far');
    expect(text).toContain('2 answered, 50% right');
    expect(text).toContain('1 answered, 100% right');
    expect(text).toContain('no answers yet');
    expect(text).not.toMatch(/<@U/);
  });

  it('tells anyone else whose quiz it is', () => {
    expect(quizResultsRefusedMessage(record()).text).toContain(
      'Only the trainer who posted quiz Q4F7K2MN (<@U0TRAINER>)',
    );
  });
});

describe('quizUsageMessage', () => {
  it('shows both commands, escaped', () => {
    const message = quizUsageMessage(EVIL);
    expectNoLiveMarkup(message);
    expect(message.text).toContain('/breach quiz results &lt;quiz id&gt;');
  });
});
