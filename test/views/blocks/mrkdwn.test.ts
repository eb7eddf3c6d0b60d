import { describe, expect, it } from 'vitest';
import {
  bold,
  channelMention,
  escapeMrkdwn,
  escapeWithin,
  link,
  truncateMrkdwn,
  userMention,
} from '../../../src/views/blocks/mrkdwn.js';
import { EVIL, EVIL_ESCAPED } from './fixtures.js';

describe('escapeMrkdwn', () => {
  it('escapes &, < and > so nothing can mention or link', () => {
    expect(escapeMrkdwn(EVIL)).toBe(EVIL_ESCAPED);
  });

  it('escapes & first, so an existing entity is shown as typed', () => {
    expect(escapeMrkdwn('&lt;')).toBe('&amp;lt;');
  });
});

describe('link', () => {
  it('builds <url|label> with the label escaped', () => {
    expect(link('https://www.hhs.gov/a?b=1&c=2', 'HHS <b> & co')).toBe(
      '<https://www.hhs.gov/a?b=1&amp;c=2|HHS &lt;b&gt; &amp; co>',
    );
  });

  it('percent-encodes what would end the URL part', () => {
    expect(link('https://x.example/a|b>c', 'x')).toBe('<https://x.example/a%7Cb%3Ec|x>');
  });

  it('shows only the escaped label for a URL that is not http(s)', () => {
    expect(link('javascript:alert(1)', 'click <me>')).toBe('click &lt;me&gt;');
    expect(link('not a url', 'label')).toBe('label');
  });
});

describe('mentions', () => {
  it('mentions only real user and channel ids', () => {
    expect(userMention('U012ABC')).toBe('<@U012ABC>');
    expect(userMention('W012ABC')).toBe('<@W012ABC>');
    expect(userMention('<!channel>')).toBe('&lt;!channel&gt;');
    expect(userMention('u012abc')).toBe('u012abc');
    expect(channelMention('C012ABC')).toBe('<#C012ABC>');
    expect(channelMention('here> <!here')).toBe('here&gt; &lt;!here');
  });
});

describe('truncation of mrkdwn', () => {
  it('never leaves half an entity', () => {
    const text = escapeWithin(`${'a'.repeat(8)}&&&&`, 12);
    expect(text.length).toBeLessThanOrEqual(12);
    expect(text).toMatch(/^a{8}(&amp;)?…$/);
  });

  it('never leaves half a link', () => {
    const text = `see ${link('https://example.com/a/very/long/path', 'the source')}`;
    expect(truncateMrkdwn(text, 20)).toBe('see…');
  });

  it('bolds trimmed, escaped text', () => {
    expect(bold(' <b> ')).toBe('*&lt;b&gt;*');
    expect(bold('  ')).toBe('');
  });
});
