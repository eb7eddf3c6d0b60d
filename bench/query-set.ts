/**
 * Queries with known answers, drawn with a seeded PRNG from any list of incidents (synthetic or the
 * real HHS records), so that hit@1 can be measured per kind of query.
 */
import { DATA_TYPE_INFO, type DataType, dataTypeForKeyword } from '../src/incidents/data-types.js';
import type { Incident } from '../src/incidents/model.js';
import { foldText, LEGAL_FORMS, organizationKey } from '../src/incidents/organization-name.js';
import { stateName } from '../src/incidents/us-states.js';
import { createRng, type Rng } from './prng.js';

export const INCIDENT_QUERY_KINDS = ['exact', 'typo', 'partial', 'question'] as const;
export type IncidentQueryKind = (typeof INCIDENT_QUERY_KINDS)[number];

export interface IncidentQuery {
  kind: IncidentQueryKind;
  text: string;
  /** The record the query was made from. */
  targetId: string;
  /** Its organisation, for reading misses. */
  targetName: string;
  /**
   * Every record that counts as the right answer: the target and any other record of the same
   * organisation (same `organizationKey`). Synthetic names are unique, so there it is the target alone;
   * the real HHS list has organisations with several breaches, which a name alone cannot tell apart.
   */
  acceptIds: readonly string[];
}

export interface DataTypeQuery {
  kind: 'data-type';
  text: string;
  /** The answer is a kind of data, not an incident. */
  expected: DataType;
}

export interface QuerySet {
  incident: IncidentQuery[];
  dataType: DataTypeQuery[];
}

export interface QuerySetOptions {
  seed: number;
  /** Queries per incident kind (default 52, so 208 incident queries). */
  perKind?: number;
  /** Data-type queries (default 24). */
  dataTypeQueries?: number;
}

/** Legal forms, dropped from the ends of names when people type them ("HealthEC LLC" is "HealthEC"). */
const LEGAL_WORDS = LEGAL_FORMS;
/** Words at the end of a name that describe the form of the organisation rather than which one it is. */
const GENERIC_TAIL_WORDS = new Set([
  ...LEGAL_WORDS,
  'partners',
  'group',
  'associates',
  'network',
  'specialists',
  'alliance',
  'institute',
  'services',
  'solutions',
  'holdings',
  'system',
  'systems',
]);
const CONNECTORS = new Set(['of', 'and', 'the', 'for', 'at', 'in', 'dba', 'd', 'b', 'a']);

// ---------------------------------------------------------------------------------------------
// Name words and the partial-query rule
// ---------------------------------------------------------------------------------------------

/** The words of a name as compared everywhere here: folded (lowercase ASCII, punctuation dropped). */
export function nameWords(text: string): string[] {
  return foldText(text).split(' ').filter(Boolean);
}

/** The words of a query that can tell one name from another: not "the", "of", "and". */
export function identityTokens(text: string): string[] {
  return nameWords(text).filter((word) => !CONNECTORS.has(word));
}

/**
 * Which records have, for every given word, a name word (organisation or alias) equal to it or
 * starting with it. Built once per dataset; queries then cost a few binary searches.
 */
export class NameWordIndex {
  private readonly vocabulary: string[];
  private readonly postings = new Map<string, number[]>();
  readonly keys: string[];
  private readonly idsByKey = new Map<string, string[]>();

  constructor(readonly incidents: readonly Incident[]) {
    this.keys = incidents.map((incident) => organizationKey(incident.organization));
    incidents.forEach((incident, record) => {
      const key = this.keys[record] as string;
      const ids = this.idsByKey.get(key);
      if (ids) ids.push(incident.id);
      else this.idsByKey.set(key, [incident.id]);
      const words = new Set([incident.organization, ...incident.aliases].flatMap(nameWords));
      for (const word of words) {
        const list = this.postings.get(word);
        if (list) list.push(record);
        else this.postings.set(word, [record]);
      }
    });
    this.vocabulary = [...this.postings.keys()].sort();
  }

  /** Ids of the records with the same organisation key as this one (itself included). */
  sameOrganization(record: number): string[] {
    return this.idsByKey.get(this.keys[record] as string) ?? [];
  }

  hasKey(key: string): boolean {
    return this.idsByKey.has(key);
  }

  /** Records with a name word for each token (equal, or the token is its prefix). */
  recordsMatchingAll(tokens: readonly string[]): Set<number> {
    let result: Set<number> | undefined;
    const perToken = tokens.map((token) => this.recordsWithPrefix(token)).sort((a, b) => a.size - b.size);
    for (const records of perToken) {
      if (!result) {
        result = new Set(records);
        continue;
      }
      for (const record of result) if (!records.has(record)) result.delete(record);
      if (result.size === 0) break;
    }
    return result ?? new Set();
  }

  /** How many records have this exact name word: rare words identify, common ones ("health") do not. */
  frequency(word: string): number {
    return this.postings.get(word)?.length ?? 0;
  }

  private recordsWithPrefix(token: string): Set<number> {
    const records = new Set<number>();
    let low = 0;
    let high = this.vocabulary.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.vocabulary[mid] as string) < token) low = mid + 1;
      else high = mid;
    }
    for (let i = low; i < this.vocabulary.length && (this.vocabulary[i] as string).startsWith(token); i++) {
      for (const record of this.postings.get(this.vocabulary[i] as string) ?? []) records.add(record);
    }
    return records;
  }
}

/**
 * THE PARTIAL-QUERY RULE: a partial query has a single known answer only if no OTHER record's name
 * (its organisation or any alias) contains every token of the query as a whole word or as the prefix
 * of a word. "North Valley" is no partial query when both "North Valley Health" and "North Valley
 * Orthopedics" exist: either answer would be right. Tokens that carry no identity ("the", "of",
 * "and") are left out first, so "The Southeastern" must be unique as "southeastern". Records of the
 * same organisation (same organizationKey, e.g. two HHS filings by one hospital) do not count as
 * other records.
 */
export function partialHasSingleAnswer(index: NameWordIndex, record: number, query: string): boolean {
  const tokens = identityTokens(query);
  if (tokens.length === 0) return false;
  const key = index.keys[record];
  for (const other of index.recordsMatchingAll(tokens)) {
    if (index.keys[other] !== key) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Query makers
// ---------------------------------------------------------------------------------------------

/** Display words of a name: whitespace-separated, trailing commas dropped ("Partners," -> "Partners"). */
function displayWords(name: string): string[] {
  return name
    .split(/\s+/)
    .map((word) => word.replace(/,$/, ''))
    .filter(Boolean);
}

/** "&" and "-" are words of a name but say nothing on their own. */
function hasLetters(word: string): boolean {
  return /[A-Za-z0-9]/.test(word);
}

/** A word a partial query should not end with: "of", "&", "-". */
function isFiller(word: string): boolean {
  return !hasLetters(word) || isWordIn(CONNECTORS, word);
}

/** Whether a display word is in the set: "Group", and "P.C." as "pc". */
function isWordIn(set: ReadonlySet<string>, word: string): boolean {
  const folded = nameWords(word);
  return folded.length > 0 && (folded.every((part) => set.has(part)) || set.has(folded.join('')));
}

/** The name without legal forms at its end: what people type ("North Valley Health Partners"). */
export function withoutLegalForm(name: string): string {
  const words = displayWords(name);
  const last = (): string => words[words.length - 1] as string;
  while (words.length > 1 && (isWordIn(LEGAL_WORDS, last()) || !hasLetters(last()))) words.pop();
  return words.join(' ');
}

/** Candidate partial queries for a name, most natural first (the caller shuffles and filters). */
export function partialCandidates(name: string, index: NameWordIndex): string[] {
  const words = displayWords(withoutLegalForm(name));
  const candidates: string[] = [];
  // 1. Without the generic words at its end: "North Valley Orthopedics Group" -> "North Valley Orthopedics".
  const stripped = [...words];
  const last = (): string => stripped[stripped.length - 1] as string;
  while (stripped.length > 1 && (isWordIn(GENERIC_TAIL_WORDS, last()) || isFiller(last()))) stripped.pop();
  if (stripped.length < words.length) candidates.push(stripped.join(' '));
  // 2. The first words: "Whitfield Family" from "Whitfield Family Dental".
  for (let k = Math.min(3, words.length - 1); k >= 1; k--) {
    const head = words.slice(0, k);
    if (!isFiller(head[head.length - 1] as string)) candidates.push(head.join(' '));
  }
  // 3. The rarest word, alone or with its rarer neighbour: "Whitfield" or "Whitfield Orthopedics"
  //    from "North Whitfield Orthopedics Group".
  const rarity = (word: string): number => Math.max(...nameWords(word).map((part) => index.frequency(part)));
  const significant = words
    .map((word, position) => ({ word, position }))
    .filter(({ word }) => !isWordIn(GENERIC_TAIL_WORDS, word) && !isFiller(word));
  if (significant.length >= 2) {
    const rarest = [...significant].sort((a, b) => rarity(a.word) - rarity(b.word))[0] as {
      word: string;
      position: number;
    };
    candidates.push(rarest.word);
    const neighbours = significant.filter(({ position }) => Math.abs(position - rarest.position) === 1);
    const neighbour = neighbours.sort((a, b) => rarity(a.word) - rarity(b.word))[0];
    if (neighbour) {
      const pair = [rarest, neighbour].sort((a, b) => a.position - b.position);
      candidates.push(pair.map(({ word }) => word).join(' '));
    }
  }
  // 4. A long word cut short, as people do when they cannot spell it: "North Valley Orthop".
  const base = stripped.length >= 2 ? stripped : words;
  const longest = base.reduce((best, word, i) => (word.length > (base[best] as string).length ? i : best), 0);
  const long = base[longest] as string;
  if (/^[A-Za-z]{7,}$/.test(long)) {
    const cut = long.slice(0, Math.max(4, Math.ceil(long.length * 0.6)));
    const truncated = base.slice(0, longest + 1).map((word, i) => (i === longest ? cut : word));
    candidates.push(truncated.join(' '));
  }
  return [...new Set(candidates)];
}

const KEYBOARD_NEIGHBOURS: Record<string, string> = {
  q: 'wa',
  w: 'qes',
  e: 'wrd',
  r: 'etf',
  t: 'ryg',
  y: 'tuh',
  u: 'yij',
  i: 'uok',
  o: 'ipl',
  p: 'ol',
  a: 'qsz',
  s: 'adwx',
  d: 'sfe',
  f: 'dgr',
  g: 'fht',
  h: 'gjy',
  j: 'hku',
  k: 'jli',
  l: 'ko',
  z: 'asx',
  x: 'zsc',
  c: 'xvd',
  v: 'cbf',
  b: 'vng',
  n: 'bmh',
  m: 'nj',
};

function sameCase(original: string, replacement: string): string {
  return original === original.toUpperCase() ? replacement.toUpperCase() : replacement;
}

/** One realistic typing slip inside `word` (letters only), never on its first letter. */
function slip(rng: Rng, word: string): string {
  const position = rng.int(1, word.length - 1);
  const char = word[position] as string;
  const kind = rng.weighted<string>([
    ['drop', 30],
    ['double', 20],
    ['swap', 25],
    ['substitute', 25],
  ]);
  if (kind === 'drop') return word.slice(0, position) + word.slice(position + 1);
  if (kind === 'double') return word.slice(0, position) + char + word.slice(position);
  if (kind === 'swap' && position < word.length - 1 && word[position + 1]?.toLowerCase() !== char.toLowerCase()) {
    return word.slice(0, position) + word[position + 1] + char + word.slice(position + 2);
  }
  const neighbours = KEYBOARD_NEIGHBOURS[char.toLowerCase()] ?? 'e';
  return word.slice(0, position) + sameCase(char, rng.pick([...neighbours])) + word.slice(position + 1);
}

/**
 * `text` with one or two realistic typos (dropped, doubled, swapped or substituted letters) in words of
 * at least four letters, preferring words that identify (not "LLC" or "Group", not acronyms like
 * "HMO"), a second slip in another word when there is one; then, sometimes, case noise. The folded
 * result always differs from the folded original.
 */
export function makeTypo(rng: Rng, text: string, edits: 1 | 2 = rng.chance(0.35) ? 2 : 1): string | undefined {
  let result = text;
  let edited = -1;
  for (let edit = 0; edit < edits; edit++) {
    const spans = [...result.matchAll(/[A-Za-z]+/g)].map((match) => ({ start: match.index, word: match[0] }));
    const long = spans.filter(({ word }) => word.length >= 4);
    const identifying = long.filter(
      ({ word }) => !GENERIC_TAIL_WORDS.has(word.toLowerCase()) && word !== word.toUpperCase(),
    );
    const candidates = identifying.length > 0 ? identifying : long;
    // A second slip goes into another word when there is one.
    const elsewhere = candidates.filter(({ start }) => start !== edited);
    const pool = elsewhere.length > 0 ? elsewhere : candidates;
    if (pool.length === 0) {
      if (edit === 0) return undefined;
      break;
    }
    const { start, word } = rng.pick(pool);
    result = result.slice(0, start) + slip(rng, word) + result.slice(start + word.length);
    edited = start;
  }
  if (foldText(result) === foldText(text)) return undefined;
  const noise = rng.weighted<string>([
    ['none', 55],
    ['lower', 40],
    ['upper-first', 5],
  ]);
  if (noise === 'lower') return result.toLowerCase();
  if (noise === 'upper-first') return result.replace(/[a-z]/, (char) => char.toUpperCase());
  return result;
}

/** A word for what happened, as a person would put it. */
function breachWord(rng: Rng, incident: Incident): string {
  const summary = incident.summary?.toLowerCase() ?? '';
  if (summary.includes('ransomware')) return 'ransomware';
  if (summary.includes('phishing')) return rng.pick(['phishing', 'email hack']);
  switch (incident.breachTypes[0]) {
    case 'hacking':
      return rng.pick(['hack', 'cyberattack', 'data breach']);
    case 'unauthorized-access':
      return rng.pick(['data breach', 'privacy breach']);
    case 'theft':
      return rng.pick(['stolen laptop', 'theft']);
    case 'loss':
      return 'lost records';
    case 'improper-disposal':
      return 'records dumped';
    default:
      return 'breach';
  }
}

type QuestionTemplate = (name: string, incident: Incident, rng: Rng) => string | undefined;

const QUESTIONS: readonly QuestionTemplate[] = [
  (name) => `was ${name} hacked?`,
  (name) => `what happened with the ${name} breach`,
  (name, incident) =>
    incident.disclosed ? `did ${name} have a data breach in ${incident.disclosed.slice(0, 4)}` : undefined,
  (name, incident, rng) =>
    incident.state ? `${name} ${breachWord(rng, incident)} ${stateName(incident.state)}` : undefined,
  (name) => `is my data safe after the ${name} breach`,
  (name) => `<@U04BRCHBOT> what happened at ${name}?`,
  (name) => `how many people were affected by the ${name} data breach?`,
  (name) => `I got a letter from ${name} about a breach, what should I do?`,
  (name, incident) => (incident.disclosed ? `${name} breach ${incident.disclosed.slice(0, 4)}` : undefined),
  (name) => `was my info exposed in the ${name} incident`,
  (name) => `any news on the ${name} cyberattack?`,
];

/** Lowercase, as people type in chat, but Slack markup (`<@U04BRCHBOT>`) as Slack sends it. */
function lowercaseText(text: string): string {
  return text.replace(/<[^>]*>|[^<]+/g, (part) => (part.startsWith('<') ? part : part.toLowerCase()));
}

// ---------------------------------------------------------------------------------------------
// Data-type queries
// ---------------------------------------------------------------------------------------------

const ASKED_DATA_TYPES: readonly DataType[] = [
  'ssn',
  'medical-record-number',
  'date-of-birth',
  'health-insurance',
  'payment-card',
  'bank-account',
  'login-credentials',
  'drivers-license',
  'email',
  'address',
  'prescription',
  'diagnosis',
  'lab-results',
  'phone',
  'taxpayer-id',
  'passport',
  'biometric',
];
const DATA_TYPE_TEMPLATES: readonly ((phrase: string) => string)[] = [
  (phrase) => `steps ${phrase}`,
  (phrase) => `what do I do if my ${phrase} leaked`,
  (phrase) => `my ${phrase} was exposed in a breach, what now?`,
  (phrase) => `what should I do if my ${phrase} was stolen`,
  (phrase) => `${phrase} breach what to do`,
];

function dataTypeQueries(rng: Rng, count: number): DataTypeQuery[] {
  const queries: DataTypeQuery[] = [];
  for (let i = 0; i < count; i++) {
    const expected = ASKED_DATA_TYPES[i % ASKED_DATA_TYPES.length] as DataType;
    // Only phrases that name this type and no other ("social" is ssn; "medical records" is the MRN type).
    const phrases = DATA_TYPE_INFO[expected].keywords.filter(
      (keyword) => keyword.length > 2 && dataTypeForKeyword(keyword) === expected,
    );
    const phrase = phrases.length > 0 ? rng.pick(phrases) : expected;
    queries.push({ kind: 'data-type', text: rng.pick(DATA_TYPE_TEMPLATES)(phrase), expected });
  }
  return queries;
}

// ---------------------------------------------------------------------------------------------
// The set
// ---------------------------------------------------------------------------------------------

/** A partial query for this record that satisfies the partial-query rule, if it has one. */
export function makePartial(rng: Rng, index: NameWordIndex, record: number): string | undefined {
  const incident = index.incidents[record] as Incident;
  const fullKey = organizationKey(incident.organization);
  for (const candidate of rng.shuffle(partialCandidates(incident.organization, index))) {
    const tokens = nameWords(candidate);
    // Not the name itself (dropping "LLC" is no partial), and something to go on.
    if (organizationKey(candidate) === fullKey || tokens.join('').length < 4) continue;
    if (partialHasSingleAnswer(index, record, candidate)) return candidate;
  }
  return undefined;
}

/** A typo of the name that is not another record's name. */
function makeNameTypo(rng: Rng, index: NameWordIndex, name: string): string | undefined {
  for (let attempt = 0; attempt < 5; attempt++) {
    const typo = makeTypo(rng, name);
    if (typo && !index.hasKey(organizationKey(typo))) return typo;
  }
  return undefined;
}

function makeQuery(
  rng: Rng,
  index: NameWordIndex,
  kind: IncidentQueryKind,
  record: number,
  byAlias: boolean,
): string | undefined {
  const incident = index.incidents[record] as Incident;
  switch (kind) {
    case 'exact':
      return byAlias && incident.aliases.length > 0 ? rng.pick(incident.aliases) : incident.organization;
    case 'typo':
      return makeNameTypo(rng, index, withoutLegalForm(incident.organization));
    case 'partial':
      return makePartial(rng, index, record);
    case 'question': {
      const plain = withoutLegalForm(incident.organization);
      const how = rng.weighted<string>([
        ['name', 55],
        ['typo', 25],
        ['partial', 20],
      ]);
      let name: string | undefined = plain;
      if (how === 'typo') name = makeNameTypo(rng, index, plain);
      if (how === 'partial') name = makePartial(rng, index, record);
      name ??= plain;
      for (let attempt = 0; attempt < 5; attempt++) {
        const question = rng.pick(QUESTIONS)(name, incident, rng);
        if (question) return rng.chance(0.5) ? lowercaseText(question) : question;
      }
      return undefined;
    }
  }
}

/**
 * The query set for a dataset: `perKind` queries of each incident kind, targets drawn with the
 * seeded PRNG (a fifth of the exact queries are aliases, when any record has one), plus
 * data-type queries. The same incidents and seed always give the same set.
 */
export function buildQuerySet(incidents: readonly Incident[], options: QuerySetOptions): QuerySet {
  const rng = createRng(options.seed);
  const perKind = options.perKind ?? 52;
  const index = new NameWordIndex(incidents);
  const withAliases = incidents.flatMap((incident, record) => (incident.aliases.length > 0 ? [record] : []));
  const queries: IncidentQuery[] = [];
  for (const kind of INCIDENT_QUERY_KINDS) {
    const used = new Set<number>();
    let attempts = 0;
    let made = 0;
    while (made < perKind && attempts++ < perKind * 40) {
      const byAlias = kind === 'exact' && withAliases.length > 0 && made < perKind / 5;
      const record = byAlias ? rng.pick(withAliases) : rng.int(0, incidents.length - 1);
      if (used.has(record)) continue;
      const text = makeQuery(rng, index, kind, record, byAlias);
      if (!text?.trim()) continue;
      used.add(record);
      made++;
      const incident = incidents[record] as Incident;
      queries.push({
        kind,
        text,
        targetId: incident.id,
        targetName: incident.organization,
        acceptIds: index.sameOrganization(record),
      });
    }
  }
  return { incident: rng.shuffle(queries), dataType: dataTypeQueries(rng, options.dataTypeQueries ?? 24) };
}
