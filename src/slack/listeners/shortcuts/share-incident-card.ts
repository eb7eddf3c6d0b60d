import type { AllMiddlewareArgs, GlobalShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { shareModalView } from '../../../views/blocks/share-modal.js';

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
    logger.error('share shortcut: could not open the modal', { error: (error as Error).message });
  }
}
