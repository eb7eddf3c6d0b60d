/**
 * Randomness that repeats: a quiz on the same incident is the same quiz on every instance and after
 * every restart, so a trainer who posts it twice, or a retried weekly post, asks the same questions.
 */
export type Random = () => number;

/** FNV-1a: a 32-bit hash of the key, enough to spread seeds of similar ids apart. */
function hash(key: string): number {
  let value = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    value ^= key.charCodeAt(i);
    value = Math.imul(value, 0x01000193);
  }
  return value >>> 0;
}

/** mulberry32: numbers in [0, 1), the same sequence for the same key. */
export function seededRandom(key: string): Random {
  return mulberry32(hash(key));
}

/** mulberry32: tiny, fast, and the same sequence for the same seed everywhere (not for anything secret). */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [0, size). */
export function randomIndex(random: Random, size: number): number {
  return Math.min(size - 1, Math.floor(random() * size));
}

/** A shuffled copy (Fisher-Yates). */
export function shuffled<T>(items: readonly T[], random: Random): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = randomIndex(random, i + 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}
