import { DATA_TYPE_PHRASES, type DataType, dataTypeForKeyword } from '../incidents/data-types.js';
import { foldText } from '../incidents/organization-name.js';

/**
 * "what do I do if my medical records leaked" or "my kid's data was in a breach, what now" asks for
 * steps, not for an incident.
 */
const STEPS_QUESTION =
  /\b(?:what (?:do|should|can|must) (?:i|we) do|what to do|what now|now what|what next|how (?:do|can|should) (?:i|we) protect|protect (?:myself|me|my|us)|my [a-z ]{1,40}? ?(?:was|were|got|has been|have been|is|are)? ?(?:leaked|stolen|exposed|breached|hacked|compromised|taken|in (?:a|the) (?:data )?breach))\b/;

/**
 * Words for a child the data-type keywords leave out: a parent asks about "my son", and the answer
 * they need is the child's credit freeze.
 */
const CHILD_WORDS =
  /(?:^| )(?:son|sons|daughter|daughters|baby|babies|toddler|teen|teens|teenager|teenagers|grandchild|grandchildren|grandkid|grandkids)(?= |$)/;

/**
 * Folding drops the apostrophe and keeps the "s" ("child's" -> "childs"), which no keyword is: the
 * possessive goes first.
 */
function withoutPossessives(text: string): string {
  return text.replace(/([\p{L}\p{N}])['\u2019]s\b/gu, '$1');
}

/** The kinds of data a text names, e.g. "my ssn and medical records" -> ssn, medical-record-number. */
export function dataTypesNamedIn(text: string): DataType[] {
  const folded = foldText(withoutPossessives(text).replace(/-/g, ' '));
  let rest = ` ${folded} `;
  const found: DataType[] = [];
  for (const phrase of DATA_TYPE_PHRASES) {
    const needle = ` ${foldText(phrase.replace(/-/g, ' '))} `;
    if (needle.trim() && rest.includes(needle)) {
      const type = dataTypeForKeyword(phrase);
      if (type && !found.includes(type)) found.push(type);
      rest = rest.replaceAll(needle, ' | ');
    }
  }
  if (!found.includes('child-data') && CHILD_WORDS.test(folded)) found.push('child-data');
  return found;
}

/** The data types a question asks protective steps for, or undefined when it does not ask for steps. */
export function stepsQuestionDataTypes(text: string): DataType[] | undefined {
  if (!STEPS_QUESTION.test(foldText(withoutPossessives(text)))) return undefined;
  const types = dataTypesNamedIn(text);
  return types.length > 0 ? types : undefined;
}
