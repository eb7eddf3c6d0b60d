import { inSentence, joinList } from '../answer/fact-wording.js';
import { BREACH_TYPE_LABELS, LOCATION_LABELS } from '../incidents/labels.js';
import type { BreachType, Incident, Location } from '../incidents/model.js';
import type { AnswerPools } from './answer-pools.js';
import type { OpenDraft } from './question-draft.js';
import { capitalise, listName, possessive, recordSource } from './record-wording.js';
import { type Random, randomIndex } from './seeded-random.js';
import { plausibleWrong } from './wrong-answers.js';

/** Say nothing about how: never a right answer, and never a wrong one either. */
const UNSAID_TYPES: ReadonlySet<BreachType> = new Set(['other', 'unknown']);

/**
 * Types that may describe the same breach: ransomware, a compromised mailbox or an exploited
 * misconfiguration are hacking too, and all of them unauthorized access, so while one is listed none
 * of the others is a fair wrong answer.
 */
const INTRUSION_TYPES: readonly BreachType[] = [
  'hacking',
  'unauthorized-access',
  'ransomware',
  'email-compromise',
  'misconfiguration',
];

/**
 * Places that may hold the same data: an electronic medical record, a database, a website or a cloud
 * service all run on servers, so while one is listed the others are not fairly wrong.
 */
const SERVER_LOCATIONS: readonly Location[] = ['network-server', 'ehr', 'database', 'website', 'cloud'];

function overlapping<T extends string>(listed: ReadonlySet<T>, related: (value: T) => readonly T[]): Set<T> {
  return new Set([...listed].flatMap(related));
}

/** "How does the HHS OCR breach portal describe the way it happened?": a type it lists against others of its words. */
export function breachTypeQuestion(incident: Incident, pools: AnswerPools, random: Random): OpenDraft | undefined {
  const listed = new Set<BreachType>(incident.breachTypes.filter((type) => !UNSAID_TYPES.has(type)));
  const source = recordSource(incident);
  if (listed.size === 0 || !source) return undefined;
  const known = [...listed];
  const right = known[randomIndex(random, known.length)] as BreachType;
  const near = overlapping(listed, (type) => (INTRUSION_TYPES.includes(type) ? INTRUSION_TYPES : []));
  const wrong = plausibleWrong(
    pools.breachTypes(incident.origin),
    (type) => !listed.has(type) && !UNSAID_TYPES.has(type) && !near.has(type),
    random,
  );
  if (!wrong) return undefined;
  const list = listName(incident);
  const whose = possessive(incident.organization);
  const labels = joinList(known.map((type) => inSentence(BREACH_TYPE_LABELS[type])));
  return {
    kind: 'open',
    topic: 'how-it-happened',
    prompt: `How does ${list} describe the way ${whose} breach happened?`,
    right: BREACH_TYPE_LABELS[right],
    wrong: wrong.map((type) => BREACH_TYPE_LABELS[type]),
    explanation: `${capitalise(list)} lists the type of ${whose} breach as ${labels}.`,
    source,
  };
}

/** "Where was the data?": a place the record lists against places it does not. */
export function locationQuestion(incident: Incident, pools: AnswerPools, random: Random): OpenDraft | undefined {
  const listed = new Set<Location>(incident.locations.filter((location) => location !== 'other'));
  const source = recordSource(incident);
  if (listed.size === 0 || !source) return undefined;
  const known = [...listed];
  const right = known[randomIndex(random, known.length)] as Location;
  const near = overlapping(listed, (location) => (SERVER_LOCATIONS.includes(location) ? SERVER_LOCATIONS : []));
  const wrong = plausibleWrong(
    pools.locations(incident.origin),
    (location) => !listed.has(location) && location !== 'other' && !near.has(location),
    random,
  );
  if (!wrong) return undefined;
  const list = listName(incident);
  const whose = possessive(incident.organization);
  const labels = joinList(known.map((location) => inSentence(LOCATION_LABELS[location])));
  return {
    kind: 'open',
    topic: 'how-it-happened',
    prompt: `Where was the data that ${whose} breach exposed, according to ${list}?`,
    right: LOCATION_LABELS[right],
    wrong: wrong.map((location) => LOCATION_LABELS[location]),
    explanation: `${capitalise(list)} lists where the data was in ${whose} breach as ${labels}.`,
    source,
  };
}
