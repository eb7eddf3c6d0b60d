import { describe, expect, it } from 'vitest';
import { appHomeView, HOME_LATEST_MAX } from '../../../src/views/blocks/app-home.js';
import { ACTION_SHOW } from '../../../src/views/blocks/ids.js';
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
});
