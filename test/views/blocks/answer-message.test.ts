import type { Button, KnownBlock, SectionBlock } from '@slack/types';
import { beforeAll, describe, expect, it } from 'vitest';
import { type AnswerContext, answerQuery } from '../../../src/answer/answer-query.js';
import { stepsForIncident } from '../../../src/answer/protective-steps.js';
import { computeStats } from '../../../src/answer/stats.js';
import type { Answer } from '../../../src/answer/types.js';
import {
  answerMessage,
  fullDetailsMessage,
  greetingMessage,
  incidentModalView,
  incidentStepsMessage,
  type SlackMessage,
} from '../../../src/views/blocks/answer-message.js';
import { ACTION_FULL_DETAILS, ACTION_SHARE, ACTION_SHOW, ACTION_STEPS } from '../../../src/views/blocks/ids.js';
import { makeIncident } from '../../support/incident-factory.js';
import { firstCardsAnswerContext } from '../../support/repo-dataset.js';
import { EVIL, EVIL_ESCAPED, expectNoLiveMarkup, expectWithinLimits, giantIncident } from './fixtures.js';

let context: AnswerContext;
beforeAll(async () => {
  context = await firstCardsAnswerContext();
});

/** Builds the message and checks what every message must be: within limits, nothing live from data. */
function build(answer: Answer): SlackMessage {
  const message = answerMessage(answer);
  expectWithinLimits(message);
  expectNoLiveMarkup(message);
  return message;
}

const ask = (query: string) => build(answerQuery(query, context));
const allText = (message: SlackMessage) => JSON.stringify(message.blocks);

function buttons(blocks: readonly KnownBlock[]): Button[] {
  return blocks.flatMap((block) => {
    if (block.type === 'actions')
      return block.elements.filter((element): element is Button => element.type === 'button');
    if (block.type === 'section' && block.accessory?.type === 'button') return [block.accessory];
    return [];
  });
}

describe('answerMessage: incident card', () => {
  it('shows the facts of the ARx card: who, when with the delay, how many, data, steps with sources', () => {
    const message = ask('arx patient');
    expect(message.blocks[1]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'ARx Patient Solutions', emoji: true },
    });
    const text = allText(message);
    expect(text).toContain('Healthcare provider · Kansas');
    expect(text).toContain('23 Mar 2022 to 30 Mar 2022');
    expect(text).toContain('30 Jun 2023, 457 days (over a year) after discovery');
    expect(text).toContain('41,166 people');
    expect(text).toContain("Children's data");
    expect(text).toContain('*What to do now*');
    expect(text).toContain('under 16');
    expect(text).toContain('|FTC: New protections available for minors under 16>');
    expect(text).toContain('<https://ocrportal.hhs.gov/ocr/breach/breach_report.jsf|');
    expect(text).toContain('US government advice');
    expect(message.text).toContain('41,166 people');
  });

  it('answers the question first, in one sentence, then the short card within one screen', () => {
    const message = ask('how many people were affected by healthec');
    const [first, second] = message.blocks;
    expect(first).toMatchObject({ type: 'section', text: { type: 'mrkdwn' } });
    const sentence = (first as SectionBlock).text?.text ?? '';
    expect(sentence).toMatch(/^\*4,786,241 people were affected by HealthEC LLC's breach.*\*$/);
    expect(sentence).toContain('112,005');
    expect(second?.type).toBe('header');
    expect(message.blocks.length).toBeLessThanOrEqual(15);
    expect(message.text).toMatch(/^4,786,241 people/);
    // The story, the timeline, the lessons and the later steps wait behind "Full details".
    const text = allText(message);
    expect(text).not.toContain('What happened');
    expect(text).not.toContain('Lessons for staff');
    expect(text).not.toContain('Identity Protection PIN');
  });

  it('has Full details, Share and Protective steps buttons carrying the incident id', () => {
    const message = ask('healthec');
    const [full, share, steps] = buttons(message.blocks);
    expect(full).toMatchObject({ action_id: ACTION_FULL_DETAILS, value: 'healthec-2023 healthec' });
    expect(full?.text.text).toBe('Full details');
    expect(share).toMatchObject({ action_id: ACTION_SHARE, value: 'healthec-2023', style: 'primary' });
    expect(share?.text.text).toBe('Share in channel');
    expect(steps).toMatchObject({ action_id: ACTION_STEPS, value: 'healthec-2023' });
    expect(steps?.text.text).toBe('Protective steps');
  });

  it('says close matches are under Full details, which lists them with a Show button each', () => {
    const answer = answerQuery('healthec', context);
    if (answer.kind !== 'incident') throw new Error(`expected an incident, got ${answer.kind}`);
    const other = context.dataset.incidents.find((incident) => incident.id !== answer.match.incident.id);
    if (!other) throw new Error('the first cards have two incidents');
    const withOther = { ...answer, alternatives: [{ incident: other, score: 0.5 }] };
    expect(allText(build(withOther))).toContain('1 close match under Full details');
    const full = fullDetailsMessage(withOther);
    expectWithinLimits(full);
    expect(allText(full)).toContain('*Close matches*');
    expect(buttons(full.blocks).at(-1)).toMatchObject({ action_id: ACTION_SHOW, value: other.id });
  });

  it('stays within limits for a giant incident with 200 close matches, and escapes every field', () => {
    const incident = giantIncident();
    const alternatives = Array.from({ length: 200 }, (_, index) => ({
      incident: giantIncident({ id: `giant-${index}` }),
      score: 0.5,
    }));
    const message = build({
      kind: 'incident',
      query: EVIL,
      match: { incident, score: 1 },
      alternatives,
      steps: stepsForIncident(context.dataset.guidance, incident),
    });
    const text = allText(message);
    expect(text).toContain(EVIL_ESCAPED);
    expect(text).toContain('200 close matches under Full details');
    expect(text).toContain('…and 97 more under Full details');
    expect(message.blocks.length).toBeLessThanOrEqual(15);
    expect(message.text).toContain('&lt;!channel&gt;');
    const full = fullDetailsMessage({
      kind: 'incident',
      query: EVIL,
      match: { incident, score: 1 },
      alternatives,
      steps: stepsForIncident(context.dataset.guidance, incident),
    });
    expectWithinLimits(full);
    expectNoLiveMarkup(full);
    const fullText = allText(full);
    expect(fullText).toContain('…and 195 more close matches');
    expect(buttons(full.blocks).filter((button) => button.action_id === ACTION_SHOW)).toHaveLength(5);
    expect(fullText).toMatch(/…and \d+ more sources/);
  });
});

describe('the full card, the steps for an incident, the Home modal and the greeting', () => {
  it("escapes a hostile direct answer and keeps the modal of a giant incident within a view's limits", () => {
    const incident = giantIncident();
    const answer = {
      kind: 'incident' as const,
      query: EVIL,
      match: { incident, score: 1 },
      alternatives: [],
      steps: stepsForIncident(context.dataset.guidance, incident),
      direct: { intent: 'overview' as const, text: `${EVIL} ${'long '.repeat(2000)}` },
    };
    const message = build(answer);
    expect(JSON.stringify(message.blocks[0])).toContain(EVIL_ESCAPED);
    const modal = incidentModalView(answer);
    expectWithinLimits(modal);
    expectNoLiveMarkup(modal);
    expect(modal.title.text.length).toBeLessThanOrEqual(24);
  });

  it('names the incident in the heading of its steps, and lists the kinds of data under it', () => {
    const healthec = context.dataset.incidents.find((incident) => incident.id === 'healthec-2023');
    if (!healthec) throw new Error('HealthEC is one of the first cards');
    const message = incidentStepsMessage(healthec, stepsForIncident(context.dataset.guidance, healthec));
    expectWithinLimits(message);
    expect(message.blocks[0]).toMatchObject({
      type: 'header',
      text: { text: 'What to do after the HealthEC LLC breach' },
    });
    expect(JSON.stringify(message.blocks[1])).toContain('For: Names, Addresses');
    expect(allText(message)).toContain('Identity Protection PIN');
    const giant = giantIncident();
    const steps = incidentStepsMessage(giant, stepsForIncident(context.dataset.guidance, giant));
    expectWithinLimits(steps);
    expectNoLiveMarkup(steps);
  });

  it('greets and shows how to ask', () => {
    const message = greetingMessage();
    expectWithinLimits(message);
    expect(allText(message)).toContain("Hi! I'm breachbot.");
    expect(allText(message)).toContain('`/breach steps ssn`');
  });
});

describe('answerMessage: other answers', () => {
  it('gives every checklist and every step with its source for steps', () => {
    const message = ask('steps ssn');
    const text = allText(message);
    expect(message.blocks[0]?.type).toBe('header');
    expect(text).toContain('What to do: Social Security numbers');
    expect(text).toContain('<https://www.irs.gov/identity-theft-fraud-scams/get-an-identity-protection-pin|');
    expect(text).toContain('US government advice');
    const guidanceSteps = context.dataset.guidance.checklists.find((checklist) => checklist.id === 'ssn')?.steps ?? [];
    for (const [index] of guidanceSteps.entries()) expect(text).toContain(`${index + 1}. `);
  });

  it('stays within limits for the steps of every kind of data', () => {
    const incident = giantIncident();
    build({ kind: 'steps', query: 'all', steps: stepsForIncident(context.dataset.guidance, incident) });
  });

  it('gives problems, suggestions and tips when nothing matches, escaping the query', () => {
    expect(allText(ask('helthek'))).toContain('Did you mean: *HealthEC LLC*?');
    const message = ask(EVIL);
    const text = allText(message);
    expect(text).toContain('No incident matches');
    expect(text).toContain('*Search tips*');
    expect(text).toContain('&lt;!channel&gt;');
  });

  it('gives usage with the problem first, as /breach lines', () => {
    const message = ask('latest 0');
    expect(((message.blocks[0] as SectionBlock).text?.text ?? '').startsWith('`latest` takes')).toBe(true);
    expect(allText(message)).toContain('`/breach steps ssn`');
    expect(allText(ask(`steps ${EVIL}`))).toContain('&lt;!channel&gt;');
  });

  it('gives list and latest lines with Show buttons, capped with a count of the rest', () => {
    const latest = ask('latest');
    expect(allText(latest)).toContain('*HealthEC LLC* · 21 Dec 2023 · NJ · 4,786,241 people');
    expect(buttons(latest.blocks).map((button) => button.value)).toEqual([
      'healthec-2023',
      'arx-patient-solutions-2022',
    ]);
    const incidents = Array.from({ length: 200 }, (_, index) => giantIncident({ id: `giant-${index}` }));
    const list = build({ kind: 'list', query: EVIL, hits: incidents.map((incident) => ({ incident, score: 1 })) });
    expect(allText(list)).toContain('…and 180 more');
    expect(buttons(list.blocks).every((button) => button.action_id === ACTION_SHOW)).toBe(true);
    build({ kind: 'latest', incidents });
    expect(allText(build({ kind: 'latest', incidents: [] }))).toContain('none');
  });

  it('gives stats as totals and text bars in code blocks', () => {
    const message = ask('stats');
    const text = allText(message);
    expect(text).toContain('2 incidents, 4,827,407 people affected (all years)');
    expect(text).toMatch(/```Hacking\/IT incident\s+#+ 2/);
    expect(text).toContain('Top states');
    expect(allText(ask('stats 1999'))).toContain('No incidents disclosed in 1999 in the data.');
  });

  it('keeps stats of a large dataset within limits', () => {
    const incidents = Array.from({ length: 300 }, (_, index) =>
      makeIncident({ organization: `Org ${index}`, disclosed: `${1950 + (index % 75)}-01-01`, state: 'NJ' }),
    );
    build({ kind: 'stats', stats: computeStats(incidents) });
  });
});
