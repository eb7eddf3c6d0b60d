import type { Answer } from '../answer/types.js';
import type { DataType } from '../incidents/data-types.js';

/**
 * The kinds of data a question was about, for the weekly training post's choice: the data a record
 * states for the incident asked about, or the kinds a "what do I do" question named. Data the bot
 * only assumes (an HHS record that lists none) says nothing about what people care for.
 */
export function dataTypesAskedAbout(answer: Answer): DataType[] {
  if (answer.kind === 'incident') return [...answer.match.incident.dataTypes];
  if (answer.kind === 'steps') return [...answer.steps.dataTypes];
  return [];
}
