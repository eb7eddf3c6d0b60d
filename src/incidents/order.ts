import type { Incident } from './model.js';

/** Most recently disclosed first; the largest first on the same day; undated last. */
export function newestFirst(a: Incident, b: Incident): number {
  return (
    (b.disclosed ?? '').localeCompare(a.disclosed ?? '') || (b.individualsAffected ?? 0) - (a.individualsAffected ?? 0)
  );
}
