import { padDate } from '../incidents/merge.js';
import type { Incident } from '../incidents/model.js';

export interface DisclosureDelay {
  /** What the delay is measured from. */
  from: 'discovered' | 'ended' | 'started';
  days: number;
  /** True when a date is only known to the month or year, so the figure is approximate. */
  approximate: boolean;
}

/**
 * How long people waited: from discovery (or, failing that, the end or start of the intrusion)
 * to the first public notice. HIPAA allows at most 60 days from discovery.
 */
export function disclosureDelay(incident: Incident): DisclosureDelay | undefined {
  const { disclosed, discovered, occurred } = incident;
  if (!disclosed) return undefined;
  const [from, start] = discovered
    ? (['discovered', discovered] as const)
    : occurred?.end
      ? (['ended', occurred.end] as const)
      : occurred
        ? (['started', occurred.start] as const)
        : [undefined, undefined];
  if (!from || !start) return undefined;
  const days = Math.round((Date.parse(padDate(disclosed)) - Date.parse(padDate(start))) / 86_400_000);
  if (days < 0) return undefined;
  return { from, days, approximate: start.length < 10 || disclosed.length < 10 };
}
