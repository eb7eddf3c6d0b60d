/**
 * Legal forms that only ever mean a legal form. Shorter ones ("co", "pa", "pc") can also be a
 * state or a word of a name, so a query keeps them.
 */
export const UNAMBIGUOUS_LEGAL_FORMS: ReadonlySet<string> = new Set([
  'llc',
  'inc',
  'incorporated',
  'corp',
  'corporation',
  'ltd',
  'pllc',
  'llp',
  'plc',
]);

/** Legal-form words that do not tell two organisations apart ("HealthEC LLC" is "HealthEC"). */
export const LEGAL_FORMS: ReadonlySet<string> = new Set([
  ...UNAMBIGUOUS_LEGAL_FORMS,
  'co',
  'company',
  'limited',
  'pc',
  'pa',
  'lp',
  'the',
]);

const NON_ASCII = /[\u0080-\uffff]/;
const COMBINING_MARKS = /[\u0300-\u036f]/g;
// Initialisms are one word: "P.A." is "pa" (a legal form), "D.D.S." is "dds".
const INITIALISM = /\b(?:[a-z]\.){2,}/g;
const AMPERSAND_IN_WORD = /([a-z0-9])&(?=[a-z0-9])/g;
const APOSTROPHES = /['\u2019]/g;
const NOT_WORD = /[^a-z0-9]+/g;

/**
 * Lowercase ASCII words: accents folded, punctuation dropped, `&` read as "and" between words but
 * dropped inside one ("AT&T" is "att", "PJ&A" is "pja": "at", "and" and "a" are filler words).
 */
export function foldText(text: string): string {
  return foldCharacters(text).replace(NOT_WORD, ' ').trim();
}

/**
 * `foldText` before its last step: its words are the runs of `a-z0-9` in this text, and whatever is
 * between them only separates them. The description index reads words from here, since replacing
 * the separators over the shipped summaries (4 MB) cost more than the rest of folding them.
 *
 * A start folds every name and summary, most of them plain ASCII without `&`: each step is skipped
 * when the text holds nothing it could change (ASCII is its own NFKD form, with no combining marks),
 * which gives the same text as running every step.
 */
export function foldCharacters(text: string): string {
  let folded = NON_ASCII.test(text) ? text.normalize('NFKD').replace(COMBINING_MARKS, '') : text;
  folded = folded.toLowerCase();
  if (folded.includes('.')) folded = folded.replace(INITIALISM, (initials) => initials.replace(/\./g, ''));
  if (folded.includes('&')) folded = folded.replace(AMPERSAND_IN_WORD, '$1').replace(/&/g, ' and ');
  if (folded.includes("'") || folded.includes('\u2019')) folded = folded.replace(APOSTROPHES, '');
  return folded;
}

/**
 * Names already keyed, by name. Loading the data needs every record's name keyed in three places (curated
 * cards matched, lists joined, the name index built), and folding costs far more than a look-up. Only names
 * from the data and the watchlist are keyed, but the cache is bounded all the same, so that no input
 * can grow it for as long as the bot runs.
 */
const organizationKeys = new Map<string, string>();
const MAX_CACHED_KEYS = 100_000;

/** The comparable core of an organisation's name: folded, without legal-form words. */
export function organizationKey(name: string): string {
  let key = organizationKeys.get(name);
  if (key === undefined) {
    key = foldText(name)
      .split(' ')
      .filter((word) => word && !LEGAL_FORMS.has(word))
      .join(' ');
    if (organizationKeys.size >= MAX_CACHED_KEYS) organizationKeys.clear();
    organizationKeys.set(name, key);
  }
  return key;
}

/** A stable, readable id fragment: `HealthEC LLC` -> `healthec-llc`. */
export function slugify(text: string, maxLength = 60): string {
  const slug = foldText(text).replace(/ /g, '-');
  return slug.slice(0, maxLength).replace(/-+$/, '') || 'unnamed';
}
