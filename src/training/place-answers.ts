import type { OpenDraft, QuestionDraft } from './question-draft.js';
import type { QuizQuestion } from './quiz.js';
import { type Random, randomIndex, shuffled } from './seeded-random.js';

function drawPlace(size: number, avoid: ReadonlySet<number>, random: Random): number {
  const places = Array.from({ length: size }, (_, index) => index).filter((index) => !avoid.has(index));
  return places.length > 0 ? (places[randomIndex(random, places.length)] as number) : randomIndex(random, size);
}

/**
 * Where each right answer goes. A question on a scale keeps its order, so its place is the fact's;
 * elsewhere the place is drawn, never the question before's, and never one that would put every
 * answer of the quiz on the same button: nobody scores by always pressing one.
 */
function answerPlaces(drafts: readonly QuestionDraft[], random: Random): number[] {
  const places: number[] = [];
  for (const draft of drafts) {
    const previous = places.at(-1);
    places.push(
      draft.kind === 'scale'
        ? draft.answer
        : drawPlace(draft.wrong.length + 1, new Set(previous === undefined ? [] : [previous]), random),
    );
  }
  const open = drafts.findIndex((draft) => draft.kind === 'open');
  const [first] = places;
  if (places.length > 1 && open >= 0 && places.every((place) => place === first)) {
    places[open] = drawPlace((drafts[open] as OpenDraft).wrong.length + 1, new Set([first as number]), random);
  }
  return places;
}

/** The questions with their choices in place. */
export function placeAnswers(drafts: readonly QuestionDraft[], random: Random): QuizQuestion[] {
  const places = answerPlaces(drafts, random);
  return drafts.map((draft, index) => {
    const { topic, prompt, explanation, source } = draft;
    if (draft.kind === 'scale')
      return { topic, prompt, choices: draft.choices, answer: draft.answer, explanation, source };
    const answer = places[index] as number;
    const choices = shuffled(draft.wrong, random);
    choices.splice(answer, 0, draft.right);
    return { topic, prompt, choices, answer, explanation, source };
  });
}
