import { describe, expect, it } from 'vitest';
import { parseDigestCommand, VENDOR_NAME_MAX } from '../../src/digest/parse-digest-command.js';

describe('parseDigestCommand', () => {
  it('reads the digest actions, in any case', () => {
    for (const action of ['on', 'off', 'status', 'preview'] as const) {
      expect(parseDigestCommand(`digest ${action}`)).toEqual({ kind: 'digest', action });
    }
    expect(parseDigestCommand('  Digest   ON ')).toEqual({ kind: 'digest', action: 'on' });
  });

  it('reads watchlist changes with the vendor name as typed', () => {
    expect(parseDigestCommand('watch add Change  Healthcare')).toEqual({
      kind: 'watch',
      action: 'add',
      vendor: 'Change Healthcare',
    });
    expect(parseDigestCommand('watch rm HealthEC')).toEqual({ kind: 'watch', action: 'remove', vendor: 'HealthEC' });
    expect(parseDigestCommand('watch list')).toEqual({ kind: 'watch', action: 'list' });
  });

  it('answers a mistaken digest or watch command with its usage, not a search', () => {
    expect(parseDigestCommand('digest')).toMatchObject({ kind: 'usage', topic: 'digest' });
    expect(parseDigestCommand('digest weekly please')).toMatchObject({ kind: 'usage', topic: 'digest' });
    expect(parseDigestCommand('watch')).toMatchObject({ kind: 'usage', topic: 'watch' });
    expect(parseDigestCommand('watch add')).toMatchObject({ kind: 'usage', problem: expect.stringMatching(/vendor/) });
    expect(parseDigestCommand(`watch add ${'x'.repeat(VENDOR_NAME_MAX + 1)}`)).toMatchObject({ kind: 'usage' });
  });

  it('leaves everything else to the search', () => {
    expect(parseDigestCommand('healthec')).toBeUndefined();
    expect(parseDigestCommand('digestive health clinic breach')).toBeUndefined();
    expect(parseDigestCommand('')).toBeUndefined();
  });
});
