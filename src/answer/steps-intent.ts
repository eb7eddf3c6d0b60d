import { DATA_TYPE_PHRASES, type DataType, dataTypeForKeyword } from '../incidents/data-types.js';
import { foldText } from '../incidents/organization-name.js';

/** "what do I do if my medical records leaked" asks for steps, not for an incident. */
const STEPS_QUESTION =
  /\b(?:what (?:do|should|can|must) i do|what to do|how (?:do|can|should) i protect|protect (?:myself|me|my)|my [a-z ]{1,40}? ?(?:was|were|got|has been|have been|is|are)? ?(?:leaked|stolen|exposed|breached|hacked|compromised|taken))\b/;

/** The kinds of data a text names, e.g. "my ssn and medical records" -> ssn, medical-record-number. */
export function dataTypesNamedIn(text: string): DataType[] {
  let rest = ` ${foldText(text.replace(/-/g, ' '))} `;
  const found: DataType[] = [];
  for (const phrase of DATA_TYPE_PHRASES) {
    const needle = ` ${foldText(phrase.replace(/-/g, ' '))} `;
    if (needle.trim() && rest.includes(needle)) {
      const type = dataTypeForKeyword(phrase);
      if (type && !found.includes(type)) found.push(type);
      rest = rest.replaceAll(needle, ' | ');
    }
  }
  return found;
}

/** The data types a question asks protective steps for, or undefined when it does not ask for steps. */
export function stepsQuestionDataTypes(text: string): DataType[] | undefined {
  if (!STEPS_QUESTION.test(foldText(text))) return undefined;
  const types = dataTypesNamedIn(text);
  return types.length > 0 ? types : undefined;
}
