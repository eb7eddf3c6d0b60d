import type { KnownBlock, ModalView } from '@slack/types';
import type { Stats, Tally } from '../../answer/stats.js';
import type { Answer, ProtectiveSteps } from '../../answer/types.js';
import { dataTypeLabel } from '../../incidents/data-types.js';
import { BREACH_TYPE_LABELS, ENTITY_TYPE_LABELS } from '../../incidents/labels.js';
import type { Incident } from '../../incidents/model.js';
import { formatCount, incidentFacts } from '../incident-facts.js';
import { bars } from '../text/render-answer.js';
import { noRecordLine, SEARCH_TIPS, USAGE_EXAMPLES } from '../usage.js';
import { actions, button, context, header, section } from './elements.js';
import { ACTION_FULL_DETAILS, ACTION_SHARE, ACTION_STEPS, fullDetailsValue } from './ids.js';
import {
  allStepsBlocks,
  dataTypesLine,
  directAnswerBlocks,
  fullCardBlocks,
  incidentListBlocks,
  shortCardBlocks,
} from './incident-card.js';
import {
  FALLBACK_TEXT_MAX,
  linesWithin,
  MAX_MESSAGE_BLOCKS,
  MAX_VIEW_BLOCKS,
  SECTION_TEXT_MAX,
  truncate,
} from './limits.js';
import { bold, escapeMrkdwn, escapeWithin, italic, link } from './mrkdwn.js';
import { rankedListMessage } from './ranked-list-message.js';

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
      return incidentMessage(answer);
    case 'list':
      return listMessage(
        `Incidents matching "${answer.query}"`,
        answer.hits.map((hit) => hit.incident),
      );
    case 'ranked-list':
      return rankedListMessage(answer.list);
    case 'latest':
      return listMessage('Newest disclosures', answer.incidents);
    case 'no-match':
      return noMatchMessage(answer.query, answer.suggestions, answer.problems);
    case 'no-record':
      return noMatchMessage(answer.query, answer.suggestions, [], noRecordLine(answer.organization));
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
 * The question answered in one sentence, then the short card and its buttons; the rest is behind
 * "Full details". Every button carries the incident id: the listener looks the incident up again, so
 * a stale or forged value finds nothing rather than something wrong.
 */
function incidentMessage(answer: Extract<Answer, { kind: 'incident' }>): SlackMessage {
  const { match, alternatives, steps, direct, query } = answer;
  const { incident } = match;
  const facts = incidentFacts(incident);
  const blocks: KnownBlock[] = [...directAnswerBlocks(direct), ...shortCardBlocks(incident, steps)];
  if (alternatives.length > 0) {
    const count = alternatives.length === 1 ? '1 close match' : `${alternatives.length} close matches`;
    blocks.push(context([escapeMrkdwn(`Not the one you meant? ${count} under Full details.`)]));
  }
  blocks.push(
    actions([
      button({ text: 'Full details', actionId: ACTION_FULL_DETAILS, value: fullDetailsValue(incident.id, query) }),
      button({ text: 'Share in channel', actionId: ACTION_SHARE, value: incident.id, style: 'primary' }),
      button({ text: 'Protective steps', actionId: ACTION_STEPS, value: incident.id }),
    ]),
  );
  const preview = direct?.text ?? `${facts.title}: ${facts.affected}, disclosed ${facts.disclosed}`;
  return { text: fallback(preview), blocks };
}

/** "Full details": the whole card, every step, the lessons and the question's close matches. */
export function fullDetailsMessage(answer: Extract<Answer, { kind: 'incident' }>): SlackMessage {
  const { incident } = answer.match;
  const blocks = fullCardBlocks(
    incident,
    answer.steps,
    answer.alternatives.map((hit) => hit.incident),
  );
  return { text: fallback(`Full details: ${incident.organization}`), blocks: blocks.slice(0, MAX_MESSAGE_BLOCKS) };
}

/** Block Kit allows 24 characters for a modal's title. */
const MODAL_TITLE = 'Incident card';

/** The full card where there is no conversation to answer in: a click on the Home tab. */
export function incidentModalView(answer: Extract<Answer, { kind: 'incident' }>): ModalView {
  const { incident } = answer.match;
  return {
    type: 'modal',
    title: { type: 'plain_text', text: MODAL_TITLE },
    close: { type: 'plain_text', text: 'Close' },
    blocks: fullCardBlocks(incident, answer.steps).slice(0, MAX_VIEW_BLOCKS),
  };
}

/** "Protective steps" on a card: every checklist for what that incident exposed, named after it. */
export function incidentStepsMessage(incident: Incident, steps: ProtectiveSteps): SlackMessage {
  const title = `What to do after the ${incident.organization} breach`;
  const about = steps.dataTypes.length > 0 ? [context([escapeMrkdwn(dataTypesLine(steps))])] : [];
  return { text: fallback(title), blocks: [header(title), ...about, ...allStepsBlocks(steps)] };
}

/** "hi" in a DM is a hello, not a search: a greeting and how to ask. */
export function greetingMessage(): SlackMessage {
  const hello = "Hi! I'm breachbot. Ask me about a data breach, or what to do about one.";
  const examples = usageExampleLines();
  return {
    text: fallback(hello),
    blocks: [section(escapeMrkdwn(hello)), section(['*For example:*', ...examples].join('\n'))],
  };
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

function noMatchMessage(
  query: string,
  suggestions: readonly string[],
  problems: readonly string[],
  headline?: string,
): SlackMessage {
  const lines = [
    ...problems.map(escapeMrkdwn),
    headline ? escapeWithin(headline, 700) : `No incident matches "${escapeWithin(query, 600)}".`,
    ...(suggestions.length > 0 ? [`Did you mean: ${suggestions.map(bold).join('; ')}?`] : []),
  ];
  const tips = ['*Search tips*', ...SEARCH_TIPS.map((tip) => `• ${escapeMrkdwn(tip)}`)];
  return {
    text: fallback(headline ?? `No incident matches "${query}".`),
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
