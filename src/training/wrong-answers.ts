import type { Ranking } from './answer-pools.js';
import { QUIZ_CHOICES_MAX, QUIZ_CHOICES_MIN } from './quiz.js';
import { type Random, shuffled } from './seeded-random.js';

/** How many wrong answers a question takes: three when there are, two at least, else none. */
const WRONG_MAX = QUIZ_CHOICES_MAX - 1;
const WRONG_MIN = QUIZ_CHOICES_MIN - 1;

/**
 * A few wrong answers from candidates ranked most plausible first: drawn from a little more than the
 * top, so that two incidents with the same facts need not get the same wrong answers. Undefined when
 * there are too few for a fair question.
 */
export function pickWrong<T>(ranked: readonly T[], random: Random, spare = 2): T[] | undefined {
  if (ranked.length < WRONG_MIN) return undefined;
  const want = Math.min(WRONG_MAX, ranked.length);
  return shuffled(ranked.slice(0, want + spare), random).slice(0, want);
}

/**
 * Wrong answers among the values a ranking holds that `fair` allows: in the record's own list's words
 * when it has enough of them, else from everything other incidents have.
 */
export function plausibleWrong<T extends string>(
  ranking: Ranking<T>,
  fair: (value: T) => boolean,
  random: Random,
  spare = 2,
): T[] | undefined {
  const own = ranking.own.filter(fair);
  if (own.length >= WRONG_MAX) return pickWrong(own, random, spare);
  const ownSet = new Set(own);
  return pickWrong([...own, ...ranking.all.filter((value) => !ownSet.has(value) && fair(value))], random, spare);
}
