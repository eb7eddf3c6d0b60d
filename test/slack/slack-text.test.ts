import { describe, expect, it } from 'vitest';
import { decodeSlackText, stripBotMention } from '../../src/slack/slack-text.js';

describe('stripBotMention', () => {
  it("removes the bot's own mention wherever it is, and keeps other mentions", () => {
    expect(stripBotMention('<@U0BOT> was HealthEC hacked?', 'U0BOT')).toBe('was HealthEC hacked?');
    expect(stripBotMention('hey <@U0BOT|breachbot> helthec <@U999>', 'U0BOT')).toBe('hey helthec <@U999>');
  });

  it('removes a leading mention when the bot id is unknown', () => {
    expect(stripBotMention('<@U0BOT> steps ssn', undefined)).toBe('steps ssn');
  });
});

describe('decodeSlackText', () => {
  it('turns the three entities Slack sends back into what was typed, once', () => {
    expect(decodeSlackText('at&amp;t')).toBe('at&t');
    expect(decodeSlackText('&lt;script&gt; &amp;lt;')).toBe('<script> &lt;');
    expect(decodeSlackText('plain words')).toBe('plain words');
  });
});
