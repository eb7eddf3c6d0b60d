import { isHipaaBreach } from '../incidents/hipaa.js';
import type { Incident } from '../incidents/model.js';
import { disclosureDelay } from './incident-timeline.js';

/**
 * How dates, counts and delays read, shared by the direct answer (core) and every view, so a sentence
 * and the card beneath it never word the same fact two ways. Plain text: each medium escapes it.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2023-07-14` -> `14 Jul 2023`, `2022-03` -> `Mar 2022`, `2024` -> `2024`. */
export function formatDate(date: string): string {
  const [year, month, day] = date.split('-');
  const monthName = month ? MONTHS[Number(month) - 1] : undefined;
  return [day ? String(Number(day)) : undefined, monthName, year].filter(Boolean).join(' ');
}

/** "on 14 Jul 2023", "in Mar 2022", "in 2024": a day takes "on", a month or a year "in". */
export function onDate(date: string): string {
  return `${date.length === 10 ? 'on' : 'in'} ${formatDate(date)}`;
}

export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

/** "1 day", "2 days". */
export function dayCount(days: number): string {
  return `${formatCount(days)} ${days === 1 ? 'day' : 'days'}`;
}

const AFTER = { discovered: 'after discovery', ended: 'after the intrusion ended', started: 'after it began' } as const;
const SAME_DAY = {
  discovered: 'the day it was discovered',
  ended: 'the day the intrusion ended',
  started: 'the day it began',
} as const;
const SAME_PERIOD = { discovered: 'as its discovery', ended: 'as the end of the intrusion', started: 'as its start' };

/**
 * "151 days after the intrusion ended", "457 days (over a year) after discovery", "the day it was
 * discovered". A delay of 0 between dates known only to the month is a month, not a day: it says so.
 */
export function describeDelay(incident: Incident): string | undefined {
  const delay = disclosureDelay(incident);
  if (!delay) return undefined;
  if (delay.days === 0) {
    if (!delay.approximate) return SAME_DAY[delay.from];
    const start =
      delay.from === 'discovered' ? incident.discovered : (incident.occurred?.end ?? incident.occurred?.start);
    const precision = Math.min(start?.length ?? 4, incident.disclosed?.length ?? 4);
    return `in the same ${precision >= 7 ? 'month' : 'year'} ${SAME_PERIOD[delay.from]}`;
  }
  const size =
    delay.days > 365
      ? ' (over a year)'
      : delay.days > 60 && delay.from === 'discovered' && isHipaaBreach(incident)
        ? ' (HIPAA allows 60)'
        : '';
  return `${delay.approximate ? 'about ' : ''}${dayCount(delay.days)}${size} ${AFTER[delay.from]}`;
}

/** "a", "a and b", "a, b and c"; with `;` between items that hold commas themselves. */
export function joinList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  const separator = items.some((item) => item.includes(',')) ? '; ' : ', ';
  return `${items.slice(0, -1).join(separator)} and ${items.at(-1)}`;
}

/** A label inside a sentence: "Names" -> "names", but "Social Security numbers" and "IP addresses" stay. */
export function inSentence(label: string): string {
  const [first = ''] = label.split(' ');
  if (/^(?:Social|Medicare|Medicaid|HHS|[A-Z]{2,}\b)/.test(first) || /^[A-Z][A-Z]/.test(first)) return label;
  return label.charAt(0).toLowerCase() + label.slice(1);
}
