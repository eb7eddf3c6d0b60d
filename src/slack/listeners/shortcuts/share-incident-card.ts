import type { AllMiddlewareArgs, GlobalShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { shareModalView } from '../../../views/blocks/share-modal.js';
import { describeSlackFailure, rateLimitedFor } from '../../slack-errors.js';

const SHORTCUT_BUSY_TEXT = 'Slack is busy right now, so the share form did not open. Please try again in a minute.';

/** "Share incident card": the modal with the incident picker, the channel picker and a note. */
export async function shareIncidentCardCallback({
  ack,
  shortcut,
  client,
  logger,
}: AllMiddlewareArgs & SlackShortcutMiddlewareArgs<GlobalShortcut>) {
  await ack();
  try {
    await client.views.open({ trigger_id: shortcut.trigger_id, view: shareModalView() });
  } catch (error) {
    logger.error('share shortcut: could not open the modal', { error: describeSlackFailure(error) });
    // A shortcut has no response_url: without this DM the person would see nothing happen at all.
    if (rateLimitedFor(error) === undefined) return;
    await client.chat
      .postMessage({ channel: shortcut.user.id, text: SHORTCUT_BUSY_TEXT })
      .catch((dmError: unknown) =>
        logger.warn('share shortcut: could not tell the person', { error: describeSlackFailure(dmError) }),
      );
  }
}
