import { inSentence } from '../answer/fact-wording.js';
import type { Guidance, GuidanceStep } from '../guidance/model.js';
import { checklistsFor } from '../guidance/steps-for.js';
import type { Incident } from '../incidents/model.js';
import type { OpenDraft } from './question-draft.js';
import { QUIZ_CHOICE_MAX } from './quiz.js';
import { possessive } from './record-wording.js';
import { type Random, shuffled } from './seeded-random.js';

/**
 * The guidance addresses people at work in sentences that begin "At work,": those, and only those, are
 * what staff should do. breachbot writes no advice of its own; when the guidance has no such sentence
 * for what a record lists, no question is asked.
 */
const AT_WORK = /(?:^|(?<=[.!?]\s))At work,[^.!?]*[.!?]/;

/**
 * What a work situation looks like, for each checklist whose steps say what to do at work, and actions
 * that are plainly wrong there: each does what the scam asks for, or keeps it from the people who can
 * stop it. Never other good advice, which would be a second right answer.
 */
interface WorkSituation {
  checklistId: string;
  prompt: (incident: Incident) => string;
  wrong: readonly string[];
}

const SITUATIONS: readonly WorkSituation[] = [
  {
    checklistId: 'phishing',
    prompt: (incident) =>
      `Scammers use details like those exposed in ${possessive(incident.organization)} breach to make emails, texts and calls sound real. What should you do with such messages at work?`,
    wrong: [
      'Reply and ask the sender to prove who they are',
      'Call the number in the message to check that it is real',
      'Click the link to see whether your own data was exposed',
      'Delete them and tell no one, so as not to bother anybody',
    ],
  },
];

/** A step quoted whole in the explanation up to this length; a longer one by its sentence about work. */
const QUOTE_MAX = 300;

function workSentence(step: GuidanceStep): string | undefined {
  const sentence = AT_WORK.exec(step.text)?.[0];
  return sentence && sentence.length <= QUIZ_CHOICE_MAX ? sentence : undefined;
}

/** What staff should do when they meet the same thing at work, in the guidance's own words and with its source. */
export function staffActionQuestion(incident: Incident, guidance: Guidance, random: Random): OpenDraft | undefined {
  for (const checklist of checklistsFor(guidance, incident.dataTypes)) {
    const situation = SITUATIONS.find((each) => each.checklistId === checklist.id);
    if (!situation) continue;
    for (const step of checklist.steps) {
      const right = workSentence(step);
      if (!right) continue;
      return {
        kind: 'open',
        topic: 'staff-action',
        prompt: situation.prompt(incident),
        right,
        wrong: shuffled(situation.wrong, random).slice(0, 3),
        explanation: `The checklist for ${inSentence(checklist.title)}, from ${step.source.title}, says: "${step.text.length <= QUOTE_MAX ? step.text : right}"`,
        source: step.source,
      };
    }
  }
  return undefined;
}
