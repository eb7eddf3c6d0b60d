import type { TrainingServices } from '../../../services/training-commands.js';
import type { TrainingCommand } from '../../../training/parse-training-command.js';
import type { TrainingCommandOutcome } from '../../../training/training-command-outcome.js';
import { trainingCommandReply, trainingTurnedOnAnnouncement } from '../../../views/blocks/training-admin.js';
import { announceIn, answerStoredCommand, type DigestCommandContext } from './digest-subcommand.js';

/**
 * `/breach training …`, after the ack: it reads and writes the store, `training on` posts in the
 * channel and `preview` may build a quiz, so the answer goes through `respond` (ephemeral).
 */
export async function runTrainingSubcommand(
  training: TrainingServices | undefined,
  command: TrainingCommand,
  ctx: DigestCommandContext,
): Promise<void> {
  await answerStoredCommand<TrainingCommandOutcome>(ctx, {
    label: 'training command',
    name: command.kind === 'usage' ? 'training usage' : `training ${command.action}`,
    run: async () =>
      training
        ? training.commands.run(command, {
            channelId: ctx.channelId,
            userId: ctx.userId,
            announce: announceIn(ctx, 'training on', (nextRun) =>
              trainingTurnedOnAnnouncement(ctx.userId, nextRun, training.subscriptions.timeZone),
            ),
          })
        : { kind: 'unavailable' },
    reply: trainingCommandReply,
    changed: (outcome) => outcome.kind === 'turned-on' || outcome.kind === 'turned-off',
  });
}
