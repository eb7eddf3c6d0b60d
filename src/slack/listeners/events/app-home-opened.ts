import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { dataAsOf, latestIncidents } from '../../../answer/stats.js';
import { appHomeView } from '../../../views/blocks/app-home.js';
import type { ListenerDeps } from '../../listener-deps.js';

export function appHomeOpenedCallback({ service, digest }: ListenerDeps) {
  return async ({ event, client, logger }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_home_opened'>) => {
    if (event.tab !== 'home') return;
    try {
      const [digestChannels, watchlist] = digest
        ? await Promise.all([digest.subscriptions.channelIds(), digest.watchlist.names()])
        : [[], []];
      const view = appHomeView({
        latest: latestIncidents(service.dataset.incidents, 5),
        dataAsOf: dataAsOf(service.dataset.incidents),
        digestChannels,
        watchlist,
      });
      await client.views.publish({ user_id: event.user, view });
    } catch (error) {
      logger.error('app_home_opened: could not publish the home tab', { error: (error as Error).message });
    }
  };
}
