import { readQuizId } from './quiz-id.js';

/** The longest text `/breach quiz` takes to find its incident: a name or a question, not a paragraph. */
export const QUIZ_QUERY_MAX = 200;

export type QuizCommand =
  /** Posts a quiz on the incident the words find, in the channel. */
  | { kind: 'quiz'; action: 'post'; query: string }
  /** Sends the quiz's answers, with names, to the trainer alone as a CSV. */
  | { kind: 'quiz'; action: 'results'; quizId: string }
  | { kind: 'usage'; topic: 'quiz'; problem: string };

/**
 * `/breach quiz <incident>` and `/breach quiz results <quiz id>`; anything that does not start with
 * `quiz` is not for this parser (undefined).
 */
export function parseQuizCommand(text: string): QuizCommand | undefined {
  const words = text.trim().split(/\s+/);
  if (words[0]?.toLowerCase() !== 'quiz') return undefined;
  const rest = words.slice(1);
  if (rest.length === 0) return { kind: 'usage', topic: 'quiz', problem: 'Name the incident to quiz the channel on.' };
  if (rest[0]?.toLowerCase() === 'results') {
    const typed = rest.slice(1).join(' ');
    const quizId = readQuizId(typed);
    if (quizId && rest.length === 2) return { kind: 'quiz', action: 'results', quizId };
    return {
      kind: 'usage',
      topic: 'quiz',
      problem: typed
        ? `\`${typed}\` is not a quiz id: it is the code under the quiz, such as Q4F7K2MN.`
        : 'Give the quiz id: the code under the quiz, such as Q4F7K2MN.',
    };
  }
  const query = rest.join(' ');
  if (query.length > QUIZ_QUERY_MAX) {
    return { kind: 'usage', topic: 'quiz', problem: `Name the incident in at most ${QUIZ_QUERY_MAX} characters.` };
  }
  return { kind: 'quiz', action: 'post', query };
}
