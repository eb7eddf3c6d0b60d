import { z } from 'zod';
import { DATA_TYPES } from './data-types.js';
import { US_STATE_CODES } from './us-states.js';

/** How the breach happened. HHS OCR's "Type of Breach" values map onto the first six. */
export const BREACH_TYPES = [
  'hacking',
  'unauthorized-access',
  'theft',
  'loss',
  'improper-disposal',
  'ransomware',
  'email-compromise',
  'misconfiguration',
  'other',
  'unknown',
] as const;
export type BreachType = (typeof BREACH_TYPES)[number];

/** Where the data was. HHS OCR's "Location of Breached Information" values map onto the first eight. */
export const LOCATIONS = [
  'email',
  'network-server',
  'ehr',
  'paper',
  'laptop',
  'desktop',
  'portable-device',
  'other',
  'cloud',
  'website',
  'database',
] as const;
export type Location = (typeof LOCATIONS)[number];

export const ENTITY_TYPES = [
  'healthcare-provider',
  'health-plan',
  'business-associate',
  'clearinghouse',
  'other',
] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export const ORIGINS = ['curated', 'hhs-ocr', 'hibp', 'wa-ag'] as const;
export type Origin = (typeof ORIGINS)[number];

/**
 * A date as precise as the source is: `2023`, `2023-07` or `2023-07-14`. Public notices often
 * say only "in March 2022", and inventing a day would be a wrong fact.
 */
export const isoDate = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be an ISO date: YYYY, YYYY-MM or YYYY-MM-DD')
  .refine(isRealDate, 'is not a real calendar date');

function isRealDate(value: string): boolean {
  // Every record has several dates and a start checks every record: read the usual shapes digit by
  // digit rather than through a Date.
  const parts = isoDateParts(value);
  if (parts) {
    const [y, m, d] = parts;
    // Date.UTC reads the years 0 to 99 as 1900 to 1999, so those never were real dates here.
    return y >= 100 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
  }
  const [y, m = 1, d = 1] = value.split('-').map(Number);
  if (y === undefined || m < 1 || m > 12) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Year, month and day of `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (month and day 1 when absent); else undefined. */
function isoDateParts(value: string): [number, number, number] | undefined {
  const { length } = value;
  if (length !== 4 && length !== 7 && length !== 10) return undefined;
  let number = 0;
  const parts: number[] = [];
  for (let i = 0; i <= length; i++) {
    const code = i < length ? value.charCodeAt(i) : 45;
    if (code === 45 && (i === 4 || i === 7 || i === length)) {
      parts.push(number);
      number = 0;
    } else if (code >= 48 && code <= 57 && i !== 4 && i !== 7) {
      number = number * 10 + (code - 48);
    } else {
      return undefined;
    }
  }
  return [parts[0] as number, parts[1] ?? 1, parts[2] ?? 1];
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Compares dates at the precision both have: `2023-04` is not before `2023-04-17`. */
function isBefore(a: string, b: string): boolean {
  const length = Math.min(a.length, b.length);
  return a.slice(0, length) < b.slice(0, length);
}

/** A day, `YYYY-MM-DD`, for dates breachbot itself records: there it always knows the day. */
const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a day: YYYY-MM-DD', abort: true })
  .refine(isRealDate, 'is not a real calendar date');

const nonEmpty = z.string().trim().min(1, 'must not be empty');

export const sourceSchema = z.strictObject({
  title: nonEmpty,
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
});
export type Source = z.infer<typeof sourceSchema>;

export const timelineEntrySchema = z.strictObject({
  date: isoDate,
  event: nonEmpty,
});

const residentsAffectedSchema = z.strictObject({
  state: z.enum(US_STATE_CODES, { error: 'must be a two-letter US state or territory code such as WA' }),
  count: z.number().int().nonnegative(),
});

/**
 * One official filing of a breach: who counted how many, reported to whom, and when. An incident
 * lists the filings it stands for, so that each figure on a card names where it comes from. A
 * curated card may cite filings breachbot has no list of (a state attorney general's notice); the
 * imported lists' own filings are added when the dataset is merged (src/incidents/merge-filings.ts).
 */
export const filingSchema = z.strictObject({
  /** Who received or published it, as people know them: "Maine Attorney General". */
  source: nonEmpty,
  /** The official list breachbot read it from; none for a filing a curated card cites by hand. */
  origin: z.enum(ORIGINS).optional(),
  /** The imported record it is, for a filing from a list. */
  recordId: z.string().optional(),
  /** The organisation's name as filed, which may differ from the incident's. */
  organization: nonEmpty.optional(),
  individualsAffected: z.number().int().nonnegative().optional(),
  residentsAffected: residentsAffectedSchema.optional(),
  /** When it was filed or submitted. */
  filed: isoDate.optional(),
  /** The date of the list or notice it was read from. */
  asOf: isoDate.optional(),
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
});
export type Filing = z.infer<typeof filingSchema>;

const incidentShape = {
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a lowercase slug (a-z, 0-9 and single dashes)'),
  organization: nonEmpty,
  aliases: z.array(nonEmpty).default([]),
  relatedOrganizations: z.array(nonEmpty).default([]),
  entityType: z.enum(ENTITY_TYPES).optional(),
  sector: nonEmpty.optional(),
  state: z.enum(US_STATE_CODES, { error: 'must be a two-letter US state or territory code such as NJ' }).optional(),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 code such as US')
    .optional(),
  individualsAffected: z.number().int().nonnegative().optional(),
  /**
   * How many residents of one state a filing with that state counted (Washington's list counts
   * Washingtonians only). Never the breach's total: a record may carry both, from different filings.
   */
  residentsAffected: residentsAffectedSchema.optional(),
  filings: z.array(filingSchema).optional(),
  occurred: z.strictObject({ start: isoDate, end: isoDate.optional() }).optional(),
  discovered: isoDate.optional(),
  /** First public notice or regulator filing. */
  disclosed: isoDate.optional(),
  breachTypes: z.array(z.enum(BREACH_TYPES)).min(1, 'needs at least one breach type'),
  locations: z.array(z.enum(LOCATIONS)).default([]),
  dataTypes: z.array(z.enum(DATA_TYPES)).default([]),
  summary: nonEmpty.optional(),
  timeline: z.array(timelineEntrySchema).default([]),
  offered: z.array(nonEmpty).default([]),
  lessons: z.array(nonEmpty).default([]),
  discussionQuestion: nonEmpty.optional(),
  sources: z.array(sourceSchema).default([]),
  /** HHS OCR: whether the case is still under investigation or archived. */
  status: z.enum(['under-investigation', 'archived']).optional(),
  updated: isoDate,
};

/**
 * A quiz's limits (src/training/quiz.ts builds quizzes with them); here because a curated card's own
 * questions must keep them too. A choice is the text of a Slack button, which holds 75 characters.
 */
export const QUIZ_QUESTIONS_MAX = 5;
export const QUIZ_CHOICES_MIN = 3;
export const QUIZ_CHOICES_MAX = 4;
export const QUIZ_CHOICE_MAX = 75;

/**
 * A question written for a card by people. The answer is the text of the right choice rather than
 * its position, so a reviewer reads it at once and the quiz may show the choices in any order.
 */
export const handWrittenQuestionSchema = z
  .strictObject({
    question: nonEmpty.max(500, 'must be at most 500 characters'),
    choices: z
      .array(nonEmpty.max(QUIZ_CHOICE_MAX, `must be at most ${QUIZ_CHOICE_MAX} characters, to fit on a button`))
      .min(QUIZ_CHOICES_MIN, `needs ${QUIZ_CHOICES_MIN} or ${QUIZ_CHOICES_MAX} choices`)
      .max(QUIZ_CHOICES_MAX, `needs ${QUIZ_CHOICES_MIN} or ${QUIZ_CHOICES_MAX} choices`),
    answer: nonEmpty,
    explanation: nonEmpty.max(500, 'must be at most 500 characters'),
    /** Where the answer is stated; the card's first source when left out. */
    source: sourceSchema.optional(),
  })
  .superRefine((question, ctx) => {
    const folded = question.choices.map((choice) => choice.toLowerCase());
    if (new Set(folded).size !== folded.length) {
      ctx.addIssue({ code: 'custom', path: ['choices'], message: 'must all differ' });
    }
    if (!question.choices.includes(question.answer)) {
      ctx.addIssue({ code: 'custom', path: ['answer'], message: 'must be the text of one of the choices' });
    }
  });
export type HandWrittenQuestion = z.infer<typeof handWrittenQuestionSchema>;

/** A list that must have an entry, with the same message whether it is missing or empty. */
function requiredList<T extends z.ZodType>(item: T, message: string) {
  return z.array(item, { error: (issue) => (issue.input === undefined ? message : undefined) }).min(1, message);
}

/** A card written by people for people: it must say what happened, what to learn, and where from. */
const curatedIncidentSchema = z.strictObject({
  ...incidentShape,
  origin: z.literal('curated'),
  summary: z
    .string({ error: (issue) => (issue.input === undefined ? 'a curated card needs a summary' : 'must be text') })
    .trim()
    .min(1, 'a curated card needs a summary'),
  lessons: requiredList(nonEmpty, 'a curated card needs at least one lesson'),
  sources: requiredList(sourceSchema, 'a curated card needs at least one source URL'),
  /** Questions written for this card, asked before the ones built from its facts. */
  quiz: z
    .array(handWrittenQuestionSchema)
    .max(QUIZ_QUESTIONS_MAX, `holds at most ${QUIZ_QUESTIONS_MAX} questions`)
    .optional(),
  /**
   * Why the card's count, state or disclosure date differs from the HHS OCR breach portal's row for
   * the same incident (e.g. "HHS lists the first filing; the company revised the count later").
   * The cross-check test fails on a difference that has no note here.
   */
  officialRecordNotes: z
    .strictObject({
      individualsAffected: nonEmpty.optional(),
      state: nonEmpty.optional(),
      disclosed: nonEmpty.optional(),
    })
    .optional(),
});

/**
 * A record from an official export, as `breachbot import` stores it.
 *
 * `firstSeen` is the day (the import clock's UTC date) breachbot first imported the record: what
 * the digest counts as "imported within the period", because HHS posts a filing weeks after its
 * `disclosed` "Breach Submission Date". It is set once, when an import adds the record, and kept
 * through every later revision, rename or older export. It is absent on the records of a source's
 * first import and of an export older than one already imported (breachbot did not see those
 * appear; they were already listed), and on records stored before the field existed: the digest
 * then goes by `disclosed` alone. Curated cards have none: they are reviewed, not imported.
 */
const importedIncidentSchema = z.strictObject({
  ...incidentShape,
  origin: z.enum(ORIGINS.filter((origin) => origin !== 'curated') as ['hhs-ocr', 'hibp', 'wa-ag']),
  firstSeen: isoDay.optional(),
  /**
   * The last time an import changed the record's count: from what, and on which day (the import's).
   * The digest lists such a record as updated in that day's period, with both figures.
   */
  countRevised: z.strictObject({ from: z.number().int().nonnegative(), on: isoDay }).optional(),
});

export const incidentRules = z
  .discriminatedUnion('origin', [curatedIncidentSchema, importedIncidentSchema], {
    error: `origin must be one of ${ORIGINS.join(', ')}`,
  })
  .superRefine((incident, ctx) => {
    const { occurred, discovered, disclosed } = incident;
    if (occurred?.end && isBefore(occurred.end, occurred.start)) {
      ctx.addIssue({ code: 'custom', path: ['occurred', 'end'], message: 'is before occurred.start' });
    }
    if (discovered && occurred && isBefore(discovered, occurred.start)) {
      ctx.addIssue({ code: 'custom', path: ['discovered'], message: 'is before occurred.start' });
    }
    if (disclosed && discovered && isBefore(disclosed, discovered)) {
      ctx.addIssue({ code: 'custom', path: ['disclosed'], message: 'is before discovered' });
    }
    // An import rejects filing dates after its own day, so a record is never seen before it was listed.
    if (incident.origin !== 'curated' && incident.firstSeen && disclosed && isBefore(incident.firstSeen, disclosed)) {
      ctx.addIssue({ code: 'custom', path: ['firstSeen'], message: 'is before disclosed' });
    }
  });

/** How many records are checked by zod's interpreter before the rules are compiled. */
const COMPILE_AFTER_RECORDS = 500;
let recordsChecked = 0;
let compiledRules: typeof incidentRules | undefined;

/**
 * The rules above, compiled by zod into one validator once they have checked enough records to pay
 * for compiling: an import or `breachbot validate` checks each of the 10,000 or so records the
 * repository ships, and the compiled checks take about two thirds of the time, less once warm; but
 * compiling costs as much as checking a few hundred records, and answering questions checks only the
 * curated cards and local imports (the shipped lists: `hasShippedShape` in imported-store.ts). Same
 * rules, same output, key order included (test/incidents/shipped-lists.test.ts); a record the compiled
 * validator rejects is checked again by the rules as written, so its problems are reported exactly as
 * before.
 */
function rules(): typeof incidentRules {
  if (compiledRules) return compiledRules;
  if (++recordsChecked <= COMPILE_AFTER_RECORDS) return incidentRules;
  compiledRules = z.compile(incidentRules);
  return compiledRules;
}

export const incidentSchema = {
  safeParse: (input: unknown): z.ZodSafeParseResult<Incident> => rules().safeParse(input),
  parse: (input: unknown): Incident => rules().parse(input),
};

export type IncidentInput = z.input<typeof incidentRules>;
export type Incident = z.output<typeof incidentRules>;
