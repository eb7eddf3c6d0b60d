import type { App } from '@slack/bolt';
import { VIEW_SHARE } from '../../../views/blocks/ids.js';
import type { ListenerDeps } from '../../listener-deps.js';
import { shareModalSubmissionCallback } from './share-modal-submission.js';

export function register(app: App, deps: ListenerDeps): void {
  app.view(VIEW_SHARE, shareModalSubmissionCallback(deps));
}
