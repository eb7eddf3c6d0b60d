import type { App } from '@slack/bolt';
import { ACTION_SHARE_INCIDENT } from '../../../views/blocks/ids.js';
import type { ListenerDeps } from '../../listener-deps.js';
import { incidentOptionsCallback } from './incident-options.js';

export function register(app: App, deps: ListenerDeps): void {
  app.options({ action_id: ACTION_SHARE_INCIDENT }, incidentOptionsCallback(deps));
}
