import { beforeAll, describe, expect, it } from 'vitest';
import type { AnswerContext } from '../../../src/answer/answer-query.js';
import { stepsForIncident } from '../../../src/answer/protective-steps.js';
import type { Incident } from '../../../src/incidents/model.js';
import { answerMessage } from '../../../src/views/blocks/answer-message.js';
import { ACTION_QUIZ, ACTION_SHARE, ACTION_STEPS } from '../../../src/views/blocks/ids.js';
import { checkMessageLimits } from '../../../src/views/blocks/limits.js';
import { DEFAULT_DISCUSSION_QUESTION, sharedCardMessage } from '../../../src/views/blocks/shared-card.js';
import { makeIncident } from '../../support/incident-factory.js';
import { REPO_DATA_DIR } from '../../support/paths.js';
import { answerContextFor, firstCardsAnswerContext } from '../../support/repo-dataset.js';
import { EVIL, EVIL_ESCAPED, expectNoLiveMarkup, expectWithinLimits, giantIncident } from './fixtures.js';

let context: AnswerContext;
beforeAll(async () => {
  context = await firstCardsAnswerContext();
});

function share(incident: Incident, options: { sharedBy: string; note?: string }) {
  const message = sharedCardMessage(incident, stepsForIncident(context.dataset.guidance, incident), options);
  expectWithinLimits(message);
  expectNoLiveMarkup(message);
  return { message, text: JSON.stringify(message.blocks) };
}

function healthec(): Incident {
  const incident = context.dataset.incidents.find((candidate) => candidate.id === 'healthec-2023');
  if (!incident) throw new Error('HealthEC is one of the first cards');
  return incident;
}

describe('sharedCardMessage', () => {
  it('says who shared it, then the card, the lessons and the discussion question', () => {
    const { message, text } = share(healthec(), { sharedBy: 'U0TRAINER', note: 'Read before Friday' });
    expect(message.blocks[0]).toEqual({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: 'Shared by <@U0TRAINER>' }],
    });
    expect(text).toContain('>Read before Friday');
    expect(text).toContain('HealthEC LLC');
    expect(text).toContain('4,786,241 people');
    expect(text).toContain('*Lessons for staff*');
    expect(text).toContain('A vendor you have never heard of');
    expect(text).toContain('*To discuss*\\nWhich outside companies receive the data you work with');
    expect(message.text).toBe('Incident card: HealthEC LLC');
  });

  it('has one button, the quiz: a shared card is for reading, not for acting on someone else’s answer', () => {
    const { message, text } = share(healthec(), { sharedBy: 'U0TRAINER' });
    expect(text).not.toContain(ACTION_SHARE);
    expect(text).not.toContain(ACTION_STEPS);
    const buttons = message.blocks.flatMap((block) => (block.type === 'actions' ? block.elements : []));
    expect(buttons).toEqual([expect.objectContaining({ action_id: ACTION_QUIZ, value: 'healthec-2023' })]);
  });

  it('never turns a forged user id or a hostile note into a mention', () => {
    const { text } = share(healthec(), { sharedBy: '<!channel>', note: `${EVIL}\nsecond line` });
    expect(text).toContain('Shared by &lt;!channel&gt;');
    expect(text).toContain(`>${EVIL_ESCAPED}\\n>second line`);
  });

  it('asks the default question when the record has none, and leaves out empty lessons', () => {
    const { text } = share(makeIncident({ organization: 'Plain Clinic' }), { sharedBy: 'W123' });
    expect(text).toContain(DEFAULT_DISCUSSION_QUESTION);
    expect(text).not.toContain('Lessons for staff');
  });

  it('stays within limits for a giant incident and a long note', () => {
    const { text } = share(giantIncident(), { sharedBy: 'U1', note: '&<>'.repeat(500) });
    expect(text).toMatch(/…and \d+ more lessons/);
  });
});

describe('every shipped card', () => {
  it('fits Block Kit as an answer and as a shared card', async () => {
    const { dataset } = await answerContextFor(REPO_DATA_DIR);
    expect(dataset.incidents.length).toBeGreaterThan(2);
    for (const incident of dataset.incidents) {
      const steps = stepsForIncident(dataset.guidance, incident);
      const answer = answerMessage({
        kind: 'incident',
        query: incident.organization,
        match: { incident, score: 1 },
        alternatives: [],
        steps,
      });
      const shared = sharedCardMessage(incident, steps, { sharedBy: 'U1' });
      expect([...checkMessageLimits(answer), ...checkMessageLimits(shared)], incident.id).toEqual([]);
    }
  });
});
