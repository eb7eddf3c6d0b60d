import type { DigestFeature } from '../delivery/open-digest.js';
import type { DigestCommandOutcome } from '../digest/digest-command-outcome.js';
import type { DigestCommand } from '../digest/parse-digest-command.js';
import { type Announce, changeSubscription } from './channel-subscription.js';
import { DigestSubscriptions } from './digest-subscriptions.js';
import { PersonalWatches, type PersonalWatchUpdate } from './personal-watch.js';
import { Watchlist } from './watchlist.js';

export interface DigestCommandRequest {
  channelId: string;
  userId: string;
  /** How `digest on` tells the channel; only called when a subscription is added. */
  announce: Announce;
}

/** The digest, the watchlist and each person's own watch list, for the Slack listeners and the Home tab. */
export interface DigestServices {
  subscriptions: DigestSubscriptions;
  watchlist: Watchlist;
  personalWatches: PersonalWatches;
  commands: DigestCommands;
}

const changes = (command: DigestCommand) =>
  (command.kind === 'digest' && (command.action === 'on' || command.action === 'off')) ||
  (command.kind === 'watch' && command.action !== 'list');

/** Runs `/breach digest …`, `/breach watch …` and `/breach watch me …`: who may, and what each one does. */
export class DigestCommands {
  constructor(
    private readonly subscriptions: DigestSubscriptions,
    private readonly watchlist: Watchlist,
    /** When set, only these users may change subscriptions and the watchlist; anyone may look. */
    private readonly adminUserIds: readonly string[] | undefined,
    private readonly personalWatches: PersonalWatches,
  ) {}

  async run(command: DigestCommand, request: DigestCommandRequest): Promise<DigestCommandOutcome> {
    if (command.kind === 'usage') return command;
    // Before the admin check: a person's own list is theirs to change, and nobody else's to touch.
    if (command.kind === 'watch-me') return this.runWatchMe(command, request.userId);
    const admins = this.adminUserIds;
    if (admins && changes(command) && !admins.includes(request.userId)) return { kind: 'refused', admins };
    const { channelId } = request;
    if (command.kind === 'watch') {
      if (command.action === 'list') return { kind: 'watchlist', watchlist: await this.watchlist.list() };
      const update =
        command.action === 'add'
          ? await this.watchlist.add(command.vendor, request.userId)
          : await this.watchlist.remove(command.vendor);
      return { kind: 'watchlist', ...update };
    }
    switch (command.action) {
      case 'on':
      case 'off':
        return changeSubscription(this.subscriptions, command.action, request);
      case 'status':
        return { kind: 'status', status: await this.subscriptions.status(channelId) };
      case 'preview':
        return { kind: 'preview', ...(await this.subscriptions.preview()) };
    }
  }

  /** Only ever `userId`'s list: the request's user, never a name from the command's text. */
  private async runWatchMe(
    command: Extract<DigestCommand, { kind: 'watch-me' }>,
    userId: string,
  ): Promise<DigestCommandOutcome> {
    const watches = this.personalWatches;
    const outcome = (update: PersonalWatchUpdate): DigestCommandOutcome => ({
      kind: 'personal-watchlist',
      limit: watches.limit,
      ...update,
    });
    switch (command.action) {
      case 'list':
        return { kind: 'personal-watchlist', watches: await watches.list(userId), limit: watches.limit };
      case 'add':
        return outcome(await watches.add(userId, command.name));
      case 'remove':
        return outcome(await watches.remove(userId, command.name));
      case 'clear':
        return outcome(await watches.clear(userId));
    }
  }
}

export function createDigestServices({ store, runner, clock, adminUserIds }: DigestFeature): DigestServices {
  const subscriptions = new DigestSubscriptions({ store, runner, clock });
  const watchlist = new Watchlist({ store, clock, incidents: () => runner.incidents });
  const personalWatches = new PersonalWatches({ store, clock });
  return {
    subscriptions,
    watchlist,
    personalWatches,
    commands: new DigestCommands(subscriptions, watchlist, adminUserIds, personalWatches),
  };
}
