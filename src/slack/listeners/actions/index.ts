import type { App } from '@slack/bolt';
import { ACTION_FULL_DETAILS, ACTION_SHARE, ACTION_SHOW, ACTION_STEPS } from '../../../views/blocks/ids.js';
import type { ListenerDeps } from '../../listener-deps.js';
import { blockActionDispatcher } from './block-action-dispatcher.js';
import { shareInChannelCallback } from './share-in-channel.js';
import { showFullDetailsCallback } from './show-full-details.js';
import { showIncidentCallback } from './show-incident.js';
import { showStepsCallback } from './show-steps.js';

export function register(app: App, deps: ListenerDeps): void {
  const buttons = blockActionDispatcher({
    [ACTION_SHARE]: shareInChannelCallback(deps),
    [ACTION_STEPS]: showStepsCallback(deps),
    [ACTION_SHOW]: showIncidentCallback(deps),
    [ACTION_FULL_DETAILS]: showFullDetailsCallback(deps),
  });
  app.action(buttons.constraints, buttons.callback);
}
