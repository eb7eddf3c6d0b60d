import type { Button, KnownBlock } from '@slack/types';
import type { DirectAnswer } from '../../answer/question-intent.js';
import type { ProtectiveSteps } from '../../answer/types.js';
import { topSteps } from '../../guidance/steps-for.js';
import { dataTypeLabel } from '../../incidents/data-types.js';
import { ORIGIN_LABELS } from '../../incidents/labels.js';
import type { Incident } from '../../incidents/model.js';
import {
  describeAsOf,
  formatDate,
  type IncidentFacts,
  incidentFacts,
  shortAffected,
  shortFigures,
} from '../incident-facts.js';
import { button, context, divider, fieldsSection, header, section } from './elements.js';
import { ACTION_SHOW } from './ids.js';
import { CONTEXT_TEXT_MAX, FIELD_TEXT_MAX, linesWithin, SECTION_TEXT_MAX, truncate } from './limits.js';
import { bold, escapeMrkdwn, escapeWithin, italic, link } from './mrkdwn.js';

/**
 * The parts of an incident card, written once for the ephemeral answer and the public shared card.
 * They say what the terminal renderer says, from the same `incidentFacts`.
 */

const NO_STEPS = 'No specific steps for this kind of data. Watch for phishing that uses the incident as bait.';

/** Org name, who and where, what happened, the facts, the top steps and the sources. */
export function incidentCardBlocks(incident: Incident, steps: ProtectiveSteps): KnownBlock[] {
  return [...cardHead(incident), divider(), ...topStepsBlocks(steps), ...sourcesBlocks(incident)];
}

/** The name, who and where, what happened and the facts: how the shared and the full card begin. */
function cardHead(incident: Incident): KnownBlock[] {
  const facts = incidentFacts(incident);
  return [
    header(facts.title),
    context([escapeMrkdwn([facts.who, `From: ${ORIGIN_LABELS[incident.origin]}`].filter(Boolean).join(' · '))]),
    ...whatHappened(incident),
    fieldsSection(factFields(incident, facts)),
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
export function topStepsBlocks(steps: ProtectiveSteps, limit?: number): KnownBlock[] {
  if (steps.checklists.length === 0) return [section(`*What to do now*\n${escapeMrkdwn(NO_STEPS)}`)];
  const lines = [
    '*What to do now*',
    ...(steps.assumption ? [italic(steps.assumption)] : []),
    ...topSteps(steps.checklists, limit).map(
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

/** The question answered in one sentence, above the card: what the person asked comes first. */
export function directAnswerBlocks(direct: DirectAnswer | undefined): KnownBlock[] {
  if (!direct) return [];
  return [section(`*${escapeWithin(direct.text.replace(/\s+/g, ' ').trim(), SECTION_TEXT_MAX - 2)}*`)];
}

/** Steps and sources a short card shows; the rest are under "Full details". */
const SHORT_STEPS = 3;
const SHORT_SOURCES = 3;
/** A source title is often a whole citation; on the short card its start is enough to know it. */
const SHORT_SOURCE_TITLE = 90;
/** Related organisations named on the short card before "and N more". */
const SHORT_RELATED = 3;

/**
 * The card that fits one screen: who, when, how many, what data, the three most urgent steps and the
 * sources. The story, the timeline, every step and the lessons are in `fullCardBlocks`.
 */
export function shortCardBlocks(incident: Incident, steps: ProtectiveSteps): KnownBlock[] {
  const facts = incidentFacts(incident);
  return [
    header(facts.title),
    context([escapeMrkdwn([facts.who, `From: ${ORIGIN_LABELS[incident.origin]}`].filter(Boolean).join(' · '))]),
    fieldsSection(shortFactFields(incident, facts)),
    ...topStepsBlocks(steps, SHORT_STEPS),
    ...shortSourcesBlocks(incident),
  ];
}

function shortFactFields(incident: Incident, facts: IncidentFacts): string[] {
  const reached = incident.relatedOrganizations;
  const shownReached = reached.slice(0, SHORT_RELATED);
  const moreReached = reached.length > shownReached.length ? [`${reached.length - shownReached.length} more`] : [];
  const when = [
    incident.occurred ? facts.happened : undefined,
    incident.disclosed ? `disclosed ${facts.disclosed}` : 'disclosure date not stated',
  ].filter(Boolean);
  return [
    field('When', when.join('; ')),
    field('How many', shortFigures(incident) || 'not stated'),
    field('Data exposed', facts.data),
    field('How', facts.how),
    ...(reached.length > 0 ? [field('Also reached', [...shownReached, ...moreReached].join(', '))] : []),
  ];
}

function shortSourcesBlocks(incident: Incident): KnownBlock[] {
  const asOf = context([escapeMrkdwn(describeAsOf(incident))]);
  if (incident.sources.length === 0) return [asOf];
  const shown = incident.sources.slice(0, SHORT_SOURCES);
  const left = incident.sources.length - shown.length;
  const lines = [
    '*Sources*',
    ...shown.map((source) => `• ${link(source.url, truncate(source.title, SHORT_SOURCE_TITLE))}`),
    ...(left > 0 ? [`…and ${left} more under Full details`] : []),
  ];
  return [section(linesWithin(lines, SECTION_TEXT_MAX, (rest) => `…and ${rest} more sources`)), asOf];
}

/** Close matches shown at most under "Full details". */
const FULL_ALTERNATIVES = 5;

/**
 * Everything breachbot has on the incident: the story, the facts with every figure, the timeline, every
 * checklist step, what was offered, the lessons, every source, and the close matches of the question.
 */
export function fullCardBlocks(
  incident: Incident,
  steps: ProtectiveSteps,
  alternatives: readonly Incident[] = [],
): KnownBlock[] {
  return [
    ...cardHead(incident),
    ...timelineBlocks(incident),
    divider(),
    ...allStepsBlocks(steps),
    ...lessonsBlocks(incident),
    ...sourcesBlocks(incident),
    ...(alternatives.length > 0
      ? [
          section('*Close matches*'),
          ...incidentListBlocks(
            alternatives,
            FULL_ALTERNATIVES,
            (left) => `…and ${left} more close matches. Add a state or year to narrow it down.`,
          ),
        ]
      : []),
  ];
}

function timelineBlocks(incident: Incident): KnownBlock[] {
  if (incident.timeline.length === 0) return [];
  const lines = [
    '*Timeline*',
    ...incident.timeline.map((entry) => `• ${escapeMrkdwn(formatDate(entry.date))}: ${escapeMrkdwn(entry.event)}`),
  ];
  return [section(linesWithin(lines, SECTION_TEXT_MAX, (left) => `…and ${left} more events`))];
}

/** Checklists in one message at most: each is a block, and the card around them needs room too. */
const FULL_CHECKLISTS_MAX = 12;

/** Every checklist with every step and its source, one section each. */
export function allStepsBlocks(steps: ProtectiveSteps): KnownBlock[] {
  if (steps.checklists.length === 0) return [section(`*What to do*\n${escapeMrkdwn(NO_STEPS)}`)];
  const shown = steps.checklists.slice(0, FULL_CHECKLISTS_MAX);
  const checklists = shown.map((checklist, index) => {
    const lines = [
      ...(index === 0 ? ['*What to do*'] : []),
      bold(checklist.title),
      ...checklist.steps.map(
        (step, number) => `${number + 1}. ${escapeMrkdwn(step.text)} ${link(step.source.url, step.source.title)}`,
      ),
    ];
    return section(linesWithin(lines, SECTION_TEXT_MAX, (left) => `…and ${left} more steps`));
  });
  const left = steps.checklists.length - shown.length;
  const notes = [
    ...(steps.assumption ? [italic(steps.assumption)] : []),
    ...(left > 0 ? [escapeMrkdwn(`…and ${left} more checklists: /breach steps ${steps.dataTypes.join(' ')}`)] : []),
    escapeWithin(steps.notice, CONTEXT_TEXT_MAX),
  ];
  return [...checklists, context(notes)];
}

function lessonsBlocks(incident: Incident): KnownBlock[] {
  if (incident.lessons.length === 0) return [];
  const lines = ['*Lessons for staff*', ...incident.lessons.map((lesson) => `• ${escapeMrkdwn(lesson)}`)];
  return [section(linesWithin(lines, SECTION_TEXT_MAX, (left) => `…and ${left} more lessons`))];
}

/** The data types a checklist answer is for, as a line under its heading. */
export function dataTypesLine(steps: ProtectiveSteps): string {
  return `For: ${steps.dataTypes.map(dataTypeLabel).join(', ')}`;
}
