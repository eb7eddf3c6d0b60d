import { z } from 'zod';
import {
  QUIZ_CHOICE_MAX,
  QUIZ_CHOICES_MAX,
  QUIZ_CHOICES_MIN,
  QUIZ_QUESTIONS_MAX,
  sourceSchema,
} from '../incidents/model.js';

/**
 * The limits live with the incident model, which checks a curated card's own questions against them:
 * up to five questions; one right answer and two or three plausible wrong ones; a choice fits on a
 * Slack button (75 characters).
 */
export { QUIZ_CHOICE_MAX, QUIZ_CHOICES_MAX, QUIZ_CHOICES_MIN, QUIZ_QUESTIONS_MAX };

/** A quiz asks at least this many questions: fewer stated facts, and it says so instead of asking filler. */
export const QUIZ_QUESTIONS_MIN = 3;

/** What a question asks about; `hand-written` is a curated card's own question. */
export const QUESTION_TOPICS = [
  'data-exposed',
  'how-it-happened',
  'notification-delay',
  'protective-step',
  'staff-action',
  'people-affected',
  'hand-written',
] as const;
export type QuestionTopic = (typeof QUESTION_TOPICS)[number];

export const quizQuestionSchema = z
  .strictObject({
    topic: z.enum(QUESTION_TOPICS),
    prompt: z.string().trim().min(1).max(500),
    choices: z.array(z.string().trim().min(1).max(QUIZ_CHOICE_MAX)).min(QUIZ_CHOICES_MIN).max(QUIZ_CHOICES_MAX),
    /** Index into `choices` of the right one. */
    answer: z.number().int().nonnegative(),
    /** One sentence: why the right answer is right, as the record states it. */
    explanation: z.string().trim().min(1).max(500),
    /** Where the record or the step states it. */
    source: sourceSchema,
  })
  .refine((question) => question.answer < question.choices.length, { error: 'answer must index one of the choices' })
  .refine((question) => new Set(question.choices.map((c) => c.toLowerCase())).size === question.choices.length, {
    error: 'choices must differ',
  });
export type QuizQuestion = z.infer<typeof quizQuestionSchema>;

export const quizSchema = z.strictObject({
  incidentId: z.string().min(1),
  organization: z.string().min(1),
  questions: z.array(quizQuestionSchema).min(QUIZ_QUESTIONS_MIN).max(QUIZ_QUESTIONS_MAX),
});
/** Questions built from one incident's stated facts; kept as posted, so answers are judged against what people saw. */
export type Quiz = z.infer<typeof quizSchema>;

export type QuizBuild =
  | { kind: 'quiz'; quiz: Quiz }
  /** The record states too few facts for `QUIZ_QUESTIONS_MIN` honest questions. */
  | { kind: 'too-few-facts'; incidentId: string; organization: string; questions: number };
