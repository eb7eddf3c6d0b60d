import type { DigestPeriod } from '../digest/digest-period.js';
import { formatDate } from './incident-facts.js';

/**
 * Which digest a preview or a dry run shows: the one the next run delivers, with its days and when
 * it goes out (`due`, already worded). Its period is still running, so it holds what arrived so far.
 */
export function previewPeriodLine(period: DigestPeriod, due: string | undefined): string {
  const days =
    period.from === period.to ? formatDate(period.from) : `${formatDate(period.from)} to ${formatDate(period.to)}`;
  return due
    ? `Preview of the digest due ${due}: ${days} (${period.key}), as it stands now`
    : `Preview of the digest of the newest run: ${days} (${period.key})`;
}
