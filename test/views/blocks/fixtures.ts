import { expect } from 'vitest';
import { DATA_TYPES } from '../../../src/incidents/data-types.js';
import type { Incident } from '../../../src/incidents/model.js';
import { checkMessageLimits, type SlackSurface } from '../../../src/views/blocks/limits.js';
import { makeIncident } from '../../support/incident-factory.js';

/** What a hostile query or dataset field could carry: a broadcast, a user ping, a forged link, HTML. */
export const EVIL = '<!channel> <@U123> <https://evil|click> & <b>';
export const EVIL_ESCAPED = '&lt;!channel&gt; &lt;@U123&gt; &lt;https://evil|click&gt; &amp; &lt;b&gt;';

/** Every text Slack parses for mentions and links: mrkdwn objects and the message's fallback `text`. */
export function parsedTexts(surface: SlackSurface): string[] {
  const texts: string[] = surface.text === undefined ? [] : [surface.text];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'object' && value !== null) {
      const record = value as Record<string, unknown>;
      if (record.type === 'mrkdwn' && typeof record.text === 'string') texts.push(record.text);
      Object.values(record).forEach(visit);
    }
  };
  visit(surface.blocks);
  return texts;
}

/**
 * Fails if hostile text would ping or link anywhere Slack parses markup. plain_text (headers,
 * buttons, options) is shown as typed and never parsed, so it may hold the raw characters.
 */
export function expectNoLiveMarkup(surface: SlackSurface): void {
  const parsed = parsedTexts(surface).join('\n');
  for (const live of ['<!channel>', '<@U123>', '<https://evil', '<b>']) expect(parsed).not.toContain(live);
}

export function expectWithinLimits(surface: SlackSurface): void {
  expect(checkMessageLimits(surface)).toEqual([]);
}

/** Everything at once, far beyond any real record: the builders must still stay within Block Kit's limits. */
export function giantIncident(overrides: { id?: string } = {}): Incident {
  return makeIncident({
    id: overrides.id ?? 'giant-incident',
    organization: `${EVIL} ${'Giant Health Organisation '.repeat(20)}`.slice(0, 500),
    summary: `${EVIL} ${'A very long summary & more. '.repeat(800)}`.slice(0, 20_000),
    entityType: 'business-associate',
    sector: `${EVIL} sector`,
    state: 'NJ',
    individualsAffected: 123_456_789,
    occurred: { start: '2023-01-02', end: '2023-03-04' },
    discovered: '2023-03-05',
    disclosed: '2024-06-07',
    breachTypes: ['hacking', 'ransomware', 'theft', 'email-compromise'],
    locations: ['email', 'network-server', 'ehr', 'paper', 'laptop', 'cloud'],
    dataTypes: [...DATA_TYPES],
    relatedOrganizations: Array.from({ length: 200 }, (_, index) => `${EVIL} Partner ${index}`),
    offered: Array.from({ length: 50 }, (_, index) => `${EVIL} Offer ${index} `.repeat(5)),
    lessons: Array.from({ length: 100 }, (_, index) => `${EVIL} Lesson ${index}. `.repeat(10)),
    discussionQuestion: `${EVIL} ${'What would we do? '.repeat(300)}`,
    sources: Array.from({ length: 100 }, (_, index) => ({
      title: `${EVIL} Source ${index} with a long title`,
      url: `https://example.com/${'path/'.repeat(20)}${index}?a=1&b=<2>`,
    })),
  });
}
