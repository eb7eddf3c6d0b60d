import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { channelProblemText, shareFailedText } from '../../../views/blocks/channel-problem.js';
import { BLOCK_SHARE_CHANNEL } from '../../../views/blocks/ids.js';
import { checkShareSubmission, type ShareModalValues } from '../../../views/blocks/share-modal.js';
import { sharedCardMessage } from '../../../views/blocks/shared-card.js';
import { requestKey } from '../../event-deduper.js';
import type { ListenerDeps } from '../../listener-deps.js';
import { describeSlackFailure, slackErrorCode } from '../../slack-errors.js';

/** Slack waits 3 s for a view submission's ack; this leaves room for the ack itself to travel. */
export const VIEW_ACK_DEADLINE_MS = 2_500;

type Posted = { kind: 'posted' } | { kind: 'failed'; error: unknown };

/**
 * Submit on the share modal. The card is posted before the modal closes, so that a channel the bot
 * cannot post in shows as an error next to the channel picker instead of failing silently. A post
 * still waiting on Slack near the ack deadline (a 429 being waited out) must not make Slack show
 * "We had some trouble connecting" while the card goes out anyway, inviting a second submit and a
 * second card: the modal closes then, and a failure reaches the person in the app's DM.
 */
export function shareModalSubmissionCallback({
  service,
  deduper,
  viewAckDeadlineMs = VIEW_ACK_DEADLINE_MS,
}: ListenerDeps) {
  return async ({ ack, view, body, client, logger }: AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>) => {
    const share = checkShareSubmission(view.state.values as ShareModalValues, service.incident);
    if ('errors' in share) {
      await ack({ response_action: 'errors', errors: share.errors });
      return;
    }
    const { incident, channel, note } = share;
    // A replayed submission would post the card again.
    if (!(await deduper.firstTime(requestKey('share-modal', body)))) {
      await ack();
      logger.info('share modal: a repeat of a submission already handled, ignored', { channel });
      return;
    }
    const userId = body.user.id;
    const message = sharedCardMessage(incident, service.stepsFor(incident), { sharedBy: userId, note });
    const posted: Promise<Posted> = client.chat.postMessage({ channel, ...message }).then(
      () => ({ kind: 'posted' }),
      (error: unknown) => {
        logger.warn('share modal: post failed', { channel, code: describeSlackFailure(error) });
        return { kind: 'failed', error };
      },
    );
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), viewAckDeadlineMs);
    });
    const first = await Promise.race([posted, late]);
    clearTimeout(timer);
    if (first !== 'late') {
      if (first.kind === 'posted') await ack();
      else
        await ack({
          response_action: 'errors',
          errors: { [BLOCK_SHARE_CHANNEL]: channelProblemText(slackErrorCode(first.error)) },
        });
      return;
    }
    await ack();
    logger.info('share modal: closed before Slack took the card', { channel });
    const outcome = await posted;
    if (outcome.kind === 'posted') return;
    try {
      // A user id as the channel lands in the app's Messages tab with that person.
      await client.chat.postMessage({
        channel: userId,
        text: shareFailedText(incident.organization, channel, slackErrorCode(outcome.error)),
      });
    } catch (error) {
      logger.error('share modal: could not tell the person the share failed', {
        code: slackErrorCode(error) ?? (error as Error).message,
      });
    }
  };
}
