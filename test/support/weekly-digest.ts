import { composeDigest, type Digest, type DigestInput } from '../../src/digest/compose-digest.js';
import type { DigestPeriod } from '../../src/digest/digest-period.js';
import type { Guidance } from '../../src/guidance/model.js';
import type { Incident, IncidentInput } from '../../src/incidents/model.js';
import { makeIncident } from './incident-factory.js';

/** The week the digest view tests show. */
export const DIGEST_WEEK: DigestPeriod = { key: '2026-W49', from: '2026-11-30', to: '2026-12-06' };

/** The weeks before it, newest first, as the scheduler passes them for the trend. */
export const WEEKS_BEFORE: DigestPeriod[] = [
  { key: '2026-W48', from: '2026-11-23', to: '2026-11-29' },
  { key: '2026-W47', from: '2026-11-16', to: '2026-11-22' },
  { key: '2026-W46', from: '2026-11-09', to: '2026-11-15' },
  { key: '2026-W45', from: '2026-11-02', to: '2026-11-08' },
];

/** An incident disclosed during DIGEST_WEEK, its organisation named after `id`. */
export function weekIncident(id: string, overrides: Partial<IncidentInput> = {}): Incident {
  return makeIncident({ id, organization: `Organisation ${id}`, disclosed: '2026-12-01', ...overrides });
}

/** The digest of DIGEST_WEEK after WEEKS_BEFORE, with no watchlist unless `input` gives one. */
export function weeklyDigest(
  guidance: Guidance,
  input: Partial<DigestInput> & { incidents: readonly Incident[] },
): Digest {
  return composeDigest({ period: DIGEST_WEEK, previous: WEEKS_BEFORE, watchlist: [], guidance, ...input });
}
