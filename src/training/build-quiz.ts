import type { Guidance } from '../guidance/model.js';
import type { Incident } from '../incidents/model.js';
import { answerPools } from './answer-pools.js';
import { dataExposedQuestion } from './data-exposed-question.js';
import { delayQuestion } from './delay-question.js';
import { handWrittenQuestions } from './hand-written-questions.js';
import { breachTypeQuestion, locationQuestion } from './how-it-happened-question.js';
import { peopleAffectedQuestion } from './people-affected-question.js';
import { placeAnswers } from './place-answers.js';
import { protectiveStepQuestion } from './protective-step-question.js';
import { isValidDraft, type QuestionDraft } from './question-draft.js';
import { QUIZ_QUESTIONS_MAX, QUIZ_QUESTIONS_MIN, type QuizBuild } from './quiz.js';
import { seededRandom } from './seeded-random.js';
import { staffActionQuestion } from './staff-action-question.js';

/** What questions are built from besides the incident: other incidents and steps give the wrong answers. */
export interface QuizContext {
  incidents: readonly Incident[];
  guidance: Guidance;
}

/**
 * Three to five questions on what the incident's record states: a curated card's own questions first,
 * then questions built from its facts, most telling first (what was exposed, how, how long people
 * waited, which step fits, what to do at work, how many, where the data was). Each builder asks only
 * about a fact the record states, or asks nothing; too few, and the quiz says so instead.
 *
 * The same incident and data give the same quiz: every draw is seeded from the incident's id and the
 * question's topic, so what one question asks does not change when another is added or left out. The incidents are counted
 * once per list (`answerPools`), so a quiz costs well under a millisecond at any size.
 */
export function buildQuiz(incident: Incident, context: QuizContext): QuizBuild {
  const pools = answerPools(context.incidents);
  const random = (topic: string) => seededRandom(`${incident.id}\n${topic}`);
  const step = protectiveStepQuestion(incident, context.guidance, random('protective-step'));
  // The step's prompt names a kind of exposed data: asking which kind was exposed would give it away.
  const named = new Set(step ? [step.named] : []);
  const generated: (QuestionDraft | undefined)[] = [
    dataExposedQuestion(incident, pools, random('data-exposed'), named),
    breachTypeQuestion(incident, pools, random('breach-type')),
    delayQuestion(incident),
    step,
    staffActionQuestion(incident, context.guidance, random('staff-action')),
    peopleAffectedQuestion(incident, random('people-affected')),
    locationQuestion(incident, pools, random('location')),
  ];
  const drafts = [...handWrittenQuestions(incident), ...generated]
    .filter((draft): draft is QuestionDraft => draft !== undefined && isValidDraft(draft))
    .slice(0, QUIZ_QUESTIONS_MAX);
  const questions = placeAnswers(drafts, random('placement'));
  const { id: incidentId, organization } = incident;
  if (questions.length < QUIZ_QUESTIONS_MIN) {
    return { kind: 'too-few-facts', incidentId, organization, questions: questions.length };
  }
  return { kind: 'quiz', quiz: { incidentId, organization, questions } };
}
