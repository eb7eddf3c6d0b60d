import type { Incident } from '../incidents/model.js';
import type { OpenDraft } from './question-draft.js';

/**
 * A curated card's own questions, as written: the card's first source unless a question names its
 * own. Loading the card checked that each answer is one of its choices.
 */
export function handWrittenQuestions(incident: Incident): OpenDraft[] {
  if (incident.origin !== 'curated' || !incident.quiz) return [];
  const [cardSource] = incident.sources;
  return incident.quiz.flatMap((question) => {
    const source = question.source ?? cardSource;
    if (!source) return [];
    return [
      {
        kind: 'open' as const,
        topic: 'hand-written' as const,
        prompt: question.question,
        right: question.answer,
        wrong: question.choices.filter((choice) => choice !== question.answer),
        explanation: question.explanation,
        source,
      },
    ];
  });
}
