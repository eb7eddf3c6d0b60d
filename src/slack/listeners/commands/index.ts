import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../../listener-deps.js';
import { breachCommandCallback } from './breach-command.js';

export function register(app: App, deps: ListenerDeps): void {
  app.command('/breach', breachCommandCallback(deps));
}
