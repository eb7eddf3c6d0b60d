import type { AllMiddlewareArgs, SlackOptionsMiddlewareArgs } from '@slack/bolt';
import { incidentOptions } from '../../../views/blocks/share-modal.js';
import type { ListenerDeps } from '../../listener-deps.js';

/** Slack allows at most 100 options in an external select. */
const MAX_OPTIONS = 100;

/** The share modal's incident picker: the same search as /breach, as the person types. */
export function incidentOptionsCallback({ service }: ListenerDeps) {
  return async ({ ack, payload }: AllMiddlewareArgs & SlackOptionsMiddlewareArgs<'block_suggestion'>) => {
    const typed = typeof payload.value === 'string' ? payload.value : '';
    await ack(incidentOptions(service.search(typed, MAX_OPTIONS)));
  };
}
