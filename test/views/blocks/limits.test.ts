import { describe, expect, it } from 'vitest';
import { checkMessageLimits, checkOptions, linesWithin, truncate } from '../../../src/views/blocks/limits.js';

const ok = { type: 'section', text: { type: 'mrkdwn', text: 'fine' } };
const message = (...blocks: unknown[]) => ({ text: 'fallback', blocks });
const button = (fields: Record<string, unknown>) => ({
  type: 'button',
  text: { type: 'plain_text', text: 'Go' },
  action_id: 'go',
  ...fields,
});

describe('truncate', () => {
  it('keeps short text and ends long text with …', () => {
    expect(truncate('short', 10)).toBe('short');
    expect(truncate('a long sentence here', 10)).toBe('a long se…');
    expect(truncate('a long sentence here', 10)).toHaveLength(10);
  });

  it('never splits a surrogate pair or an entity', () => {
    expect(truncate('ab😀cdef', 4)).toBe('ab…');
    expect(truncate('abc&amp;def', 6)).toBe('abc…');
  });
});

describe('linesWithin', () => {
  it('keeps whole lines and says how many were left out', () => {
    const lines = Array.from({ length: 10 }, (_, index) => `line ${index}`);
    const text = linesWithin(lines, 40, (left) => `+${left} more`);
    expect(text.length).toBeLessThanOrEqual(40);
    expect(text).toMatch(/^line 0\nline 1\n.*\+\d more$/s);
    expect(linesWithin(['a', 'b'], 40, () => 'never')).toBe('a\nb');
  });
});

describe('checkMessageLimits', () => {
  it('accepts a valid message', () => {
    expect(checkMessageLimits(message(ok, { type: 'divider' }))).toEqual([]);
  });

  it('requires the text fallback on messages', () => {
    expect(checkMessageLimits({ blocks: [ok] })).toEqual(['message: text (the notification fallback) is missing']);
    expect(checkMessageLimits({ text: '', blocks: [ok] })).toEqual([
      'message: text (the notification fallback) is empty',
    ]);
  });

  it('counts blocks: 50 in a message, 100 in a view', () => {
    expect(checkMessageLimits(message(...Array(51).fill(ok)))).toEqual(['message: 51 blocks; the limit is 50']);
    expect(checkMessageLimits({ type: 'home', blocks: Array(100).fill(ok) })).toEqual([]);
    expect(checkMessageLimits({ type: 'home', blocks: Array(101).fill(ok) })).toEqual([
      'home: 101 blocks; the limit is 100',
    ]);
  });

  it.each([
    [
      'header text',
      { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } },
      /header.*151 characters; the limit is 150/,
    ],
    [
      'section text',
      { type: 'section', text: { type: 'mrkdwn', text: 's'.repeat(3001) } },
      /section.*3,001 characters/,
    ],
    ['empty section text', { type: 'section', text: { type: 'mrkdwn', text: '' } }, /section.*text is empty/],
    ['section without content', { type: 'section' }, /needs text or fields/],
    [
      '11 fields',
      { type: 'section', fields: Array(11).fill({ type: 'mrkdwn', text: 'f' }) },
      /11 fields; the limit is 10/,
    ],
    ['long field', { type: 'section', fields: [{ type: 'mrkdwn', text: 'f'.repeat(2001) }] }, /field 1 is 2,001/],
    [
      '11 context elements',
      { type: 'context', elements: Array(11).fill({ type: 'mrkdwn', text: 'c' }) },
      /11 elements; the limit is 10/,
    ],
    [
      'button text',
      { type: 'actions', elements: [button({ text: { type: 'plain_text', text: 'b'.repeat(76) } })] },
      /button: text is 76/,
    ],
    ['button value', { type: 'actions', elements: [button({ value: 'v'.repeat(2001) })] }, /button: value is 2,001/],
    ['action_id', { type: 'actions', elements: [button({ action_id: 'a'.repeat(256) })] }, /action_id is 256/],
    [
      'mrkdwn button',
      { type: 'actions', elements: [button({ text: { type: 'mrkdwn', text: 'x' } })] },
      /must be plain_text/,
    ],
    ['duplicate action ids', { type: 'actions', elements: [button({}), button({})] }, /"go" is used twice/],
    ['accessory button', { ...ok, accessory: button({ value: 'v'.repeat(2001) }) }, /button: value is 2,001/],
    [
      'option text and value',
      {
        ...ok,
        accessory: {
          type: 'static_select',
          action_id: 's',
          options: [{ text: { type: 'plain_text', text: 'o'.repeat(76) }, value: 'v'.repeat(151) }],
        },
      },
      /option 1: text is 76[\s\S]*option 1: value is 151/,
    ],
  ])('reports %s', (_, block, expected) => {
    const problems = checkMessageLimits(message(block));
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join('\n')).toMatch(expected);
  });

  it('reports duplicate block ids', () => {
    expect(checkMessageLimits(message({ ...ok, block_id: 'x' }, { ...ok, block_id: 'x' }))).toEqual([
      'block 2: block_id "x" is used twice',
    ]);
  });

  it('checks a modal: title, submit, inputs', () => {
    const input = {
      type: 'input',
      label: { type: 'plain_text', text: 'L' },
      element: { type: 'plain_text_input', action_id: 'n', max_length: 3001 },
    };
    const problems = checkMessageLimits({
      type: 'modal',
      title: { type: 'plain_text', text: 'A title that is far too long' },
      blocks: [input],
    });
    expect(problems).toEqual([
      'modal: title is 28 characters; the limit is 24',
      'modal: has inputs but no submit button',
      'block 1 (input) plain_text_input: max_length 3001; the limit is 3000',
    ]);
  });

  it('checks options responses', () => {
    expect(checkOptions(Array(101).fill({ text: { type: 'plain_text', text: 'o' }, value: 'v' }))).toEqual([
      'options: 101 options; the limit is 100',
    ]);
    expect(checkOptions([{ text: { type: 'plain_text', text: 'o' } }])).toEqual(['options option 1: value is missing']);
  });
});
