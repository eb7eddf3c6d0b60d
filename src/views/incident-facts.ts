import { describeDelay, formatCount, formatDate } from '../answer/fact-wording.js';
import { affectedFigures } from '../answer/question-intent.js';
import { dataTypeLabel } from '../incidents/data-types.js';
import {
  BREACH_TYPE_LABELS,
  ENTITY_TYPE_LABELS,
  LOCATION_LABELS,
  ORIGIN_LABELS,
  RESIDENT_COUNT_SOURCES,
} from '../incidents/labels.js';
import type { Incident } from '../incidents/model.js';
import { stateName } from '../incidents/us-states.js';

export { describeDelay, formatCount, formatDate } from '../answer/fact-wording.js';

/**
 * "517 Washington residents (Washington State Attorney General)": a state's count of its own
 * residents, named as such and credited, because beside a total it would otherwise read as one.
 */
export function describeResidents(incident: Incident, withSource = true): string | undefined {
  const residents = incident.residentsAffected;
  if (!residents) return undefined;
  const source = withSource ? RESIDENT_COUNT_SOURCES[residents.state] : undefined;
  return `${formatCount(residents.count)} ${stateName(residents.state)} residents${source ? ` (${source})` : ''}`;
}

/** The one count a list line has room for: the breach's total, or failing that a state's residents. */
export function shortAffected(incident: Incident): string | undefined {
  if (incident.individualsAffected !== undefined) return `${formatCount(incident.individualsAffected)} people`;
  return describeResidents(incident, false);
}

/**
 * Every figure with who counted it, and nothing else: "4,786,241 people (HHS OCR breach portal);
 * 112,005 people (Maine Attorney General)". The short card's line; dates are under "Full details".
 */
export function shortFigures(incident: Incident): string {
  return affectedFigures(incident)
    .map(
      (figure) =>
        `${formatCount(figure.count)} ${figure.residentsOf ? `${stateName(figure.residentsOf)} residents` : 'people'} (${figure.source})`,
    )
    .join('; ');
}

/**
 * Every figure with where it comes from: "41,166 people (HHS OCR breach portal, filed 30 Jun 2023,
 * list of 1 Jul 2026); 526 Maine residents (Maine Attorney General, filed 3 Jul 2023)". Figures
 * differ because each filing counts different people at a different time; naming each source is
 * what lets a reader trust them side by side.
 */
function describeFigures(incident: Incident): string {
  const filings = incident.filings ?? [];
  if (filings.length === 0) {
    return [
      incident.individualsAffected !== undefined ? `${formatCount(incident.individualsAffected)} people` : undefined,
      describeResidents(incident),
    ]
      .filter(Boolean)
      .join('; ');
  }
  // Totals first, then what one state's residents counted.
  const ordered = [...filings].sort(
    (a, b) => Number(a.individualsAffected === undefined) - Number(b.individualsAffected === undefined),
  );
  const figures = ordered.flatMap((filing) => {
    const count =
      filing.individualsAffected !== undefined
        ? `${formatCount(filing.individualsAffected)} people`
        : filing.residentsAffected
          ? `${formatCount(filing.residentsAffected.count)} ${stateName(filing.residentsAffected.state)} residents`
          : undefined;
    if (!count) return [];
    const where = [
      filing.source,
      filing.filed ? `filed ${formatDate(filing.filed)}` : undefined,
      filing.origin && filing.asOf ? `list of ${formatDate(filing.asOf)}` : undefined,
    ].filter(Boolean);
    return [`${count} (${where.join(', ')})`];
  });
  const total = incident.individualsAffected;
  if (total !== undefined && !filings.some((filing) => filing.individualsAffected === total)) {
    figures.unshift(`${formatCount(total)} people`);
  }
  return figures.join('; ');
}

/**
 * "Facts as of: HHS OCR breach portal, list of 1 Jul 2026; Washington State Attorney General, list
 * of 19 Apr 2024": how fresh each list behind a card is, and whose it is (Have I Been Pwned's
 * licence asks for exactly that credit).
 */
export function describeAsOf(incident: Incident): string {
  const lists = new Map<string, string>();
  const note = (origin: Incident['origin'], asOf: string) => {
    const label = ORIGIN_LABELS[origin];
    const known = lists.get(label);
    if (!known || known < asOf) lists.set(label, asOf);
  };
  note(incident.origin, incident.updated);
  for (const filing of incident.filings ?? []) if (filing.origin && filing.asOf) note(filing.origin, filing.asOf);
  const parts = [...lists].map(([label, asOf]) =>
    label === ORIGIN_LABELS.curated
      ? `${label}, reviewed ${formatDate(asOf)}`
      : `${label}, list of ${formatDate(asOf)}`,
  );
  return `Facts as of: ${parts.join('; ')}`;
}

export interface IncidentFacts {
  title: string;
  /** "Business associate (vendor) · New Jersey · Health technology". */
  who: string;
  happened: string;
  discovered: string;
  disclosed: string;
  affected: string;
  how: string;
  data: string;
}

const NOT_STATED = 'not stated';

/**
 * The facts of a card as short strings, shared by the terminal and Block Kit renderers so both
 * say the same thing. Plain text: each renderer escapes for its own medium.
 */
export function incidentFacts(incident: Incident): IncidentFacts {
  const { occurred } = incident;
  const happened = occurred
    ? occurred.end && occurred.end !== occurred.start
      ? `${formatDate(occurred.start)} to ${formatDate(occurred.end)}`
      : formatDate(occurred.start)
    : NOT_STATED;
  const delay = describeDelay(incident);
  const disclosed = incident.disclosed ? `${formatDate(incident.disclosed)}${delay ? `, ${delay}` : ''}` : NOT_STATED;
  const how = [
    incident.breachTypes.map((type) => BREACH_TYPE_LABELS[type]).join(', '),
    incident.locations.length > 0
      ? `via ${incident.locations.map((location) => LOCATION_LABELS[location]).join(', ')}`
      : '',
  ]
    .filter(Boolean)
    .join(' ');
  return {
    title: incident.organization,
    who: [
      incident.entityType ? ENTITY_TYPE_LABELS[incident.entityType] : undefined,
      incident.state ? stateName(incident.state) : incident.country,
      incident.sector,
    ]
      .filter(Boolean)
      .join(' · '),
    happened,
    discovered: incident.discovered ? formatDate(incident.discovered) : NOT_STATED,
    disclosed,
    affected: describeFigures(incident) || NOT_STATED,
    how,
    data: incident.dataTypes.length > 0 ? incident.dataTypes.map(dataTypeLabel).join(', ') : 'not listed in the record',
  };
}
