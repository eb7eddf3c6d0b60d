/** What `/breach` understands: one list, shown by `help`, the CLI and the "no match" tips. */
export const USAGE_EXAMPLES: readonly { example: string; meaning: string }[] = [
  { example: 'healthec', meaning: 'find an incident by name; typos and partial names are fine' },
  { example: 'was ARx Patient Solutions hacked?', meaning: 'ask in plain words' },
  { example: 'kansas child prescription breach', meaning: 'describe it: place, data, what happened' },
  {
    example: 'steps ssn',
    meaning: 'what to do when this kind of data leaked (ssn, medical, insurance, card, password ...)',
  },
  { example: 'latest', meaning: 'the newest disclosures' },
  { example: 'stats 2023', meaning: 'totals by type, kind of organisation, state and year' },
  { example: 'state:NJ year:2023 type:hacking data:ssn', meaning: 'filters, alone or with words' },
  { example: 'digest on', meaning: 'the weekly digest in this channel (also off, status, preview)' },
  { example: 'watch add <vendor>', meaning: "flag a vendor's breaches first in the digest (also remove, list)" },
  {
    example: 'watch me add <organisation>',
    meaning: 'your insurer or hospital, privately: I DM you when it files a breach (also list, remove, clear)',
  },
  {
    example: 'training on',
    meaning: 'a weekly breach to learn from in this channel, with a short quiz (also off, status, preview)',
  },
  {
    example: 'quiz <incident>',
    meaning:
      'a short quiz on the incident in this channel (then: quiz results <quiz id>, a CSV of the answers for you)',
  },
  { example: 'sources', meaning: "each official list's records, last successful sync and last error" },
];

export const SEARCH_TIPS: readonly string[] = [
  'Try the organisation\'s name alone, e.g. "healthec".',
  'Drop words like "Inc." or "LLC", and check the spelling of unusual words.',
  'Describe it instead: the state, the kind of data, or what happened ("ransomware", "email").',
  'Narrow with filters: state:NJ, year:2023, type:hacking, data:ssn.',
];

/** The plain answer when the query names an organisation the data has no breach for. */
export function noRecordLine(organization: string): string {
  return `I have no record of a breach at ${organization}.`;
}
