import type { KnownBlock } from '@slack/types';
import type { Stats, Tally } from '../../answer/stats.js';
import type { Answer, ProtectiveSteps } from '../../answer/types.js';
import { dataTypeLabel } from '../../incidents/data-types.js';
import { BREACH_TYPE_LABELS, ENTITY_TYPE_LABELS } from '../../incidents/labels.js';
import type { Incident } from '../../incidents/model.js';
import type { SearchHit } from '../../search/types.js';
import { formatCount, incidentFacts } from '../incident-facts.js';
import { bars } from '../text/render-answer.js';
import { SEARCH_TIPS, USAGE_EXAMPLES } from '../usage.js';
import { actions, button, context, header, section } from './elements.js';
import { ACTION_SHARE, ACTION_STEPS } from './ids.js';
import { incidentCardBlocks, incidentListBlocks } from './incident-card.js';
import { FALLBACK_TEXT_MAX, linesWithin, MAX_MESSAGE_BLOCKS, SECTION_TEXT_MAX, truncate } from './limits.js';
import { bold, escapeMrkdwn, escapeWithin, italic, link } from './mrkdwn.js';

/** What the builders return: spread it into `chat.postMessage`, `respond` or `ack`. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/** Close matches and list lines shown at most: more is noise, and each takes a block. */
export const MAX_ALTERNATIVES_SHOWN = 5;
export const MAX_LIST_LINES = 20;

/**
 * Messages already built, by answer. The builder is pure and the service hands out the same answer
 * object for a repeated question, so a popular question is rendered once. Weak: an answer that is
 * dropped from the service's cache takes its message with it. Callers must not mutate the message.
 */
const built = new WeakMap<Answer, SlackMessage>();

/** An answer as Block Kit, for the slash command, mentions and DMs. */
export function answerMessage(answer: Answer): SlackMessage {
  let message = built.get(answer);
  if (!message) {
    message = buildAnswerMessage(answer);
    built.set(answer, message);
  }
  return message;
}

function buildAnswerMessage(answer: Answer): SlackMessage {
  switch (answer.kind) {
    case 'usage':
      return usageMessage(answer.problem);
    case 'incident':
      return incidentMessage(answer.match, answer.alternatives, answer.steps);
    case 'list':
      return listMessage(
        `Incidents matching "${answer.query}"`,
        answer.hits.map((hit) => hit.incident),
      );
    case 'latest':
      return listMessage('Newest disclosures', answer.incidents);
    case 'no-match':
      return noMatchMessage(answer.query, answer.suggestions, answer.problems);
    case 'steps':
      return stepsMessage(answer.steps);
    case 'stats':
      return statsMessage(answer.stats);
  }
}

/** The notification fallback: escaped too, since Slack parses mentions in it. */
function fallback(text: string): string {
  return escapeWithin(text, FALLBACK_TEXT_MAX);
}

/** The usage examples as `/breach …` lines: the help answer and the Home tab say the same. */
export function usageExampleLines(): string[] {
  return USAGE_EXAMPLES.map((entry) => `• \`/breach ${escapeMrkdwn(entry.example)}\`  ${escapeMrkdwn(entry.meaning)}`);
}

function usageMessage(problem?: string): SlackMessage {
  const examples = usageExampleLines();
  return {
    text: fallback(problem ?? 'How to ask breachbot'),
    blocks: [
      ...(problem ? [section(escapeMrkdwn(problem))] : []),
      section(['*Ask about a data breach, or what to do about one:*', ...examples].join('\n')),
    ],
  };
}

/**
 * The card, then its buttons. Both buttons carry the incident id: the listener looks the incident
 * up again, so a stale or forged value finds nothing rather than something wrong.
 */
function incidentMessage(match: SearchHit, alternatives: readonly SearchHit[], steps: ProtectiveSteps): SlackMessage {
  const { incident } = match;
  const facts = incidentFacts(incident);
  const blocks: KnownBlock[] = [
    ...incidentCardBlocks(incident, steps),
    actions([
      button({ text: 'Share in channel', actionId: ACTION_SHARE, value: incident.id, style: 'primary' }),
      button({ text: 'Protective steps', actionId: ACTION_STEPS, value: incident.id }),
    ]),
  ];
  if (alternatives.length > 0) {
    blocks.push(
      section('*Close matches*'),
      ...incidentListBlocks(
        alternatives.map((hit) => hit.incident),
        MAX_ALTERNATIVES_SHOWN,
        (left) => `…and ${left} more close matches. Add a state or year to narrow it down.`,
      ),
    );
  }
  return { text: fallback(`${facts.title}: ${facts.affected}, disclosed ${facts.disclosed}`), blocks };
}

function listMessage(title: string, incidents: readonly Incident[]): SlackMessage {
  if (incidents.length === 0)
    return { text: fallback(`${title}: none`), blocks: [section(`${escapeWithin(title, 2000)}: none.`)] };
  return {
    text: fallback(`${title}: ${incidents.length} incidents`),
    blocks: [
      section(bold(truncate(title, 2000))),
      ...incidentListBlocks(
        incidents,
        MAX_LIST_LINES,
        (left) => `…and ${left} more. Narrow it with filters such as state:NJ or year:2023.`,
      ),
    ],
  };
}

function noMatchMessage(query: string, suggestions: readonly string[], problems: readonly string[]): SlackMessage {
  const lines = [
    ...problems.map(escapeMrkdwn),
    `No incident matches "${escapeWithin(query, 600)}".`,
    ...(suggestions.length > 0 ? [`Did you mean: ${suggestions.map(bold).join('; ')}?`] : []),
  ];
  const tips = ['*Search tips*', ...SEARCH_TIPS.map((tip) => `• ${escapeMrkdwn(tip)}`)];
  return {
    text: fallback(`No incident matches "${query}".`),
    blocks: [section(linesWithin(lines, SECTION_TEXT_MAX, (left) => `…and ${left} more`)), section(tips.join('\n'))],
  };
}

/** Every checklist and every step, each with its source. A checklist is one section: it fits easily. */
function stepsMessage(steps: ProtectiveSteps): SlackMessage {
  const title = `What to do: ${steps.dataTypes.map(dataTypeLabel).join(', ')}`;
  const notice = context([escapeMrkdwn(steps.notice)]);
  if (steps.checklists.length === 0) {
    return {
      text: fallback(title),
      blocks: [
        header(title),
        section('No specific steps for this kind of data. Watch for phishing that uses it as bait.'),
        notice,
      ],
    };
  }
  const room = MAX_MESSAGE_BLOCKS - 3;
  const checklists = steps.checklists.slice(0, room).map((checklist) => {
    const lines = [
      bold(checklist.title),
      ...checklist.steps.map(
        (step, index) => `${index + 1}. ${escapeMrkdwn(step.text)} ${link(step.source.url, step.source.title)}`,
      ),
    ];
    return section(linesWithin(lines, SECTION_TEXT_MAX, (left) => `…and ${left} more steps`));
  });
  return {
    text: fallback(title),
    blocks: [header(title), ...(steps.assumption ? [context([italic(steps.assumption)])] : []), ...checklists, notice],
  };
}

function statsMessage(stats: Stats): SlackMessage {
  const scope = stats.year === undefined ? 'all years' : `disclosed in ${stats.year}`;
  if (stats.incidents === 0) {
    const none = `No incidents ${scope} in the data.`;
    return { text: fallback(none), blocks: [section(escapeMrkdwn(none))] };
  }
  const totals = `${formatCount(stats.incidents)} incidents, ${formatCount(stats.individuals)} people affected (${scope})`;
  return {
    text: fallback(totals),
    blocks: [
      section(bold(totals)),
      chart('By type of breach', stats.byBreachType, (key) => BREACH_TYPE_LABELS[key]),
      chart('By kind of organisation', stats.byEntityType, (key) =>
        key === 'unknown' ? 'Not stated' : ENTITY_TYPE_LABELS[key],
      ),
      chart('By year disclosed', stats.byYear, String),
      chart('Top states', stats.topStates, String),
    ],
  };
}

/** Text bars in a code block, the same chart the terminal shows; whole lines only, so the block stays closed. */
function chart<K extends string | number>(title: string, tallies: readonly Tally<K>[], label: (key: K) => string) {
  const lines = bars(tallies, label).map(escapeMrkdwn);
  if (lines.length === 0) return section(`${bold(title)}\nnone`);
  const fence = '```';
  const room = SECTION_TEXT_MAX - title.length - 2 * fence.length - 8;
  return section(`${bold(title)}\n${fence}${linesWithin(lines, room, (left) => `… ${left} more`)}${fence}`);
}
