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

/**
 * Lowercase ASCII words: accents folded, punctuation dropped, `&` read as "and" between words but
 * dropped inside one ("AT&T" is "att", "PJ&A" is "pja": "at", "and" and "a" are filler words).
 */
export function foldText(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      // Initialisms are one word: "P.A." is "pa" (a legal form), "D.D.S." is "dds".
      .replace(/\b(?:[a-z]\.){2,}/g, (initials) => initials.replace(/\./g, ''))
      .replace(/([a-z0-9])&(?=[a-z0-9])/g, '$1')
      .replace(/&/g, ' and ')
      .replace(/['\u2019]/g, '')
      .replace(/[^a-z0-9]+/g, ' ')
      .trim()
  );
}

/** The comparable core of an organisation's name: folded, without legal-form words. */
export function organizationKey(name: string): string {
  return foldText(name)
    .split(' ')
    .filter((word) => word && !LEGAL_FORMS.has(word))
    .join(' ');
}

/** A stable, readable id fragment: `HealthEC LLC` -> `healthec-llc`. */
export function slugify(text: string, maxLength = 60): string {
  const slug = foldText(text).replace(/ /g, '-');
  return slug.slice(0, maxLength).replace(/-+$/, '') || 'unnamed';
}
