import { validate as isValidCron } from 'node-cron';
import { z } from 'zod';
import { DEFAULT_RECENT_DAYS } from '../digest/compose-digest.js';
import { DEFAULT_DATABASE_URL, databaseUrlSchema } from './database-url.js';

export const DEFAULT_DIGEST_CRON = '0 9 * * 1';
export const DEFAULT_DIGEST_TZ = 'UTC';
export const DEFAULT_TRAINING_CRON = '0 10 * * 3';

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * How many values a cron field matches, for the fields that take numbers only (minute, hour):
 * `*`, `n`, `a-b`, each with an optional `/step`, separated by commas.
 */
function cronFieldValues(field: string, min: number, max: number): Set<number> {
  const values = new Set<number>();
  for (const part of field.split(',')) {
    const [range = '', stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    let [from, to] = range === '*' ? [min, max] : range.split('-').map(Number);
    if (from === undefined || !Number.isInteger(from) || !Number.isInteger(step) || step < 1) return values;
    // `5/15` means from 5 to the end, every 15.
    to ??= stepText === undefined ? from : max;
    if (!Number.isInteger(to)) return values;
    for (let value = from; value <= to; value += step) values.add(value);
  }
  return values;
}

/** node-cron has checked the syntax: one matched minute and one matched hour fire at most once a day. */
function firesAtMostOnceADay(cron: string): boolean {
  const [minute = '', hour = ''] = cron.split(/\s+/);
  return cronFieldValues(minute, 0, 59).size <= 1 && cronFieldValues(hour, 0, 23).size <= 1;
}

/**
 * A schedule in DIGEST_TZ whose fires are periods of whole days (src/digest/digest-schedule.ts): five
 * fields only, since the period arithmetic steps by minutes, and at most once a day, since a second
 * fire on the same day would have no day of its own and the schedule refuses such a run every time.
 * `example` words the default; `why` says what needs whole days.
 */
function dailyCronSetting(fallback: string, example: string, why: string) {
  const sample = `"${fallback}" ${example}`;
  return z
    .string()
    .trim()
    .refine((value) => value.split(/\s+/).length === 5 && isValidCron(value), {
      error: `must be a five-field cron expression such as ${sample}`,
      abort: true,
    })
    .refine(firesAtMostOnceADay, {
      error: `must fire at most once a day: ${why}, so give one minute and one hour, such as ${sample}`,
    })
    .default(fallback);
}

/**
 * The digest's and the store's settings. Like every setting, a message names what is
 * wrong and never echoes the value: a DATABASE_URL carries a password.
 */
export const digestEnvShape = {
  DATABASE_URL: z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      const parsed = databaseUrlSchema.safeParse(value);
      for (const issue of parsed.error?.issues ?? []) ctx.addIssue({ code: 'custom', message: issue.message });
    })
    .default(DEFAULT_DATABASE_URL),
  DIGEST_CRON: dailyCronSetting(DEFAULT_DIGEST_CRON, '(Mondays at 09:00)', 'a digest covers whole days'),
  TRAINING_CRON: dailyCronSetting(
    DEFAULT_TRAINING_CRON,
    '(Wednesdays at 10:00)',
    'each training post is the incident of one period of whole days',
  ),
  DIGEST_TZ: z
    .string()
    .trim()
    .refine(isTimeZone, { error: 'must be an IANA time zone such as UTC or Europe/Berlin' })
    .default(DEFAULT_DIGEST_TZ),
  DIGEST_RECENT_DAYS: z.coerce
    .number({ error: 'must be a whole number of days' })
    .int('must be a whole number of days')
    .min(1, 'must be 1 to 3650')
    .max(3650, 'must be 1 to 3650')
    .default(DEFAULT_RECENT_DAYS),
  ADMIN_USER_IDS: z
    .string()
    .trim()
    .transform((value) =>
      value
        .split(/[\s,]+/)
        .filter(Boolean)
        .map((id) => id.toUpperCase()),
    )
    .refine((ids) => ids.every((id) => /^[UW][A-Z0-9]{2,}$/.test(id)), {
      error: 'must be Slack user ids separated by commas, such as U012ABCDEF,U034GHIJKL',
    })
    .optional(),
};

export interface DigestConfig {
  databaseUrl: string;
  cron: string;
  /** When the weekly training post goes out (TRAINING_CRON), in `timeZone` like the digest. */
  trainingCron: string;
  timeZone: string;
  /** When set, only these users may change digest subscriptions and the watchlist. */
  adminUserIds: readonly string[] | undefined;
  /** A filing is news only if disclosed at most this many days before breachbot first saw it. */
  recentDays: number;
}

const digestEnvSchema = z.object(digestEnvShape);

export function toDigestConfig(values: z.output<typeof digestEnvSchema>): DigestConfig {
  return {
    databaseUrl: values.DATABASE_URL,
    cron: values.DIGEST_CRON,
    trainingCron: values.TRAINING_CRON,
    timeZone: values.DIGEST_TZ,
    recentDays: values.DIGEST_RECENT_DAYS,
    adminUserIds: values.ADMIN_USER_IDS && values.ADMIN_USER_IDS.length > 0 ? values.ADMIN_USER_IDS : undefined,
  };
}
