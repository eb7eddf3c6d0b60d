import { inSentence } from '../answer/fact-wording.js';
import type { Guidance } from '../guidance/model.js';
import { checklistsFor } from '../guidance/steps-for.js';
import { type DataType, dataTypeLabel } from '../incidents/data-types.js';
import type { Incident } from '../incidents/model.js';
import type { OpenDraft } from './question-draft.js';
import { capitalise, listName, possessive } from './record-wording.js';
import { type Random, shuffled } from './seeded-random.js';
import { type StepChoice, stepChoices } from './step-choices.js';
import { pickWrong } from './wrong-answers.js';

export interface ProtectiveStepDraft extends OpenDraft {
  /** The kind of data the prompt names, which gives it away to a question about what was exposed. */
  named: DataType;
}

/** Wrong answers from as many different checklists as there are: two steps of one would be easy to rule out. */
function spreadOverChecklists(choices: readonly StepChoice[]): StepChoice[] {
  const seen = new Set<string>();
  const first: StepChoice[] = [];
  const rest: StepChoice[] = [];
  for (const choice of choices) {
    (seen.has(choice.checklist.id) ? rest : first).push(choice);
    seen.add(choice.checklist.id);
  }
  return [...first, ...rest];
}

/**
 * "The record lists Social Security numbers as exposed: which step is meant for that?" The right answer
 * is the first step that fits a button on the most urgent checklist for what the record lists (never
 * for data only assumed); wrong ones are steps of checklists for data it does not list, and on no
 * checklist that applies. The source is the step's own.
 */
export function protectiveStepQuestion(
  incident: Incident,
  guidance: Guidance,
  random: Random,
): ProtectiveStepDraft | undefined {
  const applying = checklistsFor(guidance, incident.dataTypes);
  const applyingIds = new Set(applying.map((checklist) => checklist.id));
  const choices = stepChoices(guidance);
  const right = choices.find((choice) => applyingIds.has(choice.checklist.id));
  if (!right) return undefined;
  const applyingTexts = new Set(
    choices.filter((choice) => applyingIds.has(choice.checklist.id)).map((choice) => choice.text.toLowerCase()),
  );
  // A text on two checklists is offered once, and never when one of them applies.
  const seen = new Set(applyingTexts);
  const candidates = shuffled(
    choices.filter((choice) => {
      const text = choice.text.toLowerCase();
      if (applyingIds.has(choice.checklist.id) || seen.has(text)) return false;
      seen.add(text);
      return true;
    }),
    random,
  );
  const wrong = pickWrong(spreadOverChecklists(candidates), random, 0);
  if (!wrong) return undefined;
  const named = incident.dataTypes.find((type) => right.checklist.dataTypes.includes(type)) as DataType;
  const label = inSentence(dataTypeLabel(named));
  return {
    kind: 'open',
    topic: 'protective-step',
    prompt: `${capitalise(listName(incident))} lists ${label} among the data exposed in ${possessive(incident.organization)} breach. Which of these protective steps is meant for exposed ${label}?`,
    right: right.text,
    wrong: wrong.map((choice) => choice.text),
    explanation: `It is a step on breachbot's checklist for ${inSentence(right.checklist.title)}, from ${right.step.source.title}; the other choices are steps for other kinds of data.`,
    source: right.step.source,
    named,
  };
}
