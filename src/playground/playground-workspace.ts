import type { AppFeatures } from './app-manifest.js';
import type { SlackEmulatorOptions } from './emulator/web-api-server.js';

/**
 * The people the page can act as: two, so that what one does can be seen (or not) by the other, as
 * when a trainer's quiz is answered by several people.
 */
export const PLAYGROUND_PEOPLE = [
  { id: 'U0ALEX0001', name: 'alex', realName: 'Alex' },
  { id: 'U0SAM00002', name: 'sam', realName: 'Sam' },
] as const;

/** Who the page acts as until told otherwise. */
export const PLAYGROUND_PERSON = PLAYGROUND_PEOPLE[0];

/** A small workspace: where people talk, the security team's channel, and a trainer's. */
export const PLAYGROUND_CHANNELS = [
  { id: 'C0GENERAL1', name: 'general' },
  { id: 'C0SECURITY', name: 'security' },
  { id: 'C0TRAINING', name: 'training' },
] as const;

export const PLAYGROUND_TEAM_NAME = 'breachbot playground';

export function playgroundWorkspace(features: AppFeatures, botToken: string): SlackEmulatorOptions {
  return {
    teamId: 'T0PLAYGRND',
    teamDomain: 'breachbot-playground',
    botName: features.botName,
    botToken,
    channels: Object.fromEntries(
      PLAYGROUND_CHANNELS.map((channel) => [channel.id, { visibility: 'public', name: channel.name, isMember: true }]),
    ),
    // Only the channels above exist, as in a real workspace.
    unknownChannels: 'not_found',
    users: Object.fromEntries(
      PLAYGROUND_PEOPLE.map((person) => [person.id, { name: person.name, realName: person.realName }]),
    ),
    unknownUsers: 'not_found',
    // The playground runs for hours: keep no log of calls for tests to inspect.
    record: false,
  };
}
