import type { TrainingRunner } from '../delivery/training-runner.js';
import type { Clock } from '../digest/clock.js';
import type { Store } from '../store/store.js';
import type { TrainingCommand } from '../training/parse-training-command.js';
import type { TrainingCommandOutcome } from '../training/training-command-outcome.js';
import { type Announce, changeSubscription } from './channel-subscription.js';
import { TrainingSubscriptions } from './training-subscriptions.js';

export interface TrainingCommandRequest {
  channelId: string;
  userId: string;
  /** How `training on` tells the channel; only called when a subscription is added. */
  announce: Announce;
}

/** What the Slack listeners need for `/breach training …`. */
export interface TrainingServices {
  subscriptions: TrainingSubscriptions;
  commands: TrainingCommands;
}

/** What the training services are built from: `openDigest` gives all of it. */
export interface TrainingFeature {
  store: Store;
  trainingRunner: TrainingRunner;
  clock: Clock;
  /** When set, only these users may turn the training on or off. */
  adminUserIds: readonly string[] | undefined;
}

/** Runs `/breach training …`: who may, and what each one does. */
export class TrainingCommands {
  constructor(
    private readonly subscriptions: TrainingSubscriptions,
    /** When set, only these users may turn the training on or off; anyone may look. */
    private readonly adminUserIds: readonly string[] | undefined,
  ) {}

  async run(command: TrainingCommand, request: TrainingCommandRequest): Promise<TrainingCommandOutcome> {
    if (command.kind === 'usage') return command;
    const admins = this.adminUserIds;
    const changes = command.action === 'on' || command.action === 'off';
    if (admins && changes && !admins.includes(request.userId)) return { kind: 'refused', admins };
    const { channelId, userId } = request;
    switch (command.action) {
      case 'on':
      case 'off':
        return changeSubscription(this.subscriptions, command.action, request);
      case 'status':
        return { kind: 'status', status: await this.subscriptions.status(channelId) };
      case 'preview':
        return { kind: 'preview', preview: await this.subscriptions.preview(channelId, userId) };
    }
  }
}

export function createTrainingServices({
  store,
  trainingRunner,
  clock,
  adminUserIds,
}: TrainingFeature): TrainingServices {
  const subscriptions = new TrainingSubscriptions({ store, runner: trainingRunner, clock });
  return { subscriptions, commands: new TrainingCommands(subscriptions, adminUserIds) };
}
