import { hhsCsv } from '../support/hhs-export.js';

/** Small recorded lists in each source's format; `names` become the organisations, one record each. */

export function names(prefix: string, count: number, from = 1): string[] {
  return Array.from({ length: count }, (_, index) => `${prefix} ${from + index}`);
}

const day = (index: number) => String(1 + (index % 28)).padStart(2, '0');

/**
 * Have I Been Pwned's /api/v3/breaches, as JSON. Two lists of other breaches need other days
 * (`firstDay`): the import takes a breach of the same day and a similar name for a renamed one.
 */
export function hibpList(titles: readonly string[], firstDay = 0): string {
  return JSON.stringify(
    titles.map((title, position) => {
      const index = firstDay + position;
      return {
        Name: title.replace(/\W/g, ''),
        Title: title,
        Domain: `${title.replace(/\W/g, '').toLowerCase()}.example`,
        BreachDate: `2026-09-${day(index)}`,
        AddedDate: `2026-10-${day(index)}T08:00:00Z`,
        ModifiedDate: `2026-10-${day(index)}T08:00:00Z`,
        PwnCount: 1000 + index,
        Description: `<p>${title} was breached.</p>`,
        DataClasses: ['Email addresses', 'Passwords'],
        IsVerified: true,
        IsFabricated: false,
        IsSensitive: false,
        IsRetired: false,
        IsSpamList: false,
        IsMalware: false,
      };
    }),
  );
}

const WA_HEADER =
  'DateAware,DateSubmitted,DataBreachCause,DateStart,DateEnd,Name,Id,CyberattackType,WashingtoniansAffected,IndustryType,BusinessType,Year,EntityState';

/** The Washington State Attorney General's notifications, as the open-data portal exports them. */
export function waList(organizations: readonly string[]): string {
  const rows = organizations.map(
    (name, index) =>
      `09/${day(index)}/2026 12:00:00 AM,10/${day(index)}/2026 12:00:00 AM,Cyberattack,09/01/2026 12:00:00 AM,,${name},${30000 + index},Ransomware,${600 + index},Business,Retail,2026,WA`,
  );
  return `${[WA_HEADER, ...rows].join('\n')}\n`;
}

/** An HHS OCR breach portal export. */
export function hhsList(entities: readonly string[], badRows: readonly string[] = []): string {
  return hhsCsv(
    ...entities.map(
      (name, index) =>
        `"${name}","KS","Healthcare Provider","${500 + index}","10/${day(index)}/2026","Hacking/IT Incident","Network Server","No",""`,
    ),
    ...badRows,
  );
}

export const ERROR_PAGE =
  '<!DOCTYPE html>\n<html><head><title>Service unavailable</title></head><body><h1>We are down for maintenance</h1></body></html>\n';
