import { describe, expect, it } from 'vitest';
import { type MentionNames, mrkdwnToHtml } from '../../../src/playground/render/mrkdwn-html.js';
import { escapeMrkdwn } from '../../../src/views/blocks/mrkdwn.js';

const names: MentionNames = {
  user: (id) => ({ U0ALEX0001: 'alex', U0BOT00001: 'breachbot' })[id],
  channel: (id) => ({ C0GENERAL1: 'general' })[id],
};
const html = (mrkdwn: string) => mrkdwnToHtml(mrkdwn, names);

/** Every tag the output may contain, with its attributes: anything else means markup got through. */
function tagsOf(output: string): string[] {
  return [...output.matchAll(/<\/?([a-z]+)[^>]*>/g)].map((match) => match[1] ?? '');
}

describe('mrkdwnToHtml', () => {
  it('formats bold, italic, strike, code and code blocks', () => {
    expect(html('*What happened*')).toBe('<b>What happened</b>');
    expect(html('_assumed_ and ~gone~')).toBe('<i>assumed</i> and <s>gone</s>');
    expect(html('*bold _and italic_*')).toBe('<b>bold <i>and italic</i></b>');
    expect(html('run `/breach steps ssn` now')).toBe('run <code>/breach steps ssn</code> now');
    expect(html('*Chart*\n```hacking  ###  3\ntheft    #    1```')).toBe(
      '<b>Chart</b><br><pre class="mrkdwn-pre">hacking  ###  3\ntheft    #    1</pre>',
    );
  });

  it('reads marks as Slack does: not inside words, not around spaces, not inside code', () => {
    expect(html('snake_case_name and 2*3*4')).toBe('snake_case_name and 2*3*4');
    expect(html('* not bold *')).toBe('* not bold *');
    expect(html('`*not bold*`')).toBe('<code>*not bold*</code>');
  });

  it('keeps line breaks and quotes lines that start with >', () => {
    expect(html('one\ntwo')).toBe('one<br>two');
    expect(html('>For Monday\n>bring questions\nafter')).toBe(
      '<blockquote>For Monday<br>bring questions</blockquote>after',
    );
  });

  it('decodes exactly &amp; &lt; &gt;, and escapes the result for HTML', () => {
    expect(html('AT&amp;T &lt;3 &gt; &quot;x&quot;')).toBe('AT&amp;T &lt;3 &gt; &amp;quot;x&amp;quot;');
    // Escaped by the app once, shown once: no double decoding.
    expect(html('&amp;lt;b&amp;gt;')).toBe('&amp;lt;b&amp;gt;');
  });

  it('links http(s) and mailto only; any other scheme is shown as text', () => {
    expect(html('<https://www.ftc.gov/x?a=1&amp;b=2|FTC: credit freezes>')).toBe(
      '<a href="https://www.ftc.gov/x?a=1&amp;b=2" target="_blank" rel="noopener noreferrer">FTC: credit freezes</a>',
    );
    expect(html('<mailto:security@example.com>')).toBe(
      '<a href="mailto:security@example.com" target="_blank" rel="noopener noreferrer">security@example.com</a>',
    );
    expect(html('<javascript:alert(1)|click me>')).toBe('click me');
    expect(html('<data:text/html,<b>x</b>|x>')).not.toContain('<a');
    expect(html('<not a url>')).toBe('not a url');
  });

  it('shows mentions by name, and broadcasts as @here / @channel', () => {
    expect(html('Shared by <@U0ALEX0001>')).toBe('Shared by <span class="mention mention--user">@alex</span>');
    expect(html('<@U0UNKNOWN1|sam>')).toBe('<span class="mention mention--user">@sam</span>');
    expect(html('in <#C0GENERAL1>')).toBe('in <span class="mention mention--channel">#general</span>');
    expect(html('<!channel> <!here>')).toBe(
      '<span class="mention mention--broadcast">@channel</span> <span class="mention mention--broadcast">@here</span>',
    );
    expect(html('<!date^1700000000^{date}|14 Nov 2023>')).toBe('14 Nov 2023');
  });

  it('draws the emoji the app uses, and leaves unknown shortcodes as typed', () => {
    expect(html('*:warning: At watched vendors*')).toBe('<b>⚠️ At watched vendors</b>');
    expect(html(':not-an-emoji:')).toBe(':not-an-emoji:');
  });

  describe('never lets text become markup', () => {
    const attacks = [
      '<img src=x onerror=alert(1)>',
      '<script>alert(1)</script>',
      '"><script>alert(1)</script>',
      '<https://example.com/" onmouseover="alert(1)|x>',
      '<https://example.com|"><img src=x onerror=alert(1)>>',
      '*<img src=x onerror=alert(1)>*',
      '`</code><script>alert(1)</script>`',
      '```</pre><script>alert(1)</script>```',
      '\uE0000\uE001 <@U0ALEX0001>',
    ];

    it.each(attacks)('%s as the app would send it', (attack) => {
      const output = html(escapeMrkdwn(attack));
      expect(tagsOf(output).every((tag) => ['b', 'i', 's', 'code', 'pre', 'br', 'blockquote'].includes(tag))).toBe(
        true,
      );
      expect(output).not.toMatch(/<(img|script)|on\w+="/i);
    });

    it.each(attacks)('%s as raw mrkdwn', (attack) => {
      const output = html(attack);
      expect(output).not.toMatch(/<(img|script)\b/i);
      // The only attributes are the ones the renderer writes, each value quoted and escaped.
      for (const match of output.matchAll(/<([a-z]+)((?:\s[a-z-]+="[^"]*")*)\s*>/g)) {
        expect(match[2]).not.toMatch(/\son\w+=/i);
      }
      expect(output).not.toContain('\uE000');
    });
  });
});
