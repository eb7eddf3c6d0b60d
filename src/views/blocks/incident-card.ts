import type { Button, KnownBlock } from '@slack/types';
import type { ProtectiveSteps } from '../../answer/types.js';
import { topSteps } from '../../guidance/steps-for.js';
import { ORIGIN_LABELS } from '../../incidents/labels.js';
import type { Incident } from '../../incidents/model.js';
import { describeAsOf, formatDate, type IncidentFacts, incidentFacts, shortAffected } from '../incident-facts.js';
import { button, context, divider, fieldsSection, header, section } from './elements.js';
import { ACTION_SHOW } from './ids.js';
import { FIELD_TEXT_MAX, linesWithin, SECTION_TEXT_MAX, truncate } from './limits.js';
import { bold, escapeMrkdwn, escapeWithin, italic, link } from './mrkdwn.js';

/**
 * The parts of an incident card, written once for the ephemeral answer and the public shared card.
 * They say what the terminal renderer says, from the same `incidentFacts`.
 */

const NO_STEPS = 'No specific steps for this kind of data. Watch for phishing that uses the incident as bait.';

/** Org name, who and where, what happened, the facts, the top steps and the sources. */
export function incidentCardBlocks(incident: Incident, steps: ProtectiveSteps): KnownBlock[] {
  const facts = incidentFacts(incident);
  return [
    header(facts.title),
    context([escapeMrkdwn([facts.who, `From: ${ORIGIN_LABELS[incident.origin]}`].filter(Boolean).join(' · '))]),
    ...whatHappened(incident),
    fieldsSection(factFields(incident, facts)),
    divider(),
    ...topStepsBlocks(steps),
    ...sourcesBlocks(incident),
  ];
}

function whatHappened(incident: Incident): KnownBlock[] {
  if (!incident.summary) return [];
  const title = '*What happened*\n';
  return [section(title + escapeWithin(incident.summary, SECTION_TEXT_MAX - title.length))];
}

function field(label: string, value: string): string {
  const title = `${bold(label)}\n`;
  return title + escapeWithin(value, FIELD_TEXT_MAX - title.length);
}

function factFields(incident: Incident, facts: IncidentFacts): string[] {
  const reached = incident.relatedOrganizations;
  return [
    field('Happened', facts.happened),
    field('Discovered', facts.discovered),
    field('Disclosed', facts.disclosed),
    field(
      'Who and how many',
      reached.length > 0 ? `${facts.affected}; also reached: ${reached.join(', ')}` : facts.affected,
    ),
    field('How', facts.how),
    field('Data exposed', facts.data),
    ...(incident.offered.length > 0 ? [field('Offered to those affected', incident.offered.join('; '))] : []),
  ];
}

/** A card shows the most urgent step of each checklist; the "Protective steps" answer shows them all. */
export function topStepsBlocks(steps: ProtectiveSteps): KnownBlock[] {
  if (steps.checklists.length === 0) return [section(`*What to do now*\n${escapeMrkdwn(NO_STEPS)}`)];
  const lines = [
    '*What to do now*',
    ...(steps.assumption ? [italic(steps.assumption)] : []),
    ...topSteps(steps.checklists).map(
      (step) => `• ${bold(step.checklist)}: ${escapeMrkdwn(step.text)} ${link(step.source.url, step.source.title)}`,
    ),
  ];
  const more = `Full checklist: \`/breach steps ${steps.dataTypes.join(' ')}\``;
  return [
    section(linesWithin(lines, SECTION_TEXT_MAX, (left) => `…and ${left} more steps`)),
    context([escapeMrkdwn(more), escapeMrkdwn(steps.notice)]),
  ];
}

export function sourcesBlocks(incident: Incident): KnownBlock[] {
  const asOf = context([escapeMrkdwn(describeAsOf(incident))]);
  if (incident.sources.length === 0) return [asOf];
  const lines = ['*Sources*', ...incident.sources.map((source) => `• ${link(source.url, source.title)}`)];
  return [section(linesWithin(lines, SECTION_TEXT_MAX, (left) => `…and ${left} more sources`)), asOf];
}

/** Long enough for any real name, short enough that a line never fills a section. */
const LINE_NAME_MAX = 300;

/** One line per incident: organisation, date disclosed, state, people affected. */
export function incidentLine(incident: Incident): string {
  const details = [
    incident.disclosed ? formatDate(incident.disclosed) : undefined,
    incident.state,
    shortAffected(incident),
  ].filter(Boolean);
  const name = bold(truncate(incident.organization, LINE_NAME_MAX));
  return [name, ...details.map((detail) => escapeMrkdwn(String(detail)))].join(' · ');
}

export function showButton(incident: Incident): Button {
  return button({ text: 'Show', actionId: ACTION_SHOW, value: incident.id });
}

/**
 * A line with a "Show" button per incident, at most `limit` of them, then how many were left out:
 * a message holds 50 blocks, and a long list helps nobody anyway.
 */
export function incidentListBlocks(
  incidents: readonly Incident[],
  limit: number,
  leftOut: (left: number) => string,
): KnownBlock[] {
  const shown = incidents.slice(0, limit);
  const blocks: KnownBlock[] = shown.map((incident) => section(incidentLine(incident), showButton(incident)));
  if (incidents.length > shown.length) blocks.push(context([escapeMrkdwn(leftOut(incidents.length - shown.length))]));
  return blocks;
}
