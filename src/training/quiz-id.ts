import { createHash, randomBytes } from 'node:crypto';

/** Crockford's base32 without I, L, O and U: easy to read aloud and to type into `/breach quiz results`. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 7;

function encode(bytes: Uint8Array): string {
  let id = '';
  for (let i = 0; i < LENGTH; i++) id += ALPHABET[(bytes[i] ?? 0) % ALPHABET.length];
  return id;
}

/** A quiz posted by a person: `Q` and seven random characters. */
export function newQuizId(random: (size: number) => Uint8Array = randomBytes): string {
  return `Q${encode(random(LENGTH))}`;
}

/**
 * The quiz of one channel's weekly training post: the same id whichever instance composes it, and
 * however often a retry composes it again, so a post recovered after a crash points at its quiz.
 */
export function trainingQuizId(channelId: string, periodKey: string): string {
  return `W${encode(createHash('sha256').update(`${channelId}\n${periodKey}`).digest())}`;
}

/** What a person may type as a quiz id: the letters above, any case. */
export function readQuizId(text: string): string | undefined {
  const id = text.trim().toUpperCase();
  return /^[QW][0-9A-HJKMNP-TV-Z]{7}$/.test(id) ? id : undefined;
}
