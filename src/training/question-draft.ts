import type { Source } from '../incidents/model.js';
import { type QuestionTopic, quizQuestionSchema } from './quiz.js';

interface DraftBase {
  topic: QuestionTopic;
  prompt: string;
  /** One sentence: why the right answer is right, as the record states it. */
  explanation: string;
  source: Source;
}

/** Choices with no order of their own: the quiz decides where the right one goes. */
export interface OpenDraft extends DraftBase {
  kind: 'open';
  right: string;
  wrong: string[];
}

/** Choices on a scale (a count, a delay): they keep their order, so the right one's place is the fact's. */
export interface ScaleDraft extends DraftBase {
  kind: 'scale';
  choices: string[];
  answer: number;
}

/** A question before its choices are placed. */
export type QuestionDraft = OpenDraft | ScaleDraft;

/**
 * Whether the draft makes a valid question wherever its right answer goes: a draft that would not (a
 * choice too long for its button, two choices alike) is left out rather than posted broken.
 */
export function isValidDraft(draft: QuestionDraft): boolean {
  const { topic, prompt, explanation, source } = draft;
  const placed =
    draft.kind === 'scale'
      ? { choices: draft.choices, answer: draft.answer }
      : { choices: [draft.right, ...draft.wrong], answer: 0 };
  return quizQuestionSchema.safeParse({ topic, prompt, explanation, source, ...placed }).success;
}
