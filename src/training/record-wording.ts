import type { Filing, Incident, Origin, Source } from '../incidents/model.js';

/** Who lists a record's facts, as the subject of a sentence: "Which of these does ___ list?" */
const LIST_NAMES: Record<Origin, string> = {
  curated: 'the card',
  'hhs-ocr': 'the HHS OCR breach portal',
  hibp: 'Have I Been Pwned',
  'wa-ag': "the Washington State Attorney General's list",
};

/** The list a record's own fields come from: a merged incident keeps its lead record's fields. */
export function listName(incident: Incident): string {
  return LIST_NAMES[incident.origin];
}

/** Who gave a filing, as the subject of a sentence: its list, or the office a card cites ("the Maine Attorney General"). */
export function filerName(filing: Filing): string {
  return filing.origin ? LIST_NAMES[filing.origin] : `the ${filing.source}`;
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "HealthEC LLC's", "Walgreens'". */
export function possessive(name: string): string {
  return /s$/i.test(name) ? `${name}'` : `${name}'s`;
}

/**
 * Where the record states its facts: its own first source, or a filing's page. Undefined when it has
 * neither, and then no question is asked from it: every answer names where it is stated.
 */
export function recordSource(incident: Incident): Source | undefined {
  const [first] = incident.sources;
  if (first) return first;
  const filing = incident.filings?.find((each) => each.url);
  return filing?.url ? { title: filing.source, url: filing.url } : undefined;
}
