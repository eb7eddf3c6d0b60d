import type { Button, KnownBlock, SectionBlock } from '@slack/types';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Digest } from '../../../src/digest/compose-digest.js';
import type { Guidance } from '../../../src/guidance/model.js';
import { ORIGIN_LABELS } from '../../../src/incidents/labels.js';
import type { SlackMessage } from '../../../src/views/blocks/answer-message.js';
import { digestMessage } from '../../../src/views/blocks/digest-message.js';
import { ACTION_SHOW } from '../../../src/views/blocks/ids.js';
import { MAX_MESSAGE_BLOCKS } from '../../../src/views/blocks/limits.js';
import { MAX_WATCHLIST_SHOWN } from '../../../src/views/text/render-digest.js';
import { shippedGuidance } from '../../support/repo-dataset.js';
import { DIGEST_WEEK, WEEKS_BEFORE, weekIncident, weeklyDigest } from '../../support/weekly-digest.js';
import { EVIL, EVIL_ESCAPED, expectNoLiveMarkup, expectWithinLimits, giantIncident } from './fixtures.js';

let guidance: Guidance;
beforeAll(async () => {
  guidance = await shippedGuidance();
});

/** Builds the message and checks what every message must be: within limits, nothing live from data. */
function build(digest: Digest): SlackMessage {
  const message = digestMessage(digest);
  expectWithinLimits(message);
  expectNoLiveMarkup(message);
  return message;
}

function sectionText(block: KnownBlock): string {
  return block.type === 'section' ? ((block as SectionBlock).text?.text ?? '') : '';
}

function allText(message: SlackMessage): string {
  return JSON.stringify(message.blocks);
}

/** The index of the first block whose text contains `text`. */
function indexOf(message: SlackMessage, text: string): number {
  return message.blocks.findIndex((block) => JSON.stringify(block).includes(text));
}

function showButtons(message: SlackMessage): Button[] {
  return message.blocks.flatMap((block) =>
    block.type === 'section' && block.accessory?.type === 'button' ? [block.accessory] : [],
  );
}

describe('digestMessage', () => {
  it('starts with the period, then the watched vendors, then the largest, the trend and the tip', () => {
    const watched = weekIncident('watched', {
      organization: 'Small Clinic',
      relatedOrganizations: ['HealthEC LLC'],
      individualsAffected: 12,
    });
    const big = weekIncident('big', { organization: 'Huge Health System', individualsAffected: 9_000_000 });
    const message = build(weeklyDigest(guidance, { incidents: [big, watched], watchlist: ['HealthEC'] }));

    expect(message.blocks[0]).toMatchObject({ type: 'header', text: { type: 'plain_text' } });
    const headerText = JSON.stringify(message.blocks[0]);
    expect(headerText).toContain('30 Nov 2026');
    expect(headerText).toContain('6 Dec 2026');

    const watchedAt = indexOf(message, 'Small Clinic');
    const largestAt = indexOf(message, 'Largest new disclosures');
    const trendAt = indexOf(message, '```');
    const tipAt = indexOf(message, 'Tip: ');
    expect(watchedAt).toBeGreaterThan(0);
    expect(watchedAt).toBeLessThan(largestAt);
    expect(largestAt).toBeLessThan(indexOf(message, 'Huge Health System'));
    expect(indexOf(message, 'Huge Health System')).toBeLessThan(trendAt);
    expect(trendAt).toBeLessThan(tipAt);

    const flag = sectionText(message.blocks[watchedAt] as KnownBlock);
    expect(flag).toContain(':warning:');
    expect(flag).toContain('HealthEC matched "HealthEC LLC" (a related organisation)');
  });

  it('gives every incident line a Show button carrying the incident id', () => {
    const incidents = ['a', 'b', 'c'].map((id, index) => weekIncident(id, { individualsAffected: 100 * (index + 1) }));
    const message = build(weeklyDigest(guidance, { incidents }));
    const buttons = showButtons(message);
    expect(buttons.map((button) => button.action_id)).toEqual(incidents.map(() => ACTION_SHOW));
    expect(buttons.map((button) => button.value)).toEqual(['c', 'b', 'a']);
  });

  it('shows the totals, the trend in words and a chart of the periods', () => {
    const incidents = [
      weekIncident('now-1', { individualsAffected: 1_500 }),
      weekIncident('now-2', { individualsAffected: 2_500 }),
      weekIncident('before', { disclosed: '2026-11-24', individualsAffected: 10 }),
    ];
    const message = build(weeklyDigest(guidance, { incidents }));
    const trend = sectionText(message.blocks[indexOf(message, '```')] as KnownBlock);
    expect(trend).toContain('2 new incidents, 4,000 people affected');
    expect(trend).toMatch(/^Up: /m);
    for (const period of [DIGEST_WEEK, ...WEEKS_BEFORE]) expect(trend).toContain(period.key);
    expect(trend.indexOf('2026-W47')).toBeLessThan(trend.indexOf('2026-W48'));
    expect(trend.indexOf('2026-W48')).toBeLessThan(trend.indexOf('2026-W49'));
  });

  it('links the tip to its source, and names the data sources', () => {
    const digest = weeklyDigest(guidance, { incidents: [weekIncident('ssn', { dataTypes: ['ssn'] })] });
    const message = build(digest);
    const text = allText(message);
    expect(text).toContain(`<${digest.tip.source.url}|`);
    expect(text).toContain(digest.tip.checklist);
    expect(text).toContain('US government advice');
    const last = JSON.stringify(message.blocks.at(-1));
    expect(message.blocks.at(-1)?.type).toBe('context');
    expect(last).toContain(ORIGIN_LABELS['hhs-ocr']);
  });

  it('warns when imported data stops before the period', () => {
    const message = build(
      weeklyDigest(guidance, { incidents: [weekIncident('old', { disclosed: '2024-01-02', updated: '2024-05-01' })] }),
    );
    expect(JSON.stringify(message.blocks.at(-1))).toContain('breachbot import hhs');
  });

  it('says when no new incident is at a watched vendor, and how to watch one', () => {
    const incidents = [weekIncident('a')];
    expect(allText(build(weeklyDigest(guidance, { incidents, watchlist: ['Acme', 'Globex'] })))).toContain(
      'None of the 2 watched vendors',
    );
    expect(allText(build(weeklyDigest(guidance, { incidents })))).toContain('/breach watch add');
  });

  it('keeps a quiet week short: nothing new, the trend and the tip', () => {
    const lastWeek = ['a', 'b', 'c'].map((id) => weekIncident(id, { disclosed: '2026-11-24' }));
    // Against the two weeks before, last week's three make this week's none a fall.
    const digest = weeklyDigest(guidance, {
      incidents: lastWeek,
      watchlist: ['Acme'],
      previous: WEEKS_BEFORE.slice(0, 2),
    });
    const message = build(digest);
    const text = allText(message);
    expect(text).toContain('Nothing new was disclosed this week.');
    expect(text).toMatch(/Down: 0 new incidents/);
    expect(text).toContain(digest.tip.source.url);
    expect(text).not.toContain('Largest new disclosures');
    expect(showButtons(message)).toEqual([]);
    expect(message.blocks.length).toBeLessThanOrEqual(8);
    expect(message.text).toContain('Nothing new');
  });

  it('escapes hostile names and vendors everywhere Slack parses markup', () => {
    const hostile = weekIncident('hostile', { organization: `${EVIL} Clinic`, individualsAffected: 5 });
    const message = build(weeklyDigest(guidance, { incidents: [hostile], watchlist: [`${EVIL} Clinic`] }));
    expect(allText(message)).toContain(EVIL_ESCAPED);
  });

  it('stays within Block Kit limits with 500 new incidents, long names and 100 watched vendors', () => {
    const longName = (index: number) => `${EVIL} Vendor${index} ${'Regional Medical Partners '.repeat(20)}`;
    const incidents = [
      ...Array.from({ length: 497 }, (_, index) =>
        weekIncident(`incident-${index}`, {
          organization: longName(index),
          aliases: [`Vendor${index} Holdings`],
          relatedOrganizations: [`${EVIL} Vendor${(index + 1) % 100}`],
          individualsAffected: index * 1_000,
          dataTypes: ['ssn', 'name'],
        }),
      ),
      ...['x', 'y', 'z'].map((id) => giantIncident({ id: `giant-${id}` })),
    ].map((record) => ({ ...record, disclosed: '2026-12-02' }));
    const watchlist = Array.from({ length: 100 }, (_, index) => `${EVIL} Vendor${index}`);
    const digest = weeklyDigest(guidance, { incidents, watchlist });
    expect(digest.incidents).toHaveLength(500);
    expect(digest.watchlistMatches.length).toBeGreaterThan(MAX_WATCHLIST_SHOWN);

    const message = build(digest);
    expect(message.blocks.length).toBeLessThanOrEqual(MAX_MESSAGE_BLOCKS);
    const text = allText(message);
    expect(text).toContain(`and ${digest.watchlistMatches.length - MAX_WATCHLIST_SHOWN} more at watched vendors`);
    expect(text).toContain('`/breach latest`');
    expect(showButtons(message).length).toBe(MAX_WATCHLIST_SHOWN + digest.largest.length);
    const shown = new Set(showButtons(message).map((button) => button.value));
    expect(text).toContain(`and ${(500 - shown.size).toLocaleString('en-US')} more new this week`);
  });

  it('has a short, escaped notification text', () => {
    const message = build(
      weeklyDigest(guidance, {
        incidents: [weekIncident('a', { organization: 'HealthEC LLC' })],
        watchlist: ['HealthEC'],
      }),
    );
    expect(message.text).toContain('1 new incident');
    expect(message.text).toContain('1 at watched vendors');
  });
});
