import type { App } from '@slack/bolt';
import { describe, expect, it, vi } from 'vitest';
import { eventCallbackPayload } from '../../../../src/playground/emulator/payloads.js';
import type { ListenerDeps } from '../../../../src/slack/listener-deps.js';
import { type EventArgs, eventDispatcher } from '../../../../src/slack/listeners/events/event-dispatcher.js';
import { register } from '../../../../src/slack/listeners/events/index.js';
import { offlineBoltApp } from '../../../support/offline-bolt-app.js';

/** Which event callback ran, by the name of the factory that made it. */
const reached = vi.hoisted(() => [] as string[]);

vi.mock('../../../../src/slack/listeners/events/app-mention.js', () => ({
  appMentionCallback: () => async () => void reached.push('appMention'),
}));
vi.mock('../../../../src/slack/listeners/events/direct-message.js', () => ({
  directMessageCallback: () => async () => void reached.push('directMessage'),
}));
vi.mock('../../../../src/slack/listeners/events/app-home-opened.js', () => ({
  appHomeOpenedCallback: () => async () => void reached.push('appHomeOpened'),
}));

async function deliver(app: App, event: Record<string, unknown>): Promise<string[]> {
  reached.length = 0;
  await app.processEvent({ body: eventCallbackPayload({ event }), ack: async () => {} });
  return [...reached];
}

const FROM = { user: 'U0PERSON1', ts: '1700000000.000100' };

describe('the events', () => {
  it('share one Bolt registration, and each event type reaches its own callback', async () => {
    const app = offlineBoltApp();
    const event = vi.spyOn(app, 'event');
    register(app, {} as ListenerDeps);
    expect(event).toHaveBeenCalledTimes(1);

    expect(
      await deliver(app, { type: 'app_mention', channel: 'C0GENERAL1', text: '<@U0TESTBOT> hi', ...FROM }),
    ).toEqual(['appMention']);
    expect(
      await deliver(app, { type: 'message', channel: 'D0DIRECT01', channel_type: 'im', text: 'hi', ...FROM }),
    ).toEqual(['directMessage']);
    expect(await deliver(app, { type: 'app_home_opened', channel: 'D0DIRECT01', tab: 'home', ...FROM })).toEqual([
      'appHomeOpened',
    ]);
  });

  it('leave other event types alone', async () => {
    const app = offlineBoltApp();
    register(app, {} as ListenerDeps);
    expect(await deliver(app, { type: 'reaction_added', reaction: 'eyes', ...FROM })).toEqual([]);
    expect(await deliver(app, { type: 'message_metadata_posted', channel: 'C0GENERAL1', ...FROM })).toEqual([]);
  });
});

describe('eventDispatcher', () => {
  it('logs an event type without a callback at debug and does nothing else', async () => {
    const mention = vi.fn(async () => {});
    const { pattern, callback } = eventDispatcher({ app_mention: mention });
    expect(pattern.test('app_mention')).toBe(true);
    expect(pattern.test('app_mentions')).toBe(false);
    const debug = vi.fn();
    const say = vi.fn();
    const args = { event: { type: 'reaction_added' }, say, logger: { debug } } as unknown as EventArgs;
    await callback(args);
    expect(debug).toHaveBeenCalledWith('event without a callback', { type: 'reaction_added' });
    expect(mention).not.toHaveBeenCalled();
    expect(say).not.toHaveBeenCalled();
  });
});
