import { describe, expect, it } from 'vitest';
import { appHomeView, HOME_LATEST_MAX } from '../../../src/views/blocks/app-home.js';
import { ACTION_SHOW } from '../../../src/views/blocks/ids.js';
import { DAY, NOW, overview } from '../../services/source-overviews.js';
import { makeIncident } from '../../support/incident-factory.js';
import { EVIL, EVIL_ESCAPED, expectNoLiveMarkup, expectWithinLimits, giantIncident } from './fixtures.js';

describe('appHomeView', () => {
  it('shows how to ask, the latest incidents with Show buttons, the digest channels and the watchlist', () => {
    const incident = makeIncident({
      organization: 'HealthEC LLC',
      id: 'healthec-2023',
      disclosed: '2023-12-21',
      state: 'NJ',
    });
    const view = appHomeView({
      latest: [incident],
      digestChannels: ['C0SECURITY'],
      watchlist: ['HealthEC', EVIL],
      dataAsOf: [
        { origin: 'curated', asOf: '2026-11-24' },
        { origin: 'hhs-ocr', asOf: '2026-07-01' },
      ],
    });
    expectWithinLimits(view);
    expectNoLiveMarkup(view);
    expect(view.type).toBe('home');
    const text = JSON.stringify(view.blocks);
    expect(text).toContain('`/breach healthec`');
    expect(text).toContain('*HealthEC LLC* · 21 Dec 2023 · NJ');
    expect(text).toContain(`"action_id":"${ACTION_SHOW}","value":"healthec-2023"`);
    expect(text).toContain('• <#C0SECURITY>');
    expect(text).toContain('• HealthEC');
    expect(text).toContain(`• ${EVIL_ESCAPED}`);
    expect(text).toContain('Data as of: breachbot curated card 24 Nov 2026 · HHS OCR breach portal 1 Jul 2026.');
  });

  it('says "none yet" for an empty digest list and watchlist', () => {
    const view = appHomeView({ latest: [], digestChannels: [], watchlist: [], dataAsOf: [] });
    expectWithinLimits(view);
    const text = JSON.stringify(view.blocks);
    expect(text).toContain('None yet. Run `/breach digest on`');
    expect(text).toContain('None yet. Add one with `/breach watch add &lt;vendor&gt;`');
    expect(text).toContain('No disclosures in the data yet.');
  });

  it('stays within limits with many incidents, channels and vendors', () => {
    const latest = Array.from({ length: 200 }, (_, index) => giantIncident({ id: `giant-${index}` }));
    const view = appHomeView({
      latest,
      digestChannels: Array.from({ length: 500 }, (_, index) => `C${index}ABCDEFGH`),
      watchlist: Array.from({ length: 500 }, (_, index) => `${EVIL} vendor ${index}`),
      dataAsOf: [],
    });
    expectWithinLimits(view);
    expectNoLiveMarkup(view);
    const text = JSON.stringify(view.blocks);
    expect(text.match(/"action_id":"show_incident"/g)).toHaveLength(HOME_LATEST_MAX);
    expect(text).toMatch(/…and \d+ more channels/);
    expect(text).toMatch(/…and \d+ more vendors/);
  });

  it('shows the viewer’s own watch list, privately, or how to start one; nothing without a store', () => {
    const base = { latest: [], digestChannels: [], watchlist: [], dataAsOf: [] };
    const own = appHomeView({ ...base, personalWatches: ['Blue Cross', EVIL] });
    expectWithinLimits(own);
    expectNoLiveMarkup(own);
    const text = JSON.stringify(own.blocks);
    expect(text).toContain('"text":"Your watch list"');
    expect(text).toContain('• Blue Cross');
    expect(text).toContain(`• ${EVIL_ESCAPED}`);
    expect(text).toContain('Only you can see this list.');
    expect(JSON.stringify(appHomeView({ ...base, personalWatches: [] }).blocks)).toContain(
      '`/breach watch me add &lt;organisation&gt;`',
    );
    expect(JSON.stringify(appHomeView(base).blocks)).not.toContain('Your watch list');
  });

  it('warns near the top about sources that stopped syncing, and about nothing when none did', () => {
    const base = { latest: [], digestChannels: [], watchlist: [], dataAsOf: [] };
    const view = appHomeView({
      ...base,
      stale: {
        sources: [overview({ source: 'hibp', syncedAt: NOW - 4 * DAY }), overview({ source: 'wa-ag' })],
        now: NOW,
      },
    });
    expectWithinLimits(view);
    const warning = JSON.stringify(view.blocks[1]);
    expect(warning).toContain(':warning: *Official lists that have not synced for over 3 days*');
    expect(warning).toContain('• *Have I Been Pwned*: last synced Sat, 5 Dec 2026, 10:00 UTC (4 days ago)');
    expect(warning).toContain('• *Washington State Attorney General*: never synced successfully');
    expect(JSON.stringify(appHomeView({ ...base, stale: { sources: [], now: NOW } }).blocks)).not.toContain(
      ':warning:',
    );
  });

  it('stays within limits with everything at once', () => {
    const view = appHomeView({
      latest: Array.from({ length: 200 }, (_, index) => giantIncident({ id: `giant-${index}` })),
      digestChannels: Array.from({ length: 500 }, (_, index) => `C${index}ABCDEFGH`),
      watchlist: Array.from({ length: 500 }, (_, index) => `${EVIL} vendor ${index}`),
      dataAsOf: [],
      personalWatches: Array.from({ length: 500 }, (_, index) => `${EVIL} ${'name '.repeat(20)} ${index}`),
      stale: { sources: Array.from({ length: 300 }, () => overview({ source: 'hibp' })), now: NOW },
    });
    expectWithinLimits(view);
    expectNoLiveMarkup(view);
  });
});
