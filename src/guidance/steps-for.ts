import type { DataType } from '../incidents/data-types.js';
import type { Checklist, Guidance } from './model.js';

/** The checklists that apply to these kinds of data, in the guidance file's order of urgency. */
export function checklistsFor(guidance: Guidance, dataTypes: readonly DataType[]): Checklist[] {
  const wanted = new Set(dataTypes);
  return guidance.checklists.filter((checklist) => checklist.dataTypes.some((type) => wanted.has(type)));
}

/**
 * The few steps a card shows: the first step of each applicable checklist (most urgent first), so
 * that a card about SSNs and children's data shows both the credit freeze and the child freeze.
 */
export function topSteps(checklists: readonly Checklist[], limit = 4) {
  return checklists
    .slice(0, limit)
    .flatMap((checklist) => checklist.steps.slice(0, 1).map((step) => ({ checklist: checklist.title, ...step })));
}
