import type { Guidance } from '../guidance/model.js';
import { type DataType, dataTypeLabel } from '../incidents/data-types.js';
import {
  BREACH_TYPE_LABELS,
  ENTITY_TYPE_LABELS,
  LOCATION_LABELS,
  ORIGIN_LABELS,
  RESIDENT_COUNT_SOURCES,
} from '../incidents/labels.js';
import type { BreachType, Incident } from '../incidents/model.js';
import { foldText } from '../incidents/organization-name.js';
import { stateName, type UsStateCode } from '../incidents/us-states.js';
import { describeDelay, formatCount, formatDate, inSentence, joinList, onDate } from './fact-wording.js';
import { stepsForIncident } from './protective-steps.js';
import { dataTypesNamedIn } from './steps-intent.js';
import type { ProtectiveSteps } from './types.js';

/**
 * What a question about one incident asks, and the one sentence that answers it, built only from the
 * record's fields: a fact the record lacks is said to be missing, never guessed. The card under the
 * sentence has the rest.
 */

export const QUESTION_INTENTS = ['steps', 'reach', 'count', 'when', 'data', 'how', 'hacked', 'overview'] as const;
export type QuestionIntent = (typeof QUESTION_INTENTS)[number];

export interface DirectAnswer {
  intent: QuestionIntent;
  /** Plain text; each view escapes it. */
  text: string;
}

/**
 * First match wins, so the more specific question goes first: "how many people were hacked" asks for
 * a count, "what should I do now that X was hacked" for steps.
 */
const INTENT_PATTERNS: readonly (readonly [QuestionIntent, RegExp])[] = [
  [
    'steps',
    /\b(?:what (?:do|should|can|must|shall) (?:i|we) do|what to do|what now|now what|what next|next steps?|what are my options|should (?:i|we) (?:worry|be worried|be concerned|do)|how (?:do|can|should) (?:i|we) protect|protect (?:myself|me|my|us|our)|what steps|which steps)\b/,
  ],
  [
    'reach',
    /\b(?:(?:which|what|who|whose) (?:other )?(?:organi[sz]ations?|orgs?|compan(?:y|ies)|hospitals?|health systems?|clients?|customers?|providers?|partners?|vendors?|insurers?|health plans?|businesses)|who else|reach(?:ed|es)?|through (?:a|its|their) vendors?|vendors? breach)\b/,
  ],
  [
    'count',
    /\b(?:how (?:many|much|big|large|bad|widespread|serious)|number of|who (?:was|were|is|got) affected|count|size of)\b/,
  ],
  [
    'when',
    /\b(?:when|what (?:date|day|year|month|time)|how long|delay(?:ed)?|discovered|disclosed|found out|notified|timeline|how late|how soon)\b/,
  ],
  [
    'data',
    /\b(?:(?:what|which) (?:kinds? of |types? of )?(?:data|information|info|details|records)|what (?:was|were|got|has been|have been) (?:exposed|stolen|taken|leaked|accessed|compromised|revealed)|data (?:was |were )?(?:exposed|stolen|taken|leaked))\b/,
  ],
  ['how', /\b(?:how (?:did|was|were|could|come)|what happened|what caused|cause of|how it happened|what went wrong)\b/],
  [
    'hacked',
    /\b(?:hacked|hack|breached|compromised|attacked|safe|secure|leaked|ransomware attack|data breach)\b|\b(?:was|were|is|has|have|did) .{1,60} (?:hit|affected|involved)\b/,
  ],
];

/** "is X safe", "can I trust X": never answered "safe", only with what is on record. */
const SAFETY_QUESTION = /\b(?:safe|secure|trust|trustworthy|ok to use|okay to use)\b/;

/** The question folded as the intent patterns read it: lowercase ASCII words, possessives gone. */
function foldQuestion(query: string): string {
  return foldText(query.replace(/([\p{L}\p{N}])['\u2019]s\b/gu, '$1'));
}

/** Which of the questions the issue lists `query` asks; `overview` when it only names an incident. */
export function readQuestionIntent(query: string): QuestionIntent {
  const folded = foldQuestion(query);
  return INTENT_PATTERNS.find(([, pattern]) => pattern.test(folded))?.[0] ?? 'overview';
}

const GREETING =
  /^(?:hi+|hello+|hey+|hiya|howdy|yo|hallo|greetings|good (?:morning|afternoon|evening|day)|thanks?|thank you(?: (?:so|very) much)?|thx|ty|cheers)(?: (?:there|all|everyone|breachbot|bot|team|again|a lot))*$/;

/** "hi", "hello breachbot", "thanks": a greeting, answered with hello and help rather than a search. */
export function isGreeting(text: string): boolean {
  const folded = foldText(text.replace(/<@[A-Z0-9]+(?:\|[^>]*)?>/g, ' '));
  return folded.length > 0 && GREETING.test(folded);
}

export interface DirectAnswerOptions {
  /** The other hits the answer shows: a question from an organisation's side may be about several vendors. */
  alternatives?: readonly Incident[];
  /** The steps the answer shows; computed from `guidance` when not given. */
  steps?: ProtectiveSteps;
  guidance?: Guidance;
}

/** The intent of `query` and the sentence that answers it about `incident`. Pure. */
export function directAnswer(query: string, incident: Incident, options: DirectAnswerOptions = {}): DirectAnswer {
  const asked = relatedAsked(query, incident);
  const read = readQuestionIntent(query);
  // A bare name that is not the incident's own but one its breach reached ("Corewell Health") asks
  // which breaches reached it: a card of the vendor alone would not say why it is the answer.
  const intent = read === 'overview' && asked.length > 0 ? 'reach' : read;
  const text = SENTENCES[intent]({ query, incident, asked, options });
  return { intent, text };
}

interface SentenceInput {
  query: string;
  incident: Incident;
  /** The partners or customers of the incident's organisation that the query names instead of it. */
  asked: readonly string[];
  options: DirectAnswerOptions;
}

const SENTENCES: Record<QuestionIntent, (input: SentenceInput) => string> = {
  steps: stepsSentence,
  reach: reachSentence,
  count: ({ incident }) => countSentence(incident),
  when: ({ incident }) => whenSentence(incident),
  data: ({ incident }) => dataSentence(incident),
  how: ({ incident }) => howSentence(incident),
  hacked: hackedSentence,
  overview: ({ incident }) => overviewSentence(incident),
};

// ---------------------------------------------------------------------------------------------
// Who says what

/** Who would have said a fact the record lacks, as the subject of "does not say". */
function silentSource(incident: Incident): { who: string; plural: boolean } {
  if (incident.origin === 'curated') return { who: 'the sources on this card', plural: true };
  const lists = new Set((incident.filings ?? []).flatMap((filing) => (filing.origin ? [filing.origin] : [])));
  if (lists.size > 1) return { who: 'the official filings', plural: true };
  const who = {
    'hhs-ocr': 'the HHS filing',
    hibp: 'Have I Been Pwned',
    'wa-ag': "the Washington State Attorney General's list",
  }[incident.origin];
  return { who, plural: false };
}

/** "The HHS filing does not say when it was discovered." */
function notSaid(incident: Incident, what: string): string {
  const { who, plural } = silentSource(incident);
  return `${capitalise(who)} ${plural ? 'do' : 'does'} not say ${what}.`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "HealthEC LLC's", "Walgreens'". */
function possessive(name: string): string {
  return /s$/i.test(name) ? `${name}'` : `${name}'s`;
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

// ---------------------------------------------------------------------------------------------
// How many

interface Figure {
  count: number;
  /** Set when the figure counts one state's residents only. */
  residentsOf?: UsStateCode;
  source: string;
  filed?: string;
  asOf?: string;
}

/** Every figure on record with who counted it: the filings, or the record's own count. */
export function affectedFigures(incident: Incident): Figure[] {
  const filings = incident.filings ?? [];
  const figures: Figure[] = filings.flatMap((filing) => {
    const base = { source: filing.source, filed: filing.filed, asOf: filing.origin ? filing.asOf : undefined };
    if (filing.individualsAffected !== undefined) return [{ ...base, count: filing.individualsAffected }];
    if (filing.residentsAffected) {
      return [{ ...base, count: filing.residentsAffected.count, residentsOf: filing.residentsAffected.state }];
    }
    return [];
  });
  const total = incident.individualsAffected;
  if (total !== undefined && !figures.some((figure) => figure.residentsOf === undefined && figure.count === total)) {
    figures.unshift({
      count: total,
      source: ORIGIN_LABELS[incident.origin],
      asOf: incident.origin === 'curated' ? undefined : incident.updated,
    });
  }
  const residents = incident.residentsAffected;
  if (residents && !figures.some((figure) => figure.residentsOf === residents.state)) {
    figures.push({
      count: residents.count,
      residentsOf: residents.state,
      source: RESIDENT_COUNT_SOURCES[residents.state] ?? ORIGIN_LABELS[incident.origin],
      asOf: incident.updated,
    });
  }
  return figures;
}

function figureDate(figure: Figure): string {
  if (figure.asOf) return ` (list of ${formatDate(figure.asOf)})`;
  return figure.filed ? ` (filed ${formatDate(figure.filed)})` : '';
}

function residentsLabel(figure: Figure): string {
  return `${formatCount(figure.count)} ${figure.residentsOf ? `${stateName(figure.residentsOf)} residents` : 'people'}`;
}

/**
 * "4,786,241 people, by the HHS OCR breach portal's count (list of 1 Jul 2026); the Maine Attorney
 * General was given 112,005 (filed 21 Dec 2023). The totals differ because …": each figure with
 * its source, and why they differ in terms of what each list counts.
 */
export function countSentence(incident: Incident): string {
  const figures = affectedFigures(incident);
  if (figures.length === 0) return notSaid(incident, 'how many people were affected');
  const totals = figures.filter((figure) => figure.residentsOf === undefined);
  const residents = figures.filter((figure) => figure.residentsOf !== undefined);
  const headline = totals.find((figure) => figure.count === incident.individualsAffected) ?? totals[0];
  const parts: string[] = [];
  if (headline) {
    parts.push(
      `${residentsLabel(headline)} were affected by ${possessive(incident.organization)} breach, by the count of the ${headline.source}${figureDate(headline)}`,
    );
  } else {
    parts.push(`No total is on record for ${possessive(incident.organization)} breach`);
  }
  const otherTotals = totals.filter((figure) => figure !== headline);
  for (const figure of otherTotals) {
    parts.push(`the ${figure.source} was given ${formatCount(figure.count)}${figureDate(figure)}`);
  }
  if (residents.length > 0) {
    const listed = joinList(residents.map((figure) => `${residentsLabel(figure)} (${figure.source})`));
    parts.push(`${listed} ${residents.length === 1 ? 'counts' : 'count'} only that state's residents`);
  }
  const differing = otherTotals.some((figure) => figure.count !== headline?.count);
  const why = differing
    ? ' The totals differ because each list holds the count it was given when the organisation filed or last updated it.'
    : '';
  const revised = 'countRevised' in incident && incident.countRevised;
  const revision = revised
    ? ` The ${ORIGIN_LABELS[incident.origin]} revised its count from ${formatCount(revised.from)} on ${formatDate(revised.on)}.`
    : '';
  return `${sentence(parts.join('; '))}${why}${revision}`;
}

/** The shortest count: the headline total, or one state's residents. */
function shortCount(incident: Incident): string | undefined {
  const figures = affectedFigures(incident);
  const figure =
    figures.find((each) => each.residentsOf === undefined && each.count === incident.individualsAffected) ??
    figures.find((each) => each.residentsOf === undefined) ??
    figures[0];
  return figure ? residentsLabel(figure) : undefined;
}

// ---------------------------------------------------------------------------------------------
// When

function happened(incident: Incident): string | undefined {
  const { occurred } = incident;
  if (!occurred) return undefined;
  if (occurred.end && occurred.end !== occurred.start) {
    return `from ${formatDate(occurred.start)} to ${formatDate(occurred.end)}`;
  }
  return onDate(occurred.start);
}

/**
 * "HealthEC LLC's breach happened from 14 Jul 2023 to 23 Jul 2023 and was disclosed on 21 Dec 2023,
 * 151 days after the intrusion ended. The sources on this card do not say when it was discovered."
 */
export function whenSentence(incident: Incident): string {
  const when = happened(incident);
  const delay = incident.disclosed ? describeDelay(incident) : undefined;
  const facts = [
    when ? `happened ${when}` : undefined,
    incident.discovered ? `was discovered ${onDate(incident.discovered)}` : undefined,
    incident.disclosed ? `was disclosed ${onDate(incident.disclosed)}` : undefined,
  ].filter((fact): fact is string => fact !== undefined);
  const listed = facts.length > 1 ? `${facts.slice(0, -1).join(', ')} and ${facts.at(-1)}` : (facts[0] ?? '');
  const missing = [
    when ? undefined : 'when it happened',
    incident.discovered ? undefined : 'when it was discovered',
    incident.disclosed ? undefined : 'when it was disclosed',
  ].filter((gap): gap is string => gap !== undefined);
  const said = listed
    ? sentence(`${possessive(incident.organization)} breach ${listed}${delay ? `: ${delay}` : ''}`)
    : '';
  const unsaid = missing.length > 0 ? notSaid(incident, joinList(missing).replace(/ and when /, ' or when ')) : '';
  return [said, unsaid].filter(Boolean).join(' ');
}

// ---------------------------------------------------------------------------------------------
// What data

function dataLabels(types: readonly DataType[]): string[] {
  return types.map((type) => inSentence(dataTypeLabel(type)));
}

/** "names, Social Security numbers and 8 more kinds of data". */
function shortData(types: readonly DataType[], shown = 3): string {
  const labels = dataLabels(types);
  if (labels.length <= shown + 1) return joinList(labels);
  return `${labels.slice(0, shown).join(', ')} and ${labels.length - shown} more kinds of data`;
}

export function dataSentence(incident: Incident): string {
  if (incident.dataTypes.length === 0) {
    const hipaa = incident.origin === 'hhs-ocr' ? ' Every breach on the HHS list involves health information.' : '';
    return `${notSaid(incident, 'which data was exposed')}${hipaa}`;
  }
  return sentence(`${possessive(incident.organization)} breach exposed ${joinList(dataLabels(incident.dataTypes))}`);
}

// ---------------------------------------------------------------------------------------------
// How

function breachTypes(types: readonly BreachType[]): string {
  return joinList(types.map((type) => inSentence(BREACH_TYPE_LABELS[type])));
}

function locations(incident: Incident): string {
  return joinList(incident.locations.map((location) => inSentence(LOCATION_LABELS[location])));
}

const UNKNOWN_TYPES: ReadonlySet<BreachType> = new Set(['unknown', 'other']);

export function howSentence(incident: Incident): string {
  const known = incident.breachTypes.filter((type) => !UNKNOWN_TYPES.has(type));
  if (known.length === 0) return notSaid(incident, `how ${possessive(incident.organization)} breach happened`);
  const where = incident.locations.length > 0 ? ` (where the data was: ${locations(incident)})` : '';
  const types = breachTypes(known);
  const recorded = `on record as ${article(types)}${types}${where}`;
  // The record's own account comes first when it has one; the listed type alone says little.
  if (incident.summary) return `${sentence(firstSentence(incident.summary))} It is ${sentence(recorded)}`;
  return sentence(`${possessive(incident.organization)} breach is ${recorded}`);
}

// ---------------------------------------------------------------------------------------------
// Was it hacked / is it safe

const HACK_TYPES: ReadonlySet<BreachType> = new Set(['hacking', 'ransomware', 'email-compromise']);

/** "from 14 Jul 2023 to 23 Jul 2023, disclosed on 21 Dec 2023". */
function whenShort(incident: Incident): string {
  return [
    happened(incident),
    incident.disclosed ? `disclosed ${onDate(incident.disclosed)}` : 'with no disclosure date on record',
  ]
    .filter(Boolean)
    .join(', ');
}

/** "it exposed names, … of 4,786,241 people". */
function exposure(incident: Incident): string {
  const count = shortCount(incident);
  const data = incident.dataTypes.length > 0 ? shortData(incident.dataTypes) : undefined;
  if (data && count) return `it exposed ${data} of ${count}`;
  if (data) return `it exposed ${data}`;
  return count ? `it affected ${count}` : '';
}

function hackedSentence(input: SentenceInput): string {
  const { query, incident, asked } = input;
  const safety = SAFETY_QUESTION.test(foldQuestion(query));
  const subject = asked.length > 0 ? joinList(asked) : incident.organization;
  // Never "safe": what is on record is all breachbot knows.
  const lead = safety ? `breachbot cannot vouch for ${subject} today. On record: ` : '';
  if (asked.length > 0) return `${lead || 'Through a vendor: '}${reachSentence(input)}`;
  const hacked = incident.breachTypes.some((type) => HACK_TYPES.has(type));
  const known = incident.breachTypes.filter((type) => !UNKNOWN_TYPES.has(type));
  const what = `${breachTypes(incident.breachTypes)}${incident.locations.length > 0 ? ` (${locations(incident)})` : ''}`;
  const facts = [whenShort(incident), exposure(incident)].filter(Boolean).join('; ');
  if (hacked) {
    return sentence(`${lead || 'Yes: '}${incident.organization} had ${article(what)}${what} ${facts}`);
  }
  if (known.length > 0) {
    return sentence(`${lead}${incident.organization} had a breach on record as ${what}, not as a hack: ${facts}`);
  }
  const { who, plural } = silentSource(incident);
  return sentence(
    `${lead}${incident.organization} had a breach (${facts}); ${who} ${plural ? 'do' : 'does'} not say how it happened`,
  );
}

function article(text: string): string {
  return /^(?:[aeio]|un)/i.test(text) ? 'an ' : 'a ';
}

// ---------------------------------------------------------------------------------------------
// Which organisations, which vendor

/** Words too common in organisation names to tell which one a question names. */
const GENERIC_NAME_WORDS = new Set(
  (
    'the and of for at in on inc llc ltd co corp corporation company group health healthcare care medical ' +
    'center centre centers hospital hospitals clinic system systems services service network partners ' +
    'associates community state division department university physicians physician organization ' +
    'organisation plan plans insurance blue cross shield new york north south east west national american ' +
    'regional general memorial family alliance integrated'
  ).split(' '),
);

function distinctiveWords(name: string): string[] {
  return foldText(name)
    .split(' ')
    .filter((word) => word.length >= 3 && !GENERIC_NAME_WORDS.has(word));
}

/**
 * The related organisations a question names and the incident's own names do not: "which vendor breach
 * reached Corewell Health" asks from Corewell's side about HealthEC's breach.
 */
export function relatedAsked(query: string, incident: Incident): string[] {
  const words = new Set(foldQuestion(query).split(' '));
  const own = [incident.organization, ...incident.aliases].flatMap(distinctiveWords);
  if (own.some((word) => words.has(word))) return [];
  return incident.relatedOrganizations.filter((name) => distinctiveWords(name).some((word) => words.has(word)));
}

const SHOWN_RELATED = 6;

function reachSentence({ query, incident, asked, options }: SentenceInput): string {
  if (asked.length > 0) {
    const breaches = [incident, ...(options.alternatives ?? [])].filter(
      (other) => other === incident || relatedAsked(query, other).length > 0,
    );
    const described = breaches.map((breach) => {
      const about = [
        breach.entityType === 'business-associate' ? 'a vendor' : undefined,
        breach.disclosed ? `disclosed ${onDate(breach.disclosed)}` : undefined,
      ].filter(Boolean);
      return `${breach.organization}${about.length > 0 ? ` (${about.join(', ')})` : ''}`;
    });
    const whose = possessive(joinList(asked));
    return breaches.length === 1
      ? sentence(`${whose} people were affected by the breach at ${described[0]}`)
      : sentence(
          `${whose} people were affected by ${breaches.length} breaches: ${joinList(described.map((each) => `at ${each}`))}`,
        );
  }
  const related = incident.relatedOrganizations;
  if (related.length === 0) {
    return notSaid(incident, `that ${possessive(incident.organization)} breach reached any other organisation`);
  }
  const shown = related.slice(0, SHOWN_RELATED);
  const more = related.length > shown.length ? [`${related.length - shown.length} more`] : [];
  const count = related.length === 1 ? 'one partner or customer' : `${related.length} of its partners or customers`;
  return sentence(
    `${possessive(incident.organization)} breach reached the people of ${count}: ${joinList([...shown, ...more])}`,
  );
}

// ---------------------------------------------------------------------------------------------
// What should I do

/** The first sentence of a step: "Freeze your credit at Equifax, Experian and TransUnion." */
function firstSentence(text: string): string {
  const match = /^.+?[.!?](?=\s|$)/.exec(text.trim());
  return (match?.[0] ?? text).trim();
}

function stepsSentence({ query, incident, options }: SentenceInput): string {
  const steps = options.steps ?? (options.guidance ? stepsForIncident(options.guidance, incident) : undefined);
  if (!steps || steps.checklists.length === 0) {
    return `No specific steps apply to what ${possessive(incident.organization)} breach exposed; watch for phishing that uses the incident as bait.`;
  }
  const named = new Set(dataTypesNamedIn(query));
  const first =
    steps.checklists.find((checklist) => checklist.dataTypes.some((type) => named.has(type))) ?? steps.checklists[0];
  const step = first?.steps[0];
  if (!first || !step)
    return sentence(`The steps below are for what ${possessive(incident.organization)} breach exposed`);
  const others = steps.checklists.filter((checklist) => checklist !== first).map((checklist) => checklist.title);
  const rest = others.length > 0 ? ` Then the steps below for ${joinList(others.map(inSentence))}.` : '';
  return `For ${possessive(incident.organization)} breach (${first.title}), start here: ${sentence(firstSentence(step.text))}${rest}`;
}

// ---------------------------------------------------------------------------------------------
// Only a name

export function overviewSentence(incident: Incident): string {
  const entity =
    incident.entityType && incident.entityType !== 'other' ? inSentence(ENTITY_TYPE_LABELS[incident.entityType]) : '';
  const where = incident.state ? `in ${stateName(incident.state)}` : '';
  // "a health plan in Texas", or "in Texas" alone: an article only before a kind of organisation.
  const who = [entity && `${article(entity)}${entity}`, where].filter(Boolean).join(' ');
  const known = incident.breachTypes.filter((type) => !UNKNOWN_TYPES.has(type));
  const kind = known.length > 0 ? ` (${breachTypes(known)})` : '';
  const disclosed = incident.disclosed ? ` disclosed ${onDate(incident.disclosed)}` : '';
  const count = shortCount(incident);
  return sentence(
    `${incident.organization}${who ? `, ${who},` : ''} had a breach${kind}${disclosed}${count ? ` that affected ${count}` : ''}`,
  );
}
