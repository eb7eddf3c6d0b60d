import type { Checklist, Guidance, GuidanceStep } from '../guidance/model.js';
import { QUIZ_CHOICE_MAX } from './quiz.js';

/** A guidance step as a choice: its own words, short enough for a button. */
export interface StepChoice {
  checklist: Checklist;
  step: GuidanceStep;
  text: string;
}

/**
 * A sentence that says no step exists (the biometric checklist begins "There is no official consumer
 * checklist.") is not a step, however short.
 */
const NOT_A_STEP = /^there (?:is|are) no\b/i;

/**
 * A step's words that fit on a button without losing their meaning: its first sentence, or the part of
 * that sentence before a semicolon (which joins two sentences that each stand alone). Never a cut in
 * the middle of a clause; a step with neither is not offered.
 */
export function stepChoiceText(step: GuidanceStep): string | undefined {
  const first = (/^.+?[.!?](?=\s|$)/.exec(step.text.trim())?.[0] ?? step.text).trim();
  const [beforeSemicolon = first] = first.split('; ');
  const text = [first, beforeSemicolon].find((candidate) => candidate.length <= QUIZ_CHOICE_MAX);
  return text && !NOT_A_STEP.test(text) ? text : undefined;
}

/** Every step that can be a choice, in the guidance's order; worked out once per guidance. */
const cache = new WeakMap<Guidance, readonly StepChoice[]>();

export function stepChoices(guidance: Guidance): readonly StepChoice[] {
  let choices = cache.get(guidance);
  if (!choices) {
    choices = guidance.checklists.flatMap((checklist) =>
      checklist.steps.flatMap((step) => {
        const text = stepChoiceText(step);
        return text ? [{ checklist, step, text }] : [];
      }),
    );
    cache.set(guidance, choices);
  }
  return choices;
}
