/** A RegExp matching exactly one of `ids`, each taken literally. */
export function exactPattern(ids: readonly string[]): RegExp {
  if (ids.length === 0) throw new Error('exactPattern needs at least one id');
  return new RegExp(`^(?:${ids.map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`);
}
