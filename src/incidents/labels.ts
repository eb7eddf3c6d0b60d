import type { BreachType, EntityType, Location, Origin } from './model.js';
import type { UsStateCode } from './us-states.js';

/** How each enum value reads to a person: one place, used by the views and the search index. */
export const BREACH_TYPE_LABELS: Record<BreachType, string> = {
  hacking: 'Hacking/IT incident',
  'unauthorized-access': 'Unauthorized access or disclosure',
  theft: 'Theft',
  loss: 'Loss',
  'improper-disposal': 'Improper disposal',
  ransomware: 'Ransomware',
  'email-compromise': 'Email account compromise',
  misconfiguration: 'Misconfiguration',
  other: 'Other',
  unknown: 'Unknown',
};

export const LOCATION_LABELS: Record<Location, string> = {
  email: 'Email',
  'network-server': 'Network server',
  ehr: 'Electronic medical record',
  paper: 'Paper or films',
  laptop: 'Laptop',
  desktop: 'Desktop computer',
  'portable-device': 'Portable device',
  other: 'Other',
  cloud: 'Cloud service',
  website: 'Website',
  database: 'Database',
};

export const ENTITY_TYPE_LABELS: Record<EntityType, string> = {
  'healthcare-provider': 'Healthcare provider',
  'health-plan': 'Health plan',
  'business-associate': 'Business associate (vendor)',
  clearinghouse: 'Healthcare clearinghouse',
  other: 'Other',
};

export const ORIGIN_LABELS: Record<Origin, string> = {
  curated: 'breachbot curated card',
  'hhs-ocr': 'HHS OCR breach portal',
  hibp: 'Have I Been Pwned',
  'wa-ag': 'Washington State Attorney General',
};

/** Who counted a state's residents, credited beside the figure so it never reads as the breach's total. */
export const RESIDENT_COUNT_SOURCES: Partial<Record<UsStateCode, string>> = {
  WA: ORIGIN_LABELS['wa-ag'],
};
