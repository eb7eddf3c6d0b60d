import type { Source } from '../incidents/model.js';
import type { Quiz } from './quiz.js';
import type { QuizAnswer } from './records.js';

export interface JudgedAnswer {
  correct: boolean;
  /** The right choice's text, as posted. */
  rightChoice: string;
  explanation: string;
  source: Source;
}

/** Whether `choice` is the right answer to question `questionIndex`; undefined when either is not in the quiz. */
export function judgeAnswer(quiz: Quiz, questionIndex: number, choice: number): JudgedAnswer | undefined {
  const question = Number.isInteger(questionIndex) ? quiz.questions[questionIndex] : undefined;
  if (!question || !Number.isInteger(choice) || choice < 0 || choice >= question.choices.length) return undefined;
  return {
    correct: choice === question.answer,
    rightChoice: question.choices[question.answer] ?? '',
    explanation: question.explanation,
    source: question.source,
  };
}

export interface QuestionTally {
  index: number;
  prompt: string;
  answered: number;
  right: number;
  /** From 0 to 1; undefined while nobody has answered. */
  shareRight: number | undefined;
  /** How many chose each choice, by its place. */
  choiceCounts: number[];
}

export interface QuizTally {
  /** Distinct people who answered at least one question. */
  respondents: number;
  questions: QuestionTally[];
}

/**
 * How a quiz went, question by question. Rightness is judged again against the quiz as posted rather
 * than read from each answer's stored flag, so the tally and the verdicts people saw cannot disagree;
 * answers to questions or choices the quiz does not have are left out, and a person counts once per
 * question (their first answer: the store keeps only that one, but a tally does not rely on it).
 */
export function tallyQuiz(quiz: Quiz, answers: readonly QuizAnswer[]): QuizTally {
  const questions = quiz.questions.map((question, index) => ({
    index,
    prompt: question.prompt,
    answered: 0,
    right: 0,
    shareRight: undefined as number | undefined,
    choiceCounts: question.choices.map(() => 0),
  }));
  const people = new Set<string>();
  const counted = new Set<string>();
  const ordered = [...answers].sort((a, b) => a.answeredAt - b.answeredAt);
  for (const answer of ordered) {
    const judged = judgeAnswer(quiz, answer.questionIndex, answer.choice);
    const tally = questions[answer.questionIndex];
    const key = `${answer.questionIndex}\n${answer.userId}`;
    if (!judged || !tally || counted.has(key)) continue;
    counted.add(key);
    people.add(answer.userId);
    tally.answered++;
    if (judged.correct) tally.right++;
    tally.choiceCounts[answer.choice] = (tally.choiceCounts[answer.choice] ?? 0) + 1;
  }
  for (const tally of questions) tally.shareRight = tally.answered > 0 ? tally.right / tally.answered : undefined;
  return { respondents: people.size, questions };
}
