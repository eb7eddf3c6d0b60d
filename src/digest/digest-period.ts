/**
 * One digest period: the days a digest covers, and the key under which its deliveries are recorded
 * (exactly once per channel per key). Built by `DigestSchedule.periodFor` (digest-schedule.ts).
 */
export interface DigestPeriod {
  /** For example `2026-W49` for a weekly schedule; unique per period. */
  key: string;
  /** First day covered, inclusive, as a local date in the digest's time zone (`YYYY-MM-DD`). */
  from: string;
  /** Last day covered, inclusive (`YYYY-MM-DD`). */
  to: string;
}
