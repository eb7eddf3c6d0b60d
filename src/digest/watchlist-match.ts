import type { Incident } from '../incidents/model.js';
import { organizationKey } from '../incidents/organization-name.js';
import { boundedEditDistance } from '../search/edit-distance.js';

/** Which of an incident's names a watched vendor was found in. */
export type MatchedField = 'organization' | 'alias' | 'related';

export interface VendorMatch {
  /** The watched vendor, as the watchlist spells it. */
  vendor: string;
  /** The incident's name that matched, as the record spells it. */
  name: string;
  field: MatchedField;
  /** The whole name ("HealthEC LLC" for "HealthEC"), or words inside a longer one ("Kaiser Foundation Health Plan"). */
  extent: 'whole-name' | 'part-of-name';
  /** Letters that differ once case, punctuation and legal forms are set aside: 0 is the same name. */
  typos: number;
}

export interface WatchlistMatch {
  incident: Incident;
  /** Every watched vendor the incident names, in watchlist order, each with its best-matching name. */
  vendors: VendorMatch[];
}

/**
 * Words that name a kind of organisation, not one organisation. A vendor made only of these
 * ("Health", "Home Health", "Blue Cross") matches a whole name and never a word inside one:
 * otherwise watching "Health" would flag every hospital. The dataset's own frequent words are
 * added to these (see `frequentWords`), so this list needs only the words a small dataset may
 * not show often enough.
 */
export const GENERIC_NAME_WORDS: ReadonlySet<string> = new Set(
  (
    'and for health healthcare medical medicine hospital hospitals clinic clinics care center centers centre ' +
    'services service group system systems solutions partners associates university college school county city ' +
    'community family national american united general regional memorial physicians physician pharmacy dental ' +
    'insurance plan plans network management foundation specialists specialty practice home first valley north ' +
    'south east west new saint department international global technologies technology tech data software ' +
    'consulting financial bank labs laboratory laboratories diagnostics imaging surgery surgical orthopedic ' +
    'orthopaedics pediatric pediatrics behavioral mental senior living life wellness rehabilitation institute ' +
    'trust holdings enterprises public state district children childrens women womens eye vision heart cancer ' +
    'primary urgent blue cross shield mutual resources partnership alliance physical therapy radiology'
  ).split(' '),
);

/** A word in at least this share of the dataset's incidents (and at least `FREQUENT_MIN_INCIDENTS`) is generic. */
const FREQUENT_SHARE = 0.01;
const FREQUENT_MIN_INCIDENTS = 20;

/** Words shorter than this are initials or filler ("of", "uc"): too short to pick one organisation out. */
const MIN_DISTINCTIVE_LENGTH = 3;

const FIELD_ORDER: Record<MatchedField, number> = { organization: 0, alias: 1, related: 2 };

interface VendorWord {
  word: string;
  /** A word that names a kind of organisation: it must be spelt right, or "Home Health" would be "HopeHealth". */
  generic: boolean;
  digits: string;
}

interface WatchedVendor {
  vendor: string;
  words: VendorWord[];
  /** The name's words without spaces: "Health EC" and "HealthEC" are one name. */
  compact: string;
  /** Whether the vendor may match words inside a longer name: it has a word that picks it out. */
  distinctive: boolean;
}

interface NameWords {
  name: string;
  field: MatchedField;
  words: string[];
}

/**
 * Typos forgiven in one word, by its length. Inside a longer name fewer are: "Optum" must not flag
 * "Optim Health", while a whole name that close is the same organisation far more often.
 */
function allowedTypos(length: number, extent: VendorMatch['extent']): number {
  if (extent === 'whole-name') return length < 5 ? 0 : length < 9 ? 1 : 2;
  return length < 8 ? 0 : length < 12 ? 1 : 2;
}

/**
 * Finds which incidents name a watched vendor, as their organisation, an alias or a related
 * organisation (a vendor's breach reaches its customers' people). `corpus` is the whole dataset:
 * it tells which words are too common in names to pick a vendor out.
 */
export function matchWatchlist(
  incidents: readonly Incident[],
  watchlist: readonly string[],
  corpus: readonly Incident[] = incidents,
): WatchlistMatch[] {
  const match = createWatchlistMatcher(watchlist, corpus);
  return incidents.flatMap((incident) => {
    const vendors = match(incident);
    return vendors.length > 0 ? [{ incident, vendors }] : [];
  });
}

/** The matcher for one watchlist: the vendors are read once, then each incident is checked against them all. */
export function createWatchlistMatcher(
  watchlist: readonly string[],
  corpus: readonly Incident[],
): (incident: Incident) => VendorMatch[] {
  const vendors = readWatchlist(watchlist, frequentWords(corpus));
  const distances = new DistanceCache();
  return (incident) => {
    if (vendors.length === 0) return [];
    const names = namesOf(incident);
    return vendors.flatMap((vendor) => {
      const best = bestMatch(vendor, names, distances);
      return best ? [best] : [];
    });
  };
}

function readWatchlist(watchlist: readonly string[], frequent: ReadonlySet<string>): WatchedVendor[] {
  const seen = new Set<string>();
  const vendors: WatchedVendor[] = [];
  for (const vendor of watchlist) {
    const words = wordsOf(vendor).map((word) => ({
      word,
      digits: word.replace(/\D/g, ''),
      generic: word.length < MIN_DISTINCTIVE_LENGTH || GENERIC_NAME_WORDS.has(word) || frequent.has(word),
    }));
    const compact = words.map((entry) => entry.word).join('');
    // A vendor made only of legal forms ("LLC") names nothing; a repeated one would match twice.
    if (!compact || seen.has(compact)) continue;
    seen.add(compact);
    vendors.push({ vendor: vendor.trim(), words, compact, distinctive: words.some((entry) => !entry.generic) });
  }
  return vendors;
}

function wordsOf(name: string): string[] {
  return organizationKey(name).split(' ').filter(Boolean);
}

function namesOf(incident: Incident): NameWords[] {
  const named = (field: MatchedField) => (name: string) => ({ name, field, words: wordsOf(name) });
  return [
    named('organization')(incident.organization),
    ...incident.aliases.map(named('alias')),
    ...incident.relatedOrganizations.map(named('related')),
  ].filter((entry) => entry.words.length > 0);
}

/**
 * Counting reads every name of every incident, about half a second over a hundred thousand; a loaded
 * dataset never changes (a reload makes a new array), so each array is counted once, for the digest,
 * the watchlist, alerts and each training status alike.
 */
const frequentByCorpus = new WeakMap<readonly Incident[], ReadonlySet<string>>();

/** Words in so many incidents' names that they describe a kind of organisation in this dataset. */
export function frequentWords(corpus: readonly Incident[]): ReadonlySet<string> {
  let frequent = frequentByCorpus.get(corpus);
  if (!frequent) {
    frequent = countFrequentWords(corpus);
    frequentByCorpus.set(corpus, frequent);
  }
  return frequent;
}

function countFrequentWords(corpus: readonly Incident[]): Set<string> {
  const threshold = Math.max(FREQUENT_MIN_INCIDENTS, Math.ceil(corpus.length * FREQUENT_SHARE));
  const counts = new Map<string, number>();
  for (const incident of corpus) {
    const words = new Set(namesOf(incident).flatMap((entry) => entry.words));
    for (const word of words) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return new Set([...counts].filter(([, count]) => count >= threshold).map(([word]) => word));
}

/** The vendor's best match among the names: a whole name before a part, fewer typos, the organisation first. */
function bestMatch(
  vendor: WatchedVendor,
  names: readonly NameWords[],
  distances: DistanceCache,
): VendorMatch | undefined {
  let best: VendorMatch | undefined;
  for (const entry of names) {
    const found = matchName(vendor, entry, distances);
    if (found && (!best || rank(found) < rank(best))) best = found;
  }
  return best;
}

function rank(match: VendorMatch): number {
  return (match.extent === 'whole-name' ? 0 : 100) + match.typos * 10 + FIELD_ORDER[match.field];
}

/**
 * Compares the vendor with the runs of consecutive words of the name that could be it: the same
 * letters with the spaces elsewhere ("Health EC" is "HealthEC"), or as many words, each within its
 * typos. A vendor is never found inside a word, and only a distinctive vendor inside a longer name.
 */
function matchName(vendor: WatchedVendor, entry: NameWords, distances: DistanceCache): VendorMatch | undefined {
  const { words } = entry;
  let best: VendorMatch | undefined;
  for (let start = 0; start < words.length; start++) {
    let length = 0;
    for (let end = start; end < words.length && vendor.compact.startsWith(words[end] as string, length); end++) {
      length += (words[end] as string).length;
      if (length === vendor.compact.length) best = better(best, vendor, entry, start, end + 1, 0);
    }
    const end = start + vendor.words.length;
    if (end > words.length) continue;
    const typos = wordTypos(vendor.words, words, start, extentOf(words, start, end), distances);
    if (typos !== undefined) best = better(best, vendor, entry, start, end, typos);
  }
  return best;
}

function extentOf(words: readonly string[], start: number, end: number): VendorMatch['extent'] {
  return start === 0 && end === words.length ? 'whole-name' : 'part-of-name';
}

/** The better of `best` and the match of words [start, end) of the name, if the vendor may match there. */
function better(
  best: VendorMatch | undefined,
  vendor: WatchedVendor,
  entry: NameWords,
  start: number,
  end: number,
  typos: number,
): VendorMatch | undefined {
  const extent = extentOf(entry.words, start, end);
  if (extent === 'part-of-name' && !vendor.distinctive) return best;
  const found: VendorMatch = { vendor: vendor.vendor, name: entry.name, field: entry.field, extent, typos };
  return !best || rank(found) < rank(best) ? found : best;
}

/**
 * Typos between the vendor's words and as many words of the name from `start`, each word on its own: a typo
 * never spans two words ("HealthEC" is not "Health SC"), generic words must be spelt right, and
 * numbers never differ ("23andMe" is not "24andMe"). Undefined when they do not match.
 */
function wordTypos(
  vendorWords: readonly VendorWord[],
  nameWords: readonly string[],
  start: number,
  extent: VendorMatch['extent'],
  distances: DistanceCache,
): number | undefined {
  if (start + vendorWords.length > nameWords.length) return undefined;
  let typos = 0;
  for (let index = 0; index < vendorWords.length; index++) {
    const { word, generic, digits } = vendorWords[index] as VendorWord;
    const other = nameWords[start + index] as string;
    if (word === other) continue;
    const allowed = allowedTypos(word.length, extent);
    if (generic || allowed === 0 || Math.abs(word.length - other.length) > allowed) return undefined;
    const distance = distances.get(word, other, allowed);
    if (distance > allowed || other.replace(/\D/g, '') !== digits) return undefined;
    typos += distance;
  }
  return typos;
}

/**
 * Edit distances already worked out: names repeat the same words ("Regional", "Medical"), and a
 * watchlist meets each of them once per vendor word instead of once per name.
 */
class DistanceCache {
  private readonly known = new Map<string, number>();

  get(a: string, b: string, max: number): number {
    const key = `${max} ${a} ${b}`;
    let distance = this.known.get(key);
    if (distance === undefined) {
      distance = boundedEditDistance(a, b, max);
      this.known.set(key, distance);
    }
    return distance;
  }
}
