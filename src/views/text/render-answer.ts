import type { Stats, Tally } from '../../answer/stats.js';
import type { Answer, ProtectiveSteps } from '../../answer/types.js';
import { topSteps } from '../../guidance/steps-for.js';
import { dataTypeLabel } from '../../incidents/data-types.js';
import { BREACH_TYPE_LABELS, ENTITY_TYPE_LABELS } from '../../incidents/labels.js';
import type { Incident } from '../../incidents/model.js';
import type { SearchHit } from '../../search/types.js';
import { describeAsOf, formatCount, formatDate, incidentFacts, shortAffected } from '../incident-facts.js';
import { noRecordLine, SEARCH_TIPS, USAGE_EXAMPLES } from '../usage.js';
import { renderRankedList } from './render-ranked-list.js';

const BAR_WIDTH = 30;

/** The answer as plain text for a terminal: what `breachbot ask` prints. */
export function renderAnswerText(answer: Answer): string {
  switch (answer.kind) {
    case 'usage':
      return renderUsage(answer.problem);
    case 'incident':
      return [
        ...(answer.direct ? [answer.direct.text, ''] : []),
        renderIncident(answer.match, answer.alternatives, answer.steps),
      ].join('\n');
    case 'list':
      return [`Incidents matching "${answer.query}":`, ...answer.hits.map((hit) => `  ${oneLine(hit.incident)}`)].join(
        '\n',
      );
    case 'ranked-list':
      return renderRankedList(answer.list, oneLine);
    case 'no-match':
      return renderNoMatch(answer.query, answer.suggestions, answer.problems);
    case 'no-record':
      return renderNoRecord(answer.organization, answer.suggestions);
    case 'steps':
      return renderSteps(answer.steps, true);
    case 'latest':
      return ['Newest disclosures:', ...answer.incidents.map((incident) => `  ${oneLine(incident)}`)].join('\n');
    case 'stats':
      return renderStats(answer.stats);
  }
}

function renderUsage(problem?: string): string {
  const width = Math.max(...USAGE_EXAMPLES.map((entry) => entry.example.length));
  return [
    ...(problem ? [problem, ''] : []),
    'Ask about a data breach, or what to do about one:',
    ...USAGE_EXAMPLES.map((entry) => `  ${entry.example.padEnd(width)}  ${entry.meaning}`),
  ].join('\n');
}

export function oneLine(incident: Incident): string {
  const parts = [
    incident.disclosed ? formatDate(incident.disclosed) : undefined,
    incident.state,
    shortAffected(incident),
    BREACH_TYPE_LABELS[incident.breachTypes[0] ?? 'unknown'],
  ].filter(Boolean);
  return `${incident.organization} (${parts.join(', ')}) [${incident.id}]`;
}

function renderIncident(match: SearchHit, alternatives: readonly SearchHit[], steps: ProtectiveSteps): string {
  const { incident } = match;
  const facts = incidentFacts(incident);
  const lines = [facts.title, facts.who, ''];
  if (incident.summary) lines.push(incident.summary, '');
  lines.push(
    'When',
    `  Happened:    ${facts.happened}`,
    `  Discovered:  ${facts.discovered}`,
    `  Disclosed:   ${facts.disclosed}`,
    'Who and how many',
    `  ${facts.affected}${incident.relatedOrganizations.length > 0 ? `; also reached: ${incident.relatedOrganizations.join(', ')}` : ''}`,
    'How',
    `  ${facts.how}`,
    'Data exposed',
    `  ${facts.data}`,
  );
  if (incident.offered.length > 0)
    lines.push('Offered to those affected', ...incident.offered.map((item) => `  ${item}`));
  lines.push('', renderSteps(steps, false));
  if (incident.lessons.length > 0)
    lines.push('', 'Lessons for staff', ...incident.lessons.map((lesson) => `  - ${lesson}`));
  lines.push('', 'Sources', ...incident.sources.map((source) => `  - ${source.title}: ${source.url}`));
  lines.push(`  ${describeAsOf(incident)}`);
  if (alternatives.length > 0) {
    lines.push('', 'Close matches', ...alternatives.map((hit) => `  ${oneLine(hit.incident)}`));
  }
  return lines.join('\n');
}

/** A card shows the most urgent step of each checklist; a steps answer shows every step. */
function renderSteps(steps: ProtectiveSteps, full: boolean): string {
  if (steps.checklists.length === 0) {
    return 'What to do: no specific steps for this kind of data. Watch for phishing that uses the incident as bait.';
  }
  const lines = [full ? `What to do: ${steps.dataTypes.map(dataTypeLabel).join(', ')}` : 'What to do now'];
  if (steps.assumption) lines.push(`  (${steps.assumption})`);
  if (full) {
    for (const checklist of steps.checklists) {
      lines.push(`  ${checklist.title}`);
      checklist.steps.forEach((step, index) => {
        lines.push(`    ${index + 1}. ${step.text}`, `       Source: ${step.source.url}`);
      });
    }
  } else {
    for (const step of topSteps(steps.checklists)) {
      lines.push(`  - ${step.checklist}: ${step.text}`, `    Source: ${step.source.url}`);
    }
    lines.push(`  Full checklist: breachbot ask "steps ${steps.dataTypes.join(' ')}"`);
  }
  lines.push(`  ${steps.notice}`);
  return lines.join('\n');
}

function renderNoMatch(query: string, suggestions: readonly string[], problems: readonly string[]): string {
  return [
    ...problems,
    `No incident matches "${query}".`,
    ...(suggestions.length > 0 ? [`Did you mean: ${suggestions.join('; ')}?`] : []),
    'Tips:',
    ...SEARCH_TIPS.map((tip) => `  - ${tip}`),
  ].join('\n');
}

function renderNoRecord(organization: string, suggestions: readonly string[]): string {
  return [
    noRecordLine(organization),
    ...(suggestions.length > 0 ? [`Did you mean: ${suggestions.join('; ')}?`] : []),
    'Tips:',
    ...SEARCH_TIPS.map((tip) => `  - ${tip}`),
  ].join('\n');
}

/**
 * Text bars, so the shape shows in a terminal or a Slack code block alike. A count of 0 draws no
 * bar (a quiet week in the digest's trend); any other count at least one `#`.
 */
export function bars<K extends string | number>(tallies: readonly Tally<K>[], label: (key: K) => string): string[] {
  const max = Math.max(1, ...tallies.map((entry) => entry.incidents));
  const width = Math.max(0, ...tallies.map((entry) => label(entry.key).length));
  return tallies.map((entry) => {
    const length = entry.incidents === 0 ? 0 : Math.max(1, Math.round((entry.incidents / max) * BAR_WIDTH));
    const bar = '#'.repeat(length);
    return `${label(entry.key).padEnd(width)}  ${bar} ${formatCount(entry.incidents)}`;
  });
}

function renderStats(stats: Stats): string {
  const scope = stats.year === undefined ? 'all years' : `disclosed in ${stats.year}`;
  if (stats.incidents === 0) return `No incidents ${scope} in the data.`;
  return [
    `${formatCount(stats.incidents)} incidents, ${formatCount(stats.individuals)} people affected (${scope})`,
    '',
    'By type of breach',
    ...bars(stats.byBreachType, (key) => BREACH_TYPE_LABELS[key]),
    '',
    'By kind of organisation',
    ...bars(stats.byEntityType, (key) => (key === 'unknown' ? 'Not stated' : ENTITY_TYPE_LABELS[key])),
    '',
    'By year disclosed',
    ...bars(stats.byYear, String),
    '',
    'Top states',
    ...bars(stats.topStates, String),
  ].join('\n');
}
