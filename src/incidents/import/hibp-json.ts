import { z } from 'zod';
import type { DataType } from '../data-types.js';
import { DATA_TYPES } from '../data-types.js';
import { type Incident, incidentSchema, isoDate } from '../model.js';
import { slugify } from '../organization-name.js';
import { DataFileError } from '../problems.js';
import {
  createIdAllocator,
  describeIssues,
  futureDateReason,
  type ParsedExport,
  type ParseOptions,
  type RejectedRecord,
  withoutUndefined,
} from './parsed-export.js';

/**
 * One element of HIBP's `/api/v3/breaches` list. The "recent additions" file carries only Title,
 * Description, PwnCount, AddedDate, DataClasses and LogoPath for most elements, so only those that
 * every element has are required; the API sends null for some absent values.
 */
const hibpBreachSchema = z.object({
  Name: z.string().trim().min(1).nullish(),
  Title: z.string().trim().min(1, 'must not be empty'),
  Domain: z.string().trim().nullish(),
  BreachDate: isoDate.nullish(),
  AddedDate: z.iso.datetime({ offset: true, error: 'must be an ISO date-time such as 2025-03-03T05:03:18Z' }),
  ModifiedDate: z.iso.datetime({ offset: true, error: 'must be an ISO date-time' }).nullish(),
  PwnCount: z.number().int().nonnegative(),
  Description: z.string().nullish(),
  DataClasses: z.array(z.string()),
  IsSpamList: z.boolean().nullish(),
  IsFabricated: z.boolean().nullish(),
});
type HibpBreach = z.infer<typeof hibpBreachSchema>;

/** HIBP's data class names -> the closed DATA_TYPES list; classes not listed have no counterpart. */
const DATA_CLASS_MAP: ReadonlyMap<string, DataType> = new Map<string, DataType>([
  ['Email addresses', 'email'],
  ['Passwords', 'login-credentials'],
  ['Historical passwords', 'login-credentials'],
  ['Password hints', 'login-credentials'],
  ['Auth tokens', 'login-credentials'],
  ['Security questions and answers', 'login-credentials'],
  ['PINs', 'login-credentials'],
  ['Usernames', 'username'],
  ['Display names', 'username'],
  ['Names', 'name'],
  ['Physical addresses', 'address'],
  ['Phone numbers', 'phone'],
  ['Partial phone numbers', 'phone'],
  ['Dates of birth', 'date-of-birth'],
  ['Partial dates of birth', 'date-of-birth'],
  ['IP addresses', 'ip-address'],
  ['Credit cards', 'payment-card'],
  ['Partial credit card data', 'payment-card'],
  ['Credit card CVV', 'payment-card'],
  ['Bank account numbers', 'bank-account'],
  ['Social security numbers', 'ssn'],
  ['Government issued IDs', 'government-id'],
  ['Partial government issued IDs', 'government-id'],
  ['Passport numbers', 'passport'],
  ["Driver's licenses", 'drivers-license'],
  ['Health insurance information', 'health-insurance'],
  ['Personal health data', 'diagnosis'],
  ['HIV statuses', 'diagnosis'],
  ['Biometric data', 'biometric'],
  ['Genders', 'demographics'],
  ['Ethnicities', 'demographics'],
  ['Races', 'demographics'],
  ['Nationalities', 'demographics'],
  ['Ages', 'demographics'],
  ['Age groups', 'demographics'],
  ['Marital statuses', 'demographics'],
  ['Employers', 'employment'],
  ['Job titles', 'employment'],
  ['Occupations', 'employment'],
  ['Employment statuses', 'employment'],
  ['Taxation records', 'taxpayer-id'],
]);

const HIBP_LIST_URL = 'https://haveibeenpwned.com/PwnedWebsites';

/**
 * Parses Have I Been Pwned's breach list (the full v3 list or the short "recent additions" form).
 * Throws DataFileError only when the file is not a JSON array; a bad element is rejected with its
 * index and the rest still import.
 */
export function parseHibpJson(text: string, options: ParseOptions): ParsedExport {
  const { from, today } = options;
  const elements = readArray(text, from);

  const rejected: RejectedRecord[] = [];
  const breaches: { index: number; breach: HibpBreach }[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  elements.forEach((element, index) => {
    const key = stableJson(element);
    if (seen.has(key)) {
      duplicates++;
      return;
    }
    seen.add(key);
    const parsed = hibpBreachSchema.safeParse(element);
    const added = parsed.success ? parsed.data.AddedDate.slice(0, 10) : '';
    if (parsed.success && today && added > today) {
      rejected.push({ index, reason: `"${parsed.data.Title}": ${futureDateReason('AddedDate', added, today)}` });
    } else if (parsed.success) breaches.push({ index, breach: parsed.data });
    else rejected.push({ index, reason: `${titleOf(element)}${describeIssues(parsed.error)}` });
  });

  let asOf: string | undefined;
  for (const { breach } of breaches) {
    for (const day of [breach.AddedDate, breach.ModifiedDate].map((date) => date?.slice(0, 10))) {
      if (day && (!asOf || day > asOf)) asOf = day;
    }
  }

  const incidents: Incident[] = [];
  const unmapped = new Map<string, number>();
  const flagged = { spamList: 0, fabricated: 0 };
  const allocateId = createIdAllocator();
  for (const { index, breach } of breaches) {
    const parsed = incidentSchema.safeParse(toIncident(breach, asOf ?? breach.AddedDate.slice(0, 10)));
    if (!parsed.success) {
      rejected.push({ index, reason: `"${breach.Title}": ${describeIssues(parsed.error)}` });
      continue;
    }
    incidents.push({ ...parsed.data, id: allocateId(parsed.data.id) });
    for (const dataClass of breach.DataClasses) {
      if (!DATA_CLASS_MAP.has(dataClass)) unmapped.set(dataClass, (unmapped.get(dataClass) ?? 0) + 1);
    }
    if (breach.IsSpamList) flagged.spamList++;
    if (breach.IsFabricated) flagged.fabricated++;
  }
  rejected.sort((a, b) => ('index' in a && 'index' in b ? a.index - b.index : 0));

  const unmappedDataClasses = [...unmapped]
    .map(([name, count]) => ({ name, count }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  return {
    source: 'hibp',
    from,
    asOf,
    read: elements.length,
    incidents,
    duplicates,
    rejected,
    unmappedDataClasses,
    flagged,
  };
}

function readArray(text: string, from: string): unknown[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new DataFileError([{ file: from, message: `is not valid JSON: ${(error as Error).message}` }]);
  }
  if (!Array.isArray(value)) {
    throw new DataFileError([{ file: from, message: 'must be a JSON array of breaches, as /api/v3/breaches returns' }]);
  }
  return value;
}

function toIncident(breach: HibpBreach, asOf: string): unknown {
  const name = breach.Name ?? undefined;
  const domain = breach.Domain || undefined;
  const summary = htmlToText(breach.Description ?? '');
  return withoutUndefined({
    // Title, not Name: the recent-additions feed has no Name, and the id must be the same in both
    // formats so that a later full list revises the record instead of adding it twice.
    id: `hibp-${slugify(breach.Title)}`,
    organization: breach.Title,
    aliases: domain && domain.toLowerCase() !== breach.Title.toLowerCase() ? [domain] : [],
    relatedOrganizations: [],
    individualsAffected: breach.PwnCount,
    occurred: breach.BreachDate ? { start: breach.BreachDate } : undefined,
    // AddedDate is when HIBP published the breach: the first public notice this source can vouch for.
    disclosed: breach.AddedDate.slice(0, 10),
    // HIBP does not say how a breach happened, and guessing from the prose would invent facts.
    breachTypes: ['unknown'],
    locations: [],
    dataTypes: mapDataClasses(breach.DataClasses),
    summary: summary || undefined,
    sources: [
      {
        title: `Have I Been Pwned: ${breach.Title}`,
        url: name ? `https://haveibeenpwned.com/Breach/${encodeURIComponent(name)}` : HIBP_LIST_URL,
      },
    ],
    origin: 'hibp',
    updated: asOf,
  });
}

/** The data types the classes name, once each, in the enum's order. */
export function mapDataClasses(dataClasses: readonly string[]): DataType[] {
  const types = new Set(dataClasses.flatMap((dataClass) => DATA_CLASS_MAP.get(dataClass) ?? []));
  return DATA_TYPES.filter((type) => types.has(type));
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
};

/** HIBP descriptions are HTML snippets (links, emphasis); the bot shows plain text. */
export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, body: string) => decodeEntity(body) ?? entity)
    .replace(/\s+/g, ' ')
    .trim();
}

function decodeEntity(body: string): string | undefined {
  if (body.startsWith('#')) {
    const code = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
    return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
  }
  return NAMED_ENTITIES[body.toLowerCase()];
}

/** JSON with object keys sorted, so that two elements with the same content compare equal. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

/** `"Title": ` for an element that has a usable title, so a rejection names the breach. */
function titleOf(element: unknown): string {
  const title = typeof element === 'object' && element !== null ? (element as { Title?: unknown }).Title : undefined;
  return typeof title === 'string' && title.trim() ? `"${title.trim()}": ` : '';
}
