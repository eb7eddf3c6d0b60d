import type { App, BlockAction } from '@slack/bolt';
import { describe, expect, it, vi } from 'vitest';
import { blockActionsPayload } from '../../../../src/playground/emulator/payloads.js';
import type { ListenerDeps } from '../../../../src/slack/listener-deps.js';
import {
  type BlockActionArgs,
  blockActionDispatcher,
} from '../../../../src/slack/listeners/actions/block-action-dispatcher.js';
import { register } from '../../../../src/slack/listeners/actions/index.js';
import { ACTION_SHARE, ACTION_SHARE_CHANNEL, ACTION_SHOW, ACTION_STEPS } from '../../../../src/views/blocks/ids.js';
import { offlineBoltApp } from '../../../support/offline-bolt-app.js';

/** Which button callback ran, by the name of the factory that made it. */
const reached = vi.hoisted(() => [] as string[]);

vi.mock('../../../../src/slack/listeners/actions/share-in-channel.js', () => ({
  shareInChannelCallback: () => async () => void reached.push('shareInChannel'),
}));
vi.mock('../../../../src/slack/listeners/actions/show-steps.js', () => ({
  showStepsCallback: () => async () => void reached.push('showSteps'),
}));
vi.mock('../../../../src/slack/listeners/actions/show-incident.js', () => ({
  showIncidentCallback: () => async () => void reached.push('showIncident'),
}));

async function click(app: App, actionId: string): Promise<string[]> {
  reached.length = 0;
  await app.processEvent({
    body: blockActionsPayload({ action_id: actionId, value: 'healthec-2023' }),
    ack: async () => {},
  });
  return [...reached];
}

/** What Bolt hands a block action listener, with spies where the dispatcher could act. */
function argsFor(actionId: string) {
  const ack = vi.fn(async () => {});
  const respond = vi.fn(async () => {});
  const say = vi.fn(async () => {});
  const debug = vi.fn();
  const body = blockActionsPayload({ action_id: actionId }) as unknown as BlockAction;
  const args = {
    ack,
    respond,
    say,
    body,
    payload: body.actions[0],
    action: body.actions[0],
    logger: { debug, info: vi.fn(), warn: vi.fn(), error: vi.fn() },
    client: {},
    context: {},
    next: vi.fn(),
  } as unknown as BlockActionArgs;
  return { args, ack, respond, say, debug };
}

describe('the incident buttons', () => {
  it('share one Bolt registration, and each action id reaches its own callback', async () => {
    const app = offlineBoltApp();
    const action = vi.spyOn(app, 'action');
    register(app, {} as ListenerDeps);
    expect(action).toHaveBeenCalledTimes(1);

    expect(await click(app, ACTION_SHARE)).toEqual(['shareInChannel']);
    expect(await click(app, ACTION_STEPS)).toEqual(['showSteps']);
    expect(await click(app, ACTION_SHOW)).toEqual(['showIncident']);
  });

  it('leave other action ids alone, including ones that merely contain a button id', async () => {
    const app = offlineBoltApp();
    register(app, {} as ListenerDeps);
    expect(await click(app, ACTION_SHARE_CHANNEL)).toEqual([]);
    expect(await click(app, `${ACTION_SHARE}_2`)).toEqual([]);
    expect(await click(app, `x${ACTION_SHOW}`)).toEqual([]);
  });
});

describe('blockActionDispatcher', () => {
  it('matches exactly its action ids, taken literally', () => {
    const { constraints } = blockActionDispatcher({ 'a.b': async () => {}, c: async () => {} });
    expect(constraints.type).toBe('block_actions');
    expect(['a.b', 'c'].map((id) => constraints.action_id.test(id))).toEqual([true, true]);
    expect(['axb', 'a.bc', 'cc', ''].map((id) => constraints.action_id.test(id))).toEqual([false, false, false, false]);
  });

  it('hands the args, unchanged, to the callback for the action id', async () => {
    const first = vi.fn(async () => {});
    const second = vi.fn(async () => {});
    const { callback } = blockActionDispatcher({ first, second });
    const { args, ack } = argsFor('second');
    await callback(args);
    expect(second).toHaveBeenCalledWith(args);
    expect(first).not.toHaveBeenCalled();
    // Acking is the callback's business, not done twice.
    expect(ack).not.toHaveBeenCalled();
  });

  it('acks an unknown action id, logs it at debug, and does nothing else', async () => {
    const known = vi.fn(async () => {});
    const { callback } = blockActionDispatcher({ known });
    const { args, ack, respond, say, debug } = argsFor('unknown_button');
    await callback(args);
    expect(ack).toHaveBeenCalledTimes(1);
    expect(ack).toHaveBeenCalledWith();
    expect(debug).toHaveBeenCalledWith('block action without a callback', { actionId: 'unknown_button' });
    expect(known).not.toHaveBeenCalled();
    expect(respond).not.toHaveBeenCalled();
    expect(say).not.toHaveBeenCalled();
  });
});
