import { createTask, type ScheduledTask } from 'node-cron';
import type { DigestPeriod } from './digest-period.js';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
/** How far back or forward a fire is looked for: a schedule that fires less than monthly is refused. */
const SEARCH_WINDOW_MS = 32 * DAY_MS;

/**
 * The digest's schedule: when it fires (node-cron's own matcher, in the digest's time zone) and which
 * period each fire delivers.
 *
 * A fire at T delivers the whole days from the previous fire's day up to the day before T, so that
 * consecutive digests cover every day exactly once whatever the hour of the fire (the dataset's
 * dates are days, not instants). The period key is the ISO week of the last day covered when fires
 * are a week or more apart (`2026-W49`), otherwise that day (`2026-12-06`): unique per fire, and
 * readable in `/breach digest status`.
 */
export class DigestSchedule {
  private readonly matcher: ScheduledTask;
  private readonly localDate: Intl.DateTimeFormat;

  constructor(
    readonly cron: string,
    readonly timeZone: string,
  ) {
    // A task that is never started: only its matcher is used, so the schedule is the one node-cron fires.
    this.matcher = createTask(cron, () => undefined, { timezone: timeZone });
    this.localDate = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  }

  /** The newest fire at or before `now`, if there was one within the last month. */
  lastFireAtOrBefore(now: Date): Date | undefined {
    const start = Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS;
    for (let t = start; t > start - SEARCH_WINDOW_MS; t -= MINUTE_MS) {
      if (this.matcher.match(new Date(t))) return new Date(t);
    }
    return undefined;
  }

  /** The first fire after `now`, if there is one within the next month. */
  nextFireAfter(now: Date): Date | undefined {
    const start = Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS + MINUTE_MS;
    for (let t = start; t < start + SEARCH_WINDOW_MS; t += MINUTE_MS) {
      if (this.matcher.match(new Date(t))) return new Date(t);
    }
    return undefined;
  }

  /** The period that the fire at `fire` delivers. */
  periodFor(fire: Date): DigestPeriod {
    const previous = this.lastFireAtOrBefore(new Date(fire.getTime() - MINUTE_MS));
    const fireDay = this.dayOf(fire);
    if (!previous) throw new Error(`DIGEST_CRON "${this.cron}" fires less than once a month`);
    const from = this.dayOf(previous);
    if (from === fireDay) throw new Error(`DIGEST_CRON "${this.cron}" fires more than once a day`);
    return periodOf(from, addDays(fireDay, -1));
  }

  /** The `count` periods of the same length before `period`, newest first: the trend's baseline. */
  previousPeriods(period: DigestPeriod, count: number): DigestPeriod[] {
    const length = daysBetween(period.from, period.to) + 1;
    return Array.from({ length: count }, (_, i) =>
      periodOf(addDays(period.from, -(i + 1) * length), addDays(period.to, -(i + 1) * length)),
    );
  }

  /** The local day of an instant in the digest's time zone (`YYYY-MM-DD`). */
  dayOf(instant: Date): string {
    return this.localDate.format(instant);
  }
}

function periodOf(from: string, to: string): DigestPeriod {
  return { key: daysBetween(from, to) >= 6 ? isoWeekKey(to) : to, from, to };
}

function dayNumber(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / DAY_MS;
}

function addDays(day: string, days: number): string {
  return new Date((dayNumber(day) + days) * DAY_MS).toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** ISO 8601 week of a day, such as `2026-W49`: weeks start on Monday, week 1 holds the first Thursday. */
export function isoWeekKey(day: string): string {
  const date = new Date(dayNumber(day) * DAY_MS);
  const weekday = date.getUTCDay() || 7;
  const thursday = new Date(date.getTime() + (4 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}
