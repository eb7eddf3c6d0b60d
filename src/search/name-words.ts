import { DATA_TYPE_INFO } from '../incidents/data-types.js';
import { BREACH_TYPE_LABELS, LOCATION_LABELS } from '../incidents/labels.js';
import { US_STATES } from '../incidents/us-states.js';
import { stem, words } from './text-normalizer.js';

/**
 * What a query word says about which organisation is meant:
 * - `distinctive`: a word that tells organisations apart ("delta", "healthec", "walgreens");
 * - `kind`: a word for the kind of organisation ("hospital", "airlines", "pharmacy"); "Acme Hospital"
 *   is not a breach at any hospital, and "Delta Airlines" is not one at Delta Dental;
 * - `descriptive`: a place, a kind of data, what happened, or who asks ("kansas", "ssn",
 *   "ransomware", "letter"): it describes an incident rather than naming one;
 * - `number`: a number or a single letter, which identifies nothing alone.
 */
export type NameWordClass = 'distinctive' | 'kind' | 'descriptive' | 'number';

/**
 * Words for kinds of organisation. They are name words, but a record matching only them is not the
 * organisation asked about; unmatched, they say the query names a different organisation.
 */
const KIND_WORDS = new Set(
  (
    'hospital clinic clinics center centre health healthcare medical medicine physician physicians doctor doctors ' +
    'care pharmacy pharmacies pharmaceutical pharma drug drugstore apothecary dental dentist dentistry ' +
    'orthodontic orthodontics orthopedic orthopedics orthopaedic pediatric pediatrics surgery surgical surgeons ' +
    'eye vision optical imaging radiology lab labs laboratory laboratories diagnostics hospice rehab rehabilitation ' +
    'therapy nursing senior living home homes behavioral wellness family practice associates partners group ' +
    'services service systems system solutions network networks institute foundation society association ' +
    'vendor vendors contractor contractors supplier suppliers ' +
    'university college school schools academy district county city department office agency authority ' +
    'regional community general memorial childrens women womens mens specialty specialists urgent ' +
    'insurance insurer insurers assurance plan plans benefits mutual life bank banks banking bancorp credit ' +
    'union financial finance capital trust savings loan loans mortgage investments securities ' +
    'airline airlines airways air aviation travel hotel hotels resort resorts casino casinos cruise cruises ' +
    'retail retailer retailers store stores shop shops market markets supermarket grocery groceries mart outlet ' +
    'restaurant restaurants cafe coffee pizza foods food brands motors auto automotive car cars dealership ' +
    'energy electric utilities utility gas oil telecom wireless communications media entertainment ' +
    'software technologies technology tech labs games gaming apps app online digital web cloud data ' +
    'international global national american america usa us north south east west central'
  ).split(' '),
);

/**
 * Words about the breach or the person asking that the query parser keeps as terms. A question
 * such as "I got a letter from Anthem" names Anthem; "letter" describes nothing about it.
 */
const CONTEXT_WORDS = new Set(
  (
    'letter letters notice notices notified notification notifications mail mailed email emails ' +
    'people person persons customer customers patient patients member members employee employees ' +
    'user users client clients account accounts victim victims mine update updates latest recent ' +
    'recently today yesterday week month year news outage lawsuit settlement class action ' +
    'scam scams fraud ransom ransomware phishing malware breach cyber attack attacks security ' +
    'worried concerned involved affect affects affecting exposed leaked stolen theft lost loss ' +
    'laptop server records record files file information personal private sensitive details ' +
    'should need help steps protect now'
  ).split(' '),
);

/**
 * What a question asks about a breach it names: "when was HealthEC discovered", "which organisations
 * did the HealthEC breach reach", "how long did ARx take to notify". Matched as written, never by
 * stem, since some are also name words when inflected: "Longs Drugs" is a name.
 */
const QUESTION_WORDS = new Set(
  (
    'discovered discover discovery found disclosed disclose disclosure announced announce notify told ' +
    'organisations organizations organisation organization companies company providers reach reached ' +
    'reaching hit impacted involved cause caused causes kind kinds type types long took take delay ' +
    'delayed wait waited date dates timeline exactly total count number'
  ).split(' '),
);

const DESCRIPTIVE_WORDS = new Set([
  ...CONTEXT_WORDS,
  ...Object.values(DATA_TYPE_INFO).flatMap((info) => info.keywords.flatMap(words)),
  ...[...Object.values(BREACH_TYPE_LABELS), ...Object.values(LOCATION_LABELS)].flatMap(words),
]);

/** State names of one word ("kansas"); those of several are found as phrases (see `stateWordPositions`). */
const STATE_NAMES: readonly string[][] = Object.values(US_STATES).map((name) => words(name));

/**
 * Classes of the query terms, in order. A state's name counts as a place only when all its words are
 * there in a row, so "new" alone stays a name word ("New England Biolabs") while "new jersey" is a place.
 */
export function classifyTerms(terms: readonly string[]): NameWordClass[] {
  const places = stateWordPositions(terms);
  return terms.map((term, position) => {
    if (term.length < 2 || /^\d+$/.test(term)) return 'number';
    if (places.has(position)) return 'descriptive';
    if (KIND_WORDS.has(term) || KIND_WORDS.has(stem(term))) return 'kind';
    if (QUESTION_WORDS.has(term) || DESCRIPTIVE_WORDS.has(term) || DESCRIPTIVE_WORDS.has(stem(term))) {
      return 'descriptive';
    }
    return 'distinctive';
  });
}

function stateWordPositions(terms: readonly string[]): Set<number> {
  const positions = new Set<number>();
  for (const state of STATE_NAMES) {
    for (let start = 0; start + state.length <= terms.length; start++) {
      if (state.every((word, offset) => terms[start + offset] === word)) {
        for (let offset = 0; offset < state.length; offset++) positions.add(start + offset);
      }
    }
  }
  return positions;
}

/**
 * Name words that never need to be typed for a name to count as said in full: joining words, and a
 * state's name ("Delta Dental of California" is said in full as "Delta Dental").
 */
const OPTIONAL_NAME_WORDS = new Set([
  'of',
  'and',
  'at',
  'for',
  'in',
  'on',
  'dba',
  'd',
  'b',
  'a',
  ...STATE_NAMES.flat(),
]);

export function isOptionalNameWord(word: string): boolean {
  return OPTIONAL_NAME_WORDS.has(word);
}
