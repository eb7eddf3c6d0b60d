import { describe, expect, it } from 'vitest';
import type { DigestCommandOutcome } from '../../../src/digest/digest-command-outcome.js';
import type { Delivery } from '../../../src/digest/records.js';
import {
  digestCommandReply,
  digestStatusMessage,
  digestTurnedOnAnnouncement,
  digestUsageMessage,
  formatInstant,
  personalWatchlistMessage,
  refusedMessage,
  watchlistMessage,
} from '../../../src/views/blocks/digest-admin.js';
import { EVIL, EVIL_ESCAPED, expectNoLiveMarkup, expectWithinLimits } from './fixtures.js';

function mine(name: string) {
  return { userId: 'U0ALICE001', name, addedAt: 0 };
}

function delivery(overrides: Partial<Delivery>): Delivery {
  return {
    channelId: 'C1',
    periodKey: '2026-W49',
    state: 'sent',
    claimedBy: 'a',
    leaseUntil: 0,
    attempts: 1,
    messageTs: '1.2',
    error: null,
    updatedAt: Date.parse('2026-12-07T09:00:05Z'),
    ...overrides,
  };
}

const base = {
  channelId: 'C0SECURITY1',
  cron: '0 9 * * 1',
  timeZone: 'Europe/Berlin',
  nextRun: new Date('2026-12-14T08:00:00Z'),
};

describe('formatInstant', () => {
  it('shows an instant in the digest time zone, naming it', () => {
    expect(formatInstant(new Date('2026-12-14T08:00:00Z'), 'Europe/Berlin')).toBe(
      'Mon, 14 Dec 2026, 09:00 Europe/Berlin',
    );
  });
});

describe('digestStatusMessage', () => {
  it('shows the subscription, the schedule, the next run and the last delivery', () => {
    const message = digestStatusMessage({
      ...base,
      subscription: {
        channelId: 'C0SECURITY1',
        subscribedBy: 'U0ALICE',
        subscribedAt: Date.parse('2026-11-02T10:00:00Z'),
      },
      lastDelivery: delivery({}),
      failing: [],
    });
    const text = JSON.stringify(message.blocks);
    expect(text).toContain('*on* in <#C0SECURITY1>');
    expect(text).toContain('<@U0ALICE>');
    expect(text).toContain('Next run: Mon, 14 Dec 2026, 09:00 Europe/Berlin');
    expect(text).toContain('2026-W49, posted Mon, 7 Dec 2026, 10:00 Europe/Berlin');
    expectWithinLimits(message);
  });

  it('says the digest is off and how to turn it on', () => {
    const message = digestStatusMessage({ ...base, subscription: undefined, lastDelivery: undefined, failing: [] });
    expect(JSON.stringify(message.blocks)).toContain('*off*');
    expect(message.text).toContain('/breach digest on');
  });

  it('lists the channels the last digest could not reach, with why, escaped and within limits', () => {
    const failing = Array.from({ length: 300 }, (_, i) =>
      delivery({ channelId: `C${1000 + i}`, state: 'failed', error: `channel_not_found ${EVIL}` }),
    );
    const message = digestStatusMessage({
      ...base,
      subscription: undefined,
      lastDelivery: delivery({ state: 'retry', error: 'internal_error' }),
      failing,
    });
    const text = JSON.stringify(message.blocks);
    expect(text).toContain('<#C1000>: channel_not_found');
    expect(text).toContain('it will be retried');
    expect(text).toMatch(/…and \d+ more/);
    expectNoLiveMarkup(message);
    expectWithinLimits(message);
  });
});

describe('watchlistMessage', () => {
  it('lists vendors escaped, after a lead line', () => {
    const message = watchlistMessage(
      [
        { name: EVIL, addedBy: 'U1', addedAt: 0 },
        { name: 'HealthEC', addedBy: 'U1', addedAt: 0 },
      ],
      'Added *HealthEC*.',
    );
    expect(message.text).toContain('Added *HealthEC*.');
    expect(message.text).toContain('• HealthEC');
    expectNoLiveMarkup(message);
  });

  it('stays within limits with a very long watchlist, and explains an empty one', () => {
    const vendors = Array.from({ length: 1000 }, (_, i) => ({
      name: `Vendor ${i} ${'x'.repeat(90)}`,
      addedBy: 'U1',
      addedAt: 0,
    }));
    expectWithinLimits(watchlistMessage(vendors, 'lead'));
    expect(watchlistMessage([]).text).toContain('/breach watch add &lt;vendor&gt;');
  });
});

describe('usage and refusal', () => {
  it('escapes what the person typed, and names the admins', () => {
    expectNoLiveMarkup(digestUsageMessage('digest', `I don't know \`digest ${EVIL}\`.`));
    expect(refusedMessage(['U0ADMIN1', 'U0ADMIN2']).text).toContain('<@U0ADMIN1>, <@U0ADMIN2>');
  });
});

describe('digestCommandReply', () => {
  const monday = new Date('2026-12-14T09:00:00Z');
  const outcomes: DigestCommandOutcome[] = [
    { kind: 'unavailable' },
    { kind: 'usage', topic: 'watch', problem: EVIL },
    { kind: 'refused', admins: ['U0ADMIN001'] },
    { kind: 'turned-on', channelId: 'C0SECURITY1', nextRun: monday, timeZone: 'UTC' },
    { kind: 'turned-on', channelId: 'C0SECURITY1', nextRun: undefined, timeZone: 'UTC' },
    { kind: 'already-on', channelId: 'C0SECURITY1' },
    { kind: 'cannot-post', channelId: 'C0SECURITY1', code: 'not_in_channel' },
    { kind: 'cannot-post', channelId: 'C0SECURITY1', code: undefined },
    { kind: 'turned-off', channelId: 'C0SECURITY1' },
    { kind: 'was-off', channelId: 'C0SECURITY1' },
    { kind: 'watchlist', watchlist: [], change: { vendor: EVIL, result: 'added' } },
    { kind: 'watchlist', watchlist: [{ name: EVIL, addedBy: 'U1', addedAt: 0 }] },
    { kind: 'usage', topic: 'watch-me', problem: EVIL },
    { kind: 'usage', topic: 'sources', problem: EVIL },
    { kind: 'personal-watchlist', watches: [], limit: 25 },
    { kind: 'personal-watchlist', watches: [mine(EVIL)], limit: 25, change: { name: EVIL, result: 'added' } },
    { kind: 'personal-watchlist', watches: [], limit: 25, change: { name: EVIL, result: 'list-full' } },
    { kind: 'personal-watchlist', watches: [], limit: 25, change: { result: 'cleared', count: 3 } },
  ];

  it('words every outcome within the limits, with no live markup from what people typed', () => {
    for (const outcome of outcomes) {
      const message = digestCommandReply(outcome);
      expectWithinLimits(message);
      expectNoLiveMarkup(message);
    }
  });

  it('says what happened, with the next run or the way to fix a channel', () => {
    const text = (outcome: DigestCommandOutcome) => digestCommandReply(outcome).text;
    expect(text(outcomes[3] as DigestCommandOutcome)).toBe(
      'Done: the weekly digest is on in <#C0SECURITY1>. Next: Mon, 14 Dec 2026, 09:00 UTC.',
    );
    expect(text(outcomes[4] as DigestCommandOutcome)).toContain('Next: at the next scheduled run.');
    expect(text(outcomes[6] as DigestCommandOutcome)).toContain(
      "The digest is still off: I'm not in that channel yet.",
    );
    expect(text(outcomes[9] as DigestCommandOutcome)).toBe('The weekly digest was not on in <#C0SECURITY1>.');
    expect(text({ kind: 'watchlist', watchlist: [], change: { vendor: 'Okta', result: 'removed' } })).toMatch(
      /^Removed \*Okta\*\./,
    );
  });

  it('announces in the channel who turned the digest on and when the first one comes', () => {
    expect(digestTurnedOnAnnouncement('U0TRAINER1', monday, 'UTC')).toBe(
      '<@U0TRAINER1> turned on the weekly breach digest in this channel. The first one arrives Mon, 14 Dec 2026, 09:00 UTC.',
    );
  });
});

describe('personalWatchlistMessage and its replies', () => {
  const reply = (outcome: DigestCommandOutcome) => digestCommandReply(outcome);

  it('says what changed, shows the whole list, and says it is private and DMs come', () => {
    const message = reply({
      kind: 'personal-watchlist',
      watches: [mine('Blue Cross'), mine(EVIL)],
      limit: 25,
      change: { name: 'Blue Cross', result: 'added' },
    });
    expectWithinLimits(message);
    expectNoLiveMarkup(message);
    expect(message.text).toBe(
      `Added *Blue Cross* to your watch list.\n*Your watch list* (2 of 25)\n• Blue Cross\n• ${EVIL_ESCAPED}`,
    );
    const text = JSON.stringify(message.blocks);
    expect(text).toContain('Only you can see or change this list');
    expect(text).toContain('DM you when a new filing at one of them appears');
    expect(text).not.toContain('U0ALICE001');
  });

  it('words every change', () => {
    const lead = (change: Extract<DigestCommandOutcome, { kind: 'personal-watchlist' }>['change']) =>
      reply({ kind: 'personal-watchlist', watches: [], limit: 25, ...(change && { change }) }).text.split('\n')[0];
    expect(lead({ name: 'Mercy', result: 'already-watched' })).toBe('*Mercy* is already on your watch list.');
    expect(lead({ name: 'Mercy', result: 'removed' })).toBe('Removed *Mercy* from your watch list.');
    expect(lead({ name: 'Mercy', result: 'not-watched' })).toBe('*Mercy* was not on your watch list.');
    expect(lead({ name: 'Mercy', result: 'list-full' })).toBe(
      'Your watch list is full (25 names), so *Mercy* was not added. Remove one first with `/breach watch me remove &lt;organisation&gt;`.',
    );
    expect(lead({ result: 'cleared', count: 1 })).toBe('Cleared your watch list (1 name).');
    expect(lead({ result: 'cleared', count: 0 })).toBe('Your watch list was already empty.');
    expect(lead(undefined)).toContain('Your watch list is empty. Add your insurer');
  });

  it('stays within limits with a list far past any limit', () => {
    const watches = Array.from({ length: 500 }, (_, i) => mine(`${EVIL} ${i} ${'x'.repeat(90)}`));
    const message = personalWatchlistMessage(watches, 25, 'lead');
    expectWithinLimits(message);
    expectNoLiveMarkup(message);
    expect(message.text).toMatch(/…and \d+ more/);
  });

  it('gives the `watch me` and `sources` usage', () => {
    const watchMe = JSON.stringify(digestUsageMessage('watch-me', 'Say what to do.').blocks);
    expect(watchMe).toContain('`/breach watch me add &lt;organisation&gt;`');
    expect(watchMe).toContain('`/breach watch me clear`');
    expect(watchMe).toContain('Only you can see or change your list.');
    expect(JSON.stringify(digestUsageMessage('watch', 'x').blocks)).toContain('/breach watch me add');
    expect(digestUsageMessage('sources', 'x').text).toContain('`/breach sources`');
  });
});
