import { beforeAll, describe, expect, it } from 'vitest';
import { stepsForIncident } from '../../../src/answer/protective-steps.js';
import type { AlertMatch } from '../../../src/digest/alert-candidates.js';
import type { Guidance } from '../../../src/guidance/model.js';
import { alertMessage } from '../../../src/views/blocks/alert-message.js';
import { MAX_MESSAGE_BLOCKS } from '../../../src/views/blocks/limits.js';
import { makeIncident } from '../../support/incident-factory.js';
import { shippedGuidance } from '../../support/repo-dataset.js';

let guidance: Guidance;
beforeAll(async () => {
  guidance = await shippedGuidance();
});

const incident = makeIncident({
  organization: 'Acme <!here> & Co',
  origin: 'hibp',
  firstSeen: '2026-12-06',
  disclosed: '2026-12-04',
  individualsAffected: 2_000,
  dataTypes: ['email', 'login-credentials'],
});
const vendor = {
  vendor: 'Acme',
  name: incident.organization,
  field: 'organization' as const,
  extent: 'part-of-name' as const,
  typos: 0,
};

function match(overrides: Partial<AlertMatch> = {}): AlertMatch {
  return { incident, key: 'alert:new:acme', vendors: [vendor], ...overrides };
}

describe('alertMessage', () => {
  it('says what arrived, in which list, and which watched name it matched, then the card', () => {
    const message = alertMessage(match(), stepsForIncident(guidance, incident), 'channel');
    expect(message.text).toContain('New in the Have I Been Pwned');
    expect(message.text).toContain('“Acme”');
    expect(message.text).toContain("this channel's vendor watchlist");
    expect(message.blocks.length).toBeGreaterThan(2);
    expect(message.blocks.length).toBeLessThanOrEqual(MAX_MESSAGE_BLOCKS);
  });

  it("tells a person it is their own watch, and gives a revised count's two figures", () => {
    const update = { from: 2_000, to: 250_000 };
    const message = alertMessage(match({ update }), stepsForIncident(guidance, incident), 'person');
    expect(message.text).toContain('your private watch list');
    expect(message.text).toContain('from 2,000 to 250,000');
  });

  it('escapes the names it quotes: an organisation called <!here> pings nobody', () => {
    const message = alertMessage(match(), stepsForIncident(guidance, incident), 'channel');
    expect(message.text).not.toContain('<!here>');
    expect(message.text).toContain('&lt;!here&gt; &amp; Co');
    const lead = message.blocks[0];
    expect(lead?.type === 'section' && lead.text?.text).toContain('&lt;!here&gt;');
  });
});
