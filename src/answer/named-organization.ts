import { classifyTerms, type NameWordClass } from '../search/name-words.js';
import { words } from '../search/text-normalizer.js';
import type { SearchHit, SearchResult } from '../search/types.js';

/**
 * Which words of a query name an organisation, and whether a hit is that organisation. The search
 * ranks; this decides whether the best of its hits is what was asked about at all. Scores cannot:
 * "Delta Airlines" scored 0.95 against Delta Dental, as high as a right answer, because "delta" is
 * the rarest word of the query and Delta Dental has it.
 */
export interface QueryNames {
  /** The name terms (`SearchResult.nameTerms`) and their classes. */
  terms: readonly string[];
  classes: readonly NameWordClass[];
  /**
   * The terms a record's names must have for the query to name it: the distinctive ones, or, when
   * the query has none and describes nothing, its kind words ("general hospital"). Empty for a
   * description ("kansas child prescription breach"), which the scores alone decide.
   */
  identity: readonly number[];
  /** Only numbers or single letters ("1"): nothing to look for. */
  nothingToName: boolean;
}

export function queryNames(result: SearchResult): QueryNames {
  const terms = result.nameTerms;
  const classes = classifyTerms(terms);
  const positions = (wanted: NameWordClass) => classes.flatMap((value, index) => (value === wanted ? [index] : []));
  const distinctive = positions('distinctive');
  const describes = positions('descriptive').length > 0;
  const identity = distinctive.length > 0 ? distinctive : describes ? [] : positions('kind');
  return {
    terms,
    classes,
    identity,
    nothingToName: terms.length > 0 && classes.every((value) => value === 'number'),
  };
}

/** A shorter word one typo away from a name word is as often another name ("acme" and "ace"). */
const MIN_TYPO_TERM_LENGTH = 5;

/**
 * Whether the hit's names have term `index` firmly enough to say the query names the record. A typo
 * counts only in a name said in full ("helthec"), so that "Paramount" is not Marymount Manhattan
 * College. The start of a word counts when it is the last word typed ("north valley orthop"), where
 * people stop typing, or in a name said in full.
 */
function matchedFirmly(names: QueryNames, hit: SearchHit, index: number): boolean {
  const how = hit.names?.terms[index];
  const whole = hit.names?.whole === true;
  const term = names.terms[index] as string;
  if (how === 'exact') return true;
  if (how === 'prefix') return whole || index === names.terms.length - 1;
  return how === 'typo' && whole && term.length >= MIN_TYPO_TERM_LENGTH;
}

/**
 * Whether the hit is the organisation the query names. Every distinctive word of the query must be
 * in its names. A kind word the names lack ("Rite Aid pharmacy") is allowed only when the query says
 * one of its names in full, exactly: "Delta Airlines" does not name Delta Dental of California
 * (it leaves out "Dental"), nor "Alto Pharmacy" Altos Inc. A query of kind words alone ("general
 * hospital") must have them all, exactly.
 */
export function namesRecord(names: QueryNames, hit: SearchHit): boolean {
  if (names.identity.length === 0 || !hit.names) return true;
  const firm = names.terms.map((_, index) => matchedFirmly(names, hit, index));
  const exact = (index: number) => hit.names?.terms[index] === 'exact';
  const ofClass = (wanted: NameWordClass) => names.classes.flatMap((value, index) => (value === wanted ? [index] : []));
  const distinctive = ofClass('distinctive');
  const kinds = ofClass('kind');
  if (distinctive.length === 0) return kinds.every(exact);
  if (!distinctive.every((index) => firm[index])) {
    // The organisation and one its breach reached, named together ("Corewell Health HealthEC"):
    // each in a different name of the record, so only when every name word is typed exactly.
    const across = hit.names.anyName;
    return distinctive.length >= 2 && [...distinctive, ...kinds].every((index) => across[index] === 'exact');
  }
  const missingKinds = kinds.some((index) => !firm[index]);
  return !missingKinds || (hit.names.whole && distinctive.every(exact));
}

/** Words that join the words of a name ("Bank of America", "Johnson & Johnson"). */
const JOINING_WORDS = new Set(['of', 'and', 'the', 'de', 'at', 'for']);

/**
 * The organisation as the query wrote it, for "I have no record of a breach at …": the longest run
 * of its name words in the original spelling, with joining words inside the run, punctuation at its
 * ends and a possessive dropped. "was delta airlines hacked?" gives "delta airlines". Undefined when
 * the name words are only inside Slack markup or joined differently than typed: then the query is
 * echoed as typed instead.
 */
export function organizationAsWritten(raw: string, names: QueryNames): string | undefined {
  const nameWords = new Set(
    names.terms.filter((_, index) => names.classes[index] === 'distinctive' || names.classes[index] === 'kind'),
  );
  const tokens = raw.split(/\s+/).filter((token) => token && !token.startsWith('<'));
  // A word may be a name word, several typed as one ("riteaid"), or part of one typed apart ("last pass").
  const isName = (token: string) =>
    words(token).some(
      (word) =>
        nameWords.has(word) ||
        splitsInto(word, nameWords) ||
        (word.length >= 3 && [...nameWords].some((name) => name !== word && name.includes(word))),
    );
  const isJoining = (token: string) => token === '&' || JOINING_WORDS.has(token.toLowerCase());
  let best: string[] = [];
  for (let start = 0; start < tokens.length; start++) {
    if (!isName(tokens[start] as string)) continue;
    let end = start + 1;
    let lastName = start;
    while (end < tokens.length && (isName(tokens[end] as string) || isJoining(tokens[end] as string))) {
      if (isName(tokens[end] as string)) lastName = end;
      end++;
    }
    const run = tokens.slice(start, lastName + 1);
    if (run.length > best.length) best = run;
    start = lastName;
  }
  const written = best
    .join(' ')
    .replace(/^[^\p{L}\p{N}]+/u, '')
    .replace(/['\u2019]s$|[^\p{L}\p{N}]+$/giu, '')
    .replace(/['\u2019]s$/i, '');
  // Code or markup pasted in ("src=x onerror=alert(1)") names no organisation to say we lack.
  if (!written || /[<>=(){}[\];/\\]/.test(written)) return undefined;
  return written;
}

/** A word typed as one that the search read as several ("riteaid"): each of its parts is a name word. */
function splitsInto(word: string, nameWords: ReadonlySet<string>): boolean {
  let rest = word;
  while (rest) {
    const part = [...nameWords].find((candidate) => rest.startsWith(candidate));
    if (!part) return false;
    rest = rest.slice(part.length);
  }
  return true;
}
