import type { Incident } from '../../src/incidents/model.js';
import type { QuizBuilder } from '../../src/training/pick-training-incident.js';
import type { Quiz } from '../../src/training/quiz.js';

/** A quiz the store accepts, about `incident`, whatever the record states. */
export function fakeQuiz(incident: Pick<Incident, 'id' | 'organization'>): Quiz {
  const question = (n: number) => ({
    topic: 'data-exposed' as const,
    prompt: `Question ${n} about ${incident.organization}?`,
    choices: ['Right', 'Wrong', 'Also wrong'],
    answer: 0,
    explanation: 'The record says so.',
    source: { title: 'The record', url: 'https://example.org/record' },
  });
  return { incidentId: incident.id, organization: incident.organization, questions: [1, 2, 3].map(question) };
}

/**
 * A quiz builder that asks about any incident except those in `noQuiz`, and counts what it was
 * offered: picks and runs are tested apart from what the real builder can ask.
 */
export function fakeQuizBuilder(noQuiz: Iterable<string> = []) {
  const refused = new Set(noQuiz);
  const offered: string[] = [];
  const build: QuizBuilder = (incident) => {
    offered.push(incident.id);
    return refused.has(incident.id)
      ? { kind: 'too-few-facts', incidentId: incident.id, organization: incident.organization, questions: 0 }
      : { kind: 'quiz', quiz: fakeQuiz(incident) };
  };
  return { build, offered, refused };
}
