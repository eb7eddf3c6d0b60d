import { describe, expect, it } from 'vitest';
import { stepsForIncident } from '../../../src/answer/protective-steps.js';
import type { Delivery } from '../../../src/digest/records.js';
import type { TrainingReason } from '../../../src/training/pick-training-incident.js';
import type { TrainingCommandOutcome, TrainingStatus } from '../../../src/training/training-command-outcome.js';
import { ACTION_QUIZ_ANSWERS } from '../../../src/views/blocks/ids.js';
import {
  trainingCommandReply,
  trainingPreviewMessage,
  trainingReasonText,
  trainingStatusMessage,
  trainingTurnedOnAnnouncement,
  trainingUsageMessage,
} from '../../../src/views/blocks/training-admin.js';
import { makeIncident } from '../../support/incident-factory.js';
import { shippedGuidance } from '../../support/repo-dataset.js';
import { fakeQuiz } from '../../training/fake-quiz-builder.js';
import { EVIL, EVIL_ESCAPED, expectNoLiveMarkup, expectWithinLimits, giantIncident } from './fixtures.js';

const guidance = await shippedGuidance();
const CHANNEL = 'C0SECURITY1';
const incident = makeIncident({ id: 'northwind', organization: 'Northwind Clinic', disclosed: '2026-12-03' });
const recentReason: TrainingReason = {
  basis: 'recent',
  newsDay: '2026-12-03',
  watchedVendors: ['Welltok'],
  askedDataTypes: ['ssn', 'lab-results'],
};

function delivery(overrides: Partial<Delivery> = {}): Delivery {
  return {
    channelId: CHANNEL,
    periodKey: 'training:2026-W50',
    state: 'sent',
    claimedBy: 'a',
    leaseUntil: 0,
    attempts: 1,
    messageTs: '1.2',
    error: null,
    updatedAt: Date.parse('2026-12-09T10:00:05Z'),
    ...overrides,
  };
}

function status(overrides: Partial<TrainingStatus> = {}): TrainingStatus {
  return {
    channelId: CHANNEL,
    subscription: { channelId: CHANNEL, subscribedBy: 'U0TRAINER1', subscribedAt: Date.parse('2026-11-02T10:00:00Z') },
    cron: '0 10 * * 3',
    timeZone: 'Europe/Berlin',
    nextRun: new Date('2026-12-16T09:00:00Z'),
    lastDelivery: delivery(),
    coming: {
      period: { key: '2026-W51', from: '2026-12-09', to: '2026-12-15' },
      planned: { incident, quiz: fakeQuiz(incident), reason: recentReason, claimed: false },
    },
    ...overrides,
  };
}

function record(quizIncident = incident) {
  return {
    quizId: 'W1234567',
    channelId: CHANNEL,
    postedBy: 'U0TRAINER1',
    createdAt: 0,
    quiz: fakeQuiz(quizIncident),
  };
}

describe('trainingReasonText', () => {
  it('says which watched vendor, which kinds of data asked about, and when it was news', () => {
    expect(trainingReasonText(recentReason)).toBe(
      'Chosen because: a vendor on the watchlist (Welltok); data people here asked about (Social Security numbers, Lab results); in the news on 3 Dec 2026',
    );
    expect(trainingReasonText({ basis: 'notable', watchedVendors: [], askedDataTypes: [] })).toBe(
      'Chosen because: a notable breach with lessons for staff',
    );
    expect(
      trainingReasonText({ basis: 'notable', watchedVendors: ['A', 'B', 'C', 'D', 'E'], askedDataTypes: [] }),
    ).toContain('vendors on the watchlist (A, B, C and 2 more)');
  });
});

describe('trainingStatusMessage', () => {
  it('shows the subscription, the schedule, the last training post and the coming incident with why', () => {
    const message = trainingStatusMessage(status());
    const text = JSON.stringify(message.blocks);
    expect(text).toContain('*on* in <#C0SECURITY1>');
    expect(text).toContain('<@U0TRAINER1>');
    expect(text).toContain('Next run: Wed, 16 Dec 2026, 10:00 Europe/Berlin');
    expect(text).toContain('Last training post here: 2026-W50, posted Wed, 9 Dec 2026, 11:00 Europe/Berlin');
    expect(text).toContain('Coming (2026-W51), as it stands now: *Northwind Clinic*');
    expect(text).toContain('Chosen because: a vendor on the watchlist (Welltok)');
    expectWithinLimits(message);
  });

  it('says it is off, that nothing was posted yet, and when no incident qualifies', () => {
    const message = trainingStatusMessage(
      status({
        subscription: undefined,
        lastDelivery: undefined,
        coming: { period: { key: '2026-W51', from: '2026-12-09', to: '2026-12-15' }, planned: undefined },
      }),
    );
    const text = JSON.stringify(message.blocks);
    expect(text).toContain('*off*');
    expect(message.text).toContain('/breach training on');
    expect(text).toContain('none yet');
    expect(text).toContain('Coming (2026-W51): nothing yet');
  });

  it('escapes what the data and Slack say, and stays within limits', () => {
    const giant = giantIncident();
    const message = trainingStatusMessage(
      status({
        lastDelivery: delivery({ state: 'failed', error: `channel_not_found ${EVIL}` }),
        coming: {
          period: { key: '2026-W51', from: '2026-12-09', to: '2026-12-15' },
          planned: {
            incident: giant,
            quiz: fakeQuiz(giant),
            reason: { ...recentReason, watchedVendors: [EVIL.repeat(20)] },
            claimed: true,
          },
        },
      }),
    );
    expect(JSON.stringify(message.blocks)).toContain(EVIL_ESCAPED);
    expectNoLiveMarkup(message);
    expectWithinLimits(message);
  });
});

describe('trainingPreviewMessage', () => {
  const preview = {
    sendsAt: new Date('2026-12-16T10:00:00Z'),
    timeZone: 'UTC',
    period: { key: '2026-W51', from: '2026-12-09', to: '2026-12-15' },
  };

  it('says it is a preview and when it is due, then shows the post without answer buttons', () => {
    const message = trainingPreviewMessage({
      ...preview,
      post: {
        incident,
        reason: recentReason,
        steps: stepsForIncident(guidance, incident),
        record: record(),
        claimed: false,
      },
    });
    expect(message.blocks[0]).toMatchObject({ type: 'context' });
    const first = JSON.stringify(message.blocks[0]);
    expect(first).toContain(
      'Preview of the training post due Wed, 16 Dec 2026, 10:00 UTC (2026-W51), as it stands now',
    );
    expect(first).toContain('Only you can see this, and nothing was recorded.');
    const text = JSON.stringify(message.blocks);
    expect(text).toContain('Northwind Clinic');
    for (const actionId of ACTION_QUIZ_ANSWERS) expect(text).not.toContain(actionId);
    expect(message.text).toMatch(/^Preview: /);
    expectWithinLimits(message);
  });

  it('says so when no incident qualifies', () => {
    const message = trainingPreviewMessage({ ...preview, post: undefined });
    expect(message.text).toContain('Preview of the training post due Wed, 16 Dec 2026, 10:00 UTC (2026-W51)');
    expect(message.text).toContain('Nothing is posted that week');
  });

  it('stays within limits and escapes a hostile record', () => {
    const giant = giantIncident();
    const message = trainingPreviewMessage({
      ...preview,
      post: {
        incident: giant,
        reason: recentReason,
        steps: stepsForIncident(guidance, giant),
        record: record(giant),
        claimed: true,
      },
    });
    expectNoLiveMarkup(message);
    expectWithinLimits(message);
  });
});

describe('trainingCommandReply', () => {
  it('words every outcome, escaped and within limits', () => {
    const outcomes: TrainingCommandOutcome[] = [
      { kind: 'unavailable' },
      { kind: 'usage', topic: 'training', problem: `I don't know \`training ${EVIL}\`.` },
      { kind: 'refused', admins: ['U0ADMIN001'] },
      { kind: 'turned-on', channelId: CHANNEL, nextRun: new Date('2026-12-16T10:00:00Z'), timeZone: 'UTC' },
      { kind: 'already-on', channelId: CHANNEL },
      { kind: 'cannot-post', channelId: CHANNEL, code: 'not_in_channel' },
      { kind: 'turned-off', channelId: CHANNEL },
      { kind: 'was-off', channelId: CHANNEL },
      { kind: 'status', status: status() },
      {
        kind: 'preview',
        preview: {
          ...{ sendsAt: undefined, timeZone: 'UTC' },
          period: { key: '2026-W50', from: '2026-12-02', to: '2026-12-08' },
          post: undefined,
        },
      },
    ];
    for (const outcome of outcomes) {
      const message = trainingCommandReply(outcome);
      expect(message.text.length, outcome.kind).toBeGreaterThan(0);
      expectNoLiveMarkup(message);
      expectWithinLimits(message);
    }
    expect(trainingCommandReply(outcomes[2] as TrainingCommandOutcome).text).toContain('<@U0ADMIN001>');
    expect(trainingCommandReply(outcomes[3] as TrainingCommandOutcome).text).toBe(
      'Done: the weekly training is on in <#C0SECURITY1>. Next: Wed, 16 Dec 2026, 10:00 UTC.',
    );
    expect(trainingCommandReply(outcomes[5] as TrainingCommandOutcome).text).toContain('/invite @breachbot');
  });

  it('answers a usage problem with the training commands', () => {
    const message = trainingUsageMessage('Say what to do with the weekly training post.');
    for (const action of ['on', 'off', 'status', 'preview'])
      expect(message.text).toContain(`/breach training ${action}`);
  });
});

describe('trainingTurnedOnAnnouncement', () => {
  it('tells the channel who turned it on and when the first post comes', () => {
    expect(trainingTurnedOnAnnouncement('U0TRAINER1', new Date('2026-12-16T10:00:00Z'), 'UTC')).toBe(
      '<@U0TRAINER1> turned on the weekly breach training in this channel: one breach, its lessons, a question to discuss and a short quiz. The first one arrives Wed, 16 Dec 2026, 10:00 UTC.',
    );
  });
});
