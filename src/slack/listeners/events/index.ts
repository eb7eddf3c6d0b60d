import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../../listener-deps.js';
import { appHomeOpenedCallback } from './app-home-opened.js';
import { appMentionCallback } from './app-mention.js';
import { directMessageCallback } from './direct-message.js';

export function register(app: App, deps: ListenerDeps): void {
  app.event('app_mention', appMentionCallback(deps));
  app.event('message', directMessageCallback(deps));
  app.event('app_home_opened', appHomeOpenedCallback(deps));
}
