import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { dataAsOf, latestIncidents } from '../../../answer/stats.js';
import type { SourceOverview } from '../../../sources/source-overview.js';
import { appHomeView } from '../../../views/blocks/app-home.js';
import type { ListenerDeps } from '../../listener-deps.js';
import { describeSlackFailure } from '../../slack-errors.js';

export function appHomeOpenedCallback({ service, digest, sources }: ListenerDeps) {
  return async ({ event, client, logger }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_home_opened'>) => {
    if (event.tab !== 'home') return;
    try {
      const [digestChannels, watchlist, personalWatches, stale] = await Promise.all([
        digest ? digest.subscriptions.channelIds() : [],
        digest ? digest.watchlist.names() : [],
        // The viewer's own list, by the event's user: the Home tab is published to that user alone.
        digest
          ? digest.personalWatches.list(event.user).then((watches) => watches.map((watch) => watch.name))
          : undefined,
        staleFor(sources, event.user, logger),
      ]);
      const view = appHomeView({
        latest: latestIncidents(service.dataset.incidents, 5),
        dataAsOf: dataAsOf(service.dataset.incidents),
        digestChannels,
        watchlist,
        ...(personalWatches && { personalWatches }),
        ...(sources && stale.length > 0 && { stale: { sources: stale, now: sources.now() } }),
      });
      await client.views.publish({ user_id: event.user, view });
    } catch (error) {
      logger.error('app_home_opened: could not publish the home tab', { error: describeSlackFailure(error) });
    }
  };
}

/** A warning is extra: when the lists cannot be read, the Home tab still opens, without it. */
async function staleFor(
  sources: ListenerDeps['sources'],
  userId: string,
  logger: AllMiddlewareArgs['logger'],
): Promise<SourceOverview[]> {
  if (!sources) return [];
  try {
    return await sources.staleFor(userId);
  } catch (error) {
    logger.warn('app_home_opened: could not read the sources', { error: (error as Error).message });
    return [];
  }
}
