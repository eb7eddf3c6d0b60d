import { describe, expect, it } from 'vitest';
import { LimitChecks, responseProblems } from '../../../src/playground/emulator/limit-checks.js';
import { HEADER_TEXT_MAX, MAX_MESSAGE_BLOCKS, OPTIONS_MAX } from '../../../src/views/blocks/limits.js';
import { startCheckedEmulator } from '../../support/checked-emulator.js';

const option = (n: number) => ({ text: { type: 'plain_text', text: `Option ${n}` }, value: `v${n}` });
const divider = { type: 'divider' };
const tooLongHeader = { type: 'header', text: { type: 'plain_text', text: 'x'.repeat(HEADER_TEXT_MAX + 1) } };

describe("the emulator's Block Kit limit checks", () => {
  it('checks what the app answers a request with, by what kind of answer it is', () => {
    expect(responseProblems(undefined)).toEqual([]);
    expect(responseProblems({})).toEqual([]);
    expect(responseProblems({ text: 'ok', blocks: [divider] })).toEqual([]);
    expect(responseProblems({ text: 'ok', blocks: Array(MAX_MESSAGE_BLOCKS + 1).fill(divider) })).toEqual([
      `message: ${MAX_MESSAGE_BLOCKS + 1} blocks; the limit is ${MAX_MESSAGE_BLOCKS}`,
    ]);
    // A message needs its notification fallback.
    expect(responseProblems({ blocks: [divider] })).toEqual(['message: text (the notification fallback) is missing']);
    const many = Array.from({ length: OPTIONS_MAX + 1 }, (_, n) => option(n));
    expect(responseProblems({ options: many })).toEqual([`options: ${OPTIONS_MAX + 1} options; the limit is 100`]);
    expect(responseProblems({ option_groups: [{ options: many.slice(0, 60) }, { options: many.slice(60) }] })).toEqual([
      `options: ${OPTIONS_MAX + 1} options; the limit is 100`,
    ]);
    expect(responseProblems({ response_action: 'errors', errors: { block: 'Pick one.' } })).toEqual([]);
    const modal = { type: 'modal', title: { type: 'plain_text', text: 'Share' }, blocks: [tooLongHeader] };
    expect(responseProblems({ response_action: 'update', view: modal })).toHaveLength(1);
  });

  it('keeps where each violation was, naming the message by its fallback text', () => {
    const limits = new LimitChecks();
    limits.message('chat.postMessage to C1', { text: 'HealthEC LLC', blocks: [tooLongHeader] });
    limits.message('response_url post', { delete_original: true });
    limits.view('views.publish', { type: 'home', blocks: [divider] });
    expect(limits.violations).toEqual([
      { where: 'chat.postMessage to C1 "HealthEC LLC"', problems: [expect.stringContaining('header')] },
    ]);
  });

  it('tells a listener of every violation, but keeps only the first 100', () => {
    const heard: string[] = [];
    const limits = new LimitChecks((violation) => heard.push(violation.where));
    for (let n = 0; n < 120; n++) limits.message(`chat.postMessage ${n}`, { blocks: [divider] });
    expect(heard).toHaveLength(120);
    expect(limits.violations).toHaveLength(100);
    expect(limits.violations[0]?.where).toBe('chat.postMessage 0');
  });

  it("fails the test's emulator on close when the app broke a limit, however it sent it", async () => {
    const emulator = await startCheckedEmulator();
    await fetch(`${emulator.url}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: 'Bearer xoxb-1-test', 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'C0GENERAL1', text: 'too many', blocks: Array(51).fill(divider) }),
    });
    await fetch(emulator.responseUrl('r1'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ blocks: [divider] }),
    });
    await expect(emulator.close()).rejects.toThrow(
      /2 thing\(s\) that break Block Kit's limits:\n- chat\.postMessage to C0GENERAL1 "too many": message: 51 blocks.*\n- response_url post: message: text/s,
    );
  });
});
