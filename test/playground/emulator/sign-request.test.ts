import { verifySlackRequest } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { blockActionsPayload } from '../../../src/playground/emulator/payloads.js';
import {
  eventBody,
  interactionBody,
  signedHeaders,
  slashCommandBody,
} from '../../../src/playground/emulator/sign-request.js';

const SECRET = 'fake-signing-secret';

function verify(
  body: string,
  headers: { 'x-slack-signature': string; 'x-slack-request-timestamp': string },
  secret = SECRET,
) {
  verifySlackRequest({
    signingSecret: secret,
    body,
    headers: {
      'x-slack-signature': headers['x-slack-signature'],
      'x-slack-request-timestamp': Number(headers['x-slack-request-timestamp']),
    },
  });
}

describe('signedHeaders', () => {
  it('produces a signature Bolt accepts', () => {
    const body = slashCommandBody({ text: 'acme' });
    expect(() => verify(body, signedHeaders(body, SECRET))).not.toThrow();
  });

  it('matches a known v0 signature', () => {
    // Worked example from Slack's "Verifying requests from Slack" guide.
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    expect(signedHeaders(body, '8f742231b10e8888abcd99yyyzzz85a5', 1531420618)['x-slack-signature']).toBe(
      'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
    );
  });

  it('is rejected by Bolt when forged or tampered', () => {
    const body = eventBody({
      event: { type: 'app_mention', text: '<@U0FAKEBOT1> acme', user: 'U1', channel: 'C1', ts: '1.2' },
    });
    const headers = signedHeaders(body, SECRET);
    expect(() => verify(body, headers, 'another-secret')).toThrow(/signature mismatch/);
    expect(() => verify(body.replace('acme', 'evil'), headers)).toThrow(/signature mismatch/);
    expect(() => verify(body, { ...headers, 'x-slack-signature': 'v0=00' })).toThrow(/signature mismatch/);
    const stale = signedHeaders(body, SECRET, Math.floor(Date.now() / 1000) - 10 * 60);
    expect(() => verify(body, stale)).toThrow(/stale/);
  });
});

describe('request bodies', () => {
  it('form-encodes a slash command with the fields Slack sends', () => {
    const fields = new URLSearchParams(slashCommandBody({ text: 'acme corp', response_url: 'http://127.0.0.1/r' }));
    expect(fields.get('command')).toBe('/breach');
    expect(fields.get('text')).toBe('acme corp');
    expect(fields.get('response_url')).toBe('http://127.0.0.1/r');
    expect(fields.get('trigger_id')).toBeTruthy();
  });

  it('wraps interactions in a single payload field', () => {
    const body = interactionBody(blockActionsPayload({ action_id: 'show_steps', value: 'acme' }));
    const payload: unknown = JSON.parse(new URLSearchParams(body).get('payload') ?? '');
    expect(payload).toMatchObject({ type: 'block_actions', actions: [{ action_id: 'show_steps', value: 'acme' }] });
  });
});
