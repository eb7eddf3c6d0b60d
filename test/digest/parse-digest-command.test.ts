import { describe, expect, it } from 'vitest';
import {
  PERSONAL_WATCH_NAME_MAX,
  parseBreachSubcommand,
  parseDigestCommand,
  VENDOR_NAME_MAX,
} from '../../src/digest/parse-digest-command.js';

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

  it('reads `watch me` as the asker’s own list, with the name as typed', () => {
    expect(parseDigestCommand('watch me add Blue  Cross Blue Shield')).toEqual({
      kind: 'watch-me',
      action: 'add',
      name: 'Blue Cross Blue Shield',
    });
    for (const alias of ['remove', 'rm', 'delete', 'RM']) {
      expect(parseDigestCommand(`watch me ${alias} Mercy`)).toEqual({
        kind: 'watch-me',
        action: 'remove',
        name: 'Mercy',
      });
    }
    expect(parseDigestCommand('Watch ME list')).toEqual({ kind: 'watch-me', action: 'list' });
    expect(parseDigestCommand('watch me ls')).toEqual({ kind: 'watch-me', action: 'list' });
    expect(parseDigestCommand('watch me')).toEqual({ kind: 'watch-me', action: 'list' });
    expect(parseDigestCommand('watch me clear')).toEqual({ kind: 'watch-me', action: 'clear' });
  });

  it('says what is wrong with a mistaken `watch me` command', () => {
    expect(parseDigestCommand('watch me frobnicate')).toEqual({
      kind: 'usage',
      topic: 'watch-me',
      problem: "I don't know `watch me frobnicate`.",
    });
    expect(parseDigestCommand('watch me add')).toMatchObject({
      topic: 'watch-me',
      problem: expect.stringMatching(/Name the organisation to add/),
    });
    expect(parseDigestCommand('watch me remove')).toMatchObject({
      topic: 'watch-me',
      problem: expect.stringMatching(/remove/),
    });
    expect(parseDigestCommand('watch me clear Mercy')).toMatchObject({
      topic: 'watch-me',
      problem: expect.stringMatching(/takes nothing/),
    });
    expect(parseDigestCommand('watch me list all')).toMatchObject({ kind: 'usage', topic: 'watch-me' });
    expect(parseDigestCommand(`watch me add ${'x'.repeat(PERSONAL_WATCH_NAME_MAX)}`)).toMatchObject({
      kind: 'watch-me',
    });
    expect(parseDigestCommand(`watch me add ${'x'.repeat(PERSONAL_WATCH_NAME_MAX + 1)}`)).toMatchObject({
      kind: 'usage',
      problem: expect.stringMatching(/at most 100 characters/),
    });
  });

  it('keeps the company watchlist as it was, even for a vendor whose name starts with "me"', () => {
    expect(parseDigestCommand('watch add Me Health')).toEqual({ kind: 'watch', action: 'add', vendor: 'Me Health' });
    expect(parseDigestCommand('watch list')).toEqual({ kind: 'watch', action: 'list' });
    expect(parseDigestCommand('watch mine')).toMatchObject({ kind: 'usage', topic: 'watch' });
  });
});

describe('parseBreachSubcommand', () => {
  it('reads `sources` alone, in any case, and answers words after it with its usage', () => {
    expect(parseBreachSubcommand(' Sources ')).toEqual({ kind: 'sources' });
    expect(parseBreachSubcommand('sources hhs')).toMatchObject({
      kind: 'usage',
      topic: 'sources',
      problem: expect.stringContaining('`hhs`'),
    });
  });

  it('reads the digest’s and the watch lists’ commands as parseDigestCommand does, and leaves the rest to the search', () => {
    for (const text of ['digest on', 'watch add Okta', 'watch me', 'digest']) {
      expect(parseBreachSubcommand(text)).toEqual(parseDigestCommand(text));
    }
    expect(parseBreachSubcommand('sourcesafe breach')).toBeUndefined();
    expect(parseBreachSubcommand('healthec')).toBeUndefined();
  });
});
