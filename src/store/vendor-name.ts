/**
 * What makes two watchlist names the same vendor. Computed here, not with SQL's lower(), because
 * SQLite folds only ASCII and PostgreSQL folds by the database's locale: both stores must agree that
 * "ÄRZTE AG" and "ärzte ag" are one vendor, and must list them in the same order.
 */

/** The name as it is kept: as typed, trimmed. */
export function vendorName(typed: string): string {
  const name = typed.trim();
  if (name === '') throw new Error('A vendor name must not be empty.');
  return name;
}

/** The unique key of a name: one spelling whatever the case or Unicode composition. */
export function vendorNameKey(typed: string): string {
  return vendorName(typed).normalize('NFC').toLowerCase();
}

const collator = new Intl.Collator('en', { sensitivity: 'base' });

/** Case-insensitive order, with a fixed tie-break so both stores list equal-looking names alike. */
export function compareVendorNames(a: string, b: string): number {
  const byLetters = collator.compare(a, b);
  if (byLetters !== 0) return byLetters;
  return a < b ? -1 : a > b ? 1 : 0;
}
