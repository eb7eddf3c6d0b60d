import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../../listener-deps.js';
import { appHomeOpenedCallback } from './app-home-opened.js';
import { appMentionCallback } from './app-mention.js';
import { directMessageCallback } from './direct-message.js';
import { eventDispatcher } from './event-dispatcher.js';

export function register(app: App, deps: ListenerDeps): void {
  const events = eventDispatcher({
    app_mention: appMentionCallback(deps),
    message: directMessageCallback(deps),
    app_home_opened: appHomeOpenedCallback(deps),
  });
  app.event(events.pattern, events.callback);
}
