import type { App } from '@slack/bolt';
import { SHORTCUT_SHARE } from '../../../views/blocks/ids.js';
import type { ListenerDeps } from '../../listener-deps.js';
import { shareIncidentCardCallback } from './share-incident-card.js';

export function register(app: App, _deps: ListenerDeps): void {
  app.shortcut(SHORTCUT_SHARE, shareIncidentCardCallback);
}
