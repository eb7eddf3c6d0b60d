/**
 * How a run's entries replace earlier ones in bench/results.json: what the run measured replaces the
 * entry with the same key; what it did not measure (a skipped dataset or part) stays, so a partial
 * run never erases the figures it did not reproduce.
 */
export function mergeEntries<T>(
  previous: unknown,
  measured: readonly T[],
  key: (entry: T) => string,
  order: (a: T, b: T) => number,
): { merged: T[]; kept: T[] } {
  const fresh = new Set(measured.map(key));
  const kept = (Array.isArray(previous) ? (previous as T[]) : []).filter((entry) => !fresh.has(key(entry)));
  return { merged: [...kept, ...measured].sort(order), kept };
}
