import type { AllMiddlewareArgs, RespondFn } from '@slack/bolt';
import type { SourcesCommand } from '../../../digest/parse-digest-command.js';
import type { SourceStatus } from '../../../services/source-status.js';
import type { SlackMessage } from '../../../views/blocks/answer-message.js';
import { digestUsageMessage, noticeMessage } from '../../../views/blocks/digest-admin.js';
import { sourcesMessage } from '../../../views/blocks/sources-message.js';

export interface SourcesCommandContext {
  respond: RespondFn;
  logger: AllMiddlewareArgs['logger'];
}

/**
 * `/breach sources`, after the ack: the first read after a sync gunzips every stored list, which
 * may take longer than Slack waits for an ack, so the answer goes through `respond` (ephemeral).
 */
export async function runSourcesSubcommand(
  sources: SourceStatus | undefined,
  command: SourcesCommand,
  ctx: SourcesCommandContext,
): Promise<void> {
  let message: SlackMessage;
  if (command.kind === 'usage') message = digestUsageMessage(command.topic, command.problem);
  else if (!sources) message = noticeMessage('The official lists’ sync status is not available in this breachbot.');
  else {
    try {
      message = sourcesMessage({
        overviews: await sources.overviews(),
        syncEnabled: sources.syncEnabled,
        now: sources.now(),
      });
    } catch (error) {
      ctx.logger.error('sources command: could not read the sources', { error: (error as Error).message });
      message = noticeMessage('Sorry, I could not read the official lists’ status. Please try again.');
    }
  }
  try {
    await ctx.respond({ response_type: 'ephemeral', ...message });
  } catch (error) {
    ctx.logger.warn('sources command: the reply failed', { error: (error as Error).message });
  }
}
