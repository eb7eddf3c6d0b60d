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

export const ORIGINS = ['curated', 'hhs-ocr', 'hibp'] as const;
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
  const [y, m = 1, d = 1] = value.split('-').map(Number);
  if (y === undefined || m < 1 || m > 12) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

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

export const incidentSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a lowercase slug (a-z, 0-9 and single dashes)'),
    organization: nonEmpty,
    aliases: z.array(nonEmpty).default([]),
    relatedOrganizations: z.array(nonEmpty).default([]),
    entityType: z.enum(ENTITY_TYPES).optional(),
    sector: nonEmpty.optional(),
    state: z.enum(US_STATE_CODES).optional(),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 code such as US')
      .optional(),
    individualsAffected: z.number().int().nonnegative().optional(),
    occurred: z.strictObject({ start: isoDate, end: isoDate.optional() }).optional(),
    discovered: isoDate.optional(),
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
    origin: z.enum(ORIGINS),
    /** HHS OCR: whether the case is still under investigation or archived. */
    status: z.enum(['under-investigation', 'archived']).optional(),
    updated: isoDate,
  })
  .superRefine((incident, ctx) => {
    if (incident.origin === 'curated') {
      if (incident.sources.length === 0) {
        ctx.addIssue({ code: 'custom', path: ['sources'], message: 'a curated card needs at least one source URL' });
      }
      if (incident.lessons.length === 0) {
        ctx.addIssue({ code: 'custom', path: ['lessons'], message: 'a curated card needs at least one lesson' });
      }
      if (!incident.summary) {
        ctx.addIssue({ code: 'custom', path: ['summary'], message: 'a curated card needs a summary' });
      }
    }
    const { occurred, discovered, disclosed } = incident;
    if (occurred?.end && occurred.end < occurred.start) {
      ctx.addIssue({ code: 'custom', path: ['occurred', 'end'], message: 'is before occurred.start' });
    }
    if (discovered && occurred && discovered < occurred.start) {
      ctx.addIssue({ code: 'custom', path: ['discovered'], message: 'is before occurred.start' });
    }
    if (disclosed && discovered && disclosed < discovered) {
      ctx.addIssue({ code: 'custom', path: ['disclosed'], message: 'is before discovered' });
    }
  });

export type IncidentInput = z.input<typeof incidentSchema>;
export type Incident = z.output<typeof incidentSchema>;
