import type { App } from '@slack/bolt';
import { ACTION_SHARE, ACTION_SHOW, ACTION_STEPS } from '../../../views/blocks/ids.js';
import type { ListenerDeps } from '../../listener-deps.js';
import { shareInChannelCallback } from './share-in-channel.js';
import { showIncidentCallback } from './show-incident.js';
import { showStepsCallback } from './show-steps.js';

export function register(app: App, deps: ListenerDeps): void {
  app.action(ACTION_SHARE, shareInChannelCallback(deps));
  app.action(ACTION_STEPS, showStepsCallback(deps));
  app.action(ACTION_SHOW, showIncidentCallback(deps));
}
