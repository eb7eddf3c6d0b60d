import { BREACH_TYPE_LABELS } from '../incidents/labels.js';
import type { BreachType, EntityType, Incident } from '../incidents/model.js';
import { newestFirst } from '../incidents/order.js';
import { organizationKey } from '../incidents/organization-name.js';
import { isUsStateCode, stateName, type UsStateCode } from '../incidents/us-states.js';
import { maxStateNameWords, splitFilters, stateForName } from '../search/query-parser.js';
import { words } from '../search/text-normalizer.js';
import type { SearchFilters } from '../search/types.js';
import type { Answer } from './types.js';

/**
 * "biggest breaches 2024", "hospital breaches in California", "ransomware attacks on health plans
 * last year": questions about many incidents, answered with a count and a ranked list rather than
 * one card. A question is read as one only when every word of it is understood (a place, a time, a
 * kind of organisation, a kind of breach, an order, or the plain words around them) and it asks for
 * many (a plural such as "breaches", or "biggest", "latest"). Any other word may be a name ("HealthEC
 * breach 2023", "was Kaiser hacked"), and a name question goes to the name search: showing a list to
 * someone who asked about one organisation hides the answer they wanted.
 */

/** Incidents shown by default; "top 5" asks for fewer, at most `MAX_SHOWN`. */
export const DEFAULT_SHOWN = 10;
export const MAX_SHOWN = 20;

export type ListOrder = 'largest' | 'newest';

/** Inclusive days, `YYYY-MM-DD`; a record is in it by its disclosure date. */
export interface DisclosedPeriod {
  from: string;
  to: string;
  /** As the answer says it: "in 2024", "this year (2026)", "in the 12 months to 3 Jul 2026". */
  label: string;
}

export type KindId = keyof typeof KINDS;

export interface ListQuestion {
  order: ListOrder;
  /** Whether the order was asked for ("biggest", "latest"), or is the default. */
  orderAsked: boolean;
  shown: number;
  states: UsStateCode[];
  period?: DisclosedPeriod;
  kinds: KindId[];
  breachTypes: BreachType[];
  /** Typed filters (`state:TX`, `data:ssn`), applied as the name search applies them. */
  filters: SearchFilters;
}

export interface RankedList {
  question: ListQuestion;
  /** What was understood, in words: "Largest breaches at hospitals in California, disclosed in 2025". */
  title: string;
  /** How kinds were matched where no field says so: "hospitals matched by name". */
  notes: string[];
  /** Every incident that matches, and the people they affected (as far as the records count them). */
  total: number;
  individuals: number;
  /** The first `question.shown` in the asked order. */
  incidents: Incident[];
}

/**
 * Kinds of organisation. HHS says whether a filer is a provider, a plan or a vendor, not whether it
 * is a hospital or a pharmacy, so those are matched by words in the name, and the answer says so.
 * The Washington list has an industry (`sector`), and so do the curated cards.
 */
interface Kind {
  /** "hospitals": as in "breaches at hospitals". */
  label: string;
  /** How the records were picked when no field says it, said in the answer. */
  matchedBy?: string;
  matches(incident: Incident): boolean;
}

const notPlanOrVendor = (incident: Incident) =>
  incident.entityType !== 'health-plan' &&
  incident.entityType !== 'business-associate' &&
  incident.entityType !== 'clearinghouse';

const nameOrSector = (pattern: RegExp) => (incident: Incident) =>
  pattern.test(incident.organization) || (incident.sector !== undefined && pattern.test(incident.sector));

const sectorIs = (pattern: RegExp) => (incident: Incident) =>
  incident.sector !== undefined && pattern.test(incident.sector);

const entityIs =
  (...types: EntityType[]) =>
  (incident: Incident) =>
    incident.entityType !== undefined && types.includes(incident.entityType);

const HOSPITAL_NAME = /hospital|medical cent(?:er|re)|\bhealth ?(?:care )?systems?\b/i;
const CLINIC_NAME = /\bclinics?\b|\burgent care\b|\bhealth cent(?:er|re)s?\b|\bmedical group\b/i;
/**
 * "Rx" only as written in a name (ARx, Sav-Rx, OptumRx), and "drug" not where it is a treatment
 * centre's ("Drug and Alcohol Treatment Services").
 */
const PHARMACY_NAME =
  /pharmac(?:y|ies)\b|apothecar|drug ?stores?|drug ?mart|\bcvs\b|walgreen|rite ?aid|caremark|express scripts/i;
const PHARMACY_RX = /R[xX]\b/;
const PHARMACY_DRUG = /\bdrugs?\b/i;
const NOT_PHARMACY = /alcohol|abuse|addiction|treatment|recovery|rehab|council|testing|screening/i;
const DENTAL_NAME = /dental|dentist|orthodont|endodont|periodont|oral (?:and maxillofacial )?surg/i;
const LAB_NAME = /\blab\b|\blabs\b|laborator|diagnostics|patholog/i;

const KINDS = {
  hospital: {
    label: 'hospitals',
    matchedBy: 'by name',
    matches: (incident: Incident) => notPlanOrVendor(incident) && nameOrSector(HOSPITAL_NAME)(incident),
  },
  clinic: {
    label: 'clinics',
    matchedBy: 'by name',
    matches: (incident: Incident) => notPlanOrVendor(incident) && nameOrSector(CLINIC_NAME)(incident),
  },
  pharmacy: {
    label: 'pharmacies',
    matchedBy: 'by name',
    matches: (incident: Incident) =>
      nameOrSector(PHARMACY_NAME)(incident) ||
      PHARMACY_RX.test(incident.organization) ||
      (PHARMACY_DRUG.test(incident.organization) && !NOT_PHARMACY.test(incident.organization)),
  },
  dental: {
    label: 'dental practices',
    matchedBy: 'by name',
    matches: (incident: Incident) => notPlanOrVendor(incident) && nameOrSector(DENTAL_NAME)(incident),
  },
  lab: {
    label: 'laboratories',
    matchedBy: 'by name',
    matches: (incident: Incident) => notPlanOrVendor(incident) && nameOrSector(LAB_NAME)(incident),
  },
  provider: { label: 'healthcare providers', matches: entityIs('healthcare-provider') },
  plan: {
    label: 'health plans',
    matches: (incident: Incident) =>
      entityIs('health-plan')(incident) || sectorIs(/health insurance|health plan|managed care/i)(incident),
  },
  vendor: { label: 'vendors (business associates)', matches: entityIs('business-associate') },
  clearinghouse: { label: 'healthcare clearinghouses', matches: entityIs('clearinghouse') },
  healthcare: {
    label: 'healthcare organisations',
    matches: (incident: Incident) =>
      entityIs('healthcare-provider', 'health-plan', 'business-associate', 'clearinghouse')(incident) ||
      sectorIs(/health|hospital|dental|pharmac/i)(incident),
  },
  finance: { label: 'banks and financial companies', matches: sectorIs(/^financ/i) },
  retail: { label: 'retailers', matches: sectorIs(/^(?:retail|clothing|accessories|cosmetics|home goods)/i) },
  education: { label: 'schools and universities', matches: sectorIs(/^education/i) },
  nonprofit: { label: 'non-profits and charities', matches: sectorIs(/^non-profit/i) },
  government: { label: 'government bodies', matches: sectorIs(/^government/i) },
  hospitality: { label: 'hotels, restaurants and casinos', matches: sectorIs(/^hospitality/i) },
  software: { label: 'software and web companies', matches: sectorIs(/^(?:software|web services)/i) },
  legal: { label: 'law firms', matches: sectorIs(/^legal/i) },
  manufacturing: { label: 'manufacturers', matches: sectorIs(/^manufacturing/i) },
  telecom: { label: 'telecoms', matches: sectorIs(/^telecom/i) },
} satisfies Record<string, Kind>;

/** Phrases for kinds, in folded words; the longest that fits is read first ("health plans" before "health"). */
const KIND_PHRASES: Record<string, KindId> = {
  hospital: 'hospital',
  hospitals: 'hospital',
  'health system': 'hospital',
  'health systems': 'hospital',
  'medical center': 'hospital',
  'medical centers': 'hospital',
  clinic: 'clinic',
  clinics: 'clinic',
  'urgent care': 'clinic',
  pharmacy: 'pharmacy',
  pharmacies: 'pharmacy',
  drugstore: 'pharmacy',
  drugstores: 'pharmacy',
  'drug store': 'pharmacy',
  'drug stores': 'pharmacy',
  dentist: 'dental',
  dentists: 'dental',
  dental: 'dental',
  'dental practice': 'dental',
  'dental practices': 'dental',
  'dental offices': 'dental',
  orthodontists: 'dental',
  lab: 'lab',
  labs: 'lab',
  laboratory: 'lab',
  laboratories: 'lab',
  provider: 'provider',
  providers: 'provider',
  'healthcare provider': 'provider',
  'healthcare providers': 'provider',
  'health care providers': 'provider',
  'health plan': 'plan',
  'health plans': 'plan',
  insurer: 'plan',
  insurers: 'plan',
  'health insurer': 'plan',
  'health insurers': 'plan',
  'insurance companies': 'plan',
  'health insurance companies': 'plan',
  'health insurance': 'plan',
  vendor: 'vendor',
  vendors: 'vendor',
  'business associate': 'vendor',
  'business associates': 'vendor',
  contractors: 'vendor',
  clearinghouse: 'clearinghouse',
  clearinghouses: 'clearinghouse',
  healthcare: 'healthcare',
  'health care': 'healthcare',
  medical: 'healthcare',
  banks: 'finance',
  'credit unions': 'finance',
  financial: 'finance',
  finance: 'finance',
  retail: 'retail',
  retailers: 'retail',
  stores: 'retail',
  shops: 'retail',
  schools: 'education',
  universities: 'education',
  colleges: 'education',
  education: 'education',
  nonprofits: 'nonprofit',
  'non profits': 'nonprofit',
  charities: 'nonprofit',
  government: 'government',
  'government agencies': 'government',
  agencies: 'government',
  hotels: 'hospitality',
  restaurants: 'hospitality',
  casinos: 'hospitality',
  hospitality: 'hospitality',
  software: 'software',
  'software companies': 'software',
  'tech companies': 'software',
  'law firms': 'legal',
  manufacturers: 'manufacturing',
  manufacturing: 'manufacturing',
  telecoms: 'telecom',
  telecom: 'telecom',
};

/**
 * Kinds of breach in plain words. HHS files ransomware and phishing as "Hacking/IT incident", and
 * often names them in its description: those are found there too (see `matchesBreachType`).
 */
const BREACH_TYPE_PHRASES: Record<string, BreachType> = {
  ransomware: 'ransomware',
  hacking: 'hacking',
  phishing: 'email-compromise',
  'email compromise': 'email-compromise',
  'email compromises': 'email-compromise',
  theft: 'theft',
  thefts: 'theft',
  stolen: 'theft',
  loss: 'loss',
  lost: 'loss',
  'unauthorized access': 'unauthorized-access',
  'improper disposal': 'improper-disposal',
  misconfiguration: 'misconfiguration',
  misconfigured: 'misconfiguration',
};

/** Words that ask for many incidents. */
const LIST_NOUNS = new Set([
  'breaches',
  'hacks',
  'attacks',
  'cyberattacks',
  'incidents',
  'leaks',
  'compromises',
  'intrusions',
]);
/** Their singulars: understood, but not a request for a list by themselves ("HealthEC breach 2023"). */
const SINGULAR_NOUNS = new Set(['breach', 'hack', 'attack', 'cyberattack', 'incident', 'leak']);

const ORDER_PHRASES: Record<string, ListOrder> = {
  biggest: 'largest',
  largest: 'largest',
  worst: 'largest',
  major: 'largest',
  big: 'largest',
  large: 'largest',
  top: 'largest',
  'most people': 'largest',
  'most affected': 'largest',
  latest: 'newest',
  newest: 'newest',
  recent: 'newest',
  'most recent': 'newest',
  new: 'newest',
  last: 'newest',
};

/**
 * Words that only join the others: "what were the biggest breaches in Texas so far this year".
 * Nothing a name is made of: a word here that is also a name word ("first", "national") would let
 * a name question through.
 */
const JOINING_WORDS = new Set(
  (
    'a an the in at on of from for by to with and or all any show me list give tell what which were was are is ' +
    'have has had been be there how many did happen happened happening see so far ever recorded reported ' +
    'disclosed announced that this year years data cyber security affecting against involving hacked breached attacked ' +
    'companies company organisations organizations organisation organization please'
  ).split(' '),
);

/**
 * Two-letter codes that are also English words: read as words, never as states ("in", "me", "or").
 * The others are read as states only as typed, in capitals ("breaches in TX").
 */
const AMBIGUOUS_CODES = new Set(['IN', 'ME', 'OR', 'OK', 'HI', 'DE', 'LA', 'MA', 'AS', 'GU', 'PA', 'ID', 'CO', 'MD']);

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Today (`YYYY-MM-DD`) in one time zone, the bot's, for `AnswerContext.today`. */
export function todayIn(timeZone: string, now: () => number = Date.now): () => string {
  // Made at the first question that needs it: the first Intl formatter loads locale data (~20 ms),
  // which `breachbot ask` about a name never needs.
  let format: Intl.DateTimeFormat | undefined;
  return () => {
    format ??= new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    return format.format(new Date(now()));
  };
}

/** The UTC day: what "this year" means when no time zone is given. */
export function utcToday(): string {
  return new Date().toISOString().slice(0, 10);
}

interface Word {
  text: string;
  /** The token as typed was two capital letters: perhaps a state code. */
  capitals: boolean;
}

/** Stands for a word folding cannot spell (Cyrillic, Hangul): it is a name this reading cannot know. */
const UNREADABLE = '\u0000';

/** The query's free words, each marked if it was typed as a two-letter capital code. */
function readWords(tokens: readonly string[]): Word[] {
  return tokens.flatMap((token) => {
    const capitals = /^[A-Z]{2}[.,;:!?]?$/.test(token);
    const folded = words(token).map((text) => ({ text, capitals }));
    return folded.length === 0 && /\p{L}/u.test(token) ? [{ text: UNREADABLE, capitals: false }] : folded;
  });
}

/** Whether words (folded, as `organizationKey` gives them) are an organisation's whole name. */
export type IsOrganizationName = (key: string) => boolean;

const nameSets = new WeakMap<readonly Incident[], IsOrganizationName>();

/**
 * The names and aliases of a dataset's incidents, as a check. Built once per dataset: a dataset is
 * never changed, a newer list is a new one.
 */
export function organizationNames(incidents: readonly Incident[]): IsOrganizationName {
  let check = nameSets.get(incidents);
  if (!check) {
    const keys = new Set(
      incidents.flatMap((incident) => [incident.organization, ...incident.aliases].map(organizationKey)),
    );
    check = (key) => keys.has(key);
    nameSets.set(incidents, check);
  }
  return check;
}

/** The longest organisation name a question's place and kind words are compared with, in words. */
const MAX_NAME_RUN = 6;

/**
 * A list question's reading of `text`, or undefined when it is not clearly one. `today` is
 * `YYYY-MM-DD`. With `isName`, a place next to a kind of organisation that together are an
 * organisation's name ("Florida Hospital breaches", "Maine Medical Center breaches") is left to
 * the name search: the question may as well be about that one organisation.
 */
export function parseListQuestion(text: string, today: string, isName?: IsOrganizationName): ListQuestion | undefined {
  const split = splitFilters(text);
  if (split.invalidFilters.length > 0) return undefined;
  const input = readWords(split.free);
  if (input.length > 24) return undefined;
  const question: ListQuestion = {
    order: 'newest',
    orderAsked: false,
    shown: DEFAULT_SHOWN,
    states: [],
    kinds: [],
    breachTypes: [],
    filters: split.filters,
  };
  let asksForMany = false;
  let periods = 0;
  /** What each word was read as, where a name could hide: a place or a kind of organisation. */
  const roles: ('state' | 'kind' | undefined)[] = input.map(() => undefined);
  const at = (index: number) => input[index]?.text;
  const phraseAt = (index: number, length: number) =>
    input
      .slice(index, index + length)
      .map((word) => word.text)
      .join(' ');
  /** The longest phrase from `index` that `table` knows, as [its value, its length in words]. */
  const longest = <T>(index: number, table: Record<string, T>, most = 4): [T, number] | undefined => {
    for (let length = Math.min(most, input.length - index); length >= 1; length--) {
      const value = table[phraseAt(index, length)];
      if (value !== undefined && Object.hasOwn(table, phraseAt(index, length))) return [value, length];
    }
    return undefined;
  };

  for (let index = 0; index < input.length; ) {
    const word = input[index] as Word;
    const next = at(index + 1);
    // Times first: "last year" is a time, not "latest".
    const period = readPeriod(input, index, today);
    if (period) {
      question.period = period.period;
      periods++;
      index += period.length;
      continue;
    }
    if (word.text === 'top' && next && /^\d{1,2}$/.test(next)) {
      const count = Number(next);
      if (count < 1 || count > MAX_SHOWN) return undefined;
      question.shown = count;
      setOrder(question, 'largest');
      asksForMany = true;
      index += 2;
      continue;
    }
    const order = longest(index, ORDER_PHRASES, 2);
    // "new" and "last" are orders only before what is asked for: "new jersey" is a state, "last" a time.
    if (order && !((word.text === 'new' || word.text === 'last') && order[1] === 1 && !isListNoun(next))) {
      if (!setOrder(question, order[0])) return undefined;
      asksForMany = true;
      index += order[1];
      continue;
    }
    const state = readState(input, index);
    if (state) {
      if (!question.states.includes(state.code)) question.states.push(state.code);
      roles.fill('state', index, index + state.length);
      index += state.length;
      continue;
    }
    const kind = longest(index, KIND_PHRASES, 3);
    if (kind) {
      if (!question.kinds.includes(kind[0])) question.kinds.push(kind[0]);
      // "which hospitals were hacked in 2024" asks for many as plainly as "breaches" does.
      if (phraseAt(index, kind[1]).endsWith('s')) asksForMany = true;
      roles.fill('kind', index, index + kind[1]);
      index += kind[1];
      continue;
    }
    const type = longest(index, BREACH_TYPE_PHRASES, 2);
    if (type) {
      if (!question.breachTypes.includes(type[0])) question.breachTypes.push(type[0]);
      index += type[1];
      continue;
    }
    if (LIST_NOUNS.has(word.text)) {
      asksForMany = true;
      index++;
      continue;
    }
    if (SINGULAR_NOUNS.has(word.text) || JOINING_WORDS.has(word.text)) {
      index++;
      continue;
    }
    // A word this reading does not know: perhaps a name, which the name search answers.
    return undefined;
  }
  if (!asksForMany || periods > 1) return undefined;
  if (isName && namesOrganization(input, roles, isName)) return undefined;
  return question;
}

/** Whether a run of words with a place and a kind of organisation in it is an organisation's whole name. */
function namesOrganization(
  input: readonly Word[],
  roles: readonly ('state' | 'kind' | undefined)[],
  isName: IsOrganizationName,
): boolean {
  for (let start = 0; start < input.length; start++) {
    for (let end = start + 2; end <= Math.min(input.length, start + MAX_NAME_RUN); end++) {
      const run = roles.slice(start, end);
      if (!run.includes('state') || !run.includes('kind')) continue;
      const key = input
        .slice(start, end)
        .map((word) => word.text)
        .join(' ');
      if (isName(key)) return true;
    }
  }
  return false;
}

function isListNoun(word: string | undefined): boolean {
  return word !== undefined && (LIST_NOUNS.has(word) || SINGULAR_NOUNS.has(word));
}

/** Records the order; false when the question asks for two ("biggest latest"), which it cannot have. */
function setOrder(question: ListQuestion, order: ListOrder): boolean {
  if (question.orderAsked && question.order !== order) return false;
  question.order = order;
  question.orderAsked = true;
  return true;
}

function readState(input: readonly Word[], index: number): { code: UsStateCode; length: number } | undefined {
  const word = input[index] as Word;
  for (let length = Math.min(maxStateNameWords(), input.length - index); length >= 1; length--) {
    const name = input
      .slice(index, index + length)
      .map((entry) => entry.text)
      .join(' ');
    const code = stateForName(name);
    if (code) return { code, length };
  }
  const upper = word.text.toUpperCase();
  if (word.capitals && isUsStateCode(upper) && !AMBIGUOUS_CODES.has(upper)) return { code: upper, length: 1 };
  return undefined;
}

/** A time at `index`: a year, "this year", "last year", "this month", "last month", "past 12 months". */
function readPeriod(
  input: readonly Word[],
  index: number,
  today: string,
): { period: DisclosedPeriod; length: number } | undefined {
  const phrase = (length: number) =>
    input
      .slice(index, index + length)
      .map((entry) => entry.text)
      .join(' ');
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const first = input[index]?.text ?? '';
  if (/^(?:199\d|20\d\d)$/.test(first)) return { period: yearPeriod(Number(first), `in ${first}`), length: 1 };
  if (first === 'since' && /^(?:199\d|20\d\d)$/.test(input[index + 1]?.text ?? '')) {
    const from = Number(input[index + 1]?.text);
    if (from > year) return undefined;
    return { period: { from: `${from}-01-01`, to: today, label: `since ${from}` }, length: 2 };
  }
  const rolling = ['past year', 'past 12 months', 'last 12 months', 'the last year', 'the past year'].find(
    (words) => phrase(words.split(' ').length) === words,
  );
  if (rolling) {
    const from = addDays(`${year - 1}${today.slice(4)}`, 1);
    return {
      period: { from, to: today, label: `in the 12 months to ${formatDay(today)}` },
      length: rolling.split(' ').length,
    };
  }
  if (phrase(2) === 'this year') return { period: yearPeriod(year, `this year (${year})`), length: 2 };
  if (phrase(2) === 'last year') return { period: yearPeriod(year - 1, `last year (${year - 1})`), length: 2 };
  if (phrase(2) === 'this month' || phrase(2) === 'last month') {
    const [y, m] = phrase(2) === 'this month' ? [year, month] : month === 1 ? [year - 1, 12] : [year, month - 1];
    const prefix = `${y}-${String(m).padStart(2, '0')}`;
    return {
      period: { from: `${prefix}-01`, to: `${prefix}-31`, label: `${phrase(1)} month (${MONTHS[m - 1]} ${y})` },
      length: 2,
    };
  }
  return undefined;
}

function yearPeriod(year: number, label: string): DisclosedPeriod {
  return { from: `${year}-01-01`, to: `${year}-12-31`, label };
}

function addDays(day: string, days: number): string {
  // A 29 February a year back is 1 March: Date.UTC rolls it over, which is what a window of 12 months wants.
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

function formatDay(day: string): string {
  const [y, m, d] = day.split('-');
  return `${Number(d)} ${MONTHS[Number(m) - 1]} ${y}`;
}

/**
 * Whether a record is of a breach type: as its filing says, or, for ransomware and phishing that
 * HHS files as hacking, as its description says.
 */
function matchesBreachType(incident: Incident, type: BreachType): boolean {
  if (incident.breachTypes.includes(type)) return true;
  if (!incident.summary) return false;
  if (type === 'ransomware') return /\bransomware\b/i.test(incident.summary);
  if (type === 'email-compromise') return /\bphishing\b|\bemail account/i.test(incident.summary);
  return false;
}

/** Whether a record's disclosure falls in the period, at the precision it has ("2024-03" is in 2024). */
function disclosedIn(incident: Incident, period: DisclosedPeriod): boolean {
  const { disclosed } = incident;
  if (!disclosed) return false;
  return disclosed >= period.from.slice(0, disclosed.length) && disclosed <= period.to.slice(0, disclosed.length);
}

function matchesFilters(incident: Incident, filters: SearchFilters): boolean {
  const years = [incident.disclosed, incident.occurred?.start, incident.occurred?.end]
    .filter((date): date is string => date !== undefined)
    .map((date) => Number(date.slice(0, 4)));
  return (
    (filters.states.length === 0 || (incident.state !== undefined && filters.states.includes(incident.state))) &&
    (filters.years.length === 0 || filters.years.some((year) => years.includes(year))) &&
    (filters.breachTypes.length === 0 || incident.breachTypes.some((type) => filters.breachTypes.includes(type))) &&
    (filters.dataTypes.length === 0 || filters.dataTypes.every((type) => incident.dataTypes.includes(type))) &&
    (filters.entityTypes.length === 0 ||
      (incident.entityType !== undefined && filters.entityTypes.includes(incident.entityType)))
  );
}

/**
 * How large a breach is known to be: its people affected, or for a filing that counts one state's
 * residents only (Washington's list), that count, which the breach was at least.
 */
function knownSize(incident: Incident): number {
  return incident.individualsAffected ?? incident.residentsAffected?.count ?? -1;
}

/** Largest first (uncounted last), the newest first among equals. */
function largestFirst(a: Incident, b: Incident): number {
  return knownSize(b) - knownSize(a) || newestFirst(a, b);
}

/** The list answer to `query`, or undefined when it is not clearly a list question. */
export function listQuestionAnswer(query: string, incidents: readonly Incident[], today: string): Answer | undefined {
  const question = parseListQuestion(query, today, organizationNames(incidents));
  return question && { kind: 'ranked-list', query, list: rankList(question, incidents) };
}

/** The incidents a list question asks for, counted and ranked. */
export function rankList(question: ListQuestion, incidents: readonly Incident[]): RankedList {
  const kinds = question.kinds.map((id) => KINDS[id] as Kind);
  const matching = incidents.filter(
    (incident) =>
      (question.states.length === 0 || (incident.state !== undefined && question.states.includes(incident.state))) &&
      (!question.period || disclosedIn(incident, question.period)) &&
      kinds.every((kind) => kind.matches(incident)) &&
      (question.breachTypes.length === 0 || question.breachTypes.some((type) => matchesBreachType(incident, type))) &&
      matchesFilters(incident, question.filters),
  );
  const ordered = [...matching].sort(question.order === 'largest' ? largestFirst : newestFirst);
  const shown = ordered.slice(0, question.shown);
  return {
    question,
    title: describeQuestion(question),
    notes: [...describeMatching(question), ...describeFound(question, shown)],
    total: matching.length,
    individuals: matching.reduce((sum, incident) => sum + (incident.individualsAffected ?? 0), 0),
    incidents: shown,
  };
}

/** "Largest ransomware breaches at health plans in California, disclosed last year (2025)". */
export function describeQuestion(question: ListQuestion): string {
  const order = question.order === 'largest' ? 'Largest' : question.orderAsked ? 'Latest' : '';
  const types = question.breachTypes.map((type) => BREACH_TYPE_LABELS[type].toLowerCase());
  const what = [order, types.length > 0 ? `${types.join(' or ')} breaches` : 'breaches'].filter(Boolean).join(' ');
  const kinds = question.kinds.map((id) => KINDS[id].label);
  const states = [...new Set([...question.states, ...question.filters.states])].map(stateName);
  const parts = [
    what,
    kinds.length > 0 ? `at ${kinds.join(' that are also ')}` : undefined,
    states.length > 0 ? `in ${states.join(' or ')}` : undefined,
    question.period ? `disclosed ${question.period.label}` : undefined,
    question.filters.years.length > 0 ? `in ${question.filters.years.join(' or ')} (happened or disclosed)` : undefined,
    question.filters.dataTypes.length > 0 ? `exposing ${question.filters.dataTypes.join(' and ')}` : undefined,
  ].filter(Boolean);
  const sentence = parts.join(' ');
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}`;
}

function describeMatching(question: ListQuestion): string[] {
  const notes = question.kinds.flatMap((id) => {
    const kind: Kind = KINDS[id];
    return kind.matchedBy ? [`${kind.label} matched ${kind.matchedBy}`] : [];
  });
  if (question.breachTypes.includes('ransomware'))
    notes.push('ransomware as filed, or as named in the filing’s description (HHS files it as hacking)');
  if (question.order === 'largest') notes.push('ranked by people affected as last reported');
  return notes;
}

/** Notes that depend on what was found, not only on what was asked. */
function describeFound(question: ListQuestion, shown: readonly Incident[]): string[] {
  const residentsOnly = shown.some(
    (incident) => incident.individualsAffected === undefined && incident.residentsAffected !== undefined,
  );
  return question.order === 'largest' && residentsOnly
    ? ['where a filing counts one state’s residents only, that count ranks it']
    : [];
}
