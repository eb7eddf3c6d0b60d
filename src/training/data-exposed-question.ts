import { inSentence } from '../answer/fact-wording.js';
import { type DataType, dataTypeLabel } from '../incidents/data-types.js';
import { isHipaaBreach } from '../incidents/hipaa.js';
import type { Incident } from '../incidents/model.js';
import type { AnswerPools } from './answer-pools.js';
import type { OpenDraft } from './question-draft.js';
import { capitalise, listName, possessive, recordSource } from './record-wording.js';
import { type Random, randomIndex } from './seeded-random.js';
import { plausibleWrong } from './wrong-answers.js';

/**
 * Health data a HIPAA breach involves whether or not its record names it: never a wrong answer there,
 * where "not listed" would read as "not exposed".
 */
const HEALTH_DATA: ReadonlySet<DataType> = new Set([
  'medical-record-number',
  'diagnosis',
  'prescription',
  'treatment',
  'lab-results',
  'health-insurance',
  'billing-claims',
]);

/**
 * "Which of these kinds of data does the HHS OCR breach portal list as exposed?": a kind the record
 * lists against kinds it does not. Asked as what the record lists, because a kind it leaves out may
 * still have been exposed. `avoid`: kinds another question names already, asked about only when the
 * record lists nothing else.
 */
export function dataExposedQuestion(
  incident: Incident,
  pools: AnswerPools,
  random: Random,
  avoid: ReadonlySet<DataType> = new Set(),
): OpenDraft | undefined {
  const listed = new Set(incident.dataTypes);
  const source = recordSource(incident);
  if (listed.size === 0 || !source) return undefined;
  const fresh = [...listed].filter((type) => !avoid.has(type));
  const rights = fresh.length > 0 ? fresh : [...listed];
  const right = rights[randomIndex(random, rights.length)] as DataType;
  const hipaa = isHipaaBreach(incident);
  const wrong = plausibleWrong(
    pools.dataTypes(incident.origin),
    (type) => !listed.has(type) && !(hipaa && HEALTH_DATA.has(type)),
    random,
    3,
  );
  if (!wrong) return undefined;
  const list = listName(incident);
  const whose = possessive(incident.organization);
  return {
    kind: 'open',
    topic: 'data-exposed',
    prompt: `Which of these kinds of data does ${list} list as exposed in ${whose} breach?`,
    right: dataTypeLabel(right),
    wrong: wrong.map(dataTypeLabel),
    explanation: `${capitalise(list)} lists ${inSentence(dataTypeLabel(right))} among the data exposed in ${whose} breach; the other choices are not on its list.`,
    source,
  };
}
