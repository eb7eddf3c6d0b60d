import type { EntityType, Incident } from './model.js';

/** The kinds of organisation HIPAA covers: every breach they file involves health information. */
const HIPAA_ENTITIES: ReadonlySet<EntityType> = new Set([
  'healthcare-provider',
  'health-plan',
  'business-associate',
  'clearinghouse',
]);

/**
 * Whether the breach falls under HIPAA: filed with HHS, or at an organisation HIPAA covers. Then
 * health data was involved whether or not the record names it, and HIPAA's 60 days to notify apply;
 * neither holds for a hotel chain or a retailer.
 */
export function isHipaaBreach(incident: Incident): boolean {
  if (incident.origin === 'hhs-ocr' || incident.filings?.some((filing) => filing.origin === 'hhs-ocr')) return true;
  return incident.entityType !== undefined && HIPAA_ENTITIES.has(incident.entityType);
}
