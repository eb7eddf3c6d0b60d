import type { Quiz } from './quiz.js';

/**
 * What the trainers' features keep between runs (the store keeps them; it does not define them).
 * Times are epoch milliseconds.
 */

/** Deliveries whose key starts with this are weekly training posts (src/delivery/deliver-digest.ts). */
export const TRAINING_KEY_PREFIX = 'training:';

/** One posted quiz: who may see its results, and the questions exactly as posted. */
export interface QuizRecord {
  /** Short and typeable: `/breach quiz results <quizId>`. */
  quizId: string;
  channelId: string;
  /** The trainer: who posted it, or who turned the weekly training on for a scheduled post. */
  postedBy: string;
  createdAt: number;
  quiz: Quiz;
}

/** One person's answer to one question; the first one is final. */
export interface QuizAnswer {
  quizId: string;
  /** 0-based, into `quiz.questions`. */
  questionIndex: number;
  userId: string;
  /** 0-based, into the question's choices. */
  choice: number;
  correct: boolean;
  answeredAt: number;
}

export type RecordAnswerResult = { recorded: true } | { recorded: false; existing: QuizAnswer };

/** The incident the weekly training post of one period is about: one per period, whichever instance picked it. */
export interface TrainingPick {
  periodKey: string;
  incidentId: string;
  pickedAt: number;
}
