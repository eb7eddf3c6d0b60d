import type { SectionBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { parseListQuestion, rankList } from '../../../src/answer/list-question.js';
import type { Answer } from '../../../src/answer/types.js';
import { answerMessage } from '../../../src/views/blocks/answer-message.js';
import { ACTION_SHOW } from '../../../src/views/blocks/ids.js';
import { answerToJson } from '../../../src/views/json/answer-json.js';
import { renderAnswerText } from '../../../src/views/text/render-answer.js';
import { makeIncident } from '../../support/incident-factory.js';
import { EVIL, expectNoLiveMarkup, expectWithinLimits } from './fixtures.js';

const incidents = Array.from({ length: 30 }, (_, index) =>
  makeIncident({
    id: `hospital-${index}`,
    organization: index === 0 ? `${EVIL} Hospital` : `Hospital ${index}`,
    state: 'CA',
    disclosed: `2025-01-${String(index + 1)
      .padStart(2, '0')
      .replace(/^3/, '2')}`,
    individualsAffected: 1_000 + index,
  }),
);

function answer(text: string): Answer & { kind: 'ranked-list' } {
  const question = parseListQuestion(text, '2026-08-25');
  if (!question) throw new Error(`not a list question: ${text}`);
  return { kind: 'ranked-list', query: text, list: rankList(question, incidents) };
}

describe('a list answer', () => {
  it('in Slack: what was understood and the count first, then each incident with a Show button', () => {
    const message = answerMessage(answer('biggest hospital breaches in California'));
    expectWithinLimits(message);
    expectNoLiveMarkup(message);
    const [first, note] = message.blocks;
    expect((first as SectionBlock).text?.text).toBe(
      '*Largest breaches at hospitals in California: 30 incidents, 30,435 people affected.*',
    );
    expect(JSON.stringify(note)).toContain('Hospitals matched by name; ranked by people affected as last reported.');
    const shows = message.blocks.filter(
      (block): block is SectionBlock => block.type === 'section' && block.accessory?.type === 'button',
    );
    expect(shows).toHaveLength(10);
    expect(
      shows.every((block) => block.accessory?.type === 'button' && block.accessory.action_id === ACTION_SHOW),
    ).toBe(true);
    expect(JSON.stringify(message.blocks.at(-1))).toContain('…and 20 more.');
    expect(message.text).toContain('Largest breaches at hospitals in California: 30 incidents');
  });

  it('says when nothing matched, and how to widen the question', () => {
    const message = answerMessage(answer('hospital breaches in Ohio'));
    expectWithinLimits(message);
    expect(JSON.stringify(message.blocks)).toContain('Breaches at hospitals in Ohio: none in the data.');
    expect(JSON.stringify(message.blocks)).toContain('Try a wider question');
  });

  it('in the terminal and as JSON: the same headline and ranking', () => {
    const top = answer('top 3 hospital breaches');
    const text = renderAnswerText(top).split('\n');
    expect(text[0]).toBe('Largest breaches at hospitals: 30 incidents, 30,435 people affected.');
    expect(text.slice(2, 5).map((line) => /\[(.*)\]$/.exec(line)?.[1])).toEqual([
      'hospital-29',
      'hospital-28',
      'hospital-27',
    ]);
    expect(text[5]).toContain('…and 27 more.');
    const json = answerToJson(top.query, top);
    expect(json).toMatchObject({ kind: 'ranked-list', total: 30, understood: { order: 'largest', shown: 3 } });
    expect('matches' in json && json.matches.map((match) => match.id)).toEqual([
      'hospital-29',
      'hospital-28',
      'hospital-27',
    ]);
  });
});
